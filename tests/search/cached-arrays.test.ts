/**
 * scripts/search/cached-arrays.ts: typed arrays kept in cache files, read back only when sound, and kept in several
 * places at once (the project's cache, then the install's).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { arraysFileBytes, cachedInFiles, readArraysFile } from "../../scripts/search/cached-arrays.ts";
import { whileUnwritable } from "../helpers/unwritable.ts";

const KEY = Buffer.alloc(32, 7);
const KINDS = [Uint32Array, Uint16Array] as const;
const arrays = () => [new Uint32Array([1, 2, 70000]), new Uint16Array([0x61, 0xe5, 0x2603])];
const plain = (list: Array<Uint32Array | Uint16Array> | undefined) => list?.map((array) => [...array]);

describe("a cache file of typed arrays", () => {
  it("reads back the arrays it was made from, each aligned, also from a buffer that starts at an odd offset", () => {
    const bytes = arraysFileBytes("lysarkts", 3, KEY, arrays());
    expect(plain(readArraysFile(bytes, "lysarkts", 3, KEY, KINDS))).toEqual(plain(arrays()));
    const shifted = Buffer.alloc(bytes.length + 1).subarray(1);
    bytes.copy(shifted);
    expect(plain(readArraysFile(shifted, "lysarkts", 3, KEY, KINDS))).toEqual(plain(arrays()));
  });

  it("refuses another magic, format, key or set of arrays, a truncated or lengthened file, and a changed payload", () => {
    const bytes = arraysFileBytes("lysarkts", 3, KEY, arrays());
    expect(readArraysFile(bytes, "lysarkxx", 3, KEY, KINDS)).toBeUndefined();
    expect(readArraysFile(bytes, "lysarkts", 4, KEY, KINDS)).toBeUndefined();
    expect(readArraysFile(bytes, "lysarkts", 3, Buffer.alloc(32, 8), KINDS)).toBeUndefined();
    expect(readArraysFile(bytes, "lysarkts", 3, KEY, [Uint32Array, Uint16Array, Uint16Array])).toBeUndefined();
    expect(readArraysFile(bytes.subarray(0, bytes.length - 2), "lysarkts", 3, KEY, KINDS)).toBeUndefined();
    expect(readArraysFile(Buffer.concat([bytes, Buffer.alloc(2)]), "lysarkts", 3, KEY, KINDS)).toBeUndefined();
    expect(readArraysFile(Buffer.from("not a cache file"), "lysarkts", 3, KEY, KINDS)).toBeUndefined();
    const changed = Buffer.from(bytes);
    changed[changed.length - 1]! ^= 0xff;
    expect(readArraysFile(changed, "lysarkts", 3, KEY, KINDS)).toBeUndefined();
    // The same payload with the lengths told differently: the sizes no longer add up.
    const relaid = Buffer.from(bytes);
    relaid.writeUInt32LE(2, 16);
    expect(readArraysFile(relaid, "lysarkts", 3, KEY, KINDS)).toBeUndefined();
  });
});

describe("a value kept in several cache files", () => {
  let work: string;
  let project: string;
  let install: string;
  let made: number;
  beforeEach(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-cached-arrays-"));
    project = path.join(work, "project", ".cache", "value.bin");
    install = path.join(work, "node_modules", ".cache", "value.bin");
    made = 0;
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));
  const load = (files = [project, install]) =>
    cachedInFiles(
      files,
      (bytes) => plain(readArraysFile(bytes, "lysarkts", 1, KEY, KINDS)),
      () => {
        made++;
        return plain(arrays())!;
      },
      (value) => arraysFileBytes("lysarkts", 1, KEY, [Uint32Array.from(value[0]!), Uint16Array.from(value[1]!)]),
    );

  it("is made once and written into every file; later read from the first", () => {
    expect(load()).toEqual({ value: plain(arrays()), source: "made" });
    expect(readFileSync(project).equals(readFileSync(install))).toBe(true);
    expect(load()).toEqual({ value: plain(arrays()), source: "cache" });
    expect(made).toBe(1);
  });

  it("is taken from a later file when the first lacks it, and written into the first", () => {
    load([install]);
    expect(existsSync(project)).toBe(false);
    expect(load()).toEqual({ value: plain(arrays()), source: "cache" });
    expect(made).toBe(1);
    expect(readFileSync(project).equals(readFileSync(install))).toBe(true);
  });

  it("passes over a damaged file, and replaces it with the sound one", () => {
    load();
    writeFileSync(project, "damaged");
    expect(load().source).toBe("cache");
    expect(made).toBe(1);
    expect(readFileSync(project).equals(readFileSync(install))).toBe(true);
    // Both damaged: made again, and both written again.
    writeFileSync(project, "damaged");
    writeFileSync(install, "damaged");
    expect(load().source).toBe("made");
    expect(readFileSync(project).equals(readFileSync(install))).toBe(true);
    expect(load().source).toBe("cache");
  });

  it("gives the value when no file can be written, and leaves nothing behind", async (context) => {
    await whileUnwritable(work, context, () => {
      expect(load()).toEqual({ value: plain(arrays()), source: "made" });
    });
    expect(readdirSync(work)).toEqual([]);
  });

  it("gives the value when a file's folder cannot be made, and still writes the others", () => {
    // A file where the first file's folder would be.
    mkdirSync(path.join(work, "project"));
    writeFileSync(path.join(work, "project", ".cache"), "a file, not a folder");
    expect(load()).toEqual({ value: plain(arrays()), source: "made" });
    expect(existsSync(install)).toBe(true);
    expect(load().source).toBe("cache");
    expect(made).toBe(1);
  });
});

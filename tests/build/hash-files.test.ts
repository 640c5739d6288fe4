/** The whole-site cache's hashing, shared with a second thread for many files. */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HASH_THREAD_FROM, hashFiles } from "../../scripts/build/hash-files.ts";

describe("hashFiles", () => {
  let dir: string;
  let files: string[];
  const contents = new Map<string, string>();
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "lysark-hash-"));
    // Enough files for the second thread, each different, so an answer out of order would show.
    files = Array.from({ length: HASH_THREAD_FROM + 11 }, (_, i) => {
      const file = path.join(dir, `f${i}.txt`);
      contents.set(file, `fil ${i}\n`.repeat(1 + (i % 7)));
      writeFileSync(file, contents.get(file)!);
      return file;
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const expected = (list: string[]) => list.map((file) => createHash("sha256").update(contents.get(file)!).digest("hex"));

  it("gives each file's SHA-256 in the order given, with the second half hashed on a thread", async () => {
    expect(await hashFiles(files)).toEqual(expected(files));
    expect(await hashFiles(files.slice(0, 5))).toEqual(expected(files.slice(0, 5)));
    expect(await hashFiles([])).toEqual([]);
  });

  it("fails when a file cannot be read, in either half", async () => {
    const missing = path.join(dir, "missing.txt");
    await expect(hashFiles([missing, ...files])).rejects.toThrow(/ENOENT/);
    await expect(hashFiles([...files, missing])).rejects.toThrow(/ENOENT/);
  });
});

/** A file written in pieces: its bytes and its hash are those of the joined text, whatever the pieces' sizes. */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { encodeUtf8, HashedFile, writePieces } from "../../scripts/content/hashed-file.ts";

// Made in a hook, not while the file's tests are collected: a filtered run or `vitest list` runs no afterAll to remove it.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lysark-hashed-file-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

it("writes the joined text and returns its SHA-256, across many buffered writes and letters of two to four bytes", () => {
  const pieces = Array.from({ length: 5000 }, (_, i) => `${i}: Tønsberg – Jūba 🇸🇸 ${"x".repeat(i % 97)}\n`);
  const file = path.join(dir, "pieces.txt");
  const hash = writePieces(file, pieces);
  const text = pieces.join("");
  expect(Buffer.byteLength(text)).toBeGreaterThan(4 * 65536);
  expect(readFileSync(file, "utf8")).toBe(text);
  expect(hash).toBe(sha256(text));
  expect(writePieces(path.join(dir, "none.txt"), [])).toBe(sha256(""));
});

it("hashes each part since the last digest, from a prefix it is told of but does not write", () => {
  const file = path.join(dir, "parts.txt");
  const out = new HashedFile(file);
  out.write("body");
  const body = out.digest();
  out.write("\n");
  out.rehash("prefix\0");
  out.write("stamps");
  const stamps = out.digest();
  out.close();
  expect([body, stamps]).toEqual([sha256("body"), sha256("prefix\0stamps")]);
  expect(readFileSync(file, "utf8")).toBe("body\nstamps");
});

it("keeps a letter of two UTF-16 units whole when the pieces split it, as the joined text has it", () => {
  const flag = "🇸🇸";
  // Every split of the flag's four units, at the start, the middle and the end of a piece, and a lone half at the end.
  const pieces = ["a", flag.slice(0, 1), flag.slice(1, 3), flag.slice(3), "b\uD83C", "\uDDF8c", "end\uD83C"];
  const file = path.join(dir, "pairs.txt");
  const hash = writePieces(file, pieces);
  const text = pieces.join("");
  expect(readFileSync(file)).toEqual(Buffer.from(text));
  expect(hash).toBe(sha256(text));
});

it("writes a piece larger than its buffer, and files open at once or one after another apart", () => {
  const large = `${"å".repeat(70000)}🇸🇸${"x".repeat(100000)}`;
  const first = path.join(dir, "first.txt");
  const second = path.join(dir, "second.txt");
  const a = new HashedFile(first);
  const b = new HashedFile(second);
  for (let i = 0; i < 3000; i++) {
    a.write(`a${i} Tønsberg\n`);
    b.write(`b${i} Jūba\n`);
  }
  a.write(large);
  const hashes = [a.digest(), b.digest()];
  a.close();
  b.close();
  const texts = [0, 1].map((k) => Array.from({ length: 3000 }, (_, i) => (k ? `b${i} Jūba\n` : `a${i} Tønsberg\n`)).join(""));
  texts[0] += large;
  expect(hashes).toEqual(texts.map(sha256));
  expect([readFileSync(first, "utf8"), readFileSync(second, "utf8")]).toEqual(texts);
  // The next files take the closed files' buffers: nothing of what those held comes through.
  expect(writePieces(path.join(dir, "after.txt"), ["short"])).toBe(sha256("short"));
  expect(readFileSync(path.join(dir, "after.txt"), "utf8")).toBe("short");
});

it("encodes a text as UTF-8 in one buffer it reuses, and a text too large for it in its own", () => {
  const small = "Tønsberg – Jūba 🇸🇸";
  // More than the shared buffer holds in UTF-8 itself, not only by the three-bytes-a-unit bound.
  const large = `${"æ".repeat(400_000)}🇸🇸${"€".repeat(100_000)}`;
  expect(Buffer.byteLength(large)).toBeGreaterThan(2 ** 20);
  const first = Buffer.from(encodeUtf8(small));
  expect(first).toEqual(Buffer.from(small));
  expect(encodeUtf8(large)).toEqual(Buffer.from(large));
  const again = encodeUtf8("a");
  expect(again).toEqual(Buffer.from("a"));
  // The same memory as the first call's: the caller writes and hashes it before encoding anything else.
  expect(encodeUtf8("bc").buffer).toBe(again.buffer);
});

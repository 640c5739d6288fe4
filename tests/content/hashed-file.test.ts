/** A file written in pieces: its bytes and its hash are those of the joined text, whatever the pieces' sizes. */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { HashedFile, writePieces } from "../../scripts/content/hashed-file.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "lysark-hashed-file-"));
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

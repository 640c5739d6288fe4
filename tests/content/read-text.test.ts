/** Reading a content file: the size limit is checked on the bytes, before anything is decoded or parsed. */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../scripts/content/limits.ts";
import { decodeContentFile, TextFileError } from "../../scripts/content/read-text.ts";

describe("decodeContentFile", () => {
  it("reads a file of exactly the limit, and refuses one byte more with the size, the limit and the fix", () => {
    const atLimit = new Uint8Array(LIMITS.documentBytes).fill(0x61);
    expect(decodeContentFile(atLimit)).toHaveLength(LIMITS.documentBytes);
    const over = new Uint8Array(LIMITS.documentBytes + 1).fill(0x61);
    expect(() => decodeContentFile(over)).toThrow(TextFileError);
    expect(() => decodeContentFile(over)).toThrow(/^is 2\.0 MB; the limit is 2 MB\. Split the document or move large material into an attachment\.$/u);
  });
});

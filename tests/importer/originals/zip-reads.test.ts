/**
 * A .pptx/.docx is a zip: only its directory is read first, and each entry is unpacked (and its checksum checked) when
 * it is read. jszip's own CRC check unpacked every entry before the bomb checks: a 1 MB file whose directory named one
 * stream of a gigabyte of zeros many times took minutes before it was refused.
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { makeDeck } from "./fixtures.js";
import { importError, imp } from "./helpers.js";

/** The deck with `name` stored uncompressed, then one byte of `text` in it changed behind the zip's back. */
async function tampered(name: string, content: string, text: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await makeDeck());
  zip.file(name, content, { compression: "STORE" });
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  const at = bytes.indexOf(Buffer.from(text));
  expect(at).toBeGreaterThan(0);
  bytes[at] = bytes[at]! ^ 1;
  return bytes;
}

describe("reading an original's zip", () => {
  it("never unpacks an entry it does not read: a damaged one there does not stop the import", async () => {
    const deck = await tampered("ppt/ubrukt/data.bin", "Ingen leser denne filen.", "Ingen leser");
    expect((await imp(deck, "deck.pptx")).markdown).toContain("## Forankring og oppstart");
  });

  it("checks each entry it reads against the zip's checksum, naming the entry", async () => {
    const slide = await (await JSZip.loadAsync(await makeDeck())).file("ppt/slides/slide1.xml")!.async("string");
    const e = await importError(await tampered("ppt/slides/slide1.xml", slide, "Forankring og oppstart"), "deck.pptx");
    expect(e.code).toBe("corrupt");
    expect(e.text).toMatch(
      /^deck\.pptx: is damaged: "ppt\/slides\/slide1\.xml" does not unpack to what the zip says it holds \(its checksum differs\)\n {2}fix: /u,
    );
  });
});

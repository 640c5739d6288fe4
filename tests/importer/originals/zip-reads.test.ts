/**
 * A .pptx/.docx is a zip: only its directory is read first, and each entry is unpacked (and its checksum checked) when
 * it is read. jszip's own CRC check unpacked every entry before the bomb checks: a 1 MB file whose directory named one
 * stream of a gigabyte of zeros many times took minutes before it was refused. Every entry is read within the budget
 * before a library or program that opens the zip itself (mammoth, LibreOffice) sees it, each costing it once.
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../scripts/importer/originals/limits.js";
import { openOoxml, packageForDrawing } from "../../../scripts/importer/originals/ooxml.js";
import { makeDeck, makeReport } from "./fixtures.js";
import { importError } from "./helpers.js";

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
  it("opens the zip without unpacking its entries: a damaged one is found when it is read, not at load", async () => {
    const deck = await tampered("ppt/ubrukt/data.bin", "Ingen leser denne filen.", "Ingen leser");
    const pkg = await openOoxml(deck, "deck.pptx", "pptx", { ...DEFAULT_LIMITS });
    expect(await pkg.text("ppt/presentation.xml")).toContain("sldIdLst");
    await expect(pkg.bytes("ppt/ubrukt/data.bin")).rejects.toThrow(/"ppt\/ubrukt\/data\.bin" does not unpack to what the zip says it holds/u);
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

/** The zip with `name`'s unpacked size written as `size` in both its headers: what a bomb says of itself. */
function lyingAbout(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const nameBytes = Buffer.from(name);
  for (const [signature, sizeAt, nameAt] of [
    [0x04034b50, 22, 30],
    [0x02014b50, 24, 46],
  ] as const) {
    for (let at = out.indexOf(nameBytes); at !== -1; at = out.indexOf(nameBytes, at + 1)) {
      const header = at - nameAt;
      if (header >= 0 && out.readUInt32LE(header) === signature) out.writeUInt32LE(size, header + sizeAt);
    }
  }
  return out;
}

describe("a part Lysark does not read itself", () => {
  it("is unpacked within the budget before mammoth opens the Word file, so one that lies about its size is refused", async () => {
    const zip = await JSZip.loadAsync(await makeReport());
    zip.file("word/styles.xml", Buffer.alloc(4 * 1024 * 1024, 0x20));
    const bytes = lyingAbout(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }), "word/styles.xml", 1000);
    const e = await importError(bytes, "rapport.docx", { limits: { maxUnpackedBytes: 1024 * 1024 } });
    expect(e.code).toBe("zip-bomb");
    expect(e.text).toMatch(/^rapport\.docx: unpacks to more than 1\.0 MB \(while reading "word\/styles\.xml"\); refused as a possible zip bomb/u);
  });

  it("costs the budget once however often it is read", async () => {
    const deck = await makeDeck();
    const pkg = await openOoxml(deck, "deck.pptx", "pptx", { ...DEFAULT_LIMITS });
    const sizes = await Promise.all(pkg.names().map(async (name) => (await pkg.bytes(name))!.length));
    const total = sizes.reduce((sum, size) => sum + size, 0);
    // Room for every part once: reading them all again (as the copy for LibreOffice does) must not run out.
    const tight = await openOoxml(deck, "deck.pptx", "pptx", { ...DEFAULT_LIMITS, maxUnpackedBytes: total + 1 });
    await tight.readAll();
    await tight.readAll();
    await expect(packageForDrawing(tight)).resolves.toBeInstanceOf(Uint8Array);
  });
});

/** Bad originals: each is refused with an error naming the file and a fix; nothing is parsed further. */
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../../scripts/content/limits.ts";
import { compoundFile, makeDeck, makeReport, withEntries } from "./fixtures.js";
import { importError, imp } from "./helpers.js";

describe("bad originals", () => {
  it("refuses a .ppt (or .doc) saved with the new extension", async () => {
    const e = await importError(compoundFile(), "gammel.pptx");
    expect(e.code).toBe("legacy");
    expect(e.text).toMatch(
      /^gammel\.pptx: is an old binary \.ppt file with a \.pptx name.*\n  fix: open it in PowerPoint or LibreOffice and save it as \.pptx/u,
    );
    expect((await importError(compoundFile(), "gammel.docx")).text).toMatch(/^gammel\.docx: is an old binary \.doc file/u);
  });

  it("refuses a password-protected Office file", async () => {
    const e = await importError(compoundFile("EncryptionInfo"), "hemmelig.pptx");
    expect(e.code).toBe("protected");
    expect(e.text).toMatch(/^hemmelig\.pptx: is password-protected.*\n  fix: .*remove the password/u);
  });

  it("refuses a corrupt file: not a zip, or a truncated zip", async () => {
    expect((await importError(Buffer.from("hei, dette er tekst"), "tekst.pptx")).text).toMatch(
      /^tekst\.pptx: is not a \.pptx file: it does not start like a zip package/u,
    );
    const deck = await makeDeck({ pictureAlt: "Bilde" });
    const cut = await importError(deck.subarray(0, Math.floor(deck.length / 2)), "avkuttet.pptx");
    expect(cut.code).toBe("corrupt");
    expect(cut.text).toMatch(/^avkuttet\.pptx: is damaged/u);
  });

  it("refuses a Word file named .pptx, saying what it is", async () => {
    const e = await importError(await makeReport(), "rapport.pptx");
    expect(e.text).toMatch(/^rapport\.pptx: is a Word file, not a PowerPoint file.*\n  fix: rename it to the right extension \(\.docx\)/u);
  });

  it("refuses a zip bomb before unpacking it", async () => {
    // 4 MB of zeros packs into a few kB: far beyond any real picture's or XML part's ratio.
    const bomb = await withEntries(await makeDeck({ pictureAlt: "Bilde" }), { "ppt/media/zeros.png": new Uint8Array(4_000_000) });
    const e = await importError(bomb, "bombe.pptx");
    expect(e.code).toBe("zip-bomb");
    expect(e.text).toMatch(/^bombe\.pptx: is refused as a zip bomb: "ppt\/media\/zeros\.png" unpacks from .* to 4.0 MB/u);
  });

  it("refuses a package that unpacks to more than the limit, even at a normal ratio", async () => {
    const e = await importError(await makeDeck({ pictureAlt: "Bilde" }), "stor.pptx", { limits: { maxUnpackedBytes: 10_000 } });
    expect(e.code).toBe("zip-bomb");
    expect(e.text).toMatch(/^stor\.pptx: unpacks to .* more than the limit/u);
  });

  it("refuses macros and embedded objects without opening them", async () => {
    const macro = await withEntries(await makeDeck({ pictureAlt: "Bilde" }), { "ppt/vbaProject.bin": "not run" });
    const m = await importError(macro, "makro.pptx");
    expect(m.code).toBe("macros");
    expect(m.text).toMatch(/^makro\.pptx: contains macros or ActiveX controls \(ppt\/vbaProject\.bin\); they are never run/u);
    const embedded = await withEntries(await makeReport(), { "word/embeddings/oleObject1.bin": "not opened" });
    const o = await importError(embedded, "innebygd.docx");
    expect(o.code).toBe("embedded");
    expect(o.text).toMatch(/^innebygd\.docx: contains embedded object\(s\) \(word\/embeddings\/oleObject1\.bin\)/u);
  });

  it("refuses a very large file before reading it", async () => {
    const e = await importError(await makeDeck({ pictureAlt: "Bilde" }), "enorm.pptx", { limits: { maxFileBytes: 1000 } });
    expect(e.code).toBe("too-large");
    expect(e.text).toMatch(/^enorm\.pptx: is .* MB, larger than the limit of 0\.0 MB\n  fix: compress its pictures/u);
  });

  it("refuses an original of more slides or sections than one document may have, which the check would refuse", async () => {
    const sections = (count: number) =>
      Array.from({ length: count }, (_, i) => [
        new Paragraph({ text: `Kapittel ${i + 1}`, heading: HeadingLevel.HEADING_1 }),
        new Paragraph({ text: `Tekst i kapittel ${i + 1}.` }),
      ]).flat();
    const report = async (count: number) => Packer.toBuffer(new Document({ sections: [{ children: sections(count) }] }));
    const e = await importError(await report(LIMITS.slidesPerDocument + 1), "lang.docx");
    expect(e.code).toBe("too-large");
    expect(e.text).toMatch(/^lang\.docx: has 1,001 slides or sections, more than the 1,000 one document may have\n  fix: split it into parts/u);
    const imported = await imp(await report(LIMITS.slidesPerDocument), "lang.docx");
    expect(imported.markdown.match(/^## /gmu)).toHaveLength(LIMITS.slidesPerDocument);
  });

  it("refuses an original whose text makes a document larger than the check allows", async () => {
    const words = (count: number) => Array.from({ length: count }, (_, i) => `ord${i}`).join(" ");
    const report = async (count: number) =>
      Packer.toBuffer(
        new Document({
          sections: [{ children: [new Paragraph({ text: "Rapport", heading: HeadingLevel.HEADING_1 }), new Paragraph({ text: words(count) })] }],
        }),
      );
    const e = await importError(await report(230_000), "lang.docx");
    expect(e.code).toBe("too-large");
    expect(e.text).toMatch(/^lang\.docx: makes a document of 2\.1 MB, more than the 2 MB one document file may have\n {2}fix: split it into parts/u);
  });

  it("refuses an empty file and an unknown extension", async () => {
    expect((await importError(new Uint8Array(0), "tom.pdf")).code).toBe("empty");
    expect((await importError(Buffer.from("x"), "notat.odp")).text).toMatch(/^notat\.odp: has the extension "\.odp"/u);
  });
});

/**
 * A Word file's pictures: mammoth unpacks them from its own copy of the zip, so their bytes count against the same
 * budget as openOoxml's reads (a 1 MB picture referred to 1,000 times wrote 1.1 GB), and a picture referred to again is
 * written once.
 */
import JSZip from "jszip";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { makeReport, withEntries } from "./fixtures.js";
import { importError, imp } from "./helpers.js";

/** The report with its one picture's paragraph repeated `times` times in a row, the picture 300 × 300 pixels of noise. */
async function repeatedPicture(times: number): Promise<Buffer> {
  const report = await makeReport({ pictureAlt: "Kart over kommunen" });
  const zip = await JSZip.loadAsync(report);
  const xml = await zip.file("word/document.xml")!.async("string");
  const paragraph = /<w:p>(?:(?!<w:p>).)*?<w:drawing>.*?<\/w:p>/su.exec(xml)![0];
  const media = Object.keys(zip.files).find((name) => name.startsWith("word/media/"))!;
  const noise = await sharp({ create: { width: 300, height: 300, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
    .png()
    .toBuffer();
  return withEntries(report, { "word/document.xml": xml.replace(paragraph, paragraph.repeat(times)), [media]: noise });
}

describe("a Word file's pictures", () => {
  it("are written once however often the document refers to them", async () => {
    const { files, markdown, report } = await imp(await repeatedPicture(3), "rapport.docx");
    const pictures = files.filter((file) => file.path.endsWith(".png"));
    expect(pictures).toHaveLength(1);
    expect(markdown.split(`](${pictures[0]!.path})`)).toHaveLength(4);
    expect(report.pictures).toHaveLength(3);
  });

  it("count against the unpacking budget each time they are unpacked", async () => {
    const bytes = await repeatedPicture(40);
    const picture = (await imp(bytes, "rapport.docx")).files.find((file) => file.path.endsWith(".png"))!.data.length;
    const zip = await JSZip.loadAsync(bytes);
    const entries = await Promise.all(Object.values(zip.files).map(async (entry) => (entry.dir ? 0 : (await entry.async("uint8array")).length)));
    // Room for the package's parts as they lie, and ten more copies of the picture: not forty.
    const limits = { maxUnpackedBytes: entries.reduce((sum, size) => sum + size, 0) + 10 * picture };
    const e = await importError(bytes, "rapport.docx", { limits });
    expect(e.code).toBe("zip-bomb");
    expect(e.text).toMatch(/^rapport\.docx: its pictures unpack to more than \d+\.\d MB \(at picture \d+\); refused as a possible zip bomb\n {2}fix: /u);
  });
});

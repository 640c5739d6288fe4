/**
 * What a PDF's pictures may cost: one larger than the site can publish is left out unread (pdfjs's maxImageSize; a 3 MB
 * PDF holding one 32,000 × 32,000 image of zeros took 6.2 GB to decode), and one painted again on its page is written
 * once (one image painted 5,000 times made 5,000 files). The report counts both.
 */
import { deflateSync } from "node:zlib";
import { concatTransformationMatrix, drawObject, PDFDocument, PDFName, popGraphicsState, pushGraphicsState, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { MAX_IMAGE_PIXELS, oversizedImages } from "../../../scripts/importer/originals/pdf-pictures.js";
import { makePdf } from "./fixtures.js";
import { imp } from "./helpers.js";

/** A report page with a grey image of `side` × `side` pixels drawn 100 points wide. */
async function reportWithImage(side: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText("Kulturstrategi for Testby", { x: 50, y: 780, size: 24, font });
  page.drawText("Teksten i rapporten.", { x: 50, y: 740, size: 11, font });
  const pixels = deflateSync(Buffer.alloc(side * side));
  const image = pdf.context.stream(pixels, {
    Type: "XObject",
    Subtype: "Image",
    Width: side,
    Height: side,
    ColorSpace: "DeviceGray",
    BitsPerComponent: 8,
    Filter: "FlateDecode",
  });
  page.node.setXObject(PDFName.of("Stor"), pdf.context.register(image));
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(100, 0, 0, 100, 50, 500), drawObject("Stor"), popGraphicsState());
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

describe("a PDF picture larger than the site can publish", () => {
  it("is left out unread, and the report counts it", async () => {
    const side = Math.ceil(Math.sqrt(MAX_IMAGE_PIXELS + 1));
    const bytes = await reportWithImage(side);
    expect(oversizedImages(bytes)).toBe(1);
    const { report, files } = await imp(bytes, "rapport.pdf");
    expect(files.filter((file) => file.path.endsWith(".png"))).toEqual([]);
    expect(report.readingNotes).toContain(
      `1 picture(s) larger than 50,000,000 pixels were left out unread, as the site cannot publish them — take them from the attached PDF, scaled down, if they matter`,
    );
    expect(report.readingNotes.join("\n")).not.toMatch(/could not be decoded/u);
  });

  it("counts no picture within the limit", async () => {
    expect(oversizedImages(await reportWithImage(100))).toBe(0);
  });
});

describe("a PDF picture painted again on its page", () => {
  it("is written once, and the report counts the repeats", async () => {
    const pictures = [100, 250, 400].map((top) => ({ top, width: 120, height: 90 }));
    const bytes = await makePdf([
      {
        lines: [
          { text: "Kulturstrategi for Testby", size: 24 },
          { text: "Tre like bilder.", size: 11 },
        ],
        pictures,
      },
    ]);
    const { report, files, markdown } = await imp(bytes, "rapport.pdf");
    expect(files.filter((file) => file.path.endsWith(".png"))).toHaveLength(1);
    expect(markdown.match(/!\[\]\(/gu)).toHaveLength(1);
    expect(report.readingNotes).toContain("2 picture(s) painted again on a page that already shows them were left out (kept once)");
  });
});

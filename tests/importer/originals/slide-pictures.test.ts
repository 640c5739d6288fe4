import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { findSoffice, makeSlidePictures, renderPdfPages, SlideShapeError } from "../../../scripts/importer/originals/slide-pictures.js";
import { makeDeck, makePdf, png } from "./fixtures.js";
import { imp } from "./helpers.js";

const soffice = findSoffice();
let dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), "lysark-slide-pictures-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe("slide pictures", () => {
  it("draws each page of a PDF to a PNG of the slide-picture width", async () => {
    const pages = await renderPdfPages(await makePdf([{ lines: [{ text: "En", size: 30 }] }, { lines: [{ text: "To", size: 30 }] }], { landscape: true }), 800);
    expect(pages).toHaveLength(2);
    const meta = await sharp(pages[0]!).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 800, 450]);
  });

  it("without LibreOffice, says the pictures were skipped", async () => {
    const r = await makeSlidePictures(await makeDeck(), { soffice: undefined, slideCount: 4 });
    expect(r.pictures).toBeUndefined();
    expect(r.status).toMatch(/^skipped: LibreOffice \(soffice\) is not installed/u);
  });

  it("makes the copy LibreOffice draws only when it starts LibreOffice", async () => {
    const forDrawing = () => Promise.reject(new Error("the copy was made"));
    const r = await makeSlidePictures(await makeDeck(), { soffice: undefined, slideCount: 4, forDrawing, skippedBecause: "switched off" });
    expect(r.status).toBe("skipped: switched off");
    await expect(makeSlidePictures(await makeDeck(), { soffice: "/nonexistent/soffice", slideCount: 4, forDrawing })).rejects.toThrow("the copy was made");
  });

  it("takes pictures from the cache by the file's hash, without LibreOffice", async () => {
    const deck = await makeDeck();
    const cache = tempDir();
    const folder = path.join(cache, createHash("sha256").update(deck).digest("hex"));
    mkdirSync(folder);
    for (let n = 1; n <= 4; n++) writeFileSync(path.join(folder, `slide-${n}.png`), await png());
    const r = await makeSlidePictures(deck, { soffice: undefined, slideCount: 4, cacheDir: cache });
    expect(r.pictures).toHaveLength(4);
    expect(r.status).toMatch(/taken from the cache/u);
    // A different deck (other bytes) is not served from that cache.
    expect((await makeSlidePictures(await makeDeck({ title: "Annen" }), { soffice: undefined, slideCount: 4, cacheDir: cache })).pictures).toBeUndefined();
    // Switched off (LYSARK_SLIDE_PICTURES=off) means none, cached ones too.
    const off = await makeSlidePictures(deck, { soffice: undefined, slideCount: 4, cacheDir: cache, skippedBecause: "switched off" });
    expect(off).toEqual({ pictures: undefined, status: "skipped: switched off" });
  });

  it("puts each slide picture first in its slide, with alt text from the slide text", async () => {
    const pictures = await Promise.all([1, 2, 3, 4].map(() => png("#ffffff")));
    const deck = await makeDeck({ pictureAlt: "Bilde" });
    const cache = tempDir();
    const folder = path.join(cache, createHash("sha256").update(deck).digest("hex"));
    mkdirSync(folder);
    pictures.forEach((p, i) => {
      writeFileSync(path.join(folder, `slide-${i + 1}.png`), p);
    });
    const { markdown, files } = await imp(deck, "deck.pptx", { cacheDir: cache });
    expect(markdown).toContain("## Tallene bak satsingen\n\n![Lysbilde 2: Tallene bak satsingen](internasjonal-satsing-i-testby/slide-2.png)\n\nKilde:");
    expect(files.map((f) => f.path)).toContain("internasjonal-satsing-i-testby/slide-4.png");
  });

  it.skipIf(!soffice)(
    "renders every slide, hidden ones too, with LibreOffice, and caches them",
    async () => {
      const deck = await makeDeck({ pictureAlt: "Bilde" });
      const cache = tempDir();
      const r = await makeSlidePictures(deck, { soffice, slideCount: 4, cacheDir: cache });
      expect(r.status).toBe("4 made with LibreOffice and cached");
      const meta = await sharp(r.pictures![0]!).metadata();
      expect([meta.format, meta.width]).toEqual(["png", 1600]);
      const again = await makeSlidePictures(deck, { soffice: "/nonexistent/soffice", slideCount: 4, cacheDir: cache });
      expect(again.status).toMatch(/taken from the cache/u);
    },
    180_000,
  );
});

describe("slides the site could not show as pictures", () => {
  it.each([
    ["56 inches by 1", [56 * 72, 72], /^the slides are 1600×29 pixels drawn: one side is more than 50 times the other/u],
    ["1 inch by 56", [72, 56 * 72], /^the slides are 1600×89600 pixels drawn: one side is more than 50 times the other/u],
  ])("are not drawn: a slide %s", async (_name, size, reason) => {
    const pdf = await PDFDocument.create();
    pdf.addPage(size as [number, number]);
    await expect(renderPdfPages(await pdf.save())).rejects.toThrow(SlideShapeError);
    await expect(renderPdfPages(await pdf.save())).rejects.toThrow(reason);
  });
});

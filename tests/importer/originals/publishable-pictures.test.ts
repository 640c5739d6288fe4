/**
 * A picture in an original that the site cannot publish (EMF, SVG, bytes that are no picture, one too thin to show)
 * is left out before the document is written, and the report says why with the check's own words: written, each
 * made a document that imported cleanly and that `npm run check` then refused.
 */
import JSZip from "jszip";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { makeDeck, withEntries } from "./fixtures.js";
import { imp } from "./helpers.js";

const RELS = "ppt/slides/_rels/slide3.xml.rels";

/** The deck with slide 3's picture replaced by `data`, stored under a name ending in `ext`. */
async function deckWithPicture(ext: string, data: Uint8Array | string): Promise<Buffer> {
  const deck = await makeDeck({ pictureAlt: "Bilde fra samlingen" });
  const zip = await JSZip.loadAsync(deck);
  const rels = await zip.file(RELS)!.async("string");
  const target = /Target="\.\.\/media\/([^"]+)"/u.exec(rels)![1]!;
  const renamed = target.replace(/\.[^.]+$/u, `.${ext}`);
  return withEntries(deck, { [RELS]: rels.replace(`../media/${target}`, `../media/${renamed}`), [`ppt/media/${renamed}`]: data });
}

describe("pictures the site cannot publish", () => {
  it.each([
    [
      "an EMF picture",
      "emf",
      () => Buffer.from("not read: EMF is refused by its kind"),
      /the picture is a \.emf file, which the site cannot publish: save it as PNG or JPEG/u,
    ],
    ["an SVG picture", "svg", () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), /the picture is a \.svg file/u],
    ["bytes that are no picture", "png", () => Buffer.from("<html><script>alert(1)</script></html>"), /the picture could not be decoded/u],
    [
      "a picture too thin to show",
      "png",
      () =>
        sharp({ create: { width: 2000, height: 30, channels: 3, background: "#336699" } })
          .png()
          .toBuffer(),
      /the picture is 2000×30 pixels: one side is more than 50 times the other, too thin to show\. Crop it\./u,
    ],
  ])("leaves out %s and says why", async (_name, ext, data, reason) => {
    const { markdown, files, report } = await imp(await deckWithPicture(ext, await data()), "deck.pptx");
    expect(files.map((file) => file.path)).toEqual(["internasjonal-satsing-i-testby.pptx"]);
    expect(markdown).not.toMatch(/!\[Bilde fra samlingen\]/u);
    const note = report.readingNotes.find((line) => line.startsWith('slide 3, picture "'));
    expect(note).toMatch(/^slide 3, picture "[^"]+": left out, as the site cannot publish it: /u);
    expect(note).toMatch(reason);
  });

  it("names a picture whose part has no file type in its name as such, and leaves it out", async () => {
    const deck = await makeDeck({ pictureAlt: "Bilde fra samlingen" });
    const zip = await JSZip.loadAsync(deck);
    const rels = await zip.file(RELS)!.async("string");
    const target = /Target="\.\.\/media\/([^"]+)"/u.exec(rels)![1]!;
    const data = await zip.file(`ppt/media/${target}`)!.async("uint8array");
    const tampered = await withEntries(deck, { [RELS]: rels.replace(`../media/${target}`, "../media/bilde"), "ppt/media/bilde": data });
    const { report, files } = await imp(tampered, "deck.pptx");
    expect(files.filter((file) => !file.path.endsWith(".pptx"))).toEqual([]);
    expect(report.readingNotes.find((line) => line.startsWith('slide 3, picture "'))).toMatch(
      /the picture has no file type in its name, which the site cannot publish/u,
    );
  });

  it("keeps a picture it can publish", async () => {
    const { markdown, files } = await imp(await makeDeck({ pictureAlt: "Bilde fra samlingen" }), "deck.pptx");
    expect(files.filter((file) => file.path.endsWith(".png"))).toHaveLength(1);
    expect(markdown).toMatch(/!\[Bilde fra samlingen\]/u);
  });
});

/**
 * A deck that links a picture (or a sound, a video) to a file or an address outside itself: Lysark never opens the
 * link, and LibreOffice, which would fetch it while drawing the slides, is not started, so nothing from the machine
 * or its network can reach a slide picture.
 */
import { gzipSync } from "node:zlib";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../scripts/importer/originals/limits.js";
import { openOoxml, packageForDrawing } from "../../../scripts/importer/originals/ooxml.js";
import { makeDeck, withEntries } from "./fixtures.js";
import { imp } from "./helpers.js";

const RELS = "ppt/slides/_rels/slide1.xml.rels";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

async function withRelationship(deck: Buffer, type: string, target: string): Promise<Buffer> {
  const rels = await (await JSZip.loadAsync(deck)).file(RELS)!.async("string");
  const link = `<Relationship Id="rId99" Type="${RELATIONSHIPS}/${type}" Target="${target}" TargetMode="External"/>`;
  return withEntries(deck, { [RELS]: rels.replace("</Relationships>", `${link}</Relationships>`) });
}

describe("links outside an original", () => {
  // A LibreOffice that is not there: a deck it would be started for says it failed.
  const soffice = "/nonexistent/lysark-test/soffice";

  it("draws no slide pictures of a deck that links a picture to a local file or an address, and says why", async () => {
    const deck = await makeDeck();
    expect((await imp(deck, "lenket.pptx", { soffice })).report.slidePictures).toMatch(/^skipped: LibreOffice failed/u);
    for (const target of ["file:///etc/passwd", "http://10.0.0.1/intern.png"]) {
      const { report, markdown } = await imp(await withRelationship(deck, "image", target), "lenket.pptx", { soffice });
      expect(report.slidePictures).toContain(`skipped: the presentation links to 1 file(s) or address(es) outside it (slide1.xml: image ${target})`);
      expect(report.slidePictures).toMatch(/insert those pictures into the presentation instead of linking them/u);
      expect(markdown).not.toContain(target);
    }
  });

  it("still draws a deck whose only links outside are hyperlinks", async () => {
    const { report } = await imp(await withRelationship(await makeDeck(), "hyperlink", "https://www.testby.kommune.no/"), "lenket.pptx", { soffice });
    expect(report.slidePictures).toMatch(/^skipped: LibreOffice failed/u);
  });
});

describe("links outside, written as LibreOffice would still read them", () => {
  const soffice = "/nonexistent/lysark-test/soffice";

  it.each([
    ["a lower-case TargetMode", (link: string) => link.replace('TargetMode="External"', 'TargetMode="external"')],
    ["a TargetMode with spaces", (link: string) => link.replace('TargetMode="External"', 'TargetMode=" External "')],
    ["no TargetMode, a file: target", (link: string) => link.replace(' TargetMode="External"', "")],
  ])("stop the slide pictures: %s", async (_name, variant) => {
    const deck = await makeDeck();
    const rels = await (await JSZip.loadAsync(deck)).file(RELS)!.async("string");
    const link = `<Relationship Id="rId99" Type="${RELATIONSHIPS}/image" Target="file:///etc/passwd" TargetMode="External"/>`;
    const linked = await withEntries(deck, { [RELS]: rels.replace("</Relationships>", `${variant(link)}</Relationships>`) });
    expect((await imp(linked, "lenket.pptx", { soffice })).report.slidePictures).toMatch(/^skipped: the presentation links to 1 file\(s\)/u);
  });

  it("are left out of the copy LibreOffice draws, hyperlinks and prefixed elements too, and so is every SVG part", async () => {
    const deck = await makeDeck();
    const zip = await JSZip.loadAsync(deck);
    const rels = await zip.file(RELS)!.async("string");
    const layoutRels = Object.keys(zip.files).find((name) => /slideLayouts\/_rels\/.*\.rels$/u.test(name))!;
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="file:///etc/hemmelig.png"/></svg>';
    const tampered = await withEntries(deck, {
      [RELS]: rels.replace(
        "</Relationships>",
        `<Relationship Id="rId98" Type="${RELATIONSHIPS}/hyperlink" Target="http://10.0.0.1/bilde.png" TargetMode="External"/></Relationships>`,
      ),
      [layoutRels]: `<?xml version="1.0"?><pr:Relationships xmlns:pr="http://schemas.openxmlformats.org/package/2006/relationships"><pr:Relationship Id="rId1" Type="${RELATIONSHIPS}/image" Target="file:///etc/passwd" TargetMode="External"/></pr:Relationships>`,
      "ppt/media/tegning.svg": svg,
      "ppt/media/forkledd.png": svg,
      // Past the first 4 KB, behind a declaration, a long comment and a DOCTYPE with a subset; in UTF-16; gzipped.
      "ppt/media/kommentert.png": `<?xml version="1.0"?>\n<!-- ${"x".repeat(8000)} -->\n<!DOCTYPE svg [ <!ENTITY a "b"> ]>\n${svg.replace("<svg", '<svg:svg xmlns:svg="http://www.w3.org/2000/svg"').replace("</svg>", "</svg:svg>")}`,
      "ppt/media/utf16.png": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(svg, "utf16le")]),
      "ppt/media/pakket.emz": gzipSync(svg),
    });
    const pkg = await openOoxml(tampered, "deck.pptx", "pptx", DEFAULT_LIMITS);
    const copy = await JSZip.loadAsync(await packageForDrawing(pkg));
    const names = Object.keys(copy.files);
    expect(names).not.toContain("ppt/media/tegning.svg");
    for (const hidden of ["forkledd.png", "kommentert.png", "utf16.png", "pakket.emz"]) expect(names, hidden).not.toContain(`ppt/media/${hidden}`);
    // The deck's own pictures and parts stay.
    expect(names.filter((name) => name.startsWith("ppt/media/")).length).toBeGreaterThan(0);
    expect(names).toContain("ppt/slides/slide1.xml");
    const allRels = (await Promise.all(names.filter((name) => name.endsWith(".rels")).map((name) => copy.file(name)!.async("string")))).join("\n");
    expect(allRels).not.toMatch(/10\.0\.0\.1|file:|External/u);
    // What is inside the package stays: the slide still has its layout.
    expect(await copy.file(RELS)!.async("string")).toMatch(/slideLayout\d+\.xml/u);
    // The same original makes the same copy, byte for byte.
    expect(Buffer.from(await packageForDrawing(pkg)).equals(Buffer.from(await packageForDrawing(pkg)))).toBe(true);
  });
});

/**
 * A deck that links a picture (or a sound, a video) to a file or an address outside itself: Lysark never opens the
 * link, and LibreOffice, which would fetch it while drawing the slides, is not started, so nothing from the machine
 * or its network can reach a slide picture.
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
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

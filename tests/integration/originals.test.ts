/**
 * A generated .pptx imported with `npm run import` into a temp copy of the
 * fixture site (never the bundled content/), then built: the pages show the
 * slides, the speaker notes, the table, the picture and the original, and a
 * picture of each slide when LibreOffice is installed.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSoffice } from "../../scripts/importer/originals/slide-pictures.ts";
import { importedDeckSite } from "../importer/originals/imported-site.ts";
import { readOutput, removeProject } from "../helpers/fixture.ts";

describe("importing a PowerPoint original into a site and building it", () => {
  let dir: string;
  let stdout = "";
  beforeAll(async () => {
    let result: Awaited<ReturnType<typeof importedDeckSite>>["result"];
    ({ dir, stdout, result } = await importedDeckSite());
    expect(result.ok).toBe(true);
  }, 120_000);
  afterAll(() => removeProject(dir));

  const page = () => readOutput(dir, "dokumenter/testby/internasjonal-satsing-i-testby/index.html");

  it("writes the document, the original and the picture next to it", () => {
    for (const file of ["internasjonal-satsing-i-testby.md", "internasjonal-satsing-i-testby.pptx", "internasjonal-satsing-i-testby/slide-3-1.png"]) {
      expect(existsSync(path.join(dir, "content", "testby", file))).toBe(true);
    }
    expect(stdout).toMatch(/satsing\.pptx → content\/testby\/internasjonal-satsing-i-testby\.md/);
    expect(stdout).toContain("wrote 1 document(s)");
  });

  it("shows one slide per slide, with the speaker notes and the table", () => {
    const html = page();
    expect([...html.matchAll(/<section class="slide[^"]*" id="(slide-\d+)"/g)].map((m) => m[1])).toEqual(["slide-1", "slide-2", "slide-3", "slide-4"]);
    expect(html).toMatch(/<details class="notes">[\s\S]*Her forteller jeg hvordan arbeidet ble forankret i budsjettet\./);
    expect(html).toMatch(/<table>[\s\S]*<th>År<\/th>[\s\S]*<td>32 000<\/td>[\s\S]*<\/table>/);
    expect(html).toMatch(/<li>Forankret i bydelens budsjett\s*<ul>\s*<li>Nestleder er EU-kontakt<\/li>/);
  });

  it("shows the picture through the image pipeline with its description, and offers the original", () => {
    const html = page();
    expect(html).toMatch(/<picture>[\s\S]*alt="Deltakere rundt et bord"/);
    expect(html).toMatch(/<ul class="attachments"><li><a href="[^"]*internasjonal-satsing-i-testby\.pptx" download>/);
  });

  it(
    findSoffice() ? "shows a picture of each slide (LibreOffice), right under its heading" : "says slide pictures were skipped (LibreOffice is not installed)",
    () => {
      const html = page();
      if (findSoffice()) {
        expect(stdout).toMatch(/slide pictures: {2}4 made with LibreOffice and cached/);
        // Right under the heading and its "link to this slide" line.
        expect(html).toMatch(
          /id="slide-2-title">[\s\S]*?<\/h2>\s*<p class="slide-link"[^>]*>.*?<\/p>\s*<p><picture>[\s\S]*?alt="Lysbilde 2: Tallene bak satsingen" loading="lazy"/,
        );
        expect(html.match(/alt="Lysbilde \d:[^"]*"/g)).toHaveLength(4);
      } else {
        expect(stdout).toMatch(/slide pictures: {2}skipped: LibreOffice \(soffice\) is not installed/);
        expect(html).not.toContain('alt="Lysbilde 1');
      }
    },
  );
});

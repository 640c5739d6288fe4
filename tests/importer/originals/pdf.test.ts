import { describe, expect, it } from "vitest";
import { pdfDate } from "../../../scripts/importer/originals/pdf.js";
import { makePdf, makeScannedPdf } from "./fixtures.js";
import { imp, importError } from "./helpers.js";

const body = (markdown: string) => markdown.split(/^---$/mu)[2]!.replace(/^\n+/u, "");

describe("PDF originals", () => {
  it("reads a report: larger lines are sections, wrapped lines are joined, page numbers dropped, the lone largest line is the title", async () => {
    const pdf = await makePdf([
      {
        lines: [
          { text: "Kulturstrategi for Testby", size: 24 },
          { text: "Innledning", size: 16 },
          { text: "Kommunen har et rikt kulturliv og mange", size: 11 },
          { text: "frivillige lag og foreninger.", size: 11 },
          { text: "1", size: 9 },
        ],
      },
      {
        lines: [
          { text: "Mål", size: 16 },
          { text: "Flere skal bruke biblioteket.", size: 11 },
          { text: "2", size: 9 },
        ],
      },
    ]);
    const { markdown, report } = await imp(pdf, "rapport.pdf");
    expect(markdown).toMatch(/^---\ntitle: Kulturstrategi for Testby\ntype: report\npublisher: testby\ndate: "2019-03-04"\n/u);
    expect(body(markdown)).toBe(
      "## Innledning\n\nKommunen har et rikt kulturliv og mange frivillige lag og foreninger.\n\n## Mål\n\nFlere skal bruke biblioteket.\n",
    );
    expect(report.checks.join("\n")).toMatch(/tables and pictures inside a PDF are not extracted/u);
  });

  it("reads a PDF exported from slides as a presentation: one slide per landscape page, heading from the large text", async () => {
    const pdf = await makePdf(
      [
        {
          lines: [
            { text: "Forankring og oppstart", size: 36 },
            { text: "• Forankret i budsjettet", size: 20 },
            { text: "• Samarbeid med skolene", size: 20 },
          ],
        },
        {
          lines: [
            { text: "Tallene", size: 36 },
            { text: "Kommunen har 32 000 innbyggere.", size: 20 },
          ],
        },
      ],
      { landscape: true, title: "Internasjonal satsing", author: "Kari Nordmann" },
    );
    const { markdown, report } = await imp(pdf, "lysbilder.pdf");
    expect(markdown).toContain("type: presentation");
    expect(body(markdown)).toBe(
      "## Forankring og oppstart\n\n- Forankret i budsjettet\n- Samarbeid med skolene\n\n## Tallene\n\nKommunen har 32 000 innbyggere.\n",
    );
    expect(report.slideCount).toBe(2);
    expect(report.people).toEqual([{ name: "Kari Nordmann", role: "presenter" }]);
  });

  it("reads landscape pages without a large title as a report, not slides", async () => {
    const pdf = await makePdf(
      [
        {
          lines: [
            { text: "Tekst i samme storrelse overalt, som i et brev.", size: 11 },
            { text: "Enda en linje i samme storrelse.", size: 11 },
          ],
        },
      ],
      { landscape: true },
    );
    expect((await imp(pdf, "brev.pdf")).report.type).toBe("report");
  });

  it("refuses a scanned PDF without a text layer", async () => {
    const e = await importError(await makeScannedPdf(), "skannet.pdf");
    expect(e.code).toBe("scanned");
    expect(e.text).toMatch(
      /^skannet\.pdf: has no text layer \(2 page\(s\), 0 character\(s\) of text\): it looks like a scan.*\n  fix: import the original \.docx\/\.pptx instead, or run text recognition first/u,
    );
  });

  it("refuses a damaged PDF, and a file that is not a PDF", async () => {
    const pdf = await makePdf([{ lines: [{ text: "Hei", size: 11 }] }]);
    const cut = await importError(Buffer.concat([pdf.subarray(0, 40), Buffer.alloc(200)]), "skadet.pdf");
    expect(cut.text).toMatch(/^skadet\.pdf: (is damaged|has no text layer)/u);
    expect((await importError(Buffer.from("<html></html>"), "side.pdf")).text).toMatch(/^side\.pdf: is not a PDF/u);
  });

  it("refuses a PDF with more pages than the limit", async () => {
    const pdf = await makePdf([
      { lines: [{ text: "En side med tekst nok til å telle.", size: 11 }] },
      { lines: [{ text: "En side til med tekst nok til å telle.", size: 11 }] },
    ]);
    expect((await importError(pdf, "lang.pdf", { limits: { maxPages: 1 } })).text).toMatch(/^lang\.pdf: has 2 pages, more than the limit of 1/u);
  });

  it("reads PDF dates", () => {
    expect(pdfDate("D:20090909120000+01'00'")).toBe("2009-09-09T12:00:00+01:00");
    expect(pdfDate("D:2009")).toBe("2009-01-01T00:00:00Z");
    expect(pdfDate("yesterday")).toBeUndefined();
  });
});

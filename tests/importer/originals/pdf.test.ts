import sharp from "sharp";
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
    expect(report.tables).toEqual([]);
    expect(report.pictures).toEqual([]);
  });

  it("rebuilds a table from text aligned in columns over three rows, and keeps two aligned rows as text, reported", async () => {
    const row = (a: string, b: string, c: string) => ({
      text: "",
      size: 11,
      cells: [
        { text: a, x: 50 },
        { text: b, x: 170 },
        { text: c, x: 290 },
      ],
    });
    const pdf = await makePdf([
      {
        lines: [
          { text: "Befolkning", size: 16 },
          { text: "Tabellen viser folketallet.", size: 11 },
          row("År", "Innbyggere", "Skoler"),
          row("2009", "32 000", "12"),
          row("2010", "33 100", "13"),
          { text: "Tabellen over er fra SSB.", size: 11 },
          { text: "Skoler", size: 16 },
          row("Navn", "Elever", "Klasser"),
          row("Testby skole", "310", "14"),
          { text: "Alle skolene er nye.", size: 11 },
        ],
      },
    ]);
    const { markdown, report } = await imp(pdf, "tabell.pdf");
    expect(body(markdown)).toBe(
      [
        "## Befolkning",
        "",
        "Tabellen viser folketallet.",
        "",
        "| År | Innbyggere | Skoler |",
        "| --- | --- | --- |",
        "| 2009 | 32 000 | 12 |",
        "| 2010 | 33 100 | 13 |",
        "",
        "Tabellen over er fra SSB.",
        "",
        "## Skoler",
        "",
        // Two rows are no evident grid: kept as the text the PDF states, a paragraph per line.
        "Navn Elever Klasser",
        "",
        "Testby skole 310 14",
        "",
        "Alle skolene er nye.",
        "",
      ].join("\n"),
    );
    expect(report.tables).toEqual([1]);
    const checks = report.checks.join("\n");
    expect(checks).toMatch(/tables were rebuilt from text positions on page\(s\) 1 /u);
    expect(checks).toMatch(/text set in columns on page\(s\) 1 did not line up as a table over three rows and was kept as text/u);
  });

  it("extracts pictures in reading order: the structure tree's /Alt is the description, an untagged picture has none", async () => {
    const pdf = await makePdf([
      {
        lines: [
          { text: "Kart", size: 16 },
          { text: "Kartet viser bydelene.", size: 11 },
        ],
        pictures: [
          { top: 200, width: 200, height: 150, alt: "Kart over bydelene i Testby", color: "#208040" },
          { top: 400, width: 120, height: 90 },
        ],
      },
    ]);
    const { markdown, report, files } = await imp(pdf, "kart.pdf");
    expect(body(markdown)).toBe("## Kart\n\nKartet viser bydelene.\n\n![Kart over bydelene i Testby](kart/section-1-1.png)\n\n![](kart/section-1-2.png)\n");
    expect(report.pictures.map((p) => [p.where, p.alt])).toEqual([
      ["page 1, picture 1", "Kart over bydelene i Testby"],
      ["page 1, picture 2", undefined],
    ]);
    expect(report.review).toContain("1 picture(s) without a description");
    const picture = files.find((f) => f.path === "kart/section-1-1.png")!;
    const meta = await sharp(picture.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 40, 30]);
    // The pixels are the picture's own: the green the test drew.
    const { data } = await sharp(picture.data).raw().toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 3)]).toEqual([0x20, 0x80, 0x40]);
  });

  it("leaves out an image covering the page (a scan under a text layer), and says so", async () => {
    const pdf = await makePdf([
      {
        lines: [
          { text: "Innledning", size: 16 },
          { text: "Teksten fra tekstlaget i en skannet side.", size: 11 },
        ],
        pictures: [{ top: 0, width: 595, height: 842, color: "#f4f4f4" }],
      },
    ]);
    const { markdown, report } = await imp(pdf, "ocr.pdf");
    expect(markdown).not.toContain("![");
    expect(report.checks.join("\n")).toMatch(/1 image\(s\) covering a whole page \(a scanned page under its text, or a background\) were left out/u);
  });

  it("names scanned pages without a text layer in a PDF that has text elsewhere, and asks for review", async () => {
    const scan = { lines: [], pictures: [{ top: 0, width: 595, height: 842, color: "#f4f4f4" }] };
    const pdf = await makePdf([
      {
        lines: [
          { text: "Innledning", size: 16 },
          { text: "Den første siden har tekst, de to neste er skannet.", size: 11 },
        ],
      },
      scan,
      scan,
    ]);
    const { report } = await imp(pdf, "delvis-skannet.pdf");
    const checks = report.checks.join("\n");
    expect(checks).toContain(
      "page(s) 2, 3 have no text, only a picture of the whole page (scanned?): their text was not imported — run text recognition (e.g. ocrmypdf) and import the result, or type the text in",
    );
    expect(checks).not.toContain("the text was read from the text layer");
    expect(report.review).toContain("page(s) 2, 3 scanned, their text not imported");
  });

  it("leaves out a picture repeated on most pages (a logo) and says so", async () => {
    const page = (heading: string) => ({
      lines: [
        { text: heading, size: 16 },
        { text: `Teksten i kapittelet ${heading.toLowerCase()} er lang nok.`, size: 11 },
      ],
      pictures: [{ top: 20, width: 40, height: 20, color: "#000000" }],
    });
    const { markdown, report } = await imp(await makePdf([page("Innledning"), page("Bakgrunn"), page("Mål")]), "logo.pdf");
    expect(markdown).not.toContain("![");
    expect(report.checks.join("\n")).toMatch(/3 picture\(s\) repeated on most pages \(a logo or page decoration\) were left out/u);
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

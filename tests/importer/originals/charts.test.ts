import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { chartTable, smartArtItems } from "../../../scripts/importer/originals/charts.js";
import { parseXml } from "../../../scripts/importer/originals/xml.js";
import { makeChartDeck, makeChartReport, makeDeck, SMARTART_DATA, withEntries } from "./fixtures.js";
import { imp, importError } from "./helpers.js";

const body = (markdown: string) => markdown.split(/^---$/mu)[2]!.replace(/^\n+/u, "");

describe("charts and SmartArt", () => {
  it("reads a chart's cached series, categories and values; a missing value stays an empty cell", () => {
    const chart = parseXml(`<c:chartSpace xmlns:c="c"><c:chart><c:plotArea><c:lineChart>
      <c:ser><c:tx><c:v>Andel</c:v></c:tx><c:cat><c:strRef><c:strCache><c:pt idx="0"><c:v>Nord</c:v></c:pt><c:pt idx="1"><c:v>Sør</c:v></c:pt></c:strCache></c:strRef></c:cat>
      <c:val><c:numRef><c:numCache><c:pt idx="0"><c:v>0.177</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser>
    </c:lineChart></c:plotArea></c:chart></c:chartSpace>`);
    expect(chartTable(chart)).toEqual({
      title: undefined,
      rows: [
        ["", "Andel"],
        ["Nord", "0.177"],
        ["Sør", ""],
      ],
    });
    expect(chartTable(parseXml(`<c:chartSpace><c:chart><c:plotArea/></c:chart></c:chartSpace>`))).toBeUndefined();
  });

  it("reads SmartArt's text points in order, nested by their parent-of connections", () => {
    expect(smartArtItems(parseXml(SMARTART_DATA))).toEqual([
      { level: 0, text: "Planlegge" },
      { level: 0, text: "Gjennomføre" },
      { level: 1, text: "Skolene" },
    ]);
  });

  it("imports a deck with a chart (and its embedded workbook, left unopened) and SmartArt", async () => {
    const { markdown, report } = await imp(await makeChartDeck(), "befolkning.pptx");
    expect(body(markdown)).toBe(
      [
        "## Befolkning",
        "",
        "*Tallene er hentet fra et diagram i originalen: Folketall.*",
        "",
        "|  | Innbyggere | Skoler |",
        "| --- | --- | --- |",
        "| 2009 | 32000 | 12 |",
        "| 2010 | 33100 | 13 |",
        "",
        "## Arbeidet i tre steg",
        "",
        "- Planlegge",
        "- Gjennomføre",
        "    - Skolene",
        "",
      ].join("\n"),
    );
    expect(report.charts).toEqual([1]);
    const checks = report.checks.join("\n");
    expect(checks).toContain('slide 1: "Chart 0": a chart, imported as a table of the values it keeps ("Folketall"); a workbook it embeds was not opened');
    expect(checks).toContain('slide 2: "Diagram 1": SmartArt, imported as a list of its text');
    expect(checks).toMatch(/charts: the figures on slide\(s\) 1 are the values the chart itself keeps/u);
  });

  it("still refuses an embedded workbook no chart owns, and one a chart names that is not a plain .xlsx", async () => {
    const deck = await makeChartDeck();
    const loose = await importError(await withEntries(deck, { "ppt/embeddings/Løs_arbeidsbok.xlsx": "x" }), "løs.pptx");
    expect(loose.code).toBe("embedded");
    expect(loose.text).toContain("contains embedded object(s) (ppt/embeddings/Løs_arbeidsbok.xlsx)");
    // pptxgenjs numbers charts across the decks of a process: find this deck's chart part.
    const chartRels = (await JSZip.loadAsync(deck)).file(/^ppt\/charts\/_rels\/chart\d+\.xml\.rels$/u)[0]!.name;
    const macroBook = await withEntries(deck, {
      [chartRels]: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" Target="../embeddings/bok.xlsm"/></Relationships>`,
      "ppt/embeddings/bok.xlsm": "x",
    });
    expect((await importError(macroBook, "makro.pptx")).code).toBe("embedded");
    // An OLE object on a slide is refused as before.
    expect((await importError(await withEntries(await makeDeck(), { "ppt/embeddings/oleObject1.bin": "x" }), "ole.pptx")).code).toBe("embedded");
  });

  it("places a Word file's chart and SmartArt where their drawings stand", async () => {
    const { markdown, report } = await imp(await makeChartReport(), "strategi.docx");
    expect(body(markdown)).toContain(
      [
        "Se figuren:",
        "",
        "*Tallene er hentet fra et diagram i originalen: Folketall.*",
        "",
        "|  | Innbyggere | Skoler |",
        "| --- | --- | --- |",
        "| 2009 | 32000 | 12 |",
        "| 2010 | 33100 | 13 |",
        "",
        "- Planlegge",
        "- Gjennomføre",
        "    - Skolene",
        "",
      ].join("\n"),
    );
    expect(markdown).not.toContain("lysark-graphic");
    expect(report.charts).toEqual([2]);
  });
});

import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from "docx";
import { describe, expect, it } from "vitest";
import { makeReport, withCoreProperties } from "./fixtures.js";
import { imp } from "./helpers.js";

const body = (markdown: string) => markdown.split(/^---$/mu)[2]!.replace(/^\n+/u, "");

describe("Word originals", () => {
  it("turns the Title into the title, Heading 1 into sections, Heading 2 into ###, with lists, tables and pictures", async () => {
    const { markdown, report, files } = await imp(await makeReport({ pictureAlt: "Kommunevåpenet" }), "strategi.docx");
    expect(markdown).toMatch(/^---\ntitle: Kulturstrategi for Testby\ntype: report\n/u);
    expect(body(markdown)).toBe(
      [
        "Denne strategien ble vedtatt av kommunestyret.",
        "",
        "## Bakgrunn",
        "",
        "Kommunen har 32 000 innbyggere og et rikt kulturliv.",
        "",
        "- Bibliotekene",
        "- Kulturskolen",
        "",
        "## Mål",
        "",
        "### Delmål for 2030",
        "",
        "| Mål | Frist |",
        "| --- | --- |",
        "| Flere besøk | 2030 |",
        "",
        "![Kommunevåpenet](kulturstrategi-for-testby/section-2-1.png)",
        "",
      ].join("\n"),
    );
    expect(report.type).toBe("report");
    expect(report.tables).toEqual([2]);
    expect(report.titleNotes).toEqual(["taken from the document's own title — confirm"]);
    expect(files.map((f) => f.path)).toEqual(["kulturstrategi-for-testby.docx", "kulturstrategi-for-testby/section-2-1.png"]);
    expect(markdown).toContain("attachments:\n  - file: kulturstrategi-for-testby.docx\n");
    expect(report.keyFigures.map((f) => [f.kind, f.value, f.slide])).toEqual([["inhabitants", 32000, 1]]);
  });

  it("keeps words on separate lines apart: a cell's two paragraphs, and a line break in a paragraph", async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: "Kontakt", heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ children: [new TextRun("Adresse: Storgata 1"), new TextRun({ text: "2260 Kirkenær", break: 1 })] }),
            new Table({
              rows: [
                new TableRow({ children: [new TableCell({ children: [new Paragraph("År")] }), new TableCell({ children: [new Paragraph("Tall")] })] }),
                new TableRow({
                  children: [new TableCell({ children: [new Paragraph("2010"), new Paragraph("2011")] }), new TableCell({ children: [new Paragraph("5")] })],
                }),
              ],
            }),
          ],
        },
      ],
    });
    const { markdown } = await imp(await Packer.toBuffer(doc), "kontakt.docx");
    expect(body(markdown)).toContain("Adresse: Storgata 1 2260 Kirkenær\n");
    expect(body(markdown)).toContain("| 2010 2011 | 5 |");
  });

  it("never skips a heading level: a Heading 3 straight under a Heading 1 is ###", async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: "Bakgrunn", heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: "Detalj", heading: HeadingLevel.HEADING_3 }),
            new Paragraph({ text: "Tekst." }),
            new Paragraph({ text: "Del", heading: HeadingLevel.HEADING_2 }),
            new Paragraph({ text: "Under", heading: HeadingLevel.HEADING_3 }),
            new Paragraph({ text: "Mål", heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: "Mer tekst." }),
          ],
        },
      ],
    });
    const { markdown } = await imp(await Packer.toBuffer(doc), "nivaer.docx");
    expect([...body(markdown).matchAll(/^(#+) (.+)$/gmu)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      "## Bakgrunn",
      "### Detalj",
      "### Del",
      "#### Under",
      "## Mål",
    ]);
  });

  it("says it read tracked changes as accepted and left comments out", async () => {
    const date = "2019-03-01T10:00:00Z";
    const doc = new Document({
      comments: { children: [{ id: 0, author: "Kari", date: new Date(date), children: [new Paragraph("Sjekk tallet")] }] },
      sections: [
        {
          children: [
            new Paragraph({ text: "Budsjett", heading: HeadingLevel.HEADING_1 }),
            new Paragraph({
              children: [
                new CommentRangeStart(0),
                new TextRun("Rammen er "),
                new DeletedTextRun({ text: "10", id: 1, author: "Kari", date }),
                new InsertedTextRun({ text: "12", id: 2, author: "Kari", date }),
                new TextRun(" millioner."),
                new CommentRangeEnd(0),
                new TextRun({ children: [new CommentReference(0)] }),
              ],
            }),
          ],
        },
      ],
    });
    const { markdown, report } = await imp(await Packer.toBuffer(doc), "budsjett.docx");
    expect(body(markdown)).toContain("Rammen er 12 millioner.");
    const checks = report.checks.join("\n");
    expect(checks).toContain("tracked changes (1 insertion(s), 1 deletion(s)) were read as accepted — check that this is the version that was published");
    expect(checks).toContain("1 comment(s) in the margin were not imported");
  });

  it("writes the author as author and a plausible modification date", async () => {
    const docx = await withCoreProperties(await makeReport({ pictureAlt: "Logo" }), { created: "2018-01-05T09:00:00Z", modified: "2018-06-20T14:00:00Z" });
    const { markdown } = await imp(docx, "strategi.docx");
    expect(markdown).toContain('date: "2018-06-20"');
    expect(markdown).toContain("people:\n  - name: Ola Nordmann\n    role: author\n");
  });

  it("reports a picture without a description and leaves its alt text empty for the editor", async () => {
    const { markdown, report } = await imp(await makeReport(), "strategi.docx");
    expect(markdown).toContain("![](kulturstrategi-for-testby/section-2-1.png)");
    expect(report.picturesWithoutAlt.map((p) => p.where)).toEqual(["section 2, picture 1"]);
  });
});

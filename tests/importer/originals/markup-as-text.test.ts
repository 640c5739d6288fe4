/**
 * Text in an original is shown as it stands: Markdown in a table cell or a heading made of "#" is escaped, so an
 * original cannot add a link, a picture or emphasis to the page, nor lose a heading.
 */
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { renderBody } from "../../../scripts/content/markdown.ts";
import { makeDeck, withCoreProperties, withEntries } from "./fixtures.js";
import { imp } from "./helpers.js";

const CELLS = ["[Logg inn her](https://evil.example/login)", "**VIKTIG**", "![Et bilde](rapport/section-1-1.png)", "_kursiv_ `kode` <b>", "a | b \\ c"];

async function report(): Promise<Buffer> {
  const row = (texts: string[]) => new TableRow({ children: texts.map((text) => new TableCell({ children: [new Paragraph(text)] })) });
  return Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: "Tabellen", heading: HeadingLevel.HEADING_1 }),
            new Table({ rows: [row(CELLS.map((_, i) => `Kolonne ${i + 1}`)), row(CELLS)] }),
            new Paragraph({ text: "#", heading: HeadingLevel.HEADING_1 }),
            new Paragraph("Teksten under."),
          ],
        },
      ],
    }),
  );
}

describe("an original's text as text", () => {
  it("escapes markup in table cells and a heading of only #", async () => {
    const { markdown } = await imp(await report(), "rapport.docx");
    const body = markdown.slice(markdown.indexOf("\n---\n", 4) + 5);
    const rendered = renderBody(body, "section");
    expect(rendered.links).toEqual([]);
    expect(rendered.images).toEqual([]);
    const html = rendered.parts.map((part) => part.titleHtml + part.bodyHtml).join("\n");
    expect(html).not.toMatch(/<(strong|em|code|b)>/u);
    const text = rendered.parts.map((part) => part.text).join("\n");
    for (const cell of CELLS) expect(text).toContain(cell);
    expect(rendered.parts.map((part) => part.titleText)).toEqual(["Tabellen", "#"]);
  });
});

describe("character references in an original's XML", () => {
  it("are decoded, in the title and its address, and a control character becomes a space", async () => {
    const deck = await withCoreProperties(await makeDeck(), { title: "Handlingsplan &#x2013; &#216;stensj&#248; &amp;#216;&#x7; 2024" });
    const { markdown, report } = await imp(deck, "plan.pptx");
    expect(markdown).toMatch(/^title: Handlingsplan – Østensjø &#216; 2024$/mu);
    expect(report.slug).toBe("handlingsplan-ostensjo-216-2024");
    const slide = await (await JSZip.loadAsync(deck)).file("ppt/slides/slide1.xml")!.async("string");
    const withControl = await withEntries(deck, { "ppt/slides/slide1.xml": slide.replace("Forankring og", "Forankring&#x1;&#xFFFF; og") });
    const heading = (await imp(withControl, "plan.pptx")).markdown.split("\n").find((line) => line.startsWith("## Forankring"));
    expect(heading).toBe("## Forankring og oppstart");
  });
});

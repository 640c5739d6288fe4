/** A title the check would refuse (over 300 characters) is not taken from an original, nor cut short: the next one is. */
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { imp } from "./helpers.js";

describe("an original's title longer than the check allows", () => {
  it("is passed over for the next candidate, and the report says so", async () => {
    const long = `Handlingsprogram ${"med tiltak og mål ".repeat(20)}`.trim();
    const bytes = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ text: long, heading: HeadingLevel.TITLE }),
              new Paragraph({ text: "Bakgrunn", heading: HeadingLevel.HEADING_1 }),
              new Paragraph("Kommunen har 32 000 innbyggere."),
            ],
          },
        ],
      }),
    );
    const { markdown, report } = await imp(bytes, "plan.docx");
    expect(markdown).toMatch(/^title: Bakgrunn$/mu);
    expect(report.checks.join("\n")).toContain(
      `title: the document's own title is ${long.length} characters long, more than the 300 a title may have: not used`,
    );
  });
});

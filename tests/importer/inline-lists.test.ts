import { readFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { splitInlineList } from "../../scripts/importer/inline-lists.js";
import { formatReport } from "../../scripts/importer/report.js";
import { imp, repoRoot, seed } from "./helpers.js";

const slideOf = (markdown: string, heading: string): string => {
  const start = markdown.indexOf(`## ${heading}`);
  const end = markdown.indexOf("\n## ", start + 1);
  return markdown.slice(start, end < 0 ? undefined : end + 1);
};

describe("numbered lists glued onto one line", () => {
  it("splits 1., 2., 3. … into items, keeping a lead-in and every word", () => {
    expect(splitInlineList("Nuläge: 1. Hur ska det se ut? 2. När börjar vi? 3. Vem gör vad?")).toEqual({
      before: "Nuläge:",
      items: ["Hur ska det se ut?", "När börjar vi?", "Vem gör vad?"],
    });
  });

  it("needs strong evidence: three markers in order 1, 2, 3, each before a capital letter", () => {
    expect(splitInlineList("1. Utbildning på ledningsnivå. 2. Processtöd och handledning")).toBeUndefined(); // two
    expect(splitInlineList("2. Hur? 3. När? 4. Vem?")).toBeUndefined(); // no 1
    expect(splitInlineList("1. Hur? 3. När? 4. Vem?")).toBeUndefined(); // a gap
    expect(splitInlineList("Vi hade 1. plass, 2. plass og 3. plass")).toBeUndefined(); // no capital after
    expect(splitInlineList("Pris 1.5 mill 2.5 mill 3.5 mill")).toBeUndefined();
    // A number out of the run stays in its item's text.
    expect(splitInlineList("1. Mål 10. Mars er frist 2. Tiltak 3. Evaluering")?.items).toEqual(["Mål 10. Mars er frist", "Tiltak", "Evaluering"]);
  });

  it("Gävleborg slide 10: five questions become five list items, reported, with the transcript's words unchanged", () => {
    const r = imp(seed("gavleborg-jamresursen.txt"), { fileName: "gavleborg-jamresursen.txt", publisher: "gavleborg" });
    const slide = slideOf(r.markdown, "Nuläge:");
    expect(slide).toBe(
      [
        "## Nuläge:",
        "",
        "1. Hur ska upplägget se ut i vår kommun?",
        "2. När sätter vi igång arbetet med att jämställdhetsintegrera styr och ledningssystemen?",
        "3. Behöver vi mer utbildningsinsatser eller kan vi använda den kompetens som finns?",
        "4. Avgränsning? Ska vi fokusera på en viss verksamhet? Mellanchefsutbildning där?",
        "5. Vilka/vilken ska gå strategutbildningen? Någon/några från utvald verksamhet?",
        "",
        "",
      ].join("\n"),
    );
    const html = new MarkdownIt().render(slide);
    expect(html.match(/<li>/gu)).toHaveLength(5);
    expect(r.report.inlineLists).toEqual([{ slide: 10, items: 5 }]);
    expect(formatReport(r.report, undefined)).toContain('numbered lists:  slide 10: "1. … 5." on one line split into 5 list items (the words are unchanged)');
    // Slide 6's "1. … 2. …" is too little evidence and stays as it was.
    expect(r.report.inlineLists.map((l) => l.slide)).not.toContain(6);
  });

  it("the bundled Gävleborg document's slide 10 is the importer's list, and its words are the transcript's", () => {
    const bundled = readFileSync(path.join(repoRoot, "content/gavleborg/jamresursen-ii-2011-2013.md"), "utf8");
    const imported = imp(seed("gavleborg-jamresursen.txt"), { fileName: "gavleborg-jamresursen.txt", publisher: "gavleborg" }).markdown;
    expect(slideOf(bundled, "Nuläge:")).toBe(slideOf(imported, "Nuläge:"));
    // Only line breaks were added: the slide's text with them as spaces is the transcript's slide 10.
    const line = readFileSync(path.join(repoRoot, "tests/fixtures/seeds/gavleborg-jamresursen.txt"), "utf8")
      .split("\n")
      .find((l) => l.startsWith("10 "))!;
    const text = slideOf(bundled, "Nuläge:").replace("## Nuläge:", "").replace(/\s+/gu, " ").trim();
    expect(text.split(" ").length).toBeGreaterThan(40);
    expect(line).toContain(text);
  });
});

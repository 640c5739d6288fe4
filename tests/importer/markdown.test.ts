import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { body, escapeLine, frontMatter, importedFromNote, toMarkdown } from "../../scripts/importer/markdown.js";
import { slugify } from "../../scripts/content/slug.ts";
import { renderBody } from "../../scripts/content/markdown.ts";

const fm = {
  title: "”Er vi en del av verden?”: #1",
  publisher: "oslo-sagene",
  date: "2009-09-09",
  language: "nb" as const,
  people: [{ name: "Tone Marie Hølmebakk", role: "presenter" as const }],
  event: "KS´ internasjonale nettverk",
  runningHeader: "Oslo kommune Bydel Sagene",
  sourceNote: importedFromNote("sagene.txt"),
};

describe("markdown output", () => {
  it("writes exactly the documented front-matter fields, in order, as valid YAML", () => {
    const text = frontMatter(fm);
    expect(text.startsWith("---\n") && text.endsWith("---\n")).toBe(true);
    const data = parse(text.slice(4, -4)) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(["title", "type", "publisher", "date", "language", "people", "event", "topics", "runningHeader", "source"]);
    expect(data).toMatchObject({
      title: fm.title,
      type: "presentation",
      date: "2009-09-09",
      topics: [],
      source: { kind: "transcript", note: { nb: "Importert fra sagene.txt", en: "Imported from sagene.txt" } },
    });
    expect(text).toMatch(/^date: "2009-09-09"$/mu);
    expect(text).toMatch(/^topics: \[\]$/mu);
  });

  it("omits optional fields it has no value for", () => {
    const data = parse(frontMatter({ ...fm, date: "unknown", people: [], event: undefined, runningHeader: undefined }).slice(4, -4)) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(["title", "type", "publisher", "date", "language", "topics", "source"]);
    expect(data.date).toBe("unknown");
  });

  it('emits one heading per slide, "##" for an empty slide, and a notes container', () => {
    const md = body([
      { number: 1, heading: "A", paragraphs: ["tekst"], notes: [] },
      { number: 2, heading: "", paragraphs: [], notes: [] },
      { number: 3, heading: "C", paragraphs: [], notes: ["notat én", "notat to"] },
    ]);
    expect(md).toBe("## A\n\ntekst\n\n##\n\n## C\n\n::: notes\nnotat én\n\nnotat to\n:::\n");
  });

  it("escapes slide text that would change the document structure", () => {
    expect(escapeLine("# Ikke en overskrift")).toBe("\\# Ikke en overskrift");
    expect(escapeLine("::: notes")).toBe("\\::: notes");
    expect(escapeLine("---")).toBe("\\---");
    expect(escapeLine("```")).toBe("\\`\\`\\`");
    expect(escapeLine("Vanlig tekst # med tegn")).toBe("Vanlig tekst # med tegn");
    const md = toMarkdown(fm, [{ number: 1, heading: "Språk C #", paragraphs: ["## falsk", "==="], notes: [] }]);
    expect(md.match(/^##(\s|$)/gmu)).toHaveLength(1);
  });
});

describe("Markdown escaping (issue 16)", () => {
  const decode = (html: string) =>
    html
      .replace(/<[^>]+>/gu, "")
      .replace(/&lt;/gu, "<")
      .replace(/&gt;/gu, ">")
      .replace(/&quot;/gu, '"')
      .replace(/&amp;/gu, "&");
  it.each([
    "*Viktig* og _uthevet_ tekst med snake_case_navn",
    "# Ikke en overskrift, men en emneknagg",
    "Se [vedlegg 2] og <tom> eller <b>fet</b> tekst",
    "![ikke et bilde](fil.png) og `kode` og \\ skråstrek",
    "- ikke en liste",
    "> ikke et sitat",
    "1 * 2 * 3 = 6",
    "15. mars Oppstart i ledergruppen",
    "2011. Det var året",
    "1) første punkt",
    "~~ikke gjennomstreket~~",
  ])("the page shows what the transcript says: %s", (text) => {
    const md = body([{ number: 1, heading: text, paragraphs: [text], notes: [text] }]);
    const rendered = renderBody(md, "slide");
    expect(rendered.images).toEqual([]);
    expect(rendered.links).toEqual([]);
    const part = rendered.parts[0]!;
    for (const html of [part.titleHtml, part.bodyHtml, part.notesHtml]) {
      expect(html).not.toMatch(/<(em|strong|a|img|code|ul|ol|li|blockquote|h1|b|s|del)[ >]/u);
      expect(decode(html).trim()).toBe(text);
    }
  });
});

describe("slug", () => {
  it("transliterates Nordic letters and hyphenates", () => {
    expect(slugify("Blåbær, Øl & Ärter — Über Straße!")).toBe("blabaer-ol-arter-uber-strasse");
    expect(slugify("Forankring fryder! Sammen for en levende by")).toBe("forankring-fryder-sammen-for-en-levende-by");
    expect(slugify("Crème brûlée")).toBe("creme-brulee");
  });

  it("is empty when no letter is left, and never longer than 80 characters", () => {
    expect(slugify("”…”")).toBe("");
    const long = slugify("Kommunenes arbeid med likestilling Resultater fra kartlegging i alle kommunene på Agder og Telemark 2012");
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith("-")).toBe(false);
  });
});

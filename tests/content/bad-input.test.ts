/**
 * Every kind of input an editor can get wrong, each a small fixture with the
 * exact message it must produce: file, line, column, field and a way to fix it.
 */
import { describe, expect, it } from "vitest";
import { readBody } from "../../scripts/content/body-store.ts";
import { doc, useContentCheck, VALID_FRONT_MATTER } from "../helpers/fixture.ts";

const FILE = "content/testby/case.md";
const { check } = useContentCheck();

const withField = (extra: string) => doc(`${VALID_FRONT_MATTER}\n${extra}`);
const replaced = (from: string, to: string) => doc(VALID_FRONT_MATTER.replace(from, to));

const cases: Array<{ name: string; content: string | Uint8Array; expected: string }> = [
  { name: "YAML syntax error", content: doc(`${VALID_FRONT_MATTER}\ntopics: [likestilling`), expected: `${FILE}:7:` },
  { name: "front-matter missing", content: "## Lysbilde\n\nTekst\n", expected: `${FILE}:1:1 has no front-matter.` },
  {
    name: "front-matter unterminated",
    content: `---\n${VALID_FRONT_MATTER}\n\n## Lysbilde\n`,
    expected: `${FILE}:1:1 front-matter is not closed. Add a line "---"`,
  },
  { name: "required field missing", content: replaced("language: nb", ""), expected: `${FILE}:2:1 language: is required but missing.` },
  { name: "wrong type", content: replaced("title: Et dokument", "title: [a, b]"), expected: `${FILE}:2:8 title: must be text` },
  { name: "bad date format", content: replaced("date: 2012-05-01", "date: 01.05.2012"), expected: `${FILE}:5:7 date: must be a date` },
  { name: "impossible date", content: replaced("date: 2012-05-01", "date: 2012-02-30"), expected: `${FILE}:5:7 date: is not a real calendar date` },
  {
    name: "unknown publisher",
    content: replaced("publisher: testby", "publisher: testbyy"),
    expected: `${FILE}:4:12 publisher: unknown publisher "testbyy". Did you mean "testby"?`,
  },
  {
    name: "publisher of another folder",
    content: replaced("publisher: testby", "publisher: testby-sentrum"),
    expected: `${FILE}:4:12 publisher: is "testby-sentrum" but the file is in content/testby/.`,
  },
  {
    name: "unknown topic",
    content: withField("topics: [likestiling]"),
    expected: `${FILE}:7:10 topics.0: unknown topic "likestiling". Did you mean "likestilling"?`,
  },
  {
    name: "unknown indicator",
    content: withField("keyFigures:\n  - indicator: inhabitant\n    value: 4"),
    expected: `${FILE}:8:16 keyFigures.0.indicator: unknown indicator "inhabitant". Did you mean "inhabitants"?`,
  },
  {
    name: "unknown language",
    content: replaced("language: nb", "language: no"),
    expected: `${FILE}:6:11 language: "no" is not allowed. Did you mean "nb"? Norwegian is written nb (bokmål) or nn (nynorsk).`,
  },
  {
    name: "a group of fields where one value belongs, with a key that names a method of every object",
    content: replaced("type: presentation", "type:\n  toString: [a, b]\n  valueOf: x"),
    expected: `${FILE}:4:3 type: is a group of fields, not one value. Use one of: presentation, report,`,
  },
  {
    name: "a list where one value belongs",
    content: replaced("type: presentation", "type: [presentation, report]"),
    expected: `${FILE}:3:7 type: is a list, not one value. Use one of: presentation, report,`,
  },
  {
    name: "one topic where a list belongs",
    content: withField("topics: likestilling"),
    expected: `${FILE}:7:9 topics: is one value, not a list. Write it as a list: topics: [likestilling]`,
  },
  {
    name: "one name where a list of people belongs",
    content: withField("people: Kari Nordmann"),
    expected: `${FILE}:7:9 people: is one value, not a list of entries with fields (name, role, title). Write each entry on lines of its own, the first starting with "- ", e.g. "- name: Kari Nordmann" on the line below people:.`,
  },
  {
    name: "one key figure where a list belongs",
    content: withField("keyFigures: { indicator: inhabitants, value: 5 }"),
    expected: `${FILE}:7:13 keyFigures: is one entry, not a list of entries. Make it a list: put "- " before its first field, or [ ] around it.`,
  },
  {
    name: "a title of invisible characters",
    content: replaced("title: Et dokument", 'title: "\\u200B\\u00AD"'),
    expected: `${FILE}:2:8 title: must not be empty: it holds only invisible characters`,
  },
  {
    name: "a topic listed twice",
    content: withField("topics: [likestilling, likestilling]"),
    expected: `${FILE}:7:24 topics.1: "likestilling" is listed twice (also topics.0). Remove one.`,
  },
  {
    name: "a key figure written twice",
    content: withField("keyFigures:\n  - { indicator: inhabitants, value: 5 }\n  - { indicator: inhabitants, value: 5 }"),
    expected: `${FILE}:9:5 keyFigures.1: is the same figure as keyFigures.0. Remove one.`,
  },
  {
    name: "an old address listed twice",
    content: withField("movedFrom: [testby/gammel, testby/gammel]"),
    expected: `${FILE}:7:28 movedFrom.1: "testby/gammel" is listed twice. Remove one.`,
  },
  {
    name: "speaker notes inside speaker notes",
    content: doc(VALID_FRONT_MATTER, "## A\n\n::: notes\nFørst\n::: notes\nInni\n:::\nEtter\n:::\n"),
    expected: `${FILE}:13:1 body: speaker notes start again inside speaker notes.`,
  },
  { name: "unknown field", content: withField("sumary: x"), expected: `${FILE}:7:1 sumary: unknown field "sumary". Did you mean "summary"?` },
  {
    name: "number written with a space",
    content: withField("keyFigures:\n  - indicator: inhabitants\n    value: 32 000"),
    expected: `${FILE}:9:12 keyFigures.0.value: must be a number (write 32000, not "32 000")`,
  },
  {
    name: "percent above 100",
    content: withField("keyFigures:\n  - indicator: immigrant-share\n    value: 177"),
    expected: `${FILE}:9:12 keyFigures.0.value: 177 is outside 0–100`,
  },
  {
    name: "link to a missing document",
    content: doc(VALID_FRONT_MATTER, "## A\n\nSee [this](/dokumenter/testby/nope/).\n"),
    expected: `${FILE}:11:1 body: links to the document "testby/nope", which does not exist.`,
  },
  {
    name: "link to a missing slide",
    content: doc(VALID_FRONT_MATTER, "## A\n\nSee [this](/en/documents/testby/likestilling-i-testby/#slide-9).\n"),
    expected: `${FILE}:11:1 body: links to #slide-9 in "testby/likestilling-i-testby", which has 4 slides.`,
  },
  {
    name: "link to a missing slide of its own",
    content: doc(VALID_FRONT_MATTER, "## A\n\nSee [this](#slide-9) and [that](#slide-1).\n"),
    expected: `${FILE}:11:1 body: links to #slide-9 in this document, which has 1 slide.`,
  },
  {
    name: "title heading in the body",
    content: doc(VALID_FRONT_MATTER, "# Title\n\n## A\n"),
    expected: `${FILE}:9:1 body: a "#" heading in the body is not allowed`,
  },
  {
    name: "presentation without slides",
    content: doc(VALID_FRONT_MATTER, "Just text.\n"),
    expected: `${FILE}:8:1 body: a presentation needs at least one slide`,
  },
  { name: "empty file", content: "", expected: `${FILE}:1:1 is empty.` },
  {
    name: "binary file named .md",
    content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe]),
    expected: `${FILE}:1:1 is a binary file, not text.`,
  },
  {
    name: "Windows-1252 text",
    content: new Uint8Array(
      Buffer.from(doc(VALID_FRONT_MATTER.replace("Et dokument", "Tiltak for ___"), "## Likestilling\n"), "latin1").map((b) => (b === 0x5f ? 0xe6 : b)),
    ),
    expected: `${FILE}:2:1 is not valid UTF-8; it looks like Windows-1252`,
  },
  {
    name: "UTF-16 with byte-order mark",
    content: new Uint8Array([0xff, 0xfe, ...Buffer.from(doc(VALID_FRONT_MATTER), "utf16le")]),
    expected: `${FILE}:1:1 is encoded as UTF-16LE. Save it as UTF-8`,
  },
  { name: "2.1 MB document", content: doc(VALID_FRONT_MATTER, `## A\n\n${"ord ".repeat(550_000)}\n`), expected: `${FILE}:1:1 is 2.1 MB; the limit is 2 MB.` },
  {
    name: "deeply nested YAML",
    content: withField(`event: ${"[".repeat(50_000)}${"]".repeat(50_000)}`),
    expected: `${FILE}:7:40 YAML syntax error: YAML nests more than 32 levels deep.`,
  },
  {
    // It overflowed the parser's stack: "Maximum call stack size exceeded", with no word of the fix.
    name: "lists nested in lists on one line",
    content: withField(`topics:\n  ${"- ".repeat(20_000)}likestilling`),
    expected: `${FILE}:8:1 YAML syntax error: YAML nests more than 32 levels deep on this line (a list inside a list for each "- "). Front-matter fields need only a few levels.`,
  },
  {
    name: "alias-expanding YAML",
    content: withField(
      [
        "x: &a [l,l,l,l,l,l,l,l,l]",
        ...["b", "c", "d", "e", "f", "g"].map(
          (k, i) =>
            `${k}: &${k} [${Array(9)
              .fill(`*${i === 0 ? "a" : ["b", "c", "d", "e", "f"][i - 1]}`)
              .join(",")}]`,
        ),
      ].join("\n"),
    ),
    expected: `${FILE}:2:1 YAML syntax error: Excessive alias count`,
  },
];

describe("bad input: each gives a clear error naming file, line and field", () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const { lines } = check({ [FILE]: testCase.content });
      expect(lines.join("\n")).toContain(testCase.expected);
    });
  }

  it("checks a link to a document on the site's own address, and not one to another site's /dokumenter/", () => {
    const body = [
      "## A",
      "",
      "[Another municipality](https://www.example-kommune.no/dokumenter/planer/kommuneplan-2012/) and [another site](//example.org/en/documents/reports/annual).",
      "",
      "[Ours, with a query](/dokumenter/testby/likestilling-i-testby/?utm=1#slide-2), [ours in full](https://lysark.test/en/documents/testby/likestilling-i-testby/).",
      "",
      "[Ours, missing](https://LYSARK.test/dokumenter/testby/borte/?utm=1) and [missing](/dokumenter/testby/vekk/?a=1#slide-1).",
      "",
    ].join("\n");
    const { lines } = check({ [FILE]: doc(VALID_FRONT_MATTER, body) });
    expect(lines).toEqual([
      `${FILE}:15:1 body: links to the document "testby/borte", which does not exist. Did you mean "testby/case"?`,
      `${FILE}:15:1 body: links to the document "testby/vekk", which does not exist.`,
    ]);
  });

  it("checks a link on the site's own address under its base path only", () => {
    const body = "## A\n\n[Under the base](https://lysark.test/arkiv/dokumenter/testby/borte/), [not under it](https://lysark.test/dokumenter/testby/vekk/).\n";
    const { lines } = check({ [FILE]: doc(VALID_FRONT_MATTER, body), "site.config.json": '{ "url": "https://lysark.test/arkiv/" }' });
    expect(lines).toEqual([`${FILE}:11:1 body: links to the document "testby/borte", which does not exist. Did you mean "testby/case"?`]);
  });

  it("file name that is not a slug, with the name to use instead", () => {
    const { lines } = check({ "content/testby/Tiltak for Æøå.md": doc(VALID_FRONT_MATTER) });
    expect(lines.join("\n")).toContain(
      'content/testby/Tiltak for Æøå.md:1:1 file name "Tiltak for Æøå.md" is not a valid slug (it becomes the page address). Rename it to "tiltak-for-aeoa.md".',
    );
  });

  it("a file name in decomposed Unicode says so, as it looks like the same name in composed form", () => {
    const composed = "content/testby/troms\u00f8-plan.md";
    const decomposed = "content/testby/tromso\u0308-plan.md";
    const { lines } = check({ [composed]: doc(VALID_FRONT_MATTER), [decomposed]: doc(VALID_FRONT_MATTER) });
    const named = (file: string) => lines.filter((line) => line.startsWith(`${file}:`));
    expect(named(composed)).toEqual([
      `${composed}:1:1 file name "troms\u00f8-plan.md" is not a valid slug (it becomes the page address). Rename it to "tromso-plan.md".`,
    ]);
    expect(named(decomposed)).toEqual([
      `${decomposed}:1:1 file name "tromso\u0308-plan.md" is not a valid slug (it becomes the page address). Rename it to "tromso-plan.md". Its name is in decomposed Unicode (each accent a character of its own, as macOS may write names), so it can look like another file's name.`,
    ]);
  });

  it("two files that would write the same URL", () => {
    const { lines } = check({ "content/testby/Likestilling-i-Testby.md": doc(VALID_FRONT_MATTER) });
    expect(lines).toContain(
      'content/testby/Likestilling-i-Testby.md:1:1 file name "Likestilling-i-Testby.md" is not a valid slug (it becomes the page address). It would have the same address as content/testby/likestilling-i-testby.md: merge the two or give this one another name.',
    );
  });

  it("a _publisher.yaml written as a list", () => {
    const { lines } = check({ "content/nyby/_publisher.yaml": "- id: nyby\n  names: { nb: Nyby, en: Nyby }\n  country: NO\n  kind: kommune\n" });
    expect(lines).toContain(
      'content/nyby/_publisher.yaml:1:1 is a list, not one group of fields. Remove the "- " in front of its fields (id, names, country, kind, parent, region, successor, website, movedFrom).',
    );
  });

  it("a document in a folder whose name cannot be a publisher's is not told to name it as its publisher", () => {
    const { lines } = check({ "content/_utkast/case.md": doc(VALID_FRONT_MATTER) });
    expect(lines).toContain('content/_utkast/case.md:4:12 publisher: is "testby" but the file is in content/_utkast/. Move the file to content/testby/.');
  });

  it("publisher folder without _publisher.yaml", () => {
    const { lines } = check({ "content/nowhere/doc.md": doc(VALID_FRONT_MATTER) });
    expect(lines.join("\n")).toContain('content/nowhere/_publisher.yaml:1:1 publisher folder "nowhere" has no _publisher.yaml.');
  });

  it("a folder whose name cannot be a publisher's id is not told to use it as one", () => {
    const { lines } = check({ "content/_Utkast/doc.md": doc(VALID_FRONT_MATTER) });
    expect(lines).toContain(
      'content/_Utkast/_publisher.yaml:1:1 folder "_Utkast" has no _publisher.yaml, and its name cannot be a publisher\'s id (lowercase letters, digits and single "-"). A folder in content/ is a publisher\'s: rename it (e.g. "utkast") and add _publisher.yaml, or move it out of content/.',
    );
  });

  it("publisher with an unknown parent and a mismatched id", () => {
    const { lines } = check({
      "content/testby-sentrum/_publisher.yaml": "id: sentrum\nnames: { nb: S, en: S }\ncountry: NO\nkind: bydel\nparent: testbyy\n",
    });
    expect(lines).toContain(
      'content/testby-sentrum/_publisher.yaml:1:5 id: is "sentrum" but the folder is "testby-sentrum". The folder name is the publisher id: make them the same.',
    );
  });

  it("duplicate id in a registry", () => {
    const { lines } = check({ "content/_registries/topics.yaml": "- id: a\n  labels: { nb: A, en: A }\n- id: a\n  labels: { nb: B, en: B }\n" });
    expect(lines).toContain('content/_registries/topics.yaml:3:7 1.id: duplicate id "a". Each id must appear once.');
  });

  it("an empty registry, an empty _publisher.yaml, and a registry split by a line ---, each told what it needs", () => {
    const { lines } = check({
      "content/_registries/indicators.yaml": "",
      "content/_registries/topics.yaml": "- id: a\n  labels: { nb: A, en: A }\n---\n- id: b\n  labels: { nb: B, en: B }\n",
      "content/nyby/_publisher.yaml": "",
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        "content/_registries/indicators.yaml:1:1 is empty. Write its entries as a YAML list, each with an id and labels (see docs/content-model.md), or [] for none.",
        'content/_registries/topics.yaml:3:1 YAML syntax error: a line "---" starts a second YAML document here, and a file here holds one. Remove the line (a list goes on with "- ").',
        "content/nyby/_publisher.yaml:1:1 is empty. Write id: nyby, names, country and kind in it (see docs/content-model.md), or run npm run new-publisher.",
      ]),
    );
  });

  it("registry label missing in one UI language", () => {
    const { lines } = check({ "content/_registries/topics.yaml": "- id: a\n  labels: { nb: A }\n" });
    expect(lines).toContain("content/_registries/topics.yaml:2:11 0.labels.en: is required but missing. Add it.");
  });

  it("reports every problem of one file in one pass", () => {
    const { lines } = check({
      [FILE]: doc(`${VALID_FRONT_MATTER.replace("type: presentation", "type: slides").replace("publisher: testby", "publisher: x")}\ntopics: [y]`),
    });
    expect(lines.filter((line) => line.startsWith(FILE))).toHaveLength(3);
  });

  it("never lets an invalid document reach the site", () => {
    const { site } = check({ [FILE]: replaced("date: 2012-05-01", "date: 2012-02-30") });
    expect(site.documents.map((d) => d.slug)).not.toContain("case");
  });
});

describe("input that looks odd but is fine", () => {
  it("accepts a byte-order mark and CRLF line endings, keeping line numbers right", () => {
    const crlf = `\uFEFF${doc(VALID_FRONT_MATTER.replace("date: 2012-05-01", "date: 2012-02-30"))}`.replace(/\n/g, "\r\n");
    const { lines } = check({ [FILE]: crlf });
    expect(lines).toEqual([`${FILE}:5:7 date: is not a real calendar date`]);
    const { problems, site } = check({ [FILE]: doc(VALID_FRONT_MATTER).replace(/\n/g, "\r\n") });
    expect(problems).toEqual([]);
    expect(readBody(site.documents.find((d) => d.slug === "case")!).parts[0]?.titleText).toBe("Lysbilde");
  });

  it("accepts a year alone, and 'unknown', as a date", () => {
    expect(check({ [FILE]: replaced("date: 2012-05-01", "date: 2012") }).problems).toEqual([]);
    expect(check({ [FILE]: replaced("date: 2012-05-01", "date: unknown") }).problems).toEqual([]);
  });
});

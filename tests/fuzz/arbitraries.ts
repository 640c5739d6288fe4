/**
 * fast-check generators for hostile documents: front-matter that is mostly the
 * right shape with wrong, huge, odd or control-character values (and now and
 * then not YAML at all), and Markdown built from every construct the renderer
 * knows, unbalanced and nested on purpose.
 */
import fc from "fast-check";
import { stringify } from "yaml";

/** Text with the characters that broke things before: controls, markup, quotes, surrogates, RTL marks. */
export const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  {
    weight: 2,
    arbitrary: fc.string({
      unit: fc.constantFrom(
        "<",
        ">",
        '"',
        "'",
        "&",
        "\u0000",
        "\u0007",
        "\u001b",
        "\u007f",
        "\u0085",
        "\u200f",
        "\u202e",
        "\ufffe",
        "\ud800",
        "\n",
        "\t",
        ":",
        "#",
        "-",
        "[",
        "]",
        "{",
        "}",
        "*",
        "|",
        "\\",
        " ",
        "a",
        "æ",
      ),
      maxLength: 30,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "x".repeat(400),
      "y".repeat(3000),
      "<script>alert(1)</script>",
      '"><img src=x onerror=alert(1)>',
      "javascript:alert(1)",
      "{{ 7*7 }}",
      "{% raw %}",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile template placeholder is the input under test
      "${x}",
      "null",
      "~",
      "yes",
      "1e400",
      "-0",
    ),
  },
);

const date = fc.oneof(
  fc.constantFrom("2012-05-01", "2012", "2012-05", "unknown", "2012-02-30", "0000-01-01", "1799-12-31", "9999-12-31", "2012-13-01", "12.05.2012", ""),
  fc.date({ min: new Date("1700-01-01"), max: new Date("2200-01-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.integer({ min: -5000, max: 5000 }),
);

const number = fc.oneof(fc.double({ noNaN: false }), fc.integer(), fc.constantFrom(0, -1, 1e15, 1e16, Number.MAX_VALUE, 0.1, 17.7, 4900), hostileText);

const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileText,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(hostileText, tie("value"), { maxKeys: 3 }),
  ),
})).value;

/** Sometimes the right value, sometimes anything. */
const either = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: good as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: anyValue });

const keyFigure = fc.record(
  {
    indicator: either(fc.constantFrom("inhabitants", "immigrant-share", "unknown-one")),
    value: either(number),
    unit: either(fc.constantFrom("persons", "percent")),
    refDate: either(date),
    approximate: either(fc.boolean()),
    slide: either(fc.integer({ min: -1, max: 30 })),
    scope: either(hostileText),
    breakdown: either(fc.array(fc.record({ label: either(hostileText), value: either(number) }), { maxLength: 3 })),
    comparison: either(fc.record({ value: either(number), label: either(fc.record({ nb: hostileText, en: hostileText })) })),
  },
  { requiredKeys: ["indicator"] },
);

/** Front-matter as an object: most fields of the schema, each right or wrong. */
export const frontMatterObject = fc.record(
  {
    title: either(hostileText),
    titleTranslations: either(fc.record({ en: hostileText, nb: hostileText }, { requiredKeys: [] })),
    type: either(fc.constantFrom("presentation", "report", "strategy", "other", "slides")),
    publisher: fc.constantFrom("testby", "testby", "testby", "testby-sentrum", "nowhere"),
    date: either(date),
    language: either(fc.constantFrom("nb", "en", "sv", "no")),
    people: either(
      fc.array(
        fc.record({ name: either(hostileText), role: either(fc.constantFrom("presenter", "author")), title: either(hostileText) }, { requiredKeys: ["name"] }),
        { maxLength: 3 },
      ),
    ),
    event: either(hostileText),
    topics: either(fc.array(fc.constantFrom("likestilling", "integrering", "nope"), { maxLength: 3 })),
    summary: either(hostileText),
    runningHeader: either(hostileText),
    keyFigures: either(fc.array(keyFigure, { maxLength: 3 })),
    source: either(
      fc.record(
        {
          kind: either(fc.constantFrom("transcript", "original")),
          url: either(fc.constantFrom("https://example.org/a", "http://x", "javascript:alert(1)", "ftp://x/")),
          retrieved: either(date),
          note: either(hostileText),
        },
        { requiredKeys: ["kind"] },
      ),
    ),
    attachments: either(
      fc.array(
        fc.record(
          {
            // oembed.json and cite.csl.json: files the site writes beside the page too.
            file: either(fc.constantFrom("original.pdf", "index.html", "oembed.json", "cite.csl.json", "../x.pdf", "/etc/passwd", "a?b.pdf", "missing.pptx")),
            title: either(hostileText),
          },
          { requiredKeys: ["file"] },
        ),
        { maxLength: 2 },
      ),
    ),
    sumary: hostileText, // an unknown field
  },
  { requiredKeys: ["publisher"] },
);

/** Front-matter text: the object as YAML, now and then broken or replaced by noise. */
export const frontMatterText = fc.oneof(
  { weight: 8, arbitrary: frontMatterObject.map((object) => stringify(object, { lineWidth: 0 })) },
  { weight: 1, arbitrary: fc.tuple(frontMatterObject, hostileText).map(([object, noise]) => `${stringify(object, { lineWidth: 0 })}${noise}`) },
  { weight: 1, arbitrary: fc.array(hostileText, { maxLength: 6 }).map((lines) => lines.join("\n")) },
);

const inline = fc.oneof(
  hostileText,
  hostileText.map((t) => `*${t}*`),
  hostileText.map((t) => `**${t}**`),
  hostileText.map((t) => `\`${t}\``),
  fc
    .tuple(
      hostileText,
      fc.constantFrom(
        "https://example.org/",
        "/dokumenter/testby/likestilling-i-testby/",
        "/dokumenter/testby/nope/",
        "javascript:alert(1)",
        "#slide-2",
        "mailto:a@b.no",
        "data:text/html,x",
      ),
    )
    .map(([t, u]) => `[${t}](${u})`),
  fc
    .tuple(hostileText, fc.constantFrom("bilde.png", "missing.png", "https://example.org/x.png", "../x.png", "x.svg"), hostileText)
    .map(([alt, src, title]) => `![${alt}](${src} ${JSON.stringify(title)})`),
  fc.constantFrom("<b>html</b>", "<https://example.org>", "&lt;&#60;&amp;", "\\*", "  ", "[ref]: https://x"),
);

const line = fc.array(inline, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(" "));

const block: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: line },
  { weight: 3, arbitrary: line.map((t) => `## ${t}`) },
  { weight: 1, arbitrary: fc.constantFrom("##", "#", "# Tittel", "### Under", "---", "***") },
  { weight: 1, arbitrary: line.map((t) => `::: notes\n${t}\n:::`) },
  { weight: 1, arbitrary: fc.constantFrom("::: notes", ":::", "```", "~~~", "```js") },
  { weight: 1, arbitrary: line.map((t) => `\`\`\`\n${t}\n\`\`\``) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 30 }), line).map(([depth, t]) => `${">".repeat(depth)} ${t}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 30 }), line)
      .map(([depth, t]) => Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}- ${t}`).join("\n")),
  },
  { weight: 1, arbitrary: fc.tuple(line, line).map(([a, b]) => `| ${a} | b |\n| --- | --- |\n| ${b} | c |`) },
  { weight: 1, arbitrary: line.map((t) => `1. ${t}\n2. ${t}`) },
);

export const markdownBody = fc.array(block, { maxLength: 12 }).map((blocks) => `${blocks.join("\n\n")}\n`);

/** A whole document file: front-matter and body, sometimes without the fences. */
export const documentText = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(frontMatterText, markdownBody).map(([front, body]) => `---\n${front}---\n\n${body}`) },
  { weight: 1, arbitrary: fc.tuple(frontMatterText, markdownBody).map(([front, body]) => `${front}\n${body}`) },
);

// ---- Documents the check should accept: every value valid, yet as odd as allowed. ----

const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|\p{Surrogate}/gu;
/** Hostile text with the forbidden characters taken out, trimmed, never empty, within the length limit. */
const safeText = hostileText.map((text) => text.replace(FORBIDDEN, "").replace(/\s+/g, " ").trim().slice(0, 250) || "tekst");
/** Safe text that is also safe on one Markdown line (no block syntax at its start). */
const safeInlineText = safeText.map((text) => text.replace(/[\n#>|`:\-*_[\]!\\<]/g, " ").trim() || "ord");

const validDate = fc.oneof(
  fc.constantFrom("unknown", "2012", "2012-05"),
  fc.date({ min: new Date("1800-01-01"), max: new Date("2025-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);

/**
 * Indicators of their own (FUZZ_INDICATORS, added to the project's registry), so
 * generated figures never contradict the fixture's documents.
 */
export const FUZZ_INDICATORS = `- id: fuzz-count
  labels: { nb: Fuzz-antall, en: Fuzz count }
  unit: persons
  kind: count
- id: fuzz-share
  labels: { nb: Fuzz-andel, en: Fuzz share }
  unit: percent
  kind: percent
`;

const validKeyFigure = fc.oneof(
  fc.record(
    { indicator: fc.constant("fuzz-count"), value: fc.integer({ min: 0, max: 1e9 }), approximate: fc.boolean(), scope: safeText },
    { requiredKeys: ["indicator", "value"] },
  ),
  fc.record(
    { indicator: fc.constant("fuzz-share"), value: fc.double({ min: 0, max: 100, noNaN: true }), refDate: fc.constant("1800") },
    { requiredKeys: ["indicator", "value"] },
  ),
  fc.record({
    indicator: fc.constant("fuzz-count"),
    breakdown: fc.array(fc.record({ label: safeText, value: fc.integer({ min: 0, max: 1e6 }) }), { minLength: 1, maxLength: 3 }),
  }),
);

const validFrontMatter = fc.record(
  {
    title: safeText,
    titleTranslations: fc.record({ en: safeText, nb: safeText }, { requiredKeys: [] }),
    type: fc.constantFrom("report", "strategy", "plan", "survey", "other"),
    publisher: fc.constant("testby"),
    date: validDate,
    language: fc.constantFrom("nb", "nn", "sv", "da", "en"),
    people: fc.array(fc.record({ name: safeText, role: fc.constantFrom("presenter", "author", "contributor"), title: safeText }, { requiredKeys: ["name"] }), {
      maxLength: 3,
    }),
    event: safeText,
    topics: fc.uniqueArray(fc.constantFrom("likestilling", "integrering"), { maxLength: 2 }),
    summary: safeText,
    runningHeader: safeText,
    keyFigures: fc.array(validKeyFigure, { maxLength: 2 }),
    source: fc.record(
      {
        kind: fc.constantFrom("transcript", "original", "manual"),
        url: fc.constantFrom("https://example.org/a?q=%22%3E", "http://example.org/"),
        note: safeText,
      },
      { requiredKeys: ["kind"] },
    ),
    // Old addresses: testby's own movedFrom gives every document "gamleby/<its name>" too (check-build.test.ts), which a
    // document's own entry takes over; an address a document has now, or one two documents name, the check refuses.
    movedFrom: fc.uniqueArray(fc.constantFrom("gamleby/fuzz-0", "gamleby/fuzz-1", "testby/fuzz-2", "nedlagt/et-dokument", "testby/likestilling-i-testby"), {
      maxLength: 2,
    }),
    // oembed.json and cite.csl.json are valid files the check must still refuse: the site writes files of those names beside the page.
    // cite.bib/original.pdf is a valid file in a folder named as a file the site writes beside the page.
    attachments: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom([], [{ file: "original.pdf" }]) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          [{ file: "oembed.json" }],
          [{ file: "cite.csl.json" }],
          // The same files by another way of writing them, and a folder where the site writes its page.
          [{ file: "./oembed.json" }],
          [{ file: "sub/../cite.csl.json" }],
          [{ file: "cite.bib/original.pdf" }],
        ),
      },
    ),
  },
  { requiredKeys: ["title", "type", "publisher", "date", "language"] },
);

const validInline = fc.oneof(
  safeInlineText,
  safeInlineText.map((t) => `*${t}*`),
  safeInlineText.map((t) => `**${t}**`),
  safeInlineText.map((t) => `\`${t.replace(/`/g, "")}\``),
  safeInlineText.map((t) => `[${t}](https://example.org/?q=${encodeURIComponent(t)})`),
  fc.tuple(safeInlineText, safeText).map(([alt, title]) => `![${alt}](bilde.png ${JSON.stringify(title.replace(/"/g, "'"))})`),
);
const validLine = fc.array(validInline, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(" "));
const validBlock = fc.oneof(
  { weight: 4, arbitrary: validLine },
  { weight: 3, arbitrary: validLine.map((t) => `## ${t}`) },
  { weight: 1, arbitrary: validLine.map((t) => `::: notes\n${t}\n:::`) },
  { weight: 1, arbitrary: safeText.map((t) => `\`\`\`\n${t.replace(/`/g, "'")}\n\`\`\``) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 10 }), validLine).map(([depth, t]) => `${">".repeat(depth)} ${t}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 10 }), validLine)
      .map(([depth, t]) => Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}- ${t}`).join("\n")),
  },
  { weight: 1, arbitrary: fc.tuple(validLine, validLine).map(([a, b]) => `| ${a} | b |\n| --- | --- |\n| ${b} | c |`) },
);
/** A body that starts with a heading (so every block belongs to a section). */
const validBody = fc.tuple(validLine, fc.array(validBlock, { maxLength: 10 })).map(([first, blocks]) => `## ${first}\n\n${blocks.join("\n\n")}\n`);

/** A document the check is meant to accept (most do; the few it refuses are dropped by the property). */
export const acceptableDocumentText = fc.tuple(validFrontMatter, validBody).map(([front, body]) => `---\n${stringify(front, { lineWidth: 0 })}---\n\n${body}`);

/**
 * The length of a generated document's file name without ".md": mostly its own short "fuzz-<n>" (0), sometimes near
 * and past the longest the check allows (LIMITS.idLength) up to the longest a file system takes (252 with ".md"),
 * where the files named after it ("<slug>.png") reach the 255 bytes a name may have.
 */
export const nameLength = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom(200, 201, 251, 252), fc.integer({ min: 190, max: 252 })) },
);

/** "fuzz-<index>", padded with "-x…" to `length` characters when that is longer. */
export function fuzzName(index: number, length: number): string {
  const base = `fuzz-${index}`;
  return length > base.length + 1 ? `${base}-${"x".repeat(length - base.length - 1)}` : base;
}

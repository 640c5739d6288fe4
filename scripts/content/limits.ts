import { allowedTypesText } from "./attachment-types.ts";

/**
 * Every limit the check enforces on content, in one place. Content is untrusted
 * input (CI builds pull requests), so each limit is set where the build would
 * otherwise crash, lose content or produce something absurd, with room to spare
 * for real documents. The front-matter reference lists them (renderLimits).
 */

export const LIMITS = {
  /** Characters in a title or a title translation. */
  titleLength: 300,
  /** Characters in a summary or a source note. */
  longTextLength: 2000,
  /** Characters in a change note (changes[].note): a sentence or two for readers and feeds. */
  changeNoteLength: 300,
  /** Characters in any other text field (names, labels, event, file names …). */
  textLength: 500,
  /**
   * Characters in an id (publisher, topic, indicator) or a document's file name without ".md": the files named after
   * one ("<slug>.png", "key-figures-<id>.json") must fit in the 255 bytes a file name may have.
   */
  idLength: 200,
  /** Entries in a list field (people, topics, key figures, attachments, breakdown rows). */
  listLength: 200,
  /** Largest absolute value of a number in a key figure or an indicator's range. */
  magnitude: 1e15,
  /** Earliest year of a date; the latest is next year (a later date is a typo). */
  earliestYear: 1800,
  /** Lists and block quotes inside each other in a document body. */
  markdownNesting: 12,
  /**
   * "##" slides or sections in one document. Each is written into its document's page, embed view and outline in
   * both locales: a 5 MB body of one million headings made 380 MB of pages and a 4 GB build after a passing check.
   */
  slidesPerDocument: 1000,
  /**
   * Bytes of one document file. markdown-it holds a token for every cell, list item and paragraph: a 4.9 MB table of
   * one-letter cells made 10.3 million tokens and 2.2 GB of heap, more than Node gives itself on a 7 GB CI runner
   * (the check died there with "heap out of memory"). At 2 MB the worst such document takes 1.2 GB for the check;
   * 2 MB is some 300,000 words, more than the longest municipal report.
   */
  documentBytes: 2 * 1024 * 1024,
  /** Bytes of one image in a document body. */
  imageBytes: 25 * 1024 * 1024,
  /** Pixels (width × height) of one image; sharp refuses very large images. */
  imagePixels: 50_000_000,
  /** Longest side of an image in pixels (WebP cannot encode more than 16,383). */
  imageSide: 16_000,
  /** How many times longer than the other side one side of an image may be. */
  imageAspect: 50,
  /** Bytes of one attachment (GitHub Pages refuses files over 100 MB). */
  attachmentBytes: 100 * 1000 * 1000,
  /** Documents per listing page (site.config.json pageSize). */
  pageSize: 1000,
  /**
   * Characters in site.config.json's url: its path is written into every link of every page, so a 200,000-character
   * path made an 848 MB site of the five bundled documents.
   */
  siteUrlLength: 200,
} as const;

/** The latest year a date may have: next year, so a talk announced ahead still passes. */
export function latestYear(now = new Date()): number {
  return now.getUTCFullYear() + 1;
}

/**
 * Characters that have no place in text: C0 and C1 control characters (except
 * tab and line breaks), noncharacters, and halves of a surrogate pair. XML
 * refuses them (a social card's SVG fails to draw) and they are invisible in an editor.
 */
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|\p{Surrogate}/u;

/**
 * Any code unit FORBIDDEN_CHARACTER could match, paired surrogates included. Without
 * the `u` flag the scan is about 2.5 times faster, and almost every text has none of
 * these, so the exact expression runs only on a text that has one.
 */
const MAYBE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** The first forbidden character in `text` and its position, or undefined. */
export function forbiddenCharacter(text: string): { index: number; code: string } | undefined {
  if (!MAYBE_FORBIDDEN.test(text)) return undefined;
  const match = FORBIDDEN_CHARACTER.exec(text);
  if (!match) return undefined;
  const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  return { index: match.index, code: `U+${code}` };
}

/** `text` with each forbidden character replaced by `by` (an importer's text, where a page could not show it). */
export function replaceForbiddenCharacters(text: string, by: string): string {
  return MAYBE_FORBIDDEN.test(text) ? text.replace(new RegExp(FORBIDDEN_CHARACTER.source, "gu"), by) : text;
}

export function forbiddenCharacterMessage(code: string): string {
  return `contains the invisible control character ${code}, which cannot be published. Delete it (it often comes from copying out of a PDF or a slide program).`;
}

function number(value: number): string {
  return value.toLocaleString("en-US");
}

/** The limits as a Markdown section of the front-matter reference. */
export function renderLimits(): string {
  const mb = (bytes: number, unit: number) => `${number(bytes / unit)} MB`;
  const rows: Array<[string, string]> = [
    ["title, title translation", `at most ${number(LIMITS.titleLength)} characters`],
    ["summary, source note", `at most ${number(LIMITS.longTextLength)} characters`],
    ["change note (changes[].note)", `at most ${number(LIMITS.changeNoteLength)} characters`],
    ["any other text (names, labels, event, file names …)", `at most ${number(LIMITS.textLength)} characters`],
    ["id (publisher, topic, indicator), document file name without .md", `at most ${number(LIMITS.idLength)} characters`],
    ["any list (people, topics, key figures, attachments, breakdown)", `at most ${number(LIMITS.listLength)} entries`],
    ["any text, in front-matter or body", "no control characters (other than tab and line breaks), noncharacters or lone surrogates"],
    ["dates (date, refDate, source.retrieved)", `year ${LIMITS.earliestYear} to next year`],
    ["numbers in key figures and indicators", `between −${number(LIMITS.magnitude)} and ${number(LIMITS.magnitude)}`],
    ["document file", `at most ${mb(LIMITS.documentBytes, 1024 * 1024)} of UTF-8 text`],
    ["slides or sections (`##` headings) in one document", `at most ${number(LIMITS.slidesPerDocument)}`],
    [
      "body nesting",
      `lists and quotes at most ${LIMITS.markdownNesting} levels inside each other; every \`::: notes\` closed by a \`:::\` line and every code block by its fence`,
    ],
    [
      "body image",
      `PNG, JPEG, WebP, AVIF, GIF or TIFF that decodes completely; at most ${mb(LIMITS.imageBytes, 1024 * 1024)}, ${number(LIMITS.imagePixels)} pixels, ${number(LIMITS.imageSide)} pixels on its longest side, and one side at most ${LIMITS.imageAspect} times the other`,
    ],
    [
      "attachment",
      `at most ${mb(LIMITS.attachmentBytes, 1000 * 1000)}, with one of these extensions: ${allowedTypesText()}. HTML, JavaScript, SVG, XML and other types a browser could run are refused, and so is a file whose content is HTML or SVG whatever its name`,
    ],
    ["files", "documents, images and attachments are files inside content/ (a symbolic link to a place outside is refused)"],
    ["`pageSize` in site.config.json", `1 to ${number(LIMITS.pageSize)}`],
    ["`url` in site.config.json", `at most ${number(LIMITS.siteUrlLength)} characters; \`repository\` and \`editBranch\` at most ${number(LIMITS.textLength)}`],
  ];
  return [
    "## Limits",
    "",
    "`npm run check` refuses content outside these limits, so that a build after a passing check cannot fail. They are set in `scripts/content/limits.ts`.",
    "",
    "| what | limit |",
    "| --- | --- |",
    ...rows.map(([what, limit]) => `| ${what} | ${limit} |`),
    "",
  ].join("\n");
}

/**
 * Splits a Markdown file into its YAML front-matter and body, keeping line
 * numbers so errors in either part can point at the original file.
 */
export interface SplitFile {
  frontMatter: string;
  /** 1-based line in the file where the front-matter's first line is. */
  frontMatterLine: number;
  body: string;
  /** 1-based line in the file where the body starts. */
  bodyLine: number;
}

export class FrontMatterError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Removes a UTF-8 byte-order mark and turns CRLF/CR line endings into LF (line count is kept). */
export function normalizeText(text: string): string {
  const unmarked = text.replace(/^\uFEFF/, "");
  // A scan for the character first: most files have LF endings, and the expression costs more.
  return unmarked.includes("\r") ? unmarked.replace(/\r\n?/g, "\n") : unmarked;
}

/**
 * Walks the front-matter's lines only: the body is sliced off whole instead of
 * being split into lines and joined again.
 */
export function splitFrontMatter(text: string): SplitFile {
  const firstEnd = text.indexOf("\n");
  if ((firstEnd === -1 ? text : text.slice(0, firstEnd)).trimEnd() !== "---") {
    throw new FrontMatterError(
      'has no front-matter. A document must start with a line "---", then YAML fields (title, type, publisher, date, language), then a closing "---".',
      1,
    );
  }
  let close = 1;
  for (let start = firstEnd + 1; firstEnd !== -1; close++) {
    const end = text.indexOf("\n", start);
    if (/^(---|\.\.\.)\s*$/.test(text.slice(start, end === -1 ? text.length : end))) {
      return {
        frontMatter: text.slice(firstEnd + 1, Math.max(firstEnd + 1, start - 1)),
        frontMatterLine: 2,
        body: end === -1 ? "" : text.slice(end + 1),
        bodyLine: close + 2,
      };
    }
    if (end === -1) break;
    start = end + 1;
  }
  throw new FrontMatterError('front-matter is not closed. Add a line "---" after the last YAML field.', 1);
}

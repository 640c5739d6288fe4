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
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

export function splitFrontMatter(text: string): SplitFile {
  const lines = text.split("\n");
  if (lines[0]?.trimEnd() !== "---") {
    throw new FrontMatterError(
      'has no front-matter. A document must start with a line "---", then YAML fields (title, type, publisher, date, language), then a closing "---".',
      1,
    );
  }
  const close = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (close === -1) {
    throw new FrontMatterError('front-matter is not closed. Add a line "---" after the last YAML field.', 1);
  }
  return {
    frontMatter: lines.slice(1, close).join("\n"),
    frontMatterLine: 2,
    body: lines.slice(close + 1).join("\n"),
    bodyLine: close + 2,
  };
}

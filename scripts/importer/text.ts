/** Small text helpers shared by the importer's modules. */

/** Collapse runs of spaces/tabs to one space and trim (NBSP is kept: it binds "32 000"). */
export function squash(s: string): string {
  return s.replace(/[ \t\f\v]+/gu, " ").trim();
}

/** Key for comparing two texts: lower case, whitespace and NBSP collapsed. */
export function compareKey(s: string): string {
  return s
    .replace(/[\s\u00a0]+/gu, " ")
    .trim()
    .toLowerCase();
}

/** Words of a text (split on spaces and tabs only; punctuation stays attached). */
export function words(s: string): string[] {
  return s.split(/[ \t]+/u).filter((w) => w !== "");
}

/** A word stripped of surrounding punctuation, lower case. */
export function bare(word: string): string {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").toLowerCase();
}

/** Letters-only words in lower case, for statistics. */
export function lowerWords(s: string): string[] {
  return s.toLowerCase().match(/\p{L}+(?:['’]\p{L}+)?/gu) ?? [];
}

/** Does the word (after leading quotes/brackets) start with a capital letter? */
export function isCapitalised(word: string): boolean {
  return /^[^\p{L}\p{N}]*\p{Lu}/u.test(word);
}

/** Does the word end with a lower-case letter (no trailing punctuation)? */
export function endsLower(word: string): boolean {
  return /\p{Ll}$/u.test(word);
}

/** Quotation marks that can open or close a quote in Nordic and English text. */
export const QUOTES = "\"“”„«»‘’'";

/** Ends a sentence: . ! ? … (possibly repeated) with optional closing quotes/brackets. */
export const SENTENCE_END = /[.!?…]+["“”»’')\]]*$/u;

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

/** "1, 2, 3, 5" → "1–3, 5" for reports. */
export function ranges(nums: number[]): string {
  const sorted = [...new Set(nums)].sort((a, b) => a - b);
  const out: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(j > i + 1 ? `${sorted[i]}–${sorted[j]}` : j === i + 1 ? `${sorted[i]}, ${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return out.join(", ");
}

/** Shorten for a report line. */
export function clip(s: string, max = 60): string {
  const t = squash(s);
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

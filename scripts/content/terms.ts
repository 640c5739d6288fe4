/**
 * The words of a document that related documents compare
 * (scripts/related/related.ts), found in pass 1 on the thread that renders
 * the body, so the main thread neither reads the body back nor tokenises it:
 * that had cost it about 4.5 s of a cold build at N = 5000, and every warm
 * build read all 5000 bodies back for it (docs/performance-log.md, "Related
 * documents' words in pass 1"). A few kilobytes a document: its distinct
 * words, in order of first use, with their counts.
 */
import type { DocumentMeta } from "./schema.ts";
import type { RenderedBody } from "./markdown.ts";

export interface DocumentTerms {
  /**
   * Each word once, in the order of its first use in the text, joined by spaces (a word never holds one):
   * one string takes about half the memory of an array of words (3.6 against 7.0 KB a document at N = 5000).
   */
  words: string;
  /** How often each word occurs, in the order of `words`. */
  counts: number[];
}

/**
 * A document's words once its related list was scored for good (a build, not the dev server): let go, as the
 * main thread held them to the end otherwise. Reading them is a mistake, and says so instead of finding nothing.
 */
export const RELEASED_TERMS: DocumentTerms = Object.freeze({
  // A document's JSON (a page-cache token without a source hash) says so rather than throwing.
  toJSON: () => "released",
  get words(): string {
    return released();
  },
  get counts(): number[] {
    return released();
  },
});

function released(): never {
  throw new Error("This document's words were released once its related documents were found (PublishEnv.scoreRelatedOnce).");
}

/** The words of `terms`, in order. */
export function termWords(terms: DocumentTerms): string[] {
  return terms.words === "" ? [] : terms.words.split(" ");
}

// Frequent function words of the body languages, three letters or longer.
const STOP_WORDS = new Set(
  `
og som det den der har med for til fra ikke kan skal vil var blir ble være vært
hva hvor hvordan når også men eller om alle andre annet enn etter mot under over
seg sin sitt sine deres dette disse denne her inn opp mer mange noe noen slik
ved mellom uten hos vår våre vårt vi dei dykk eit ein ikkje kva korleis frå
och att det som för med till från inte kan ska var har blir blev vara hur när
också eller alla andra efter mot under över sig sin sitt sina deras detta dessa
denna här upp mer många något några sådan vid mellan utan hos våra vårt
ikke hvad hvordan hvornår også eller efter mellem uden vores
the and for are was were this that these those with from into onto have has had
not but can will would should could about over under their there which what when
where who how all any some more most other such than then them they its our your
`
    .split(/\s+/)
    .filter(Boolean),
);

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Per UTF-16 code unit: 0 not yet known, 1 a letter or digit, 2 neither (filled as met). */
const wordCharCache = new Uint8Array(0x10000);

/** Length in code units of the letter or digit starting at `i` in `text` (2 for an astral one), or 0. */
function wordCharAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) return 1;
  // Upper case last: the scans below read lower-cased text, wordCharBefore the text as written.
  if (code < 128) return code >= 65 && code <= 90 ? 1 : 0;
  if (code >= 0xd800 && code <= 0xdbff) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    return char.length === 2 && WORD_CHAR.test(char) ? 2 : 0;
  }
  let known = wordCharCache[code]!;
  if (known === 0) wordCharCache[code] = known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

/** Whether the character just before `i` in `text` is a letter or digit: what `(?<![\p{L}\p{N}])` at `i` looks at. */
export function wordCharBefore(text: string, i: number): boolean {
  if (i === 0) return false;
  const code = text.charCodeAt(i - 1);
  // The second half of an astral character: read whole, from its first half.
  if (code >= 0xdc00 && code <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return wordCharAt(text, i - 2) === 2;
  }
  return wordCharAt(text, i - 1) !== 0;
}

/**
 * Calls `use` for every run of letters and digits in `text` lower-cased (`lower`, from `start` to `end`), as
 * `text.toLowerCase().split(/[^\p{L}\p{N}]+/u)` finds them: a character scan, about twice as fast as the regex
 * and with no array of the runs (docs/performance-log.md).
 */
export function eachLetterRun(text: string, use: (lower: string, start: number, end: number, digitsOnly: boolean) => void): void {
  const lower = text.toLowerCase();
  const length = lower.length;
  let i = 0;
  while (i < length) {
    let step = wordCharAt(lower, i);
    if (step === 0) {
      i++;
      continue;
    }
    const start = i;
    let digitsOnly = true;
    while (step !== 0) {
      const code = lower.charCodeAt(i);
      if (code < 48 || code > 57) digitsOnly = false;
      i += step;
      step = i < length ? wordCharAt(lower, i) : 0;
    }
    use(lower, start, i, digitsOnly);
  }
}

/**
 * Calls `use` for every word of `text` worth comparing: lower-cased runs of
 * letters and digits (eachLetterRun), three or more long, not only digits and
 * not a stop word. The hottest loop of related documents.
 */
export function eachWord(text: string, use: (word: string) => void): void {
  eachLetterRun(text, (lower, start, end, digitsOnly) => {
    if (end - start < 3 || digitsOnly) return;
    const word = lower.slice(start, end);
    if (!STOP_WORDS.has(word)) use(word);
  });
}

/** The text related documents compare: the title in every language, the summary, the plain text of each slide or section. */
export function relatedText(meta: DocumentMeta, body: Pick<RenderedBody, "parts">): string {
  return [meta.title, ...Object.values(meta.titleTranslations ?? {}), meta.summary ?? "", ...body.parts.map((part) => part.text)].join(" ");
}

/** The distinct words of `text` worth comparing, in order of first use, with their counts. */
export function documentTerms(text: string): DocumentTerms {
  const index = new Map<string, number>();
  const words: string[] = [];
  const counts: number[] = [];
  eachWord(text, (word) => {
    const at = index.get(word);
    if (at === undefined) {
      index.set(word, words.length);
      words.push(word);
      counts.push(1);
    } else counts[at]!++;
  });
  return { words: words.join(" "), counts };
}

/**
 * One `##` heading per slide.
 *
 * - The transcript gives the slide's title on its own line ("4 Forankring og
 *   oppstart" followed by the slide text on the next line): that line is the
 *   heading, the other lines are the text.
 * - A one-line slide ("4 Om svarene og analysen Hele 22 av 30 kommuner …")
 *   is split after its title when the boundary is clear: after the first
 *   question/exclamation mark or colon within 80 characters ("Hvorfor
 *   kartlegging?"), or where a capitalised word follows a lower-case content
 *   word within the first eight words ("Om svarene og analysen | Hele …";
 *   a capital after a function word — "samarbeid med Stavanger" — is a name,
 *   not a boundary; so is a capital after a capitalised word, unless it opens
 *   a sentence — "SPK Morten Buan" is one name; a numeral after a name belongs
 *   to it, "Jämresursen II"; an abbreviation's full stop ends nothing,
 *   "JUDr. Olga"; English title case turns this rule off). The words move
 *   from the text to the heading; nothing is repeated or lost.
 * - A title repeated at the start of neighbouring slides is their heading.
 * - Without a clear boundary, a short slide (at most 80 characters) is all
 *   heading.
 * - Otherwise the heading is a short excerpt of the first words ending in "…",
 *   and the text stays complete.
 */
import { isFunctionWord } from "./language.js";
import { bare, isCapitalised, words } from "./text.js";

export interface Headed {
  heading: string;
  paragraphs: string[];
  how: "line" | "whole" | "split" | "excerpt" | "empty";
}

const MAX_LINE_HEADING = 120;
const MAX_WHOLE = 80;
const MAX_SPLIT_CHARS = 80;
const MAX_SPLIT_WORDS = 8;

/** Abbreviations whose full stop ends no title ("JUDr. Olga …", "Prof. Berg"). */
const ABBREVIATIONS = new Set(
  `prof doc ing mgr bc dr jr sr st nr ca inkl evt osv mfl bl.a f.eks jf tlf kap avd adm
  resp ggf bzw usw vgl bzgl hr fr mr mrs ms dipl univ`
    .split(/\s+/u)
    .filter(Boolean),
);

function isAbbreviation(word: string): boolean {
  const w = word.replace(/^[^\p{L}]+/u, "").replace(/\.["”»’')\]]*$/u, "");
  // Mixed case inside a word ("JUDr", "PhDr", "MUDr") marks a title abbreviation.
  return ABBREVIATIONS.has(w.toLowerCase()) || /\p{Lu}.*\p{Ll}.*\p{Lu}|\p{Lu}{2,}\p{Ll}/u.test(w) || w.includes(".");
}

/** Roman numerals that belong to a name ("Jämresursen II", "Karl XII"). */
export const ROMAN = /^(?:I{2,3}|IV|VI{0,3}|IX|XI{0,3}|XII)[.,:]?$/u;
/** Words that open a sentence although capitalised like a name ("Grue | Ca 4900 innbyggere"). */
const APPROX_OPENERS = new Set(["ca", "ca.", "cirka", "omkring", "nesten", "drygt", "knapt"]);

/** Ends with a lower-case letter, possibly followed by closing quotes ("”verdibanken”"). */
const endsLowerQuoted = (word: string): boolean => /\p{Ll}["“”»’']*$/u.test(word);

/**
 * May a title end between `word` and `next` because a capital follows a
 * lower-case content word? Never inside a run of capitalised words (a name:
 * "SPK Morten | Buan"), unless the next word opens a sentence ("Grue | Ca
 * 4900"); never before a numeral that belongs to the word before it
 * ("Jämresursen | II"). After such a numeral the run of the name ends
 * ("Jämresursen II | Hösten 2011").
 */
function capitalBoundary(prev: string | undefined, word: string, next: string): boolean {
  // The slide's first word is capitalised because it opens the slide, not because it is a name.
  const nameWord = (x: string): boolean => prev !== undefined && isCapitalised(x);
  if (!isCapitalised(next) || ROMAN.test(next)) return false;
  const opener = isFunctionWord(bare(next)) || APPROX_OPENERS.has(next.toLowerCase());
  if (ROMAN.test(word)) return (prev !== undefined && isCapitalised(prev)) || opener;
  if (!endsLowerQuoted(word) || isFunctionWord(bare(word))) return false;
  if (nameWord(word) && !opener) return false;
  return true;
}

/** Index (in words) after which the title of a one-line slide ends, or -1. */
export function titleBoundary(text: string, capitalBoundaryOn = true): number {
  const w = words(text);
  let chars = 0;
  for (let i = 0; i < w.length - 1; i++) {
    chars += w[i]!.length + (i > 0 ? 1 : 0);
    if (chars > MAX_SPLIT_CHARS) break;
    const word = w[i]!;
    // "?", "!" or ":" ends the title, possibly followed by closing quotes — but not a colon after a bare number ("2009: Oppstart …").
    if (/[?!]["“”»’')\]]*$/u.test(word)) return i;
    if (/:["“”»’')\]]*$/u.test(word) && !/^\d+:$/u.test(word)) return i;
    // A full stop ends it when the next word starts a sentence and this is no abbreviation or number.
    if (/\p{L}{4,}\.["”»’')\]]*$/u.test(word) && isCapitalised(w[i + 1]!) && !isAbbreviation(word)) return i;
    const next = w[i + 1]!;
    // A bullet starts the slide's list: the title ends before it ("Program för hållbarhet • Ledningen …").
    if (/^[•▪●◦‣]$/u.test(next)) return i;
    if (capitalBoundaryOn && i + 1 <= MAX_SPLIT_WORDS && capitalBoundary(w[i - 1], word, next)) return i;
  }
  return -1;
}

/**
 * A title repeated at the start of neighbouring slides ("Samling for ansatte
 * i Grue kommune 16.mars 2010 …" on slides 12–14): the longest common word
 * prefix (at least three words) of this slide's text and a neighbour's. It is
 * the slide's heading, not a running header (that spans most of the deck).
 */
export function sharedTitle(text: string, neighbours: string[]): string | undefined {
  const w = words(text);
  let best = 0;
  for (const n of neighbours) {
    const v = words(n);
    let k = 0;
    while (k < w.length && k < v.length && w[k] === v[k]) k++;
    best = Math.max(best, k);
  }
  if (best < 3 || best >= w.length) return undefined;
  const title = w.slice(0, best).join(" ");
  return title.length <= MAX_LINE_HEADING ? title : undefined;
}

/** "Drivande skyer i solglimt og grått, ein …" → "Drivande skyer i solglimt og grått …" */
export function excerpt(text: string, maxChars = 60, maxWords = 8): string {
  const clause = /^(.{3,}?)[,;:.!?]\s/u.exec(text);
  if (clause && clause[1]!.length <= maxChars && words(clause[1]!).length <= maxWords + 2) return `${clause[1]!.trim()} …`;
  const out: string[] = [];
  for (const w of words(text)) {
    if (out.length >= maxWords || [...out, w].join(" ").length > maxChars) break;
    out.push(w);
  }
  if (out.length === 0) out.push(text.slice(0, maxChars));
  return `${out.join(" ").replace(/[,;:]$/u, "")} …`;
}

/**
 * @param capitalBoundary whether a capital after a lower-case word may end a title
 *   (off for English, whose headings use title case: "Housing for all Project Manager …")
 */
export function headSlide(lines: string[], capitalBoundaryOn = true, neighbours: string[] = []): Headed {
  const L = lines.map((l) => l.trim()).filter(Boolean);
  if (L.length === 0) return { heading: "", paragraphs: [], how: "empty" };
  const first = L[0]!;
  if (L.length >= 2 && first.length <= MAX_LINE_HEADING) {
    return { heading: first, paragraphs: L.slice(1), how: "line" };
  }
  const shared = sharedTitle(first, neighbours);
  if (shared !== undefined) {
    return { heading: shared, paragraphs: [words(first).slice(words(shared).length).join(" "), ...L.slice(1)], how: "split" };
  }
  // A bullet before the first words is no part of a heading.
  const bullet = /^[•▪●◦‣∙·*–-]\s+/u.exec(first)?.[0] ?? "";
  const rest = first.slice(bullet.length);
  const b = titleBoundary(rest, capitalBoundaryOn);
  if (b >= 0) {
    const w = words(rest);
    return { heading: w.slice(0, b + 1).join(" "), paragraphs: [w.slice(b + 1).join(" "), ...L.slice(1)], how: "split" };
  }
  if (first.length <= MAX_WHOLE) {
    return { heading: first, paragraphs: L.slice(1), how: "whole" };
  }
  return { heading: excerpt(rest), paragraphs: L, how: "excerpt" };
}

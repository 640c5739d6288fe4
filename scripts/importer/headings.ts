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
 *   not a boundary; English title case turns this rule off). The words move
 *   from the text to the heading; nothing is repeated or lost.
 * - Without a clear boundary, a short slide (at most 80 characters) is all
 *   heading.
 * - Otherwise the heading is a short excerpt of the first words ending in "…",
 *   and the text stays complete.
 */
import { isFunctionWord } from './language.js';
import { bare, isCapitalised, endsLower, words } from './text.js';

export interface Headed {
  heading: string;
  paragraphs: string[];
  how: 'line' | 'whole' | 'split' | 'excerpt' | 'empty';
}

const MAX_LINE_HEADING = 120;
const MAX_WHOLE = 80;
const MAX_SPLIT_CHARS = 80;
const MAX_SPLIT_WORDS = 8;

/** Index (in words) after which the title of a one-line slide ends, or -1. */
export function titleBoundary(text: string, capitalBoundary = true): number {
  const w = words(text);
  let chars = 0;
  for (let i = 0; i < w.length - 1; i++) {
    chars += w[i]!.length + (i > 0 ? 1 : 0);
    if (chars > MAX_SPLIT_CHARS) break;
    const word = w[i]!;
    // "?", "!" or ":" ends the title, possibly followed by closing quotes.
    if (/[?!:]["“”»’')\]]*$/u.test(word)) return i;
    // A full stop ends it when the next word starts a sentence and this is no abbreviation or number.
    if (/\p{L}{4,}\.["”»’')\]]*$/u.test(word) && isCapitalised(w[i + 1]!)) return i;
    const next = w[i + 1]!;
    if (capitalBoundary && i + 1 <= MAX_SPLIT_WORDS && endsLower(word) && isCapitalised(next) && !isFunctionWord(bare(word))) {
      return i;
    }
  }
  return -1;
}

/** "Drivande skyer i solglimt og grått, ein …" → "Drivande skyer i solglimt og grått …" */
export function excerpt(text: string, maxChars = 60, maxWords = 8): string {
  const clause = /^(.{3,}?)[,;:.!?]\s/u.exec(text);
  if (clause && clause[1]!.length <= maxChars && words(clause[1]!).length <= maxWords + 2) return `${clause[1]!.trim()} …`;
  const out: string[] = [];
  for (const w of words(text)) {
    if (out.length >= maxWords || [...out, w].join(' ').length > maxChars) break;
    out.push(w);
  }
  if (out.length === 0) out.push(text.slice(0, maxChars));
  return `${out.join(' ').replace(/[,;:]$/u, '')} …`;
}

/**
 * @param capitalBoundary whether a capital after a lower-case word may end a title
 *   (off for English, whose headings use title case: "Housing for all Project Manager …")
 */
export function headSlide(lines: string[], capitalBoundary = true): Headed {
  const L = lines.map((l) => l.trim()).filter(Boolean);
  if (L.length === 0) return { heading: '', paragraphs: [], how: 'empty' };
  const first = L[0]!;
  if (L.length >= 2 && first.length <= MAX_LINE_HEADING) {
    return { heading: first, paragraphs: L.slice(1), how: 'line' };
  }
  const b = titleBoundary(first, capitalBoundary);
  if (b >= 0) {
    const w = words(first);
    return { heading: w.slice(0, b + 1).join(' '), paragraphs: [w.slice(b + 1).join(' '), ...L.slice(1)], how: 'split' };
  }
  if (first.length <= MAX_WHOLE) {
    return { heading: first, paragraphs: L.slice(1), how: 'whole' };
  }
  return { heading: excerpt(first), paragraphs: L, how: 'excerpt' };
}

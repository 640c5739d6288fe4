/**
 * Repeated text in scraped transcripts.
 *
 * - `collapseRepeats`: a passage pasted several times in a row (Stavanger
 *   slide 10 holds the same ~900-character passage three times) is kept once.
 *   Found as a "tandem repeat" over words: at each position the longest block
 *   of at least MIN_WORDS words (and MIN_CHARS characters) that is directly
 *   followed by an identical copy; all consecutive copies collapse to one.
 *   Short repeats (a refrain, "like god … like god") are left alone.
 * - `dropHeadingEcho`: the body that starts by repeating the slide's heading
 *   (Sagene: "4 Forankring og oppstart" then "… Forankring og oppstart
 *   Forankret i …") loses the echo.
 * - `dropTriplicates`: the last line of defence for "no paragraph appears
 *   three times": a paragraph seen on three or more slides is kept only where
 *   it first appears.
 */
import { compareKey, words } from "./text.js";

export const MIN_WORDS = 8;
export const MIN_CHARS = 40;
/** Longest passage looked for (words); keeps the search fast on huge inputs. */
export const MAX_BLOCK = 3000;

export interface Collapsed {
  text: string;
  /** One entry per collapsed passage. */
  removed: { words: number; copies: number; sample: string }[];
}

export function collapseRepeats(text: string): Collapsed {
  const tokens = words(text);
  const n = tokens.length;
  const ids: number[] = [];
  const dict = new Map<string, number>();
  for (const t of tokens) {
    let id = dict.get(t);
    if (id === undefined) dict.set(t, (id = dict.size));
    ids.push(id);
  }
  const same = (a: number, b: number, len: number): boolean => {
    for (let k = 0; k < len; k++) if (ids[a + k] !== ids[b + k]) return false;
    return true;
  };
  // Later positions of each word, so only lengths where the block's first word recurs are tried.
  const positions = new Map<number, number[]>();
  ids.forEach((id, k) => {
    let list = positions.get(id);
    if (!list) positions.set(id, (list = []));
    list.push(k);
  });
  const out: string[] = [];
  const removed: Collapsed["removed"] = [];
  let i = 0;
  while (i < n) {
    let block = 0;
    const later = positions.get(ids[i]!)!;
    const maxLen = Math.min(Math.floor((n - i) / 2), MAX_BLOCK);
    for (let p = later.length - 1; p >= 0; p--) {
      const len = later[p]! - i;
      if (len > maxLen) continue;
      if (len < MIN_WORDS) break;
      if (same(i, i + len, len) && tokens.slice(i, i + len).join(" ").length >= MIN_CHARS) {
        block = len;
        break;
      }
    }
    if (block === 0) {
      out.push(tokens[i]!);
      i++;
      continue;
    }
    let copies = 2;
    while (i + (copies + 1) * block <= n && same(i, i + copies * block, block)) copies++;
    out.push(...tokens.slice(i, i + block));
    removed.push({ words: block, copies, sample: tokens.slice(i, i + Math.min(block, 8)).join(" ") });
    i += copies * block;
  }
  return { text: removed.length ? out.join(" ") : text, removed };
}

/** Remove the heading from the start of the first paragraph when it is repeated there. */
export function dropHeadingEcho(heading: string, paragraphs: string[]): { paragraphs: string[]; dropped: boolean } {
  if (!heading || paragraphs.length === 0) return { paragraphs, dropped: false };
  const hw = words(heading).map((w) => w.toLowerCase());
  const first = words(paragraphs[0]!);
  if (first.length < hw.length || !hw.every((w, i) => first[i]!.toLowerCase() === w)) {
    return { paragraphs, dropped: false };
  }
  const rest = first.slice(hw.length).join(" ").trim();
  return { paragraphs: rest ? [rest, ...paragraphs.slice(1)] : paragraphs.slice(1), dropped: true };
}

/** Consecutive identical paragraphs collapse to one. */
export function dropConsecutiveDuplicates(paragraphs: string[]): string[] {
  return paragraphs.filter((p, i) => i === 0 || compareKey(p) !== compareKey(paragraphs[i - 1]!));
}

export interface Paragraphs {
  number: number;
  paragraphs: string[];
  notes: string[];
}

/**
 * Keep a paragraph that appears three or more times in the document only where
 * it first appears. Returns the slides it was removed from.
 */
export function dropTriplicates(slides: Paragraphs[], minChars = 20): { text: string; slides: number[] }[] {
  const count = new Map<string, number>();
  for (const s of slides) {
    for (const p of [...s.paragraphs, ...s.notes]) count.set(compareKey(p), (count.get(compareKey(p)) ?? 0) + 1);
  }
  const seen = new Set<string>();
  const report = new Map<string, { text: string; slides: number[] }>();
  const keep =
    (s: Paragraphs) =>
    (p: string): boolean => {
      const key = compareKey(p);
      if ((count.get(key) ?? 0) < 3 || key.length < minChars) return true;
      if (!seen.has(key)) {
        seen.add(key);
        return true;
      }
      const r = report.get(key) ?? { text: p, slides: [] };
      r.slides.push(s.number);
      report.set(key, r);
      return false;
    };
  for (const s of slides) {
    s.paragraphs = s.paragraphs.filter(keep(s));
    s.notes = s.notes.filter(keep(s));
  }
  return [...report.values()];
}

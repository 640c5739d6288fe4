/**
 * A running header: the same words at the start of a line on most slides
 * (a logo text or tagline: "Sammen for en levende by", "Oslo kommune Bydel
 * Sagene Barne- og ungdomsavdelingen"). It is removed from every slide and
 * kept once as the document's `runningHeader`.
 *
 * Detection: count, for every word-prefix of every slide line, on how many
 * slides a line starts with it. The header is the LONGEST prefix (at least two
 * words and eight characters) that starts a line on at least half of the slides
 * with text (and on at least three), and on more than half of them, so that
 * a title repeated on a few neighbouring slides ("… (forts.)", three slides of
 * six) is not taken for a header.
 *
 * Variants: some slides may carry a variant of the header that shares only its
 * beginning (Sagene slides 3 and 9: "Oslo kommune Bydel Sagene Department of
 * Children and Youth …"). When a shorter prefix of the header (the common
 * prefix) starts lines on more slides than the full header, those extra
 * slides carry a variant. The words that follow the common prefix on at least
 * two variant slides ("Department of Children and Youth") are part of the
 * variant and are removed with it. A variant seen on one slide only loses
 * just the common prefix. The front-matter value is the full header found on
 * most slides; the variants are listed in the report.
 */
import type { RawSlide } from "./slides.js";
import { slideLines } from "./slides.js";
import { words } from "./text.js";

export interface RunningHeader {
  /** The value for front-matter `runningHeader`. */
  value: string;
  /** Header forms removed from slides, longest first. */
  forms: string[];
  /** Slides the header was removed from. */
  slides: number[];
  /** Variant forms with the slides they were found on. */
  variants: { text: string; slides: number[] }[];
}

const MAX_WORDS = 20;

function prefixCoverage(slides: RawSlide[]): Map<string, Set<number>> {
  const cover = new Map<string, Set<number>>();
  for (const s of slides) {
    for (const line of slideLines(s)) {
      const w = words(line);
      for (let k = 1; k <= Math.min(MAX_WORDS, w.length); k++) {
        const key = w.slice(0, k).join(" ");
        let set = cover.get(key);
        if (!set) cover.set(key, (set = new Set()));
        set.add(s.number);
      }
    }
  }
  return cover;
}

function acceptable(prefix: string): boolean {
  return words(prefix).length >= 2 && prefix.length >= 8 && /\p{L}/u.test(prefix);
}

/** Does `line` start with `prefix` at a word boundary? */
function startsWithWords(line: string, prefix: string): boolean {
  const lw = words(line);
  const pw = words(prefix);
  return pw.length <= lw.length && pw.every((w, i) => lw[i] === w);
}

export function detectRunningHeader(slides: RawSlide[]): RunningHeader | undefined {
  const withText = slides.filter((s) => slideLines(s).length > 0);
  const threshold = Math.max(3, Math.ceil(withText.length / 2));
  if (withText.length < 3) return undefined;
  const cover = prefixCoverage(withText);
  // A title repeated on a few neighbouring slides ("Resultater (forts.)") is no header: a header is on most slides.
  const spansDeck = (set: Set<number>): boolean => set.size > withText.length / 2;

  let header: string | undefined;
  for (const [prefix, set] of cover) {
    if (set.size < threshold || !acceptable(prefix) || !spansDeck(set)) continue;
    const better =
      header === undefined ||
      words(prefix).length > words(header).length ||
      (words(prefix).length === words(header).length && set.size > cover.get(header)!.size);
    if (better) header = prefix;
  }
  if (header === undefined) return undefined;
  const headerSlides = cover.get(header)!;

  // A common prefix that starts lines on more slides than the full header?
  const hw = words(header);
  let common: string | undefined;
  for (let k = hw.length - 1; k >= 2; k--) {
    const prefix = hw.slice(0, k).join(" ");
    if (!acceptable(prefix)) break;
    if ((cover.get(prefix)?.size ?? 0) > headerSlides.size) {
      common = prefix;
      break;
    }
  }

  const variants: { text: string; slides: number[] }[] = [];
  if (common !== undefined) {
    const variantSlides = withText.filter((s) => cover.get(common!)!.has(s.number) && !headerSlides.has(s.number));
    // Words after the common prefix, per variant slide.
    const tails = variantSlides.map((s) => {
      const line = slideLines(s).find((l) => startsWithWords(l, common!))!;
      return { n: s.number, w: words(line).slice(words(common!).length) };
    });
    const tailCount = new Map<string, number[]>();
    for (const t of tails) {
      for (let k = 1; k <= Math.min(MAX_WORDS, t.w.length); k++) {
        const key = t.w.slice(0, k).join(" ");
        tailCount.set(key, [...(tailCount.get(key) ?? []), t.n]);
      }
    }
    let bestTail: string | undefined;
    for (const [key, ns] of tailCount) {
      if (ns.length >= 2 && (bestTail === undefined || words(key).length > words(bestTail).length)) bestTail = key;
    }
    const strongPrefix = words(common).length >= 3 && common.length >= header.length / 2;
    if (bestTail === undefined && !strongPrefix) {
      common = undefined; // a coincidence ("Oslo kommune har …"), not a variant
    } else {
      if (bestTail !== undefined) {
        variants.push({ text: `${common} ${bestTail}`, slides: tailCount.get(bestTail)! });
      }
      const covered = new Set(variants.flatMap((v) => v.slides));
      const others = variantSlides.map((s) => s.number).filter((n) => !covered.has(n));
      if (others.length) variants.push({ text: common, slides: others });
    }
  }

  const forms = [header, ...variants.map((v) => v.text)];
  if (common !== undefined && !forms.includes(common)) forms.push(common);
  forms.sort((a, b) => words(b).length - words(a).length);
  return {
    value: header,
    forms,
    slides: [],
    variants,
  };
}

/** Remove the header (longest matching form) from the start of every slide line. */
export function stripRunningHeader(slides: RawSlide[], header: RunningHeader): void {
  const strip = (line: string): { line: string; hit: boolean } => {
    for (const form of header.forms) {
      if (startsWithWords(line, form)) {
        const rest = words(line).slice(words(form).length).join(" ");
        return { line: rest.replace(/^[\s|:–—-]+(?=\s|$)/u, "").trim(), hit: true };
      }
    }
    return { line, hit: false };
  };
  const hitSlides = new Set<number>();
  for (const s of slides) {
    const first = strip(s.first);
    if (first.hit) hitSlides.add(s.number);
    s.first = first.line;
    s.rest = s.rest
      .map((l) => {
        const r = strip(l);
        if (r.hit) hitSlides.add(s.number);
        return r.line;
      })
      .filter((l) => l !== "");
  }
  header.slides = [...hitSlides].sort((a, b) => a - b);
}

/**
 * Splitting a transcript into its numbered slides.
 *
 * A slide starts where the NEXT EXPECTED number (1, then 2, 3 …) stands at the
 * start of a line, followed by a space/tab or the end of the line. Any other
 * number is text: "32 000 innbyggere" in the middle of a slide, "2 Fakta om"
 * mid-sentence, or "11 veiledere …" at the start of a line inside slide 11
 * (the next expected number there is 12). Numbers followed by a no-break
 * space ("32 000") are figures, never slide numbers.
 *
 * Two readings are tried: slide starts only at the start of a paragraph (after
 * a blank line), and slide starts at any line start. The paragraph reading
 * wins whenever it finds at least as many slides: it cannot mistake a line
 * inside a slide for the next slide. The line reading is for transcripts
 * without blank lines between slides.
 */

export interface RawSlide {
  number: number;
  /** Text on the line of the slide number (may be empty). */
  first: string;
  /** Further non-empty lines of the slide, trimmed. */
  rest: string[];
}

export interface SplitResult {
  slides: RawSlide[];
  mode: "paragraph" | "line";
  /** Non-empty lines before slide 1. */
  before: string[];
  /**
   * Slides whose number never starts a paragraph while the next one's does: a slide lost from the transcript (or its
   * number), so every slide after it was read as the text of the one before. For the report.
   */
  missing: Array<{ number: number; slide: number; line: string }>;
}

const START_RE = /^[ \t]*(\d{1,3})(?:[ \t]+(.*?))?[ \t]*$/u;

/** "2 000 innbyggere": the number is the first group of a figure, unless no other line could start that slide. */
const FIGURE_GROUP = /^\d{3}(?!\d)/u;

/** Line `i` starts with slide number `n` (at a paragraph's start, when `paragraphOnly`): its match, else undefined. */
function slideStart(lines: string[], i: number, n: number, paragraphOnly: boolean): RegExpExecArray | undefined {
  const m = START_RE.exec(lines[i]!);
  const atParagraph = i === 0 || lines[i - 1]!.trim() === "";
  return m && Number(m[1]) === n && (atParagraph || !paragraphOnly) ? m : undefined;
}

function split(lines: string[], paragraphOnly: boolean): { slides: RawSlide[]; before: string[] } {
  const slides: RawSlide[] = [];
  const before: string[] = [];
  let expected = 1;
  const startsSlide = (i: number, n: number) => slideStart(lines, i, n, paragraphOnly);
  /** A later line starts slide `n` as a plain number, before any line starts the slide after it. */
  const laterStart = (from: number, n: number): boolean => {
    for (let j = from + 1; j < lines.length; j++) {
      if (startsSlide(j, n + 1)) return false;
      const m = startsSlide(j, n);
      if (m && !FIGURE_GROUP.test(m[2] ?? "")) return true;
    }
    return false;
  };
  lines.forEach((line, i) => {
    const m = startsSlide(i, expected);
    if (m && !(FIGURE_GROUP.test(m[2] ?? "") && laterStart(i, expected))) {
      slides.push({ number: expected, first: (m[2] ?? "").trim(), rest: [] });
      expected++;
      return;
    }
    const t = line.trim();
    if (!t) return;
    const current = slides[slides.length - 1];
    if (current) current.rest.push(t);
    else before.push(t);
  });
  return { slides, before };
}

export function splitSlides(lines: string[]): SplitResult {
  const para = split(lines, true);
  const line = split(lines, false);
  if (para.slides.length >= line.slides.length) return { ...para, mode: "paragraph", missing: missingSlide(lines, para.slides.length) };
  return { ...line, mode: "line", missing: missingSlide(lines, line.slides.length) };
}

/** A paragraph in the last slide found that starts with the number after the next: the next one is missing. */
function missingSlide(lines: string[], found: number): SplitResult["missing"] {
  const startsParagraph = (i: number, n: number) => {
    const m = slideStart(lines, i, n, true);
    return m !== undefined && !FIGURE_GROUP.test(m[2] ?? "");
  };
  let last = -1;
  for (let i = 0; i < lines.length; i++) if (startsParagraph(i, found)) last = i;
  for (let i = last + 1; last >= 0 && i < lines.length; i++) {
    if (startsParagraph(i, found + 2)) return [{ number: found + 1, slide: found, line: lines[i]!.trim() }];
  }
  return [];
}

/** All non-empty lines of a slide, the number line first. */
export function slideLines(s: RawSlide): string[] {
  return [s.first, ...s.rest].filter((l) => l.trim() !== "");
}

/**
 * A slide whose text ends with its own number ("… Bakteppe - organisasjon 3"
 * on slide 3, "Presentasjon - 1" on slide 1) carries the page number of the
 * original footer. It is dropped (with a dash that only separated it) — but
 * only when at least half of the slides with text (and at least two) end that
 * way, so that a lone slide that happens to end with its number is left alone.
 */
export function stripTrailingPageNumbers(slides: RawSlide[]): number[] {
  const re = (n: number): RegExp => new RegExp(`(^|[ \\t])(?:[-–—][ \\t]*)?${n}[ \\t]*$`, "u");
  const withText = slides.filter((s) => slideLines(s).length > 0);
  const ending = withText.filter((s) => re(s.number).test(slideLines(s).at(-1)!));
  if (ending.length < 2 || ending.length < withText.length / 2) return [];
  for (const s of ending) {
    const r = re(s.number);
    if (s.rest.length > 0) {
      const last = s.rest.length - 1;
      s.rest[last] = s.rest[last]!.replace(r, "").trim();
      if (!s.rest[last]) s.rest.pop();
    } else {
      s.first = s.first.replace(r, "").trim();
    }
  }
  return ending.map((s) => s.number);
}

/** Page labels of a footer: "Folie 3", "Slide 3", "Side 3", "Bild 3", "Strona 3" … */
const PAGE_LABEL = "(?:folie|slide|side|sida|bild|dias|lysbilde|strona|slajd|snímek|seite|page|s\\.)";

/**
 * Repeated footers: a short tag at the end of most slides ("… IW", a logo's
 * initials) and page labels with the slide's own number ("… Folie 3"). A tag
 * is at most three words and 20 characters and ends at least three fifths of
 * the slides with text (and three); a page label is dropped when it ends two
 * or more slides. Returns what was removed, for the report.
 */
export function stripRunningFooters(slides: RawSlide[]): { tag: string | undefined; tagSlides: number[]; labelSlides: number[] } {
  const withText = (): RawSlide[] => slides.filter((s) => slideLines(s).length > 0);
  const lastLine = (s: RawSlide): string => slideLines(s).at(-1)!;
  const setLast = (s: RawSlide, text: string): void => {
    if (s.rest.length > 0) {
      s.rest[s.rest.length - 1] = text;
      if (!text) s.rest.pop();
    } else {
      s.first = text;
    }
  };
  // Page labels with the slide's own number.
  const label = (n: number): RegExp => new RegExp(`(^|[ \\t])[-–—|]?[ \\t]*${PAGE_LABEL}[ \\t]*${n}[ \\t]*$`, "iu");
  const labelSlides: number[] = [];
  const stripLabels = (): void => {
    const labelled = withText().filter((s) => label(s.number).test(lastLine(s)));
    if (labelled.length < 2) return;
    for (const s of labelled) {
      setLast(s, lastLine(s).replace(label(s.number), "").trim());
      labelSlides.push(s.number);
    }
  };
  // A short tag repeated at the end of most slides.
  let tag: string | undefined;
  const tagSlides: number[] = [];
  const stripTag = (): void => {
    const rest = withText();
    const counts = new Map<string, number>();
    for (const s of rest) {
      const w = lastLine(s).split(/[ \t]+/u);
      for (let k = 1; k <= Math.min(3, w.length - 1); k++) {
        const t = w.slice(-k).join(" ");
        // A tag ending in a number ("i 2010") is more likely the end of each slide's sentence than a footer: kept.
        if (t.length <= 20 && /\p{L}/u.test(t) && !/\d$/u.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
      }
    }
    const need = Math.max(3, Math.ceil(rest.length * 0.6));
    const found = [...counts].filter(([, c]) => c >= need).sort((a, b) => b[0].length - a[0].length)[0]?.[0];
    if (!found) return;
    tag = found;
    for (const s of rest) {
      const line = lastLine(s);
      if (line.endsWith(` ${found}`)) {
        setLast(s, line.slice(0, -found.length - 1).trim());
        tagSlides.push(s.number);
      }
    }
  };
  // "… Folie 3 IW" and "… IW Folie 3": either may hide the other.
  stripTag();
  stripLabels();
  if (!tag) stripTag();
  return { tag, tagSlides, labelSlides };
}

/**
 * Key-figure SUGGESTIONS for the report (never written to front-matter):
 * numbers of inhabitants, of employees, of full-time equivalents ("årsverk",
 * never employees), and percentages (not a person's work share "Lena Aune
 * (80%)"), each with the slide
 * it stands on. A keyword with no number ("innbyggere (17.7%)", "Ca ansatte")
 * is reported as a figure that seems lost from the transcript — it is not
 * filled in.
 */

export type FigureKind = "inhabitants" | "employees" | "full-time-equivalents" | "percent";

export interface FigureSuggestion {
  kind: FigureKind;
  value: number;
  approximate: boolean;
  slide: number;
  /** The words around the number, as written. */
  text: string;
}

export interface LostFigure {
  kind: Exclude<FigureKind, "percent" | "full-time-equivalents">;
  slide: number;
  text: string;
}

const APPROX = "(?:ca\\.?|cirka|circa|omkring|om lag|omtrent|nærmere|nærare|nesten|nästan|knapt|drygt|rundt|about|around|approximately|almost|nearly)";
const NUMBER = "\\d{1,3}(?:[ \\u00a0.]\\d{3})+(?![\\d,])|\\d+(?:[.,]\\d+)?";
const INHABITANTS = "innbyggere|innbyggjarar|innbyggarar|invånare|indbyggere|inhabitants|residents|population";
const EMPLOYEES = "ansatte|tilsette|medarbeidere|medarbeiderar|anställda|medarbetare|medarbejdere|employees|staff";
/** Full-time equivalents are not a head count: "460 ansatte fordelt på 360 årsverk". */
const FTE = "årsverk|årsverkan?|heltidstjänster|årsværk|fuldtidsstillinger|full-time equivalents|FTEs?";

// Not inside a longer number or date ("1.1.2011" holds no figure "1.2011").
const B = "(?<![\\p{L}\\p{N}.,])";
/** Horizontal space only: a figure never spans two lines. */
const S = "[ \\t\\u00a0]";

const COUNT_RE = new RegExp(`${B}(${APPROX}${S}+)?(${NUMBER})${S}+(?:\\p{L}+${S}+)?(${INHABITANTS}|${EMPLOYEES}|${FTE})(?![\\p{L}])`, "giu");
const PERCENT_RE = new RegExp(`${B}(${APPROX}${S}+)?(\\d+(?:[.,]\\d+)?)${S}?(%|prosent|procent|percent|per cent)(?![\\p{L}])`, "giu");
const LOST_RE = new RegExp(`(?:^|[.!?]${S}+|${B}${APPROX}${S}+)(${INHABITANTS}|${EMPLOYEES})(?![\\p{L}])`, "giu");

const kindOf = (word: string): "inhabitants" | "employees" | "full-time-equivalents" =>
  new RegExp(`^(?:${INHABITANTS})$`, "iu").test(word) ? "inhabitants" : new RegExp(`^(?:${FTE})$`, "iu").test(word) ? "full-time-equivalents" : "employees";

/** "Lena Aune (80%)": a person's work share, not an indicator. */
function isWorkShare(line: string, index: number, match: string): boolean {
  const before = line.slice(0, index);
  const after = line.slice(index + match.length);
  return /\p{Lu}\p{Ll}+\s*\($/u.test(before) && /^\s*\)/u.test(after);
}

function parseNumber(s: string): number {
  const grouped = /^\d{1,3}(?:[ \u00a0.]\d{3})+$/u.test(s);
  return grouped ? Number(s.replace(/[ \u00a0.]/gu, "")) : Number(s.replace(",", "."));
}

/** The match with a few whole words before and after it, within its line. */
function context(line: string, start: number, end: number, before = 3, after = 5): string {
  let a = start;
  for (let n = -1; n < before && a > 0; n++) {
    while (a > 0 && /\s/u.test(line[a - 1]!)) a--;
    if (n >= 0 || !/\s/u.test(line[start - 1] ?? " ")) while (a > 0 && !/\s/u.test(line[a - 1]!)) a--;
  }
  let b = end;
  for (let n = -1; n < after && b < line.length; n++) {
    if (n >= 0) while (b < line.length && /\s/u.test(line[b]!)) b++;
    while (b < line.length && !/\s/u.test(line[b]!)) b++;
  }
  return line.slice(a, b).replace(/\s+/gu, " ").trim();
}

export function suggestFigures(text: string, slide: number): { figures: FigureSuggestion[]; lost: LostFigure[] } {
  const figures: FigureSuggestion[] = [];
  const lost: LostFigure[] = [];
  const seen = new Set<string>();
  const add = (f: FigureSuggestion): void => {
    const key = `${f.kind} ${f.value} ${f.approximate}`;
    if (seen.has(key)) return; // the same figure in the heading and the text
    seen.add(key);
    figures.push(f);
  };
  for (const line of text.split("\n")) {
    for (const m of line.matchAll(COUNT_RE)) {
      add({ kind: kindOf(m[3]!), value: parseNumber(m[2]!), approximate: Boolean(m[1]), slide, text: m[0].replace(/\s+/gu, " ").trim() });
    }
    for (const m of line.matchAll(PERCENT_RE)) {
      if (isWorkShare(line, m.index, m[0])) continue;
      add({ kind: "percent", value: parseNumber(m[2]!), approximate: Boolean(m[1]), slide, text: context(line, m.index, m.index + m[0].length) });
    }
    for (const m of line.matchAll(LOST_RE)) {
      lost.push({ kind: kindOf(m[1]!) === "inhabitants" ? "inhabitants" : "employees", slide, text: context(line, m.index, m.index + m[0].length, 0, 2) });
    }
  }
  return { figures, lost };
}

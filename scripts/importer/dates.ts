/**
 * Date candidates in slide text: "9. september 2009", "1.1.2011",
 * "2011-01-01", "September 9, 2009", "mars 2010", "høsten 2006", and dates
 * without a year ("18.januar"), which are listed but can never be chosen.
 */

export interface DateCandidate {
  /** The text as written. */
  text: string;
  /** ISO form: YYYY-MM-DD, YYYY-MM or YYYY; undefined when the year is missing. */
  iso: string | undefined;
  precision: "day" | "month" | "year" | "no-year";
  slide: number;
  /** Character offset in the slide text. */
  index: number;
}

const MONTHS: Record<string, number> = {};
const addMonths = (names: string[]): void =>
  names.forEach((n, i) => {
    MONTHS[n] = i + 1;
  });
addMonths(["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"]); // nb/nn
addMonths(["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]); // sv
addMonths(["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"]); // da
addMonths(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]); // en
addMonths(["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "des"]);
addMonths(["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]);
MONTHS.may = 5;
MONTHS.oct = 10;
MONTHS.dec = 12;

const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const SEASONS = "våren|sommeren|høsten|vinteren|våren|sommaren|hösten|vintern|foråret|sommeren|efteråret|vinteren|spring|summer|autumn|fall|winter";

const pad = (n: number): string => String(n).padStart(2, "0");
const validDay = (y: number, m: number, d: number): boolean => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
const year4 = (y: string): number => (y.length === 2 ? (Number(y) > 50 ? 1900 : 2000) + Number(y) : Number(y));

interface Rule {
  re: RegExp;
  make: (m: RegExpExecArray) => Omit<DateCandidate, "slide" | "index" | "text"> | undefined;
}

const B = "(?<![\\p{L}\\p{N}])";
const E = "(?![\\p{L}\\p{N}])";

const RULES: Rule[] = [
  {
    // 2011-01-01
    re: new RegExp(`${B}(\\d{4})-(\\d{2})-(\\d{2})${E}`, "gu"),
    make: (m) => {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return validDay(y, mo, d) ? { iso: `${y}-${pad(mo)}-${pad(d)}`, precision: "day" } : undefined;
    },
  },
  {
    // 9. september 2009, 9 september 2009, 18.januar 2011
    re: new RegExp(`${B}(\\d{1,2})\\.?\\s*(${MONTH_ALT})\\.?(?:\\s+(\\d{4}))?${E}`, "giu"),
    make: (m) => {
      const d = Number(m[1]);
      const mo = MONTHS[m[2]!.toLowerCase()]!;
      if (!m[3]) return d >= 1 && d <= 31 ? { iso: undefined, precision: "no-year" } : undefined;
      const y = Number(m[3]);
      return validDay(y, mo, d) ? { iso: `${y}-${pad(mo)}-${pad(d)}`, precision: "day" } : undefined;
    },
  },
  {
    // September 9, 2009
    re: new RegExp(`${B}(${MONTH_ALT})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})${E}`, "giu"),
    make: (m) => {
      const mo = MONTHS[m[1]!.toLowerCase()]!;
      const [d, y] = [Number(m[2]), Number(m[3])];
      return validDay(y, mo, d) ? { iso: `${y}-${pad(mo)}-${pad(d)}`, precision: "day" } : undefined;
    },
  },
  {
    // 1.1.2011, 01.01.11, 1/1/2011 (day first, as in the Nordic countries)
    re: new RegExp(`${B}(\\d{1,2})([./])(\\d{1,2})\\2(\\d{4}|\\d{2})${E}(?!\\.\\d)`, "gu"),
    make: (m) => {
      const [d, mo, y] = [Number(m[1]), Number(m[3]), year4(m[4]!)];
      return validDay(y, mo, d) ? { iso: `${y}-${pad(mo)}-${pad(d)}`, precision: "day" } : undefined;
    },
  },
  {
    // september 2009
    re: new RegExp(`${B}(${MONTH_ALT})\\s+(\\d{4})${E}`, "giu"),
    make: (m) => {
      // "jul 2011" is as likely Christmas ("før jul 2011") as July: only "juli 2011" or a day ("9. jul 2011") says July.
      if (m[1]!.toLowerCase() === "jul") return undefined;
      const mo = MONTHS[m[1]!.toLowerCase()]!;
      const y = Number(m[2]);
      return y >= 1900 && y <= 2100 ? { iso: `${y}-${pad(mo)}`, precision: "month" } : undefined;
    },
  },
  {
    // høsten 2006
    re: new RegExp(`${B}(${SEASONS})\\s+(\\d{4})${E}`, "giu"),
    make: (m) => ({ iso: m[2]!, precision: "year" }),
  },
];

export function findDates(text: string, slide: number): DateCandidate[] {
  const found: DateCandidate[] = [];
  const taken: [number, number][] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue; // a longer form already matched here
      let made = rule.make(m as RegExpExecArray);
      if (!made) continue;
      // "15.–16. mars 2011": a span of days, of which neither is the date; the month is.
      if (made.precision === "day" && made.iso && /\d{1,2}\.?\s*[-–]\s*$/u.test(text.slice(Math.max(0, start - 8), start))) {
        made = { iso: made.iso.slice(0, 7), precision: "month" };
      }
      taken.push([start, end]);
      const written = made.precision === "no-year" ? m[0].replace(/\.$/u, "") : m[0];
      found.push({ ...made, text: written, slide, index: start });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

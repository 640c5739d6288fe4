import { LOCALES, type UiLocale } from "./locales.ts";
import { STRINGS } from "./strings.ts";

// Intl objects are costly to create (a DateTimeFormat per call cost seconds on a
// large site): one per use and locale is enough. Keyed by a fixed name, not by the
// options' JSON, which was made again on every call.
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatFor<T extends Intl.NumberFormat | Intl.DateTimeFormat>(use: string, locale: UiLocale, make: (intl: string) => T): T {
  const key = `${use}:${locale}`;
  let format = formats.get(key);
  if (!format) {
    format = make(LOCALES[locale].intl);
    formats.set(key, format);
  }
  return format as T;
}

/*
 * Every digit a source wrote is shown: 0.275 is not "0,28" nor 0.004 "0". Values are numbers as written (never the
 * result of a sum), and Intl writes a number's shortest form, so nothing is added either.
 */
export const AS_WRITTEN = 20;

/** nb: `32 000`, `2,9`, `0,275`; en: `32,000`, `2.9`, `0.275`. */
export function formatNumber(locale: UiLocale, value: number): string {
  return formatFor("number", locale, (intl) => new Intl.NumberFormat(intl, { maximumFractionDigits: AS_WRITTEN })).format(value);
}

/** Takes a value in percent (17.7 → nb `17,7 %`, en `17.7%`); as a unit, since dividing by 100 would add digits (0.275 → 0.0027500000000000003). */
export function formatPercent(locale: UiLocale, value: number): string {
  return formatFor("percent", locale, (intl) => new Intl.NumberFormat(intl, { style: "unit", unit: "percent", maximumFractionDigits: AS_WRITTEN })).format(
    value,
  );
}

/**
 * Formats a partial ISO date ("2009", "2009-09", "2009-09-09") at the precision given.
 * Returns null for "unknown" so the caller can print the locale's own words.
 */
export function formatPartialDate(locale: UiLocale, value: string): string | null {
  const key = `${locale} ${value}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    text = formatPartialDateOnce(locale, value);
    // Bounded: an archive has a few thousand distinct dates; a stray flood of them is formatted afresh.
    if (formattedDates.size < 50_000) formattedDates.set(key, text);
  }
  return text;
}
/**
 * Each date's text per locale, formatted once: a document's date is shown on its pages and in every
 * listing it is in. A build of the 5,000-document bench corpus formatted 399,022 dates, 6,858 of them
 * distinct, at 2–3 µs each (docs/performance-log.md, "the main thread's small costs").
 */
const formattedDates = new Map<string, string | null>();

function formatPartialDateOnce(locale: UiLocale, value: string): string | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return null;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month ?? 1) - 1, Number(day ?? 1)));
  if (day)
    return formatFor("day", locale, (intl) => new Intl.DateTimeFormat(intl, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })).format(date);
  if (month) return formatFor("month", locale, (intl) => new Intl.DateTimeFormat(intl, { month: "long", year: "numeric", timeZone: "UTC" })).format(date);
  return year ?? null;
}

/**
 * A body language's name in a UI language: the site's own string for the
 * languages it lists ("lang.nb" …), else the name Intl knows for any BCP 47
 * code ("de" → "tysk" / "German"), else the code itself.
 */
export function languageLabel(locale: UiLocale, code: string): string {
  const own = STRINGS[locale][`lang.${code}`];
  if (own !== undefined) return own;
  try {
    const name = new Intl.DisplayNames([LOCALES[locale].intl], { type: "language", fallback: "none" }).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) : code;
  } catch {
    return code;
  }
}

import { LOCALES, type UiLocale } from "./locales.ts";
import { STRINGS } from "./strings.ts";

// Intl objects are costly to create (a DateTimeFormat per call cost seconds on a
// large site); one per kind, locale and options is enough.
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cachedFormat<T extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, locale: UiLocale, options: object, make: (intl: string) => T): T {
  const key = `${kind}:${locale}:${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = make(LOCALES[locale].intl);
    formats.set(key, format);
  }
  return format as T;
}
const numberFormat = (locale: UiLocale, options: Intl.NumberFormatOptions) =>
  cachedFormat("number", locale, options, (intl) => new Intl.NumberFormat(intl, options));
const dateFormat = (locale: UiLocale, options: Intl.DateTimeFormatOptions) =>
  cachedFormat("date", locale, options, (intl) => new Intl.DateTimeFormat(intl, options));

/** nb: `32 000`, `2,9`; en: `32,000`, `2.9`. */
export function formatNumber(locale: UiLocale, value: number): string {
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** Takes a value in percent (17.7 → nb `17,7 %`, en `17.7%`). */
export function formatPercent(locale: UiLocale, value: number): string {
  return numberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(value / 100);
}

/**
 * Formats a partial ISO date ("2009", "2009-09", "2009-09-09") at the precision given.
 * Returns null for "unknown" so the caller can print the locale's own words.
 */
export function formatPartialDate(locale: UiLocale, value: string): string | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return null;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month ?? 1) - 1, Number(day ?? 1)));
  if (day) return dateFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
  if (month) return dateFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(date);
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

import { LOCALES, type UiLocale } from "./locales.ts";

// Intl objects are costly to create; one per locale and style is enough.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: UiLocale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[locale].intl, options);
    numberFormats.set(key, format);
  }
  return format;
}

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

// Like numberFormats: creating a DateTimeFormat per call cost seconds on a large site.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: UiLocale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[locale].intl, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** Key-figure values as text in a UI locale: nb `32 000`, `6,8 %`; en `32,000`, `6.8%`. */
import type { Indicator, KeyFigure } from "../content/schema.ts";
import { AS_WRITTEN, formatNumber, formatPartialDate, formatPercent } from "../i18n/format.ts";
import { LOCALES, type UiLocale } from "../i18n/locales.ts";
import { t } from "../i18n/strings.ts";

const NBSP = "\u00a0";

const currencyFormats = new Map<string, Intl.NumberFormat>();
function currencyFormat(locale: UiLocale, currency: string): Intl.NumberFormat {
  const key = `${locale}:${currency}`;
  let format = currencyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[locale].intl, {
      style: "currency",
      currency: currency.toUpperCase(),
      // As written, as formatNumber: a budget in thousands may have three decimals.
      maximumFractionDigits: AS_WRITTEN,
      minimumFractionDigits: 0,
    });
    currencyFormats.set(key, format);
  }
  return format;
}

/** One number of an indicator, in the indicator's kind: percent, per mille, currency or a plain number. */
export function formatValue(locale: UiLocale, indicator: Pick<Indicator, "kind" | "unit">, value: number): string {
  switch (indicator.kind) {
    case "percent":
      return formatPercent(locale, value);
    case "per-mille":
      return `${formatNumber(locale, value)}${NBSP}‰`;
    case "currency":
      return currencyFormat(locale, indicator.unit).format(value);
    default:
      return formatNumber(locale, value);
  }
}

/** A figure's value with "ca." and ranges ("20–30 %"); "" when the source gives no total. */
export function formatFigureValue(locale: UiLocale, indicator: Pick<Indicator, "kind" | "unit">, figure: Pick<KeyFigure, "value" | "approximate">): string {
  if (figure.value === undefined) return "";
  const text =
    typeof figure.value === "number" ? formatValue(locale, indicator, figure.value) : formatRange(locale, indicator, figure.value.min, figure.value.max);
  return figure.approximate ? `${t(locale, "kf.approximate")} ${text}` : text;
}

function formatRange(locale: UiLocale, indicator: Pick<Indicator, "kind" | "unit">, min: number, max: number): string {
  const low = formatValue(locale, indicator, min);
  const high = formatValue(locale, indicator, max);
  // "20 %–30 %" reads better as "20–30 %": drop the unit from the lower end when both carry the same one.
  const unit = /(\D*)$/.exec(high)?.[1] ?? "";
  const bare = unit && low.endsWith(unit) ? low.slice(0, low.length - unit.length) : low;
  return `${bare}–${high}`;
}

/** A partial ISO date in the locale's words ("1. januar 2011", "2009"). */
export function formatFigureDate(locale: UiLocale, date: string): string {
  return formatPartialDate(locale, date) ?? date;
}

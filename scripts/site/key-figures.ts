/** Key figures of one document, formatted for a table in one locale. */
import type { DocumentMeta, Indicator, KeyFigure } from "../content/schema.ts";
import { formatNumber, formatPartialDate, formatPercent } from "../i18n/format.ts";
import type { UiLocale } from "../i18n/locales.ts";
import { t } from "../i18n/strings.ts";

export interface KeyFigureRow {
  indicatorId: string;
  label: string;
  valueText: string;
  refDateText: string;
  comparisonText: string;
  scope: string;
  /** Anchor of the slide the figure came from, e.g. "#slide-4". */
  slideAnchor: string;
  slideText: string;
  breakdown: Array<{ label: string; valueText: string }>;
}

export function formatValue(locale: UiLocale, indicator: Indicator, value: number): string {
  return indicator.kind === "percent" ? formatPercent(locale, value) : formatNumber(locale, value);
}

function formatFigureValue(locale: UiLocale, indicator: Indicator, figure: KeyFigure): string {
  if (figure.value === undefined) return "";
  const text = typeof figure.value === "number"
    ? formatValue(locale, indicator, figure.value)
    : `${formatValue(locale, indicator, figure.value.min)}–${formatValue(locale, indicator, figure.value.max)}`;
  return figure.approximate ? `${t(locale, "kf.approximate")} ${text}` : text;
}

export function keyFigureRows(locale: UiLocale, meta: DocumentMeta, indicators: Map<string, Indicator>, isPresentation: boolean): KeyFigureRow[] {
  return meta.keyFigures.map((figure) => {
    const indicator = indicators.get(figure.indicator)!;
    const comparison = figure.comparison;
    const comparisonLabel = comparison ? comparison.label[locale] ?? Object.values(comparison.label)[0] ?? "" : "";
    const prefix = isPresentation ? "slide" : "section";
    return {
      indicatorId: indicator.id,
      label: indicator.labels[locale],
      valueText: formatFigureValue(locale, indicator, figure),
      refDateText: figure.refDate ? formatPartialDate(locale, figure.refDate) ?? figure.refDate : "",
      comparisonText: comparison ? `${comparisonLabel}: ${formatValue(locale, indicator, comparison.value)}` : "",
      scope: figure.scope ?? "",
      slideAnchor: figure.slide ? `#${prefix}-${figure.slide}` : "",
      slideText: figure.slide ? String(figure.slide) : "",
      breakdown: (figure.breakdown ?? []).map((row) => ({ label: row.label, valueText: formatValue(locale, indicator, row.value) })),
    };
  });
}

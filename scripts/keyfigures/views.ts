/**
 * Key figures formatted for one locale: table rows, and the SVG charts that
 * go with them (comparison against e.g. the city average, and breakdowns).
 */
import type { Indicator, KeyFigure } from "../content/schema.ts";
import type { UiLocale } from "../i18n/locales.ts";
import { urlFor } from "../i18n/routes.ts";
import { languageLabel } from "../i18n/format.ts";
import { t } from "../i18n/strings.ts";
import type { FigureRecord } from "./collect.ts";
import { formatFigureDate, formatFigureValue, formatValue } from "./format.ts";
import { barChart, chart, type Bar } from "./svg.ts";
import type { BreakdownView, FigureRowView } from "../site/views.ts";
export type { BreakdownView, FigureRowView } from "../site/views.ts";

export function comparisonLabel(locale: UiLocale, figure: KeyFigure): string {
  return figure.comparison ? (figure.comparison.label[locale] ?? Object.values(figure.comparison.label)[0] ?? "") : "";
}

export function valueBar(locale: UiLocale, indicator: Indicator, figure: KeyFigure): Bar | undefined {
  const value = figure.value;
  if (value === undefined) return undefined;
  return typeof value === "number"
    ? { series: "value", value, text: formatFigureValue(locale, indicator, figure) }
    : { series: "value", value: value.min, max: value.max, text: formatFigureValue(locale, indicator, figure) };
}

export function comparisonBar(locale: UiLocale, indicator: Indicator, figure: KeyFigure): Bar | undefined {
  if (!figure.comparison) return undefined;
  return {
    series: "comparison",
    value: figure.comparison.value,
    text: `${comparisonLabel(locale, figure)}: ${formatValue(locale, indicator, figure.comparison.value)}`,
  };
}

function subjectName(record: FigureRecord, locale: UiLocale): string {
  const name = record.publisher.names[locale];
  return record.figure.scope ? `${name} (${record.figure.scope})` : name;
}

/** The id of a figure's row on its document's page, where its breakdown is always drawn (`<id>-figure`). */
export function documentFigureId(record: FigureRecord): string {
  return `kf-${record.index + 1}`;
}

/** One figure as a table row with its charts; `id` must be unique on the page. */
export function figureRow(locale: UiLocale, record: FigureRecord, id: string): FigureRowView {
  const { figure, indicator, publisher, view } = record;
  const meta = view.doc.meta;
  const label = indicator.labels[locale];
  const publisherName = publisher.names[locale];
  // A label in the page's language where the document gives one (labelTranslations), else as the source has it.
  const breakdown = (figure.breakdown ?? []).map((part) => {
    const translated = part.labelTranslations?.[locale];
    return { label: translated ?? part.label, lang: translated ? locale : meta.language, valueText: formatValue(locale, indicator, part.value) };
  });
  const untranslated = breakdown.some((part) => part.lang !== locale);
  const isPresentation = meta.type === "presentation";
  const slideText = figure.slide ? t(locale, isPresentation ? "kf.slideN" : "kf.sectionN", { n: figure.slide }) : "";

  let breakdownView: BreakdownView | null = null;
  if (breakdown.length) {
    const tableId = `${id}-breakdown`;
    const caption = t(locale, "kf.breakdownOf", { indicator: label, subject: subjectName(record, locale) });
    const chartSpec = {
      id: `${id}-breakdown-chart`,
      title: caption,
      describedBy: tableId,
      rows: (figure.breakdown ?? []).map((part, index) => ({
        label: breakdown[index]!.label,
        bars: [{ series: "value" as const, value: part.value, text: breakdown[index]!.valueText }],
      })),
    };
    const sourceLanguageNote = untranslated ? t(locale, "kf.labelsInSourceLanguage", { language: languageLabel(locale, meta.language) }) : "";
    breakdownView = {
      tableId,
      caption,
      rows: breakdown,
      sourceLanguageNote,
      // Drawn when read, not held, and not drawn for the page cache's key (see chart() in svg.ts).
      get svg() {
        return barChart(chartSpec);
      },
      toJSON: () => ({ tableId, caption, rows: breakdown, sourceLanguageNote, chart: chartSpec }),
    };
  }

  const value = valueBar(locale, indicator, figure);
  const compared = comparisonBar(locale, indicator, figure);
  const comparisonChart =
    value && compared
      ? chart({
          id: `${id}-comparison-chart`,
          title: t(locale, "kf.comparisonChart", { indicator: label, subject: subjectName(record, locale), comparison: comparisonLabel(locale, figure) }),
          describedBy: id,
          rows: [
            { label: publisherName, bars: [value] },
            { label: comparisonLabel(locale, figure), bars: [{ ...compared, text: formatValue(locale, indicator, figure.comparison!.value) }] },
          ],
        })
      : null;

  return {
    id,
    indicatorId: indicator.id,
    label,
    indicatorUrl: urlFor(locale, { kind: "indicator", id: indicator.id }),
    publisherId: publisher.id,
    publisherName,
    publisherUrl: urlFor(locale, { kind: "publisher", id: publisher.id }),
    lang: meta.language,
    scope: figure.scope ?? "",
    valueText: formatFigureValue(locale, indicator, figure),
    refDateText: figure.refDate ? formatFigureDate(locale, figure.refDate) : "",
    dateIso: record.date ?? "",
    dateText: record.date ? formatFigureDate(locale, record.date) : t(locale, "kf.dateUnknown"),
    dateFromDocument: record.dateFromDocument,
    comparisonText: compared?.text ?? "",
    documentTitle: view.titles[locale],
    documentTitleLang: meta.titleTranslations?.[locale] ? locale : meta.language,
    documentUrl: view.urls[locale],
    slideAnchor: record.anchor ? `#${record.anchor}` : "",
    slideUrl: record.anchor ? `${view.urls[locale]}#${record.anchor}` : "",
    slideText,
    slideNumber: figure.slide ? String(figure.slide) : "",
    breakdown,
    breakdownView,
    breakdownUrl: breakdownView ? `${view.urls[locale]}#${documentFigureId(record)}-figure` : "",
    comparisonChart,
  };
}

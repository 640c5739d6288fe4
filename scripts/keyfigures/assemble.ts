/**
 * Assembles the key-figure parts of the site from every document's figures:
 * rows for each document page, a latest-values table and history per
 * publisher, a comparison page per indicator, an index page, and CSV/JSON
 * downloads of each of those tables. All in every UI locale.
 */
import type { SiteContent } from "../content/loaded.ts";
import type { Indicator } from "../content/schema.ts";
import { LOCALES, UI_LOCALES, type UiLocale } from "../i18n/locales.ts";
import { urlFor, type Route } from "../i18n/routes.ts";
import { t } from "../i18n/strings.ts";
import { homeCrumb, pageBase } from "../site/page-base.ts";
import { inPages } from "../site/pagination.ts";
import type { DocumentView, PageBase, Pagination } from "../site/views.ts";
import { collectFigures, seriesKey, type FigureRecord } from "./collect.ts";
import { csvPieces, eachDataRow, jsonPieces } from "./downloads.ts";
import { formatFigureDate } from "./format.ts";
import { chart, type Chart } from "./svg.ts";
import { comparisonBar, documentFigureId, figureRow, valueBar, type FigureRowView } from "./views.ts";
import type { DownloadLinks, PublisherFigures } from "../site/views.ts";
export type { DownloadLinks, PublisherFigures } from "../site/views.ts";

export type { FigureRowView } from "./views.ts";

/** A file written into the site; `pieces` gets the site's public address for absolute links. */
export interface Download {
  url: string;
  /** The file's text, in pieces written as they are made (a table of every key figure is tens of megabytes at N = 20,000). */
  pieces: (baseUrl: string) => Iterable<string>;
  /**
   * What the file is made from, as plain JSON for the page cache's key (scripts/render/page-cache.ts): the locale,
   * the title, and each record's document (its view, which stands in the key for the document's bytes), figure,
   * publisher, indicator and what was worked out across documents. The registries, publishers and site settings
   * are in every key already (the page build code). Made when serialised (`toJSON`), like the rows; one object for a
   * table's CSV and JSON, so the page cache makes and hashes it once for both (it keeps a hash per object).
   */
  key: { toJSON: () => object };
}

export interface IndicatorSummary {
  id: string;
  label: string;
  url: string;
  kindLabel: string;
  valueCount: number;
  publisherCount: number;
}

export interface KeyFiguresPage extends PageBase {
  indicators: IndicatorSummary[];
  publishers: Array<{ title: string; url: string; count: number }>;
  valueCount: number;
  downloads: DownloadLinks;
}

export interface IndicatorPage extends PageBase {
  indicator: Indicator;
  kindLabel: string;
  /** Latest value per publisher (and scope), by publisher name, on the first page; none on the others. Made on each read, like the next two. */
  readonly latest: FigureRowView[];
  /** Bar chart of `latest`, with comparisons; null when nothing has a value, and on every page but the first. */
  readonly chart: Chart | null;
  /** This page's part of every value of the indicator: by publisher name, newest first. */
  readonly history: FigureRowView[];
  /** How many values the indicator has in all, on every page. */
  valueCount: number;
  /** How many of them are latest values (`latest` on the first page), for whether "all values" says more. */
  latestCount: number;
  /** The pages of "all values" (values per page: `valuesPerPage`), as a listing's; null when they fit on one. */
  pagination: Pagination | null;
  publisherCount: number;
  downloads: DownloadLinks | null;
  /** What the page is made from, for its page-cache key (the page table's `cacheKey`): its rows are made only to be shown. */
  key: object;
}

export interface KeyFigureModel {
  pages: { keyFigures: KeyFiguresPage[]; indicator: IndicatorPage[] };
  downloads: Download[];
  /** Rows of the table on a document page. */
  documentRows(locale: UiLocale, documentId: string): FigureRowView[];
  /** The key-figure section of a publisher page (made on each call), or null when it has none. */
  publisher(locale: UiLocale, publisherId: string): PublisherFigures | null;
}

/** Download files sit beside the page they belong to: `/nokkeltall/inhabitants/nokkeltall-inhabitants.csv`. */
function downloadLinks(locale: UiLocale, route: Route, id?: string): DownloadLinks {
  const name = id ? `${t(locale, "path.keyFigures")}-${id}` : t(locale, "path.keyFigures");
  const dir = urlFor(locale, route);
  return { csv: `${dir}${name}.csv`, json: `${dir}${name}.json` };
}

/**
 * What a page's or file's figure rows are made from, for its page-cache key (scripts/render/page-cache.ts), besides the
 * locale, the registries and the page code: each record's document stands for its figure (its view serialises as its
 * document's hash there), with where the record sits and whether it is its series' newest.
 */
function recordsKey(records: readonly FigureRecord[]): unknown[] {
  return records.map((record) => [
    record.view,
    record.index,
    record.publisher.id,
    record.indicator.id,
    record.date ?? null,
    record.latest,
    record.anchor ?? null,
  ]);
}

function addDownloads(out: Download[], locale: UiLocale, links: DownloadLinks, title: string, records: readonly FigureRecord[]): void {
  // Rows made when the file is written, not held: every download's rows at once were a twentieth of the model's memory.
  const key = { toJSON: () => ({ locale, title, records: recordsKey(records) }) };
  out.push({ url: links.csv, pieces: (baseUrl) => csvPieces(locale, eachDataRow(locale, records), baseUrl), key });
  out.push({ url: links.json, pieces: (baseUrl) => jsonPieces(locale, title, eachDataRow(locale, records), baseUrl), key });
}

const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};

/**
 * The newest values of a series a publisher page shows in its history table and chart. A city's series grows with
 * its documents: Bergen's history was 730 KB of its page at 20,000 documents (docs/key-figures.md, "Size at scale");
 * every value stays in the downloads, on the indicator's pages and on its document's page.
 */
export const HISTORY_PER_SERIES = 20;

/**
 * Values of an indicator on one page of its "all values" table, for a listing page size of `pageSize` documents: ten
 * times as many, 200 by default. The table has a row for every value in the archive (about 95 bytes of HTML a
 * document), so an indicator page of a large archive was megabytes (docs/key-figures.md, "Size at scale").
 */
const valuesPerPage = (pageSize: number) => pageSize * 10;

export function assembleKeyFigures(content: SiteContent, views: readonly DocumentView[], pageSize = 20): KeyFigureModel {
  const records = collectFigures(views, content.indicators);
  const byDocument = groupBy(records, (record) => record.view.id);
  const byPublisher = groupBy(records, (record) => record.publisher.id);
  const byIndicator = groupBy(records, (record) => record.indicator.id);

  const pages: KeyFigureModel["pages"] = { keyFigures: [], indicator: [] };
  const downloads: Download[] = [];

  for (const locale of UI_LOCALES) {
    const intl = LOCALES[locale].intl;
    const home = homeCrumb(locale);
    const indexCrumb = { title: t(locale, "kf.title"), url: urlFor(locale, { kind: "keyFigures" }) };
    const byName = (a: FigureRecord, b: FigureRecord) =>
      a.publisher.names[locale].localeCompare(b.publisher.names[locale], intl) ||
      (a.publisher.id < b.publisher.id ? -1 : a.publisher.id > b.publisher.id ? 1 : 0);

    // Publishers' download files; their key-figure sections are made when read (`publisher` below).
    for (const publisher of content.publishers) {
      const own = byPublisher.get(publisher.id);
      if (!own) continue;
      const links = downloadLinks(locale, { kind: "publisher", id: publisher.id }, publisher.id);
      addDownloads(downloads, locale, links, `${t(locale, "kf.title")}: ${publisher.names[locale]}`, own);
    }

    // One comparison page per indicator, across publishers.
    const summaries: IndicatorSummary[] = [];
    for (const indicator of content.indicators) {
      const route: Route = { kind: "indicator", id: indicator.id };
      const all = [...(byIndicator.get(indicator.id) ?? [])].sort(byName);
      const label = indicator.labels[locale];
      const links = all.length ? downloadLinks(locale, route, indicator.id) : null;
      if (links) addDownloads(downloads, locale, links, `${t(locale, "kf.title")}: ${label}`, all);
      const publisherCount = new Set(all.map((record) => record.publisher.id)).size;
      const kindLabel = t(locale, `kfKind.${indicator.kind}`);
      summaries.push({ id: indicator.id, label, url: urlFor(locale, route), kindLabel, valueCount: all.length, publisherCount });
      const latest = () => all.filter((record) => record.latest);
      const latestCount = all.reduce((count, record) => count + (record.latest ? 1 : 0), 0);
      // "All values" in pages of `size`; the first page also has the latest values and their chart.
      const size = valuesPerPage(pageSize);
      const indicatorPages = inPages(
        locale,
        route,
        label,
        [home, indexCrumb],
        all,
        size,
        (frame, shown, from, n): IndicatorPage => ({
          ...frame,
          // The rows and chart grow with the archive: made when read (the renderer reads a page's fields once), not held.
          indicator,
          kindLabel,
          get latest() {
            return n === 1 ? latest().map((record, index) => figureRow(locale, record, `kf-${index + 1}`)) : [];
          },
          get chart() {
            return n === 1 ? indicatorChart(locale, indicator, latest()) : null;
          },
          get history() {
            return shown.map((record, index) => figureRow(locale, record, `kf-all-${from + index + 1}`));
          },
          valueCount: all.length,
          latestCount,
          publisherCount,
          downloads: links,
          // Its rows, chart and count are made from these alone; keyed by them, an unchanged page's rows are never made.
          key: { toJSON: () => ({ locale, indicator: indicator.id, page: n, size, records: recordsKey(all) }) },
        }),
      );
      pages.indicator.push(...indicatorPages);
    }

    const indexRoute: Route = { kind: "keyFigures" };
    const indexLinks = downloadLinks(locale, indexRoute);
    addDownloads(downloads, locale, indexLinks, t(locale, "kf.title"), records);
    pages.keyFigures.push({
      ...pageBase(locale, indexRoute, t(locale, "kf.title"), [home]),
      indicators: summaries
        .filter((summary) => summary.valueCount > 0)
        .sort((a, b) => a.label.localeCompare(b.label, intl))
        .concat(summaries.filter((summary) => summary.valueCount === 0).sort((a, b) => a.label.localeCompare(b.label, intl))),
      publishers: content.publishers
        .filter((publisher) => byPublisher.has(publisher.id))
        .map((publisher) => ({
          title: publisher.names[locale],
          url: `${urlFor(locale, { kind: "publisher", id: publisher.id })}#key-figures`,
          count: byPublisher.get(publisher.id)!.length,
        }))
        .sort((a, b) => a.title.localeCompare(b.title, intl)),
      valueCount: records.length,
      downloads: indexLinks,
    });
  }

  return {
    pages,
    downloads: downloads.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)),
    documentRows: (locale, documentId) =>
      (byDocument.get(documentId) ?? [])
        .slice()
        .sort((a, b) => a.index - b.index)
        .map((record) => figureRow(locale, record, documentFigureId(record))),
    publisher: (locale, publisherId) => {
      // The latest value per indicator and scope, and the newest of the history of series with several values.
      const own = byPublisher.get(publisherId);
      if (!own) return null;
      const repeated = [...groupBy(own, seriesKey).values()].filter((values) => values.length > 1);
      const shown = repeated.map((values) => values.slice(0, HISTORY_PER_SERIES));
      const historyCount = repeated.reduce((count, values) => count + values.length, 0);
      return {
        latest: own.filter((record) => record.latest).map((record, index) => figureRow(locale, record, `kf-${index + 1}`)),
        history: shown.flat().map((record, index) => figureRow(locale, record, `kf-history-${index + 1}`)),
        historyCharts: shown.flatMap((values, index) => historyChart(locale, values, `kf-history-chart-${index + 1}`) ?? []),
        historyCount,
        historyCapped: repeated.some((values) => values.length > HISTORY_PER_SERIES) ? HISTORY_PER_SERIES : null,
        downloads: downloadLinks(locale, { kind: "publisher", id: publisherId }, publisherId),
      };
    },
  };
}

/**
 * Above this many bars an indicator's chart starts folded: a bar a publisher made it 4,785 px tall on a phone at
 * 109 publishers, and 11,500 px at 262, before the table with the same numbers (docs/key-figures.md, "Pages").
 */
export const UNFOLDED_CHART_BARS = 30;

/** Latest value per publisher as bars, each with its comparison (e.g. the city average) where stated. */
function indicatorChart(locale: UiLocale, indicator: Indicator, latest: readonly FigureRecord[]): Chart | null {
  const rows = latest.flatMap((record) => {
    const value = valueBar(locale, indicator, record.figure);
    if (!value) return [];
    const compared = comparisonBar(locale, indicator, record.figure);
    const name = record.publisher.names[locale];
    return [{ label: record.figure.scope ? `${name} (${record.figure.scope})` : name, bars: compared ? [value, compared] : [value] }];
  });
  if (!rows.length) return null;
  const label = indicator.labels[locale];
  return chart({
    id: "kf-chart",
    title: t(locale, "kf.indicatorChart", { indicator: label }),
    describedBy: "kf-latest",
    rows,
    legend: { value: t(locale, "kf.legendValue"), comparison: t(locale, "kf.legendComparison") },
    ...(rows.length > UNFOLDED_CHART_BARS && { folded: t(locale, "kf.showChart", { count: rows.length }) }),
  });
}

/** One series' values over time as bars, oldest first (the history table is the text alternative). */
function historyChart(locale: UiLocale, values: readonly FigureRecord[], id: string): Chart | null {
  const first = values[0]!;
  const label = first.indicator.labels[locale];
  const subject = first.figure.scope ? `${label} (${first.figure.scope})` : label;
  const rows = [...values].reverse().flatMap((record) => {
    const bar = valueBar(locale, record.indicator, record.figure);
    return bar ? [{ label: record.date ? formatFigureDate(locale, record.date) : t(locale, "kf.dateUnknown"), bars: [bar] }] : [];
  });
  return rows.length > 1 ? chart({ id, title: t(locale, "kf.historyChart", { indicator: subject }), describedBy: "kf-history", rows }) : null;
}

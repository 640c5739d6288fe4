/**
 * Every key figure of the site as one flat, ordered list of records, each
 * knowing its publisher, indicator, document, slide and the date it describes.
 */
import type { Indicator, KeyFigure, Publisher } from "../content/schema.ts";
import type { DocumentView } from "../site/views.ts";
import { effectiveDate } from "./cross-document.ts";

export interface FigureRecord {
  publisher: Publisher;
  indicator: Indicator;
  figure: KeyFigure;
  /** Position in the document's keyFigures list. */
  index: number;
  view: DocumentView;
  /** The date the figure describes: its refDate, else the document's date; undefined when unknown. */
  date: string | undefined;
  dateFromDocument: boolean;
  /** Anchor of the slide or section it came from ("slide-4"). */
  anchor: string | undefined;
  /** The newest value of its publisher, indicator and scope. */
  latest: boolean;
}

/** The series a figure belongs to: one publisher, one indicator, one scope. */
export function seriesKey(record: Pick<FigureRecord, "publisher" | "indicator" | "figure">): string {
  return JSON.stringify([record.publisher.id, record.indicator.id, record.figure.scope ?? ""]);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Newer first; a partial date sorts before the full dates it contains ("2011" after "2011-05-01"); unknown last. */
function byDateDesc(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return cmp(b, a);
}

/**
 * Ordered by publisher id, indicator (registry order), scope, then newest
 * first; ties by document date, document id and position, so the order is
 * stable across builds.
 */
export function collectFigures(views: readonly DocumentView[], indicators: readonly Indicator[]): FigureRecord[] {
  const order = new Map(indicators.map((indicator, index) => [indicator.id, index]));
  const byId = new Map(indicators.map((indicator) => [indicator.id, indicator]));
  const records: FigureRecord[] = [];
  for (const view of views) {
    const { meta, body } = view.doc;
    meta.keyFigures.forEach((figure, index) => {
      const indicator = byId.get(figure.indicator);
      if (!indicator) return;
      const date = effectiveDate(figure, meta.date);
      records.push({
        publisher: view.publisher,
        indicator,
        figure,
        index,
        view,
        date,
        dateFromDocument: figure.refDate === undefined && date !== undefined,
        anchor: figure.slide !== undefined ? body.parts[figure.slide - 1]?.anchor : undefined,
        latest: false,
      });
    });
  }
  records.sort(
    (a, b) =>
      cmp(a.publisher.id, b.publisher.id) ||
      order.get(a.indicator.id)! - order.get(b.indicator.id)! ||
      cmp(a.figure.scope ?? "", b.figure.scope ?? "") ||
      byDateDesc(a.date, b.date) ||
      byDateDesc(
        a.view.doc.meta.date === "unknown" ? undefined : a.view.doc.meta.date,
        b.view.doc.meta.date === "unknown" ? undefined : b.view.doc.meta.date,
      ) ||
      cmp(a.view.id, b.view.id) ||
      a.index - b.index,
  );
  const seen = new Set<string>();
  for (const record of records) {
    const key = seriesKey(record);
    record.latest = !seen.has(key);
    seen.add(key);
  }
  return records;
}

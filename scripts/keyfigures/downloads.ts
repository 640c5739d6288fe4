/**
 * Key-figure tables as downloadable CSV and JSON. Every file has the same
 * columns (documented in docs/key-figures.md); files differ only in which
 * rows they hold. Output is a pure function of the content, so two builds
 * give byte-identical files.
 */
import { LOCALES, UI_LOCALES, type UiLocale } from "../i18n/locales.ts";
import type { FigureRecord } from "./collect.ts";

export const COLUMNS = [
  "publisher_id",
  "publisher_name",
  "indicator_id",
  "indicator_label",
  "unit",
  "kind",
  "scope",
  "breakdown_label",
  "value",
  "value_min",
  "value_max",
  "approximate",
  "ref_date",
  "document_date",
  "date",
  "is_latest",
  "comparison_value",
  "comparison_label",
  "document_id",
  "document_title",
  "document_url",
  "slide",
  "slide_url",
] as const;
export type Column = (typeof COLUMNS)[number];
export type Cell = string | number | boolean | null;
export type DataRow = Record<Column, Cell>;

/** Columns holding a site path; files carry the absolute address. */
const URL_COLUMNS: ReadonlySet<Column> = new Set(["document_url", "slide_url"]);
/** Columns holding free text from content or registries (guarded against spreadsheet formulas). */
const TEXT_COLUMNS: ReadonlySet<Column> = new Set(["publisher_name", "indicator_label", "scope", "breakdown_label", "comparison_label", "document_title"]);

/**
 * CSV dialect per UI locale, from the decimal mark its number format uses: a spreadsheet in a language that writes a
 * decimal comma (Norwegian, Swedish, Danish) reads ";" between fields; one with a decimal point (English) reads ",".
 * So a locale added to ../i18n/locales.ts needs no entry here.
 */
export const CSV_DIALECTS: Record<UiLocale, { delimiter: string; decimal: string }> = Object.fromEntries(
  UI_LOCALES.map((locale) => {
    const decimal = new Intl.NumberFormat(LOCALES[locale].intl).formatToParts(1.5).find((part) => part.type === "decimal")?.value ?? ".";
    return [locale, { delimiter: decimal === "," ? ";" : ",", decimal }];
  }),
) as Record<UiLocale, { delimiter: string; decimal: string }>;

const plainNumber = new Intl.NumberFormat("en-US", { useGrouping: false, maximumFractionDigits: 20 });

/**
 * One row per key figure, then one per breakdown entry right after it; one at a time, as a download is written,
 * never all of them at once (../render/pages.ts).
 */
export function* eachDataRow(locale: UiLocale, records: readonly FigureRecord[]): Generator<DataRow> {
  for (const record of records) {
    const { figure, indicator, publisher, view } = record;
    const meta = view.doc.meta;
    const value = figure.value;
    const comparisonLabel = figure.comparison ? (figure.comparison.label[locale] ?? Object.values(figure.comparison.label)[0] ?? null) : null;
    const base: DataRow = {
      publisher_id: publisher.id,
      publisher_name: publisher.names[locale],
      indicator_id: indicator.id,
      indicator_label: indicator.labels[locale],
      unit: indicator.unit,
      kind: indicator.kind,
      scope: figure.scope ?? null,
      breakdown_label: null,
      value: typeof value === "number" ? value : null,
      value_min: value !== undefined && typeof value !== "number" ? value.min : null,
      value_max: value !== undefined && typeof value !== "number" ? value.max : null,
      approximate: figure.approximate,
      ref_date: figure.refDate ?? null,
      document_date: meta.date,
      date: record.date ?? null,
      is_latest: record.latest,
      comparison_value: figure.comparison?.value ?? null,
      comparison_label: comparisonLabel,
      document_id: view.id,
      document_title: view.titles[locale],
      document_url: view.urls[locale],
      slide: figure.slide ?? null,
      slide_url: record.anchor ? `${view.urls[locale]}#${record.anchor}` : null,
    };
    yield base;
    for (const part of figure.breakdown ?? []) {
      yield {
        ...base,
        // In the download's language where the document translates it, as the page shows it.
        breakdown_label: part.labelTranslations?.[locale] ?? part.label,
        value: part.value,
        value_min: null,
        value_max: null,
        approximate: false,
        comparison_value: null,
        comparison_label: null,
      };
    }
  }
}

/** A number as plainNumber writes it; a safe integer (most key figures) as String writes it, the same text made faster. */
function numberText(cell: number): string {
  return Number.isSafeInteger(cell) && !Object.is(cell, -0) ? String(cell) : plainNumber.format(cell);
}

function cellText(column: Column, cell: Cell, decimal: string, baseUrl: string): string {
  if (cell === null) return "";
  if (typeof cell === "boolean") return cell ? "true" : "false";
  if (typeof cell === "number") return numberText(cell).replace(".", decimal);
  if (URL_COLUMNS.has(column)) return `${baseUrl}${cell}`;
  // A cell starting with = + - @ would run as a formula in a spreadsheet: prefix an apostrophe.
  if (TEXT_COLUMNS.has(column) && /^[=+\-@\t\r]/.test(cell)) return `'${cell}`;
  return cell;
}

function quote(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV (CRLF, quoted where needed) with a UTF-8 byte-order mark, in the locale's dialect. */
export function toCsv(locale: UiLocale, rows: Iterable<DataRow>, baseUrl: string): string {
  return [...csvPieces(locale, rows, baseUrl)].join("");
}

/** toCsv's text a line at a time. */
export function* csvPieces(locale: UiLocale, rows: Iterable<DataRow>, baseUrl: string): Generator<string> {
  const { delimiter, decimal } = CSV_DIALECTS[locale];
  yield `\uFEFF${COLUMNS.join(delimiter)}\r\n`;
  for (const row of rows) yield `${COLUMNS.map((column) => quote(cellText(column, row[column], decimal, baseUrl), delimiter)).join(delimiter)}\r\n`;
}

/** The same rows as JSON: numbers as numbers, empty cells as null, keys in column order. */
export function toJson(locale: UiLocale, title: string, rows: Iterable<DataRow>, baseUrl: string): string {
  return [...jsonPieces(locale, title, rows, baseUrl)].join("");
}

/**
 * toJson's text a row at a time: what `JSON.stringify({ title, locale, columns, rows }, null, 2)` writes, each row
 * an object two levels down (so every line of it indented four more spaces), without holding every row at once.
 */
export function* jsonPieces(locale: UiLocale, title: string, rows: Iterable<DataRow>, baseUrl: string): Generator<string> {
  const head = JSON.stringify({ title, locale, columns: COLUMNS, rows: [] }, null, 2);
  const emptyRows = "[]\n}";
  let first = true;
  for (const row of rows) {
    yield `${first ? `${head.slice(0, -emptyRows.length)}[\n` : ",\n"}    ${jsonRow(row, baseUrl)}`;
    first = false;
  }
  yield first ? `${head}\n` : "\n  ]\n}\n";
}

/** Each column's key as a row's object starts its line: two levels down, so six spaces in. */
const JSON_KEYS = COLUMNS.map((column) => `      ${JSON.stringify(column)}: `);

/**
 * A row's object as `JSON.stringify(row, null, 2)` writes it, each line after the first indented four more spaces,
 * made key by key: an object per row and a reindented copy of its text took longer (docs/performance-log.md, thirty-first session).
 */
function jsonRow(row: DataRow, baseUrl: string): string {
  let text = "{";
  let first = true;
  for (let i = 0; i < COLUMNS.length; i++) {
    const column = COLUMNS[i]!;
    const cell = row[column];
    const json = JSON.stringify(URL_COLUMNS.has(column) && typeof cell === "string" ? `${baseUrl}${cell}` : cell);
    // JSON.stringify leaves out a key whose value it cannot write.
    if (json === undefined) continue;
    text += `${first ? "\n" : ",\n"}${JSON_KEYS[i]}${json}`;
    first = false;
  }
  return first ? "{}" : `${text}\n    }`;
}

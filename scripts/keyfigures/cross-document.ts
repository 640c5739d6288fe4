/**
 * Rules for key figures across documents. One publisher has one value per
 * indicator, scope and reference date: two documents (or two entries of one)
 * that state different values for the same thing contradict each other.
 */
import type { LoadedDocument } from "../content/loaded.ts";
import type { Problem } from "../content/problems.ts";
import type { KeyFigure } from "../content/schema.ts";

/** The date a figure describes: its refDate, else the date of the document stating it (undefined when unknown). */
export function effectiveDate(figure: KeyFigure, documentDate: string): string | undefined {
  return figure.refDate ?? (documentDate === "unknown" ? undefined : documentDate);
}

export function valueText(value: NonNullable<KeyFigure["value"]>): string {
  return typeof value === "number" ? String(value) : `${value.min}–${value.max}`;
}

function sameValue(a: NonNullable<KeyFigure["value"]>, b: NonNullable<KeyFigure["value"]>): boolean {
  if (typeof a === "number" || typeof b === "number") return a === b;
  return a.min === b.min && a.max === b.max;
}

interface Occurrence {
  doc: LoadedDocument;
  index: number;
  value: NonNullable<KeyFigure["value"]>;
}

/**
 * Reports the second of two figures with the same publisher, indicator, scope
 * and date but different values, naming the first one's file and line.
 * Documents are read in file order, so "second" is stable. Figures with no
 * value (only a breakdown) or no known date are not compared.
 */
export function checkKeyFiguresAcrossDocuments(documents: readonly LoadedDocument[]): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, Occurrence>();
  const inFileOrder = [...documents].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const doc of inFileOrder) {
    doc.meta.keyFigures.forEach((figure, index) => {
      if (figure.value === undefined) return;
      const date = effectiveDate(figure, doc.meta.date);
      if (date === undefined) return;
      // NUL cannot occur in any of them (content/limits.ts refuses control characters), so it separates them unambiguously.
      const key = `${doc.meta.publisher}\u0000${figure.indicator}\u0000${figure.scope ?? ""}\u0000${date}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, { doc, index, value: figure.value });
        return;
      }
      if (sameValue(earlier.value, figure.value)) return;
      const where = doc.fieldAt(["keyFigures", index, "value"]);
      const other = `${earlier.doc.file}:${earlier.doc.fieldLine(["keyFigures", earlier.index, "value"])}`;
      const dateText = figure.refDate ? date : `${date} (the document's date; no refDate)`;
      const scopeText = figure.scope ? ` (scope "${figure.scope}")` : "";
      problems.push({
        file: doc.file,
        line: where.line,
        col: where.col,
        field: `keyFigures.${index}.value`,
        severity: "error",
        message: `"${figure.indicator}"${scopeText} of ${doc.meta.publisher} for ${dateText} is ${valueText(figure.value)} here but ${valueText(earlier.value)} in ${other}. A publisher has one value per indicator and date: correct one of them, or set refDate or scope if they describe different things.`,
      });
    });
  }
  return problems;
}

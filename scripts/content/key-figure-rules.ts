/**
 * Rules for key figures that a schema alone cannot express, because they
 * need the indicator registry or the document's own date.
 */
import { didYouMean } from "./problems.ts";
import type { DocumentMeta, Indicator } from "./schema.ts";

export interface FigureProblem {
  path: Array<string | number>;
  message: string;
  severity: "error" | "warning";
}

function values(value: number | { min: number; max: number } | undefined): number[] {
  if (value === undefined) return [];
  return typeof value === "number" ? [value] : [value.min, value.max];
}

export function checkKeyFigures(meta: DocumentMeta, indicators: Indicator[], slideCount?: number): FigureProblem[] {
  const problems: FigureProblem[] = [];
  const byId = new Map(indicators.map((indicator) => [indicator.id, indicator]));
  meta.keyFigures.forEach((figure, index) => {
    const at = (...rest: Array<string | number>) => ["keyFigures", index, ...rest];
    const indicator = byId.get(figure.indicator);
    if (!indicator) {
      problems.push({ path: at("indicator"), severity: "error", message: `unknown indicator "${figure.indicator}".${didYouMean(figure.indicator, byId.keys())} Indicators are listed in content/_registries/indicators.yaml.` });
      return;
    }
    if (figure.slide !== undefined && slideCount !== undefined && figure.slide > slideCount) {
      problems.push({ path: at("slide"), severity: "error", message: `slide ${figure.slide} does not exist: the document has ${slideCount} slides.` });
    }
    if (figure.unit !== undefined && figure.unit !== indicator.unit) {
      problems.push({ path: at("unit"), severity: "error", message: `is "${figure.unit}" but indicator "${indicator.id}" is measured in "${indicator.unit}". Remove the unit or write ${indicator.unit}.` });
    }
    for (const value of values(figure.value)) {
      if (indicator.kind === "percent" && (value < 0 || value > 100)) {
        problems.push({ path: at("value"), severity: "error", message: `${value} is outside 0–100, but "${indicator.id}" is a percentage. Write the percent number (6.8 for 6,8 %).` });
      } else if (indicator.kind === "per-mille" && (value < 0 || value > 1000)) {
        problems.push({ path: at("value"), severity: "error", message: `${value} is outside 0–1000, but "${indicator.id}" is per mille.` });
      } else if (indicator.integer && !Number.isInteger(value)) {
        problems.push({ path: at("value"), severity: "error", message: `${value} is not a whole number, but "${indicator.id}" counts whole units.` });
      } else if (value < 0 && indicator.kind !== "currency" && indicator.kind !== "ratio") {
        problems.push({ path: at("value"), severity: "error", message: `${value} is negative, which "${indicator.id}" cannot be.` });
      }
    }
    if (figure.refDate !== undefined && meta.date !== "unknown") {
      // Compare at the precision both dates share: "2011" is not after "2011-05-01".
      const shared = Math.min(figure.refDate.length, meta.date.length);
      if (figure.refDate.slice(0, shared) > meta.date.slice(0, shared)) {
        problems.push({ path: at("refDate"), severity: "error", message: `${figure.refDate} is after the document's date ${meta.date}. A figure cannot describe a later date than the document that states it.` });
      }
    }
    figure.breakdown?.forEach((row, rowIndex) => {
      if (indicator.kind === "percent" && (row.value < 0 || row.value > 100)) {
        problems.push({ path: at("breakdown", rowIndex, "value"), severity: "error", message: `${row.value} is outside 0–100, but "${indicator.id}" is a percentage.` });
      }
    });
    if (figure.breakdown && indicator.kind === "count" && typeof figure.value === "number") {
      const sum = figure.breakdown.reduce((total, row) => total + row.value, 0);
      if (sum > figure.value) {
        problems.push({ path: at("breakdown"), severity: "warning", message: `rows add up to ${sum}, more than the total ${figure.value}. Check the numbers against the source.` });
      }
    }
  });
  return problems;
}

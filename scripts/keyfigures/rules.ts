/**
 * Rules for the key figures of one document that a schema alone cannot
 * express, because they need the indicator registry or the document's own
 * date. Rules across documents are in cross-document.ts.
 */
import { didYouMean } from "../content/problems.ts";
import type { DocumentMeta, Indicator, KeyFigure } from "../content/schema.ts";

export interface FigureProblem {
  path: Array<string | number>;
  message: string;
  severity: "error" | "warning";
}

/** Kinds whose parts add up to their total (a breakdown of shares or ratios does not). */
const ADDITIVE_KINDS: ReadonlySet<Indicator["kind"]> = new Set(["count", "fte", "currency"]);

export interface Bounds {
  min?: number;
  max?: number;
}

/** The values an indicator allows: its own min/max, else what its kind implies. */
export function indicatorBounds(indicator: Indicator): Bounds {
  const byKind: Bounds =
    indicator.kind === "percent"
      ? { min: 0, max: 100 }
      : indicator.kind === "per-mille"
        ? { min: 0, max: 1000 }
        : indicator.kind === "count" || indicator.kind === "fte"
          ? { min: 0 }
          : {};
  return { min: indicator.min ?? byKind.min, max: indicator.max ?? byKind.max };
}

function figureValues(value: KeyFigure["value"]): number[] {
  if (value === undefined) return [];
  return typeof value === "number" ? [value] : [value.min, value.max];
}

/** Why a value is not allowed for an indicator, or undefined when it is fine. */
export function valueProblem(indicator: Indicator, value: number): string | undefined {
  const { min, max } = indicatorBounds(indicator);
  const custom = indicator.min !== undefined || indicator.max !== undefined;
  if (!custom && indicator.kind === "percent" && (value < 0 || value > 100)) {
    return `${value} is outside 0–100, but "${indicator.id}" is a percentage. Write the percent number (6.8 for 6,8 %).`;
  }
  if (!custom && indicator.kind === "per-mille" && (value < 0 || value > 1000)) {
    return `${value} is outside 0–1000, but "${indicator.id}" is per mille. Write the per-mille number (4.5 for 4,5 ‰).`;
  }
  if (!custom && min === 0 && value < 0) {
    return `${value} is negative, which "${indicator.id}" cannot be.`;
  }
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    return `${value} is outside ${min ?? "−∞"}–${max ?? "∞"}, the values content/_registries/indicators.yaml allows for "${indicator.id}".`;
  }
  if (indicator.integer && !Number.isInteger(value)) {
    return `${value} is not a whole number, but "${indicator.id}" counts whole units.`;
  }
  return undefined;
}

export function checkKeyFigures(meta: DocumentMeta, indicators: Indicator[], slideCount?: number): FigureProblem[] {
  const problems: FigureProblem[] = [];
  const byId = new Map(indicators.map((indicator) => [indicator.id, indicator]));
  // The same figure written twice is shown twice, in every table and chart of its indicator.
  const seen = new Map<string, number>();
  meta.keyFigures.forEach((figure, index) => {
    const at = (...rest: Array<string | number>) => ["keyFigures", index, ...rest];
    const key = JSON.stringify(figure);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else problems.push({ path: at(), severity: "error", message: `is the same figure as keyFigures.${first}. Remove one.` });
    const indicator = byId.get(figure.indicator);
    if (!indicator) {
      problems.push({
        path: at("indicator"),
        severity: "error",
        message: `unknown indicator "${figure.indicator}".${didYouMean(figure.indicator, byId.keys())} Indicators are listed in content/_registries/indicators.yaml.`,
      });
      return;
    }
    if (figure.slide !== undefined && slideCount !== undefined && figure.slide > slideCount) {
      problems.push({ path: at("slide"), severity: "error", message: `slide ${figure.slide} does not exist: the document has ${slideCount} slides.` });
    }
    if (figure.unit !== undefined && figure.unit !== indicator.unit) {
      problems.push({
        path: at("unit"),
        severity: "error",
        message: `is "${figure.unit}" but indicator "${indicator.id}" is measured in "${indicator.unit}". Remove the unit or write ${indicator.unit}.`,
      });
    }
    if (figure.value !== undefined && typeof figure.value !== "number" && !indicator.range) {
      problems.push({
        path: at("value"),
        severity: "error",
        message: `is a range, but "${indicator.id}" takes a single number. Write the one number the source states, or allow ranges with "range: true" for the indicator in content/_registries/indicators.yaml.`,
      });
    }
    for (const value of figureValues(figure.value)) {
      const problem = valueProblem(indicator, value);
      if (problem) problems.push({ path: at("value"), severity: "error", message: problem });
    }
    if (figure.comparison) {
      const problem = valueProblem({ ...indicator, integer: false }, figure.comparison.value);
      if (problem) problems.push({ path: at("comparison", "value"), severity: "error", message: problem });
    }
    if (figure.refDate !== undefined && meta.date !== "unknown") {
      // Compare at the precision both dates share: "2011" is not after "2011-05-01".
      const shared = Math.min(figure.refDate.length, meta.date.length);
      if (figure.refDate.slice(0, shared) > meta.date.slice(0, shared)) {
        problems.push({
          path: at("refDate"),
          severity: "error",
          message: `${figure.refDate} is after the document's date ${meta.date}. A figure cannot describe a later date than the document that states it.`,
        });
      }
    }
    figure.breakdown?.forEach((row, rowIndex) => {
      const problem = valueProblem(indicator, row.value);
      if (problem) problems.push({ path: at("breakdown", rowIndex, "value"), severity: "error", message: problem });
    });
    const total = figure.value === undefined ? undefined : typeof figure.value === "number" ? figure.value : figure.value.max;
    if (figure.breakdown && ADDITIVE_KINDS.has(indicator.kind) && total !== undefined) {
      // Summed in integer steps of 1e-9 so 0.1 + 0.2 does not exceed 0.3.
      const sum = Math.round(figure.breakdown.reduce((sum, row) => sum + row.value, 0) * 1e9) / 1e9;
      if (sum > total) {
        problems.push({
          path: at("breakdown"),
          severity: "warning",
          message: `rows add up to ${sum}, more than the total ${total}. Check the numbers against the source.`,
        });
      }
    }
  });
  return problems;
}

import { describe, expect, it } from "vitest";
import { formatFigureValue, formatValue } from "../../scripts/keyfigures/format.ts";

const NBSP = "\u00a0";

describe("key-figure values as text", () => {
  it("shows a value as the source wrote it, in each kind, a range's ends included", () => {
    const ratio = { kind: "ratio", unit: "ratio" } as const;
    const percent = { kind: "percent", unit: "percent" } as const;
    expect(formatValue("nb", ratio, 0.275)).toBe("0,275");
    expect(formatValue("en", { kind: "per-mille", unit: "per-mille" }, 2.125)).toBe(`2.125${NBSP}‰`);
    expect(formatValue("nb", { kind: "currency", unit: "nok" }, 1234.567)).toBe(`1${NBSP}234,567${NBSP}kr`);
    expect(formatFigureValue("en", percent, { value: { min: 0.004, max: 0.005 }, approximate: false })).toBe("0.004–0.005%");
    expect(formatFigureValue("nb", ratio, { value: 0.004, approximate: true })).toBe("ca. 0,004");
  });
});

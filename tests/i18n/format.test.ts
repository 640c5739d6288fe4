import { describe, expect, it } from "vitest";
import { formatNumber, formatPartialDate, formatPercent } from "../../scripts/i18n/format.ts";

const NBSP = "\u00a0";

describe("locale formatting", () => {
  it("formats numbers the Norwegian and English way", () => {
    expect(formatNumber("nb", 4900)).toBe(`4${NBSP}900`);
    expect(formatNumber("nb", 2.9)).toBe("2,9");
    expect(formatNumber("en", 32000)).toBe("32,000");
    expect(formatNumber("en", 2.9)).toBe("2.9");
  });

  it("formats percentages given in percent", () => {
    expect(formatPercent("nb", 17.7)).toBe(`17,7${NBSP}%`);
    expect(formatPercent("en", 6.8)).toBe("6.8%");
  });

  it("formats dates at the precision they are known", () => {
    expect(formatPartialDate("nb", "2026-11-22")).toBe("22. november 2026");
    expect(formatPartialDate("en", "2009-09-09")).toBe("9 September 2009");
    expect(formatPartialDate("nb", "2009-09")).toBe("september 2009");
    expect(formatPartialDate("en", "2011")).toBe("2011");
    expect(formatPartialDate("en", "unknown")).toBeNull();
  });
});

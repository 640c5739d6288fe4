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

  it("shows every digit a source wrote, and adds none", () => {
    expect(formatNumber("nb", 0.275)).toBe("0,275");
    expect(formatNumber("en", 0.004)).toBe("0.004");
    expect(formatNumber("en", 123456.789012)).toBe("123,456.789012");
    expect(formatPercent("nb", 0.275)).toBe(`0,275${NBSP}%`);
    expect(formatPercent("en", 0.004)).toBe("0.004%");
    expect(formatPercent("en", 33.333)).toBe("33.333%");
  });

  it("formats dates at the precision they are known", () => {
    expect(formatPartialDate("nb", "2026-11-22")).toBe("22. november 2026");
    expect(formatPartialDate("en", "2009-09-09")).toBe("9 September 2009");
    expect(formatPartialDate("nb", "2009-09")).toBe("september 2009");
    expect(formatPartialDate("en", "2011")).toBe("2011");
    expect(formatPartialDate("en", "unknown")).toBeNull();
  });

  it("gives each locale, precision and kind of number its own text when asked again (texts and formats are kept)", () => {
    for (let round = 0; round < 2; round++) {
      expect(formatPartialDate("nb", "2010-03-04")).toBe("4. mars 2010");
      expect(formatPartialDate("en", "2010-03-04")).toBe("4 March 2010");
      expect(formatPartialDate("en", "2010-03")).toBe("March 2010");
      expect(formatPartialDate("nb", "2010-3")).toBeNull();
      expect(formatNumber("en", 0.5)).toBe("0.5");
      expect(formatPercent("en", 0.5)).toBe("0.5%");
      expect(formatNumber("nb", 1234.5)).toBe(`1${NBSP}234,5`);
      expect(formatPercent("nb", 1234.5)).toBe(`1${NBSP}234,5${NBSP}%`);
    }
  });
});

describe("languageLabel (any BCP 47 body language, issue 16)", async () => {
  const { languageLabel } = await import("../../scripts/i18n/format.ts");
  it("uses the site's own string for the languages it lists", () => {
    expect(languageLabel("nb", "sv")).toBe("Svensk");
    expect(languageLabel("en", "nb")).toBe("Norwegian Bokmål");
  });
  it("names any other language through Intl in the UI language", () => {
    expect(languageLabel("en", "de")).toBe("German");
    expect(languageLabel("nb", "de")).toBe("Tysk");
    expect(languageLabel("en", "cs")).toBe("Czech");
    expect(languageLabel("nb", "pl")).toBe("Polsk");
  });
  it("falls back to the code when Intl knows no name", () => {
    expect(languageLabel("en", "qaa")).toBe("qaa");
  });
});

import { describe, expect, it } from "vitest";
import { UI_LOCALES } from "../../scripts/i18n/locales.ts";
import { STRINGS, t } from "../../scripts/i18n/strings.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("UI strings", () => {
  it("has the same keys in every locale", () => {
    const [first, ...rest] = UI_LOCALES;
    const reference = Object.keys(STRINGS[first]).sort();
    for (const locale of rest) expect(Object.keys(STRINGS[locale]).sort(), locale).toEqual(reference);
  });

  it("uses the same placeholders for a key in every locale", () => {
    for (const key of Object.keys(STRINGS.nb)) {
      for (const locale of UI_LOCALES) expect(placeholders(STRINGS[locale][key]!), `${locale} ${key}`).toEqual(placeholders(STRINGS.nb[key]!));
    }
  });

  it("has no empty strings", () => {
    for (const locale of UI_LOCALES) {
      for (const [key, value] of Object.entries(STRINGS[locale])) expect(value.trim(), `${locale} ${key}`).not.toBe("");
    }
  });

  it("fills placeholders and refuses unknown keys", () => {
    expect(t("nb", "doc.slide", { n: 7 })).toBe("Lysbilde 7");
    expect(t("en", "doc.slide", { n: 7 })).toBe("Slide 7");
    expect(() => t("en", "no.such.key")).toThrow(/Missing UI string "no.such.key"/);
  });

  it("takes a count's singular form where the locale has one", () => {
    expect(t("nb", "list.count", { count: 1 })).toBe("1 dokument");
    expect(t("nb", "list.count", { count: 2 })).toBe("2 dokumenter");
    expect(t("nb", "list.count", { count: 0 })).toBe("0 dokumenter");
    expect(t("en", "list.count", { count: 1 })).toBe("1 document");
    expect(t("en", "doc.slideCount", { count: 1 })).toBe("1 slide");
    expect(t("en", "doc.slideCount", { count: 13 })).toBe("13 slides");
    // A count given as text is shown as it is, in the form for any other number.
    expect(t("en", "list.count", { count: "1" })).toBe("1 documents");
  });

  it("gives a plural form only beside its key, with the same placeholders", () => {
    for (const key of Object.keys(STRINGS.nb).filter((name) => /\.(zero|one|two|few|many)$/.test(name) && !name.startsWith("search."))) {
      const base = key.replace(/\.\w+$/, "");
      expect(STRINGS.nb[base], key).toBeDefined();
      expect(placeholders(STRINGS.nb[key]!), key).toEqual(placeholders(STRINGS.nb[base]!));
    }
  });

  it("gives URL path segments that are safe in a URL", () => {
    for (const locale of UI_LOCALES) {
      for (const [key, value] of Object.entries(STRINGS[locale])) {
        if (key.startsWith("path.") || key.startsWith("typeSlug.")) expect(value, `${locale} ${key}`).toMatch(/^[a-z0-9-]+$/);
      }
    }
  });
});

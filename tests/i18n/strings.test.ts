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

  it("gives URL path segments that are safe in a URL", () => {
    for (const locale of UI_LOCALES) {
      for (const [key, value] of Object.entries(STRINGS[locale])) {
        if (key.startsWith("path.") || key.startsWith("typeSlug.")) expect(value, `${locale} ${key}`).toMatch(/^[a-z0-9-]+$/);
      }
    }
  });
});

/**
 * The UI locales. Adding a locale (e.g. Swedish) is one entry here plus a
 * strings file `strings/<code>.json` with the same keys as nb.json.
 */
export const UI_LOCALES = ["nb", "en"] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

export interface LocaleConfig {
  code: UiLocale;
  /** URL prefix: "" for the default locale at the site root. */
  prefix: string;
  /** BCP 47 tag used for Intl formatting and hreflang. */
  intl: string;
}

export const LOCALES: Record<UiLocale, LocaleConfig> = {
  nb: { code: "nb", prefix: "", intl: "nb-NO" },
  en: { code: "en", prefix: "/en", intl: "en-GB" },
};

export const DEFAULT_LOCALE: UiLocale = "nb";

/** Languages a document body may be written in. */
export const CONTENT_LANGUAGES = ["nb", "nn", "sv", "da", "en"] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

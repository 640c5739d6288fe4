/**
 * Free text in a page's language: a source or change note is plain text (in
 * the document's language), `{ text, lang }`, or one text per UI language
 * (scripts/content/schema.ts, freeText). A page shows its own language's text
 * where there is one, else the text there is, and always says which language
 * that is, so `<span lang>` is right and a screen reader reads it right.
 */
import type { FreeText } from "../content/schema.ts";
import { UI_LOCALES, type UiLocale } from "../i18n/locales.ts";

export interface ShownText {
  text: string;
  /** BCP 47 tag of `text`. */
  lang: string;
}

export function shownText(value: FreeText, locale: UiLocale, documentLanguage: string): ShownText {
  if (typeof value === "string") return { text: value, lang: documentLanguage };
  if (value.text !== undefined) return { text: value.text, lang: value.lang ?? documentLanguage };
  const own = value[locale];
  if (own !== undefined) return { text: own, lang: locale };
  // No text in this locale: the first other UI language that has one.
  const other = UI_LOCALES.find((candidate) => value[candidate] !== undefined)!;
  return { text: value[other]!, lang: other };
}

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { UI_LOCALES, type UiLocale } from "./locales.ts";

export type Strings = Record<string, string>;

function readStrings(locale: UiLocale): Strings {
  const file = fileURLToPath(new URL(`./strings/${locale}.json`, import.meta.url));
  return JSON.parse(readFileSync(file, "utf8")) as Strings;
}

export const STRINGS: Record<UiLocale, Strings> = Object.fromEntries(UI_LOCALES.map((locale) => [locale, readStrings(locale)])) as Record<UiLocale, Strings>;

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Looks up a UI string and fills `{name}` placeholders. A missing key is a bug, so it throws.
 * Most strings have no placeholder and are returned as they are: templates call this
 * tens of times per page, and the replace was most of its cost.
 */
export function t(locale: UiLocale, key: string, vars?: Record<string, string | number>): string {
  const template = STRINGS[locale][key];
  if (template === undefined) throw new Error(`Missing UI string "${key}" for locale "${locale}"`);
  if (!template.includes("{")) return template;
  const values = vars ?? {};
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

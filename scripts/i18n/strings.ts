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

/** Each locale's plural rules ("one" for 1 in nb and en), made once. */
const PLURAL_RULES = new Map<UiLocale, Intl.PluralRules>();
function pluralCategory(locale: UiLocale, count: number): Intl.LDMLPluralRule {
  let rules = PLURAL_RULES.get(locale);
  if (!rules) PLURAL_RULES.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

/**
 * Looks up a UI string and fills `{name}` placeholders. A missing key is a bug, so it throws.
 * With a numeric `count`, the key's form for that number's plural category is taken when the
 * locale has one ("list.count.one": "{count} dokument" for 1; "list.count" otherwise).
 * Most strings have no placeholder and are returned as they are: templates call this
 * tens of times per page, and the replace was most of its cost.
 */
export function t(locale: UiLocale, key: string, vars?: Record<string, string | number>): string {
  let template = STRINGS[locale][key];
  if (template === undefined) throw new Error(`Missing UI string "${key}" for locale "${locale}"`);
  if (!template.includes("{")) return template;
  const values = vars ?? {};
  if (typeof values.count === "number") {
    const category = pluralCategory(locale, values.count);
    if (category !== "other") template = STRINGS[locale][`${key}.${category}`] ?? template;
  }
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * Words as a reader without Nordic letters types them. Pagefind finds "gavleborg" for "Gävleborg" and "radmann" for
 * "rådmann" (it drops the marks of ä, ö and å on both sides), but ø and æ are letters of their own, not letters with
 * marks: "tromso" and "baerum" found nothing. Nor did the older spellings with two letters that Norwegians and Danes
 * type without the keys: "aa" for å and "oe" for ø ("paaroerende", "hovudmaal", "kjoelekapasitet"), for which
 * Pagefind fell back to a short word the query starts with ("på") or found nothing. So each word of a record with ø,
 * æ, œ or å is indexed also as the reader would type it, in both spellings, among the words it is found by for the
 * index only (records.ts, wordForms). The search page marks the word of the text such a form stands for
 * (`keyboardForms` in assets/search-explain.js, the same letters; a test keeps the two alike).
 */
const NORDIC = /[øæœå]/;
const LETTERS = /[øæœå]/g;
/** One letter typed as one ("tromso"), å left to Pagefind, which drops its ring. */
const SHORT: Readonly<Record<string, string>> = { ø: "o", æ: "ae", œ: "oe", å: "å" };
/** Each letter typed as two, the older spelling ("tromsoe", "aalesund"). */
const LONG: Readonly<Record<string, string>> = { ø: "oe", æ: "ae", œ: "oe", å: "aa" };

/**
 * `word` (lower case) as typed without ø, æ, œ and å: "bærumsveien" → ["baerumsveien"], "pårørende" → ["pårorende",
 * "paaroerende"] (Pagefind reads the first as "parorende"); none for a word without them, nor the word itself.
 */
export function keyboardForms(word: string): string[] {
  if (!NORDIC.test(word)) return [];
  const forms = new Set([word.replace(LETTERS, (letter) => SHORT[letter]!), word.replace(LETTERS, (letter) => LONG[letter]!)]);
  forms.delete(word);
  return [...forms];
}

/** The keyboard forms of a record's words (lower case) that are not words of the record themselves. */
export function recordKeyboardForms(own: ReadonlySet<string>): string[] {
  const forms = new Set<string>();
  for (const word of own) for (const form of keyboardForms(word)) if (!own.has(form)) forms.add(form);
  return [...forms];
}

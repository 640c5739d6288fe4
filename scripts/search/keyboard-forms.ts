/**
 * Words as a reader without Nordic letters types them. Pagefind finds "gavleborg" for "Gävleborg" and "radmann" for
 * "rådmann" (it drops the marks of ä, ö and å on both sides), but ø and æ are letters of their own, not letters with
 * marks: "tromso" and "baerum" found nothing. Each word of a record with ø, æ or œ is indexed also as the reader would
 * type it, among the words it is found by for the index only (records.ts, wordForms). The search page marks the word
 * of the text such a form stands for (`keyboardForm` in assets/search-explain.js, the same letters; a test keeps the
 * two alike).
 */
const UNMARKED = /[øæœ]/g;
const TYPED: Readonly<Record<string, string>> = { ø: "o", æ: "ae", œ: "oe" };

/** `word` (lower case) as typed without ø, æ and œ ("bærumsveien" → "baerumsveien"); undefined when it has none. */
export function keyboardForm(word: string): string | undefined {
  return /[øæœ]/.test(word) ? word.replace(UNMARKED, (letter) => TYPED[letter]!) : undefined;
}

/** The keyboard forms of a record's words (lower case) that are not words of the record themselves. */
export function keyboardForms(own: ReadonlySet<string>): string[] {
  const forms = new Set<string>();
  for (const word of own) {
    const form = keyboardForm(word);
    if (form !== undefined && !own.has(form)) forms.add(form);
  }
  return [...forms];
}

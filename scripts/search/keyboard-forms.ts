/**
 * Words as a reader without Nordic letters types them. Pagefind finds "gavleborg" for "Gävleborg" and "radmann" for
 * "rådmann" (it drops the marks of ä, ö and å on both sides), but ø and æ are letters of their own, not letters with
 * marks: "tromso" and "baerum" found nothing. Nor did the older spellings with two letters that Norwegians and Danes
 * type without the keys: "aa" for å and "oe" for ø ("paaroerende", "hovudmaal", "kjoelekapasitet"), for which
 * Pagefind fell back to a short word the query starts with ("på") or found nothing. So each word of a record with ø,
 * æ, œ or å is indexed also as the reader would type it, in both spellings and their mixes ("paarorende"), and a word
 * spelled with aa also with å ("Aarhus", typed "Århus"), among the words it is found by for the index only
 * (records.ts, wordForms). The search page marks the word of the text such a form stands for (`keyboardForms` in
 * assets/search-explain.js, the same letters; a test keeps the two alike). docs/search.md, "Words typed without ø,
 * æ and å".
 */
const NORDIC = /[øæœå]|aa/;
/** The letters a keyboard without them spells otherwise, and the older spelling "aa" that a reader may type as å. */
const LETTERS = /[øæœå]|aa/g;
/**
 * The spellings of each: ø as o or oe, æ as ae, œ as oe, å left to Pagefind (which drops its ring) or as aa, and aa
 * as written or as å (a text that spells "Aarhus", a reader who types "Århus").
 */
const SPELLINGS: Readonly<Record<string, readonly string[]>> = { ø: ["o", "oe"], æ: ["ae"], œ: ["oe"], å: ["å", "aa"], aa: ["aa", "å"] };
/** Up to this many letters with two spellings, every mix of them is a form ("paarorende" for "pårørende"); past it, each spelled alike throughout. */
const MIXED_UP_TO = 3;

/**
 * `word` (lower case) as typed without ø, æ, œ and å, or with å for its aa, in every mix of the spellings of up to
 * MIXED_UP_TO such letters: "bærumsveien" → ["baerumsveien"], "pårørende" → ["pårorende" (which Pagefind reads as
 * "parorende"), "paarorende", "påroerende", "paaroerende"], "aarhus" → ["århus"]; none for a word without them, nor
 * the word itself.
 */
export function keyboardForms(word: string): string[] {
  if (!NORDIC.test(word)) return [];
  const pieces = word.split(LETTERS);
  const letters = word.match(LETTERS)!;
  const choices = letters.map((letter) => SPELLINGS[letter]!);
  const twofold = choices.flatMap((spellings, i) => (spellings.length > 1 ? [i] : []));
  // Each form as the index of the spelling of each letter: every mix, or the first of each and the last of each.
  const mixes: number[][] = [];
  if (twofold.length <= MIXED_UP_TO) {
    for (let mix = 0; mix < 2 ** twofold.length; mix++) {
      const picks = choices.map(() => 0);
      twofold.forEach((at, bit) => {
        picks[at] = (mix >> bit) & 1;
      });
      mixes.push(picks);
    }
  } else
    mixes.push(
      choices.map(() => 0),
      choices.map((spellings) => spellings.length - 1),
    );
  const forms = new Set(mixes.map((picks) => pieces.map((piece, i) => (i < letters.length ? piece + choices[i]![picks[i]!] : piece)).join("")));
  forms.delete(word);
  return [...forms];
}

/** The keyboard forms of a record's words (lower case) that are not words of the record themselves. */
export function recordKeyboardForms(own: ReadonlySet<string>): string[] {
  const forms = new Set<string>();
  for (const word of own) for (const form of keyboardForms(word)) if (!own.has(form)) forms.add(form);
  return [...forms];
}

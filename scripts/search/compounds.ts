/**
 * Nordic compounds for the search index. Pagefind matches a query word at the
 * start of an indexed word ("likestilling" finds "likestillingsutvalg"), never
 * inside one, so "opprydding" would not find "sjøbunnsoppryddingen". At index
 * time each long word of a record is split where its first part is a word the
 * site itself uses (the vocabulary of all records, with each word's stems), and
 * the remaining parts are indexed with the record, at a low weight so that a
 * document with the exact word still ranks first. See docs/search.md.
 *
 *   sjøbunnsoppryddingen → "sjøbunn" is a word of the site, then a linking "s"
 *                        → oppryddingen
 *   jämställdhetsintegreringen → integreringen
 */
import snowball from "snowball-stemmers";
import type { SearchRecord } from "./records.ts";

/** Shortest word that is split, and shortest part kept on either side of a split. */
const MIN_COMPOUND = 8;
const MIN_PART = 4;
const MIN_STEM = 6;
/** A remainder this long counts as a part even when the site never uses it alone ("oppryddingen"). */
const MIN_FREE_PART = 5;
/** Letters that join the parts of Nordic compounds ("arbeid-s-giver", "skol-e-gård"). */
const LINKING = ["s", "e"];

const STEMMERS = ["norwegian", "swedish", "danish"].map((language) => snowball.newStemmer(language));

const WORD = /[\p{L}\p{N}]+/gu;

export function words(text: string): string[] {
  return text.toLocaleLowerCase().match(WORD) ?? [];
}

/** Every text of a record that Pagefind indexes. */
export function recordText(record: SearchRecord): string[] {
  return [record.title, ...record.head.map((block) => block.text), ...record.parts.flatMap((part) => [part.title, part.text, ...part.topics])];
}

/**
 * The words a compound may start with: every word of the records at least
 * MIN_PART letters long, and its Norwegian, Swedish and Danish stems of MIN_STEM letters or more
 * ("erfaringene" gives "erfaring", so "erfaringsutveksling" splits).
 */
export function buildVocabulary(records: readonly SearchRecord[]): Set<string> {
  const vocabulary = new Set<string>();
  for (const record of records) {
    for (const text of recordText(record)) {
      for (const word of words(text)) {
        if (word.length < MIN_PART || vocabulary.has(word)) continue;
        vocabulary.add(word);
        for (const stemmer of STEMMERS) {
          // Short stems ("komm") start too many words that are not compounds of them.
          const stem = stemmer.stem(word);
          if (stem.length >= MIN_STEM) vocabulary.add(stem);
        }
      }
    }
  }
  return vocabulary;
}

/**
 * The inner and final parts of `word`: each remainder after a first part that
 * is in `vocabulary` (with or without a linking s or e), and the parts of that
 * remainder in turn. Longest first part first; nothing for a word that is not
 * a compound of known words.
 */
export function compoundParts(word: string, vocabulary: ReadonlySet<string>): string[] {
  const parts = new Set<string>();
  const visit = (current: string) => {
    if (current.length < MIN_COMPOUND) return;
    const tails: string[] = [];
    for (let cut = current.length - MIN_PART; cut >= MIN_PART; cut--) {
      const head = current.slice(0, cut);
      const known = vocabulary.has(head) || LINKING.some((letter) => head.endsWith(letter) && head.length > MIN_PART && vocabulary.has(head.slice(0, -1)));
      const tail = current.slice(cut);
      // A short remainder must be a word of its own: "plan" is, "enes" (kommun-enes) is an ending.
      if (known && (tail.length >= MIN_FREE_PART || vocabulary.has(tail))) tails.push(tail);
    }
    for (const tail of tails) {
      // "sjøbunn" + "soppryddingen" is "sjøbunns" + "oppryddingen" with the linking letter on the wrong side.
      if (LINKING.includes(tail[0]!) && tails.includes(tail.slice(1))) continue;
      if (parts.has(tail)) continue;
      parts.add(tail);
      visit(tail);
    }
  };
  visit(word.toLocaleLowerCase());
  return [...parts];
}

/** The compound parts of a record's words, each once, in the order they first occur. */
export function recordCompoundParts(record: SearchRecord, vocabulary: ReadonlySet<string>, cache = new Map<string, string[]>()): string[] {
  const own = new Set<string>();
  for (const text of recordText(record)) for (const word of words(text)) own.add(word);
  const parts = new Set<string>();
  for (const word of own) {
    if (word.length < MIN_COMPOUND) continue;
    let found = cache.get(word);
    if (!found) cache.set(word, (found = compoundParts(word, vocabulary)));
    // A part the record already has as a word of its own adds nothing.
    for (const part of found) if (!own.has(part)) parts.add(part);
  }
  return [...parts];
}

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
import { createRequire } from "node:module";
// Required, not imported: in a worker thread (the build's search phase, ../build/search-thread.ts) tsx's loader gives
// this CommonJS package's default import as undefined.
const snowball = createRequire(import.meta.url)("snowball-stemmers") as typeof import("snowball-stemmers");
import { eachLetterRun } from "../content/terms.ts";
import type { SearchRecord } from "./records.ts";

/** Shortest word that is split, and shortest part kept on either side of a split. */
const MIN_COMPOUND = 8;
/**
 * Longest word that is split. The dictionaries' longest words are 30-33 letters ("informasjonsformidlingsvirksomhet");
 * looking up every first part of a word costs its length squared, and one run of 160,000 letters in a document added
 * 24 s to a build that `npm run check` had passed in a second.
 */
export const MAX_COMPOUND = 64;
/**
 * Lexicon lookups one word may take; past them it is not split. The bench corpus's and the bundled content's words
 * take at most 135 ("kompetansedelingsdagen"). A made-up word whose every start is a known word took tens of
 * thousands: 74,000 such words of 64 letters in one document, which the check passes in a second, took a build 182 s.
 */
export const MAX_LOOKUPS = 1_000;
const MIN_PART = 4;
const MIN_STEM = 6;
/** A remainder this long counts as a part even when the site never uses it alone ("oppryddingen"). */
const MIN_FREE_PART = 5;
/** Letters that join the parts of Nordic compounds ("arbeid-s-giver", "skol-e-gård"). */
const LINKING = ["s", "e"];

const STEMMERS = ["norwegian", "swedish", "danish"].map((language) => snowball.newStemmer(language));

/** Every text of a record that Pagefind indexes. */
export function recordText(record: SearchRecord): string[] {
  return [
    record.title,
    ...record.head.map((block) => block.text),
    ...record.parts.flatMap((part) => [part.title, part.text, ...part.topics.map((block) => block.text)]),
  ];
}

/**
 * The distinct words of a record, lower-cased: its runs of letters and digits (eachLetterRun, as
 * `toLowerCase().split(/[^\p{L}\p{N}]+/u)` finds them), read once, used for the vocabulary and the record's parts.
 */
export function recordWords(record: SearchRecord): Set<string> {
  const found = new Set<string>();
  const add = (lower: string, start: number, end: number) => found.add(lower.slice(start, end));
  for (const text of recordText(record)) eachLetterRun(text, add);
  return found;
}

/** The Norwegian, Swedish and Danish stems of `word` that a compound may start with (MIN_STEM letters or more). */
export function vocabularyStems(word: string): string[] {
  const stems: string[] = [];
  for (const stemmer of STEMMERS) {
    // Short stems ("komm") start too many words that are not compounds of them.
    const stem = stemmer.stem(word);
    if (stem.length >= MIN_STEM) stems.push(stem);
  }
  return stems;
}

/** Whether `word` goes into the vocabulary (with its `vocabularyStems`). */
export function inVocabulary(word: string): boolean {
  return word.length >= MIN_PART;
}

/**
 * The words a compound may start with: every word of the records at least
 * MIN_PART letters long, and its Norwegian, Swedish and Danish stems of MIN_STEM letters or more
 * ("erfaringene" gives "erfaring", so "erfaringsutveksling" splits). `stems` holds words' stems
 * found before (the build cache, site-forms.ts); the others are stemmed here.
 */
export function buildVocabulary(wordSets: Iterable<ReadonlySet<string>>, stems?: ReadonlyMap<string, readonly string[]>): Set<string> {
  const vocabulary = new Set<string>();
  const seen = new Set<string>();
  for (const set of wordSets) {
    for (const word of set) {
      if (!inVocabulary(word) || seen.has(word)) continue;
      seen.add(word);
      vocabulary.add(word);
      for (const stem of stems?.get(word) ?? vocabularyStems(word)) vocabulary.add(stem);
    }
  }
  return vocabulary;
}

/** Words that may be parts of a compound: the site's vocabulary, maybe with a dictionary (`withDictionary`). */
export interface Lexicon {
  has(word: string): boolean;
  /** True when a dictionary backs it: a remainder is then a part only when it is a known word (`knownWord`). */
  readonly checked?: boolean;
}

/** The site's vocabulary and a language's word lists (dictionaries.ts) as one lexicon. */
export function withDictionary(vocabulary: ReadonlySet<string>, dictionaries: ReadonlyArray<{ has(word: string): boolean }>): Lexicon {
  if (!dictionaries.length) return vocabulary;
  return { has: (word) => vocabulary.has(word) || dictionaries.some((dictionary) => dictionary.has(word)), checked: true };
}

/** Longest inflectional ending after a known word ("brytning|en", "element|erne", "ordning|ane"). */
const MAX_ENDING = 4;

/** `word` is in the lexicon, or a word of it followed by an ending of at most MAX_ENDING letters. */
export function knownWord(word: string, lexicon: Lexicon): boolean {
  if (lexicon.has(word)) return true;
  for (let end = Math.max(MIN_PART, word.length - MAX_ENDING); end < word.length; end++) if (lexicon.has(word.slice(0, end))) return true;
  return false;
}

/**
 * The inner and final parts of `word`: each remainder after a first part that
 * is in `lexicon` (with or without a linking s or e), and the parts of that
 * remainder in turn. Nothing for a word that is not a compound of known words.
 * With a dictionary (`lexicon.checked`) a remainder must itself be a known
 * word, so "turn|usordninger" gives nothing and "turnus|ordninger" "ordninger";
 * without one, any remainder of MIN_FREE_PART letters counts. A word that needs
 * more than MAX_LOOKUPS lookups gives nothing either.
 */
export function compoundParts(word: string, given: Lexicon): string[] {
  const parts = new Set<string>();
  const visited = new Set<string>();
  let lookups = 0;
  const lexicon: Lexicon = {
    has: (candidate) => {
      lookups++;
      return given.has(candidate);
    },
    checked: given.checked,
  };
  const visit = (current: string) => {
    if (current.length < MIN_COMPOUND || current.length > MAX_COMPOUND || lookups > MAX_LOOKUPS) return;
    const knownHead = (cut: number) => {
      const head = current.slice(0, cut);
      return lexicon.has(head) || LINKING.some((letter) => head.endsWith(letter) && head.length > MIN_PART && lexicon.has(head.slice(0, -1)));
    };
    const tails: string[] = [];
    const inner: string[] = [];
    for (let cut = MIN_PART; cut <= current.length - MIN_PART && lookups <= MAX_LOOKUPS; cut++) {
      if (!knownHead(cut)) continue;
      // Known first parts one letter apart ("sjøbun", "sjøbunn", "sjøbunns": a stem, the word, the
      // word with a linking s) are one boundary. With a dictionary every remainder there that is a
      // known word is a part ("skule|skyssen"; "skules|kyssen" too, a harmless extra). Without one,
      // the remainder that is a word of the site ("arbeidsgiver|strategi"), else the one after the
      // longest first part ("sjøbunns|oppryddingen").
      let last = cut;
      while (last + 1 <= current.length - MIN_PART && knownHead(last + 1)) last++;
      const candidates: string[] = [];
      for (let c = last; c >= cut; c--) candidates.push(current.slice(c));
      if (lexicon.checked) {
        for (const candidate of candidates) {
          if (knownWord(candidate, lexicon)) tails.push(candidate);
          // Not a word itself, but it may end in one: "samfunns|utviklerrollen" → "rollen".
          else inner.push(candidate);
        }
      } else {
        const tail = candidates.find((candidate) => lexicon.has(candidate)) ?? candidates[0]!;
        // A short remainder must be a word of its own: "plan" is, "enes" (kommun-enes) is an ending.
        if (tail.length >= MIN_FREE_PART || lexicon.has(tail)) tails.push(tail);
      }
      cut = last;
    }
    for (const tail of tails) {
      if (parts.has(tail)) continue;
      parts.add(tail);
      visit(tail);
    }
    for (const remainder of inner) {
      if (parts.has(remainder) || visited.has(remainder)) continue;
      visited.add(remainder);
      visit(remainder);
    }
  };
  visit(word.toLowerCase());
  // Past its budget a word is not split at all, so a split never depends on where the budget ran out.
  return lookups > MAX_LOOKUPS ? [] : [...parts];
}

/** The compound parts of a record's words (`recordWords`), each once; `cache` is shared across records. */
export function recordCompoundParts(own: ReadonlySet<string>, lexicon: Lexicon, cache = new Map<string, string[]>()): string[] {
  const parts = new Set<string>();
  for (const word of own) {
    if (word.length < MIN_COMPOUND || word.length > MAX_COMPOUND) continue;
    let found = cache.get(word);
    if (!found) cache.set(word, (found = compoundParts(word, lexicon)));
    // A part the record already has as a word of its own adds nothing.
    for (const part of found) if (!own.has(part)) parts.add(part);
  }
  return [...parts];
}

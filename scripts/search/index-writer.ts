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
import { INCLUDE_CHARACTERS, type IndexPage, type MetaOccurrence, type Occurrence } from "./index-page.ts";

/** The Pagefind version whose bundle this writes (pagefind-entry.json and the metadata file name it). */
export const PAGEFIND_FORMAT = "1.6.0";
/** Pagefind's default `index_chunk_size`: a chunk closes once its words' pages (and variants') hold this many numbers. */
export const INDEX_CHUNK_SIZE = 20000;
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

/** A page's locations of one word: runs by weight (the common one first), each a marker −(weight + 1), then positions as steps. */
export function packedLocations(occurrences: readonly Occurrence[]): number[] {
  // Usually one weight, in the order of the text: then the runs are already in order.
  const first = occurrences[0]!.weight;
  if (occurrences.every((occurrence, i) => occurrence.weight === first && (i === 0 || occurrence.position >= occurrences[i - 1]!.position))) {
    const locations = [-first - 1, occurrences[0]!.position];
    for (let i = 1; i < occurrences.length; i++) locations.push(occurrences[i]!.position - occurrences[i - 1]!.position);
    return locations;
  }
  const sorted = occurrences
    .map((occurrence, i) => ({ ...occurrence, i }))
    .sort((a, b) => (a.weight === COMMON_WEIGHT ? 0 : a.weight) - (b.weight === COMMON_WEIGHT ? 0 : b.weight) || a.position - b.position || a.i - b.i);
  const locations: number[] = [];
  let weight = COMMON_WEIGHT;
  let last = 0;
  for (const occurrence of sorted) {
    if (occurrence.weight !== weight) {
      locations.push(-occurrence.weight - 1, occurrence.position);
      weight = occurrence.weight;
    } else {
      locations.push(occurrence.position - last);
    }
    last = occurrence.position;
  }
  return locations;
}

/** A page's metadata locations of one word: for each field in order, −(field + 1), then positions as steps. */
export function packedMetaLocations(occurrences: readonly MetaOccurrence[]): number[] {
  const sorted = occurrences.map((occurrence, i) => ({ ...occurrence, i })).sort((a, b) => a.field - b.field || a.position - b.position || a.i - b.i);
  const locations: number[] = [];
  let field = -1;
  let last = 0;
  for (const occurrence of sorted) {
    if (occurrence.field !== field) {
      locations.push(-occurrence.field - 1);
      field = occurrence.field;
      last = 0;
    }
    locations.push(occurrence.position - last);
    last = occurrence.position;
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

/** Occurrences split into the word's own and each written form's (words that had diacritics). */
function byForm<T extends { original: string | undefined }>(occurrences: readonly T[]): { own: T[]; forms: Map<string, T[]> } {
  const own: T[] = [];
  const forms = new Map<string, T[]>();
  for (const occurrence of occurrences) {
    if (occurrence.original === undefined) own.push(occurrence);
    else {
      const list = forms.get(occurrence.original);
      if (list) list.push(occurrence);
      else forms.set(occurrence.original, [occurrence]);
    }
  }
  return { own, forms };
}

/** The entry of `page` in `pages`, added (with no locations) if it has none. */
function pageEntry(pages: PackedPage[], page: number): PackedPage {
  const last = pages.at(-1);
  if (last?.page === page) return last;
  const entry = { page, locations: [], metaLocations: [] };
  pages.push(entry);
  return entry;
}

const encodePages = (pages: readonly PackedPage[]) => {
  let previous = 0;
  return array(
    pages.map((entry) => {
      const delta = entry.page - previous;
      previous = entry.page;
      return array([integer(delta), integers(entry.locations), integers(entry.metaLocations)]);
    }),
  );
};
const encodeWord = (word: PackedWord) =>
  array([text(word.word), encodePages(word.pages), array([...word.variants].map(([form, pages]) => array([text(form), encodePages(pages)])))]);

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

export interface WrittenIndex {
  pages: number;
  words: number;
  /** The metadata file's name, without its extension: pagefind-entry.json's language hash. */
  hash: string;
}

/**
 * Writes `pages` (in this order, page 0 first) as a Pagefind bundle for `language` into `dir`: what
 * Pagefind writes there for records added in the same order with `forceLanguage: language`.
 */
export function writeIndexBundle(pages: readonly IndexPage[], dir: string, language: string, chunkSize = INDEX_CHUNK_SIZE): WrittenIndex {
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
    for (const [stem, occurrences] of page.words) {
      const word = wordFor(stem);
      const { own, forms } = byForm(occurrences);
      if (own.length) word.pages.push({ page: number, locations: packedLocations(own), metaLocations: [] });
      for (const [form, list] of forms) variantPages(word, form).push({ page: number, locations: packedLocations(list), metaLocations: [] });
    }
    const pageFields = Object.keys(page.meta).map((field) => fieldNumber.get(field)!);
    for (const [stem, occurrences] of page.metaWords) {
      const word = wordFor(stem);
      const global = occurrences.map((occurrence) => ({ ...occurrence, field: pageFields[occurrence.field]! }));
      const { own, forms } = byForm(global);
      if (own.length) pageEntry(word.pages, number).metaLocations = packedMetaLocations(own);
      for (const [form, list] of forms) pageEntry(variantPages(word, form), number).metaLocations = packedMetaLocations(list);
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
  for (const word of sorted) {
    for (const page of word.pages) size += page.locations.length + page.metaLocations.length + 1;
    // Pagefind 1.6 counts each variant too, its pages and one more (merge.ts, listPositions).
    for (const pages of word.variants.values()) {
      size += 1;
      for (const page of pages) size += page.locations.length + page.metaLocations.length + 1;
    }
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
    const cbor = array([array(words.map(encodeWord))]);
    const name = shortName(language, pagefindHash(cbor), chunkNames);
    write(`index/${name}.pf_index`, pagefindContent(cbor));
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
  return { pages: pages.length, words: words.size, hash };
}

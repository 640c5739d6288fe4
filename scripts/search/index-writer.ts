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
import { array, header, PAGEFIND_SIGNATURE, pagefindContent, text } from "./chunks.ts";
import { compareCodePoints } from "./merge.ts";
import { INCLUDE_CHARACTERS, type IndexPage, type WordTable } from "./index-page.ts";

/** The Pagefind version whose bundle this writes (pagefind-entry.json and the metadata file name it). */
export const PAGEFIND_FORMAT = "1.6.0";
/** Pagefind's default `index_chunk_size`: a chunk closes once its words' pages (and variants') hold this many numbers. */
export const INDEX_CHUNK_SIZE = 20000;
const SIGNATURE_LENGTH = Buffer.byteLength(PAGEFIND_SIGNATURE);

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
  length = 0;

  /** @param signed whether what is written is a data file's content: Pagefind's signature, then the CBOR */
  constructor(signed = false) {
    if (signed) this.length = this.bytes.write(PAGEFIND_SIGNATURE);
  }

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

  text(value: string): void {
    const size = Buffer.byteLength(value);
    this.head(3, size);
    this.room(size);
    this.length += this.bytes.write(value, this.length);
  }

  /** Bytes `start` to `end` of what `from` wrote. */
  copy(from: CborWriter, start: number, end: number): void {
    this.room(end - start);
    this.length += from.bytes.copy(this.bytes, this.length, start, end);
  }

  /** What was written. */
  content(): Buffer {
    return this.bytes.subarray(0, this.length);
  }
}

/**
 * Orders `count` pairs of `places` in place by their first number, then their second, keeping the order of equal
 * pairs; `major` says which of a pair's two numbers comes first in that order.
 */
function orderPairs(places: Int32Array, count: number, major: 0 | 1): void {
  if (count < 2) return;
  const minor = 1 - major;
  let ordered = true;
  for (let i = 1; i < count && ordered; i++) {
    const a = places[(i - 1) * 2 + major]!;
    const b = places[i * 2 + major]!;
    ordered = a < b || (a === b && places[(i - 1) * 2 + minor]! <= places[i * 2 + minor]!);
  }
  if (ordered) return;
  const pairs = Array.from({ length: count }, (_, i) => [places[i * 2]!, places[i * 2 + 1]!] as const);
  pairs.sort((x, y) => x[major]! - y[major]! || x[minor]! - y[minor]!);
  pairs.forEach(([a, b], i) => {
    places[i * 2] = a;
    places[i * 2 + 1] = b;
  });
}

/**
 * A page's places of one word ([position, weight, …] in `places`, `count` pairs) packed as Pagefind packs them into
 * `out`, whose length it returns: runs by weight, the lowest first, each a marker −(weight + 1) and its first
 * position, then positions as steps. `places` is left ordered.
 */
function packLocations(places: Int32Array, count: number, out: Int32Array): number {
  orderPairs(places, count, 1);
  let length = 0;
  let weight = -1;
  let last = 0;
  for (let i = 0; i < count; i++) {
    const position = places[i * 2]!;
    const placeWeight = places[i * 2 + 1]!;
    if (placeWeight !== weight) {
      out[length++] = -placeWeight - 1;
      out[length++] = position;
      weight = placeWeight;
    } else out[length++] = position - last;
    last = position;
  }
  return length;
}

/** A page's metadata places of one word ([field, position, …], `count` pairs) packed into `out`: for each field in order, −(field + 1), then positions as steps. */
function packMetaLocations(places: Int32Array, count: number, out: Int32Array): number {
  orderPairs(places, count, 0);
  let length = 0;
  let field = -1;
  let last = 0;
  for (let i = 0; i < count; i++) {
    if (places[i * 2] !== field) {
      field = places[i * 2]!;
      out[length++] = -field - 1;
      last = 0;
    }
    out[length++] = places[i * 2 + 1]! - last;
    last = places[i * 2 + 1]!;
  }
  return length;
}

const packed = (pack: typeof packLocations, places: readonly number[]) => {
  const out = new Int32Array(places.length * 2);
  return Array.from(out.subarray(0, pack(Int32Array.from(places), places.length / 2, out)));
};
/** `packLocations` of `places` ([position, weight, …]) as an array. */
export const packedLocations = (places: readonly number[]): number[] => packed(packLocations, places);
/** `packMetaLocations` of `places` ([field, position, …]) as an array. */
export const packedMetaLocations = (places: readonly number[]): number[] => packed(packMetaLocations, places);

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

/** `array`, or a larger copy of it that holds `size` numbers. */
function room(array: Int32Array, size: number): Int32Array {
  if (array.length >= size) return array;
  const larger = new Int32Array(Math.max(size, array.length * 2));
  larger.set(array);
  return larger;
}

/**
 * Where a bundle's word lists are gathered: each target (a stem, or a stem's variant as written with diacritics)
 * gets one page entry per page it is on, its CBOR written at once into one buffer, and the entries of a target
 * linked in page order, so that a chunk copies them without a list or an object per page and word.
 */
class WordLists {
  readonly entries = new CborWriter();
  private readonly entryStart: number[] = [];
  private readonly entryNext: number[] = [];
  /** Per target: its stem (an index into `stems`), its written form, its first and last entry, page count, last page, size. */
  readonly form: Array<string | undefined> = [];
  private readonly first: number[] = [];
  private readonly last: number[] = [];
  readonly pageCount: number[] = [];
  private readonly lastPage: number[] = [];
  /** Pagefind's count of a page list: each page's locations and metadata locations, plus one. */
  readonly size: number[] = [];
  readonly stems: string[] = [];
  /** Per stem: its own target (−1 if none) and its variants' targets. */
  readonly own: number[] = [];
  readonly variants: number[][] = [];
  private readonly stemIds = new Map<string, number>();
  private readonly variantIds = new Map<string, number>();

  target(stem: string, form: string | undefined): number {
    let s = this.stemIds.get(stem);
    if (s === undefined) {
      s = this.stems.length;
      this.stems.push(stem);
      this.own.push(-1);
      this.variants.push([]);
      this.stemIds.set(stem, s);
    }
    if (form === undefined) {
      if (this.own[s]! < 0) this.own[s] = this.add(undefined);
      return this.own[s]!;
    }
    const key = `${stem}\u0000${form}`;
    let t = this.variantIds.get(key);
    if (t === undefined) {
      t = this.add(form);
      this.variants[s]!.push(t);
      this.variantIds.set(key, t);
    }
    return t;
  }

  private add(form: string | undefined): number {
    this.form.push(form);
    this.first.push(-1);
    this.last.push(-1);
    this.pageCount.push(0);
    this.lastPage.push(0);
    this.size.push(0);
    return this.form.length - 1;
  }

  /** Target `t`'s entry for `page`: the page as a step from its last, then its locations and metadata locations. */
  addEntry(t: number, page: number, locations: Int32Array, locationCount: number, metaLocations: Int32Array, metaCount: number): void {
    const out = this.entries;
    const entry = this.entryStart.length;
    this.entryStart.push(out.length);
    this.entryNext.push(-1);
    out.head(4, 3);
    out.integer(page - this.lastPage[t]!);
    out.head(4, locationCount);
    for (let i = 0; i < locationCount; i++) out.integer(locations[i]!);
    out.head(4, metaCount);
    for (let i = 0; i < metaCount; i++) out.integer(metaLocations[i]!);
    if (this.last[t]! < 0) this.first[t] = entry;
    else this.entryNext[this.last[t]!] = entry;
    this.last[t] = entry;
    this.lastPage[t] = page;
    this.pageCount[t]!++;
    this.size[t]! += locationCount + metaCount + 1;
  }

  /** Target `t`'s page list (an empty one for none) into `out`. */
  writeList(out: CborWriter, t: number): void {
    out.head(4, t < 0 ? 0 : this.pageCount[t]!);
    if (t < 0) return;
    for (let entry = this.first[t]!; entry >= 0; entry = this.entryNext[entry]!) {
      const end = entry + 1 < this.entryStart.length ? this.entryStart[entry + 1]! : this.entries.length;
      out.copy(this.entries, this.entryStart[entry]!, end);
    }
  }
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
  options: {
    table: WordTable;
    chunkSize?: number;
    stem?: (word: string) => string;
    /**
     * Word chunks left uncompressed: a slice's, which only the join reads (merge.ts), and which it decompressed once
     * for the words and again while writing them. Every other file is gzipped as Pagefind's are.
     */
    plainChunks?: boolean;
  },
): WrittenIndex {
  const { table } = options;
  const chunkSize = options.chunkSize ?? INDEX_CHUNK_SIZE;
  let pageWords = 0;
  const fields = [...new Set(pages.flatMap((page) => Object.keys(page.meta)))].sort(compareCodePoints);
  const fieldNumber = new Map(fields.map((field, i) => [field, i]));
  const lists = new WordLists();
  // Each term's target, found once: terms of a table that does not stem are filed under the stem Pagefind gives their word.
  const termTarget = new Int32Array(table.size).fill(-1);
  const targetOf = (term: number) => {
    let t = termTarget[term]!;
    if (t < 0) {
      const word = table.words[term]!;
      t = lists.target(options.stem ? options.stem(word) : word, table.forms[term]);
      termTarget[term] = t;
    }
    return t;
  };
  // A page's occurrences grouped by target: each target's first and last on the page, each occurrence's next.
  // (A target comes from one term or more, so there are no more targets than the table's terms.)
  const bodyFirst = new Int32Array(table.size);
  const bodyLast = new Int32Array(table.size);
  const metaFirst = new Int32Array(table.size);
  const metaLast = new Int32Array(table.size);
  const seenOn = new Int32Array(table.size);
  let next: Int32Array = new Int32Array(0);
  let places: Int32Array = new Int32Array(64);
  let locations: Int32Array = new Int32Array(128);
  let metaLocations: Int32Array = new Int32Array(128);
  const filters = new Map<string, Map<string, number[]>>();
  const fragments: Array<{ name: string; file: Buffer; wordCount: number }> = [];
  const fragmentNames = new Set<string>();
  pages.forEach((page, number) => {
    pageWords += page.wordCount;
    const { occurrences, metaOccurrences } = page;
    const bodyCount = occurrences.length / 3;
    next = room(next, bodyCount + metaOccurrences.length / 3);
    const touched: number[] = [];
    const link = (list: Int32Array, i: number, at: number, first: Int32Array, last: Int32Array) => {
      const t = targetOf(list[i * 3]!);
      if (seenOn[t] !== number + 1) {
        seenOn[t] = number + 1;
        touched.push(t);
        bodyFirst[t] = -1;
        metaFirst[t] = -1;
      }
      if (first[t]! < 0) first[t] = at;
      else next[last[t]!] = at;
      last[t] = at;
      next[at] = -1;
    };
    for (let i = 0; i < bodyCount; i++) link(occurrences, i, i, bodyFirst, bodyLast);
    for (let i = 0; i < metaOccurrences.length / 3; i++) link(metaOccurrences, i, bodyCount + i, metaFirst, metaLast);
    const pageFields = Object.keys(page.meta).map((field) => fieldNumber.get(field)!);
    for (const t of touched) {
      let count = 0;
      for (let at = bodyFirst[t]!; at >= 0; at = next[at]!) {
        places = room(places, count * 2 + 2);
        places[count * 2] = occurrences[at * 3 + 1]!;
        places[count * 2 + 1] = occurrences[at * 3 + 2]!;
        count++;
      }
      locations = room(locations, count * 2);
      const locationCount = count ? packLocations(places, count, locations) : 0;
      count = 0;
      for (let at = metaFirst[t]!; at >= 0; at = next[at]!) {
        const i = at - bodyCount;
        places = room(places, count * 2 + 2);
        places[count * 2] = pageFields[metaOccurrences[i * 3 + 1]!]!;
        places[count * 2 + 1] = metaOccurrences[i * 3 + 2]!;
        count++;
      }
      metaLocations = room(metaLocations, count * 2);
      const metaCount = count ? packMetaLocations(places, count, metaLocations) : 0;
      lists.addEntry(t, number, locations, locationCount, metaLocations, metaCount);
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
    // The file's content in one buffer, the signature first; Pagefind names it by the hash of the JSON.
    const file = Buffer.from(PAGEFIND_SIGNATURE + json);
    fragments.push({ name: shortName(language, pagefindHash(file.subarray(SIGNATURE_LENGTH)), fragmentNames), file, wordCount: page.wordCount });
  });

  // Chunks of sorted words, each closed once its words' pages hold `chunkSize` numbers or more.
  const sorted = lists.stems.map((_, s) => s).sort((a, b) => compareCodePoints(lists.stems[a]!, lists.stems[b]!));
  const chunks: number[][] = [];
  let chunk: number[] = [];
  let size = 0;
  for (const s of sorted) {
    const own = lists.own[s]!;
    if (own >= 0) size += lists.size[own]!;
    // Pagefind 1.6 counts each variant too, its pages and one more (merge.ts, listPositions).
    for (const t of lists.variants[s]!) size += lists.size[t]! + 1;
    chunk.push(s);
    if (size >= chunkSize) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length) chunks.push(chunk);
  const bounds = chunks.map((stems) => ({ from: lists.stems[stems[0]!]!, to: lists.stems[stems.at(-1)!]! }));
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
    const out = new CborWriter(true);
    out.head(4, 1);
    out.head(4, words.length);
    for (const s of words) {
      out.head(4, 3);
      out.text(lists.stems[s]!);
      lists.writeList(out, lists.own[s]!);
      out.head(4, lists.variants[s]!.length);
      for (const t of lists.variants[s]!) {
        out.head(4, 2);
        out.text(lists.form[t]!);
        lists.writeList(out, t);
      }
    }
    const content = out.content();
    // Pagefind hashes the CBOR without the signature the file starts with.
    const name = shortName(language, pagefindHash(content.subarray(SIGNATURE_LENGTH)), chunkNames);
    if (options.plainChunks) writeFileSync(path.join(dir, "index", `${name}.pf_index`), content);
    else write(`index/${name}.pf_index`, content);
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
  for (const fragment of fragments) write(`fragment/${fragment.name}.pf_fragment`, fragment.file);
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
  return { pages: pages.length, words: lists.stems.length, pageWords, hash };
}

/**
 * One Pagefind bundle from several. Pagefind's process indexes on one core, and
 * at 5,000 documents it is most of the search phase (docs/search.md, "The index
 * build's cost"), so a large site's records are cut into consecutive slices, each
 * indexed by a Pagefind process of its own at the same time, and the bundles
 * they write are joined here into the bundle one process would have written:
 * the same pages in the same order, the same words with the same postings, the
 * same filters and sort orders. The word index is then cut where Pagefind would
 * have cut it (`pagefindChunks`), and within those chunks as chunks.ts cuts
 * Pagefind's own (`cutChunk`): the chunk table one process's bundle gets.
 *
 * What the join relies on, read in Pagefind 1.6's files (all "pagefind_dcd" then CBOR, gzip-compressed; the word
 * chunks of a slice Lysark's writer wrote are not compressed, as only this join reads them):
 * - metadata: [version, pages, chunks, filters, sorts, meta fields]; a page is
 *   [fragment name, word count, fragment group]; meta fields are sorted by name;
 * - a word: [word, pages, variants], a variant [word, pages]; a page of a word is
 *   [page number minus the one before it in the list, locations, metadata locations],
 *   and a metadata location list holds -(field + 1) before each field's positions;
 * - a filter: [name, [[value, [page…]]…]] with page numbers as they are;
 * - a sort: [name, [page…]], the pages in ascending order of their values.
 * A part's numbers are offset by the pages of the parts before it; nothing else
 * in a word's postings depends on another page.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { constants, gunzip, gunzipSync, gzip } from "node:zlib";
import { eventLoopTurns } from "../content/event-loop-turns.ts";
import {
  array,
  arrayItems,
  cborEnd,
  cborHead,
  closeGaps,
  hashedName,
  header,
  packPagefindFile,
  pagefindContent,
  pagefindPayload,
  readPagefindFile,
  shortestPrefixAfter,
  splitChunk,
  stringAt,
  text,
} from "./chunks.ts";

// zlib's asynchronous calls run on libuv's threads: the chunks are (de)compressed on every core.
const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

/** Index chunks being packed at one time when a joined bundle is written (gzip runs on libuv's threads). */
const PACKED_AT_ONCE = 4;
/** Whether `bytes` are gzip's: a slice of Lysark's writer keeps its word chunks uncompressed (index-writer.ts, `plainChunks`). */
const isGzip = (bytes: Buffer) => bytes[0] === 0x1f && bytes[1] === 0x8b;
/** A slice's word chunk, read for its CBOR: compressed (Pagefind's own slices) or not (the writer's). */
const readChunk = async (file: string) => {
  const bytes = readFileSync(file);
  return pagefindPayload(isGzip(bytes) ? await gunzipAsync(bytes) : bytes, file);
};
const readChunkSync = (file: string) => {
  const bytes = readFileSync(file);
  return isGzip(bytes) ? readPagefindFile(file, bytes) : pagefindPayload(bytes, file);
};
const packAsync = (cbor: Buffer) => gzipAsync(pagefindContent(cbor));

/**
 * One word chunk of a part. Its bytes are read when the part is added, for its words, and let go of; `finish`
 * reads them again from the part's folder (left in place until then) while it writes the words they hold, and
 * lets go of them once the words written are past the chunk's last. Held from `add` to `finish`, every part's
 * chunks were about 140 MiB outside the heap at the end of a 20,000-document build (docs/performance-log.md).
 */
class PartChunk {
  private held: Buffer | undefined;
  /** Its length decompressed, to know the file read again for the one read first. */
  private readonly size: number;
  /** The chunk's last word: `finish` needs its bytes no more once the words it writes are past it. */
  last = "";

  constructor(
    readonly file: string,
    bytes: Buffer,
  ) {
    this.held = bytes;
    this.size = bytes.length;
  }

  /** The chunk's bytes, read again from its file when they were let go of. */
  get bytes(): Buffer {
    if (this.held) return this.held;
    const bytes = readChunkSync(this.file);
    if (bytes.length !== this.size) throw new Error(`${this.file}: changed while the search index was being joined`);
    this.held = bytes;
    return bytes;
  }

  release(): void {
    this.held = undefined;
  }
}

interface Entry {
  version: string;
  languages: Record<string, { hash: string; wasm?: string | null; page_count: number }>;
}

interface Part {
  dir: string;
  meta: Buffer;
  fields: Array<[number, number]>;
  pages: Array<Array<[number, number]>>;
  /** Page number of this part's first page in the joined bundle. */
  offset: number;
  /** The part's meta field numbers → the joined bundle's (undefined when they are the same). */
  fieldMap: number[] | undefined;
  /** The joined bundle's names of this part's pages. */
  names: string[];
}

/** A word's page list in one part: where it is in a chunk, and how many pages it has. */
interface PageList {
  part: Part;
  chunk: PartChunk;
  start: number;
  end: number;
  count: number;
  /** Where its first item starts. */
  items: number;
  /** Its size in Pagefind's own count (`positions`), found when it is read, while later slices are still being indexed. */
  positions: number;
}

interface WordPostings {
  pages: PageList[];
  /** Each variant's page lists, in the order the parts first met the variant. */
  variants: Map<string, PageList[]>;
}

/** The URL a fragment file starts with, read from its first bytes only. */
function fragmentUrl(file: string): string {
  const fd = openSync(file, "r");
  const compressed = Buffer.alloc(2048);
  const size = readSync(fd, compressed, 0, compressed.length, 0);
  closeSync(fd);
  const start = gunzipSync(compressed.subarray(0, size), { finishFlush: constants.Z_SYNC_FLUSH }).toString("utf8");
  const match = /^pagefind_dcd\{"url":("(?:[^"\\]|\\.)*")/.exec(start);
  if (!match) throw new Error(`${file}: no URL at the start of a Pagefind fragment`);
  return JSON.parse(match[1]!) as string;
}

const readJson = <T>(file: string) => JSON.parse(readFileSync(file, "utf8")) as T;

/** Orders two strings by code point, as Pagefind (Rust, UTF-8 bytes) does; `<` orders UTF-16 units. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after U+E000–U+FFFF.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** A part's metadata file (`hash` from its entry file), its pages numbered from `offset` in the joined bundle. */
function readPart(dir: string, hash: string, offset: number): Part {
  const meta = readPagefindFile(path.join(dir, `pagefind.${hash}.pf_meta`));
  const fields = arrayItems(meta, 0);
  if (fields.length !== 6) throw new Error(`${dir}: not the metadata layout of Pagefind 1.6`);
  const pages = arrayItems(meta, fields[1]![0]).map(([start]) => arrayItems(meta, start));
  return { dir, meta, fields, pages, offset, fieldMap: undefined, names: [] };
}

function readPageList(part: Part, chunk: PartChunk, bytes: Buffer, [start, end]: [number, number]): PageList {
  const head = cborHead(bytes, start);
  return { part, chunk, start, end, count: head.value, items: head.head, positions: listPositions(bytes, head.head, end) };
}

/** The page number of a list's last page, relative to its part: the sum of its deltas. */
function lastPage({ chunk, items, end }: PageList): number {
  const bytes = chunk.bytes;
  let last = 0;
  for (let at = items; at < end; at = cborEnd(bytes, at)) last += cborHead(bytes, cborHead(bytes, at).head).value;
  return last;
}

function uint(value: number): Buffer {
  return header(0, value);
}

/** A page item with its delta replaced and its metadata locations renumbered by `fieldMap`. */
function rewriteItem(bytes: Buffer, [start, end]: [number, number], delta: number | undefined, fieldMap: number[] | undefined): Buffer {
  const [deltaAt, locsAt, metaAt] = arrayItems(bytes, start);
  const parts: Buffer[] = [bytes.subarray(start, cborHead(bytes, start).head)];
  parts.push(delta === undefined ? bytes.subarray(deltaAt![0], deltaAt![1]) : uint(delta));
  parts.push(bytes.subarray(locsAt![0], locsAt![1]));
  if (!fieldMap) parts.push(bytes.subarray(metaAt![0], end));
  else {
    const locs = arrayItems(bytes, metaAt![0]);
    parts.push(header(4, locs.length));
    for (const [at, to] of locs) {
      const item = cborHead(bytes, at);
      // A negative number -(field + 1) is CBOR type 1 with the argument `field`.
      parts.push(item.type === 1 ? header(1, fieldMap[item.value]!) : bytes.subarray(at, to));
    }
  }
  return Buffer.concat(parts);
}

/** The page lists of one word (or variant) from every part that has it, as one list. */
function joinPageLists(lists: PageList[]): Buffer {
  const first = lists[0]!;
  if (lists.length === 1 && first.part.offset === 0 && !first.part.fieldMap) return first.chunk.bytes.subarray(first.start, first.end);
  const out: Buffer[] = [
    header(
      4,
      lists.reduce((sum, list) => sum + list.count, 0),
    ),
  ];
  let previous = 0;
  lists.forEach((list, i) => {
    const { items, end, part } = list;
    if (!list.count) return;
    const bytes = list.chunk.bytes;
    // Only a list's first page changes its delta: it now follows the last page of the list before.
    const firstEnd = cborEnd(bytes, items);
    const delta = cborHead(bytes, cborHead(bytes, items).head).value + part.offset - previous;
    if (delta === cborHead(bytes, cborHead(bytes, items).head).value && !part.fieldMap) out.push(bytes.subarray(items, end));
    else {
      out.push(rewriteItem(bytes, [items, firstEnd], delta, part.fieldMap));
      if (!part.fieldMap) out.push(bytes.subarray(firstEnd, end));
      else
        for (let at = firstEnd; at < end; ) {
          const next = cborEnd(bytes, at);
          out.push(rewriteItem(bytes, [at, next], undefined, part.fieldMap));
          at = next;
        }
    }
    if (i < lists.length - 1) previous = part.offset + lastPage(list);
  });
  return Buffer.concat(out);
}

function wordEntry(word: string, postings: WordPostings): Buffer {
  const variants = [...postings.variants].map(([variant, lists]) => array([text(variant), joinPageLists(lists)]));
  return array([text(word), joinPageLists(postings.pages), array(variants)]);
}

/**
 * Pagefind's own count of a page list's size (its `chunk_index`): for each page, its locations and
 * metadata locations, plus one. Pagefind 1.6 adds a word's variants, each its pages plus one: read
 * off the 306 chunks one process wrote for the N = 5000 bench records, where every chunk but the last
 * ends with the word that brings this count to 20,000.
 */
function listPositions(bytes: Buffer, items: number, end: number): number {
  let total = 0;
  for (let at = items; at < end; ) {
    // A page: [delta, locations, metadata locations]; only the two arrays' lengths count.
    const locations = cborEnd(bytes, cborHead(bytes, at).head);
    const meta = cborEnd(bytes, locations);
    total += cborHead(bytes, locations).value + cborHead(bytes, meta).value + 1;
    at = cborEnd(bytes, meta);
  }
  return total;
}

const positions = (lists: readonly PageList[]) => lists.reduce((total, list) => total + list.positions, 0);

/** Pagefind's default chunk size, in its own count (positions). */
const PAGEFIND_CHUNK_POSITIONS = 20_000;

/**
 * The chunks Pagefind would cut the joined words into (its `chunk_index` and `chunk_meta`): a chunk ends
 * with the word that brings its positions to PAGEFIND_CHUNK_POSITIONS, and starts at the shortest prefix
 * of its first word that sorts after the word before. chunks.ts cuts within them, as it cuts Pagefind's
 * own, so a query word loads the words it loads from a bundle one process wrote: a heavy word and the
 * words it starts ("i", then "idag" … "iverksted") are cut where Pagefind cut them, not all in one chunk.
 */
function pagefindChunks(sorted: readonly string[], postings: Map<string, WordPostings>): Array<{ words: string[]; from: string }> {
  const chunks: Array<{ words: string[]; from: string }> = [];
  let current: string[] = [];
  let size = 0;
  for (const word of sorted) {
    const { pages, variants } = postings.get(word)!;
    size += positions(pages);
    for (const lists of variants.values()) size += positions(lists) + 1;
    current.push(word);
    if (size >= PAGEFIND_CHUNK_POSITIONS) {
      chunks.push({ words: current, from: "" });
      current = [];
      size = 0;
    }
  }
  if (current.length) chunks.push({ words: current, from: "" });
  chunks.forEach((chunk, i) => {
    chunk.from = i === 0 ? "" : shortestPrefixAfter(chunk.words[0]!, chunks[i - 1]!.words.at(-1)!);
  });
  return chunks;
}

/** The first word of each chunk Pagefind would cut the words of `bundles` into, joined (for tests). */
export async function pagefindChunkStarts(bundles: readonly string[]): Promise<string[]> {
  let offset = 0;
  const parts = bundles.map((dir) => {
    const part = readPart(dir, Object.values(readJson<Entry>(path.join(dir, "pagefind-entry.json")).languages)[0]!.hash, offset);
    offset += part.pages.length;
    return part;
  });
  const postings = new Map<string, WordPostings>();
  for (const part of parts) readPartWords(part, await readPartChunks(part), postings);
  return pagefindChunks([...postings.keys()].sort(compareCodePoints), postings).map(({ words }) => words[0]!);
}

/** One part's word chunks, decompressed (on libuv's threads). */
function readPartChunks(part: Part): Promise<PartChunk[]> {
  return Promise.all(
    arrayItems(part.meta, part.fields[2]![0]).map(async ([start]) => {
      const file = path.join(part.dir, "index", `${stringAt(part.meta, arrayItems(part.meta, start)[2]![0])}.pf_index`);
      return new PartChunk(file, await readChunk(file));
    }),
  );
}

/** One part's words, from its chunks, into `words`, after those of the parts before it; each chunk's bytes are let go of after. */
function readPartWords(part: Part, chunks: readonly PartChunk[], words: Map<string, WordPostings>): void {
  for (const chunk of chunks) {
    const bytes = chunk.bytes;
    for (const [at] of arrayItems(bytes, arrayItems(bytes, 0)[0]![0])) {
      const [wordAt, pagesAt, variantsAt] = arrayItems(bytes, at);
      const word = stringAt(bytes, wordAt![0]);
      chunk.last = word;
      let postings = words.get(word);
      if (!postings) {
        postings = { pages: [], variants: new Map() };
        words.set(word, postings);
      }
      const pages = readPageList(part, chunk, bytes, pagesAt!);
      if (pages.count) postings.pages.push(pages);
      for (const [variantStart] of arrayItems(bytes, variantsAt![0])) {
        const [nameAt, listAt] = arrayItems(bytes, variantStart);
        const name = stringAt(bytes, nameAt![0]);
        const lists = postings.variants.get(name) ?? [];
        lists.push(readPageList(part, chunk, bytes, listAt!));
        postings.variants.set(name, lists);
      }
    }
    chunk.release();
  }
}

/** The pages of each value of each filter, every part's numbers offset. */
function joinFilters(parts: Part[], bundle: string, language: string): Buffer {
  const filters = new Map<string, Map<string, number[]>>();
  for (const part of parts) {
    for (const [start] of arrayItems(part.meta, part.fields[3]![0])) {
      const [nameAt, hashAt] = arrayItems(part.meta, start);
      const name = stringAt(part.meta, nameAt![0]);
      const file = readPagefindFile(path.join(part.dir, "filter", `${stringAt(part.meta, hashAt![0])}.pf_filter`));
      const values = filters.get(name) ?? new Map<string, number[]>();
      filters.set(name, values);
      for (const [valueStart] of arrayItems(file, arrayItems(file, 0)[1]![0])) {
        const [valueAt, pagesAt] = arrayItems(file, valueStart);
        const value = stringAt(file, valueAt![0]);
        const pages = values.get(value) ?? [];
        for (const [at] of arrayItems(file, pagesAt![0])) pages.push(cborHead(file, at).value + part.offset);
        values.set(value, pages);
      }
    }
  }
  mkdirSync(path.join(bundle, "filter"), { recursive: true });
  const rows: Buffer[] = [];
  for (const name of [...filters.keys()].sort(compareCodePoints)) {
    const values = [...filters.get(name)!].sort(([a], [b]) => compareCodePoints(a, b));
    const packed = packPagefindFile(array([text(name), array(values.map(([value, pages]) => array([text(value), array(pages.map(uint))])))]));
    const hash = hashedName(language, packed, 7);
    writeFileSync(path.join(bundle, "filter", `${hash}.pf_filter`), packed);
    rows.push(array([text(name), text(hash)]));
  }
  return array(rows);
}

/** Pagefind orders a sort key's values as numbers when every one is a number, else as text. */
function valueOrder(values: Iterable<string>): (a: string, b: string) => number {
  for (const value of values) if (value.trim() === "" || !Number.isFinite(Number(value))) return compareCodePoints;
  return (a, b) => Number(a) - Number(b);
}

/**
 * Each sort key's pages in ascending order of their values: the parts' own orders
 * merged, a tie going to the lower page number (the earlier part).
 */
function joinSorts(parts: Part[], sortValue: (page: number, key: string) => string): Buffer {
  const orders = new Map<string, number[][]>();
  for (const part of parts) {
    for (const [start] of arrayItems(part.meta, part.fields[4]![0])) {
      const [nameAt, pagesAt] = arrayItems(part.meta, start);
      const name = stringAt(part.meta, nameAt![0]);
      const lists = orders.get(name) ?? [];
      lists.push(arrayItems(part.meta, pagesAt![0]).map(([at]) => cborHead(part.meta, at).value + part.offset));
      orders.set(name, lists);
    }
  }
  const rows: Buffer[] = [];
  for (const [name, lists] of orders) {
    const values = new Map(lists.flat().map((page) => [page, sortValue(page, name)] as const));
    const compare = valueOrder(values.values());
    const merged = lists.flat().sort((a, b) => compare(values.get(a)!, values.get(b)!) || a - b);
    rows.push(array([text(name), array(merged.map(uint))]));
  }
  return array(rows);
}

export interface MergeStats {
  pages: number;
  words: number;
  chunks: number;
}

/**
 * Joins the bundles Pagefind wrote for consecutive slices of the records into
 * `bundle`, the bundle one process would have written. The parts are given one
 * at a time, in the order of the records they indexed, as soon as each is
 * written: each part's fragments are moved (not copied) and its words read
 * while later slices are still being indexed, so only the joined word index,
 * filters and metadata are left for `finish`.
 */
export class BundleJoin {
  private readonly parts: Part[] = [];
  private first: Entry | undefined;
  private language: string | undefined;
  private offset = 0;
  /** Fragment names in the joined bundle → their file. */
  private readonly moved = new Map<string, string>();
  /** Each page's URL, in the joined bundle's page order. */
  private readonly urls: string[] = [];
  private readonly words = new Map<string, WordPostings>();
  /** Every part's word chunks, for `finish` to let go of each once the words it writes are past it. */
  private readonly chunks: PartChunk[] = [];

  constructor(private readonly bundle: string) {
    mkdirSync(path.join(bundle, "fragment"), { recursive: true });
  }

  /**
   * The next part, written by Pagefind into `dir` (left there until `finish`, which reads its filters and files).
   * `urls`, when the caller knows them, are its pages' URLs in page order (a slice of Lysark's writer, which numbers
   * the pages as it was given them); otherwise each is read from the start of the page's fragment.
   */
  async add(dir: string, urls?: readonly string[]): Promise<void> {
    const part = this.begin(dir, urls);
    const chunks = await readPartChunks(part);
    readPartWords(part, chunks, this.words);
    this.chunks.push(...chunks);
  }

  /**
   * Every part at once: their chunks read at the same time, then every part's words. `turn` comes after each part's
   * step: the dev server joins on the thread that answers an edit, and its turns wait while the edit is written
   * (../editor/dev-site.ts), so neither the edit's steps wait behind a part nor the edit behind the whole join.
   */
  async addAll(dirs: readonly string[], urls: ReadonlyArray<readonly string[] | undefined> = [], turn = eventLoopTurns()): Promise<void> {
    const parts: Part[] = [];
    for (const [k, dir] of dirs.entries()) {
      parts.push(this.begin(dir, urls[k]));
      await turn();
    }
    const chunks = await Promise.all(parts.map(readPartChunks));
    for (const [i, part] of parts.entries()) {
      readPartWords(part, chunks[i]!, this.words);
      this.chunks.push(...chunks[i]!);
      await turn();
    }
  }

  /** A part's metadata read and its fragments moved into the joined bundle; its words are read by the caller. */
  private begin(dir: string, urls?: readonly string[]): Part {
    const entry = readJson<Entry>(path.join(dir, "pagefind-entry.json"));
    const languages = Object.keys(entry.languages);
    this.language ??= languages[0];
    if (languages.length !== 1 || languages[0] !== this.language)
      throw new Error(`cannot merge Pagefind bundles of several languages (${[...new Set([this.language, ...languages])].join(", ")})`);
    const language = this.language!;
    this.first ??= entry;
    if (entry.version !== this.first.version || entry.languages[language]!.wasm !== this.first.languages[language]!.wasm)
      throw new Error("cannot merge Pagefind bundles of different versions or WebAssembly builds");
    const part = readPart(dir, entry.languages[language]!.hash, this.offset);
    this.offset += part.pages.length;
    this.parts.push(part);
    if (urls && urls.length !== part.pages.length) throw new Error(`${dir}: ${part.pages.length} pages, but ${urls.length} URLs were given for them`);

    // Pages: a fragment name another part already gave to a different fragment gets a suffix.
    const own = new Map<string, { unique: string; url: string }>();
    for (const [number, page] of part.pages.entries()) {
      const name = stringAt(part.meta, page[0]![0]);
      const known = own.get(name);
      if (known) {
        // Pages of one part with the same content share its name and file.
        part.names.push(known.unique);
        this.urls.push(known.url);
        continue;
      }
      const file = path.join(part.dir, "fragment", `${name}.pf_fragment`);
      // The first page's URL is read even when given: URLs given in another order would misplace every sort value.
      const url = urls && number > 0 ? urls[number]! : fragmentUrl(file);
      if (urls && number === 0 && url !== urls[0]) throw new Error(`${file}: the page of ${url}, but ${urls[0]} was given for it`);
      this.urls.push(url);
      let unique = name;
      for (let n = 1; this.moved.has(unique) && !readFileSync(this.moved.get(unique)!).equals(readFileSync(file)); n++) unique = `${name}${n}`;
      if (!this.moved.has(unique)) {
        const target = path.join(this.bundle, "fragment", `${unique}.pf_fragment`);
        renameSync(file, target);
        this.moved.set(unique, target);
      }
      own.set(name, { unique, url });
      part.names.push(unique);
    }
    return part;
  }

  /**
   * Writes the joined bundle once every part is added. `sortValue(url, key)` is the value of a sort key
   * of the page with that URL, which Pagefind's files do not keep.
   */
  async finish(sortValue: (url: string, key: string) => string): Promise<MergeStats> {
    const { parts, bundle, urls } = this;
    const language = this.language;
    if (!parts.length || !language) throw new Error("no Pagefind bundle to join");

    // Meta fields: every part's, sorted by name as Pagefind sorts them.
    const fieldsOf = (part: Part) => arrayItems(part.meta, part.fields[5]![0]).map(([at]) => stringAt(part.meta, at));
    const allFields = [...new Set(parts.flatMap(fieldsOf))].sort(compareCodePoints);
    for (const part of parts) {
      const own = fieldsOf(part);
      const map = own.map((field) => allFields.indexOf(field));
      if (map.some((to, from) => to !== from)) part.fieldMap = map;
    }

    // Words: every part's, in code point order, in the chunks Pagefind would cut, each cut as splitHeavyChunks cuts Pagefind's own.
    const postings = this.words;
    const sorted = [...postings.keys()].sort(compareCodePoints);
    mkdirSync(path.join(bundle, "index"), { recursive: true });
    // A chunk's entries are made when it is packed, and a few chunks packed at a time: every entry of the index at
    // once, and every chunk packed at once, were about 270 MiB outside the heap at the end of a 20,000-document
    // build's search phase, the process's highest point (docs/performance-log.md).
    const rows: Array<{ from: string; to: string; hash: string }> = [];
    const packing: Array<Promise<void>> = [];
    let failure: { error: unknown } | undefined;
    // The parts' chunks in the order the words leave them.
    const read = this.chunks.sort((a, b) => compareCodePoints(a.last, b.last));
    let passed = 0;
    for (const { words, from } of pagefindChunks(sorted, postings)) {
      const entries = words.map((word) => ({ word, entry: wordEntry(word, postings.get(word)!) }));
      for (const word of words) postings.delete(word);
      const last = words.at(-1)!;
      while (passed < read.length && compareCodePoints(read[passed]!.last, last) <= 0) read[passed++]!.release();
      for (const run of splitChunk(entries, from, last)) {
        const row = rows.push({ from: run.from, to: run.to, hash: "" }) - 1;
        packing.push(
          packAsync(array([array(run.entries)])).then(
            (packed) => {
              const hash = hashedName(language, packed, 7);
              writeFileSync(path.join(bundle, "index", `${hash}.pf_index`), packed);
              rows[row]!.hash = hash;
            },
            (error: unknown) => {
              failure ??= { error };
            },
          ),
        );
        if (packing.length >= PACKED_AT_ONCE) await packing.shift();
      }
    }
    await Promise.all(packing);
    if (failure) throw failure.error;
    const chunkRows = closeGaps(rows);

    const pageRows = parts.flatMap((part) =>
      part.pages.map((page, i) => array([text(part.names[i]!), part.meta.subarray(page[1]![0], page[1]![1]), part.meta.subarray(page[2]![0], page[2]![1])])),
    );
    const meta = await packAsync(
      array([
        parts[0]!.meta.subarray(parts[0]!.fields[0]![0], parts[0]!.fields[0]![1]),
        array(pageRows),
        array(chunkRows.map((row) => array([text(row.from), text(row.to), text(row.hash)]))),
        joinFilters(parts, bundle, language),
        joinSorts(parts, (page, key) => sortValue(urls[page]!, key)),
        array(allFields.map(text)),
      ]),
    );
    const metaHash = hashedName(language, meta, 10);
    writeFileSync(path.join(bundle, `pagefind.${metaHash}.pf_meta`), meta);

    // Everything else (pagefind.js, its worker, the WebAssembly) is the same in every part.
    for (const name of readdirSync(parts[0]!.dir, { withFileTypes: true })) {
      if (name.isFile() && !name.name.endsWith(".pf_meta") && name.name !== "pagefind-entry.json")
        renameSync(path.join(parts[0]!.dir, name.name), path.join(bundle, name.name));
    }
    const first = this.first!;
    const entry: Entry = { ...first, languages: { [language]: { ...first.languages[language]!, hash: metaHash, page_count: this.offset } } };
    writeFileSync(path.join(bundle, "pagefind-entry.json"), JSON.stringify(entry));
    return { pages: this.offset, words: sorted.length, chunks: chunkRows.length };
  }
}

/** Joins the Pagefind bundles in `partDirs`, in the order of the records they indexed, into `bundle` (BundleJoin). */
export async function mergeBundles(partDirs: readonly string[], bundle: string, sortValue: (url: string, key: string) => string): Promise<MergeStats> {
  const join = new BundleJoin(bundle);
  await join.addAll(partDirs);
  return join.finish(sortValue);
}

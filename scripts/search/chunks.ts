/**
 * Smaller word-index chunks for the Pagefind bundle. Pagefind cuts its sorted
 * word index into chunks of at least 20,000 word positions and a query loads
 * the chunk its word sorts into, whole. A very frequent word ("plan", "men")
 * has far more positions than that on its own, so the chunk around it grows to
 * 150–220 KB at 5,000 documents, and every rare word that sorts next to it
 * ("permafrost") costs as much. After Pagefind has written the bundle, each
 * such heavy word (with the words that extend it: "plan", "planen",
 * "planlegging") is moved into a chunk of its own, and the words before and
 * after it into theirs. Long runs of light words are cut too (LIGHT_RUN_BYTES),
 * only where no query word of three letters or more starts words on both
 * sides. The words and their postings are the bytes Pagefind wrote; only the
 * chunk table in the metadata file changes, so a query finds the words it
 * found before. See docs/search.md, "Size and cost" and "Second pass of issue 17".
 *
 * The files are "pagefind_dcd" followed by CBOR, gzip-compressed. Only the
 * outer arrays are read: each word's entry is copied as it is.
 */
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";

/** What every Pagefind data file starts with, once decompressed. */
export const PAGEFIND_SIGNATURE = "pagefind_dcd";
const SIGNATURE = Buffer.from(PAGEFIND_SIGNATURE);
/** A word whose entry (pages and positions) is larger than this, uncompressed, gets a chunk of its own. */
export const HEAVY_WORD_BYTES = 24 * 1024;
/**
 * A run of light words is cut when it grows past this, uncompressed (at a boundary CUT_PREFIX
 * allows): a rare word then loads about 5–10 KB of compressed postings instead of the 20–30 KB
 * of Pagefind's own chunks at 5,000 documents. Smaller runs cost more in the metadata file every
 * query loads (each chunk is a row there); docs/search.md has the measurements.
 */
export const LIGHT_RUN_BYTES = 16 * 1024;

/** The CBOR item at `offset`: its major type, its argument (length or value) and where its content starts. */
export function cborHead(bytes: Buffer, offset: number): { type: number; value: number; head: number } {
  const initial = bytes[offset]!;
  const info = initial & 31;
  if (info > 27) throw new Error(`unsupported CBOR item (indefinite length or reserved) at byte ${offset}`);
  // The argument follows the first byte in 0, 1, 2, 4 or 8 bytes.
  const size = info < 24 ? 0 : 2 ** (info - 24);
  let value = info;
  if (size === 1) value = bytes[offset + 1]!;
  else if (size === 2) value = bytes.readUInt16BE(offset + 1);
  else if (size === 4) value = bytes.readUInt32BE(offset + 1);
  else if (size === 8) value = Number(bytes.readBigUInt64BE(offset + 1));
  return { type: initial >> 5, value, head: offset + 1 + size };
}

/**
 * Where the CBOR item at `offset` ends. A loop over a count of items still to
 * skip, not a call per item: a chunk holds a few hundred thousand numbers, and
 * this walk over them was most of the split's time.
 */
export function cborEnd(bytes: Buffer, offset: number): number {
  let at = offset;
  for (let pending = 1; pending > 0; pending--) {
    const initial = bytes[at++]!;
    const type = initial >> 5;
    const info = initial & 31;
    let value = info;
    if (info === 24) value = bytes[at++]!;
    else if (info === 25) {
      value = (bytes[at]! << 8) | bytes[at + 1]!;
      at += 2;
    } else if (info === 26) {
      value = bytes.readUInt32BE(at);
      at += 4;
    } else if (info === 27) {
      value = Number(bytes.readBigUInt64BE(at));
      at += 8;
    } else if (info > 27) throw new Error(`unsupported CBOR item (indefinite length or reserved) at byte ${at - 1}`);
    if (type === 2 || type === 3) at += value;
    else if (type === 4) pending += value;
    else if (type === 5) pending += 2 * value;
    else if (type === 6) pending += 1;
  }
  return at;
}

/** The elements of the CBOR array at `offset`, as byte ranges. */
export function arrayItems(bytes: Buffer, offset: number): Array<[number, number]> {
  const array = cborHead(bytes, offset);
  if (array.type !== 4) throw new Error(`expected a CBOR array at byte ${offset}`);
  const items: Array<[number, number]> = [];
  let at = array.head;
  for (let i = 0; i < array.value; i++) {
    const end = cborEnd(bytes, at);
    items.push([at, end]);
    at = end;
  }
  return items;
}

export function header(type: number, value: number): Buffer {
  if (value < 24) return Buffer.from([(type << 5) | value]);
  if (value < 0x100) return Buffer.from([(type << 5) | 24, value]);
  if (value < 0x10000) return Buffer.from([(type << 5) | 25, value >> 8, value & 0xff]);
  const out = Buffer.alloc(5);
  out[0] = (type << 5) | 26;
  out.writeUInt32BE(value, 1);
  return out;
}

export const text = (value: string) => {
  const bytes = Buffer.from(value, "utf8");
  return Buffer.concat([header(3, bytes.length), bytes]);
};
export const array = (items: Buffer[]) => Buffer.concat([header(4, items.length), ...items]);

/** The CBOR of a Pagefind data file, decompressed (`raw`): what follows its signature. */
export function pagefindPayload(raw: Buffer, file: string): Buffer {
  if (!raw.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error(`${file} is not a Pagefind data file`);
  return raw.subarray(SIGNATURE.length);
}

export const readPagefindFile = (file: string, compressed = readFileSync(file)): Buffer => pagefindPayload(gunzipSync(compressed), file);

/** A Pagefind data file's bytes before compression: its signature, then `cbor`. */
export const pagefindContent = (cbor: Buffer) => Buffer.concat([SIGNATURE, cbor]);

export const packPagefindFile = (cbor: Buffer) => gzipSync(pagefindContent(cbor));

/** A data file's name as Pagefind gives it: the language, then the first `digits` hex digits of a SHA-256 of its bytes. */
export const hashedName = (language: string, bytes: Buffer, digits: number) =>
  `${language}_${createHash("sha256").update(bytes).digest("hex").slice(0, digits)}`;

export const stringAt = (bytes: Buffer, offset: number) => {
  const item = cborHead(bytes, offset);
  return bytes.subarray(item.head, item.head + item.value).toString("utf8");
};

interface Run {
  from: string;
  to: string;
  /** The run's first word. */
  first: string;
  entries: Buffer[];
  /** The entries' bytes, uncompressed. */
  bytes: number;
}

/** Letters two words side by side start with alike ("planen", "plass": 3). */
function sharedPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * A light run is cut only between words that share fewer letters than this at the start, so
 * every query word of this many letters or more finds all the words it starts in one chunk
 * (Pagefind loads one chunk per query word and matches its words by prefix).
 */
export const CUT_PREFIX = 3;

/** The shortest prefix of `word` that sorts after `previous` (`word` itself when none does sooner). */
export function shortestPrefixAfter(word: string, previous: string): string {
  let prefix = "";
  for (const letter of word) {
    prefix += letter;
    if (prefix > previous) return prefix;
  }
  return word;
}

/** The highest code point: no query word holds it, so it sorts after every letter. */
const HIGHEST = String.fromCodePoint(0x10ffff);

/**
 * A string that sorts just before `bound` and after every query word that does: `bound` with its
 * last letter one lower, then the highest code point ("plan" → "plam\u{10FFFF}"). Pagefind
 * compares the bytes of UTF-8 strings, which orders them as JavaScript orders code points.
 */
export function justBefore(bound: string): string {
  const letters = Array.from(bound);
  const last = letters.pop();
  if (last === undefined) return "";
  let code = last.codePointAt(0)! - 1;
  // A lone surrogate is no character: step below the surrogates.
  if (code >= 0xd800 && code <= 0xdfff) code = 0xd7ff;
  return code < 0 ? letters.join("") : `${letters.join("")}${String.fromCodePoint(code)}${HIGHEST}`;
}

/**
 * The chunk table with no gaps: each chunk ends just before the next one starts, the first starts
 * at the empty string and the last ends after every word. Pagefind loads, for each query word,
 * the first chunk with `from ≤ word ≤ to`; its own ends are the shortest prefix of a chunk's last
 * word ("aldreb" for "aldreboend"), so a query for that word, or for a longer unstemmed form of a
 * chunk's last word ("pladset" after "plads"), fell between two chunks and loaded the next one
 * (146 KB of "plan" at N = 5000), or none. `from` is never changed: Pagefind's own is already the
 * shortest prefix of the chunk's first word that sorts after the last word before it.
 */
export function closeGaps<T extends { from: string; to: string }>(chunks: readonly T[]): T[] {
  return chunks.map((chunk, i) => ({
    ...chunk,
    from: i === 0 ? "" : chunk.from,
    to: i === chunks.length - 1 ? HIGHEST : justBefore(chunks[i + 1]!.from),
  }));
}

/**
 * The runs one chunk is cut into: each heavy word with the words after it that
 * start with it, and the light words between. Each run after the first starts
 * at the shortest prefix of its first word that sorts after the run before;
 * the ends are closed up to the next start for the whole table (`closeGaps`).
 */
export function cutChunk(
  words: Array<{ word: string; entry: Buffer }>,
  from: string,
  to: string,
  heavyBytes = HEAVY_WORD_BYTES,
  runBytes = LIGHT_RUN_BYTES,
): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  for (let i = 0; i < words.length; i++) {
    const { word, entry } = words[i]!;
    if (entry.length <= heavyBytes) {
      // A light run that would grow past runBytes ends here, where no query word of CUT_PREFIX
      // letters or more can start words on both sides.
      if (current && current.bytes + entry.length > runBytes && sharedPrefix(current.to, word) < CUT_PREFIX) current = undefined;
      current ??= { from: "", to: "", first: word, entries: [], bytes: 0 };
      if (!current.entries.length) runs.push(current);
      current.entries.push(entry);
      current.bytes += entry.length;
      current.to = word;
      continue;
    }
    const heavy: Run = { from: "", to: word, first: word, entries: [entry], bytes: entry.length };
    while (i + 1 < words.length && words[i + 1]!.word.startsWith(word)) {
      i++;
      heavy.entries.push(words[i]!.entry);
      heavy.bytes += words[i]!.entry.length;
      heavy.to = words[i]!.word;
    }
    runs.push(heavy);
    current = undefined;
  }
  // Boundaries: the first run starts where the chunk did, each next one at the shortest prefix of
  // its first word that sorts after the last word of the run before (as Pagefind bounds its own
  // chunks); the last ends where the chunk did or at its last word, whichever is later. Each run's
  // end is then moved up to just before the next chunk's start (closeGaps), so that no word, and
  // no query for a word's longer form ("pladset" for the stem "plads"), falls between two chunks.
  runs.forEach((run, i) => {
    run.from = i === 0 ? from : shortestPrefixAfter(run.first, runs[i - 1]!.to);
  });
  const last = runs.at(-1);
  if (last && to > last.to) last.to = to;
  return runs;
}

/**
 * The runs one of Pagefind's chunks (its words in order, from `from` to `to`) is cut into: `cutChunk`'s
 * when the chunk holds a heavy word or more than a light run's bytes, else one run, the chunk whole.
 */
export function splitChunk(
  words: Array<{ word: string; entry: Buffer }>,
  from: string,
  to: string,
  heavyBytes = HEAVY_WORD_BYTES,
  runBytes = LIGHT_RUN_BYTES,
): Run[] {
  const total = words.reduce((sum, word) => sum + word.entry.length, 0);
  if (total > runBytes || words.some((word) => word.entry.length > heavyBytes)) return cutChunk(words, from, to, heavyBytes, runBytes);
  return [{ from, to, first: words[0]?.word ?? from, entries: words.map((word) => word.entry), bytes: total }];
}

export interface ChunkSplit {
  /** Index chunks before and after. */
  before: number;
  after: number;
  /** Heavy words given a chunk of their own. */
  heavyWords: string[];
}

/** Splits the heavy words of `bundle` (a Pagefind output folder) into chunks of their own, and closes the chunk table's gaps, in place. */
export function splitHeavyChunks(bundle: string, heavyBytes = HEAVY_WORD_BYTES, runBytes = LIGHT_RUN_BYTES): ChunkSplit {
  const entryFile = path.join(bundle, "pagefind-entry.json");
  const entry = JSON.parse(readFileSync(entryFile, "utf8")) as { languages: Record<string, { hash: string }> };
  const split: ChunkSplit = { before: 0, after: 0, heavyWords: [] };
  for (const [language, info] of Object.entries(entry.languages)) {
    const metaFile = path.join(bundle, `pagefind.${info.hash}.pf_meta`);
    const meta = readPagefindFile(metaFile);
    const fields = arrayItems(meta, 0);
    // Field 2 of the metadata: the chunk table, [from, to, hash] per chunk.
    const table = arrayItems(meta, fields[2]![0]);
    const rows: Array<{ from: string; to: string; hash: string }> = [];
    const original: typeof rows = [];
    for (const [start] of table) {
      const [fromAt, toAt, hashAt] = arrayItems(meta, start).map(([at]) => at);
      const [from, to, hash] = [stringAt(meta, fromAt!), stringAt(meta, toAt!), stringAt(meta, hashAt!)];
      original.push({ from, to, hash });
      split.before++;
      const chunkFile = path.join(bundle, "index", `${hash}.pf_index`);
      const compressed = readFileSync(chunkFile);
      // Left as it is, without decompressing: a chunk whose whole uncompressed size (the gzip trailer's
      // last four bytes) is no more than a light run's. Not by its compressed size: merge.ts cuts the
      // chunks of a joined bundle by the same rule without compressing them first.
      if (compressed.readUInt32LE(compressed.length - 4) <= Math.min(heavyBytes, runBytes)) {
        rows.push({ from, to, hash });
        continue;
      }
      const chunk = readPagefindFile(chunkFile, compressed);
      const chunkFields = arrayItems(chunk, 0);
      const words = arrayItems(chunk, chunkFields[0]![0]).map(([at, end]) => ({
        word: stringAt(chunk, arrayItems(chunk, at)[0]![0]),
        entry: chunk.subarray(at, end),
      }));
      const runs = splitChunk(words, from, to, heavyBytes, runBytes);
      if (runs.length < 2) {
        rows.push({ from, to, hash });
        continue;
      }
      const rest = chunkFields.slice(1).map(([at, end]) => chunk.subarray(at, end));
      for (const run of runs) {
        if (run.entries.length === 1 && run.entries[0]!.length > heavyBytes) split.heavyWords.push(run.to);
        const packed = packPagefindFile(Buffer.concat([header(4, chunkFields.length), array(run.entries), ...rest]));
        const runHash = hashedName(language, packed, 7);
        writeFileSync(path.join(bundle, "index", `${runHash}.pf_index`), packed);
        rows.push({ from: run.from, to: run.to, hash: runHash });
      }
      rmSync(chunkFile);
    }
    const closed = closeGaps(rows);
    split.after += closed.length;
    if (
      closed.length === original.length &&
      closed.every((row, i) => row.from === original[i]!.from && row.to === original[i]!.to && row.hash === original[i]!.hash)
    )
      continue;
    const chunks = closed.map((row) => array([text(row.from), text(row.to), text(row.hash)]));
    const newMeta = packPagefindFile(
      Buffer.concat([header(4, fields.length), ...fields.map(([at, end], i) => (i === 2 ? array(chunks) : meta.subarray(at, end)))]),
    );
    // The metadata file is named by a hash of its content: a new content, a new name.
    const metaHash = hashedName(language, newMeta, 10);
    writeFileSync(path.join(bundle, `pagefind.${metaHash}.pf_meta`), newMeta);
    if (metaHash !== info.hash) rmSync(metaFile);
    info.hash = metaHash;
  }
  writeFileSync(entryFile, JSON.stringify(entry));
  return split;
}

/** The chunk table of each language's metadata, and the words and entries of each chunk (for tests and the benchmark). */
export function chunkTable(bundle: string): Array<{ from: string; to: string; hash: string; words: string[]; entries: Buffer[] }> {
  const entry = JSON.parse(readFileSync(path.join(bundle, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { hash: string }> };
  return Object.values(entry.languages).flatMap((info) => {
    const meta = readPagefindFile(path.join(bundle, `pagefind.${info.hash}.pf_meta`));
    return arrayItems(meta, arrayItems(meta, 0)[2]![0]).map(([start]) => {
      const [from, to, hash] = arrayItems(meta, start).map(([at]) => stringAt(meta, at));
      const chunk = readPagefindFile(path.join(bundle, "index", `${hash}.pf_index`));
      const items = arrayItems(chunk, arrayItems(chunk, 0)[0]![0]);
      const words = items.map(([at]) => stringAt(chunk, arrayItems(chunk, at)[0]![0]));
      // Each word's whole entry (the word, its pages and positions), as written.
      const entries = items.map(([at, end]) => chunk.subarray(at, end));
      return { from: from!, to: to!, hash: hash!, words, entries };
    });
  });
}

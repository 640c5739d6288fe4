/**
 * Search records' slide texts on disk during a build. A record's parts (every
 * slide's title, text and topic labels) are most of its weight, about 20 KB a
 * document, and only Pagefind's phase near the end of the build reads them;
 * so the build writes each record's parts to one spool file as the model makes
 * the record, and the model keeps the rest (id, URL, title, meta, filters,
 * sort, head: what the search page's facets and the cache key need). Reading
 * `parts` reads them back; nothing holds every record's parts at once.
 *
 * The spool is not a cache: it lives beside the staging folder for one build
 * and is removed with it. Each read is checked against the hash taken when it
 * was written, so a spool changed underneath the build stops it instead of
 * indexing other text. The dev server and small callers keep records whole.
 */
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { RECORD_HASH, type SearchPart, type SearchRecord } from "./records.ts";

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

export class RecordSpoolError extends Error {}

/**
 * Where a spooled record's parts are: in its spool file, or (`whole`) in the record cache's entry for it,
 * whose bytes there are the whole record's JSON. `partsHash` is the SHA-256 of those bytes.
 */
export interface SpoolPlace {
  file: string;
  at: number;
  length: number;
  partsHash: string;
  whole?: true;
}
const SPOOL_PLACE = Symbol("spool place");

/**
 * Set by the record cache (./record-cache.ts) on a record it read or wrote: where its entry holds it.
 * The spool then names that entry instead of writing the parts again (a second JSON text and hash of
 * every record on the main thread, and a second copy on disk).
 */
export const CACHE_ENTRY_PLACE: unique symbol = Symbol("lysark.recordCacheEntry");

/**
 * A record as it crosses to another thread (the search index is built on one, ../build/search-thread.ts):
 * its own fields without `parts`, and either the parts themselves or where they are in the spool.
 */
export interface PortableRecord {
  fields: Omit<SearchRecord, "parts">;
  hash: string | undefined;
  parts?: SearchPart[];
  spooled?: SpoolPlace;
}

/** A record that was not spooled, from its `portableRecord`. */
export function recordFromPortable(portable: PortableRecord): SearchRecord {
  const record = { ...portable.fields, parts: portable.parts ?? [] } as SearchRecord;
  if (portable.hash) Object.defineProperty(record, RECORD_HASH, { value: portable.hash });
  return record;
}

/** `record` as plain data for another thread; a spooled record's parts are not read. */
export function portableRecord(record: SearchRecord): PortableRecord {
  const fields: Record<string, unknown> = {};
  // Key by key rather than a spread, which would read (and copy) the spooled parts.
  for (const key of Object.keys(record)) if (key !== "parts") fields[key] = record[key as keyof SearchRecord];
  const spooled = (record as { [SPOOL_PLACE]?: SpoolPlace })[SPOOL_PLACE];
  return {
    fields: fields as Omit<SearchRecord, "parts">,
    hash: record[RECORD_HASH],
    ...(spooled ? { spooled } : { parts: record.parts }),
  };
}

export class RecordSpool {
  private fd: number | undefined;
  private size = 0;

  /** `file` is made afresh, or with `reading`, an existing spool is opened to read the records of `portableRecord`. */
  constructor(
    readonly file: string,
    reading = false,
  ) {
    if (!reading) mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, reading ? "r" : "w+");
  }

  /** Writes `record`'s parts to the spool and returns the record without them in memory. */
  put(record: SearchRecord): SearchRecord {
    // Already read from disk when asked for (a record pass 1 made, in its cache entry): nothing to write or drop.
    if ((record as { [SPOOL_PLACE]?: SpoolPlace })[SPOOL_PLACE]) return record;
    const entry = (record as { [CACHE_ENTRY_PLACE]?: SpoolPlace })[CACHE_ENTRY_PLACE];
    if (entry) {
      const { parts: _parts, ...rest } = record;
      return this.spooled(rest, entry, recordHashOf(record));
    }
    const fd = this.openFd();
    const { parts, ...rest } = record;
    const bytes = Buffer.from(JSON.stringify(parts));
    const at = this.size;
    const length = bytes.length;
    for (let written = 0; written < length; ) written += writeSync(fd, bytes, written, length - written, at + written);
    this.size += length;
    // The whole record's hash, as if it were in memory: the search cache's key is the same either way.
    return this.spooled(rest, { file: this.file, at, length, partsHash: sha256(bytes) }, recordHashOf(record));
  }

  /** The record of another thread's `portableRecord` that was spooled here: its parts are read from this spool. */
  record(portable: PortableRecord): SearchRecord {
    if (portable.spooled?.whole) return recordFromEntry(portable);
    if (portable.spooled?.file !== this.file) throw new RecordSpoolError(`The search record ${portable.fields.id} is not in ${this.file}.`);
    return this.spooled({ ...portable.fields }, portable.spooled, portable.hash);
  }

  private spooled(rest: Omit<SearchRecord, "parts">, place: SpoolPlace, recordHash: string | undefined): SearchRecord {
    return place.whole
      ? withParts(rest, place, recordHash)
      : withParts(rest, place, recordHash, () => this.read(rest.id, place.at, place.length, place.partsHash));
  }

  private read(id: string, at: number, length: number, hash: string): SearchPart[] {
    const buffer = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.openFd(), buffer, got, length - got, at + got);
      if (n === 0) break;
      got += n;
    }
    if (got !== length || sha256(buffer) !== hash) {
      throw new RecordSpoolError(`The search text of ${id} in ${this.file} was changed during the build. Build again.`);
    }
    return JSON.parse(buffer.toString("utf8")) as SearchPart[];
  }

  private openFd(): number {
    if (this.fd === undefined) throw new RecordSpoolError(`The search record spool ${this.file} is closed.`);
    return this.fd;
  }

  /** Closes the spool file (a reading thread's, which must not remove the build's spool). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Closes and removes the spool file; records that were spooled can no longer be read. */
  remove(): void {
    this.close();
    rmSync(this.file, { force: true });
  }
}

/**
 * A record whose parts are read from `place` on each access (from the record-cache entry unless `read` says otherwise),
 * with `recordHash` as its RECORD_HASH; without one, recordHashOf hashes it when asked.
 */
function withParts(
  rest: Omit<SearchRecord, "parts">,
  place: SpoolPlace,
  recordHash: string | undefined,
  read = () => readEntryParts(rest.id, place),
): SearchRecord {
  const spooled = rest as SearchRecord;
  Object.defineProperty(spooled, "parts", {
    // A getter, not a copy (and nothing that holds the record): each reader (the word scan, the HTML for Pagefind) reads them once, in turn.
    get: read,
    enumerable: true,
  });
  if (recordHash) Object.defineProperty(spooled, RECORD_HASH, { value: recordHash });
  Object.defineProperty(spooled, SPOOL_PLACE, { value: place });
  return spooled;
}

/** The record of another thread's `portableRecord` whose parts are in a record-cache entry (`whole`), read from there. */
export function recordFromEntry(portable: PortableRecord): SearchRecord {
  if (!portable.spooled?.whole) throw new RecordSpoolError(`The search record ${portable.fields.id} is in a spool, not a cache entry.`);
  return withParts({ ...portable.fields }, portable.spooled, portable.hash);
}

/** A record's parts from its record-cache entry, read whole each time (one file per record: no descriptor kept open). */
function readEntryParts(id: string, place: SpoolPlace): SearchPart[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(place.file).subarray(place.at, place.at + place.length);
  } catch (error) {
    throw new RecordSpoolError(`The search text of ${id} in ${place.file} is gone (${(error as Error).message}). Build again.`);
  }
  if (bytes.length !== place.length || sha256(bytes) !== place.partsHash) {
    throw new RecordSpoolError(`The search text of ${id} in ${place.file} was changed during the build. Build again.`);
  }
  return (JSON.parse(bytes.toString("utf8")) as SearchRecord).parts;
}

/** SHA-256 of a record's JSON, its parts included; the spool keeps it beside a spooled record. */
export function recordHashOf(record: SearchRecord): string {
  return record[RECORD_HASH] ?? sha256(JSON.stringify(record));
}

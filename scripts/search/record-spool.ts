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
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { RECORD_HASH, type SearchPart, type SearchRecord } from "./records.ts";

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

export class RecordSpoolError extends Error {}

export class RecordSpool {
  private fd: number | undefined;
  private size = 0;

  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, "w+");
  }

  /** Writes `record`'s parts to the spool and returns the record without them in memory. */
  put(record: SearchRecord): SearchRecord {
    const fd = this.openFd();
    const { parts, ...rest } = record;
    const bytes = Buffer.from(JSON.stringify(parts));
    const at = this.size;
    const length = bytes.length;
    for (let written = 0; written < length; ) written += writeSync(fd, bytes, written, length - written, at + written);
    this.size += length;
    const partsHash = sha256(bytes);
    // The whole record's hash, as if it were in memory: the search cache's key is the same either way.
    const recordHash = recordHashOf(record);
    const { id } = record;
    const spooled = rest as SearchRecord;
    Object.defineProperty(spooled, "parts", {
      // A getter, not a copy (and nothing that holds `record`): each reader (the word scan, the HTML for Pagefind) reads them once, in turn.
      get: () => this.read(id, at, length, partsHash),
      enumerable: true,
    });
    Object.defineProperty(spooled, RECORD_HASH, { value: recordHash });
    return spooled;
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

  /** Closes and removes the spool file; records that were spooled can no longer be read. */
  remove(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.file, { force: true });
  }
}

/** SHA-256 of a record's JSON, its parts included; the spool keeps it beside a spooled record. */
export function recordHashOf(record: SearchRecord): string {
  return record[RECORD_HASH] ?? sha256(JSON.stringify(record));
}

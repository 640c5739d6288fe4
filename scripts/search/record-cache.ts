/**
 * Search records of unchanged documents between builds (.cache/lysark/records/).
 * A document's search record (./records.ts) is made from the document alone
 * (its metadata and rendered body) and from its publishers and topics, so it
 * is keyed by the document's `sourceHash` (the document cache's: its bytes,
 * path, images and attachments, and the content build code, which covers
 * Lysark's code, the registries and every `_publisher.yaml`) and its id. A
 * warm build then reads one small file per unchanged document instead of
 * reading its body back and making the record again (docs/performance.md,
 * "Warm rebuild with one edit, fourth pass").
 *
 * Each entry is one file, `<key>.json`: a line with the SHA-256 of the rest,
 * then the record as JSON. An entry whose hash does not match is counted
 * (`rejected`), removed and made again, never used. Entries are written
 * beside and renamed into place; `prune` removes those the build did not use.
 * Not used with `--no-cache`, nor by the dev server (which keeps its model).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DocumentView } from "../site/views.ts";
import { RECORD_HASH, type SearchRecord, type SearchRecordStore } from "./records.ts";
import { CACHE_ENTRY_PLACE, type SpoolPlace } from "./record-spool.ts";

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

export class SearchRecordCache implements SearchRecordStore {
  /** Records taken from the cache, made afresh, and entries found unsound in this run. */
  hits = 0;
  misses = 0;
  rejected = 0;
  private readonly used = new Set<string>();
  /**
   * The entries there when the build started, listed once: a missing entry is then known without a
   * failed read (a thrown ENOENT for every record of a cold build, 0.4 s of 5,000 records).
   */
  private present: Set<string> | undefined;

  /** `dir` is the cache folder (.cache/lysark/records). */
  constructor(readonly dir: string) {}

  private has(key: string): boolean {
    if (!this.present) {
      try {
        this.present = new Set(readdirSync(this.dir));
      } catch {
        this.present = new Set();
      }
    }
    return this.present.has(`${key}.json`);
  }

  /** Undefined for a document without a `sourceHash` (loaded without the document cache): its record is not kept. */
  private keyOf(view: DocumentView): string | undefined {
    const source = view.doc.sourceHash;
    return source === undefined ? undefined : sha256(`lysark-search-record-1\0${view.id}\0${source}`);
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  get(view: DocumentView): SearchRecord | undefined {
    const key = this.keyOf(view);
    if (key === undefined || !this.has(key)) {
      this.misses++;
      return undefined;
    }
    let text: string;
    try {
      text = readFileSync(this.file(key), "utf8");
    } catch {
      this.misses++;
      return undefined;
    }
    const newline = text.indexOf("\n");
    const json = text.slice(newline + 1);
    if (newline !== 64 || sha256(json) !== text.slice(0, 64)) {
      this.rejected++;
      this.misses++;
      rmSync(this.file(key), { force: true });
      return undefined;
    }
    try {
      const record = JSON.parse(json) as SearchRecord;
      // The entry's checked hash is the record's own (recordHashOf: SHA-256 of its JSON): kept so the spool and the search cache need not hash it again.
      Object.defineProperty(record, RECORD_HASH, { value: text.slice(0, 64) });
      Object.defineProperty(record, CACHE_ENTRY_PLACE, { value: this.place(key, json, text.slice(0, 64)) });
      this.used.add(key);
      this.hits++;
      return record;
    } catch {
      this.rejected++;
      this.misses++;
      rmSync(this.file(key), { force: true });
      return undefined;
    }
  }

  set(view: DocumentView, record: SearchRecord): void {
    const key = this.keyOf(view);
    if (key === undefined) return;
    const json = JSON.stringify(record);
    const hash = sha256(json);
    // The record's own hash (recordHashOf), taken once here for the entry, the spool and the search cache.
    if (record[RECORD_HASH] === undefined) Object.defineProperty(record, RECORD_HASH, { value: hash });
    mkdirSync(this.dir, { recursive: true });
    const temporary = `${this.file(key)}.${process.pid}.tmp`;
    writeFileSync(temporary, `${hash}\n${json}`);
    renameSync(temporary, this.file(key));
    this.used.add(key);
    this.present?.add(`${key}.json`);
    if (record[RECORD_HASH] === hash) Object.defineProperty(record, CACHE_ENTRY_PLACE, { value: this.place(key, json, hash) });
  }

  /** Where entry `key` holds the record's JSON: after the hash line (64 hex digits and a newline). */
  private place(key: string, json: string, hash: string): SpoolPlace {
    return { file: this.file(key), at: 65, length: Buffer.byteLength(json), partsHash: hash, whole: true };
  }

  /** Removes every entry this build did not use (after a good build). */
  prune(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) if (!this.used.has(name.slice(0, -".json".length)) || !name.endsWith(".json")) rmSync(path.join(this.dir, name), { force: true });
  }
}

/** The folder of the search-record cache under a project's root. */
export function searchRecordCacheDir(root: string): string {
  return path.join(root, ".cache", "lysark", "records");
}

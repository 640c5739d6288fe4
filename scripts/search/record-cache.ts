/**
 * Search records of unchanged documents between builds (.cache/lysark/records/).
 * A document's search record (./records.ts) is made from the document alone
 * (its metadata and rendered body) and from its publishers, topics and indicators, so it
 * is keyed by the document's `sourceHash` (the document cache's: its bytes,
 * path, images and attachments, and the content build code, which covers
 * Lysark's code, the registries and every `_publisher.yaml`) and its id. A
 * warm build then reads one small file per unchanged document instead of
 * reading its body back and making the record again (docs/performance-log.md,
 * "Warm rebuild with one edit, fourth pass").
 *
 * Each entry is one file, `<key>.json`: a line with the SHA-256 of the rest,
 * then the record as JSON. An entry whose hash does not match is counted
 * (`rejected`), removed and made again, never used. Entries are written
 * beside and renamed into place; `prune` removes those the build did not use.
 * Not used with `--no-cache`, nor by the dev server (which keeps its model).
 *
 * A document loaded by pass 1's pool has its record made there, beside its
 * body (`prepareRecordEntry`, from ../build/pass1-worker.ts): the worker writes
 * the entry under a name of its own, and the main thread, which alone knows the
 * entry's key (the `sourceHash` comes from the document cache), renames it into
 * place when the model asks for the record. The main thread then neither reads
 * the body back nor makes, writes or hashes the record (docs/performance-log.md).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { LoadedDocument, Registries } from "../content/loaded.ts";
import type { RenderedBody } from "../content/markdown.ts";
import { documentView } from "../site/document-view.ts";
import type { DocumentView } from "../site/views.ts";
import { buildSearchRecord, RECORD_HASH, recordRegistries, type RecordRegistries, type SearchRecord, type SearchRecordStore } from "./records.ts";
import { CACHE_ENTRY_PLACE, recordFromEntry, type SpoolPlace } from "./record-spool.ts";

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** A record made in pass 1 and written as an entry under a name of its own, until the main thread names it by its key. */
export interface PreparedRecord {
  /** The record without its parts, which only the entry holds. */
  fields: Omit<SearchRecord, "parts">;
  /** SHA-256 of the record's JSON (its RECORD_HASH). */
  hash: string;
  /** Bytes of that JSON. */
  length: number;
  file: string;
}

/** `prepareRecordEntry` for many documents of one load: the registries indexed once. */
export function recordPreparer(dir: string, registries: Registries) {
  const named = recordRegistries(registries);
  const topicsById = new Map(registries.topics.map((topic) => [topic.id, topic]));
  return (doc: LoadedDocument, body: RenderedBody): PreparedRecord => prepareRecordEntry(dir, documentView(doc, named.publishersById, topicsById), named, body);
}

/** Makes `view`'s record from its full `body` and writes it as an entry of the cache in `dir`, named by its document's file. */
export function prepareRecordEntry(dir: string, view: DocumentView, registries: RecordRegistries, body: RenderedBody): PreparedRecord {
  const record = buildSearchRecord(view, registries, body);
  const json = JSON.stringify(record);
  const { parts: _parts, ...fields } = record;
  const hash = sha256(json);
  mkdirSync(dir, { recursive: true });
  // Not a `.json` name: an entry the main thread does not take is removed at the end of the build (one a killed build left, by the next good build's prune).
  const file = path.join(dir, `${sha256(view.doc.file).slice(0, 32)}.${process.pid}.prepared`);
  writeFileSync(file, `${hash}\n${json}`);
  return { fields, hash, length: Buffer.byteLength(json), file };
}

export class SearchRecordCache implements SearchRecordStore {
  /** Records taken from the cache, made afresh, and entries found unsound in this run. */
  hits = 0;
  misses = 0;
  rejected = 0;
  /** Of the misses, records pass 1 made (`prepared`). */
  adopted = 0;
  private readonly used = new Set<string>();
  /**
   * The entries there when the build started, listed once: a missing entry is then known without a
   * failed read (a thrown ENOENT for every record of a cold build, 0.4 s of 5,000 records).
   */
  private present: Set<string> | undefined;

  /** `dir` is the cache folder (.cache/lysark/records); `prepared`, records pass 1 made, by their document's file (taken as used). */
  constructor(
    readonly dir: string,
    private readonly prepared?: Map<string, PreparedRecord>,
  ) {}

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
    const kept = key === undefined ? undefined : this.read(key);
    if (kept) {
      this.hits++;
      return kept;
    }
    this.misses++;
    return key === undefined ? undefined : this.adopt(view, key);
  }

  /** The entry `key` as a record, or undefined when there is none or it is unsound (then removed). */
  private read(key: string): SearchRecord | undefined {
    if (!this.has(key)) return undefined;
    let text: string;
    try {
      text = readFileSync(this.file(key), "utf8");
    } catch {
      return undefined;
    }
    const newline = text.indexOf("\n");
    const json = text.slice(newline + 1);
    if (newline !== 64 || sha256(json) !== text.slice(0, 64)) {
      this.rejected++;
      rmSync(this.file(key), { force: true });
      return undefined;
    }
    try {
      const record = JSON.parse(json) as SearchRecord;
      // The entry's checked hash is the record's own (recordHashOf: SHA-256 of its JSON): kept so the spool and the search cache need not hash it again.
      Object.defineProperty(record, RECORD_HASH, { value: text.slice(0, 64) });
      Object.defineProperty(record, CACHE_ENTRY_PLACE, { value: this.place(key, Buffer.byteLength(json), text.slice(0, 64)) });
      this.used.add(key);
      return record;
    } catch {
      this.rejected++;
      rmSync(this.file(key), { force: true });
      return undefined;
    }
  }

  /**
   * The record pass 1 made for `view`'s document, its entry renamed to `key`: a record whose parts are read from the
   * entry when asked for (as a spooled one's are), so this thread never parses them. Undefined when there is none.
   */
  private adopt(view: DocumentView, key: string): SearchRecord | undefined {
    const prepared = this.prepared?.get(view.doc.file);
    if (!prepared) return undefined;
    this.prepared!.delete(view.doc.file);
    try {
      renameSync(prepared.file, this.file(key));
    } catch {
      return undefined;
    }
    this.used.add(key);
    this.present?.add(`${key}.json`);
    this.adopted++;
    return recordFromEntry({ fields: prepared.fields, hash: prepared.hash, spooled: this.place(key, prepared.length, prepared.hash) });
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
    if (record[RECORD_HASH] === hash) Object.defineProperty(record, CACHE_ENTRY_PLACE, { value: this.place(key, Buffer.byteLength(json), hash) });
  }

  /** Where entry `key` holds the record's JSON: after the hash line (64 hex digits and a newline). */
  private place(key: string, length: number, hash: string): SpoolPlace {
    return { file: this.file(key), at: 65, length, partsHash: hash, whole: true };
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

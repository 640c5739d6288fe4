/**
 * The search-record cache (scripts/search/record-cache.ts): a kept record
 * comes back equal, carrying its own hash (the one the search cache keys on),
 * and a damaged entry is made again, never used. A record pass 1 made is
 * taken under its key, equal to the one the main thread makes, without its
 * parts being read on the main thread.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readBody } from "../../scripts/content/body-store.ts";
import { loadContent } from "../../scripts/content/load.ts";
import { prepareRecordEntry, SearchRecordCache } from "../../scripts/search/record-cache.ts";
import { RecordSpool, RecordSpoolError, recordHashOf } from "../../scripts/search/record-spool.ts";
import { buildSearchRecord, recordRegistries, type SearchRecord } from "../../scripts/search/records.ts";
import { documentView } from "../../scripts/site/document-view.ts";
import type { DocumentView } from "../../scripts/site/views.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lysark-record-cache-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const view = (id: string, sourceHash: string) => ({ id, doc: { sourceHash } }) as unknown as DocumentView;
const record = (id: string): SearchRecord => ({
  id,
  url: `/dokumenter/${id}/`,
  language: "nb",
  title: `Tittel ${id}`,
  meta: { title: `Tittel ${id}` },
  filters: { publisher: ["oslo"], topic: [], type: ["report"], year: ["2025"], language: ["nb"] },
  sort: { newest: "2025" },
  head: [{ text: "Sammendrag «æøå»", weight: 2 }],
  parts: [{ anchor: "slide-1", title: "Innledning", text: "Barnehager og skoler", topics: [{ text: "Likestilling" }] }],
});

describe("SearchRecordCache", () => {
  it("gives a kept record back equal, with the hash of its JSON, the one it had when kept", () => {
    const made = record("oslo/a");
    new SearchRecordCache(dir).set(view("oslo/a", "s1"), made);
    expect(recordHashOf(made)).toBe(sha256(JSON.stringify(record("oslo/a"))));
    const cache = new SearchRecordCache(dir);
    const kept = cache.get(view("oslo/a", "s1"))!;
    expect(kept).toEqual(record("oslo/a"));
    expect(recordHashOf(kept)).toBe(sha256(JSON.stringify(kept)));
    expect(cache.hits).toBe(1);
    // Another source (an edited document) is a miss.
    expect(cache.get(view("oslo/a", "s2"))).toBeUndefined();
  });

  it("finds an entry kept after it listed its folder, in the same build", () => {
    const cache = new SearchRecordCache(path.join(dir, "not-yet-made"));
    expect(cache.get(view("oslo/a", "s1"))).toBeUndefined();
    cache.set(view("oslo/a", "s1"), record("oslo/a"));
    expect(cache.get(view("oslo/a", "s1"))).toEqual(record("oslo/a"));
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
  });

  it("makes a damaged entry again instead of using it", () => {
    new SearchRecordCache(dir).set(view("oslo/a", "s1"), record("oslo/a"));
    const [entry] = readdirSync(dir);
    writeFileSync(path.join(dir, entry!), `${"0".repeat(64)}\n${JSON.stringify(record("oslo/b"))}`);
    const cache = new SearchRecordCache(dir);
    expect(cache.get(view("oslo/a", "s1"))).toBeUndefined();
    expect(cache.rejected).toBe(1);
  });
});

describe("records made in pass 1 (prepareRecordEntry)", () => {
  const withProject = (run: (root: string) => void) => {
    const root = makeProject();
    try {
      run(root);
    } finally {
      removeProject(root);
    }
  };
  /** Each document of the fixture site: its view as the model makes it, its full body, and the record the main thread makes. */
  const documentsOf = (root: string) => {
    const { site } = loadContent(path.join(root, "content"), { root });
    const publishersById = new Map(site.publishers.map((publisher) => [publisher.id, publisher]));
    const topicsById = new Map(site.topics.map((topic) => [topic.id, topic]));
    return site.documents.map((doc, index) => {
      doc.sourceHash = `source-${index}`;
      const view = documentView(doc, publishersById, topicsById);
      const registries = recordRegistries(site);
      return { view, body: readBody(doc), made: buildSearchRecord(view, registries), registries };
    });
  };

  it("takes each document's record under its key: equal to the one made here, its parts read from the entry", () =>
    withProject((root) => {
      const documents = documentsOf(root);
      expect(documents.length).toBeGreaterThan(1);
      const prepared = new Map(documents.map(({ view, body, registries }) => [view.doc.file, prepareRecordEntry(dir, view, registries, body)]));
      const cache = new SearchRecordCache(dir, prepared);
      for (const { view, made } of documents) {
        const record = cache.get(view)!;
        expect(record).toEqual(made);
        expect(recordHashOf(record)).toBe(sha256(JSON.stringify(made)));
      }
      expect([cache.hits, cache.misses, cache.adopted]).toEqual([0, documents.length, documents.length]);
      // Renamed into place: the next build finds them as entries of its own.
      expect(readdirSync(dir).every((name) => name.endsWith(".json"))).toBe(true);
      const next = new SearchRecordCache(dir);
      for (const { view, made } of documents) expect(next.get(view)).toEqual(made);
      expect(next.hits).toBe(documents.length);
    }));

  it("hands a taken record to the spool without reading its parts", () =>
    withProject((root) => {
      const { view, body, registries } = documentsOf(root)[0]!;
      const cache = new SearchRecordCache(dir, new Map([[view.doc.file, prepareRecordEntry(dir, view, registries, body)]]));
      const record = cache.get(view)!;
      const spool = new RecordSpool(path.join(dir, "spool"));
      try {
        // With the entry gone, a read would throw: put must not read.
        for (const name of readdirSync(dir)) if (name.endsWith(".json")) rmSync(path.join(dir, name));
        expect(spool.put(record)).toBe(record);
        expect(() => record.parts).toThrow(RecordSpoolError);
      } finally {
        spool.remove();
      }
    }));

  it("leaves a record of a document without a source hash to be made here; the next prune removes its file", () =>
    withProject((root) => {
      const { view, body, registries } = documentsOf(root)[0]!;
      const prepared = prepareRecordEntry(dir, view, registries, body);
      view.doc.sourceHash = undefined;
      const cache = new SearchRecordCache(dir, new Map([[view.doc.file, prepared]]));
      expect(cache.get(view)).toBeUndefined();
      expect(cache.adopted).toBe(0);
      expect(readdirSync(dir)).toEqual([path.basename(prepared.file)]);
      cache.prune();
      expect(readdirSync(dir)).toEqual([]);
    }));
});

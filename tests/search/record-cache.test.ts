/**
 * The search-record cache (scripts/search/record-cache.ts): a kept record
 * comes back equal, carrying its own hash (the one the search cache keys on),
 * and a damaged entry is made again, never used.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SearchRecordCache } from "../../scripts/search/record-cache.ts";
import { recordHashOf } from "../../scripts/search/record-spool.ts";
import type { SearchRecord } from "../../scripts/search/records.ts";
import type { DocumentView } from "../../scripts/site/views.ts";

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
  parts: [{ anchor: "slide-1", title: "Innledning", text: "Barnehager og skoler", topics: ["Likestilling"] }],
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

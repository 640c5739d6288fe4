/**
 * The search record spool (scripts/search/record-spool.ts): a spooled record
 * reads back as the record it was, holds no parts in memory, keys the search
 * cache as the whole record does, and refuses a spool changed under it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeSearchIndexCached } from "../../scripts/build/search-cache.ts";
import { SearchRecordCache } from "../../scripts/search/record-cache.ts";
import { portableRecord, recordFromEntry, recordFromPortable, recordHashOf, RecordSpool, RecordSpoolError } from "../../scripts/search/record-spool.ts";
import type { DocumentView } from "../../scripts/site/views.ts";
import { buildSearchRecords, recordRegistries, type SearchRecord } from "../../scripts/search/records.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lysark-record-spool-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha256Of = (text: string) => createHash("sha256").update(text).digest("hex");

function record(id: string, text: string): SearchRecord {
  return {
    id,
    url: `/dokumenter/${id}/`,
    language: "nb",
    title: `Tittel ${id}`,
    meta: { title: `Tittel ${id}`, doc: id },
    filters: { publisher: ["oslo"], topic: [], type: ["report"], year: ["2025"], language: ["nb"] },
    sort: { newest: "2025", oldest: "2025" },
    head: [{ text: "Sammendrag", weight: 2 }],
    parts: [
      { anchor: "slide-1", title: "Innledning", text, topics: [] },
      { anchor: "slide-2", title: "Æ, ø og å", text: `${text} – igjen`, topics: [{ text: "Gender equality", lang: "en" }] },
    ],
  };
}

describe("RecordSpool", () => {
  it("gives back each record as it was, parts read from disk", () => {
    const spool = new RecordSpool(path.join(dir, "site.search-records"));
    const whole = [record("oslo/a", "Barnehager og skoler"), record("oslo/b", "Eldreomsorg i bydelen")];
    const spooled = whole.map((each) => spool.put(each));
    for (const [index, each] of spooled.entries()) {
      expect(JSON.stringify(each)).toBe(JSON.stringify(whole[index]));
      expect(each.parts).toEqual(whole[index]!.parts);
      // The parts are a getter over the spool file, not a value held by the record.
      expect(Object.getOwnPropertyDescriptor(each, "parts")?.get).toBeTypeOf("function");
      expect(recordHashOf(each)).toBe(recordHashOf(whole[index]!));
    }
    expect(readFileSync(spool.file, "utf8")).toContain("Eldreomsorg i bydelen");
    spool.remove();
  });

  it("refuses parts that changed on disk, naming the document and the file", () => {
    const spool = new RecordSpool(path.join(dir, "site.search-records"));
    const spooled = spool.put(record("oslo/a", "Barnehager og skoler"));
    const bytes = readFileSync(spool.file);
    writeFileSync(spool.file, Buffer.from(bytes.toString("utf8").replace("Barnehager", "Barnehagen")));
    expect(() => spooled.parts).toThrow(RecordSpoolError);
    expect(() => spooled.parts).toThrow(/oslo\/a.*site\.search-records.*Build again/);
    spool.remove();
  });

  it("is removed with its file, after which its records cannot be read", () => {
    const spool = new RecordSpool(path.join(dir, "nested", "site.search-records"));
    const spooled = spool.put(record("oslo/a", "Barnehager"));
    expect(existsSync(spool.file)).toBe(true);
    spool.remove();
    expect(existsSync(spool.file)).toBe(false);
    expect(() => spooled.parts).toThrow(/closed/);
    // Twice is harmless: a failed build and its cleanup may both remove it.
    spool.remove();
  });

  it("sends records to another thread as plain data without reading a spooled record's parts, and reads them there", () => {
    const spool = new RecordSpool(path.join(dir, "site.search-records"));
    const whole = [record("oslo/a", "Barnehager"), record("oslo/b", "Skoler")];
    const spooled = whole.map((each) => spool.put(each));
    // structuredClone is what a thread's message does: no getter or symbol survives it.
    const sent = spooled.map((each) => structuredClone(portableRecord(each)));
    expect(sent.map((each) => each.parts)).toEqual([undefined, undefined]);
    const reader = new RecordSpool(spool.file, true);
    const received = sent.map((each) => reader.record(each));
    for (const [index, each] of received.entries()) {
      expect(JSON.stringify(each)).toBe(JSON.stringify(whole[index]));
      expect(recordHashOf(each)).toBe(recordHashOf(whole[index]!));
    }
    reader.close();
    // Closing a reader leaves the build's spool in place.
    expect(existsSync(spool.file)).toBe(true);
    expect(() => new RecordSpool(path.join(dir, "other.search-records")).record(sent[0]!)).toThrow(/oslo\/a is not in/);
    // A record that was never spooled goes whole.
    const plain = structuredClone(portableRecord(whole[1]!));
    expect(JSON.stringify(recordFromPortable(plain))).toBe(JSON.stringify(whole[1]));
    spool.remove();
  });

  it("names a record's record-cache entry instead of writing its parts again, on this thread and another", () => {
    const spool = new RecordSpool(path.join(dir, "site.search-records"));
    const cache = new SearchRecordCache(path.join(dir, "cache", "records"));
    const view = (id: string) => ({ id, doc: { sourceHash: `source of ${id}` } }) as unknown as DocumentView;
    const whole = [record("oslo/a", "Barnehager"), record("oslo/b", "Skoler")];
    // One record as a cold build makes it (written to the cache), one as a warm build reads it back.
    cache.set(view("oslo/a"), whole[0]!);
    cache.set(view("oslo/b"), structuredClone(whole[1]!));
    const spooled = [spool.put(whole[0]!), spool.put(cache.get(view("oslo/b"))!)];
    expect(readFileSync(spool.file).length).toBe(0);
    const sent = spooled.map((each) => structuredClone(portableRecord(each)));
    for (const [index, each] of [...spooled, ...sent.map((each) => recordFromEntry(each))].entries()) {
      const original = whole[index % 2]!;
      expect(JSON.stringify(each)).toBe(JSON.stringify(original));
      expect(recordHashOf(each)).toBe(recordHashOf(original));
    }
    // A spool reading on another thread takes them from the entries too.
    expect(JSON.stringify(new RecordSpool(spool.file, true).record(sent[1]!))).toBe(JSON.stringify(whole[1]));
    // An entry changed under the build is refused, naming the document; a removed one too.
    const entry = sent[1]!.spooled!.file;
    writeFileSync(entry, readFileSync(entry, "utf8").replace("Skoler", "Skolen"));
    expect(() => spooled[1]!.parts).toThrow(/oslo\/b.*changed during the build/);
    rmSync(entry);
    expect(() => recordFromEntry(sent[1]!).parts).toThrow(/oslo\/b.*is gone/);
    spool.remove();
  });

  it("is used by buildSearchRecords when given, and not otherwise", () => {
    const spool = new RecordSpool(path.join(dir, "site.search-records"));
    expect(buildSearchRecords([], recordRegistries({ publishers: [], indicators: [] }), undefined, spool)).toEqual([]);
    expect(readFileSync(spool.file).length).toBe(0);
    spool.remove();
  });
});

describe("the search cache with spooled records", () => {
  it("reuses an index made from whole records for the same records spooled, and not for another text", async () => {
    const cacheDir = path.join(dir, "cache", "search");
    const indexed: string[] = [];
    // A stand-in for Pagefind: writes one file from the records' parts, so a reuse is visible.
    const index = async (records: readonly SearchRecord[], outputDir: string) => {
      indexed.push(outputDir);
      mkdirSync(path.join(outputDir, "pagefind"), { recursive: true });
      writeFileSync(path.join(outputDir, "pagefind", "index.txt"), records.map((each) => each.parts.map((part) => part.text).join("|")).join("\n"));
      return { slices: 1, slicesReused: 0 };
    };
    const whole = [record("oslo/a", "Barnehager"), record("oslo/b", "Skoler")];
    // The files' hashes, as read from the kept files, for the whole-site cache.
    const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
    const hashes = { "index.txt": sha256Of("Barnehager|Barnehager – igjen\nSkoler|Skoler – igjen") };
    expect(await writeSearchIndexCached(whole, path.join(dir, "out1"), { dir: cacheDir, code: "code", index })).toEqual({
      reused: false,
      slices: 1,
      slicesReused: 0,
      hashes,
    });
    expect(hashes["index.txt"]).toBe(sha256(path.join(dir, "out1", "pagefind", "index.txt")));

    const spool = new RecordSpool(path.join(dir, "site.search-records"));
    const spooled = whole.map((each) => spool.put(each));
    expect(await writeSearchIndexCached(spooled, path.join(dir, "out2"), { dir: cacheDir, code: "code", index })).toEqual({ reused: true, hashes });
    expect(readFileSync(path.join(dir, "out2", "pagefind", "index.txt"), "utf8")).toBe("Barnehager|Barnehager – igjen\nSkoler|Skoler – igjen");

    const edited = [spooled[0]!, spool.put(record("oslo/b", "Skolene"))];
    expect(await writeSearchIndexCached(edited, path.join(dir, "out3"), { dir: cacheDir, code: "code", index })).toMatchObject({ reused: false });
    expect(indexed).toHaveLength(2);
    spool.remove();
  });
});

/**
 * Heavy words get an index chunk of their own (scripts/search/chunks.ts): the
 * words, their order and their postings stay as Pagefind wrote them; only the
 * chunk table changes, with no gap between chunks: every string a query can
 * hold falls in exactly one chunk.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as pagefind from "pagefind";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cborEnd, chunkTable, closeGaps, cutChunk, justBefore, shortestPrefixAfter, splitHeavyChunks } from "../../scripts/search/chunks.ts";

const entry = (size: number) => Buffer.alloc(size);

describe("walking CBOR", () => {
  it("finds the end of nested arrays, maps, tags, strings, floats and numbers of every width", () => {
    const item = Buffer.from([
      0x88, // an array of 8:
      0x01, // 1
      0x83,
      0x02,
      0x19,
      0x01,
      0x2c,
      0x1a,
      0x00,
      0x01,
      0x11,
      0x70, // [2, 300, 70000]
      0x62,
      0x61,
      0x62, // "ab"
      0x41,
      0x00, // h'00'
      0xa1,
      0x01,
      0x02, // {1: 2}
      0xc6,
      0x05, // tag 6 (5)
      0xfb,
      0x3f,
      0xf8,
      0,
      0,
      0,
      0,
      0,
      0, // 1.5 as a double
      0x1b,
      0,
      0,
      1,
      0,
      0,
      0,
      0,
      0, // 2^40
    ]);
    expect(cborEnd(Buffer.concat([item, Buffer.from([0x07])]), 0)).toBe(item.length);
    expect(cborEnd(item, 1)).toBe(2);
    expect(cborEnd(item, 2)).toBe(12);
    expect(() => cborEnd(Buffer.from([0x9f, 0xff]), 0)).toThrow(/indefinite length/);
  });
});

describe("cutting a chunk", () => {
  it("gives each heavy word, with the words that extend it, a run of its own, and leaves no gap", () => {
    const words = [
      { word: "pe", entry: entry(10) },
      { word: "permafrost", entry: entry(10) },
      { word: "plan", entry: entry(100) },
      { word: "planen", entry: entry(10) },
      { word: "planlegging", entry: entry(10) },
      { word: "plass", entry: entry(10) },
    ];
    const runs = cutChunk(words, "pa", "pz", 50);
    // Each run after the first starts at the shortest prefix of its first word that sorts after
    // the run before ("pl" after "permafrost"), as Pagefind bounds its own chunks.
    expect(runs.map((run) => [run.from, run.to, run.entries.length])).toEqual([
      ["pa", "permafrost", 2],
      ["pl", "planlegging", 3],
      ["plas", "pz", 1],
    ]);
  });

  it("cuts a long run of light words only where the words side by side share fewer than three letters", () => {
    const words = ["alfa", "alfabet", "alge", "bade", "badet", "bake", "ca", "cb"].map((word) => ({ word, entry: entry(10) }));
    const runs = cutChunk(words, "a", "d", 50, 25);
    // Past 25 bytes a run ends before "alge" (2 letters shared with "alfabet"), not before "badet"
    // (4 shared with "bade"), then before "bake" and "cb".
    expect(runs.map((run) => run.entries.length)).toEqual([2, 3, 2, 1]);
    expect(runs.map((run) => [run.from, run.to])).toEqual([
      ["a", "alfabet"],
      ["alg", "badet"],
      ["bak", "ca"],
      ["cb", "d"],
    ]);
    // Every word a query of three letters or more starts is in the run that query loads.
    for (const query of ["alf", "alfa", "bad", "bak"]) {
      const run = runs.find((candidate) => candidate.from <= query && query <= candidate.to)!;
      const matching = words.filter(({ word }) => word.startsWith(query));
      expect(run.entries).toEqual(expect.arrayContaining(matching.map(({ entry }) => entry)));
    }
  });

  it("ends the last run at its last word when the chunk's end is a shorter prefix of it", () => {
    // Pagefind ends a chunk at "der" when its last word is "derfor"; a query for "derfor" must
    // still find the run that holds it (Pagefind looks for from <= word <= to first).
    const words = [
      { word: "delay", entry: entry(10) },
      { word: "der", entry: entry(10) },
      { word: "derfor", entry: entry(100) },
    ];
    expect(cutChunk(words, "delay", "der", 50).map((run) => [run.from, run.to])).toEqual([
      ["delay", "der"],
      ["derf", "derfor"],
    ]);
  });

  it("leaves a chunk without heavy words whole", () => {
    expect(cutChunk([{ word: "a", entry: entry(10) }], "a", "b", 50).map((run) => [run.from, run.to])).toEqual([["a", "b"]]);
  });
});

describe("chunk bounds with no gaps", () => {
  it("starts a chunk at the shortest prefix of its first word that sorts after the last word before", () => {
    expect(shortestPrefixAfter("plass", "planlegging")).toBe("plas");
    expect(shortestPrefixAfter("aldreomsorg", "aldreboend")).toBe("aldreo");
    expect(shortestPrefixAfter("ab", "a")).toBe("ab");
  });

  it("ends a chunk just before the next one starts, after every string that sorts before it", () => {
    const before = justBefore("plas");
    expect(before).toBe("plar\u{10FFFF}");
    for (const word of ["plar", "plarzzz", "plaræøå", "pla", "plads", "pladset"]) expect(word <= before && before < "plas").toBe(true);
    for (const word of ["plas", "plass", "plasz"]) expect(word > before).toBe(true);
  });

  it("puts every string a query may hold in exactly one chunk: every word, its prefixes and its longer forms", () => {
    // Pagefind's own kind of table: each end is the shortest prefix of the chunk's last word that
    // sorts before the next chunk, so "aldreboend" and "pladset" fell between two chunks.
    const chunks = [
      { from: "a", to: "aldreb", words: ["abc", "aldreboend"] },
      { from: "aldreo", to: "plads", words: ["aldreomsorg", "plads"] },
      { from: "plan", to: "plan", words: ["plan", "planen"] },
      { from: "plas", to: "zz", words: ["plass", "zzz"] },
    ];
    const holding = (table: Array<{ from: string; to: string }>, query: string) =>
      table.flatMap((chunk, i) => (chunk.from <= query && query <= chunk.to ? [i] : []));
    expect(holding(chunks, "aldreboend")).toEqual([]);
    expect(holding(chunks, "pladset")).toEqual([]);
    const closed = closeGaps(chunks);
    expect(closed.map((chunk) => chunk.from)).toEqual(["", "aldreo", "plan", "plas"]);
    for (const [i, chunk] of closed.entries()) {
      for (const word of chunk.words) {
        const probes = [word, `${word}et`, `${word}z`, `${word}ø`, ...Array.from(word, (_, n) => word.slice(0, n + 1))];
        for (const probe of probes) expect(holding(closed, probe), probe).toHaveLength(1);
        // A query for the word itself, or a longer form of it, loads the chunk holding the word.
        for (const probe of [word, `${word}et`]) expect(holding(closed, probe), probe).toEqual([i]);
      }
    }
  });
});

describe("splitting a Pagefind bundle", () => {
  let work: string;
  let bundle: string;
  let before: ReturnType<typeof chunkTable>;
  let split: ReturnType<typeof splitHeavyChunks>;

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-chunks-"));
    bundle = path.join(work, "pagefind");
    const { index } = await pagefind.createIndex({ forceLanguage: "nb" });
    for (let i = 0; i < 60; i++) {
      const rare = `sjelden${String.fromCharCode(97 + (i % 26))}ord${i}`;
      await index!.addHTMLFile({
        url: `/d${i}/`,
        content: `<html lang="nb"><body><h1>Dokument ${i}</h1><p>${"plan og planen ".repeat(40)} ${rare} permafrost${i} alfa${i} zulu${i}</p></body></html>`,
      });
    }
    await index!.writeFiles({ outputPath: bundle });
    await pagefind.close();
    before = chunkTable(bundle);
    split = splitHeavyChunks(bundle, 2000);
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("keeps every word, in order, with its postings byte for byte, and cuts out the heavy ones", () => {
    const after = chunkTable(bundle);
    expect(after.flatMap((chunk) => chunk.words)).toEqual(before.flatMap((chunk) => chunk.words));
    expect(Buffer.concat(after.flatMap((chunk) => chunk.entries)).equals(Buffer.concat(before.flatMap((chunk) => chunk.entries)))).toBe(true);
    expect(split.heavyWords).toEqual(expect.arrayContaining(["og", "plan"]));
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.find((chunk) => chunk.words[0] === "plan")?.words.every((word) => word.startsWith("plan"))).toBe(true);
  });

  it("writes a chunk table with no gaps: ordered, non-overlapping chunks from the empty string on, each holding its words", () => {
    const after = chunkTable(bundle);
    expect(after[0]!.from).toBe("");
    expect(after.at(-1)!.to).toBe("\u{10FFFF}");
    // No gaps: each chunk ends just before the next starts, so a query that sorts anywhere loads one chunk.
    for (let i = 1; i < after.length; i++) expect(after[i - 1]!.to).toBe(justBefore(after[i]!.from));
    for (const chunk of after) {
      expect(chunk.from <= chunk.words[0]! && chunk.words.at(-1)! <= chunk.to).toBe(true);
    }
    // A query for any indexed word loads the chunk that holds it: the first with from <= word <= to.
    for (const [i, chunk] of after.entries()) {
      for (const word of chunk.words) expect([word, after.findIndex((other) => other.from <= word && word <= other.to)]).toEqual([word, i]);
    }
    for (let i = 1; i < after.length; i++) expect(after[i - 1]!.to < after[i]!.from).toBe(true);
  });

  it("leaves no stale files, and names the new metadata in the entry file", () => {
    const after = chunkTable(bundle);
    expect(readdirSync(path.join(bundle, "index")).sort()).toEqual(after.map((chunk) => `${chunk.hash}.pf_index`).sort());
    const hash = JSON.parse(readFileSync(path.join(bundle, "pagefind-entry.json"), "utf8")).languages.nb.hash;
    expect(readdirSync(bundle).filter((name) => name.endsWith(".pf_meta"))).toEqual([`pagefind.${hash}.pf_meta`]);
  });
});

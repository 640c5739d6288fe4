/**
 * Several Pagefind processes, one bundle (scripts/search/merge.ts): the records
 * indexed in slices by processes of their own and joined must give the bundle
 * one process gives, word for word, page for page, filter for filter, in the
 * same date order, cut into the same chunks.
 */
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunkTable } from "../../scripts/search/chunks.ts";
import { indexProcesses, SLICE_MIN_RECORDS, writeSearchBundles, type SearchIndexStats } from "../../scripts/search/index.ts";
import { BundleJoin, compareCodePoints, pagefindChunkStarts } from "../../scripts/search/merge.ts";
import { recordHtml, type SearchRecord } from "../../scripts/search/records.ts";
import { bundleContent } from "../helpers/pagefind-bundle.ts";
import { filesUnder } from "../helpers/fixture.ts";

/** A record as buildSearchRecord makes them; `date` "unknown" for none, `english` a translated title. */
function record(i: number, language: string, date: string, text: string, english?: string): SearchRecord {
  const dated = date !== "unknown";
  return {
    id: `testby/d${i}`,
    url: `/dokumenter/testby/d${i}/`,
    language,
    title: `Dokument ${i}`,
    meta: {
      title: `Dokument ${i}`,
      doc: `testby/d${i}`,
      publisher: "testby",
      ...(dated ? { date } : {}),
      ...(english ? { title_en: english } : {}),
    },
    filters: { publisher: ["testby"], topic: i % 3 ? ["climate"] : [], type: ["report"], year: [dated ? date.slice(0, 4) : "unknown"], language: [language] },
    sort: { newest: dated ? date : "0000", oldest: dated ? date : "9999" },
    head: [],
    parts: [{ anchor: "section-1", title: `Del ${i}`, text, topics: [] }],
  };
}

const TEXTS = [
  "Plan for vann og avløp i kommunen, med arbeidsgiverstrategi og planlegging.",
  "Kommunerna planerar förskolan och skolorna; jämställdhetsintegrering i planen.",
  "The planning strategy for schools and climate adaptation in the municipality.",
  "Økonomiplan og handlingsprogram for skolene, barnehagene og helsestasjonene.",
];
const LANGUAGES = ["nb", "sv", "en", "nb"];
// The first slice's documents are all undated, so its bundle has no "date" meta field and its field
// numbers differ from the joined bundle's; later ones have English titles and dates, some alike.
const RECORDS = Array.from({ length: 18 }, (_, i) =>
  record(
    i,
    LANGUAGES[i % 4]!,
    i < 6 ? "unknown" : `20${10 + (i % 5)}-0${1 + (i % 3)}-15`,
    // Long enough for Pagefind to cut its word index into chunks, with one heavy word ("kommune") among them.
    `${TEXTS[i % 4]} Dokument nummer ${i}, kapittel ${i % 7}. ${`${TEXTS[(i + 1) % 4]} kommune `.repeat(150)}${"kommune ".repeat(1500)}`,
    i >= 9 ? `Document ${i}` : undefined,
  ),
);

describe("a bundle indexed by several Pagefind processes and joined", () => {
  let work: string;
  const stats: SearchIndexStats[] = [];
  const bundle = (name: string) => path.join(work, name, "pagefind");
  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-merge-"));
    stats.push(await writeSearchBundles(RECORDS, path.join(work, "one"), { processes: 1, indexer: "pagefind" }));
    // Slices of about four records (slices.ts): the 18 records in four or more, indexed by three processes at once.
    stats.push(await writeSearchBundles(RECORDS, path.join(work, "three"), { processes: 3, sliceRecords: 4, indexer: "pagefind" }));
    stats.push(await writeSearchBundles(RECORDS, path.join(work, "three-again"), { processes: 3, sliceRecords: 4, indexer: "pagefind" }));
    // The same slices by one process, one after the other: what a cold build does.
    stats.push(await writeSearchBundles(RECORDS, path.join(work, "one-sliced"), { processes: 1, sliceRecords: 4, indexer: "pagefind" }));
    // Other slices (about three records each): the join does not depend on where the records were cut.
    stats.push(await writeSearchBundles(RECORDS, path.join(work, "cut-elsewhere"), { processes: 2, sliceRecords: 3, indexer: "pagefind" }));
    // One process, and up to three once told (a cold build is told when its pages are written); and one never told.
    const told = { upTo: 3, when: Promise.resolve() };
    stats.push(await writeSearchBundles(RECORDS, path.join(work, "told"), { processes: 1, sliceRecords: 4, moreProcesses: told, indexer: "pagefind" }));
    const untold = { upTo: 3, when: new Promise<void>(() => {}) };
    stats.push(await writeSearchBundles(RECORDS, path.join(work, "untold"), { processes: 1, sliceRecords: 4, moreProcesses: untold, indexer: "pagefind" }));
    // Lysark's own writer (index-writer.ts, in processes of its own): whole, and in slices joined.
    stats.push(await writeSearchBundles(RECORDS, path.join(work, "own"), { indexer: "lysark" }));
    stats.push(await writeSearchBundles(RECORDS, path.join(work, "own-sliced"), { sliceRecords: 4, indexer: "lysark" }));
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("indexes with as many processes as asked, and leaves no slice's folder behind", () => {
    expect(stats.slice(0, 7).map((s) => s.processes)).toEqual([1, 3, 3, 1, 2, 3, 1]);
    expect(stats[0]!.slices).toBe(1);
    expect(stats[1]!.slices).toBeGreaterThanOrEqual(4);
    expect(stats[4]!.slices).toBeGreaterThan(stats[1]!.slices);
    expect(readdirSync(path.join(work, "three"))).toEqual(["pagefind"]);
    expect(readdirSync(path.join(work, "one-sliced"))).toEqual(["pagefind"]);
  });

  it("holds what one process's bundle holds: pages, words and their postings, filters, date order", () => {
    const one = bundleContent(bundle("one"));
    const three = bundleContent(bundle("three"));
    expect(three.fields).toEqual(one.fields);
    expect(three.fields).toContain("date");
    expect(three.pages.map((page) => page.url)).toEqual(RECORDS.map((r) => r.url));
    // Fragment names are the pages' ranks by date (fragments.ts): equal names, equal order.
    expect(three.pages.map(({ url, name, wordCount }) => [url, name.split("/")[1], wordCount])).toEqual(
      one.pages.map(({ url, name, wordCount }) => [url, name.split("/")[1], wordCount]),
    );
    expect(Object.keys(three.words).sort()).toEqual(Object.keys(one.words).sort());
    expect(three.words).toEqual(one.words);
    expect(three.filters).toEqual(one.filters);
    expect(three.sorts).toEqual(one.sorts);
    expect(three.entry).toEqual(one.entry);
    expect(Object.keys(one.words).length).toBeGreaterThan(50);
  });

  it("writes with Lysark's own writer, whole or in slices, the bundle one Pagefind process writes", () => {
    const one = bundleContent(bundle("one"));
    for (const name of ["own", "own-sliced"]) {
      const own = bundleContent(bundle(name));
      expect(own.pages).toEqual(one.pages);
      expect(own.words).toEqual(one.words);
      expect(own.filters).toEqual(one.filters);
      expect(own.sorts).toEqual(one.sorts);
      expect(own.fields).toEqual(one.fields);
      expect(own.entry).toEqual(one.entry);
    }
    // Its slices' word chunks are uncompressed; the bundle it publishes has every file gzipped, as Pagefind's.
    for (const name of ["own", "own-sliced"])
      for (const file of filesUnder(bundle(name)).filter((file) => file.startsWith("index/")))
        expect(
          readFileSync(path.join(bundle(name), file))
            .subarray(0, 2)
            .toString("hex"),
          `${name}: ${file}`,
        ).toBe("1f8b");
    // One writer process (each with a Pagefind process for the stems).
    expect(stats.slice(7).map((s) => s.processes)).toEqual([1, 1]);
    expect(stats[8]!.slices).toBe(stats[3]!.slices);
    expect(stats[7]!.words).toBe(stats[0]!.words);
  });

  it("takes more processes for the slices still waiting once told, and writes the bundle one process writes", () => {
    const one = bundleContent(bundle("one-sliced"));
    for (const name of ["told", "untold"]) {
      const other = bundleContent(bundle(name));
      expect(other.pages).toEqual(one.pages);
      expect(other.words).toEqual(one.words);
      expect(other.filters).toEqual(one.filters);
      expect(other.entry).toEqual(one.entry);
    }
    expect(stats[5]!.slices).toBe(stats[3]!.slices);
  });

  it("keeps Pagefind's scripts and WebAssembly as they are", () => {
    // The chunks, the filters (their values in another order), the metadata and the fragments' folder have other names.
    const names = (name: string) => filesUnder(bundle(name)).filter((file) => !/^(index|fragment|filter)\/|\.pf_meta$/.test(file));
    expect(names("three")).toEqual(names("one"));
    for (const file of names("one").filter((file) => file !== "pagefind-entry.json"))
      expect(readFileSync(path.join(bundle("three"), file)).equals(readFileSync(path.join(bundle("one"), file))), file).toBe(true);
  });

  it("cuts the word index into the chunks one process's bundle has", () => {
    // Pagefind's own chunks (20,000 of its positions, variants counted), then chunks.ts's cut within them.
    const table = (name: string) => chunkTable(bundle(name)).map(({ from, to, words }) => ({ from, to, words }));
    expect(table("three")).toEqual(table("one"));
    // Pagefind cut it, and chunks.ts gave the heavy word a chunk of its own.
    expect(table("one").length).toBeGreaterThan(3);
    expect(table("one").some(({ words }) => words[0] === "kommun")).toBe(true);
  });

  it("has a chunk table with no gaps, every word in the chunk its range names", () => {
    const table = chunkTable(bundle("three"));
    expect(table[0]!.from).toBe("");
    for (const [i, chunk] of table.entries()) {
      for (const word of chunk.words) {
        expect(compareCodePoints(word, chunk.from) >= 0 && compareCodePoints(word, chunk.to) <= 0, word).toBe(true);
      }
      if (i > 0) expect(compareCodePoints(table[i - 1]!.to, chunk.from)).toBeLessThan(0);
    }
  });

  it("writes byte-identical bundles for the same input, however many processes and wherever the slices are cut", () => {
    for (const other of ["three-again", "one-sliced", "cut-elsewhere"]) {
      expect(filesUnder(bundle(other))).toEqual(filesUnder(bundle("three")));
      for (const file of filesUnder(bundle("three")))
        expect(readFileSync(path.join(bundle(other), file)).equals(readFileSync(path.join(bundle("three"), file))), `${other}: ${file}`).toBe(true);
    }
    expect(existsSync(path.join(bundle("three"), "pagefind-entry.json"))).toBe(true);
  });
});

describe("Pagefind's own chunks, as merge.ts counts them", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-merge-chunks-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("ends each chunk where Pagefind ends it: its positions and its variants' counted", async () => {
    // Words with and without diacritics ("båkø", "bako"): Pagefind files a word's forms with diacritics as
    // variants of the form without, and counts them (and one more each) towards its 20,000-position chunks.
    const syllables = ["bå", "ba", "kø", "ko", "læ", "la"];
    let words = [""];
    for (let n = 0; n < 5; n++) words = words.flatMap((word) => syllables.map((syllable) => word + syllable));
    // 7,776 words, each in three of 40 records: a variant's own count (one more) is about a seventh of the total.
    const records = Array.from({ length: 40 }, (_, i) =>
      record(i, "nb", "2020-01-01", words.filter((_, w) => [i, (i + 13) % 40, (i + 27) % 40].includes(w % 40)).join(" ")),
    );
    const pagefind = await import("pagefind");
    const { index } = await pagefind.createIndex({ forceLanguage: "nb" });
    for (const each of records) await index!.addHTMLFile({ url: each.url, content: recordHtml(each) });
    const raw = path.join(work, "raw");
    await index!.writeFiles({ outputPath: raw });
    await pagefind.close();
    // Pagefind's chunk table as it wrote it, before chunks.ts cuts within it.
    const starts = chunkTable(raw).map((chunk) => chunk.words[0]);
    expect(starts.length).toBeGreaterThan(3);
    expect(await pagefindChunkStarts([raw])).toEqual(starts);
  }, 30_000);
});

describe("a join's memory: the parts' word chunks between add and finish", () => {
  let work: string;
  /** Two Pagefind bundles of a few records each, written once and copied for each join (a join moves their fragments). */
  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-merge-held-"));
    const pagefind = await import("pagefind");
    for (const [n, records] of [RECORDS.slice(0, 4), RECORDS.slice(4, 9)].entries()) {
      const { index } = await pagefind.createIndex({ forceLanguage: "nb" });
      for (const each of records) await index!.addHTMLFile({ url: each.url, content: recordHtml(each) });
      await index!.writeFiles({ outputPath: path.join(work, `raw${n}`) });
    }
    await pagefind.close();
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** Fresh copies of both parts under `name`, added to a new join (with `urls`, each part's); `change` is called on the copies before finish. */
  async function joinAfter(name: string, change: (parts: string[]) => void, urls?: string[][]): Promise<unknown> {
    const parts = [0, 1].map((n) => {
      const dir = path.join(work, name, `part${n}`);
      cpSync(path.join(work, `raw${n}`), dir, { recursive: true });
      return dir;
    });
    const join = new BundleJoin(path.join(work, name, "joined"));
    for (const [n, dir] of parts.entries()) await join.add(dir, urls?.[n]);
    change(parts);
    return join.finish(() => "");
  }
  const chunkFiles = (dir: string) => readdirSync(path.join(dir, "index")).map((name) => path.join(dir, "index", name));

  it("joins the parts when their folders are left as they were", async () => {
    await expect(joinAfter("intact", () => {})).resolves.toMatchObject({ pages: 9 });
  });

  it("joins a part whose word chunks are uncompressed, as the writer's slices keep them, into the same bundle", async () => {
    await joinAfter("intact-again", () => {});
    await joinAfter("plain", (parts) => {
      for (const file of chunkFiles(parts[1]!)) writeFileSync(file, gunzipSync(readFileSync(file)));
    });
    const joined = (name: string) => path.join(work, name, "joined");
    expect(filesUnder(joined("plain"))).toEqual(filesUnder(joined("intact-again")));
    for (const file of filesUnder(joined("plain")))
      expect(readFileSync(path.join(joined("plain"), file)).equals(readFileSync(path.join(joined("intact-again"), file))), file).toBe(true);
  });

  it("takes the pages' URLs when told them, into the same bundle, and stops when they are in another order or too few", async () => {
    const urls = [0, 1].map((n) => bundleContent(path.join(work, `raw${n}`)).pages.map((page) => page.url));
    expect(urls.flat()).toHaveLength(9);
    await joinAfter("without-urls", () => {});
    await joinAfter("with-urls", () => {}, urls);
    const joined = (name: string) => path.join(work, name, "joined");
    expect(filesUnder(joined("with-urls"))).toEqual(filesUnder(joined("without-urls")));
    for (const file of filesUnder(joined("with-urls")))
      expect(readFileSync(path.join(joined("with-urls"), file)).equals(readFileSync(path.join(joined("without-urls"), file))), file).toBe(true);
    await expect(joinAfter("reversed", () => {}, [[...urls[0]!].reverse(), urls[1]!])).rejects.toThrow(/part0\/fragment\/.*was given for it/);
    await expect(joinAfter("too-few", () => {}, [urls[0]!.slice(1), urls[1]!])).rejects.toThrow(/4 pages, but 3 URLs were given/);
  });

  it("holds none of them: finish reads each again from its part's folder", async () => {
    await expect(
      joinAfter("removed", (parts) => {
        for (const dir of parts) rmSync(path.join(dir, "index"), { recursive: true });
      }),
    ).rejects.toThrow(/ENOENT.*\.pf_index/);
  });

  it("stops, naming the file, when a chunk changed after it was added", async () => {
    await expect(
      joinAfter("changed", (parts) => {
        const [own] = chunkFiles(parts[0]!);
        copyFileSync(chunkFiles(parts[1]!)[0]!, own!);
      }),
    ).rejects.toThrow(/part0\/index\/.*\.pf_index: changed while the search index was being joined/);
  });
});

describe("how many Pagefind processes a site gets", () => {
  it("is one per core, each with SLICE_MIN_RECORDS records or more", () => {
    expect(indexProcesses(20, 2)).toBe(1);
    expect(indexProcesses(2 * SLICE_MIN_RECORDS - 1, 2)).toBe(1);
    expect(indexProcesses(2 * SLICE_MIN_RECORDS, 2)).toBe(2);
    expect(indexProcesses(100 * SLICE_MIN_RECORDS, 2)).toBe(2);
    expect(indexProcesses(100 * SLICE_MIN_RECORDS, 1)).toBe(1);
  });
});

describe("ordering words as Pagefind does", () => {
  it("orders by code point, as UTF-8 bytes sort, not by UTF-16 unit", () => {
    // U+10000 is a surrogate pair in JavaScript (0xD800 …), which `<` puts before U+FFFD.
    expect(["\u{10000}", "\uFFFD", "å", "a", "ab"].sort(compareCodePoints)).toEqual(["a", "ab", "å", "\uFFFD", "\u{10000}"]);
    expect(compareCodePoints("plan", "plan")).toBe(0);
  });
});

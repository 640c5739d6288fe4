import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../scripts/content/load.ts";
import { childProcesses, PAGEFIND_PROCESS } from "../../scripts/search/child-processes.ts";
import { indexerFromEnvironment, writeSearchBundles, type SearchIndexStats } from "../../scripts/search/index.ts";
import type { SearchRecord } from "../../scripts/search/records.ts";
import { buildSiteModel } from "../../scripts/site/model.ts";
import { filesUnder, makeProject, removeProject } from "../helpers/fixture.ts";

describe("writing the search index with Pagefind", () => {
  let project: string;
  let out: string[];
  let stats: SearchIndexStats[];
  beforeAll(async () => {
    project = makeProject();
    const { site } = loadContent(path.join(project, "content"), { root: project });
    const model = buildSiteModel(site);
    out = [mkdtempSync(path.join(os.tmpdir(), "lysark-search-")), mkdtempSync(path.join(os.tmpdir(), "lysark-search-"))];
    stats = [];
    for (const dir of out) stats.push(await writeSearchBundles(model.searchRecords, dir));
  });
  afterAll(() => {
    removeProject(project);
    for (const dir of out) rmSync(dir, { recursive: true, force: true });
  });

  /** The fixture's records four times over, under other URLs: slices of two records (search/slices.ts). */
  const fourfoldRecords = () => {
    const { site } = loadContent(path.join(project, "content"), { root: project });
    return buildSiteModel(site).searchRecords.flatMap((record) =>
      [0, 1, 2, 3].map((copy) => ({ ...record, id: `${record.id}-${copy}`, url: `${record.url}${copy}/` })),
    );
  };
  /** Two temporary folders, removed after `use` writes an index into each. */
  const inTwoFolders = async (use: (dirs: readonly [string, string]) => Promise<void>) => {
    const dirs = [mkdtempSync(path.join(os.tmpdir(), "lysark-search-")), mkdtempSync(path.join(os.tmpdir(), "lysark-search-"))] as const;
    try {
      await use(dirs);
      const files = filesUnder(path.join(dirs[0], "pagefind"));
      expect(filesUnder(path.join(dirs[1], "pagefind"))).toEqual(files);
      for (const file of files) expect(readFileSync(path.join(dirs[1], "pagefind", file)), file).toEqual(readFileSync(path.join(dirs[0], "pagefind", file)));
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  };

  it("writes one bundle with every document, whatever its language, stemmed as the most documents are", () => {
    // Not one bundle per language: each would cost a browser its own pagefind.js, worker,
    // WebAssembly, filters and index chunk for every query (docs/search.md).
    expect(readdirSync(path.join(out[0]!, "pagefind")).filter((name) => !name.includes("."))).toEqual(["filter", "fragment", "index"]);
    const entry = JSON.parse(readFileSync(path.join(out[0]!, "pagefind", "pagefind-entry.json"), "utf8"));
    expect(Object.keys(entry.languages)).toEqual(["nb"]);
    expect(entry.languages.nb.page_count).toBe(2);
    expect(stats[0]!.documents).toBe(2);
    expect(stats[0]!.stemmer).toBe("nb");
    expect(stats[0]!.languages).toEqual([
      { language: "nb", documents: 1 },
      { language: "sv", documents: 1 },
    ]);
  });

  it("keeps each document's own language as a filter value", () => {
    const filters = filesUnder(path.join(out[0]!, "pagefind", "filter")).map((file) =>
      gunzipSync(readFileSync(path.join(out[0]!, "pagefind", "filter", file))).toString("utf8"),
    );
    const language = filters.find((text) => text.includes("language"));
    expect(language).toContain("nb");
    expect(language).toContain("sv");
  });

  it("ships Pagefind's search library and one WebAssembly module, not its ready-made UIs or other languages'", () => {
    const bundle = filesUnder(path.join(out[0]!, "pagefind"));
    expect(bundle).toContain("pagefind.js");
    expect(bundle).toContain("pagefind-worker.js");
    expect(bundle.filter((file) => file.startsWith("wasm."))).toEqual(["wasm.nb.pagefind"]);
    expect(bundle.filter((file) => /ui|highlight/.test(file))).toEqual([]);
    expect(bundle.some((file) => file.startsWith("fragment/"))).toBe(true);
  });

  it("reports the bytes it wrote", () => {
    const total = filesUnder(path.join(out[0]!, "pagefind")).reduce((sum, file) => sum + statSync(path.join(out[0]!, "pagefind", file)).size, 0);
    expect(stats[0]!.bytes).toBe(total);
  });

  it("lets go of each record once its slice is made when the records are its to give up, and writes the same index", async () => {
    const records = fourfoldRecords();
    await inTwoFolders(async ([keptDir, givenDir]) => {
      const kept: Array<SearchRecord | undefined> = [...records];
      const given: Array<SearchRecord | undefined> = [...records];
      await writeSearchBundles(kept as SearchRecord[], keptDir, { sliceRecords: 2 });
      const stats = await writeSearchBundles(given as SearchRecord[], givenDir, { sliceRecords: 2, releaseRecords: true });
      expect(stats.slices).toBeGreaterThan(2);
      expect(kept).toEqual(records);
      expect(given).toEqual(records.map(() => undefined));
    });
  });

  it("lets the event loop turn after each record it reads and each slice it joins, and writes the same index", async () => {
    // A dev server indexes on the thread that answers an edit (editor/dev-site.ts).
    const records = fourfoldRecords();
    await inTwoFolders(async ([without, withTurns]) => {
      const options = { sliceRecords: 2, joinWhileIndexing: false };
      await writeSearchBundles(records, without, options);
      let turns = 0;
      const stats = await writeSearchBundles(records, withTurns, {
        ...options,
        turn: () => {
          turns++;
          return new Promise((resolve) => setImmediate(resolve));
        },
      });
      expect(stats.slices).toBe(4);
      // Each record's words, then its compound parts; each body language's word lists, its words' forms and their base
      // forms; each slice's metadata, then its words.
      expect(stats.languages).toHaveLength(2);
      expect(turns).toBe(2 * records.length + 3 * stats.languages.length + 2 * stats.slices);
    });
  });

  it("leaves none of the Pagefind processes it started running when it returns, whichever indexer writes", async () => {
    // Pagefind's close kills its process without waiting: a build that ended at once left it running, orphaned.
    const { site } = loadContent(path.join(project, "content"), { root: project });
    const records = buildSiteModel(site).searchRecords;
    const dir = mkdtempSync(path.join(os.tmpdir(), "lysark-search-"));
    try {
      for (const options of [{ indexer: "lysark" }, { indexer: "pagefind" }, { indexer: "pagefind", sliceRecords: 1 }] as const) {
        const before = new Set(childProcesses(PAGEFIND_PROCESS));
        await writeSearchBundles(records, dir, options);
        expect(
          childProcesses(PAGEFIND_PROCESS).filter((pid) => !before.has(pid)),
          JSON.stringify(options),
        ).toEqual([]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes byte-identical bundles for the same input", () => {
    const [a, b] = out.map((dir) => path.join(dir!, "pagefind"));
    expect(filesUnder(a!)).toEqual(filesUnder(b!));
    for (const file of filesUnder(a!)) {
      expect(readFileSync(path.join(b!, file)).equals(readFileSync(path.join(a!, file))), file).toBe(true);
    }
    expect(existsSync(path.join(a!, "pagefind-entry.json"))).toBe(true);
  });
});

describe("choosing the indexer with LYSARK_INDEXER", () => {
  it("is Lysark's writer unless Pagefind is named, and refuses any other name, saying which are known", () => {
    expect(indexerFromEnvironment(undefined)).toBe("lysark");
    expect(indexerFromEnvironment("")).toBe("lysark");
    expect(indexerFromEnvironment("lysark")).toBe("lysark");
    expect(indexerFromEnvironment("pagefind")).toBe("pagefind");
    expect(() => indexerFromEnvironment("pagefnd")).toThrow('LYSARK_INDEXER is "pagefnd": use "lysark" (the default) or "pagefind", or leave it unset.');
    expect(() => indexerFromEnvironment("Pagefind")).toThrow(/LYSARK_INDEXER is "Pagefind"/);
  });
});

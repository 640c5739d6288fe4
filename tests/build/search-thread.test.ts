/**
 * The search phase on its own thread (scripts/build/search-thread.ts): the
 * index it writes is the main thread's byte for byte, spooled slide texts
 * are read there, its progress reaches the main thread, and its errors fail
 * the build with their message. A build starts the thread before the content
 * loads and indexes as soon as the records are built; its site is the one a
 * build indexing on the main thread writes. Once the thread has the records,
 * the main thread lets go of them, while the index is still being written.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { SearchThread, writeSearchBundlesOnThread } from "../../scripts/build/search-thread.ts";
import { BACKGROUND_THREAD_NICE } from "../../scripts/content/thread-priority.ts";
import { descendants, mainThreadStat, otherThreads, procStat } from "../helpers/proc.ts";
import { indexSearch } from "../../scripts/build/write-site.ts";
import { phaseTimer } from "../../scripts/publish/assets.ts";
import { loadContent } from "../../scripts/content/load.ts";
import type { Progress } from "../../scripts/progress/progress.ts";
import { writeSearchBundles, type SearchIndexStats } from "../../scripts/search/index.ts";
import { RecordSpool } from "../../scripts/search/record-spool.ts";
import type { SearchRecord } from "../../scripts/search/records.ts";
import { buildSiteModel } from "../../scripts/site/model.ts";
import { filesUnder, makeProject, removeProject } from "../helpers/fixture.ts";

describe("the search index on its own thread", () => {
  let project: string;
  let dir: string;
  let records: readonly SearchRecord[];
  beforeAll(() => {
    project = makeProject();
    dir = mkdtempSync(path.join(os.tmpdir(), "lysark-search-thread-"));
    // The fixture's records four times over, under other URLs: enough for slices of two records (search/slices.ts).
    records = buildSiteModel(loadContent(path.join(project, "content"), { root: project }).site).searchRecords.flatMap((record) =>
      [0, 1, 2, 3].map((copy) => ({ ...record, id: `${record.id}-${copy}`, url: `${record.url}${copy}/`, parts: record.parts })),
    );
  });
  afterAll(() => {
    removeProject(project);
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the same index as the main thread, reading spooled texts, and reports its progress", async () => {
    const here = path.join(dir, "here");
    // Two writer processes each (Lysark's writer, the default), for slices of two records: the thread starts its
    // processes itself, and keeps the slices where it is told.
    await writeSearchBundles(records, here, { processes: 2, sliceRecords: 2 });
    const spool = new RecordSpool(path.join(dir, "site.search-records"));
    const spooled = records.map((record) => spool.put(record));
    const events: string[] = [];
    const progress: Progress = {
      phase: (name, total, unit) => {
        events.push(`${name} ${total} ${unit}`);
        return { tick: (count = 1) => void events.push(`+${count}`), done: () => void events.push("done") };
      },
    };
    const there = path.join(dir, "there");
    const sliceCache = path.join(dir, "slices");
    const stats = await writeSearchBundlesOnThread(spooled, there, { progress, minRecords: 1, processes: 2, sliceRecords: 2, sliceCache });
    spool.remove();
    expect(stats.documents).toBe(records.length);
    expect(stats.processes).toBe(2);
    expect(readdirSync(sliceCache)).toHaveLength(stats.slices);
    expect(stats.slices).toBeGreaterThan(2);
    const files = filesUnder(path.join(here, "pagefind"));
    expect(filesUnder(path.join(there, "pagefind"))).toEqual(files);
    for (const file of files) expect(readFileSync(path.join(there, "pagefind", file)), file).toEqual(readFileSync(path.join(here, "pagefind", file)));
    expect(events[0]).toBe(`indexed ${records.length} documents`);
    expect(events.filter((event) => event.startsWith("+")).reduce((sum, event) => sum + Number(event.slice(1)), 0)).toBe(records.length);
    expect(events.at(-1)).toBe("done");
  });

  it("takes more processes on the thread when the main thread says so, for the same index", async () => {
    const here = path.join(dir, "one-process");
    await writeSearchBundles(records, here, { processes: 1, sliceRecords: 2 });
    let say = () => {};
    const when = new Promise<void>((resolve) => {
      say = resolve;
    });
    const there = path.join(dir, "told");
    const indexing = writeSearchBundlesOnThread(records, there, { minRecords: 1, processes: 1, sliceRecords: 2, moreProcesses: { upTo: 2, when } });
    // Told after the thread has started, over the task's port, as a build tells it once its pages are written.
    say();
    const stats = await indexing;
    expect(stats.processes).toBe(2);
    const files = filesUnder(path.join(here, "pagefind"));
    expect(filesUnder(path.join(there, "pagefind"))).toEqual(files);
    for (const file of files) expect(readFileSync(path.join(there, "pagefind", file)), file).toEqual(readFileSync(path.join(here, "pagefind", file)));
  });

  it.runIf(process.platform === "linux")(
    "runs at the lowest priority, and so do the Pagefind processes it starts to index, but not the main thread",
    async () => {
      const mainNice = procStat(mainThreadStat).nice;
      const threadNices = new Set<number>();
      const pagefindNices = new Set<number>();
      const children = descendants(1);
      // A Pagefind process an earlier test started from the main thread may not have exited yet (under load it
      // lingers): it runs at the build's priority and is not this index's.
      const earlier = new Set(children().keys());
      const look = () => {
        for (const thread of otherThreads().values()) threadNices.add(thread.nice);
        for (const [pid, stat] of children()) if (!earlier.has(pid) && stat.comm.startsWith("pagefind")) pagefindNices.add(stat.nice);
      };
      const watching = setInterval(look, 2);
      try {
        await writeSearchBundlesOnThread(records, path.join(dir, "low-priority"), { minRecords: 1, processes: 2, sliceRecords: 2, indexer: "pagefind" });
      } finally {
        clearInterval(watching);
      }
      expect(threadNices).toContain(BACKGROUND_THREAD_NICE);
      expect([...pagefindNices]).toEqual([BACKGROUND_THREAD_NICE]);
      expect(procStat(mainThreadStat).nice).toBe(mainNice);
    },
  );

  it.runIf(process.platform === "linux")(
    "writes with Lysark's writer (the default) in processes at the lowest priority, each with a Pagefind process for stems, the index the main thread writes",
    async () => {
      const here = path.join(dir, "writer-here");
      await writeSearchBundles(records, here, { processes: 2, sliceRecords: 2 });
      const mainNice = procStat(mainThreadStat).nice;
      const threadNices = new Set<number>();
      const writerNices = new Set<number>();
      const pagefindNices = new Set<number>();
      const family = descendants(2);
      // Children this process had already are not writers: the Chromium an earlier file's browser tests left open
      // for the worker (tests/helpers/browser.ts), whose own threads run above the normal priority.
      const earlier = new Set(family().keys());
      const look = () => {
        for (const thread of otherThreads().values()) threadNices.add(thread.nice);
        const stats = family();
        // The writer processes are the children this process starts, and each starts a Pagefind process for its stems.
        const writers = new Set(
          [...stats].filter(([pid, stat]) => stat.generation === 1 && !earlier.has(pid) && !stat.comm.startsWith("pagefind")).map(([pid]) => pid),
        );
        for (const [pid, stat] of stats) {
          if (writers.has(pid)) writerNices.add(stat.nice);
          else if (writers.has(stat.parent) && stat.comm.startsWith("pagefind")) pagefindNices.add(stat.nice);
        }
      };
      const watching = setInterval(look, 2);
      let stats: SearchIndexStats | undefined;
      try {
        stats = await writeSearchBundlesOnThread(records, path.join(dir, "writer-there"), { minRecords: 1, processes: 2, sliceRecords: 2 });
      } finally {
        clearInterval(watching);
      }
      expect(threadNices).toContain(BACKGROUND_THREAD_NICE);
      expect([...writerNices]).toEqual([BACKGROUND_THREAD_NICE]);
      expect([...pagefindNices]).toEqual([BACKGROUND_THREAD_NICE]);
      expect(procStat(mainThreadStat).nice).toBe(mainNice);
      expect(stats!.processes).toBe(2);
      const files = filesUnder(path.join(here, "pagefind"));
      expect(filesUnder(path.join(dir, "writer-there", "pagefind"))).toEqual(files);
      for (const file of files)
        expect(readFileSync(path.join(dir, "writer-there", "pagefind", file)), file).toEqual(readFileSync(path.join(here, "pagefind", file)));
    },
  );

  it("fails with the thread's own message when a spooled text changed under the build", async () => {
    const spool = new RecordSpool(path.join(dir, "changed.search-records"));
    const spooled = records.map((record) => spool.put(record));
    writeFileSync(spool.file, Buffer.alloc(readFileSync(spool.file).length, 32));
    await expect(writeSearchBundlesOnThread(spooled, path.join(dir, "changed"), { minRecords: 1 })).rejects.toThrow(
      /was changed during the build\. Build again\./,
    );
    spool.remove();
  });

  it("lets go of the records on the main thread once the thread has them, while it indexes", async () => {
    // A model whose records a build's search thread takes keeps none of them itself.
    const taken: (readonly SearchRecord[])[] = [];
    const model = buildSiteModel(loadContent(path.join(project, "content"), { root: project }).site, { onSearchRecords: (given) => taken.push(given) });
    expect(taken).toHaveLength(1);
    expect(taken[0]!.length).toBe(model.documents.length);
    expect(model.searchRecords).toEqual([]);

    // The whole search phase of a build (timed, cached, on the thread): the records passed in are collectable while it runs.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const thread = new SearchThread();
    const timings: Record<string, number> = {};
    let given: SearchRecord[] | undefined = records.map((record) => ({ ...record }));
    const handed = new WeakRef(given);
    let finished = false;
    const indexing = indexSearch(given, path.join(dir, "handed"), {
      root: path.join(dir, "handed-root"),
      time: phaseTimer(timings),
      buildCode: { content: "content", pages: "pages" },
      cacheReport: {},
      thread,
    }).finally(() => {
      finished = true;
    });
    given = undefined;
    try {
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      await new Promise((resolve) => setImmediate(resolve));
      // Checked while indexing: once it is done, the records would be let go of anyway.
      expect(finished).toBe(false);
      expect(handed.deref()).toBeUndefined();
      await indexing;
      expect(timings.search).toBeGreaterThan(0);
      expect(readdirSync(path.join(dir, "handed", "pagefind"))).toContain("pagefind-entry.json");
    } finally {
      await indexing.catch(() => undefined);
      await thread.destroy();
    }
  });
});

describe("a build that starts the search thread before the content loads", () => {
  const DOCUMENT = path.join("content", "testby", "likestilling-i-testby.md");
  const siteOf = (root: string) => {
    const site = path.join(root, "_site");
    return new Map(filesUnder(site).map((file) => [file, readFileSync(path.join(site, file))]));
  };

  it("writes the site a build indexing on the main thread writes, cold and after an edit", async () => {
    const early = makeProject();
    const main = makeProject();
    try {
      const both = async () => {
        const [threaded, unthreaded] = [
          await build({ root: early, searchThreadFrom: 1 }),
          await build({ root: main, searchThreadFrom: Number.POSITIVE_INFINITY }),
        ];
        expect(threaded.ok && unthreaded.ok).toBe(true);
        expect(threaded.timings.search).toBeGreaterThan(0);
        expect(threaded.cache).toEqual(unthreaded.cache);
        const [a, b] = [siteOf(early), siteOf(main)];
        expect([...a.keys()]).toEqual([...b.keys()]);
        expect([...a.keys()].some((file) => file.startsWith("pagefind/pagefind-entry"))).toBe(true);
        for (const [file, bytes] of a) expect(bytes.equals(b.get(file)!), file).toBe(true);
        return threaded;
      };
      await both();
      // The thread keeps the index it wrote in the search cache, as the main thread does when it indexes.
      const keptIndex = (root: string) => {
        const kept = path.join(root, ".cache", "lysark", "search");
        return new Map(filesUnder(kept).map((file) => [file, readFileSync(path.join(kept, file))]));
      };
      expect(keptIndex(early).size).toBeGreaterThan(2);
      // Its files, that is: the manifest's key names the project's own content folder, which differs.
      const files = (root: string) => new Map([...keptIndex(root)].filter(([file]) => file !== "manifest.json"));
      expect(keptIndex(early).has("manifest.json")).toBe(true);
      expect(files(early)).toEqual(files(main));
      for (const root of [early, main]) appendFileSync(path.join(root, DOCUMENT), "\nEin setning om sykkelvegar.\n");
      const warm = await both();
      expect(warm.cache).toMatchObject({ documentsLoaded: 1, searchReused: false });
    } finally {
      removeProject(early);
      removeProject(main);
    }
  });

  it("stops the thread and keeps the last site when the content has an error", async () => {
    const project = makeProject();
    try {
      expect((await build({ root: project, searchThreadFrom: 1 })).ok).toBe(true);
      const before = siteOf(project);
      writeFileSync(path.join(project, DOCUMENT), "---\ntitle: [\n---\n");
      const failed = await build({ root: project, searchThreadFrom: 1 });
      expect(failed.ok).toBe(false);
      expect(siteOf(project)).toEqual(before);
      expect(readdirSync(project).filter((name) => name.includes("building"))).toEqual([]);
    } finally {
      removeProject(project);
    }
  });
});

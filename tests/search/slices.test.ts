/**
 * A large site's search index in slices (scripts/search/slices.ts): where the
 * records are cut, and the slices' bundles kept between builds. A build that
 * takes slices from the cache must write the bundle a build without it writes,
 * byte for byte, and a damaged entry must be indexed again, not joined.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { writeSearchBundles, type SearchIndexStats } from "../../scripts/search/index.ts";
import { RECORD_HASH, type SearchRecord } from "../../scripts/search/records.ts";
import { inSliceOrder, SLICED_SITE_MIN_SLICES, sliceBounds } from "../../scripts/search/slices.ts";
import { filesUnder } from "../helpers/fixture.ts";

const urls = (n: number, prefix = "d") => Array.from({ length: n }, (_, i) => `/dokumenter/kommune-${i % 37}/${prefix}${i}/`);

/** Runs `use` in a fresh folder named after `name`, removed after it, with any environment variable it stubbed restored. */
async function inWorkFolder(name: string, use: (work: string) => Promise<void>): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), `lysark-${name}-`));
  try {
    await use(work);
  } finally {
    vi.unstubAllEnvs();
    rmSync(work, { recursive: true, force: true });
  }
}

describe("where the records are cut into slices", () => {
  it("keeps a small site in one slice", () => {
    expect(sliceBounds(urls(SLICED_SITE_MIN_SLICES * 10 - 1), 10)).toEqual([[0, SLICED_SITE_MIN_SLICES * 10 - 1]]);
    expect(sliceBounds([], 10)).toEqual([]);
  });

  it("cuts a large one into consecutive slices of half to twice the target, covering every record once", () => {
    const bounds = sliceBounds(urls(5000), 100);
    expect(bounds[0]![0]).toBe(0);
    expect(bounds.at(-1)![1]).toBe(5000);
    for (const [i, [from, to]] of bounds.entries()) {
      if (i > 0) expect(from).toBe(bounds[i - 1]![1]);
      expect(to - from).toBeGreaterThanOrEqual(50);
      expect(to - from).toBeLessThanOrEqual(200);
    }
    // About the target on average, not always the largest size.
    expect(bounds.length).toBeGreaterThan(5000 / 200);
    expect(bounds.length).toBeLessThan(5000 / 70);
  });

  it("moves only the slice a new document joins: the others keep their records", () => {
    const before = urls(3000);
    const after = [...before.slice(0, 1500), "/dokumenter/ny/dokument/", ...before.slice(1500)];
    const slices = (list: string[]) => sliceBounds(list, 100).map(([from, to]) => list.slice(from, to).join(" "));
    const kept = slices(before).filter((slice) => slices(after).includes(slice));
    expect(kept.length).toBeGreaterThanOrEqual(slices(before).length - 2);
  });
});

function record(i: number, text: string): SearchRecord {
  return {
    id: `testby/d${i}`,
    url: `/dokumenter/testby/d${i}/`,
    language: "nb",
    title: `Dokument ${i}`,
    meta: { title: `Dokument ${i}`, doc: `testby/d${i}`, publisher: "testby", date: `20${10 + (i % 9)}-01-15` },
    filters: { publisher: ["testby"], topic: [], type: ["report"], year: [`20${10 + (i % 9)}`], language: ["nb"] },
    sort: { newest: `20${10 + (i % 9)}-01-15`, oldest: `20${10 + (i % 9)}-01-15` },
    head: [],
    parts: [{ anchor: "section-1", title: `Del ${i}`, text, topics: [] }],
  };
}

const RECORDS = Array.from({ length: 40 }, (_, i) =>
  record(i, `Plan for vann og avløp, del ${i}. Økonomiplan og handlingsprogram for skolene ${i % 5}, barnehagene og helsestasjonene.`),
);
const EDITED = RECORDS.map((each, i) => (i === 25 ? record(i, `${each.parts[0]!.text} Et nytt avsnitt om bibliotekene.`) : each));

/** Every file of a bundle, by path. */
const contents = (bundle: string) => Object.fromEntries(filesUnder(bundle).map((file) => [file, readFileSync(path.join(bundle, file))]));

describe("the slices' bundles joined in the order of their records", () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

  it("joins each slice once every slice before it is in place, one at a time, whatever order they are placed in", async () => {
    const calls: string[] = [];
    let running = 0;
    const order = inSliceOrder(async (k) => {
      running++;
      calls.push(`start ${k}${running > 1 ? " while another runs" : ""}`);
      await tick();
      running--;
    });
    order.placed(2);
    order.placed(1);
    await tick();
    expect(calls).toEqual([]);
    order.placed(0);
    order.placed(4);
    await order.done();
    expect(calls).toEqual(["start 0", "start 1", "start 2"]);
    order.placed(3);
    await order.done();
    expect(calls).toEqual(["start 0", "start 1", "start 2", "start 3", "start 4"]);
    expect(order.failed).toBeUndefined();
  });

  it("joins nothing after a slice that could not be joined, and keeps its error", async () => {
    const joined: number[] = [];
    const order = inSliceOrder(async (k) => {
      if (k === 1) throw new Error("slice 1 is damaged");
      joined.push(k);
    });
    for (const k of [0, 1, 2, 3]) order.placed(k);
    await order.done();
    expect(joined).toEqual([0]);
    expect((order.failed as Error).message).toBe("slice 1 is damaged");
  });
});

describe("a slice's bundle, kept between builds", () => {
  let work: string;
  let cache: string;
  const runs: Record<string, SearchIndexStats> = {};
  // Each bundle's files as written: a bundle's files are hard links to the cache's, which the damage below changes.
  const written: Record<string, Record<string, Buffer>> = {};
  const build = async (name: string, records: SearchRecord[], sliceCache?: string, joinWhileIndexing?: boolean) => {
    runs[name] = await writeSearchBundles(records, path.join(work, name), { processes: 2, sliceRecords: 5, sliceCache, joinWhileIndexing });
    written[name] = contents(path.join(work, name, "pagefind"));
  };
  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-slices-"));
    cache = path.join(work, "cache");
    await build("first", RECORDS, cache);
    await build("again", RECORDS, cache);
    await build("edited", EDITED, cache);
    await build("edited-uncached", EDITED);
    // As the dev server builds it: every slice joined after the last one.
    await build("edited-joined-after", EDITED, cache, false);
    // A kept file damaged: its slice is indexed again, and the bundle is as it should be.
    const entry = readdirSync(cache)[0]!;
    const fragment = filesUnder(path.join(cache, entry, "files")).find((file) => file.startsWith("fragment/"))!;
    writeFileSync(path.join(cache, entry, "files", fragment), "damaged");
    await build("after-damage", EDITED, cache);
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("indexes every slice once, then none when nothing changed, then only the slice an edit is in", () => {
    expect(runs.first!.slices).toBeGreaterThan(2);
    expect(runs.first!.slicesReused).toBe(0);
    expect(runs.again!.slicesReused).toBe(runs.again!.slices);
    expect(runs.again!.processes).toBe(0);
    expect(runs.edited!.slicesReused).toBe(runs.edited!.slices - 1);
    expect(runs.edited!.processes).toBe(1);
    expect(runs.edited!.words).toBe(runs["edited-uncached"]!.words);
  });

  it("writes the bundle a build without the cache writes, byte for byte", () => {
    expect(written.again).toEqual(written.first);
    expect(written.edited).toEqual(written["edited-uncached"]);
    expect(written.edited).not.toEqual(written.first);
    expect(written["edited-joined-after"]).toEqual(written["edited-uncached"]);
  });

  it("indexes a damaged entry's slice again instead of joining it", () => {
    expect(runs["after-damage"]!.slicesReused).toBe(runs["after-damage"]!.slices - 1);
    expect(written["after-damage"]).toEqual(written["edited-uncached"]);
  });

  it("keeps each slice's word chunks uncompressed, as the writer leaves them for the join, and every other data file gzipped", () => {
    const kept = readdirSync(cache).flatMap((entry) => filesUnder(path.join(cache, entry, "files")).map((file) => path.join(cache, entry, "files", file)));
    const start = (file: string) => readFileSync(file).subarray(0, 12).toString("latin1");
    const chunks = kept.filter((file) => file.endsWith(".pf_index"));
    expect(chunks.length).toBeGreaterThanOrEqual(runs["after-damage"]!.slices);
    for (const file of chunks) expect(start(file), file).toBe("pagefind_dcd");
    for (const file of kept.filter((file) => /\.pf_(fragment|filter|meta)$/.test(file))) expect(start(file).slice(0, 2), file).toBe("\x1f\x8b");
  });

  it("keeps only the slices of the last build", () => {
    expect(readdirSync(cache)).toHaveLength(runs["after-damage"]!.slices);
  });
});

describe("a record's text, read from disk on each access", () => {
  it("is read twice per record when its slice is written (the site's words, its page), once when the slice is kept", async () => {
    await inWorkFolder("slice-reads", async (work) => {
      const reads = new Map<string, number>();
      // As a spooled record is (record-spool.ts): its hash beside it, its parts a getter that reads them at each access.
      const spooled = (records: SearchRecord[]) =>
        records.map((each) => {
          const { parts, ...rest } = each;
          Object.defineProperty(rest, RECORD_HASH, { value: createHash("sha256").update(JSON.stringify(each)).digest("hex") });
          return Object.defineProperty(rest, "parts", {
            get: () => {
              reads.set(each.id, (reads.get(each.id) ?? 0) + 1);
              return structuredClone(parts);
            },
            enumerable: true,
          }) as SearchRecord;
        });
      const sliceCache = path.join(work, "cache");
      const cold = await writeSearchBundles(spooled(RECORDS), path.join(work, "cold"), { processes: 1, sliceRecords: 5, sliceCache });
      expect(cold.slices).toBeGreaterThan(2);
      expect(cold.slicesReused).toBe(0);
      expect(new Set(reads.values())).toEqual(new Set([2]));
      expect(reads.size).toBe(RECORDS.length);
      reads.clear();
      // Every slice from the cache but the edited one: only its records are read for the writer.
      const warm = await writeSearchBundles(spooled(EDITED), path.join(work, "warm"), { processes: 1, sliceRecords: 5, sliceCache });
      expect(warm.slicesReused).toBe(warm.slices - 1);
      const twice = [...reads].filter(([, n]) => n === 2).map(([id]) => id);
      expect(twice).toContain(EDITED[25]!.id);
      expect(twice.length).toBeLessThanOrEqual(10);
      expect([...reads.values()].filter((n) => n !== 1 && n !== 2)).toEqual([]);
      expect(reads.size).toBe(RECORDS.length);
      expect(readFileSync(path.join(work, "warm", "pagefind", "pagefind-entry.json"), "utf8")).not.toBe("");
    });
  }, 60_000);
});

describe("a kept slice whose records did not change, when another slice's words did", () => {
  it("is indexed again when what is added to its records changed: the bundle is a cold build's", async () => {
    await inWorkFolder("slice-extras", async (work) => {
      // "zorblaxturismen" gets the compound part "turismen" only once the site has a word stemming to "zorblax" (compounds.ts).
      const before = RECORDS.map((each, i) => (i === 3 ? record(i, `${each.parts[0]!.text} Zorblaxturismen vokser.`) : each));
      const after = before.map((each, i) => (i === 30 ? record(i, `${each.parts[0]!.text} Zorblaxen er her.`) : each));
      const sliceCache = path.join(work, "cache");
      const options = { processes: 1, sliceRecords: 5 };
      await writeSearchBundles(before, path.join(work, "before"), { ...options, sliceCache });
      const warm = await writeSearchBundles(after, path.join(work, "warm"), { ...options, sliceCache });
      await writeSearchBundles(after, path.join(work, "cold"), options);
      // Record 30's slice, and record 3's, whose compound parts changed.
      expect(warm.slicesReused).toBe(warm.slices - 2);
      const bundle = (name: string) => contents(path.join(work, name, "pagefind"));
      expect(bundle("warm")).toEqual(bundle("cold"));
    });
  }, 60_000);
});

describe("a sliced index without bundles (LYSARK_BUNDLES=off, or a read-only install)", () => {
  it("starts its writer processes from the TypeScript entry and writes the bundled run's index, byte for byte", async () => {
    await inWorkFolder("slices-tsx", async (work) => {
      const options = { processes: 1, sliceRecords: 5 };
      const bundled = await writeSearchBundles(RECORDS, path.join(work, "bundled"), options);
      vi.stubEnv("LYSARK_BUNDLES", "off");
      // fork was given the entry's file URL as a path, and the writer process never started.
      const throughTsx = await writeSearchBundles(RECORDS, path.join(work, "tsx"), options);
      expect(throughTsx.slices).toBe(bundled.slices);
      expect(throughTsx.slices).toBeGreaterThan(2);
      expect(contents(path.join(work, "tsx", "pagefind"))).toEqual(contents(path.join(work, "bundled", "pagefind")));
    });
  }, 60_000);
});

describe("a writer process that stops", () => {
  it("fails the index with the slice it was writing, not with an uncaught error", async () => {
    await inWorkFolder("slices-stopped", async (work) => {
      // Every process started from here stops before its first line, as a writer killed for its memory would.
      const stop = path.join(work, "stop.cjs");
      writeFileSync(stop, "process.exit(1);\n");
      vi.stubEnv("NODE_OPTIONS", `--require ${stop}`);
      await expect(writeSearchBundles(RECORDS, path.join(work, "out"), { processes: 1, sliceRecords: 5 })).rejects.toThrow(
        /The search index's writer (stopped \(status 1\) while it wrote|could not be sent) .*slice/,
      );
    });
  }, 60_000);
});

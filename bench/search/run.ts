/**
 * The search relevance benchmark: `npm run bench:search -- [--docs N] [--seed S] [--keep]`
 *
 * Before the queries it times the index build: "lysark" with the word-list and
 * word-form caches empty (a first build), then "lysark" with them warm (every
 * build after the first, and CI, which restores .cache/) and "lysark-plain"
 * in turn, `--index-runs R` rounds (default 3; 0 skips the timing), each
 * round's first build starting from empty caches.
 *
 * `--all-bytes` measures what every query downloads instead of a sample of 23,
 * and for the five heaviest also everything the search page downloads with it
 * (the page, CSS, scripts and Pagefind's files), as `npm run bench` does.
 *
 * Builds one site (a generated corpus of N documents with Danish and English
 * ones, the bundled content and the known-item documents), indexes its search
 * records in each configuration below, and runs the labelled queries
 * (bench/search/queries.ts) through Pagefind's pagefind.js in headless
 * Chromium, one fresh browser context per query. Prints recall@10 and MRR per
 * language and per kind of query, and the bytes one query downloads.
 *
 *   lysark        the bundle the build writes now (scripts/search/index.ts),
 *                 queried as the search page does (assets/search-query.js)
 *   lysark-plain  the same records indexed as before issue 17 (one stemmer,
 *                 no compound parts, no query expansion): "today"
 *   pagefind-cli  the same records as HTML pages indexed by Pagefind's CLI
 *                 with its defaults (one index per <html lang>), each query
 *                 run on its target language's index: the baseline
 */
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { copyAssets } from "../../scripts/publish/assets.ts";
import { pageRenderer } from "../../scripts/render/pages.ts";
import { writeSearchBundles, type SearchBundleOptions } from "../../scripts/search/index.ts";
import type { SearchRecord } from "../../scripts/search/records.ts";
import { loadSiteData, type SiteData } from "../../scripts/site/site-data.ts";
import { childrenExited, PAGEFIND_PROCESS } from "../../scripts/search/child-processes.ts";
import { cpuMs } from "../cpu.ts";
import { measureSearchDownload } from "../measure.ts";
import { wholeNumberOption } from "../options.ts";
import { checkTargets, LABELLED_QUERIES, QUERY_KINDS } from "./queries.ts";
import {
  indexWithPagefindCli,
  launch,
  measureQueryBytes,
  runQueries,
  scoreTable,
  type IndexedSite,
  type QueryBytes,
  type QueryOutcome,
  type Score,
} from "./evaluate.ts";
import { searchRecordsOf, writeSearchSite } from "./site.ts";

const option = (name: string, fallback: number) => wholeNumberOption(name, fallback, 0);
const docs = option("docs", 1000);
const seed = option("seed", 20261101);
const keep = process.argv.includes("--keep");
/** Measure the download of every labelled query, not one per language and kind (slow: a fresh browser context each). */
const allBytes = process.argv.includes("--all-bytes");
const indexRuns = option("index-runs", 3);
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1]!.split(",") : undefined;

/** Targets of issue 17, checked per language. */
const TARGET = { recall: 0.95, mrr: 0.8, compoundRecall: 0.9, ownIndexGap: 0.02, bytes: 300 * 1024 };

const work = path.join(os.tmpdir(), `lysark-bench-search-${docs}-${seed}`);
const f = (value: number) => value.toFixed(3);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : 0;
};

const ratio = (value: number) => `×${value.toFixed(2)}`;

interface IndexTiming {
  wallMs: number;
  /** This process and Pagefind's, once its process has exited. */
  cpuMs: number;
}

/** One index build of `records` into a fresh folder, timed from the call to Pagefind's exit. */
async function timeIndexBuild(records: readonly SearchRecord[], dir: string, options: SearchBundleOptions): Promise<IndexTiming> {
  rmSync(dir, { recursive: true, force: true });
  const cpu = cpuMs();
  const wall = performance.now();
  await writeSearchBundles(records, dir, options);
  const wallMs = performance.now() - wall;
  await childrenExited(PAGEFIND_PROCESS, 5000);
  return { wallMs, cpuMs: cpuMs() - cpu };
}

/**
 * Issue 17's "index build no slower than today": the same records indexed by
 * "lysark" as a build does (its caches in `cacheDir`), first with those caches
 * empty and then warm, and by "lysark-plain" (the code before issue 17), in
 * turn, so all three see the same machine. Each round empties the caches for
 * its first build: one first build alone swung ×0.93–×1.10 between two runs.
 */
async function timeIndexBuilds(records: readonly SearchRecord[], runs: number) {
  const dir = path.join(work, "index-timing");
  const cacheDir = path.join(dir, "cache");
  rmSync(dir, { recursive: true, force: true });
  const cached: SearchBundleOptions = { wordListCache: path.join(cacheDir, "word-lists"), wordFormCache: path.join(cacheDir, "word-forms") };
  const rounds: Array<{ first: IndexTiming; lysark: IndexTiming; plain: IndexTiming }> = [];
  for (let run = 0; run < runs; run++) {
    rmSync(cacheDir, { recursive: true, force: true });
    const first = await timeIndexBuild(records, path.join(dir, "lysark"), cached);
    const lysark = await timeIndexBuild(records, path.join(dir, "lysark"), cached);
    const plain = await timeIndexBuild(records, path.join(dir, "lysark-plain"), { plain: true });
    rounds.push({ first, lysark, plain });
  }
  rmSync(dir, { recursive: true, force: true });
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const spread = (values: number[]) => `${ratio(median(values))} (${ratio(Math.min(...values))}–${ratio(Math.max(...values))})`;
  const times = (pick: (round: (typeof rounds)[number]) => IndexTiming) =>
    `${s(median(rounds.map((round) => pick(round).wallMs)))} / ${s(median(rounds.map((round) => pick(round).cpuMs)))}`;
  const ratios = (pick: (round: (typeof rounds)[number]) => IndexTiming, of: "wallMs" | "cpuMs") => rounds.map((round) => pick(round)[of] / round.plain[of]);
  console.log(`\nIndex build (wall / CPU with Pagefind's process; ${runs} rounds in turn, median):`);
  console.log(`  lysark, first build (caches empty): ${times((round) => round.first)}`);
  console.log(`  lysark (caches warm, as every later build): ${times((round) => round.lysark)}`);
  console.log(`  lysark-plain (today): ${times((round) => round.plain)}`);
  console.log(
    `  lysark ÷ lysark-plain, round by round: wall ${spread(ratios((round) => round.lysark, "wallMs"))}, CPU ${spread(ratios((round) => round.lysark, "cpuMs"))}`,
  );
  console.log(
    `  first build ÷ lysark-plain, round by round: wall ${spread(ratios((round) => round.first, "wallMs"))}, CPU ${spread(ratios((round) => round.first, "cpuMs"))}`,
  );
  return { wallRatio: median(ratios((round) => round.lysark, "wallMs")), firstBuildRatio: median(ratios((round) => round.first, "wallMs")) };
}

interface Configuration {
  name: string;
  index: () => Promise<IndexedSite> | IndexedSite;
}

async function main(): Promise<void> {
  const started = performance.now();
  mkdirSync(work, { recursive: true });
  const project = writeSearchSite({ dir: path.join(work, "project"), corpusDocs: docs, seed });
  // The whole site's data only when the search page is rendered too (--all-bytes).
  const data: SiteData | undefined = allBytes ? loadSiteData(project) : undefined;
  const records = data ? data.model.searchRecords : searchRecordsOf(project);
  const problems = checkTargets(LABELLED_QUERIES, new Set(records.map((record) => record.id)));
  if (problems.length) throw new Error(problems.join("\n"));
  const languages = new Map<string, number>();
  for (const record of records) languages.set(record.language, (languages.get(record.language) ?? 0) + 1);
  console.log(
    `Search benchmark: ${records.length} documents (${[...languages].map(([language, n]) => `${language} ${n}`).join(", ")}), ${LABELLED_QUERIES.length} labelled queries, seed ${seed}`,
  );

  const indexTiming = indexRuns > 0 ? await timeIndexBuilds(records, indexRuns) : undefined;

  const lysark = (name: string, options: SearchBundleOptions): Configuration => ({
    name,
    index: async () => {
      const dir = path.join(work, name);
      rmSync(dir, { recursive: true, force: true });
      const startedIndex = performance.now();
      const stats = await writeSearchBundles(records, dir, options);
      console.log(`  ${name}: indexed in ${((performance.now() - startedIndex) / 1000).toFixed(1)} s, ${kb(stats.bytes)} on disk`);
      return { dir, client: options.plain ? "lysark-plain" : "lysark", perLanguage: false };
    },
  });
  const configurations: Configuration[] = [
    lysark("lysark", {}),
    lysark("lysark-plain", { plain: true }),
    {
      name: "pagefind-cli",
      index: () => {
        const startedIndex = performance.now();
        const site = indexWithPagefindCli(records, path.join(work, "pagefind-cli"));
        console.log(`  pagefind-cli: indexed in ${((performance.now() - startedIndex) / 1000).toFixed(1)} s (includes writing the pages)`);
        return site;
      },
    },
  ].filter((configuration) => !only || only.includes(configuration.name));

  // Downloads are measured on one query of each language and kind (a fresh browser each: slow).
  const sample = allBytes
    ? LABELLED_QUERIES
    : LABELLED_QUERIES.filter((query, i) => LABELLED_QUERIES.findIndex((other) => other.language === query.language && other.kind === query.kind) === i);
  const browser = await launch();
  const results = new Map<string, QueryOutcome[]>();
  const downloads = new Map<string, QueryBytes[]>();
  /** What the search page downloads in all for the heaviest queries of "lysark" (--all-bytes). */
  const wholePage: Array<{ query: string; pagefind: number; total: number; requests: number }> = [];
  try {
    for (const configuration of configurations) {
      const site = await configuration.index();
      results.set(configuration.name, await runQueries(browser, site, LABELLED_QUERIES));
      downloads.set(configuration.name, await measureQueryBytes(browser, site, sample));
      if (data && configuration.name === "lysark") {
        // The search pages and assets beside the bundle: a site a browser can open at /sok/.
        await pageRenderer(data).write("search", data.model.pages.search, site.dir);
        copyAssets(site.dir);
        const heaviest = [...downloads.get("lysark")!].sort((a, b) => b.total - a.total).slice(0, 5);
        for (const measured of heaviest) {
          const download = await measureSearchDownload(site.dir, "/sok/", measured.query.query);
          if (typeof download === "string") throw new Error(`could not measure the search page: ${download}`);
          wholePage.push({ query: measured.query.query, pagefind: download.pagefindBytes, total: download.totalBytes, requests: download.requests.length });
        }
      }
    }
  } finally {
    await browser.close();
  }

  const names = [...results.keys()];
  const tables = new Map(names.map((name) => [name, scoreTable(results.get(name)!)]));
  const cell = (score: Score | undefined) => (score ? `${f(score.recallAt10)} / ${f(score.mrr)}` : "–");
  const row = (label: string, pick: (name: string) => Score | undefined) => `| ${label} | ${names.map((name) => cell(pick(name))).join(" | ")} |`;
  console.log(`\nrecall@10 / MRR (n = queries)\n`);
  console.log(`| | ${names.join(" | ")} |`);
  console.log(`| --- | ${names.map(() => "---:").join(" | ")} |`);
  console.log(row(`all (${LABELLED_QUERIES.length})`, (name) => tables.get(name)!.all));
  for (const language of Object.keys(tables.get(names[0]!)!.byLanguage)) {
    console.log(row(`${language} (${tables.get(names[0]!)!.byLanguage[language]!.queries})`, (name) => tables.get(name)!.byLanguage[language]));
  }
  for (const kind of QUERY_KINDS) {
    const n = tables.get(names[0]!)!.byKind[kind]?.queries;
    if (n) console.log(row(`${kind} (${n})`, (name) => tables.get(name)!.byKind[kind]));
  }
  console.log(
    `\nBytes one query downloads (Pagefind's files, gzip, empty cache; ${sample.length} queries${allBytes ? "" : ", one per language and kind"}): median / max`,
  );
  for (const name of names) {
    const bytes = downloads.get(name)!.map((measured) => measured.total);
    console.log(
      `  ${name}: ${kb(median(bytes))} / ${kb(Math.max(...bytes))}, ${bytes.filter((total) => total > TARGET.bytes).length} over ${kb(TARGET.bytes)}`,
    );
  }
  // Where the bytes of the heaviest queries go: word index chunks, fragments, metadata, WebAssembly, scripts.
  for (const name of names) {
    console.log(`  heaviest of ${name}:`);
    for (const measured of [...downloads.get(name)!].sort((a, b) => b.total - a.total).slice(0, 5)) {
      const kinds = Object.entries(measured.byKind)
        .sort((a, b) => b[1].bytes - a[1].bytes)
        .map(([kind, { bytes, requests }]) => `${kind} ${kb(bytes)} (${requests})`);
      console.log(`    ${kb(measured.total)} "${measured.query.query}": ${kinds.join(", ")}`);
    }
  }

  if (wholePage.length) {
    console.log(
      `  with the page, CSS and scripts (/sok/ in a fresh browser, as a user types the query; the page loads the first five results' fragments), the five heaviest of lysark:`,
    );
    for (const measured of wholePage)
      console.log(`    ${kb(measured.total)} "${measured.query}" (${measured.requests} requests; Pagefind's files ${kb(measured.pagefind)})`);
  }

  // Targets (issue 17), for the configuration the build uses.
  const current = tables.get("lysark");
  const baseline = tables.get("pagefind-cli");
  const line = (ok: boolean, text: string) => console.log(`  ${ok ? "PASS" : "MISS"} ${text}`);
  if (current) {
    console.log(`\nTargets for "lysark":`);
    for (const [language, s] of Object.entries(current.byLanguage)) {
      line(s.recallAt10 >= TARGET.recall, `${language} recall@10 ${f(s.recallAt10)} ≥ ${TARGET.recall}`);
      line(s.mrr >= TARGET.mrr, `${language} MRR ${f(s.mrr)} ≥ ${TARGET.mrr}`);
      const own = baseline?.byLanguage[language];
      if (own && ["sv", "da", "en"].includes(language)) {
        line(
          s.recallAt10 >= own.recallAt10 - TARGET.ownIndexGap && s.mrr >= own.mrr - TARGET.ownIndexGap,
          `${language} within ${TARGET.ownIndexGap} of its own index (pagefind-cli ${cell(own)})`,
        );
      }
    }
    const compound = current.byKind.compound;
    if (compound) line(compound.recallAt10 >= TARGET.compoundRecall, `compound-part recall@10 ${f(compound.recallAt10)} ≥ ${TARGET.compoundRecall}`);
    const bytes = downloads.get("lysark")!.map((measured) => measured.total);
    line(
      Math.max(...bytes) <= TARGET.bytes,
      `largest query download ${kb(Math.max(...bytes))} ≤ ${kb(TARGET.bytes)} (Pagefind's files only, with ten results' fragments; the search page shows five first, and adds its HTML, CSS and scripts)`,
    );
    if (wholePage.length) {
      const largest = Math.max(...wholePage.map((measured) => measured.total));
      line(largest <= TARGET.bytes, `largest query download with the page, CSS and scripts ${kb(largest)} ≤ ${kb(TARGET.bytes)}`);
    }
  }
  if (indexTiming) {
    const { wallRatio, firstBuildRatio } = indexTiming;
    if (!current) console.log(`\nTargets:`);
    line(wallRatio <= 1, `index build no slower than today: lysark ${ratio(wallRatio)} lysark-plain's wall time (caches warm, median of ${indexRuns} rounds)`);
    line(firstBuildRatio <= 1, `index build no slower than today on a first build (caches empty): ${ratio(firstBuildRatio)} (median of ${indexRuns} rounds)`);
  }
  const missed = results.get("lysark")?.filter((outcome) => outcome.rank !== 1) ?? [];
  if (missed.length) {
    console.log(`\nQueries of "lysark" whose target is not first:`);
    for (const outcome of missed)
      console.log(
        `  ${outcome.query.language} ${outcome.query.kind} "${outcome.query.query}": ${outcome.rank ? `rank ${outcome.rank}` : `not in the first 10 (${outcome.results} results)`}`,
      );
  }
  console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  if (!keep) rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

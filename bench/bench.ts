/**
 * The benchmark: `npm run bench -- [--docs N] [--runs R] [--growth [--sizes 1000,5000,20000,50000]] [--seed S] [--no-dev] [--no-search] [--keep]`
 *
 * Generates a synthetic corpus of N documents (bench/corpus.ts), then builds
 * it alternately with (a) Lysark's full build and (b) a bare Eleventy build of
 * the same Markdown (bench/run-bare.ts), each in its own child process so
 * time and peak memory are per build. Prints a report with PASS/MISS lines
 * for the targets in docs/performance.md. --growth repeats the comparison for
 * N = 1000, 5000, 20000 and 50000.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statfsSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import v8 from "node:v8";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateCorpus, type CorpusInfo } from "./corpus.ts";
import { wholeNumberOption } from "./options.ts";
import { growingParts, growingPartsLine, type GrowthSize } from "./growth.ts";
import { bundledScript, folderSize, gzipSize, measureDevRebuild, measureSearchDownload, median, runChild, walkFiles, type ChildRun } from "./measure.ts";
import { ownProcessEnvironment } from "../scripts/cli/build-environment.mjs";

const repo = fileURLToPath(new URL("../", import.meta.url));
/** Both builds start as `npm run build` starts Lysark: from a bundle, without tsx's loader (measure.ts, bundledScript). */
const lysarkScript = bundledScript(path.join(repo, "bench", "run-lysark.ts"));
const bareScript = bundledScript(path.join(repo, "bench", "run-bare.ts"));
/** Lysark's builds get the environment `npm run build` starts its build's process with (scripts/cli/build-environment.mjs); bare Eleventy runs as started by hand. */
const lysarkEnvironment = ownProcessEnvironment("build");
const runLysark = (project: string, output: string) => runChild(lysarkScript, [project, output], repo, [], lysarkEnvironment);

// ---------------------------------------------------------------- options

const option = (name: string, fallback: number) => wholeNumberOption(name, fallback, 1);
const flag = (name: string) => process.argv.includes(`--${name}`);

const docs = option("docs", 5000);
const runs = option("runs", 2);
const seed = option("seed", 20261101);
const growth = flag("growth");
const sizesIndex = process.argv.indexOf("--sizes");
const sizes = sizesIndex > 0 ? process.argv[sizesIndex + 1]!.split(",").map(Number) : [1000, 5000, 20000, 50000];
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--sizes needs whole numbers, e.g. --sizes 1000,5000");
const keep = flag("keep");
const dev = !flag("no-dev");
const search = !flag("no-search");
const workDir = path.join(os.tmpdir(), growth ? "lysark-bench-growth" : "lysark-bench");

// ---------------------------------------------------------------- targets

/** The corpus's word on nearly every page ("kommune", stemmed "kommun"): the heaviest query, reported beside the target's. */
const COMMON_QUERY = "kommune";

// Issue 14's targets (docs/performance.md), at N = 5000 unless noted.
const TARGET = {
  /** Cold build with "socialCards": "site", against bare Eleventy. */
  siteCardsRatio: 2.0,
  /** Cold build with the default, a card per document. */
  ratio: 4.0,
  /** Warm rebuild (.cache/ kept), nothing changed. */
  warmRatio: 0.5,
  /** Warm rebuild (.cache/ kept), one document's body edited. */
  warmEditRatio: 2.0,
  /** CPU time ÷ wall time of the cold build, on two cores. */
  cpuPerWall: 1.8,
  memoryBytes: 2 * 1024 ** 3,
  /** Node's own peak (the build process, not Pagefind's) at N = 20000, in the growth run. */
  nodeMemoryBytes20k: 1024 ** 3,
  /** Largest time per document over the smallest, in the growth run ("flat"). */
  growthSpread: 1.25,
  rebuildMs: 500,
  pageBytes: 30 * 1024,
  searchBytes: 300 * 1024,
};

// ---------------------------------------------------------------- formatting

const MiB = 1024 ** 2;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const lines: string[] = [];
const say = (line = "") => {
  lines.push(line);
  console.log(line);
};
const verdict = (ok: boolean | undefined, text: string) => say(`${ok === undefined ? "N/A " : ok ? "PASS" : "MISS"}  ${text}`);

// ---------------------------------------------------------------- one size

interface BuildStats {
  wallMs: number;
  cpuMs: number;
  peakBytes: number;
  nodePeakBytes: number;
  timings: Record<string, number>;
  /** The pages phase by kind of page (BuildResult.pageKinds). */
  pageKinds: Record<string, number>;
  /** What the build took from .cache/lysark/ (BuildResult.cache). */
  cache: Record<string, number | boolean>;
}

/** Each name's median over the runs' records (phase timings, page kinds), in the order the names first appear. */
function medians(records: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number> {
  const values = new Map<string, number[]>();
  for (const record of records) for (const [name, ms] of Object.entries(record)) values.set(name, [...(values.get(name) ?? []), ms]);
  return Object.fromEntries([...values].map(([name, list]) => [name, median(list)]));
}

/** A run's phases and page kinds (as "pages: <kind>"), the parts growingParts compares (./growth.ts). */
const partsOf = (run: BuildStats): Record<string, number> => ({
  ...run.timings,
  ...Object.fromEntries(Object.entries(run.pageKinds).map(([kind, ms]) => [`pages: ${kind}`, ms])),
});

/** The bare baseline's V8 heap limit from this size on: its default (about 4 GiB) runs out near N = 50000. */
const BARE_LARGE_HEAP = { from: 30000, megabytes: 16384 };
const bareNodeArgs = (n: number) => (n >= BARE_LARGE_HEAP.from ? [`--max-old-space-size=${BARE_LARGE_HEAP.megabytes}`] : []);

function stats(run: ChildRun, what: string): BuildStats {
  if (run.code !== 0 || !run.report?.ok) {
    const detail = run.report?.errors?.length ? JSON.stringify(run.report.errors, null, 1) : `${run.stderr}\n${run.stdout}`.trim().slice(-3000);
    throw new Error(`${what} failed (exit ${run.code}):\n${detail}`);
  }
  // The child's own peak (kernel maxRSS) and the sampled peak of its process tree (covers helpers such as Pagefind's binary).
  // CPU: the child's own, every thread, and its child processes' as sampled (measure.ts, runChild).
  return {
    wallMs: run.wallMs,
    cpuMs: run.report.ownCpuMs + run.descendantsCpuMs,
    peakBytes: Math.max(run.report.maxRssBytes, run.sampledPeakBytes),
    nodePeakBytes: run.report.maxRssBytes,
    timings: run.report.timings,
    pageKinds: run.report.pageKinds ?? {},
    cache: run.report.cache ?? {},
  };
}

interface SizeResult {
  corpus: CorpusInfo;
  generateMs: number;
  lysark: BuildStats[];
  bare: BuildStats[];
  lysarkOut: string;
  bareOut: string;
  barePages: number;
  warm?: BuildStats;
  /** Warm, after one document's body was edited. */
  warmEdit?: BuildStats;
  /** Warm, nothing changed, into the folder the last build wrote (a user's next `npm run build`). */
  warmReplacing?: BuildStats;
  /** Cold, with "socialCards": "site". */
  siteCards?: BuildStats;
}

async function compare(n: number, runCount: number, warmRun = false): Promise<SizeResult> {
  const project = path.join(workDir, `corpus-${n}-${seed}`);
  const lysarkOut = path.join(workDir, `out-lysark-${n}`);
  const bareOut = path.join(workDir, `out-bare-${n}`);
  mkdirSync(workDir, { recursive: true });
  console.error(`· generating ${n} documents in ${project}`);
  const started = performance.now();
  const corpus = generateCorpus({ dir: project, docs: n, seed });
  const generateMs = performance.now() - started;

  const lysark: BuildStats[] = [];
  const bare: BuildStats[] = [];
  let barePages = 0;
  for (let i = 1; i <= runCount; i++) {
    // Both start from an empty output folder, so neither pays for deleting an old site,
    // and Lysark without its cache of social cards and images (.cache/): every build is a cold one.
    rmSync(lysarkOut, { recursive: true, force: true });
    rmSync(path.join(project, ".cache"), { recursive: true, force: true });
    console.error(`· run ${i}/${runCount}: (a) Lysark`);
    lysark.push(stats(await runLysark(project, lysarkOut), "Lysark build"));
    console.error(`  ${s(lysark.at(-1)!.wallMs)}, ${mb(lysark.at(-1)!.peakBytes)}`);
    rmSync(bareOut, { recursive: true, force: true });
    console.error(`· run ${i}/${runCount}: (b) bare Eleventy`);
    const bareRun = await runChild(bareScript, [project, bareOut], repo, bareNodeArgs(n));
    bare.push(stats(bareRun, "bare Eleventy build"));
    barePages = bareRun.report.pages;
    console.error(`  ${s(bare.at(-1)!.wallMs)}, ${mb(bare.at(-1)!.peakBytes)}`);
  }
  let warm: BuildStats | undefined;
  let warmEdit: BuildStats | undefined;
  let warmReplacing: BuildStats | undefined;
  let siteCards: BuildStats | undefined;
  if (warmRun) {
    // Into a folder of their own: the output figures below describe the cold build's site.
    const extraOut = `${lysarkOut}-extra`;
    /** An output folder, and the sites builds set aside beside it for the next build to remove. */
    const removeOutputs = (output: string) => {
      rmSync(output, { recursive: true, force: true });
      const setAside = `.${path.basename(output)}.building-`;
      for (const name of readdirSync(path.dirname(output)))
        if (name.startsWith(setAside)) rmSync(path.join(path.dirname(output), name), { recursive: true, force: true });
    };
    const lysarkRun = async (what: string) => {
      rmSync(extraOut, { recursive: true, force: true });
      try {
        return stats(await runLysark(project, extraOut), what);
      } finally {
        rmSync(extraOut, { recursive: true, force: true });
      }
    };
    // A rebuild that keeps .cache/ from the last run (what an editor, or CI with a cache, gets).
    console.error("· warm run: (a) Lysark with .cache/ kept, nothing changed");
    warm = await lysarkRun("Lysark build (warm)");
    // A user's next build writes into the folder the last one wrote: it sets the site it replaces aside and removes
    // the one set aside before while it works (scripts/build/staging.ts). The third build into one folder is that case.
    console.error("· warm run: (a) Lysark with .cache/ kept, nothing changed, into the last build's output (three builds)");
    removeOutputs(extraOut);
    try {
      for (let i = 0; i < 3; i++) warmReplacing = stats(await runLysark(project, extraOut), "Lysark build (warm, into its last output)");
    } finally {
      removeOutputs(extraOut);
    }
    console.error("· warm run: (a) Lysark with .cache/ kept, one document's body edited");
    const edited = path.join(project, corpus.sampleDocuments[0]!);
    const original = readFileSync(edited);
    appendFileSync(edited, "\nEn setning lagt til av benchmarken.\n");
    try {
      warmEdit = await lysarkRun("Lysark build (warm, one document edited)");
    } finally {
      writeFileSync(edited, original);
    }
    console.error('· cold run: (a) Lysark with "socialCards": "site"');
    const configFile = path.join(project, "site.config.json");
    const config = readFileSync(configFile, "utf8");
    writeFileSync(configFile, JSON.stringify({ ...JSON.parse(config), socialCards: "site" }, null, 2));
    rmSync(path.join(project, ".cache"), { recursive: true, force: true });
    try {
      siteCards = await lysarkRun("Lysark build (socialCards site)");
    } finally {
      writeFileSync(configFile, config);
    }
  }
  return { corpus, generateMs, lysark, bare, lysarkOut, bareOut, barePages, warm, warmEdit, warmReplacing, siteCards };
}

function cacheText(cache: Record<string, number | boolean>): string {
  if (cache.documentsReused === undefined) return "nothing (no build cache)";
  const documents = Number(cache.documentsReused) + Number(cache.documentsLoaded ?? 0);
  const pages = Number(cache.pagesReused ?? 0) + Number(cache.pagesRendered ?? 0);
  return `${cache.documentsReused} of ${documents} documents, ${cache.pagesReused ?? 0} of ${pages} pages (templated, oEmbed, citations), ${cache.recordsReused === undefined ? "" : `${cache.recordsReused} of ${Number(cache.recordsReused) + Number(cache.recordsMade ?? 0)} search records, `} search index ${cache.searchReused ? "reused" : `rebuilt${cache.searchSlices ? ` (${cache.searchSlicesReused ?? 0} of ${cache.searchSlices} slices kept)` : ""}`}${cache.siteReused ? " (the whole site linked from .cache/lysark/site/)" : ""}${cache.unsound ? `, ${cache.unsound} unsound entries` : ""}`;
}

function documentPages(site: string): string[] {
  const folders = ["dokumenter", path.join("en", "documents")].map((folder) => path.join(site, folder));
  return folders.flatMap((folder) => walkFiles(folder).filter((file) => file.endsWith("index.html")));
}

// ---------------------------------------------------------------- main

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}, ${new Date().toISOString().slice(0, 10)}`;
}

/** Magic numbers of statfs(2) for the file systems a bench is likely to run on. */
const FILE_SYSTEMS = new Map([
  [0xef53, "ext2/3/4"],
  [0x01021994, "tmpfs"],
  [0x794c7630, "overlayfs"],
  [0x58465342, "xfs"],
  [0x9123683e, "btrfs"],
]);

/**
 * The file system of the work folder. A cold build creates about 18 files and folders per document, and on
 * a virtual disk their cost can swing several-fold within a session (docs/performance-log.md, "What a cold build
 * spends on files"), so a report says where it ran; `TMPDIR=/dev/shm` runs it on tmpfs.
 */
function workFileSystem(): string {
  let dir = workDir;
  while (!existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const type = statfsSync(dir).type;
  return `${workDir} (${FILE_SYSTEMS.get(type) ?? `file system 0x${type.toString(16)}`})`;
}

async function main(): Promise<void> {
  say(
    `Lysark benchmark — ${growth ? `growth (N = ${sizes.join(", ")})` : `N = ${docs} documents`}, ${runs} run(s) each, alternating a (Lysark) / b (bare Eleventy), seed ${seed}`,
  );
  say(
    `Machine: ${machine()}; load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  say(`Work folder: ${workFileSystem()}`);
  say(
    `Started from: ${[lysarkScript, bareScript].map((script) => (script.endsWith(".ts") ? `${path.basename(script)} through tsx` : `a bundle, ${path.basename(script)}`)).join("; ")}`,
  );
  say(
    lysarkEnvironment
      ? `Lysark's builds run with ${Object.entries(lysarkEnvironment)
          .filter(([name, value]) => process.env[name] !== value)
          .map(([name, value]) => `${name}=${value}`)
          .join(" ")}, as \`npm run build\` starts them; bare Eleventy without`
      : `Both builds run in this environment (MALLOC_ARENA_MAX ${process.env.MALLOC_ARENA_MAX === undefined ? "unset" : `=${process.env.MALLOC_ARENA_MAX}`})`,
  );
  say();

  if (growth) {
    say(
      "| N | Lysark wall | bare wall | ratio a/b | Lysark CPU | bare CPU | CPU ratio | Lysark peak RSS (tree) | Lysark Node peak | bare peak RSS | Lysark ms/doc | Lysark KiB/doc |",
    );
    say("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    const rows: Array<{ n: number; wall: number; bareWall: number; cpu: number; peak: number; nodePeak: number }> = [];
    const partsBySize: GrowthSize[] = [];
    for (const n of sizes) {
      let result: SizeResult;
      try {
        result = await compare(n, runs);
      } catch (error) {
        const message = String((error as Error).message);
        const reason = /heap out of memory/i.test(message)
          ? `ran out of memory (V8 heap limit ${(v8.getHeapStatistics().heap_size_limit / MiB).toFixed(0)} MiB)`
          : message.split("\n").slice(0, 2).join(" ").slice(0, 300);
        say(`| ${n} | failed: ${reason} | | | | | | | | | | |`);
        // A build that died leaves its staging folder beside the output.
        for (const name of readdirSync(workDir)) {
          if (name.includes(`-${n}`)) rmSync(path.join(workDir, name), { recursive: true, force: true });
        }
        break;
      }
      const wall = median(result.lysark.map((r) => r.wallMs));
      const bareWall = median(result.bare.map((r) => r.wallMs));
      const peak = Math.max(...result.lysark.map((r) => r.peakBytes));
      const cpu = median(result.lysark.map((r) => r.cpuMs));
      const bareCpu = median(result.bare.map((r) => r.cpuMs));
      const nodePeak = Math.max(...result.lysark.map((r) => r.nodePeakBytes));
      rows.push({ n, wall, bareWall, cpu, peak, nodePeak });
      partsBySize.push({ n, wallMs: wall, parts: medians(result.lysark.map(partsOf)) });
      say(
        `| ${n} | ${s(wall)} | ${s(bareWall)} | ${(wall / bareWall).toFixed(2)} | ${s(cpu)} | ${s(bareCpu)} | ${(cpu / bareCpu).toFixed(2)} | ${mb(peak)} | ${mb(nodePeak)} | ${mb(Math.max(...result.bare.map((r) => r.peakBytes)))} | ${(wall / n).toFixed(2)} | ${(peak / 1024 / n).toFixed(0)} |`,
      );
      if (!keep) cleanup(result);
    }
    if (sizes.some((n) => n >= BARE_LARGE_HEAP.from)) {
      say();
      say(
        `The bare baseline ran with --max-old-space-size=${BARE_LARGE_HEAP.megabytes} from N = ${BARE_LARGE_HEAP.from} on (its default heap runs out); Lysark with Node's default.`,
      );
    }
    if (rows.length < 2) return;
    const first = rows[0]!;
    const last = rows.at(-1)!;
    const scale = last.n / first.n;
    say();
    say(
      `From N = ${first.n} to ${last.n} (×${scale}): wall time ×${(last.wall / first.wall).toFixed(1)}, CPU time ×${(last.cpu / first.cpu).toFixed(1)}, peak memory ×${(last.peak / first.peak).toFixed(1)}.`,
    );
    verdict(
      last.wall / first.wall <= scale * 1.15,
      `wall time grows linearly or better (×${(last.wall / first.wall).toFixed(1)} for ×${scale} documents; allowance 15 %)`,
    );
    verdict(last.cpu / first.cpu <= scale * 1.15, `CPU time grows linearly or better (×${(last.cpu / first.cpu).toFixed(1)} for ×${scale} documents)`);
    verdict(last.peak / first.peak <= scale * 1.15, `memory grows linearly or better (×${(last.peak / first.peak).toFixed(1)} for ×${scale} documents)`);
    const perDoc = rows.map((row) => row.wall / row.n);
    verdict(
      Math.max(...perDoc) <= Math.min(...perDoc) * TARGET.growthSpread,
      `time per document flat (within 25 %): ${perDoc.map((ms) => `${ms.toFixed(1)} ms`).join(" / ")}`,
    );
    // A build's fixed costs (process start, threads, the search index's processes) weigh most on the smallest size, for bare
    // Eleventy too: the time each further document adds from one size to the next says whether a document gets dearer.
    const further = (wall: (row: (typeof rows)[number]) => number) =>
      rows
        .slice(1)
        .map((row, i) => `${((wall(row) - wall(rows[i]!)) / (row.n - rows[i]!.n)).toFixed(1)} ms`)
        .join(" / ");
    say(growingPartsLine(growingParts(partsBySize)!));
    say(
      `info  time each further document adds, from one size to the next: Lysark ${further((row) => row.wall)}, bare Eleventy ${further((row) => row.bareWall)}; bare Eleventy's time per document ${rows.map((row) => `${(row.bareWall / row.n).toFixed(1)} ms`).join(" / ")}`,
    );
    verdict(
      rows.length === sizes.length,
      `Lysark completes every size of the growth run (${sizes.join(" / ")}): ${rows.map((row) => row.n).join(" / ")} completed`,
    );
    const at20k = rows.find((row) => row.n === 20000);
    verdict(
      at20k ? at20k.nodePeak <= TARGET.nodeMemoryBytes20k : undefined,
      `Node's own peak ≤ 1 GiB at N = 20000: ${at20k ? mb(at20k.nodePeak) : "n/a (N = 20000 not run)"}`,
    );
    return;
  }

  const result = await compare(docs, runs, true);
  const { corpus } = result;
  say(
    `Corpus: ${corpus.docs} documents, ${corpus.publishers} publishers, ${Math.round(corpus.words / corpus.docs)} words and ${kb(corpus.bytes / corpus.docs)} per document on average (${mb(corpus.bytes)} of Markdown), generated in ${s(result.generateMs)}`,
  );
  say();
  say("Build (each in its own process, empty output folder; wall time from process start to exit)");
  result.lysark.forEach((run, i) => {
    say(
      `  run ${i + 1}  a Lysark ${s(run.wallMs).padStart(9)}  ${mb(run.peakBytes).padStart(9)}   b bare ${s(result.bare[i]!.wallMs).padStart(9)}  ${mb(result.bare[i]!.peakBytes).padStart(9)}   a/b ${(run.wallMs / result.bare[i]!.wallMs).toFixed(2)}`,
    );
  });
  const lysarkWall = median(result.lysark.map((r) => r.wallMs));
  const bareWall = median(result.bare.map((r) => r.wallMs));
  const ratio = median(result.lysark.map((r, i) => r.wallMs / result.bare[i]!.wallMs));
  const lysarkPeak = Math.max(...result.lysark.map((r) => r.peakBytes));
  const barePeak = Math.max(...result.bare.map((r) => r.peakBytes));
  say(`  median   a Lysark ${s(lysarkWall)}, peak ${mb(lysarkPeak)}   b bare ${s(bareWall)}, peak ${mb(barePeak)}   ratio a/b ${ratio.toFixed(2)}`);
  const bareCpu = median(result.bare.map((r) => r.cpuMs));
  const warmLine = (run: BuildStats, what: string) =>
    say(
      `  warm    a Lysark ${s(run.wallMs)} with .cache/ kept, ${what}, peak ${mb(run.peakBytes)} (Node ${mb(run.nodePeakBytes)}); ratio to the median bare build ${(run.wallMs / bareWall).toFixed(2)}; CPU ${s(run.cpuMs)}, ratio to bare's CPU ${(run.cpuMs / bareCpu).toFixed(2)}\n` +
        `          from the cache: ${cacheText(run.cache)}; phases ${Object.entries(run.timings)
          .map(([phase, ms]) => `${phase} ${s(ms)}`)
          .join(", ")}`,
    );
  if (result.warm) warmLine(result.warm, "nothing changed");
  if (result.warmReplacing) warmLine(result.warmReplacing, "nothing changed, into the folder the last build wrote");
  if (result.warmEdit) warmLine(result.warmEdit, "one document's body edited");
  if (result.siteCards)
    say(
      // Its CPU time and phases say what the build spends besides the cards (docs/performance-log.md).
      `  cold    a Lysark ${s(result.siteCards.wallMs)} with "socialCards": "site", peak ${mb(result.siteCards.peakBytes)}; ratio ${(result.siteCards.wallMs / bareWall).toFixed(2)}; CPU ${s(result.siteCards.cpuMs)}, ratio to bare's CPU ${(result.siteCards.cpuMs / bareCpu).toFixed(2)}\n` +
        `          phases ${Object.entries(result.siteCards.timings)
          .map(([phase, ms]) => `${phase} ${s(ms)}`)
          .join(", ")}`,
    );
  const cpuPerWall = median(result.lysark.map((r) => r.cpuMs / r.wallMs));
  const nodePeak = Math.max(...result.lysark.map((r) => r.nodePeakBytes));
  say(
    `  Lysark CPU time ÷ wall time (cold): ${cpuPerWall.toFixed(2)}; Node's own peak RSS ${mb(nodePeak)} (the rest of the tree's peak is the search index's processes: its writers and their Pagefind processes)`,
  );
  const cpuRatio = median(result.lysark.map((r, i) => r.cpuMs / result.bare[i]!.cpuMs));
  say(
    `  CPU time (user + system, incl. the search index's processes; less sensitive to other load): a ${s(median(result.lysark.map((r) => r.cpuMs)))}, b ${s(median(result.bare.map((r) => r.cpuMs)))}, ratio a/b ${cpuRatio.toFixed(2)}`,
  );

  const phases = medians(result.lysark.map((run) => run.timings));
  say(
    `  Lysark phases (median; cards from the first, during validation, to the last; pages then render, beside attachments, images, cards and search: they overlap): ${Object.entries(
      phases,
    )
      .map(([phase, ms]) => `${phase} ${s(ms)}`)
      .join(", ")}`,
  );
  const phase = (name: string) => phases[name] ?? 0;
  const serial = ["validate", "assemble", "swap"].reduce((sum, name) => sum + phase(name), 0);
  // Cards begin during validation (their phase runs from the first card to the last), so only
  // the part after assembly adds to the side-by-side phases.
  const cardsAfter = Math.max(0, phase("cards") - phase("validate") - phase("assemble"));
  const parallel = Math.max(phase("pages") + phase("documents") + phase("render"), phase("attachments") + phase("images") + cardsAfter, phase("search"));
  say(`  other (process start, module loading, time outside the phases): ${s(Math.max(0, lysarkWall - serial - parallel))}`);

  const out = folderSize(result.lysarkOut);
  const bareOut = folderSize(result.bareOut);
  const index = folderSize(path.join(result.lysarkOut, "pagefind"));
  say();
  say("Output");
  say(`  Lysark: ${out.files} files, ${mb(out.bytes)}; bare: ${bareOut.files} files (${result.barePages} pages), ${mb(bareOut.bytes)}`);
  say(`  search index (pagefind/): ${index.files ? `${index.files} files, ${mb(index.bytes)}` : "n/a (no search index)"}`);
  const pages = documentPages(result.lysarkOut).map((file) => ({ file, bytes: statSync(file).size }));
  const cssFile = path.join(result.lysarkOut, "assets", "site.css");
  const css = existsSync(cssFile) ? statSync(cssFile).size : 0;
  pages.sort((a, b) => a.bytes - b.bytes);
  const largest = pages.at(-1);
  const medianPage = median(pages.map((p) => p.bytes));
  say(
    `  document pages: ${pages.length}; median ${kb(medianPage)}, largest ${kb(largest?.bytes ?? 0)} (${largest ? path.relative(result.lysarkOut, largest.file) : "–"}); site.css ${kb(css)}`,
  );
  const medianFile = pages[Math.floor(pages.length / 2)];
  const gz = (file: string | undefined) => (file && existsSync(file) ? gzipSize(file) : 0);
  const cssGz = gz(cssFile);
  const largestGz = gz(largest?.file) + cssGz;
  const medianGz = gz(medianFile?.file) + cssGz;
  say(`  as downloaded (gzip): median page + CSS ${kb(medianGz)}, largest page + CSS ${kb(largestGz)}`);

  let searchResult: Awaited<ReturnType<typeof measureSearchDownload>> = "n/a (skipped with --no-search)";
  if (search) {
    console.error("· search download in headless Chromium");
    searchResult = await measureSearchDownload(result.lysarkOut, "/sok/", "integrering").catch((error: Error) => `n/a (${error.message.split("\n")[0]})`);
  }
  if (typeof searchResult === "string") {
    say(`  one search query: ${searchResult}`);
  } else {
    say(
      `  one search query ("${searchResult.query}", ${searchResult.results} results shown): ${kb(searchResult.totalBytes)} downloaded (gzip for text; ${kb(searchResult.rawBytes)} uncompressed) in ${searchResult.requests.length} requests, of which Pagefind ${kb(searchResult.pagefindBytes)}`,
    );
    const groups = new Map<string, number>();
    for (const request of searchResult.requests) {
      // Pagefind's files grouped by kind: index/, fragment/, filter/ chunks, the entry, scripts, WebAssembly.
      const inBundle = request.path.replace(/^\/pagefind\/(?:[a-z]{2}\/)?/, "");
      const kind = !request.path.startsWith("/pagefind/")
        ? request.path
        : inBundle.includes("/")
          ? `${inBundle.split("/")[0]}/`
          : inBundle.replace(/[._-][0-9a-z_]{6,}.*$/, "").replace(/^pagefind-/, "");
      groups.set(kind, (groups.get(kind) ?? 0) + request.sent);
    }
    say(`    ${[...groups.entries()].map(([kind, bytes]) => `${kind} ${kb(bytes)}`).join(", ")}`);
  }
  if (search) {
    // A word on nearly every page: its postings are one index chunk that grows with the archive (docs/search.md, "Limits").
    console.error("· a common word's search download in headless Chromium");
    const common = await measureSearchDownload(result.lysarkOut, "/sok/", COMMON_QUERY).catch((error: Error) => `n/a (${error.message.split("\n")[0]})`);
    const chunks =
      typeof common === "string" ? 0 : common.requests.filter((request) => request.path.includes("/index/")).reduce((sum, request) => sum + request.sent, 0);
    say(
      typeof common === "string"
        ? `  a word on nearly every page: ${common}`
        : `  a word on nearly every page ("${common.query}", not a target): ${kb(common.totalBytes)} downloaded, of which index chunks ${kb(chunks)}`,
    );
  }

  let rebuild: Awaited<ReturnType<typeof measureDevRebuild>> = "n/a (skipped with --no-dev)";
  if (dev) {
    console.error("· dev server: first build, then one edited document");
    rebuild = await measureDevRebuild(repo, path.join(workDir, `corpus-${docs}-${seed}`), corpus.sampleDocuments[0]!, 15 * 60_000);
  }
  say(
    `  dev server: ${typeof rebuild === "string" ? rebuild : `first build ${s(rebuild.firstBuildMs)}; rebuild after editing one document ${s(rebuild.rebuildMs)} (${rebuild.pages} files written)${rebuild.note}; then its title edited (shown site-wide) ${typeof rebuild.titleEdit === "string" ? rebuild.titleEdit : `${s(rebuild.titleEdit.ms)} (${rebuild.titleEdit.files} files written)`}`}`,
  );

  say();
  say(`Targets (N = ${docs})`);
  const atTargetSize = docs === 5000;
  const note = atTargetSize ? "" : " (targets are set for N = 5000)";
  const vsBare = (run: BuildStats | undefined) => (run ? run.wallMs / bareWall : undefined);
  const ratioText = (value: number | undefined) => (value === undefined ? "n/a (not run)" : `${value.toFixed(2)}×`);
  const siteRatio = vsBare(result.siteCards);
  verdict(
    siteRatio === undefined ? undefined : siteRatio <= TARGET.siteCardsRatio,
    `cold full build with "socialCards": "site" ≤ ${TARGET.siteCardsRatio.toFixed(1)}× bare Eleventy: ${ratioText(siteRatio)}${note}`,
  );
  verdict(
    ratio <= TARGET.ratio,
    `cold full build, one card per document, ≤ ${TARGET.ratio.toFixed(1)}× bare Eleventy (median of ${runs}): ${ratio.toFixed(2)}×${note}`,
  );
  const warmRatio = vsBare(result.warm);
  verdict(
    warmRatio === undefined ? undefined : warmRatio <= TARGET.warmRatio,
    `warm rebuild, .cache/ kept, nothing changed ≤ ${TARGET.warmRatio.toFixed(1)}×: ${ratioText(warmRatio)}${note}`,
  );
  const warmEditRatio = vsBare(result.warmEdit);
  verdict(
    warmEditRatio === undefined ? undefined : warmEditRatio <= TARGET.warmEditRatio,
    `warm rebuild, .cache/ kept, one document's body edited ≤ ${TARGET.warmEditRatio.toFixed(1)}×: ${ratioText(warmEditRatio)}${note}`,
  );
  if (result.warmReplacing)
    say(
      `info  warm rebuild, nothing changed, into the folder the last build wrote (as a user's next build; the target's run starts from an empty folder): ${(result.warmReplacing.wallMs / bareWall).toFixed(2)}×, ${s(result.warmReplacing.wallMs)}`,
    );
  for (const [run, what] of [
    [result.warm, "nothing changed"],
    [result.warmEdit, "one body edited"],
  ] as const) {
    if (run) say(`info  warm rebuild (${what}): CPU time against bare Eleventy's (robust to machine load): ${(run.cpuMs / bareCpu).toFixed(2)}×`);
  }
  verdict(cpuPerWall >= TARGET.cpuPerWall, `CPU time ÷ wall time ≥ ${TARGET.cpuPerWall} on ${os.cpus().length} cores (cold build): ${cpuPerWall.toFixed(2)}`);
  say(`info  full build's CPU time against bare Eleventy's (cold; robust to machine load): ${cpuRatio.toFixed(2)}×`);
  verdict(lysarkPeak <= TARGET.memoryBytes, `peak memory of the whole process tree ≤ 2 GiB: ${mb(lysarkPeak)}${note}`);
  verdict(undefined, "Node's own peak ≤ 1 GiB at N = 20000: measured by the growth run (npm run bench -- --growth)");
  verdict(undefined, "growth run 1000 / 5000 / 20000 / 50000 completes, time per document flat: measured by npm run bench -- --growth");
  verdict(
    typeof rebuild === "string" ? undefined : rebuild.rebuildMs <= TARGET.rebuildMs,
    `dev-server rebuild after editing one document ≤ ${TARGET.rebuildMs / 1000} s: ${typeof rebuild === "string" ? rebuild : s(rebuild.rebuildMs)}`,
  );
  verdict(
    (largest?.bytes ?? 0) + css <= TARGET.pageBytes,
    `largest document page + site.css ≤ 30 KB, uncompressed: ${kb((largest?.bytes ?? 0) + css)} (median page + CSS ${kb(medianPage + css)})`,
  );
  verdict(largestGz <= TARGET.pageBytes, `largest document page + site.css ≤ 30 KB, as downloaded (gzip): ${kb(largestGz)} (median ${kb(medianGz)})`);
  verdict(
    typeof searchResult === "string" ? undefined : searchResult.totalBytes <= TARGET.searchBytes,
    `one search query downloads ≤ 300 KB: ${typeof searchResult === "string" ? searchResult : `${kb(searchResult.totalBytes)} (gzip for text; ${kb(searchResult.rawBytes)} uncompressed)`}`,
  );
  if (!keep) cleanup(result);
}

function cleanup(result: SizeResult): void {
  for (const dir of [result.lysarkOut, result.bareOut, result.corpus.dir]) rmSync(dir, { recursive: true, force: true });
}

await main();
// The work folder itself once its runs' folders are gone (a --keep run's stay in it); never a folder something else left there.
if (!keep) {
  try {
    rmdirSync(workDir);
  } catch {
    // Not empty, or already gone.
  }
}

/**
 * Lysark as an Eleventy plugin: `eleventy.before` loads and validates the
 * content (every problem at once; each document on a worker thread of
 * scripts/content/pool.ts) and assembles the site model; a content
 * error stops Eleventy's run there, before anything is written.
 * `eleventy.after` writes the whole site into Eleventy's output folder with
 * writeSite. Each call makes a fresh plugin: what one run loads stays in
 * that plugin, never in module state, so two runs in one process (tests,
 * the bench) do not see each other's data.
 */
import os from "node:os";
import { rmSync } from "node:fs";
import path from "node:path";
import { bodyCacheDir } from "../content/body-store.ts";
import { buildCode, type BuildCode, type CacheReport } from "../content/build-code.ts";
import type { DocumentCache } from "../content/document-cache.ts";
import type { Problem } from "../content/problems.ts";
import { phaseTimer, type Timer } from "../publish/assets.ts";
import type { CardWriter } from "../publish/cards.ts";
import { missingCardCharactersMessage } from "../publish/card-layout.ts";
import { loadSiteConfig } from "../content/site-config.ts";
import type { Progress } from "../progress/progress.ts";
import type { RecordSpool } from "../search/record-spool.ts";
import { isSearchOutput, type SearchRecord } from "../search/records.ts";
import type { SiteData } from "../site/site-data.ts";
import type { OutputPlan } from "./output-plan.ts";
import type { SearchThread } from "./search-thread.ts";
import type { Shard } from "./shards.ts";
import type { PreparedRecord, SearchRecordCache } from "../search/record-cache.ts";
import type { Pass1WorkerData } from "./pass1.ts";
import { pageCacheDir } from "../render/page-cache.ts";
import { bySitePath, readSiteInputs, SiteCache, siteCacheDir, type SiteInputs, siteInputsUnchanged, type SiteToKeep } from "./site-cache.ts";

// Eleventy ships no TypeScript types; this names the few calls used here.
export interface EleventyConfig {
  on(event: string, handler: (...args: any[]) => unknown): void;
  addWatchTarget(path: string): void;
  setTemplateFormats(formats: string[]): void;
}

interface EleventyEvent {
  directories?: { output?: string };
  dir?: { output?: string };
}

export interface LysarkPluginOptions {
  /** Project folder holding content/ and site.config.json. */
  root: string;
  /** Phase timings are added here (validate, assemble, pages, cards, search …). */
  timings?: Record<string, number>;
  /** The pages phase's time by kind of page is added here (../render/pages.ts, `kindTimes`). */
  pageKinds?: Record<string, number>;
  /** Documents validated, pages rendered, documents indexed (default: nothing shown). */
  progress?: Progress;
  /** Write only this slice of the site (`npm run build -- --shard i/n`). */
  shard?: Shard;
  /** Join these slices instead of rendering, then build the search index (`npm run build -- --merge …`). */
  mergeFrom?: readonly string[];
  /** False: neither read nor write the build cache, cards and processed images included (default true). */
  cache?: boolean;
  /** Read and hash every kept page before using it, whatever its stamp (`npm run build -- --verify-cache`). */
  verifyCache?: boolean;
  /** Index on a thread of its own, started before the content loads, from this many documents on (default SEARCH_THREAD_MIN_RECORDS). */
  searchThreadFrom?: number;
  /** Load documents on pass 1's pool from this many documents (and missing from the cache) on (default: ../content/pool.ts's). */
  poolFrom?: number;
}

export interface LysarkPlugin {
  /** Pass to `eleventyConfig.addPlugin`, or call with the config. */
  configure(eleventyConfig: EleventyConfig): void;
  /** Problems found by the last validation (warnings too), empty before one ran. */
  readonly problems: Problem[];
  /** The output plan of the last site written. */
  plan: OutputPlan | undefined;
  /** What the last run took from the build cache. */
  readonly cacheReport: CacheReport;
  /**
   * Call when Eleventy's build failed after Lysark's `eleventy.before` had started (another plugin, or
   * Eleventy itself, threw), since Eleventy then never runs `eleventy.after`: it waits for the step
   * under way, stops the card and search threads and removes the temporary files. Resolves once nothing
   * of this run writes any more, so the output folder can be removed after it.
   */
  abandon(): Promise<void>;
}

/**
 * The card and search threads of one run, and how to stop them. Made here, not in the step that loads the content:
 * every function made in a scope keeps that scope's variables, and these live until the site is written and kept,
 * long after the loaded content should have been let go of (at N = 5000 it was a fifth of the heap then).
 */
function runThreads(cards: CardWriter, searchThread: SearchThread | undefined) {
  let searchIndex: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  const stopSearch = async () => {
    await searchIndex?.catch(() => undefined);
    await searchThread?.destroy();
  };
  return {
    get searchIndex() {
      return searchIndex;
    },
    /** Starts the search index on the thread, which is let go as soon as the index is written, not at the end of the build:
     * its heap (the records, their word sets) would otherwise stay beside the pages being rendered. */
    index(write: (thread: SearchThread) => Promise<void>): void {
      if (searchThread) searchIndex = write(searchThread).finally(() => searchThread.destroy());
    },
    stopSearch,
    /** Stops the card and search threads, once, when the run fails: in its own steps, or in abandon() should Eleventy fail before its eleventy.after. */
    stop(): Promise<void> {
      // The search thread is stopped even if stopping the card pool failed.
      stopping ??= cards
        .cancel()
        .catch(() => undefined)
        .then(stopSearch);
      return stopping;
    },
  };
}

export function lysarkPlugin(options: LysarkPluginOptions): LysarkPlugin {
  const root = path.resolve(options.root);
  const timings = options.timings ?? {};
  const time: Timer = phaseTimer(timings);
  // The --no-cache build's folder of rendered bodies, every build's search record spool, and the records pass 1 made that
  // the model did not take (a failed build's: each build names them afresh), removed once its site is written or it failed.
  let temporaryBodies: string | undefined;
  let recordSpool: RecordSpool | undefined;
  const preparedRecords = new Map<string, PreparedRecord>();
  const removeTemporaryFiles = () => {
    if (temporaryBodies) rmSync(temporaryBodies, { recursive: true, force: true });
    temporaryBodies = undefined;
    recordSpool?.remove();
    recordSpool = undefined;
    for (const prepared of preparedRecords.values()) rmSync(prepared.file, { force: true });
    preparedRecords.clear();
  };
  let run:
    | {
        data: SiteData;
        cards: CardWriter;
        cardsStarted: number;
        code: BuildCode | undefined;
        documentCache: DocumentCache | undefined;
        searchRecords: SearchRecordCache | undefined;
        /** The search index being built on its own thread since the records were, and how to stop that thread. */
        search: { index: Promise<void> | undefined; stop: () => Promise<void> } | undefined;
        /** Says the pages are written: the search index's slices still waiting may then take more Pagefind processes. */
        pagesWritten: () => void;
        /** Filled in with the search index's files and the hashes the search cache read when it kept them (write-site.ts). */
        indexHashes: Map<string, string>;
        /** The whole-site cache and this build's inputs (their key, and their stamps), when the site is to be kept there. */
        site: { cache: SiteCache; inputs: SiteInputs; warnings: string[] } | undefined;
      }
    | { reused: true }
    | undefined;
  /** The `eleventy.before` step of the current run, and how to stop its threads, until its `eleventy.after` has run. */
  let before: Promise<void> | undefined;
  let stopThreads: (() => Promise<void>) | undefined;
  const plugin: LysarkPlugin = {
    problems: [],
    plan: undefined,
    cacheReport: {},
    configure(eleventyConfig) {
      eleventyConfig.addWatchTarget(`${root}/content/`);
      eleventyConfig.on("eleventy.before", (event: EleventyEvent) => {
        stopThreads = undefined;
        before = validateAndAssemble(event);
        return before;
      });
      const validateAndAssemble = async (event: EleventyEvent) => {
        const output = event.directories?.output ?? event.dir?.output;
        if (!output) throw new Error("Lysark's Eleventy plugin needs an output folder");
        // site.config.json is checked like content: its problems name the file, line and field.
        const { config, problems: configProblems } = loadSiteConfig(root);
        if (!config) {
          plugin.problems.splice(0, plugin.problems.length, ...configProblems);
          const { ContentErrors } = await import("../site/site-data.ts");
          throw new ContentErrors(configProblems);
        }
        const outputDir = path.resolve(output);
        for (const key of Object.keys(plugin.cacheReport)) delete plugin.cacheReport[key as keyof CacheReport];
        const code = options.cache === false ? undefined : buildCode(root);
        // Inputs unchanged since the last good build: its whole site is linked from the cache (./site-cache.ts).
        const whole = code && !options.shard && !options.mergeFrom;
        const siteCache = whole ? new SiteCache(siteCacheDir(root), pageCacheDir(root)) : undefined;
        const inputs = siteCache && code && (await time("inputs", async () => readSiteInputs(root, code.pages)));
        if (siteCache && inputs) {
          const snapshot = await time("reuse", async () => siteCache.restore(inputs.key, outputDir, { verify: options.verifyCache }));
          if (snapshot) {
            plugin.problems.splice(0, plugin.problems.length, ...snapshot.problems);
            for (const warning of snapshot.warnings) console.warn(warning);
            const { OutputPlan } = await import("./plan.ts");
            plugin.plan = OutputPlan.fromEntries(snapshot.plan);
            Object.assign(plugin.cacheReport, {
              siteReused: true,
              siteFilesChecked: siteCache.checked,
              documentsReused: snapshot.documents,
              documentsLoaded: 0,
              pagesReused: snapshot.pages,
              pagesRendered: 0,
              searchReused: true,
              unsound: 0,
            } satisfies CacheReport);
            run = { reused: true };
            return;
          }
        }
        // Loaded only when the site is made, not when it is reused whole: they are most of the build's module loading.
        const [
          { DocumentCache, documentCacheDir },
          { loadContentInParallel, countDocuments },
          { documentCardJob, siteCardJobs },
          { CardWriter, cardCacheDir },
          { verifyImages },
          { buildSiteModel },
          { inShard, isFirstShard },
          { RecordSpool },
          { SearchRecordCache, searchRecordCacheDir },
          { SearchThread, SEARCH_THREAD_MIN_RECORDS },
          { indexSearch },
          { PASS1_WORKER, buildPoolThreads },
        ] = await Promise.all([
          import("../content/document-cache.ts"),
          import("../content/pool.ts"),
          import("../publish/assets.ts"),
          import("../publish/cards.ts"),
          import("../content/verify-images.ts"),
          import("../site/model.ts"),
          import("./shards.ts"),
          import("../search/record-spool.ts"),
          import("../search/record-cache.ts"),
          import("./search-thread.ts"),
          // Pagefind is ES modules only, and Eleventy's CLI loads a TypeScript config as CommonJS: loaded here, not at the top.
          import("./write-site.ts"),
          import("./pass1.ts"),
        ]);
        // Each document's social card is handed to the card writer (its pool of threads) as soon as the document has
        // loaded, so cards are drawn on the other core while this one validates (docs/performance-log.md).
        const drawCards = config.socialCards === "documents" && !options.mergeFrom;
        const poolThreads = buildPoolThreads(os.availableParallelism(), drawCards);
        // Without the cache (--no-cache) every card is drawn into the output and none is kept: a read-only checkout builds.
        const cards = new CardWriter({ cacheDir: code ? cardCacheDir(root) : undefined, threads: poolThreads.cards });
        const cardsStarted = performance.now();
        // Pass 1 writes each rendered body to disk and the model keeps its outline (content/body-store.ts):
        // into the cache, or without it into a folder beside the staging folder, removed after the build.
        const bodyDir = code ? bodyCacheDir(root) : `${outputDir}.bodies`;
        if (!code) temporaryBodies = bodyDir;
        const documentCache = code && new DocumentCache(documentCacheDir(root), code.content, bodyDir);
        // The search index is built on its own thread, started now so it is ready the moment the records are
        // (./search-thread.ts); it then indexes while this thread assembles the rest of the model and renders.
        const contentDir = path.join(root, "content");
        const searchThread =
          !options.shard && !options.mergeFrom && countDocuments(contentDir) >= (options.searchThreadFrom ?? SEARCH_THREAD_MIN_RECORDS)
            ? new SearchThread()
            : undefined;
        const threads = runThreads(cards, searchThread);
        const { stop } = threads;
        stopThreads = stop;
        // With the cache, pass 1's workers make each document's search record too, and write it into the record cache
        // (./pass1-worker.ts); the model takes those records by document (search/record-cache.ts).
        const recordDir = code ? searchRecordCacheDir(root) : undefined;
        const { site, problems } = await time("validate", () =>
          loadContentInParallel(contentDir, {
            root,
            documentCache,
            bodyDir,
            progress: options.progress,
            threads: poolThreads.pass1,
            ...(options.poolFrom === undefined ? {} : { minDocuments: options.poolFrom, minUncached: options.poolFrom }),
            worker: recordDir ? { filename: PASS1_WORKER, data: { recordDir } satisfies Pass1WorkerData } : undefined,
            onDocument: (doc, publisher, extra) => {
              if (extra) preparedRecords.set(doc.file, extra as PreparedRecord);
              if (drawCards && inShard(options.shard, `${doc.meta.publisher}/${doc.slug}`)) cards.add(documentCardJob(doc, publisher, outputDir));
            },
          }),
        );
        if (documentCache) {
          Object.assign(plugin.cacheReport, {
            documentsReused: documentCache.hits,
            documentsLoaded: documentCache.misses,
            unsound: documentCache.rejected + (siteCache?.rejected ?? 0),
          });
        }
        // Every image is decoded before anything is written, as `npm run check` does.
        if (!problems.some((problem) => problem.severity === "error")) problems.push(...(await time("validate", () => verifyImages(site.documents))));
        plugin.problems.splice(0, plugin.problems.length, ...problems);
        if (problems.some((problem) => problem.severity === "error")) {
          await stop();
          removeTemporaryFiles();
          const { ContentErrors } = await import("../site/site-data.ts");
          throw new ContentErrors(problems);
        }
        if (isFirstShard(options.shard) && !options.mergeFrom) for (const job of siteCardJobs(config, outputDir)) cards.add(job);
        // What the model prints is kept with the site, to be printed again when it is reused.
        const warnings: string[] = [];
        const warn = (message: string) => {
          warnings.push(message);
          console.warn(message);
        };
        // Search records keep their slide texts in a file beside the staging folder until Pagefind reads them (search/record-spool.ts).
        recordSpool = new RecordSpool(`${outputDir}.search-records`);
        const spool = recordSpool;
        const searchRecords = recordDir === undefined ? undefined : new SearchRecordCache(recordDir, preparedRecords);
        // The search index's files with the hashes the search cache read when it kept them: the whole-site cache takes them.
        const indexHashes = new Map<string, string>();
        // Settled once the pages are written (writeRun): the slices still waiting then take the core they leave.
        let pagesWritten = () => {};
        const pagesWrittenWhen = new Promise<void>((resolve) => {
          pagesWritten = resolve;
        });
        const onSearchRecords =
          searchThread &&
          ((records: readonly SearchRecord[]) =>
            threads.index((thread) =>
              indexSearch(records, outputDir, {
                root,
                time,
                buildCode: code,
                progress: options.progress,
                cacheReport: plugin.cacheReport,
                indexHashes,
                thread,
                // A Pagefind process per core only when most documents came from the cache: a build that renders
                // most pages and draws most cards already keeps every core busy, and the slices' join (search/merge.ts)
                // and the processes' own work then cost it more than they save (docs/search.md, "Sixth pass").
                processes: documentCache && documentCache.hits >= documentCache.misses ? undefined : 1,
                moreProcesses: { when: pagesWrittenWhen },
              }),
            ));
        const model = await time("assemble", () =>
          buildSiteModel(site, { root, config, warn, searchRecords, recordSpool: spool, onSearchRecords, scoreRelatedOnce: true }),
        ).catch(async (error: unknown) => {
          await stop();
          removeTemporaryFiles();
          throw error;
        });
        if (searchRecords)
          Object.assign(plugin.cacheReport, {
            recordsReused: searchRecords.hits,
            recordsMade: searchRecords.misses,
            recordsMadeInPass1: searchRecords.adopted,
            unsound: (plugin.cacheReport.unsound ?? 0) + searchRecords.rejected,
          });
        run = {
          data: { model, config },
          cards,
          cardsStarted,
          code,
          documentCache,
          searchRecords,
          search: searchThread && { index: threads.searchIndex, stop: threads.stopSearch },
          pagesWritten,
          indexHashes,
          site: siteCache && inputs ? { cache: siteCache, inputs, warnings } : undefined,
        };
      };
      // Not an async function: the model goes to `writeRun` alone, which has returned before the whole-site cache is
      // kept, so nothing holds the model then (a suspended async function keeps its variables). At N = 20,000 the
      // model was a third of the main thread's heap while the site was kept (docs/performance-log.md).
      eleventyConfig.on("eleventy.after", (event: EleventyEvent) => {
        const output = event.directories?.output ?? event.dir?.output;
        if (!run || !output) return Promise.reject(new Error("Lysark's eleventy.after ran without its eleventy.before"));
        const current = run;
        run = undefined;
        if ("reused" in current) return Promise.resolve();
        // From here this handler stops the threads itself, whether it succeeds or not.
        before = stopThreads = undefined;
        const { cards, search } = current;
        return writeRun(current, path.resolve(output))
          .then((kept) => kept && time("keep", () => kept()))
          .catch(async (error: unknown) => {
            await cards.cancel();
            throw error;
          })
          .finally(async () => {
            await search?.stop();
            removeTemporaryFiles();
          });
      });
      /** Writes the site of `current` into `outputDir`; resolves to the step that keeps it in the whole-site cache, when it is to be kept. */
      const writeRun = async (current: Exclude<typeof run, undefined | { reused: true }>, outputDir: string): Promise<(() => Promise<void>) | undefined> => {
        const { data, cards, cardsStarted, code, documentCache, searchRecords, search, pagesWritten, indexHashes, site } = current;
        const finished = cards.finish().then((drawn) => {
          timings.cards = performance.now() - cardsStarted;
          // Text the card font cannot draw is shown as boxes; say so rather than let it pass unseen.
          if (cards.missingCharacters > 0) {
            const message = missingCardCharactersMessage(cards.missingCharacters, cards.cardsWithMissing);
            console.warn(message);
            site?.warnings.push(message);
          }
          return drawn;
        });
        const { writeSite } = await import("./write-site.ts");
        // The pages the page cache keeps, with their content hashes: the whole-site cache names them there instead of keeping them again.
        const contentHashes = new Map<string, string>();
        const contentStamps = new Map<string, string>();
        // The inputs checked again once every file the site is made from has been read: a file edited after the build
        // took their key, and before it was read, would leave a site made from other inputs under that key. Checked
        // while the search index's last slices may still be written, not after them. When they are unchanged, the site
        // is kept in the whole-site cache, all but the search index, beside its last slices and their join instead of
        // after them (at N = 5000 they took 2 to 4 s once the pages were written, with one core free); else it is not kept.
        let keeping: Promise<SiteToKeep> | undefined;
        const filesRead =
          site &&
          (() => {
            if (!siteInputsUnchanged(root, site.inputs, buildCode(root).pages)) return;
            const knownHashes = bySitePath(cards.hashes, outputDir);
            keeping = time("keep", () =>
              site.cache.keep(outputDir, { keptPages: contentHashes, keptPageStamps: contentStamps, knownHashes, later: isSearchOutput }),
            );
            // Awaited below once the site is written; when it is not, what was linked stays unnamed until the next entry removes it.
            keeping.catch(() => undefined);
          });
        const plan = await writeSite(data, outputDir, {
          root,
          cacheCardsAndImages: code !== undefined,
          time,
          cards: { finish: () => finished },
          shard: options.shard,
          mergeFrom: options.mergeFrom,
          progress: options.progress,
          buildCode: code,
          verifyCache: options.verifyCache,
          cacheReport: plugin.cacheReport,
          pageKinds: options.pageKinds,
          contentHashes,
          contentStamps,
          indexHashes,
          searchIndex: search?.index,
          filesRead: () => {
            pagesWritten();
            filesRead?.();
          },
        });
        plugin.plan = plan;
        // Only after a site was written: a failed build keeps the entries of the last good one.
        documentCache?.prune();
        searchRecords?.prune();
        // A slice draws only its own cards; the whole site's build knows every card the site has.
        if (!options.shard && !options.mergeFrom) cards.prune();
        // Kept only when the inputs and build code were still those the build started from once it had read them all.
        if (!site || !keeping) return undefined;
        const started = keeping;
        const report = plugin.cacheReport;
        const snapshot = {
          problems: plugin.problems,
          warnings: site.warnings,
          plan,
          documents: (report.documentsReused ?? 0) + (report.documentsLoaded ?? 0),
          pages: (report.pagesReused ?? 0) + (report.pagesRendered ?? 0),
        };
        return () => started.then((rest) => rest.save(site.inputs.key, snapshot, { hashed: indexHashes }));
      };
    },
    async abandon() {
      await before?.catch(() => undefined);
      const stop = stopThreads;
      before = stopThreads = undefined;
      run = undefined;
      // A failure while stopping must not hide the build's own error, which the caller is handling.
      await stop?.().catch(() => undefined);
      removeTemporaryFiles();
    },
  };
  return plugin;
}

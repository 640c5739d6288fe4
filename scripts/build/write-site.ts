/**
 * writeSite: every file of the site into one folder, from the validated site
 * data. `npm run build` calls it from the Eleventy plugin's `eleventy.after`
 * (./eleventy-plugin.ts), `npm start` for each whole-site render
 * (scripts/editor/dev-site.ts). The output plan is made first, so two sources
 * for one path stop the build before anything is written; then pages (main
 * thread), attachments, images and cards (a pool of threads) and the search
 * index (Pagefind's process) are written side by side. With a shard, only
 * that slice is written and no search index; with `mergeFrom`, the slices
 * are joined instead and the search index is built once (./shards.ts).
 */
import { copyAssets, documentCardJob, siteCardJobs, untimed, writePublishAssets, type Timer } from "../publish/assets.ts";
import { cardCacheDir, writeCards, type CardWriter } from "../publish/cards.ts";
import type { BuildCode, CacheReport } from "../content/build-code.ts";
import { PageCache, pageCacheDir, type PageReuse } from "../render/page-cache.ts";
import { pageRenderer, type NunjucksEnvironment } from "../render/pages.ts";
import type { SiteData } from "../site/site-data.ts";
import type { Progress } from "../progress/progress.ts";
import { planOutput, type OutputPlan } from "./output-plan.ts";
import { searchCacheDir, writeSearchIndexCached, type SearchCacheOptions, type SearchIndexCached } from "./search-cache.ts";
import { writeSearchBundlesOnThread, type SearchThread } from "./search-thread.ts";
import { SEARCH_BUNDLE_NAME, type SearchRecord } from "../search/records.ts";
import { inShard, isFirstShard, mergeShards, type Shard } from "./shards.ts";

export interface WriteSiteOptions {
  /** Project root: processed images and cards are cached in <root>/.cache/lysark/ (unless `cacheCardsAndImages` is false). */
  root: string;
  /** False: cards and processed images are made afresh into the output, nothing kept in .cache/lysark/ (`--no-cache`). */
  cacheCardsAndImages?: boolean;
  time?: Timer;
  /** Cards already being drawn (the build starts them during validation); without it they are drawn here. */
  cards?: Pick<CardWriter, "finish">;
  /** The templates to render with (the dev server keeps them for its next updates); a new environment without it. */
  env?: NunjucksEnvironment;
  /**
   * `npm start`'s record of the pages it wrote into the folder it serves (../editor/dev-pages.ts): a page it holds
   * already is not written again. Used without `buildCode`, in place of the page cache.
   */
  writtenPages?: PageReuse;
  /** Each page replaces its file instead of being written into it (npm start: ../render/pages.ts, `replaceFiles`). */
  replaceFiles?: boolean;
  /** Filled in with the cards' files the folder held already and that were left as they were (npm start says what it wrote). */
  leftInPlace?: Set<string>;
  /** False leaves the search index to the caller (the dev server indexes in the background). */
  search?: boolean;
  /**
   * The search index, when the caller has started it already (a build starts it as soon as the
   * model's records are built: ./eleventy-plugin.ts, indexSearch); awaited here with the pages.
   */
  searchIndex?: Promise<void>;
  /** Write only this slice of the site, without the search index (`--shard i/n`). */
  shard?: Shard;
  /** Join these slices, written with `shard`, instead of rendering; then build the search index (`--merge`). */
  mergeFrom?: readonly string[];
  /** Pages rendered and documents indexed (default: nothing shown). */
  progress?: Progress;
  /** With the build code, unchanged pages and an unchanged search index come from <root>/.cache/lysark/ (../render/page-cache.ts, ./search-cache.ts). */
  buildCode?: BuildCode;
  /** Every kept page read and hashed before it is used, whatever its stamp (../render/page-cache.ts). */
  verifyCache?: boolean;
  /** Filled in with the time spent writing each kind of page, in milliseconds (../render/pages.ts, `kindTimes`). */
  pageKinds?: Record<string, number>;
  /** Filled in with how many pages came from the cache and whether the search index did. */
  cacheReport?: CacheReport;
  /** Filled in with the site-relative path and content hash of each page the page cache put in place or kept (for the whole-site cache). */
  contentHashes?: Map<string, string>;
  /** Filled in with the stamp the page cache recorded for each of those content hashes (for the whole-site cache). */
  contentStamps?: Map<string, string>;
  /**
   * Filled in with the site-relative path and SHA-256 of each file of the search index, as the search cache read them
   * when it kept or placed them (for the whole-site cache, which then does not read them again).
   */
  indexHashes?: Map<string, string>;
  /**
   * Called once every file but the search index's is written (pages, assets, attachments, images, cards, or a merge's
   * slices), while the search index, made from the records alone, may still be on its way: the build checks its inputs
   * again then and starts keeping the site (./eleventy-plugin.ts), beside Pagefind's last slices rather than after them.
   */
  filesRead?: () => void;
}

export async function writeSite(data: SiteData, outputDir: string, options: WriteSiteOptions): Promise<OutputPlan> {
  const time = options.time ?? untimed;
  const plan = await time("plan", () => planOutput(data));
  const { shard } = options;
  const search = options.search !== false && !shard;
  const documents = data.model.documents.filter((view) => inShard(shard, view.id));
  // The project whose .cache/lysark/ keeps cards and processed images; none with --no-cache.
  const cacheRoot = options.cacheCardsAndImages === false ? undefined : options.root;
  const cards = options.cards ?? {
    finish: () =>
      time("cards", () =>
        writeCards(
          [
            ...(data.config.socialCards === "documents" ? documents.map((view) => documentCardJob(view.doc, view.publisher, outputDir)) : []),
            ...(isFirstShard(shard) ? siteCardJobs(data.config, outputDir) : []),
          ],
          { cacheDir: cacheRoot && cardCacheDir(cacheRoot), leftInPlace: options.leftInPlace },
        ),
      ),
  };
  // A merge's slices are copied in before the search index is built, and count as written with the pages (`filesRead`).
  const merging = options.mergeFrom && time("merge", () => mergeShards(options.mergeFrom!, outputDir, plan));
  const writing = Promise.allSettled([
    ...(merging
      ? [merging]
      : [
          time("pages", async () => {
            const cache = options.buildCode
              ? new PageCache(pageCacheDir(options.root), options.buildCode.pages, data, { verify: options.verifyCache })
              : undefined;
            let files: string[];
            const renderer = pageRenderer(data, options.env, cache ?? options.writtenPages, { replaceFiles: options.replaceFiles });
            try {
              files = await renderer.writeAll(outputDir, (sitePath) => inShard(shard, sitePath), options.progress);
              if (options.pageKinds) for (const [kind, ms] of renderer.kindTimes) options.pageKinds[kind] = ms;
            } catch (error) {
              cache?.discard();
              throw error;
            } finally {
              cache?.release();
            }
            if (cache) {
              cache.save();
              if (options.contentHashes) for (const [name, hash] of cache.published) options.contentHashes.set(name, hash);
              if (options.contentStamps)
                for (const hash of cache.published.values()) {
                  const stamp = cache.stampOfKept(hash);
                  if (stamp) options.contentStamps.set(hash, stamp);
                }
              Object.assign(options.cacheReport ?? {}, {
                pagesReused: cache.hits,
                pagesRendered: cache.misses,
                pagesChecked: cache.verified,
                unsound: (options.cacheReport?.unsound ?? 0) + cache.rejected,
              });
            }
            return files;
          }),
          isFirstShard(shard) ? time("assets", () => copyAssets(outputDir)) : undefined,
          writePublishAssets(data, outputDir, { root: cacheRoot, time, only: documents }),
          cards.finish(),
        ]),
  ]);
  const searching = Promise.allSettled([
    (async () => {
      if (merging) await merging;
      if (options.searchIndex) await options.searchIndex;
      else if (search) await indexSearch(data.model.searchRecords, outputDir, options);
    })(),
  ]);
  const written = await writing;
  if (written.every((result) => result.status === "fulfilled")) options.filesRead?.();
  for (const result of [...written, ...(await searching)]) if (result.status === "rejected") throw result.reason;
  return plan;
}

/**
 * The search phase: Pagefind indexes each document once, from its record (see docs/search.md),
 * on `thread` when given, else on a thread of its own from SEARCH_THREAD_MIN_RECORDS records on.
 * With the build code, an index whose records are all unchanged comes from the cache (./search-cache.ts).
 *
 * Not an async function, nor is any step below it that is given the records: a suspended async function
 * keeps its arguments, and the main thread would hold every record (a fifth of its heap before the pages)
 * until the index is written, long after the search thread has its own copy of them.
 */
export function indexSearch(
  records: readonly SearchRecord[],
  outputDir: string,
  options: Pick<WriteSiteOptions, "root" | "time" | "buildCode" | "progress" | "cacheReport" | "indexHashes"> & {
    thread?: SearchThread;
    /** Pagefind processes (writeSearchBundles' `processes`; default one per core for a large site), and when to take more. */
    processes?: number;
    moreProcesses?: SearchCacheOptions["moreProcesses"];
  },
): Promise<void> {
  const time = options.time ?? untimed;
  const { thread } = options;
  const index: typeof writeSearchBundlesOnThread = thread ? (...args) => thread.index(...args) : writeSearchBundlesOnThread;
  if (!options.buildCode) {
    return time("search", () =>
      index(records, outputDir, { progress: options.progress, processes: options.processes, moreProcesses: options.moreProcesses }),
    ).then(() => undefined);
  }
  const { pages: code } = options.buildCode;
  return time("search", () =>
    writeSearchIndexCached(records, outputDir, {
      dir: searchCacheDir(options.root),
      code,
      progress: options.progress,
      processes: options.processes,
      moreProcesses: options.moreProcesses,
      index,
    }),
  ).then(reportSearchReuse(options.cacheReport, options.indexHashes));
}

/**
 * What the search phase took from the cache, into `report`, and the index's files with their hashes, into `indexHashes`:
 * made outside indexSearch, so it does not keep that call's records.
 */
function reportSearchReuse(report: CacheReport | undefined, indexHashes: Map<string, string> | undefined): (reused: SearchIndexCached) => void {
  return (reused) => {
    if (indexHashes) for (const [file, hash] of Object.entries(reused.hashes)) indexHashes.set(`${SEARCH_BUNDLE_NAME}/${file}`, hash);
    if (!report) return;
    report.searchReused = reused.reused;
    if ((reused.slices ?? 0) > 1) Object.assign(report, { searchSlices: reused.slices, searchSlicesReused: reused.slicesReused });
  };
}

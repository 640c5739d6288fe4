/**
 * The search index's part of the build cache (.cache/lysark/search/): the
 * Pagefind folder of the last build, with the hash of the search records and
 * build code it was made from. When a build's records hash the same, the
 * folder is reused instead of indexing again; when any record changed (one
 * edited body is enough), the index is built again; Pagefind has no way to
 * update one, but a large site's slices whose pages are unchanged come from
 * .cache/lysark/search-slices/ (scripts/search/slices.ts).
 *
 * Each file is checked against the hash the manifest holds for it, and the
 * manifest against its own integrity hash; anything unsound makes the build
 * index afresh, so a damaged cache is never published.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { writeSearchBundles, type SearchBundleOptions, type SearchIndexStats } from "../search/index.ts";
import { searchBundleDir, type SearchRecord } from "../search/records.ts";
import { recordHashOf } from "../search/record-spool.ts";
import { keepFolder, keptFolder, placeKept } from "../search/kept-folder.ts";
import type { Progress } from "../progress/progress.ts";

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

export interface SearchCacheOptions {
  /** The cache folder (.cache/lysark/search). */
  dir: string;
  /** The page build code (scripts/content/build-code.ts). */
  code: string;
  progress?: Progress;
  /** Pagefind processes (writeSearchBundles' `processes`), and when to take more (its `moreProcesses`). */
  processes?: number;
  moreProcesses?: SearchBundleOptions["moreProcesses"];
  /**
   * Builds the index (default: Pagefind through writeSearchBundles; the build's is on its own thread); tests pass a
   * stand-in. Given `keep`, it may keep the written folder there itself (`keepFolder`) and say so (`kept`, the
   * files' hashes): the build's search thread does, so hashing and linking Pagefind's 5,000 files is not the main
   * thread's work.
   */
  index?: (
    records: readonly SearchRecord[],
    outputDir: string,
    options: Pick<SearchBundleOptions, "progress" | "wordListCache" | "wordFormCache" | "processes" | "moreProcesses" | "sliceCache"> & {
      keep?: SearchKeep;
    },
  ) => Promise<(Pick<SearchIndexStats, "slices" | "slicesReused"> & { kept?: KeptIndexHashes }) | undefined>;
}

/** The SHA-256 of each file of the index's folder (path relative to it, forward slashes), read from the files as they were kept. */
export type KeptIndexHashes = Record<string, string>;

/** What writeSearchIndexCached did: reused the kept index or not, its slices, and the hashes of the files it placed or kept. */
export type SearchIndexCached = { reused: boolean; hashes: KeptIndexHashes } & Partial<Pick<SearchIndexStats, "slices" | "slicesReused">>;

/** Where and under what key an index built afresh is kept for the next build. */
export interface SearchKeep {
  dir: string;
  key: string;
}

/**
 * Writes the search index for `records` into `outputDir`, reusing the cached one when the
 * records and build code are unchanged. Says whether it was reused, and when it was not, how many of its
 * slices were (scripts/search/slices.ts).
 */
export function writeSearchIndexCached(records: readonly SearchRecord[], outputDir: string, options: SearchCacheOptions): Promise<SearchIndexCached> {
  try {
    // Each record's own hash (kept by the spool when its parts are on disk), so the key never needs every text at once.
    const key = sha256(`${options.code}\0${records.map(recordHashOf).join("\n")}`);
    const bundle = searchBundleDir(outputDir);
    const kept = keptFolder<{ key: string }>(options.dir, (note) => note.key === key);
    if (kept) {
      placeKept(options.dir, kept.files, bundle);
      return Promise.resolve({ reused: true, hashes: kept.hashes });
    }
    // The word lists' compact form (scripts/search/dictionaries.ts) and the words' inflected forms (site-forms.ts) are kept
    // beside the index: this folder is replaced on each write.
    const wordListCache = path.join(path.dirname(options.dir), "word-lists");
    const wordFormCache = path.join(path.dirname(options.dir), "word-forms");
    // Each slice's bundle of a large site (scripts/search/slices.ts): an edit re-indexes the slice that holds it.
    const sliceCache = path.join(path.dirname(options.dir), "search-slices");
    const index: NonNullable<SearchCacheOptions["index"]> = options.index ?? writeSearchBundles;
    const indexing = index(records, outputDir, {
      progress: options.progress,
      wordListCache,
      wordFormCache,
      processes: options.processes,
      moreProcesses: options.moreProcesses,
      sliceCache,
      keep: { dir: options.dir, key },
    });
    // Not awaited here: this function's records stay the caller's while the index is written (write-site.ts, indexSearch).
    return keepWhenIndexed(indexing, bundle, { dir: options.dir, key });
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Once `indexing` has written the index into `bundle`, keeps it for the next build: linked into a new folder, which then replaces the old one (unless the index did). */
async function keepWhenIndexed(indexing: ReturnType<NonNullable<SearchCacheOptions["index"]>>, bundle: string, keep: SearchKeep): Promise<SearchIndexCached> {
  const stats = await indexing;
  const hashes = stats?.kept ?? keepFolder(bundle, keep.dir, { key: keep.key });
  return { reused: false, slices: stats?.slices, slicesReused: stats?.slicesReused, hashes };
}

/** The folder of the search-index cache under a project's root. */
export function searchCacheDir(root: string): string {
  return path.join(root, ".cache", "lysark", "search");
}

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
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { filesUnder } from "./files-under.ts";
import { writeSearchBundles, type SearchBundleOptions, type SearchIndexStats } from "../search/index.ts";
import { SEARCH_BUNDLE, type SearchRecord } from "../search/records.ts";
import { recordHashOf } from "../search/record-spool.ts";
import { place } from "../search/slices.ts";
import type { Progress } from "../progress/progress.ts";

const MANIFEST = "manifest.json";
const FILES = "files";
const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

interface Manifest {
  key: string;
  integrity: string;
  /** Relative path → content hash of every file of the index, as JSON text (what `integrity` hashes). */
  files: string;
}

export interface SearchCacheOptions {
  /** The cache folder (.cache/lysark/search). */
  dir: string;
  /** The page build code (scripts/content/build-code.ts). */
  code: string;
  progress?: Progress;
  /** Pagefind processes (writeSearchBundles' `processes`). */
  processes?: number;
  /** Builds the index (default: Pagefind through writeSearchBundles; the build's is on its own thread); tests pass a stand-in. */
  index?: (
    records: readonly SearchRecord[],
    outputDir: string,
    options: Pick<SearchBundleOptions, "progress" | "wordListCache" | "wordFormCache" | "processes" | "sliceCache">,
  ) => Promise<Pick<SearchIndexStats, "slices" | "slicesReused"> | undefined>;
}

/** The cached index's files when its key is `key` and every file is sound; undefined otherwise. */
function soundEntry(dir: string, key: string): Record<string, string> | undefined {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST), "utf8")) as Manifest;
    if (manifest.key !== key || sha256(manifest.files) !== manifest.integrity) return undefined;
    const files = JSON.parse(manifest.files) as Record<string, string>;
    for (const [file, hash] of Object.entries(files)) if (sha256(readFileSync(path.join(dir, FILES, file))) !== hash) return undefined;
    return files;
  } catch {
    return undefined;
  }
}

/**
 * Writes the search index for `records` into `outputDir`, reusing the cached one when the
 * records and build code are unchanged. Says whether it was reused, and when it was not, how many of its
 * slices were (scripts/search/slices.ts).
 */
export async function writeSearchIndexCached(
  records: readonly SearchRecord[],
  outputDir: string,
  options: SearchCacheOptions,
): Promise<{ reused: boolean } & Partial<Pick<SearchIndexStats, "slices" | "slicesReused">>> {
  // Each record's own hash (kept by the spool when its parts are on disk), so the key never needs every text at once.
  const key = sha256(`${options.code}\0${records.map(recordHashOf).join("\n")}`);
  const bundle = path.join(outputDir, ...SEARCH_BUNDLE.split("/").filter(Boolean));
  const cached = soundEntry(options.dir, key);
  if (cached) {
    for (const file of Object.keys(cached)) place(path.join(options.dir, FILES, file), path.join(bundle, file));
    return { reused: true };
  }
  // The word lists' compact form (scripts/search/dictionaries.ts) and the words' inflected forms (site-forms.ts) are kept
  // beside the index: this folder is replaced on each write.
  const wordListCache = path.join(path.dirname(options.dir), "word-lists");
  const wordFormCache = path.join(path.dirname(options.dir), "word-forms");
  // Each slice's bundle of a large site (scripts/search/slices.ts): an edit re-indexes the slice that holds it.
  const sliceCache = path.join(path.dirname(options.dir), "search-slices");
  const stats = await (options.index ?? writeSearchBundles)(records, outputDir, {
    progress: options.progress,
    wordListCache,
    wordFormCache,
    processes: options.processes,
    sliceCache,
  });
  // Kept for the next build: linked into a new folder, which then replaces the old one.
  const fresh = `${options.dir}.${process.pid}.tmp`;
  rmSync(fresh, { recursive: true, force: true });
  const files: Record<string, string> = {};
  let names: string[] = [];
  try {
    names = filesUnder(bundle);
  } catch {
    // No records, no index: nothing to keep.
  }
  for (const file of names) {
    place(path.join(bundle, file), path.join(fresh, FILES, file));
    files[file] = sha256(readFileSync(path.join(bundle, file)));
  }
  mkdirSync(fresh, { recursive: true });
  const text = JSON.stringify(files);
  writeFileSync(path.join(fresh, MANIFEST), JSON.stringify({ key, integrity: sha256(text), files: text } satisfies Manifest));
  try {
    rmSync(options.dir, { recursive: true, force: true });
    renameSync(fresh, options.dir);
  } catch {
    // Another build replaced it meanwhile: keep theirs, the output is written either way.
    rmSync(fresh, { recursive: true, force: true });
  }
  return { reused: false, slices: stats?.slices, slicesReused: stats?.slicesReused };
}

/** The folder of the search-index cache under a project's root. */
export function searchCacheDir(root: string): string {
  return path.join(root, ".cache", "lysark", "search");
}

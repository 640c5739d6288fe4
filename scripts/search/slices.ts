/**
 * A large site's search records are indexed in slices, each by Pagefind as an
 * index of its own, and the slices' bundles are joined into one (merge.ts). The
 * join gives the same bundle, byte for byte, wherever the slices are cut, so
 * they are cut where an edit moves them least, and each slice's bundle is kept
 * in the build cache (`.cache/lysark/search-slices/`) under the hash of the
 * exact pages Pagefind was given: a build in which one document changed indexes
 * the slice that holds it, and takes every other slice's bundle from the cache.
 *
 * A slice ends after a record whose URL hashes to a multiple of a number, not
 * after a fixed count, so a document added or removed moves only its own
 * slice's end: the slices after it keep their records and their keys.
 */
import { createHash } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fnv1a } from "../content/fnv1a.ts";
import { isRunning } from "../content/temporary-files.ts";
import { keepFolder, keptFolder, placeKept } from "./kept-folder.ts";

/**
 * Runs `next(0)`, `next(1)` … one after another, each once its slice and every slice before it are
 * `placed` (indexed and written, or restored), whatever order the slices are placed in: the join
 * (merge.ts) must take the slices' bundles in the order of their records. After a failed call no
 * other is made, and `failed` holds its error; `done` waits for the calls made so far.
 */
export function inSliceOrder(next: (k: number) => Promise<void>) {
  const placed = new Set<number>();
  let following = 0;
  let chain = Promise.resolve();
  const order = {
    failed: undefined as unknown,
    placed(k: number) {
      placed.add(k);
      while (placed.has(following)) {
        const k = following++;
        chain = chain.then(async () => {
          if (order.failed !== undefined) return;
          try {
            await next(k);
          } catch (error) {
            order.failed = error ?? new Error(`slice ${k} could not be joined`);
          }
        });
      }
    },
    done: () => chain,
  };
  return order;
}

/** The folder of the slices' cache under a project's root (the build's own is beside its search cache, ../build/search-cache.ts). */
export const sliceCacheDir = (root: string) => path.join(root, ".cache", "lysark", "search-slices");

/** Records in a slice on average. A one-document edit re-indexes about this many. */
export const SLICE_RECORDS = 125;

/** A site with fewer than this many slices' worth of records is indexed in one piece, as it was before slices. */
export const SLICED_SITE_MIN_SLICES = 4;

/**
 * The slices `urls` are indexed in, as [from, to) ranges: one for a site of fewer than
 * SLICED_SITE_MIN_SLICES × `target` records, else slices of `target` records on average,
 * at least half and at most twice that, cut after a record whose URL's hash says so.
 */
export function sliceBounds(urls: readonly string[], target = SLICE_RECORDS): Array<[number, number]> {
  if (urls.length < SLICED_SITE_MIN_SLICES * target) return urls.length ? [[0, urls.length]] : [];
  const min = Math.ceil(target / 2);
  const max = target * 2;
  // A cut after each record past `min` with odds 1/(target - min + 1): slices of about `target` records.
  const odds = target - min + 1;
  const bounds: Array<[number, number]> = [];
  let from = 0;
  urls.forEach((url, i) => {
    const size = i + 1 - from;
    if (size >= max || (size >= min && fnv1a(url) % odds === 0)) {
      bounds.push([from, i + 1]);
      from = i + 1;
    }
  });
  if (from < urls.length) {
    // A short last slice joins the one before, within the largest size.
    const last = bounds.at(-1);
    if (last && urls.length - from < min && urls.length - last[0] <= max) last[1] = urls.length;
    else bounds.push([from, urls.length]);
  }
  return bounds;
}

/** What a slice's key is made of: what each page's bundle is made from, and what makes it. */
export interface SlicePages {
  /** The indexer (Lysark's writer and its version, or Pagefind), Pagefind's version and the options its index was created with. */
  indexer: string;
  /** Each page's URL, and all else its part of the bundle is made from (`made`): the HTML Pagefind is given, or the record's hash and what the writer adds. */
  pages: ReadonlyArray<{ url: string; made: string }>;
}

/** The key of a slice's bundle in the cache. */
export function sliceKey({ indexer, pages }: SlicePages): string {
  const hash = createHash("sha256").update(`lysark-search-slice 2\0${indexer}\0`);
  for (const page of pages) hash.update(`${page.url}\0${page.made}\0`);
  return hash.digest("hex");
}

/**
 * The slices' bundles kept between builds, each in a folder named by its key. An entry
 * whose files do not match its manifest, or whose manifest does not match its own
 * hash, counts as missing: the slice is indexed again, and nothing damaged is joined.
 */
export class SliceCache {
  /** Keys used since this object was made: `prune` keeps these. */
  private readonly used = new Set<string>();

  constructor(readonly dir: string) {}

  /**
   * Places the bundle kept under `key` in `target` (hard links) and returns its word count;
   * undefined, with `target` left empty, when there is no sound entry.
   */
  restore(key: string, target: string): number | undefined {
    const entry = path.join(this.dir, key);
    const kept = keptFolder<{ words: number }>(entry);
    if (!kept) return undefined;
    try {
      placeKept(entry, kept.files, target);
    } catch {
      rmSync(target, { recursive: true, force: true });
      return undefined;
    }
    this.used.add(key);
    return kept.note.words;
  }

  /** Keeps the bundle Pagefind wrote in `bundle` under `key`; to be called before anything moves its files. */
  store(key: string, bundle: string, words: number): void {
    this.used.add(key);
    try {
      keepFolder(bundle, path.join(this.dir, key), { words });
    } catch {
      // The cache is an aid: a slice that could not be kept is indexed again next time.
    }
  }

  /** Removes every entry this build did not use, so the folder holds one site's slices, not every past one's. */
  prune(): void {
    let names: string[] = [];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      // Another build's entry being written is left alone; one whose process is gone is not.
      const writer = /\.(\d+)\.tmp$/.exec(name);
      if (this.used.has(name) || (writer && Number(writer[1]) !== process.pid && isRunning(Number(writer[1])))) continue;
      rmSync(path.join(this.dir, name), { recursive: true, force: true });
    }
  }
}

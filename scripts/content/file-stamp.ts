/**
 * What a kept file's stat says of its bytes without reading them, as git's index and make trust it:
 * the build caches (../render/page-cache.ts, ../build/site-cache.ts) record a file's stamp when they
 * write it or have just read and hashed it, and take an equal stamp later as "unchanged since".
 * A change that keeps all three parts (a tool that writes in place and sets the old modification
 * time back, or the disk itself) is not seen: `npm run build -- --verify-cache` reads every file.
 */
import { type BigIntStats, statSync } from "node:fs";

const NS_PER_SECOND = 1_000_000_000n;

/** The stamp of a file that is there but whose stamp says nothing: never recorded, so never equal to a recorded one. */
const UNTRUSTED = "";

/**
 * Size, modification time (ns) and inode. `UNTRUSTED` when the time is a whole second: the file
 * system keeps times to the second (or to two), so a same-size write within that second would keep
 * the stamp. A file system with finer times gives a whole second once in a billion files, which
 * costs that file a read.
 */
export function stampOf(stats: BigIntStats): string {
  if (stats.mtimeNs % NS_PER_SECOND === 0n) return UNTRUSTED;
  // Joined, not a template string: V8 keeps a template string of this length as a tree of its pieces, three or four
  // objects where join makes one, and the caches hold a stamp for every page of the site until the build ends.
  return [stats.size, stats.mtimeNs, stats.ino].join(":");
}

/** The stamp of `file`, or undefined when there is no such file. */
export function fileStamp(file: string): string | undefined {
  const stats = statSync(file, { bigint: true, throwIfNoEntry: false });
  return stats && stampOf(stats);
}

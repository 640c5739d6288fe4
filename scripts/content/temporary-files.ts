/**
 * Temporary files in cache folders (processed images, social cards) carry the id
 * of the process writing them, so a killed process's leftovers can be told apart
 * from a running one's and removed. Shared by the cache writers and the build's
 * staging-folder clean-up (scripts/build/staging.ts).
 */
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";

/** True while the process `pid` exists (on this machine). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Name of a temporary entry in a cache folder, carrying the id of the process writing it. */
export function temporaryName(pid = process.pid): string {
  return `.tmp-${pid}-`;
}

/**
 * Removes temporary entries in a cache `folder` (`*.<pid>.<n>.tmp` files,
 * `.tmp-<pid>-*` folders) left by processes that are no longer running.
 */
export function removeStaleTemporaryFiles(folder: string): string[] {
  const removed: string[] = [];
  for (const name of namesIn(folder)) {
    const match = /^\.tmp-(\d+)-|\.(\d+)\.[^.]+\.tmp$/.exec(name);
    if (!match) continue;
    const pid = Number(match[1] ?? match[2]);
    if (pid !== process.pid && isRunning(pid)) continue;
    if (pid === process.pid) continue;
    rmSync(path.join(folder, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Removes the folders in `parent` named `<prefix><pid>-…`, for any of `prefixes`, whose process is no longer running:
 * what a process stopped in the middle of its work (a killed dev server, a thread terminated mid-request) left there.
 */
export function removeStaleFolders(parent: string, prefixes: readonly string[]): string[] {
  const removed: string[] = [];
  for (const name of namesIn(parent)) {
    const prefix = prefixes.find((start) => name.startsWith(start));
    if (prefix === undefined) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (!pid || pid === process.pid || isRunning(pid)) continue;
    rmSync(path.join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** The names in `folder`; none when it cannot be read (not made yet). */
function namesIn(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

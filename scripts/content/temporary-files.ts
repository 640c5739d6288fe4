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
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return removed;
  }
  for (const name of names) {
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

/**
 * The build writes into a staging folder beside the output and renames it into
 * place at the end. A build that is killed (Ctrl-C, a CI timeout, out of memory)
 * leaves its staging folder behind; the next build removes it. Each staging
 * folder carries the id of the process writing it, so a build running at the
 * same time on the same machine keeps its own.
 */
import { mkdtempSync, readdirSync, rmSync, chmodSync } from "node:fs";
import path from "node:path";

function prefix(output: string): string {
  return `.${path.basename(output)}.building-`;
}

/** A fresh staging folder for `output`, named after this process. */
export function createStaging(output: string): string {
  const staging = mkdtempSync(path.join(path.dirname(output), `${prefix(output)}${process.pid}-`));
  chmodSync(staging, 0o755);
  return staging;
}

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

/**
 * Removes staging folders (and their `.old` leftovers from an interrupted swap)
 * of builds of `output` that are no longer running. Returns the names removed.
 */
export function removeStaleStaging(output: string): string[] {
  const parent = path.dirname(output);
  const start = prefix(output);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(start)) continue;
    // Folders from before the process id was part of the name have none: nobody owns them.
    const pid = Number(/^(\d+)-/.exec(name.slice(start.length))?.[1]);
    if (pid && pid !== process.pid && isRunning(pid)) continue;
    if (pid === process.pid) continue;
    rmSync(path.join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
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

/**
 * The build writes into a staging folder beside the output and renames it into
 * place at the end. A build that is killed (Ctrl-C, a CI timeout, out of memory)
 * leaves its staging folder behind; the next build removes it. Each staging
 * folder carries the id of the process writing it, so a build running at the
 * same time on the same machine keeps its own.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { isRunning } from "../content/temporary-files.ts";

function prefix(output: string): string {
  return `.${path.basename(output)}.building-`;
}

/** A fresh staging folder for `output`, named after this process. */
export function createStaging(output: string): string {
  const staging = mkdtempSync(path.join(path.dirname(output), `${prefix(output)}${process.pid}-`));
  chmodSync(staging, 0o755);
  return staging;
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

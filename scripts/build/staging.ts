/**
 * The build writes into a staging folder beside the output and renames it into
 * place at the end. A build that is killed (Ctrl-C, a CI timeout, out of memory)
 * leaves its staging folder behind; the next build removes it. Each staging
 * folder carries the id of the process writing it, so a build running at the
 * same time on the same machine keeps its own.
 *
 * The site a build replaces is renamed aside (`<staging>.old`), then, once the
 * new one is in place, to `<staging>.previous`; with the build cache on it is
 * left there for the next build to remove on a thread of its own while that
 * build works. Its files are hard links into .cache/lysark/, so it takes little
 * room, and unlinking a 65,000-file site took 5–29 s on this machine's disk, as
 * long as a warm build itself (docs/performance-log.md).
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, renameSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { isRunning } from "../content/temporary-files.ts";
import { OutputFolderError, surroundingProblem } from "./output-folder.ts";

function prefix(output: string): string {
  return `.${path.basename(output)}.building-`;
}

/** A fresh staging folder for `output`, named after this process. */
export function createStaging(output: string): string {
  const parent = path.dirname(output);
  try {
    // `--output public/site` in a fresh clone: the folders above the output are made, as mkdir -p would.
    mkdirSync(parent, { recursive: true });
    const staging = mkdtempSync(path.join(parent, `${prefix(output)}${process.pid}-`));
    chmodSync(staging, 0o755);
    return staging;
  } catch (error) {
    // The build's look ahead (./output-folder.ts) finds these first; this is for a folder changed since.
    const problem = surroundingProblem(parent, (error as NodeJS.ErrnoException).code);
    if (problem) throw new OutputFolderError(`${output}: ${problem}`);
    throw error;
  }
}

/**
 * Plain JavaScript and no loader flags (execArgv: []), so the thread starts in tens of milliseconds.
 * Each folder is walked and unlinked, not `rmSync`ed: half the time on tmpfs (0.9 s against 1.8 s
 * for a 65,000-file site), as it makes no `lstat` per file. What it cannot remove stays, under
 * this process's id, for the next build.
 */
const REMOVER = `
const { readdirSync, rmdirSync, rmSync, unlinkSync } = require("node:fs");
const path = require("node:path");
const { workerData } = require("node:worker_threads");
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else unlinkSync(full);
  }
  rmdirSync(dir);
};
for (const folder of workerData.folders) {
  try {
    walk(folder);
  } catch {
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch {}
  }
}
`;

/** Removes `folders` on a thread of its own; settles (never rejects) once it is done. */
function removeFolders(folders: readonly string[]): Promise<void> {
  if (!folders.length) return Promise.resolve();
  return new Promise((resolve) => {
    const worker = new Worker(REMOVER, { eval: true, execArgv: [], workerData: { folders } });
    worker.once("error", () => undefined);
    worker.once("exit", () => resolve());
  });
}

export interface StaleStaging {
  /** The stale folders' names as they were found. */
  names: string[];
  /** Settles once they are removed (it never rejects: a folder left over is removed by a later build). */
  removed: Promise<void>;
}

/** What a swap leaves once the new site is in place: nobody's any more, whichever process set it aside. */
export const PREVIOUS_SITE = ".previous";

/** The name the site `staging` replaces has once the swap is done. */
export function previousSite(staging: string): string {
  return `${staging}${PREVIOUS_SITE}`;
}

/**
 * Removes, while this build (staging folder `staging`) goes on: the sites earlier
 * builds of `output` replaced (`.previous`), and the staging folders of builds
 * that are no longer running (with a site a swap they did not finish set aside,
 * `.old`). Each is first renamed after `staging`, so a build started at the same
 * moment does not remove it too, and one this process does not finish removing is
 * a later build's to remove.
 */
export function removeStaleStaging(output: string, staging: string): StaleStaging {
  const parent = path.dirname(output);
  const start = prefix(output);
  const names: string[] = [];
  const claimed: string[] = [];
  let found: string[];
  try {
    found = readdirSync(parent);
  } catch {
    return { names, removed: Promise.resolve() };
  }
  for (const name of found) {
    if (!name.startsWith(start)) continue;
    const replaced = name.endsWith(PREVIOUS_SITE);
    // Folders from before the process id was part of the name have none: nobody owns them.
    const pid = Number(/^(\d+)-/.exec(name.slice(start.length))?.[1]);
    if (!replaced && pid && (pid === process.pid || isRunning(pid))) continue;
    const mine = `${staging}.stale-${claimed.length}`;
    try {
      renameSync(path.join(parent, name), mine);
    } catch {
      // Another build took it first.
      continue;
    }
    names.push(name);
    claimed.push(mine);
  }
  return { names, removed: removeFolders(claimed) };
}

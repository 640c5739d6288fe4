/**
 * Where a build cannot write, said with what to do. A build that runs out of room stopped with Node's bare
 * `ENOSPC: no space left on device, write`, which names neither the disk nor what a build needs. The build writes in two places, often on two disks: a whole new site beside the
 * output folder (swapped in at the end, so the old and the new site are there at once) and its cache in
 * .cache/lysark/ of the project. The message says how much room each has left, and what to do.
 */
import { readdirSync, statfsSync } from "node:fs";
import path from "node:path";
import { inside } from "../content/safe-path.ts";
import { nearestExisting, OutputFolderError, outputFolderProblem, resolvedPath, writeAccess } from "./output-folder.ts";

/** Room left for this user on the file system holding `file` (or the nearest path above it that exists). */
function room(file: string): { bytes: number; files: number } | undefined {
  try {
    const stats = statfsSync(nearestExisting(file));
    return { bytes: stats.bavail * stats.bsize, files: stats.ffree };
  } catch {
    return undefined;
  }
}

function sizeText(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function roomText(where: string, file: string): string {
  const left = room(file);
  if (!left) return `${where}: unknown`;
  // A file system out of inodes says ENOSPC with bytes to spare.
  return `${where}: ${sizeText(left.bytes)} free${left.files === 0 ? ", and no room for another file" : ""}`;
}

/** The message for an error that is a full disk (ENOSPC, EDQUOT) met by a build of `root` into `output`; else undefined. */
export function diskFullMessage(error: unknown, root: string, output: string): string | undefined {
  const { code, message } = error as NodeJS.ErrnoException;
  const full = code === "ENOSPC" || code === "EDQUOT" || /\b(?:ENOSPC|EDQUOT)\b/.test(String(message));
  if (!full) return undefined;
  const cache = path.join(root, ".cache", "lysark");
  return [
    `The disk is full (${message}).`,
    // Through a link (_site → /var/www/site) the new site is written beside the folder it leads to.
    `Room left: ${roomText(`beside the output folder ${output}`, path.dirname(resolvedPath(output)))}; ${roomText(`for the build cache ${path.relative(root, cache)}/`, cache)}.`,
    "A build writes a whole new site beside the last one before it swaps them, and keeps its pages and search index in .cache/lysark/. Free space on that disk, or build onto another with --output.",
  ].join("\n");
}

/**
 * The message for an error that is the build cache of the project at `root` not being writable (a `.cache/` made by
 * another user, say by a container run as root, or a read-only one); else undefined. The build stopped with a bare
 * `EACCES … mkdir '…/.cache/lysark/…'` from deep inside.
 */
export function cacheNotWritableMessage(error: unknown, root: string): string | undefined {
  const { code, path: file, message } = error as NodeJS.ErrnoException;
  const denied = /\b(EACCES|EPERM|EROFS)\b/.exec(`${code ?? ""} ${message}`);
  if (!denied) return undefined;
  const cache = path.join(path.resolve(root), ".cache");
  // From another thread or process the error keeps its words but not its path: the path is the one in quotes.
  const named = file ?? /'([^']+)'/.exec(String(message))?.[1];
  if (!named || !(inside(cache, path.resolve(named)) || inside(resolvedPath(cache), path.resolve(named)))) return undefined;
  return [`The build cache cannot be written (${message}).`, CACHE_FIX].join("\n");
}

const CACHE_FIX = `The build keeps what it made in ${path.join(".cache", "lysark")}/ for the next build: make .cache/ this user's again (one made by another user, such as a container run as root: sudo chown -R "$USER" .cache), or remove it: it is only a cache, and the next build makes it again. In a checkout that stays read-only, build with --no-cache (and --output into a folder of your own), which neither reads nor writes it.`;

/** Thrown by the build, before it starts, for a build cache it could not write. */
export class CacheFolderError extends Error {
  override name = "CacheFolderError";
}

/**
 * What keeps the build from writing its cache in the project at `root`, looked for without writing anything: the
 * nearest of .cache/lysark/, .cache/ and the project that exists, and the folders already in .cache/lysark/, must be
 * writable. The check runs it, so a passing check means the build can write its cache; the build runs it first.
 */
export function cacheFolderProblem(root: string): string | undefined {
  const cache = path.join(root, ".cache", "lysark");
  const top = writeAccess(cache);
  let subfolders: string[] = [];
  if (top.folder === cache && top.code === undefined) {
    try {
      subfolders = readdirSync(cache, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? [path.join(cache, entry.name)] : []));
    } catch {
      // Written since the look at it: the build's own write will say so.
    }
  }
  for (const { folder, code } of [top, ...subfolders.map(writeAccess)]) {
    if (code === "ENOTDIR") return [`The build cache cannot be written: ${path.relative(root, folder)} is a file, not a folder.`, CACHE_FIX].join("\n");
    if (code) return [`The build cache cannot be written (${code}: ${path.relative(root, folder) || "the project's folder"}).`, CACHE_FIX].join("\n");
  }
  return undefined;
}

/**
 * What keeps a build from writing where it writes, looked for before it starts and without writing anything: the
 * output folder it replaces (`outputGiven`: from --output), then its cache, unless `cache` is false (--no-cache
 * neither reads nor writes it). The build throws the first; `npm run check` prints them all. One list for both, so
 * a passing check still means the build succeeds.
 */
export function buildFolderProblems(
  root: string,
  output: string,
  options: { outputGiven: boolean; cache: boolean },
): Array<OutputFolderError | CacheFolderError> {
  const outputProblem = outputFolderProblem(root, output, options.outputGiven);
  const cacheProblem = options.cache ? cacheFolderProblem(root) : undefined;
  return [...(outputProblem ? [new OutputFolderError(outputProblem)] : []), ...(cacheProblem ? [new CacheFolderError(cacheProblem)] : [])];
}

/**
 * One build of a project at a time. Two builds of one project share .cache/lysark/: the page cache's manifest and
 * the kept pages it prunes, the whole-site cache, the search index's slices. Started side by side (two terminals,
 * or `--shard 1/2` and `--shard 2/2` at once on one machine), the one that finished first removed the manifest the
 * other was writing, and the other stopped with a bare ENOENT. A build now holds .cache/lysark/build.lock while it
 * runs, and another build of the project waits for it and says so, as cargo and bazel do.
 *
 * The lock names its process and machine (on Linux also the boot and the tick the process started at, so a process id
 * reused since is not taken for the build). A lock whose process is gone (killed, out of memory) is taken over. So is
 * one written on another machine, with a warning: whether its process runs cannot be told from here, and such a lock
 * is far more often one a cache restored or copied from elsewhere brought along (a CI cache saved after a killed
 * build, a project folder copied whole) than a build running on a folder two machines share; waiting for it would
 * have waited until the job's time ran out. Where no lock can be written (a file system without hard links, or a
 * --no-cache build in a checkout it may not write), the build runs without one, as before; otherwise a cache folder
 * it may not write stops the build before this (./write-errors.ts, cacheFolderProblem). The folders made for the
 * lock are removed with it while empty, so a --no-cache build leaves no .cache/ behind in a project that had none.
 */
import { randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectFolderProblem } from "../content/project-folder.ts";
import { isRunning } from "../content/temporary-files.ts";

/** What a lock file says: the build's process, its machine, and when it started (ISO 8601). */
export interface LockHolder {
  pid: number;
  host: string;
  started: string;
  /**
   * Where Linux tells: the machine's boot and the clock tick the process started at since it, so a lock whose process
   * id has since gone to another process (after a restart, or long after a build was killed) is known for a dead one.
   * Absent from locks written elsewhere, which are judged by the process id alone.
   */
  boot?: string;
  ticks?: number;
  /**
   * New with each taking of the lock. A build lets go of the lock only while it still holds its own text, and two
   * takings in one process in one millisecond would otherwise write the same text, so the first's release could
   * remove the second's lock.
   */
  taking?: string;
}

export interface BuildLockOptions {
  /** Told once, when another build holds the lock and this one starts to wait (holder undefined: an unreadable lock). */
  onWait?: (holder: LockHolder | undefined, file: string) => void;
  /** Told when a lock written on another machine is taken over. */
  onTakeOver?: (holder: LockHolder, file: string) => void;
  /** How often the lock is looked at again while waiting, in milliseconds. */
  pollMs?: number;
}

/** The lock file of the project at `root`. */
export function buildLockFile(root: string): string {
  return path.join(root, ".cache", "lysark", "build.lock");
}

/**
 * Takes the build lock of the project at `root`, waiting while another build holds it; resolves to the function
 * that lets it go (it removes the lock only while the lock is still this build's).
 */
export async function acquireBuildLock(root: string, options: BuildLockOptions = {}): Promise<() => void> {
  // Not a project (build() stops with projectFolderProblem's message first): no .cache/ is made in a folder that is not one.
  if (projectFolderProblem(root)) return () => {};
  const file = buildLockFile(root);
  const mine = JSON.stringify({
    pid: process.pid,
    host: os.hostname(),
    started: new Date().toISOString(),
    ...processStart(process.pid),
    taking: randomUUID(),
  } satisfies LockHolder);
  let told = false;
  for (;;) {
    const { taken, made } = tryLock(file, mine);
    if (taken === "taken") {
      // A --no-cache build writes nothing else there: the folders made for the lock go with it, while still empty.
      const madeFolders = made ? foldersFrom(path.dirname(file), made) : [];
      return () => {
        removeIfStill(file, mine);
        removeWhileEmpty(madeFolders);
      };
    }
    if (taken === "unavailable") return () => {};
    // Undefined: let go of between the two looks (taken at the next), or a lock this process may not read.
    const text = readText(file);
    const holder = text === undefined ? undefined : parseHolder(text);
    if (text !== undefined && holder && (holder.host !== os.hostname() || !holderRuns(holder))) {
      if (holder.host !== os.hostname()) options.onTakeOver?.(holder, file);
      removeIfStill(file, text);
      continue;
    }
    if (!told) {
      told = true;
      options.onWait?.(holder, file);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}

/**
 * Writes `text` beside the lock and links it into place: the link fails when a lock exists, and a lock is never seen
 * half written. `made`: the first of the lock's folders this made (mkdirSync's answer), if any.
 */
function tryLock(file: string, text: string): { taken: "taken" | "held" | "unavailable"; made?: string } {
  const draft = `${file}.${process.pid}.tmp`;
  let made: string | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      made = mkdirSync(path.dirname(file), { recursive: true }) ?? made;
      writeFileSync(draft, text);
      break;
    } catch (error) {
      // The folder removed, just after it was made here, by a build letting go of its lock: made again, once.
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && attempt === 0) continue;
      return { taken: "unavailable" };
    }
  }
  try {
    linkSync(draft, file);
    return { taken: "taken", made };
  } catch (error) {
    return { taken: (error as NodeJS.ErrnoException).code === "EEXIST" ? "held" : "unavailable" };
  } finally {
    try {
      unlinkSync(draft);
    } catch {}
  }
}

/** This machine's boot and the clock tick process `pid` started at since it, from Linux's /proc; undefined elsewhere. */
export function processStart(pid: number): { boot: string; ticks: number } | undefined {
  try {
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The 22nd field, starttime; the command name before it, in parentheses, may hold spaces.
    const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    return boot && Number.isInteger(ticks) ? { boot, ticks } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the lock's own process still runs: its id taken by a process started later, or in another boot, is not it. */
function holderRuns(holder: LockHolder): boolean {
  if (!isRunning(holder.pid)) return false;
  if (holder.boot === undefined || holder.ticks === undefined) return true;
  const now = processStart(holder.pid);
  return now === undefined || (now.boot === holder.boot && now.ticks === holder.ticks);
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    const start = (value.boot === undefined && value.ticks === undefined) || (typeof value.boot === "string" && typeof value.ticks === "number");
    return typeof value.pid === "number" && typeof value.host === "string" && typeof value.started === "string" && start ? (value as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the lock while it still says `text`: a lock another build has taken since is left alone. */
function removeIfStill(file: string, text: string): void {
  if (readText(file) !== text) return;
  try {
    unlinkSync(file);
  } catch {}
}

/** `folder` and each folder above it up to `top`, deepest first. */
function foldersFrom(folder: string, top: string): string[] {
  const folders = [folder];
  for (let above = folder; above !== top && path.dirname(above) !== above; ) folders.push((above = path.dirname(above)));
  return folders;
}

/** Removes each of `folders` in turn while it is empty; stops at the first that is not, or cannot be removed. */
function removeWhileEmpty(folders: readonly string[]): void {
  for (const folder of folders) {
    try {
      rmdirSync(folder);
    } catch {
      return;
    }
  }
}

/** The line a build prints while it waits for the lock `file` held by `holder`. */
export function waitingMessage(holder: LockHolder | undefined, file: string, root: string): string {
  const who = holder ? `process ${holder.pid}, started ${holder.started}` : "a process whose lock cannot be read";
  return `Waiting for another build of this project (${who}) to finish. If no build is running, remove ${path.relative(root, file) || file}.`;
}

/** The line a build prints when it takes over the lock `file` that `holder` wrote on another machine. */
export function takeOverMessage(holder: LockHolder, file: string, root: string): string {
  return `Took over ${path.relative(root, file) || file}, left by process ${holder.pid} on ${holder.host} (started ${holder.started}): a lock from another machine is taken for one its cache brought along. Two machines building one shared folder at once may undo each other's cache.`;
}

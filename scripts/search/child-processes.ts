/**
 * This process's child processes, read from /proc (Linux; none known elsewhere). Pagefind's `close` kills its
 * process without waiting for it: a build that ended first left it running, then to the system to reap, its CPU
 * time counted in no build's. Whoever closes a Pagefind module waits here until its process is gone.
 */
import { readdirSync, readFileSync } from "node:fs";

/** The command name Pagefind's processes run under (`pagefind` or `pagefind_extended`, cut to 15 characters). */
export const PAGEFIND_PROCESS = /^pagefind/;

/** The ids of this process's child processes, started by any of its threads, whose command name matches `name`. */
export function childProcesses(name: RegExp): string[] {
  try {
    return readdirSync("/proc/self/task").flatMap((task) => {
      try {
        return readFileSync(`/proc/self/task/${task}/children`, "utf8")
          .split(" ")
          .filter((pid) => pid.trim() && name.test(commandOf(pid.trim())));
      } catch {
        // A thread that ended while this read the others.
        return [];
      }
    });
  } catch {
    return [];
  }
}

function commandOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    // Exited and reaped since its parent's list was read.
    return "";
  }
}

/**
 * Waits, `timeoutMs` at most, until no child process named like `name` is left but those in `kept` (the ones that
 * were there before, another caller's). Returns whether none was left.
 */
export async function childrenExited(name: RegExp, timeoutMs: number, kept: ReadonlySet<string> = new Set()): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    if (!childProcesses(name).some((pid) => !kept.has(pid))) return true;
    if (performance.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Work a cold build has beside its critical path (pass 1, then the pages on
 * the main thread) runs at the lowest priority, so that it takes what the
 * critical path leaves of the cores instead of taking turns with it. Two kinds
 * of thread do, since nothing waits for either before the pages are written:
 * - the search thread, and the Pagefind processes it starts (the index). Measured
 *   at N = 5000 (docs/performance-log.md, "the search index at the lowest priority"):
 *   the pages phase a median 28.0 s → 19.4 s, the whole build quicker in ten of
 *   eleven cold pairs;
 * - the card pool's threads (the social cards). Measured at N = 5000
 *   (docs/performance-log.md, "the card threads at the lowest priority"): quicker in
 *   eight of ten cold pairs and the same in one, CPU ÷ wall higher in nine.
 *
 * Linux only: there a nice value belongs to a thread, and a process or thread
 * started from it inherits it. Elsewhere it is the whole process's, so nothing
 * is changed.
 */
import { stat } from "node:fs/promises";
import { readlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isMainThread } from "node:worker_threads";

/** The nice value of the search thread and the card threads: the lowest priority there is. */
export const BACKGROUND_THREAD_NICE = 19;

/**
 * Lowers the calling worker thread's priority to `nice`, unless it is already that low or lower (a build started
 * with `nice -n 19` stays there). Never a main thread's, whose priority is the whole build's. Says whether it did.
 */
export async function lowerThreadPriority(nice: number): Promise<boolean> {
  if (process.platform !== "linux" || isMainThread) return false;
  let tid: number;
  try {
    // The thread's own id: /proc/thread-self links to /proc/<pid>/task/<tid>.
    tid = Number(path.basename(readlinkSync("/proc/thread-self")));
    if (!Number.isInteger(tid) || tid <= 0 || os.getPriority(tid) >= nice) return false;
  } catch {
    // No /proc: the thread runs at the build's priority, as before.
    return false;
  }
  // libuv's thread pool (file reads, zlib) is the process's, started by the first thread that uses it, and would
  // inherit this thread's priority: it is started first, if no other thread has. Any file will do, and whether it is
  // there does not matter: the request alone starts the pool, and a build must not fail for want of it.
  await stat(process.execPath).catch(() => undefined);
  try {
    os.setPriority(tid, nice);
    return true;
  } catch {
    // Not allowed: the thread runs at the build's priority, as before.
    return false;
  }
}

/**
 * How far V8 lets a heap grow past what its last full collection found live.
 * By default it may grow fourfold when collections are cheap beside the work
 * done, and a build's main heap does: at N = 20,000 it grew to 2.2 GiB over
 * about 550 MiB live before V8 collected, and Node's peak followed
 * (docs/performance-log.md, "the heap at 20,000"). A build lets every heap of its
 * process (the main thread's, the pools' and the search thread's) grow by
 * half at most: the flag is the process's, read at each collection.
 * Measured at N = 5000, cold builds in turn: Node's peak 1055–1068 →
 * 820–833 MiB, CPU within the runs' spread; at N = 20,000 2444 → 1788 MiB.
 *
 * Half of a large heap is a lot: at N = 20,000 the main heap was about 355 MiB
 * live in the pages and grew to 570 MiB before each collection, beside the
 * search thread's heap, which set Node's peak. So the growth is also capped at
 * HEAP_HEADROOM_BYTES past what the main thread's last full collection left
 * live (read after each one), down to MIN_HEAP_GROWING_PERCENT; a heap under
 * 256 MiB live grows by half as before.
 * A `--heap-growing-percent` given to Node itself is left as it is.
 */
import { constants, PerformanceObserver } from "node:perf_hooks";
import v8 from "node:v8";

export const HEAP_GROWING_PERCENT = 50;
/** What a heap may grow by past its live size before it is collected, when half of it would be more. */
export const HEAP_HEADROOM_BYTES = 128 * 2 ** 20;
/** The least growth allowed, however large the heap: collecting more often than this costs more CPU than it saves memory. */
export const MIN_HEAP_GROWING_PERCENT = 20;

/** The growing percent for a heap with `liveBytes` live: HEAP_GROWING_PERCENT, or less to keep within HEAP_HEADROOM_BYTES. */
export function heapGrowingPercent(liveBytes: number): number {
  if (!(liveBytes > 0)) return HEAP_GROWING_PERCENT;
  return Math.max(MIN_HEAP_GROWING_PERCENT, Math.min(HEAP_GROWING_PERCENT, Math.floor((HEAP_HEADROOM_BYTES / liveBytes) * 100)));
}

/** The process's watcher of full collections, once limitHeapGrowth has started it. */
let collectionsWatched: PerformanceObserver | undefined;

/**
 * Sets V8's heap growing factor for this process unless Node was started with one, and keeps it at
 * heapGrowingPercent of the main heap's live size after each full collection; says whether it did.
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((flag) => /^--heap[-_]growing[-_]percent\b/.test(flag))) return false;
  // One watcher per process, as the flag is the process's: a process that builds again (tests, the dev server) keeps it.
  if (collectionsWatched) return true;
  let percent = HEAP_GROWING_PERCENT;
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  collectionsWatched = new PerformanceObserver((list) => {
    if (!list.getEntries().some((entry) => (entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) return;
    // Read just after the collection: what it left live, plus what was allocated since (little).
    const next = heapGrowingPercent(v8.getHeapStatistics().used_heap_size);
    if (next === percent) return;
    percent = next;
    v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  });
  collectionsWatched.observe({ entryTypes: ["gc"] });
  return true;
}

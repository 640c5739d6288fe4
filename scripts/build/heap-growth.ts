/**
 * How far V8 lets a heap grow past what its last full collection found live.
 * By default it may grow fourfold when collections are cheap beside the work
 * done, and a build's main heap does: at N = 20,000 it grew to 2.2 GiB over
 * about 550 MiB live before V8 collected, and Node's peak followed
 * (docs/performance.md, "the heap at 20,000"). A build lets every heap of its
 * process (the main thread's, the pools' and the search thread's) grow by
 * half at most: the flag is the process's, read at each collection.
 * Measured at N = 5000, cold builds in turn: Node's peak 1055–1068 →
 * 820–833 MiB, CPU within the runs' spread; at N = 20,000 2444 → 1788 MiB.
 * A `--heap-growing-percent` given to Node itself is left as it is.
 */
import v8 from "node:v8";

export const HEAP_GROWING_PERCENT = 50;

/** Sets V8's heap growing factor for this process unless Node was started with one; says whether it did. */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((flag) => /^--heap[-_]growing[-_]percent\b/.test(flag))) return false;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}

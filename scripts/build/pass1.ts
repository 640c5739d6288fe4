/**
 * Which worker pass 1's pool runs in a build with the cache (./pass1-worker.ts), and what it is given. A module of
 * its own because the worker's module reads its workerData when it loads, so the main thread must not import it.
 */
export const PASS1_WORKER = new URL("./pass1-worker.ts", import.meta.url).href;

/** PoolOptions.worker's `data` for PASS1_WORKER. */
export interface Pass1WorkerData {
  /** The search-record cache's folder (searchRecordCacheDir): each record is written there. */
  recordDir: string;
}

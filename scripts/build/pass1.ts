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

/**
 * Threads for pass 1's pool and for the card pool of one build, given the cores the process may use. When every
 * document gets a card the two pools run at the same time (each card is handed on as its document loads), so they
 * share the cores instead of each starting a thread per core: on two cores, one thread each loaded the same
 * documents and drew the same cards in about 3 % less CPU than two each, in 4 of 5 cold builds at N = 5000 also in
 * less time (fewer threads compiling the same code and collecting heaps of their own; docs/performance-log.md, "pools
 * that share the cores"). Without a card per document, pass 1 has the cores to itself.
 */
export function buildPoolThreads(cores: number, cardPerDocument: boolean): { pass1: number; cards: number } {
  const all = Math.max(1, cores);
  return cardPerDocument ? { pass1: Math.ceil(all / 2), cards: Math.max(1, Math.floor(all / 2)) } : { pass1: all, cards: all };
}

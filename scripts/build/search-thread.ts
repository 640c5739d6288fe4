/**
 * The search phase of a build on its own thread, so the main thread renders
 * pages meanwhile: reading every record's words, tracing their forms and
 * compound parts and handing the records to Pagefind's process had cost the
 * main thread about 3 ms a record, in turn with the pages
 * (docs/performance-log.md, "The search phase on its own thread"). A piscina pool
 * of one thread, for the one task; below `SEARCH_THREAD_MIN_RECORDS` the main
 * thread indexes, as starting the thread (tsx, the search modules) costs more
 * than it saves. A build starts the thread before it loads the content and
 * hands it the records the moment they are built, so the index is made while
 * the main thread assembles the rest of the model (./eleventy-plugin.ts).
 */
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { workerModule } from "../content/worker-bundle.ts";
import type { ProgressPhase } from "../progress/progress.ts";
import { writeSearchBundles, type SearchBundleOptions, type SearchIndexStats } from "../search/index.ts";
import type { SearchRecord } from "../search/records.ts";
import { portableRecord } from "../search/record-spool.ts";
import type { KeptIndexHashes, SearchKeep } from "./search-cache.ts";
import type { ProgressMessage, SearchTask, ToSearchThread } from "./search-worker.ts";

const WORKER = new URL("./search-worker.ts", import.meta.url).href;

export const SEARCH_THREAD_MIN_RECORDS = 500;

type ThreadOptions = Pick<
  SearchBundleOptions,
  "progress" | "wordListCache" | "wordFormCache" | "processes" | "moreProcesses" | "sliceCache" | "sliceRecords" | "indexer"
> & {
  /** Keep the written folder there on the thread (./search-cache.ts), which then says so (`kept`). */
  keep?: SearchKeep;
};

/**
 * The search thread, started before its task: a build starts it while it validates, so the
 * thread has loaded its modules when the records are ready and the task is posted to it at
 * once, not when the main thread next yields (the rest of the model is assembled meanwhile).
 */
export class SearchThread {
  private readonly pool = SearchThread.start();

  private static start(): Piscina<SearchTask, SearchIndexStats> {
    const { filename, execArgv } = workerModule(WORKER);
    return new Piscina<SearchTask, SearchIndexStats>({ filename, execArgv, minThreads: 1, maxThreads: 1 });
  }

  /**
   * writeSearchBundles of `records` into `outputDir`, on the thread. Not an async function: the records are copied
   * to the thread when the task is posted, and a suspended async function would keep the caller's until it ends.
   */
  index(records: readonly SearchRecord[], outputDir: string, options: ThreadOptions = {}): Promise<SearchIndexStats & { kept?: KeptIndexHashes }> {
    const { port1, port2 } = new MessageChannel();
    let phase: ProgressPhase | undefined;
    port1.on("message", (message: ProgressMessage) => {
      if ("phase" in message) phase = options.progress?.phase(message.phase.name, message.phase.total, message.phase.unit);
      else if ("tick" in message) phase?.tick(message.tick);
      else phase?.done();
    });
    let closed = false;
    // A promise cannot go to the thread: the thread is told over the progress port when it settles.
    options.moreProcesses?.when.then(
      () => {
        if (!closed) port1.postMessage({ moreProcesses: true } satisfies ToSearchThread);
      },
      () => undefined,
    );
    try {
      const task: SearchTask = {
        records: records.map(portableRecord),
        outputDir,
        wordListCache: options.wordListCache,
        wordFormCache: options.wordFormCache,
        processes: options.processes,
        moreProcesses: options.moreProcesses && { upTo: options.moreProcesses.upTo },
        sliceCache: options.sliceCache,
        sliceRecords: options.sliceRecords,
        indexer: options.indexer,
        keep: options.keep,
        progress: port2,
      };
      // piscina's TransferList type does not name MessagePort under Node 20's types; a port is transferable all the same.
      return this.pool.run(task, { transferList: [port2] } as unknown as Parameters<Piscina["run"]>[1]).finally(() => {
        closed = true;
        port1.close();
      });
    } catch (error) {
      closed = true;
      port1.close();
      return Promise.reject(error);
    }
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}

/** writeSearchBundles, on a thread of its own from SEARCH_THREAD_MIN_RECORDS records on. */
export async function writeSearchBundlesOnThread(
  records: readonly SearchRecord[],
  outputDir: string,
  options: ThreadOptions & { minRecords?: number } = {},
): Promise<SearchIndexStats & { kept?: KeptIndexHashes }> {
  if (records.length < (options.minRecords ?? SEARCH_THREAD_MIN_RECORDS)) return writeSearchBundles(records, outputDir, options);
  const thread = new SearchThread();
  try {
    return await thread.index(records, outputDir, options);
  } finally {
    await thread.destroy();
  }
}

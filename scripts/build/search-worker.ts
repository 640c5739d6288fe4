/**
 * The search index on a thread of its own (./search-thread.ts starts it): the
 * records come as plain data, their slide texts read from the build's spool
 * file, and progress goes back over `progress`.
 */
import type { MessagePort } from "node:worker_threads";
import { writeSearchBundles, type SearchBundleOptions, type SearchIndexStats } from "../search/index.ts";
import { recordFromEntry, recordFromPortable, RecordSpool, type PortableRecord } from "../search/record-spool.ts";
import type { Progress } from "../progress/progress.ts";
import { searchBundleDir } from "../search/records.ts";
import { keepFolder } from "../search/kept-folder.ts";
import type { KeptIndexHashes, SearchKeep } from "./search-cache.ts";
import { BACKGROUND_THREAD_NICE, lowerThreadPriority } from "../content/thread-priority.ts";

export interface SearchTask {
  records: PortableRecord[];
  outputDir: string;
  wordListCache?: string;
  wordFormCache?: string;
  processes?: number;
  /** More Pagefind processes may be taken (up to `upTo`): the main thread says when over `progress` (`ToSearchThread`). */
  moreProcesses?: { upTo?: number };
  sliceCache?: string;
  sliceRecords?: number;
  indexer?: SearchBundleOptions["indexer"];
  /** Where to keep the written folder for the next build (./search-cache.ts): done here, not on the main thread. */
  keep?: SearchKeep;
  /** Receives `{ phase }`, `{ tick }` and `{ done }` messages for the main thread's progress line. */
  progress: MessagePort;
}

export type ProgressMessage = { phase: { name: string; total: number; unit: string } } | { tick: number } | { done: true };

/** What the main thread tells the thread: the pages are written, so the index may take more Pagefind processes. */
export type ToSearchThread = { moreProcesses: true };

export default async function indexRecords(task: SearchTask): Promise<SearchIndexStats & { kept?: KeptIndexHashes }> {
  // Before Pagefind's processes are started from this thread: they inherit its priority (../content/thread-priority.ts).
  await lowerThreadPriority(BACKGROUND_THREAD_NICE);
  const spools = new Map<string, RecordSpool>();
  const post = (message: ProgressMessage) => task.progress.postMessage(message);
  const progress: Progress = {
    phase(name, total, unit) {
      post({ phase: { name, total, unit } });
      return { tick: (count = 1) => post({ tick: count }), done: () => post({ done: true }) };
    },
  };
  const moreProcesses = task.moreProcesses && {
    upTo: task.moreProcesses.upTo,
    when: new Promise<void>((resolve) => task.progress.on("message", (message: ToSearchThread) => message.moreProcesses && resolve())),
  };
  try {
    const records = task.records.map((portable) => {
      if (!portable.spooled) return recordFromPortable(portable);
      if (portable.spooled.whole) return recordFromEntry(portable);
      const { file } = portable.spooled;
      let spool = spools.get(file);
      if (!spool) spools.set(file, (spool = new RecordSpool(file, true)));
      return spool.record(portable);
    });
    // This thread's own copy: the index lets each record go once its slice's pages are made (releaseRecords), and
    // the plain data it was made from goes now.
    task.records.length = 0;
    const stats = await writeSearchBundles(records, task.outputDir, {
      releaseRecords: true,
      progress,
      wordListCache: task.wordListCache,
      wordFormCache: task.wordFormCache,
      processes: task.processes,
      moreProcesses,
      sliceCache: task.sliceCache,
      sliceRecords: task.sliceRecords,
      indexer: task.indexer,
    });
    if (!task.keep) return stats;
    return { ...stats, kept: keepFolder(searchBundleDir(task.outputDir), task.keep.dir, { key: task.keep.key }) };
  } finally {
    for (const spool of spools.values()) spool.close();
    task.progress.close();
  }
}

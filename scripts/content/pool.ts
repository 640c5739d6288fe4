/**
 * Pass 1 on every core: each document is read, parsed, validated and its body
 * rendered on a pool of worker threads (piscina), one per core; the
 * cross-document checks follow on the main thread (loadContentWith in
 * ./load.ts). Workers run TypeScript the way the main thread does, through
 * tsx's loader.
 */
import { readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import { workerModule } from "./worker-bundle.ts";
import {
  loadContent,
  loadContentWith,
  REGISTRY_DIR,
  sharedTaskData,
  type DocumentTask,
  type DocumentTaskResult,
  type LoadOptions,
  type LoadResult,
  type SharedTaskData,
} from "./load.ts";

const WORKER = new URL("./load-worker.ts", import.meta.url).href;

/**
 * Below this many documents the main thread loads them itself. Measured at
 * 1,000 documents the pool cost 1.7× the CPU time (3.5 s more: each worker
 * loads tsx and the whole content stack, and every document is copied back)
 * and was not faster on a busy two-core machine (docs/performance-log.md).
 */
export const POOL_MIN_DOCUMENTS = 2000;

/**
 * With the document cache, the pool starts once this many documents are found missing from it; fewer load on the main
 * thread. About a second of the main thread's work (about 4 ms a document), what starting the pool's threads costs
 * before they load their first document (tsx and the content stack: 0.9 s each, docs/performance-log.md).
 */
export const POOL_MIN_UNCACHED = 256;

export interface PoolOptions {
  /** Worker threads (default: one per core the process may use). */
  threads?: number;
  /** Use the pool from this many documents on (default POOL_MIN_DOCUMENTS). */
  minDocuments?: number;
  /** With a document cache, use the pool from this many documents it lacks on (default POOL_MIN_UNCACHED). */
  minUncached?: number;
  /**
   * Another worker module, which runs each task as ./load-worker.ts does and may add a DocumentHook (./load.ts); it gets
   * `data` in its PoolWorkerData. The build's adds each document's search record (../build/pass1-worker.ts).
   */
  worker?: { filename: string; data?: unknown };
}

/** What a pool's worker is started with: the tasks' shared part, and PoolOptions.worker's `data`. */
export interface PoolWorkerData {
  shared: SharedTaskData;
  data?: unknown;
}

/** The Markdown files under the publishers' folders: what the build has to load, counted before it loads them. */
export function countDocuments(contentDir: string): number {
  let count = 0;
  for (const entry of readdirSync(contentDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === REGISTRY_DIR || entry.name.startsWith(".")) continue;
    count += readdirSync(path.join(contentDir, entry.name)).filter((name) => name.endsWith(".md")).length;
  }
  return count;
}

/** loadContent, with each document's own work spread over a worker pool; the pool is closed before it returns. */
export async function loadContentInParallel(contentDir: string, options: Omit<LoadOptions, "cache"> & PoolOptions = {}): Promise<LoadResult> {
  if (countDocuments(contentDir) < (options.minDocuments ?? POOL_MIN_DOCUMENTS)) return loadContent(contentDir, options);
  const threads = Math.max(1, options.threads ?? os.availableParallelism());
  // Started once POOL_MIN_UNCACHED documents are found missing from the build cache: a warm build with a few edits starts no thread.
  let pool: Piscina<DocumentTask | Pick<DocumentTask, "file" | "folder">, DocumentTaskResult> | undefined;
  let shared: SharedTaskData | undefined;
  // The tasks of one load share everything but their file (the same arrays, by reference): that part goes to each
  // thread once, as workerData, instead of being copied with each task: a whole task was 6.6 KB at N = 2,000 (the
  // publishers' ids, the indicators), its file and folder about 100 bytes, and a worker made the id sets again for each.
  const start = (task: DocumentTask) => {
    shared = sharedTaskData(task);
    const { filename, execArgv } = workerModule(options.worker?.filename ?? WORKER);
    return new Piscina<DocumentTask | Pick<DocumentTask, "file" | "folder">, DocumentTaskResult>({
      filename,
      minThreads: threads,
      maxThreads: threads,
      workerData: { shared, data: options.worker?.data } satisfies PoolWorkerData,
      execArgv,
    });
  };
  const sharesData = (task: DocumentTask) =>
    (Object.keys(shared!) as Array<keyof SharedTaskData>).every((key) => task[key] === shared![key]) &&
    Object.keys(task).length === Object.keys(shared!).length + 2;
  try {
    return await loadContentWith(
      (task) => {
        pool ??= start(task);
        return pool.run(sharesData(task) ? { file: task.file, folder: task.folder } : task);
      },
      contentDir,
      options,
      options.minUncached ?? POOL_MIN_UNCACHED,
    );
  } finally {
    await pool?.destroy();
  }
}

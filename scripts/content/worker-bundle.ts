/**
 * Each of Lysark's worker threads (the pass-1 pool, the card pool, the search
 * thread) runs one CommonJS file bundled from its TypeScript entry by esbuild
 * (./bundles.mjs), not the TypeScript modules through tsx. Node 20 runs no module loader hooks
 * in a worker thread, so there tsx translates every module through its
 * CommonJS hook: a pass-1 thread took about 0.95 s of CPU to load its modules
 * (0.27 s bundled), a card thread 0.33 s (0.09 s), the search thread 0.34 s
 * (0.09 s); and every read of an imported binding was a getter call, which a
 * bundle's single scope does not have (docs/performance-log.md, "worker threads
 * from bundles").
 *
 * A bundle is made again whenever a source file it was made from changes
 * (./bundles.mjs says how it is kept and checked). Set LYSARK_BUNDLES=off to
 * run the TypeScript through tsx instead; that is also what happens, silently,
 * when a bundle cannot be made or kept (esbuild missing, a read-only install).
 */
import { fileURLToPath } from "node:url";
import { bundleOf, LYSARK_ROOT } from "./bundles.mjs";
import { workerExecArgv } from "./worker-options.ts";

/** What a worker thread is started with: its file and its `execArgv`. */
export interface WorkerModule {
  filename: string;
  execArgv: string[];
  /** Whether `filename` is a bundle (false: the TypeScript entry, run through tsx). */
  bundled: boolean;
}

export interface WorkerBundleOptions {
  /** Where bundles are kept (default: ./bundles.mjs's bundleCacheDir). */
  cacheDir?: string;
  /** Lysark's folder: sources are named relative to it in the manifest (default: the one this module is in). */
  root?: string;
  /** This process's flags (default `process.execArgv`): the module-loading ones are passed on. */
  execArgv?: readonly string[];
}

/**
 * The file and flags to start a worker thread for the TypeScript module at `entry` (a file URL) with: its bundle,
 * made or reused, and this process's module flags without tsx; or, where no bundle can be had, the entry itself with
 * tsx (`workerExecArgv`).
 */
export function workerModule(entry: string, options: WorkerBundleOptions = {}): WorkerModule {
  const execArgv = options.execArgv ?? process.execArgv;
  const bundle = bundleOf(fileURLToPath(entry), { root: options.root ?? LYSARK_ROOT, cacheDir: options.cacheDir, format: "cjs" });
  return bundle
    ? { filename: bundle, execArgv: workerExecArgv(execArgv, { tsx: false }), bundled: true }
    : { filename: entry, execArgv: workerExecArgv(execArgv), bundled: false };
}

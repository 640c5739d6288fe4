/**
 * The flags Lysark's worker threads (the pass-1 pool, the card pool, the
 * search thread) start with when they run their TypeScript through tsx (where
 * no bundle can be had, ./worker-bundle.ts; a bundle gets the same flags
 * without tsx's): tsx, and the flags of this process that decide how modules
 * are found and loaded. Every other flag is left out: V8's process-wide ones
 * (`--max-old-space-size`, `--stack-size`, `--expose-gc` …) make `new
 * Worker` throw ERR_WORKER_INVALID_EXEC_ARGV, so `node
 * --max-old-space-size=8192 …`, which a very large archive needs, failed the
 * build as soon as a pool started; and a profiler's flags
 * (`--cpu-prof`, `--heap-prof`) would write a profile per thread.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

// createRequire rather than import.meta.resolve: Eleventy loads a TypeScript config through tsx's CommonJS path, which lacks the latter.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Flags kept for the threads, and whether each takes a value as the next argument when written without "=". */
const MODULE_FLAGS = new Map([
  ["--import", true],
  ["--require", true],
  ["-r", true],
  ["--loader", true],
  ["--experimental-loader", true],
  ["--conditions", true],
  ["-C", true],
  ["--enable-source-maps", false],
]);

/** The `execArgv` of a Lysark worker thread, from this process's (default `process.execArgv`). */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const flag = arg.split("=", 1)[0]!;
    const takesValue = MODULE_FLAGS.get(flag);
    if (takesValue === undefined) continue;
    kept.push(arg);
    if (takesValue && !arg.includes("=") && i + 1 < execArgv.length) kept.push(execArgv[++i]!);
  }
  return [...kept, "--import", TSX];
}

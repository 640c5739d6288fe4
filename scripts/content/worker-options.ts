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
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// createRequire rather than import.meta.resolve: Eleventy loads a TypeScript config through tsx's CommonJS path, which lacks the latter.
const require = createRequire(import.meta.url);
const TSX = pathToFileURL(require.resolve("tsx")).href;
/** The tsx package's folder, to tell its flags from other module flags. */
const TSX_DIR = path.dirname(require.resolve("tsx/package.json"));

/** Whether a module flag's value loads tsx: `tsx`, `tsx/…`, or a file in tsx's package (its loader, its preflight). */
function loadsTsx(value: string): boolean {
  if (value === "tsx" || value.startsWith("tsx/")) return true;
  const file = value.startsWith("file:") ? fileURLToPath(value) : path.resolve(value);
  return file === TSX_DIR || file.startsWith(`${TSX_DIR}${path.sep}`);
}

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

/**
 * The `execArgv` of a Lysark worker thread, from this process's (default `process.execArgv`): with tsx, or, for a
 * bundle (./worker-bundle.ts, `{ tsx: false }`), without any flag that loads it.
 */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv, { tsx = true }: { tsx?: boolean } = {}): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const flag = arg.split("=", 1)[0]!;
    const takesValue = MODULE_FLAGS.get(flag);
    if (takesValue === undefined) continue;
    const value = arg.includes("=") ? arg.slice(flag.length + 1) : takesValue && i + 1 < execArgv.length ? execArgv[++i]! : undefined;
    if (!tsx && flag !== "--conditions" && flag !== "-C" && value !== undefined && loadsTsx(value)) continue;
    kept.push(arg);
    if (value !== undefined && !arg.includes("=")) kept.push(value);
  }
  return tsx ? [...kept, "--import", TSX] : kept;
}

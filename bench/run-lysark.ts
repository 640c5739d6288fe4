/**
 * Child process for the benchmark: one full Lysark build of a project folder.
 * Prints one JSON line (prefixed "BENCH ") with wall time, phase timings and
 * the process's own peak RSS, so each build's memory is measured on its own.
 *   node --import tsx bench/run-lysark.ts <root> <output>   (the bench runs its bundle: measure.ts, bundledScript)
 */
import { cpuMs, ownCpuMs } from "./cpu.ts";
import { build } from "../scripts/build/build.ts";

const [root, output] = process.argv.slice(2);
if (!root || !output) throw new Error("usage: run-lysark.ts <root> <output>");

const start = performance.now();
const result = await build({ root, output, quiet: true });
const wallMs = performance.now() - start;
const errors = result.problems.filter((problem) => problem.severity === "error");
console.log(
  `BENCH ${JSON.stringify({
    ok: result.ok,
    wallMs,
    timings: result.timings,
    pageKinds: result.pageKinds,
    cache: result.cache,
    problems: result.problems.length,
    errors: errors.slice(0, 5),
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    cpuMs: cpuMs(),
    ownCpuMs: ownCpuMs(),
  })}`,
);
process.exit(result.ok ? 0 : 1);

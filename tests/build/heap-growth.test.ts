/**
 * A build lets V8's heaps grow by half past what a full collection found live,
 * not fourfold (scripts/build/heap-growth.ts). Shown on a process that replaces
 * a live set of about 30 MB piece by piece, so the old pieces die in old space
 * as a build's rendered pages do: its heap's peak with and without the limit.
 * The build's own peak is the bench's to measure (docs/performance-log.md).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HEAP_GROWING_PERCENT, heapGrowingPercent, MIN_HEAP_GROWING_PERCENT } from "../../scripts/build/heap-growth.ts";

const MODULE = fileURLToPath(new URL("../../scripts/build/heap-growth.ts", import.meta.url));

const CHURN = `
const limit = process.argv[1] === "limit";
const { limitHeapGrowth } = await import(${JSON.stringify(MODULE)});
if (limit) limitHeapGrowth();
const v8 = await import("node:v8");
const ring = new Array(300);
let peak = 0;
for (let i = 0; i < 3000; i++) {
  ring[i % ring.length] = Array.from({ length: 1000 }, (_, k) => ({ k, s: "x" + i + "-" + k }));
  if (i % 25 === 0) peak = Math.max(peak, v8.getHeapStatistics().total_heap_size);
}
console.log(peak);
`;

/**
 * CHURN beside 512 MiB that stays live (arrays of numbers, quick to make and to mark), yielding now and then as a
 * build's pages phase does, so the limit's watcher hears of each full collection: a large archive's pages phase.
 * Prints what the heap held beyond the arrays kept, at its peak in the last quarter of the churn: before that, the
 * heap grows from its start to its first full collections, which came at whatever growth the flag said when they
 * did, and that peak was the run's in some runs of either kind (2 of 3 limited runs alike at 3,000 rounds, December).
 */
const LARGE = CHURN.replace(
  "const ring = new Array(300);",
  "const kept = Array.from({ length: 2048 }, (_, i) => new Array(32 * 1024).fill(i + 0.5));\nconst ring = new Array(300);",
)
  .replace("for (let i = 0; i < 3000; i++) {", "for (let i = 0; i < 8000; i++) {")
  .replace(
    "if (i % 25 === 0) peak = Math.max(peak, v8.getHeapStatistics().total_heap_size);",
    "if (i % 25 === 0) {\n    if (i >= 6000) peak = Math.max(peak, v8.getHeapStatistics().total_heap_size);\n    await new Promise((resolve) => setImmediate(resolve));\n  }",
  )
  .replace("console.log(peak);", "console.log(peak - kept.length * 256 * 1024);");

/** The peak of V8's heap in a fresh process running `script` (CHURN), with `limitHeapGrowth` called first or not. */
function peakHeap(mode: "limit" | "default", flags: string[] = [], script = CHURN): number {
  const peak = Number(execFileSync(process.execPath, [...flags, "--import", "tsx", "--input-type=module", "-e", script, mode], { encoding: "utf8" }).trim());
  return peak;
}

describe("the build's heap growth", () => {
  it("keeps a heap that churns well under the size V8 lets it reach by default", () => {
    const unlimited = peakHeap("default");
    const limited = peakHeap("limit");
    expect(limited).toBeLessThan(unlimited * 0.75);
  });

  it("caps a large heap's growth at a fixed headroom rather than half of it", () => {
    // Both let the heap grow by half of what is live at first; the limit lowers that once a full collection finds 512 MB live.
    const byHalf = peakHeap("default", [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`], LARGE);
    const capped = peakHeap("limit", [], LARGE);
    // What the heap held beyond the arrays kept: 356–369 against 222–223 MiB (three runs each, 7 December).
    expect(capped).toBeLessThan(byHalf - 64 * 2 ** 20);
  });

  it("lets a heap grow by half up to 256 MiB live, then by the headroom, never below the least growth", () => {
    const MiB = 2 ** 20;
    expect([0, Number.NaN, 100 * MiB, 256 * MiB].map(heapGrowingPercent)).toEqual([50, 50, 50, 50]);
    expect(heapGrowingPercent(355 * MiB)).toBe(36);
    expect(heapGrowingPercent(512 * MiB)).toBe(25);
    expect(heapGrowingPercent(4096 * MiB)).toBe(MIN_HEAP_GROWING_PERCENT);
  });

  it("leaves a growing factor given to Node itself as it is", () => {
    // Started with its own factor (V8 takes either spelling), the process keeps it: the limit does not lower that heap's peak.
    const own = peakHeap("limit", ["--heap_growing_percent=300"]);
    const limited = peakHeap("limit");
    expect(own).toBeGreaterThan(limited * 1.3);
  });
});

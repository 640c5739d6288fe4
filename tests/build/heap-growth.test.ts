/**
 * A build lets V8's heaps grow by half past what a full collection found live,
 * not fourfold (scripts/build/heap-growth.ts). Shown on a process that replaces
 * a live set of about 30 MB piece by piece, so the old pieces die in old space
 * as a build's rendered pages do: its heap's peak with and without the limit.
 * The build's own peak is the bench's to measure (docs/performance.md).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

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

/** The peak of V8's heap in a fresh process running CHURN, with `limitHeapGrowth` called first or not. */
function peakHeap(mode: "limit" | "default", flags: string[] = []): number {
  const peak = Number(execFileSync(process.execPath, [...flags, "--import", "tsx", "--input-type=module", "-e", CHURN, mode], { encoding: "utf8" }).trim());
  return peak;
}

describe("the build's heap growth", () => {
  it("keeps a heap that churns well under the size V8 lets it reach by default", () => {
    const unlimited = peakHeap("default");
    const limited = peakHeap("limit");
    expect(limited).toBeLessThan(unlimited * 0.75);
  });

  it("leaves a growing factor given to Node itself as it is", () => {
    // Started with its own factor (V8 takes either spelling), the process keeps it: the limit does not lower that heap's peak.
    const own = peakHeap("limit", ["--heap_growing_percent=300"]);
    const limited = peakHeap("limit");
    expect(own).toBeGreaterThan(limited * 1.3);
  });
});

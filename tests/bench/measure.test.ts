/**
 * The benchmark's CPU time counts the build's child processes (Pagefind's) from
 * outside: a process the build stops without waiting for never reaches the
 * build's own figures (bench/measure.ts, treeSample).
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { treeSample } from "../../bench/measure.ts";

describe.skipIf(process.platform !== "linux")("sampling a process tree", () => {
  it("gives each descendant's CPU time and counts its memory", async () => {
    const child = spawn(process.execPath, ["-e", "const end = Date.now() + 3000; while (Date.now() < end);"], { stdio: "ignore" });
    try {
      await new Promise((resolve) => setTimeout(resolve, 600));
      const sample = treeSample(process.pid);
      expect(sample.descendantsCpu.get(child.pid!)).toBeGreaterThan(100);
      expect(sample.descendantsCpu.has(process.pid)).toBe(false);
      expect(sample.rss).toBeGreaterThan(treeSample(child.pid!).rss);
    } finally {
      child.kill();
    }
  });
});

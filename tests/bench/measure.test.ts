/**
 * The benchmark's CPU time counts the build's child processes (Pagefind's) from
 * outside: a process the build stops without waiting for never reaches the
 * build's own figures (bench/measure.ts, treeSample). Its builds start from
 * bundles, as `npm run build` does (bundledScript), and report as before.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { bundledScript, childArguments, runChild, TSX, treeSample } from "../../bench/measure.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";

const RUN_LYSARK = fileURLToPath(new URL("../../bench/run-lysark.ts", import.meta.url));

describe.skipIf(process.platform !== "linux")("sampling a process tree", () => {
  it("gives each descendant's CPU time and counts its memory", async () => {
    const child = spawn(process.execPath, ["-e", "const end = Date.now() + 30000; while (Date.now() < end);"], { stdio: "ignore" });
    try {
      // Sampled until the child has had 100 ms of CPU: on a loaded machine (the test run's other workers) a fixed wait
      // of 600 ms once gave it 70 ms. A sampler that never sees the child's time still fails, at the deadline.
      let sample = treeSample(process.pid);
      for (const deadline = Date.now() + 20_000; !((sample.descendantsCpu.get(child.pid!) ?? 0) > 100) && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        sample = treeSample(process.pid);
      }
      expect(sample.descendantsCpu.get(child.pid!)).toBeGreaterThan(100);
      expect(sample.descendantsCpu.has(process.pid)).toBe(false);
      expect(sample.rss).toBeGreaterThan(treeSample(child.pid!).rss);
    } finally {
      child.kill();
    }
  }, 30_000);
});

describe("the bench's builds from bundles", () => {
  it("runs Lysark's build from its bundle, without tsx, and reads its report", async () => {
    const script = bundledScript(RUN_LYSARK);
    expect(script.endsWith(".mjs")).toBe(true);
    expect(existsSync(script)).toBe(true);
    expect(childArguments(script, ["a"])).toEqual(["--enable-source-maps", script, "a"]);
    expect(childArguments(RUN_LYSARK, ["a"], ["--max-old-space-size=100"])).toEqual(["--max-old-space-size=100", "--import", TSX, RUN_LYSARK, "a"]);
    const project = makeProject();
    try {
      const output = path.join(project, "_out");
      const run = await runChild(script, [project, output], project);
      expect(run.code, run.stderr).toBe(0);
      expect(run.report?.ok).toBe(true);
      expect(existsSync(path.join(output, "index.html"))).toBe(true);
    } finally {
      removeProject(project);
    }
  });

  it("runs the TypeScript through tsx with LYSARK_BUNDLES=off", () => {
    vi.stubEnv("LYSARK_BUNDLES", "off");
    try {
      expect(bundledScript(RUN_LYSARK)).toBe(RUN_LYSARK);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

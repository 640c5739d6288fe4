/**
 * Lysark's worker threads get this process's module-loading flags and tsx,
 * and none of V8's process-wide flags, which `new Worker` refuses: a build
 * started with `node --max-old-space-size=…` (what a very large archive
 * needs) must not fail when its first pool starts.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { workerExecArgv } from "../../scripts/content/worker-options.ts";
import { makeProject, removeProject, repoRoot } from "../helpers/fixture.ts";

let dir: string | undefined;
afterEach(() => {
  if (dir) removeProject(dir);
});

describe("workerExecArgv", () => {
  it("keeps the flags that load modules, with their values, and drops V8's and the profilers'", () => {
    const args = workerExecArgv([
      "--max-old-space-size=1024",
      "--import",
      "tsx",
      "--cpu-prof",
      "--cpu-prof-dir",
      "/tmp/profiles",
      "--conditions=development",
      "--expose-gc",
      "--stack-size",
      "2000",
      "-r",
      "./setup.cjs",
      "--require=./other.cjs",
      "--enable-source-maps",
    ]);
    expect(args.slice(0, -2)).toEqual(["--import", "tsx", "--conditions=development", "-r", "./setup.cjs", "--require=./other.cjs", "--enable-source-maps"]);
    expect(args.at(-2)).toBe("--import");
    expect(args.at(-1)).toMatch(/^file:.*tsx/);
  });

  it("lets a build started with --max-old-space-size start its search thread", () => {
    dir = makeProject();
    const script = `const { build } = await import(${JSON.stringify(path.join(repoRoot, "scripts", "build", "build.ts"))});
const result = await build({ root: ${JSON.stringify(dir)}, searchThreadFrom: 1 });
console.log(result.ok ? "built" : "failed");`;
    const run = spawnSync(process.execPath, ["--max-old-space-size=2048", "--stack-size=2000", "--import", "tsx", "--input-type=module", "-e", script], {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.stderr).not.toContain("ERR_WORKER_INVALID_EXEC_ARGV");
    expect(run.stdout.trim()).toBe("built");
    expect(run.status).toBe(0);
  });
});

/**
 * The example sharded workflow (.github/workflows/site-sharded.yml): its
 * build commands, run in sequence on one machine the way the jobs run them on
 * several, give the site a single build gives. The words after
 * `npm run build --` go through the command's own argument parsing; the builds
 * run in this process (a process per build would make this test minutes long).
 */
import { cpSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { build } from "../../scripts/build/build.ts";
import { buildOptionsFromArgs } from "../../scripts/cli/build-args.ts";
import { filesUnder, makeProject, removeProject, repoRoot } from "../helpers/fixture.ts";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string;
  strategy?: { matrix: { shard: number[] } };
  steps: Step[];
}
const workflow = parse(readFileSync(path.join(repoRoot, ".github/workflows/site-sharded.yml"), "utf8")) as {
  env: { SHARDS: number };
  jobs: Record<string, Job>;
};

let dir: string;
beforeEach(() => {
  dir = makeProject();
});
afterEach(() => removeProject(dir));

/** `npm run build -- ARGS` → ARGS, with the workflow's expressions filled in. */
function buildArgs(run: string, values: Record<string, string>): string[] {
  const filled = run.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => values[name] ?? `<${name}?>`);
  const match = /^npm run build -- (.*)$/.exec(filled.trim());
  if (!match) throw new Error(`not a build command: ${run}`);
  return match[1]!.split(/\s+/);
}

describe("the sharded workflow", () => {
  it("has one job per slice and a merge job that needs them, passing the slices as artifacts", () => {
    const { slice, merge, deploy } = workflow.jobs;
    expect(slice!.strategy!.matrix.shard).toEqual(Array.from({ length: workflow.env.SHARDS }, (_, i) => i + 1));
    expect(merge!.needs).toBe("slice");
    expect(deploy!.needs).toBe("merge");
    expect(slice!.steps.some((step) => step.uses?.startsWith("actions/upload-artifact@"))).toBe(true);
    expect(merge!.steps.some((step) => step.uses?.startsWith("actions/download-artifact@"))).toBe(true);
  });

  const npmRunBuild = async (cwd: string, args: string[]) => (await build(buildOptionsFromArgs(args, cwd))).ok;

  it("gives the same site as a single build when its commands run in sequence", async () => {
    expect(await npmRunBuild(dir, ["--output", "single"])).toBe(true);
    const sliceRun = workflow.jobs.slice!.steps.find((step) => step.run?.includes("--shard"))!.run!;
    const upload = workflow.jobs.slice!.steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"))!.with!;
    const download = workflow.jobs.merge!.steps.find((step) => step.uses?.startsWith("actions/download-artifact@"))!.with!;
    for (const shard of workflow.jobs.slice!.strategy!.matrix.shard) {
      // Each runner starts from a fresh checkout (same files and dates): build in a copy, then "upload" the slice.
      const runner = path.join(dir, `runner-${shard}`);
      mkdirSync(runner);
      for (const name of ["content", "site.config.json"]) cpSync(path.join(dir, name), path.join(runner, name), { recursive: true, preserveTimestamps: true });
      expect(await npmRunBuild(runner, buildArgs(sliceRun, { "matrix.shard": String(shard), "env.SHARDS": String(workflow.env.SHARDS) }))).toBe(true);
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the GitHub Actions expression, as the workflow file writes it
      const artifact = String(upload.name).replace("${{ matrix.shard }}", String(shard));
      cpSync(path.join(runner, String(upload.path)), path.join(dir, String(download.path), artifact), { recursive: true });
    }
    const mergeRun = workflow.jobs.merge!.steps.find((step) => step.run?.includes("--merge"))!.run!;
    const args = buildArgs(mergeRun, {}).flatMap((arg) =>
      arg.includes("*")
        ? readdirSync(path.join(dir, path.dirname(arg)))
            .filter((name) => name.startsWith(path.basename(arg).replace("*", "")))
            .map((name) => path.join(path.dirname(arg), name))
        : [arg],
    );
    expect(await npmRunBuild(dir, args)).toBe(true);
    expect(filesUnder(path.join(dir, "_site"))).toEqual(filesUnder(path.join(dir, "single")));
    for (const file of filesUnder(path.join(dir, "single"))) {
      expect(readFileSync(path.join(dir, "_site", file)).equals(readFileSync(path.join(dir, "single", file))), file).toBe(true);
    }
  });
});

/**
 * The npm commands start through scripts/cli/run.mjs, which runs each
 * command's bundle: the same output and exit status as the TypeScript run
 * through tsx, the command's own `process.argv`, and a clear refusal of a
 * command that does not exist.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bundleCacheDir } from "../../scripts/content/bundles.mjs";
import { runCli } from "../helpers/cli.ts";
import { doc, makeProject, removeProject, repoRoot, VALID_FRONT_MATTER } from "../helpers/fixture.ts";

let dir: string | undefined;
afterEach(() => {
  if (dir) removeProject(dir);
  dir = undefined;
});

const launcher = path.join(repoRoot, "scripts", "cli", "run.mjs");

describe("scripts/cli/run.mjs", () => {
  it("runs a command from its bundle, with the output and exit status tsx gives", () => {
    dir = makeProject("site-basic", { "content/testby/broken.md": doc(VALID_FRONT_MATTER.replace("title: Et dokument", "title:")) });
    // Without a kept bundle of `check`, the run has to make one (another test's run making one meanwhile writes the same files).
    const cache = bundleCacheDir()!;
    const manifests = () => (existsSync(cache) ? readdirSync(cache).filter((name) => name.startsWith("check-esm-") && name.endsWith(".json")) : []);
    for (const name of manifests()) rmSync(path.join(cache, name), { force: true });
    const bundled = runCli("check", dir);
    const throughTsx = runCli("check", dir, [], { LYSARK_BUNDLES: "off" });
    expect(bundled.status).toBe(1);
    expect(bundled.stderr).toContain("broken.md");
    // The same but for how long the check took ("(0.1 s)", and the progress line's "in 0.1 s").
    const timeless = (text: string) => text.replace(/\d+\.\d+ s\b/g, "… s");
    expect({ status: bundled.status, stdout: timeless(bundled.stdout), stderr: timeless(bundled.stderr) }).toEqual({
      status: throughTsx.status,
      stdout: timeless(throughTsx.stdout),
      stderr: timeless(throughTsx.stderr),
    });

    // The bundle it made, with the command's own source among the files it was made from.
    const manifest = manifests()[0];
    expect(manifest).toBeDefined();
    const inputs = (JSON.parse(readFileSync(path.join(cache, manifest!), "utf8")) as { inputs: Array<[string, string]> }).inputs.map(([input]) => input);
    expect(inputs).toContain("scripts/cli/check.ts");
  });

  it("gives a command the arguments and process.argv[1] it has when started directly", () => {
    dir = makeProject();
    // `new` runs its main only when process.argv[1] is its own file (isMain), and reads its flags from the arguments.
    const made = runCli("new", dir, ["--publisher", "testby", "--title", "Ny plan", "--type", "plan", "--date", "2024-05-01"]);
    expect(made.stderr).toBe("");
    expect(made.status).toBe(0);
    expect(made.stdout).toMatch(/testby\/ny-plan\.md/);
  });

  it("names the TypeScript files and lines in a stack trace, not the bundle's", () => {
    dir = makeProject("site-basic", { "site.config.json": "{ broken" });
    const failed = runCli("build", dir, ["--verbose"]);
    expect(failed.status).toBe(1);
    const frame = /at validateAndAssemble \((.+?):(\d+):\d+\)/.exec(failed.stderr);
    expect(frame?.[1]).toBe(path.join(repoRoot, "scripts", "build", "eleventy-plugin.ts"));
    const line = readFileSync(frame![1]!, "utf8").split("\n")[Number(frame![2]) - 1];
    expect(line).toContain("throw new ContentErrors(configProblems)");
  });

  it("refuses a command that does not exist, saying how it is used", () => {
    for (const command of ["nonexistent", "../build", ""]) {
      const run = spawnSync(process.execPath, [launcher, command], { cwd: repoRoot, encoding: "utf8" });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^usage: node scripts\/cli\/run\.mjs <command>/);
    }
  });
});

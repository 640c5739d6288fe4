/**
 * The npm commands start through scripts/cli/run.mjs, which runs each
 * command's bundle: the same output and exit status as the TypeScript run
 * through tsx, the command's own `process.argv`, and a clear refusal of a
 * command that does not exist or is only a helper of the commands.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { BUILD_ENVIRONMENT, ownProcessEnvironment, v8PoolOption } from "../../scripts/cli/build-environment.mjs";
import { bundleCacheDir } from "../../scripts/content/bundles.mjs";
import { isRunning } from "../../scripts/content/temporary-files.ts";
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

  /**
   * A module every Node process of the run loads first (NODE_OPTIONS=--import): it writes a line with its pid, its
   * parent's, its MALLOC_ARENA_MAX and the V8 pool size its NODE_OPTIONS set; with `hold`, the process that has the
   * variable waits there for a minute. The commands' bundles are made first, unprobed: a bundle being made is a
   * process of its own (content/bundles.mjs), which the tests counted when no test before them had made it.
   */
  const probe = (folder: string, hold = false) => {
    for (const command of ["build", "check"]) expect(runCli(command, folder, ["--help"]).status).toBe(0);
    const log = path.join(folder, "processes.log");
    const module = path.join(folder, "probe.mjs");
    writeFileSync(
      module,
      `import { appendFileSync } from "node:fs";
appendFileSync(${JSON.stringify(log)}, [process.pid, process.ppid, process.env.MALLOC_ARENA_MAX ?? "-", /--v8-pool-size=\\d+/.exec(process.env.NODE_OPTIONS ?? "")?.[0] ?? "-"].join(" ") + "\\n");
if (${hold} && process.env.MALLOC_ARENA_MAX) await new Promise((resolve) => setTimeout(resolve, 60_000));
`,
    );
    const lines = () =>
      existsSync(log)
        ? readFileSync(log, "utf8")
            .trim()
            .split("\n")
            .filter(Boolean)
            .map((line) => line.split(" "))
        : [];
    return { env: { NODE_OPTIONS: `--import=${pathToFileURL(module).href}`, MALLOC_ARENA_MAX: undefined }, lines };
  };

  it("runs a build in a process of its own with fewer malloc arenas and no more V8 platform threads than cores, and ends with its exit status", () => {
    dir = makeProject("site-basic", { "content/testby/broken.md": doc(VALID_FRONT_MATTER.replace("title: Et dokument", "title:")) });
    const { env, lines } = probe(dir);
    const failed = runCli("build", dir, [], env);
    expect(failed.stderr).toContain("broken.md");
    expect(failed.status).toBe(1);
    const [launcherProcess, buildProcess, ...more] = lines();
    expect(more).toEqual([]);
    expect(launcherProcess![2]).toBe("-");
    // On fewer cores than V8's four platform threads, as many as there are cores.
    expect(buildProcess).toEqual([expect.any(String), launcherProcess![0], BUILD_ENVIRONMENT.MALLOC_ARENA_MAX, v8PoolOption() ?? "-"]);
    expect(launcherProcess![3]).toBe("-");
    expect(existsSync(path.join(dir, "_site"))).toBe(false);
  });

  it("runs a build in the launcher's own process when the caller set MALLOC_ARENA_MAX, its help, and any other command always", () => {
    dir = makeProject();
    const { env, lines } = probe(dir);
    expect(runCli("build", dir, [], { ...env, MALLOC_ARENA_MAX: "4" }).status).toBe(0);
    expect(lines().map(([, , arenas, pool]) => [arenas, pool])).toEqual([["4", "-"]]);
    rmSync(path.join(dir, "processes.log"));
    for (const flag of ["--help", "-h"]) {
      const help = runCli("build", dir, [flag], env);
      expect(help.stdout).toMatch(/^Usage: npm run build /);
      expect(help.status).toBe(0);
      expect(lines().map(([, , arenas]) => arenas)).toEqual(["-"]);
      rmSync(path.join(dir, "processes.log"));
    }
    expect(runCli("check", dir, [], env).status).toBe(0);
    expect(lines().map(([, , arenas]) => arenas)).toEqual(["-"]);
  });

  it("passes a signal sent to the launcher on to the build, and ends the way the build did", async () => {
    dir = makeProject();
    const { env, lines } = probe(dir, true);
    const launcherRun = spawn(process.execPath, [launcher, "build"], { cwd: dir, env: { ...process.env, ...env }, stdio: "ignore" });
    const ended = new Promise<NodeJS.Signals | null>((resolve) => launcherRun.on("exit", (_code, signal) => resolve(signal)));
    // The build's process is waiting in the probe once it has written its line.
    while (lines().length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    const buildPid = Number(lines()[1]![0]);
    launcherRun.kill("SIGTERM");
    expect(await ended).toBe("SIGTERM");
    for (let waited = 0; isRunning(buildPid) && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(isRunning(buildPid)).toBe(false);
  });

  it("asks for a process of its own only for a build on Linux without MALLOC_ARENA_MAX", () => {
    expect(ownProcessEnvironment("build", { PATH: "/bin" }, "linux", 8)).toEqual({ PATH: "/bin", MALLOC_ARENA_MAX: "2" });
    expect(ownProcessEnvironment("build", { PATH: "/bin" }, "linux", 4)).toEqual({ PATH: "/bin", MALLOC_ARENA_MAX: "2" });
    expect(ownProcessEnvironment("build", { PATH: "/bin" }, "linux", 2)).toEqual({ PATH: "/bin", MALLOC_ARENA_MAX: "2", NODE_OPTIONS: "--v8-pool-size=2" });
    expect(ownProcessEnvironment("build", { NODE_OPTIONS: "--import=x.mjs" }, "linux", 1)).toEqual({
      NODE_OPTIONS: "--import=x.mjs --v8-pool-size=1",
      MALLOC_ARENA_MAX: "2",
    });
    // The caller's own pool size is theirs.
    expect(ownProcessEnvironment("build", { NODE_OPTIONS: "--v8-pool-size=3" }, "linux", 2)).toEqual({
      NODE_OPTIONS: "--v8-pool-size=3",
      MALLOC_ARENA_MAX: "2",
    });
    expect(ownProcessEnvironment("build", { MALLOC_ARENA_MAX: "8" }, "linux")).toBeUndefined();
    expect(ownProcessEnvironment("build", {}, "darwin")).toBeUndefined();
    expect(ownProcessEnvironment("check", {}, "linux")).toBeUndefined();
    expect(ownProcessEnvironment("serve", {}, "linux")).toBeUndefined();
  });

  it("refuses a command that does not exist, and a helper of the commands, saying which there are", () => {
    // The commands package.json starts through the launcher; every other file in scripts/cli/ is a helper of theirs.
    const scripts = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    const commands = Object.values(scripts).flatMap((line) => /scripts\/cli\/run\.mjs ([a-z-]+)/.exec(line)?.[1] ?? []);
    const helpers = readdirSync(path.join(repoRoot, "scripts", "cli"))
      .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))
      .map((name) => name.slice(0, -3))
      .filter((name) => !commands.includes(name));
    expect(helpers).toContain("report");
    for (const command of ["nonexistent", "../build", "", ...helpers]) {
      const run = spawnSync(process.execPath, [launcher, command], { cwd: repoRoot, encoding: "utf8" });
      expect(run.status, command).toBe(2);
      expect(run.stderr).toMatch(/^usage: node scripts\/cli\/run\.mjs <command>/);
      expect(run.stderr).toContain(`where <command> is one of ${[...new Set(commands)].sort().join(", ")} (got`);
    }
    // Each command the scripts name is one it runs: its --help answers.
    for (const command of new Set(commands)) {
      const run = spawnSync(process.execPath, [launcher, command, "--help"], { cwd: repoRoot, encoding: "utf8" });
      expect(run.status, command).toBe(0);
      expect(run.stdout, command).toMatch(/^Usage/);
    }
  });
});

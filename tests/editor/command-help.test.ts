/**
 * Every command answers --help, refuses an option it does not know with the one meant, and stops at once, saying
 * why, in a folder without content/, leaving nothing behind.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main as importMain } from "../../scripts/cli/import.ts";
import { main as newMain } from "../../scripts/cli/new.ts";
import { main as newPublisherMain } from "../../scripts/cli/new-publisher.ts";
import { main as hooksMain } from "../../scripts/editor/hooks-install.ts";
import { type CliResult, runCli } from "../helpers/cli.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";

/**
 * The commands whose work is a function of their arguments and folder, run in this process: a process each, through the
 * launcher, cost the test run about 25 s of CPU. The launcher itself is tests/editor/run-command.test.ts's.
 */
const IN_PROCESS: Record<string, (argv: string[], cwd: string) => Promise<CliResult>> = {
  import: (argv, cwd) => captured((io) => importMain(argv, { ...io, defaultOut: path.join(cwd, "content") }), cwd),
  new: (argv, cwd) => captured((io) => newMain(argv, io), cwd),
  "new-publisher": (argv, cwd) => captured((io) => newPublisherMain(argv, io), cwd),
  "hooks:install": (argv, cwd) => captured((io) => hooksMain(argv, io), cwd),
};

async function captured(run: (io: { stdout: (text: string) => void; stderr: (text: string) => void; cwd: string }) => number | Promise<number>, cwd: string) {
  const out = { stdout: "", stderr: "" };
  const status = await run({ stdout: (text) => void (out.stdout += text), stderr: (text) => void (out.stderr += text), cwd });
  return { status, ...out };
}

/** A command as a user runs it: in the launcher's process, or in this one for those above. */
async function run(name: string, cwd: string, args: string[] = []): Promise<CliResult> {
  const inProcess = IN_PROCESS[name];
  return inProcess ? inProcess(args, cwd) : runCli(name, cwd, args);
}

let dir: string | undefined;
afterEach(() => {
  if (dir) removeProject(dir);
  dir = undefined;
});

describe("the commands' --help", () => {
  it.each([
    ["build", /^Usage: npm run build .*\n[\s\S]*--verify-cache[\s\S]*-h, --help/],
    ["check", /^Usage: npm run check [\s\S]*--quiet[\s\S]*-h, --help/],
    ["serve", /^Usage: npm start [\s\S]*--port N[\s\S]*-h, --help/],
    ["docs", /^Usage: npm run docs [\s\S]*--check[\s\S]*-h, --help/],
    ["import", /^Usage:\n  npm run import -- [\s\S]*--keep-going/],
    ["new", /^Usage:\n  npm run new -- [\s\S]*-h, --help/],
    ["new-publisher", /^Usage:\n  npm run new-publisher -- [\s\S]*-h, --help/],
    ["hooks:install", /^Usage: npm run hooks:install\n[\s\S]*-h, --help/],
  ])("%s --help prints its usage and does nothing else", async (command, usage) => {
    dir = makeProject();
    const before = readdirSync(dir).sort();
    for (const flag of ["--help", "-h"]) {
      const result = await run(command, dir, [flag]);
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(usage);
      expect(result.status).toBe(0);
    }
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it.each([
    ["build", ["--verfy-cache"], /Unknown option --verfy-cache\. Did you mean --verify-cache\?\nUsage: npm run build /],
    ["check", ["--quite"], /^check: Unknown option '--quite'\. Did you mean --quiet\?\n\nUsage: npm run check /],
    ["serve", ["--prot", "9000"], /^start: Unknown option '--prot'\. Did you mean --port\?\n\nUsage: npm start /],
    ["serve", ["--port", "80a"], /^start: the port must be a whole number from 1 to 65535 \(got "80a"\)\.\n\nUsage: npm start /],
    ["serve", ["--port", "0"], /^start: the port must be a whole number from 1 to 65535 \(got "0"\)\./],
    ["docs", ["--chek"], /^docs: Unknown option '--chek'\. Did you mean --check\?\n\nUsage: npm run docs /],
    ["import", ["--forse", "in.txt"], /^import: Unknown option '--forse'\. Did you mean --force\?\n\nUsage:\n  npm run import /],
    ["import", ["--zzz", "in.txt"], /^import: Unknown option '--zzz'\. To specify a positional argument starting with a '-'/],
    ["import", [], /^import: no transcript or original given\n\nUsage:/],
    ["new", ["--titel", "Budsjett"], /^new: Unknown option '--titel'\. Did you mean --title\?\n\nUsage:\n  npm run new /],
    ["new", ["--publisher", "testby"], /^new: missing --type, --title\n\nUsage:/],
    ["new-publisher", ["--contry", "NO"], /^new-publisher: Unknown option '--contry'\. Did you mean --country\?\n\nUsage:\n  npm run new-publisher /],
    ["hooks:install", ["--hepl"], /^hooks:install: Unknown option '--hepl'\. Did you mean --help\?\n\nUsage: npm run hooks:install/],
  ])("%s %j is refused with the option meant, and exit status 2", async (command, args, message) => {
    dir = makeProject();
    const result = await run(command, dir, args);
    expect(result.stderr).toMatch(message);
    expect(result.status).toBe(2);
    expect(existsSync(path.join(dir, "_site"))).toBe(false);
    expect(readdirSync(path.join(dir, "content")).sort()).toEqual(["_registries", "testby", "testby-sentrum"]);
  });

  it("hooks:install turns the hook on only when asked for nothing else", async () => {
    dir = makeProject();
    expect(spawnSync("git", ["init", "-q"], { cwd: dir }).status).toBe(0);
    mkdirSync(path.join(dir, ".githooks"));
    writeFileSync(path.join(dir, ".githooks", "pre-commit"), "#!/bin/sh\n");
    const hooksPath = () => spawnSync("git", ["config", "--get", "core.hooksPath"], { cwd: dir, encoding: "utf8" }).stdout.trim();
    for (const args of [["--help"], ["--hepl"]]) await run("hooks:install", dir, args);
    expect(hooksPath()).toBe("");
    expect((await run("hooks:install", dir, [])).status).toBe(0);
    expect(hooksPath()).toBe(".githooks");
  });
});

describe("a folder that is not a site's", () => {
  it.each([
    ["build", []],
    ["check", []],
    ["serve", []],
    ["import", ["in.txt"]],
    ["new", ["--publisher", "testby", "--type", "report", "--title", "Budsjett"]],
    ["new-publisher", ["--id", "nyby", "--name-nb", "Nyby", "--name-en", "Nyby", "--country", "NO", "--kind", "kommune"]],
  ])("%s stops at once and says where to run it, leaving nothing behind", async (command, args) => {
    dir = makeProject("site-basic", { content: null });
    const result = await run(command, dir, args);
    expect(result.stderr.trim()).toMatch(
      new RegExp(
        `^(\\[lysark\\] |${command}: )?No content/ folder in ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\. Lysark's commands run in a site's folder, the one with content/ and site\\.config\\.json`,
      ),
    );
    expect(result.stderr).not.toMatch(/ENOENT|at .*\.ts:\d+|previous site/);
    expect(result.status).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(["site.config.json"]);
  });

  // A content/ link to the site's own folder made every file of it, .git/config among them, a file "inside the content
  // folder": listed as an attachment, it was published. Which links are refused, and what is said, is
  // tests/content/project-folder.test.ts's; here each command asks it before doing anything. A link to a folder inside
  // the site is a content folder as any.
  it.each(["build", "check", "serve"])("%s refuses a content/ that is a link to the site's folder", (command) => {
    dir = makeProject();
    renameSync(path.join(dir, "content"), path.join(dir, "innhold"));
    symlinkSync(".", path.join(dir, "content"));
    const result = runCli(command, dir, []);
    expect(result.stderr).toContain(`${path.join(dir, "content")} is a symbolic link to ${realpathSync(dir)}, which is the site's own folder or one above it`);
    expect(result.stderr).toContain("Make content/ a folder of its own");
    expect(result.status).toBe(1);
    expect(existsSync(path.join(dir, "_site"))).toBe(false);
    if (command === "check") {
      rmSync(path.join(dir, "content"));
      symlinkSync("innhold", path.join(dir, "content"));
      expect(runCli(command, dir, []).status).toBe(0);
    }
  });

  it("names content/ when it is a file, not a folder", () => {
    dir = makeProject("site-basic", { content: null });
    writeFileSync(path.join(dir, "content"), "");
    const result = runCli("check", dir, []);
    expect(result.stderr).toContain(`${path.join(dir, "content")} is a file, not a folder`);
    expect(result.status).toBe(1);
  });
});

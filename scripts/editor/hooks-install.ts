/**
 * npm run hooks:install
 *
 * Turns on Lysark's git hooks for this clone: `git config core.hooksPath .githooks`,
 * so every commit runs the content check on what is staged (.githooks/pre-commit).
 * Turn them off again with: git config --unset core.hooksPath
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { defaultIo, isMain, type Io, parseOptions, USAGE_ERROR } from "./cli-args.ts";

export const HOOKS_HELP = `Usage: npm run hooks:install

Turns on Lysark's git pre-commit hook in this clone (git config core.hooksPath .githooks): each commit
then checks the content it stages. Turn it off with: git config --unset core.hooksPath

  -h, --help  this help`;

export function installHooks(root: string, env: NodeJS.ProcessEnv = process.env): { hooksPath: string; ignored: string[] } {
  const top = spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: root, env, encoding: "utf8" });
  if (top.status !== 0) throw new Error(`${root} is not inside a git clone (${top.stderr.trim()}). Clone the repository with git first.`);
  const hook = path.join(root, ".githooks", "pre-commit");
  if (!existsSync(hook)) throw new Error(`${hook} is missing.`);
  // Git ignores a hook that is not executable (e.g. after a zip download or on some Windows set-ups).
  chmodSync(hook, 0o755);
  // Relative to the repository's top, where git runs hooks from.
  const hooksPath = path.relative(top.stdout.trim(), path.join(root, ".githooks")).split(path.sep).join("/");
  // Hooks someone put in .git/hooks stop running once core.hooksPath points elsewhere: say so.
  const oldHooks = spawnSync("git", ["rev-parse", "--git-path", "hooks"], { cwd: root, env, encoding: "utf8" }).stdout.trim();
  const oldDir = oldHooks ? path.resolve(root, oldHooks) : "";
  const ignored =
    oldDir && existsSync(oldDir) && path.resolve(oldDir) !== path.join(root, ".githooks")
      ? readdirSync(oldDir)
          .filter((name) => !name.endsWith(".sample"))
          .sort()
      : [];
  const set = spawnSync("git", ["config", "core.hooksPath", hooksPath], { cwd: root, env, encoding: "utf8" });
  if (set.status !== 0) throw new Error(`git config core.hooksPath failed: ${set.stderr.trim()}`);
  return { hooksPath, ignored };
}

/** `npm run hooks:install [-- --help]` in `io.cwd`: its exit status. */
export function main(argv: string[], io: Io = defaultIo): number {
  const parsed = parseOptions(argv, { help: { type: "boolean", short: "h" } });
  if ("error" in parsed) {
    io.stderr(`hooks:install: ${parsed.error}\n\n${HOOKS_HELP}\n`);
    return USAGE_ERROR;
  }
  if (parsed.values.help) {
    io.stdout(`${HOOKS_HELP}\n`);
    return 0;
  }
  try {
    const { hooksPath, ignored } = installHooks(io.cwd);
    io.stdout(
      `Git hooks enabled (core.hooksPath = ${hooksPath}). Each commit now checks the content you stage.\nTurn them off with: git config --unset core.hooksPath\n`,
    );
    if (ignored.length)
      io.stderr(`Note: git no longer runs the hooks in .git/hooks (${ignored.join(", ")}); copy them into .githooks/ if you still need them.\n`);
    return 0;
  } catch (error) {
    io.stderr(`hooks:install: ${(error as Error).message}\n`);
    return 1;
  }
}

if (isMain(import.meta.url)) process.exitCode = main(process.argv.slice(2));

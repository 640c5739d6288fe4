/**
 * The pre-commit check: validates the content exactly as it is about to be
 * committed, and blocks the commit only for problems the commit is responsible for.
 *
 * - Nothing under content/ staged: exit 0 at once.
 * - Otherwise the staged version of every content file (the index, not the
 *   working tree: unstaged edits and untracked files are not part of the commit)
 *   is copied into a temporary folder with `git checkout-index` and checked
 *   as a whole, because documents refer to publishers, topics and each other.
 * - Blocking: errors in staged files, and errors in other files that the commit
 *   causes (e.g. removing a topic that other documents still use) — those are
 *   the errors that do not exist in HEAD. Errors that were already there in files
 *   the commit does not touch are listed but do not block. Warnings never block.
 * - A document the commit renames or moves to another publisher's folder gets a
 *   warning unless its `movedFrom` lists the old address (./git-moves.ts).
 *
 * Run by .githooks/pre-commit (enable with `npm run hooks:install`).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadContent } from "../content/load.ts";
import type { MovedContent } from "../content/moved.ts";
import { formatProblem, type Problem } from "../content/problems.ts";
import { isMain } from "./cli-args.ts";
import { GitError, git, nulList, projectInRepository, unlistedRenames } from "./git-moves.ts";

export interface PrecommitOptions {
  /** The Lysark project folder (where content/ is); it may sit below the repository's top. */
  root: string;
  env?: NodeJS.ProcessEnv;
}

export interface PrecommitResult {
  exitCode: 0 | 1;
  /** Content files (relative to the project) in the commit; empty when the check was skipped. */
  staged: string[];
  /** Problems that block the commit. */
  blocking: Problem[];
  /** Problems in files the commit does not touch that were there before: shown, not blocking. */
  existing: Problem[];
  /** What to print, line by line. */
  lines: string[];
}

const key = (problem: Problem) => [problem.file, problem.line, problem.col, problem.field, problem.message].join("\0");

/**
 * Writes the content/ files of an index (the staged one by default, or HEAD's
 * through a temporary index file) below `dir`, and checks them.
 */
function checkSnapshot(top: string, prefix: string, dir: string, env: NodeJS.ProcessEnv): { problems: Problem[]; site: MovedContent } {
  const files = git(["ls-files", "-z", "--", `${prefix}content`], top, env);
  if (files) git(["checkout-index", "--force", "-z", "--stdin", `--prefix=${dir}/`], top, env, files);
  const root = path.join(dir, prefix);
  const contentDir = path.join(root, "content");
  if (!files) return { problems: [], site: { documents: [], publishers: [] } };
  // Each body's outline is all the checks need.
  const { problems, site } = loadContent(contentDir, { root, outlineOnly: true });
  return { problems, site };
}

export function runPrecommit(options: PrecommitOptions): PrecommitResult {
  const env = options.env ?? process.env;
  const root = path.resolve(options.root);
  const { top, prefix } = projectInRepository(root, env);

  const changed = nulList(git(["diff", "--cached", "--name-only", "--no-renames", "-z", "--", `${prefix}content`], top, env));
  const staged = changed.map((file) => file.slice(prefix.length)).sort();
  if (staged.length === 0) {
    return { exitCode: 0, staged, blocking: [], existing: [], lines: [] };
  }

  const work = mkdtempSync(path.join(os.tmpdir(), "lysark-precommit-"));
  try {
    const snapshot = checkSnapshot(top, prefix, path.join(work, "staged"), env);
    const renames = git(["diff", "--cached", "--name-status", "-M", "-z", "--", `${prefix}content`], top, env);
    const problems = [...snapshot.problems, ...unlistedRenames(renames, prefix, snapshot.site, "before this commit")];
    const stagedSet = new Set(staged);
    const errors = problems.filter((problem) => problem.severity === "error");
    const inStaged = errors.filter((problem) => stagedSet.has(problem.file));
    let elsewhere = errors.filter((problem) => !stagedSet.has(problem.file));
    let caused: Problem[] = [];

    if (elsewhere.length) {
      // Which of them did this commit cause? Compare with HEAD, checked out through a temporary index.
      let before = new Set<string>();
      const hasHead = spawnSync("git", ["rev-parse", "--verify", "--quiet", "HEAD"], { cwd: top, env }).status === 0;
      if (hasHead) {
        const headEnv = { ...env, GIT_INDEX_FILE: path.join(work, "head.index") };
        git(["read-tree", "HEAD"], top, headEnv);
        before = new Set(checkSnapshot(top, prefix, path.join(work, "head"), headEnv).problems.map(key));
      }
      caused = elsewhere.filter((problem) => !before.has(key(problem)));
      elsewhere = elsewhere.filter((problem) => before.has(key(problem)));
    }

    const blocking = [...inStaged, ...caused];
    const warnings = problems.filter((problem) => problem.severity === "warning" && stagedSet.has(problem.file));
    const lines: string[] = [];
    for (const problem of [...blocking, ...warnings]) lines.push(formatProblem(problem));
    if (caused.length) {
      lines.push(
        `${caused.length} of these are in files you did not change: your staged changes (e.g. a renamed or removed topic, indicator or publisher) break them.`,
      );
    }
    if (elsewhere.length) {
      lines.push(`note: ${elsewhere.length} problem(s) that were already there in files this commit does not touch (not blocking; npm run check lists them):`);
      for (const problem of elsewhere.slice(0, 10)) lines.push(`  ${formatProblem(problem)}`);
      if (elsewhere.length > 10) lines.push(`  … and ${elsewhere.length - 10} more`);
    }
    if (blocking.length) {
      lines.push(`Commit stopped: ${blocking.length} error(s) in the content you are committing. Fix them, git add the files again, and commit.`);
      lines.push("(In an emergency, git commit --no-verify skips this check; CI will still run it.)");
    } else {
      lines.push(`Lysark: ${staged.length} staged content file(s) checked, no errors.`);
    }
    return { exitCode: blocking.length ? 1 : 0, staged, blocking, existing: elsewhere, lines };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  try {
    const result = runPrecommit({ root: process.cwd() });
    for (const line of result.lines) (result.exitCode ? process.stderr : process.stdout).write(`${line}\n`);
    process.exitCode = result.exitCode;
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    process.stderr.write(`Lysark pre-commit: ${error.message}\n`);
    process.exitCode = 1;
  }
}

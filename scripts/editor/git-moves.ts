/**
 * Documents git saw moved (a file renamed, or moved to another publisher's folder) whose old address no document's
 * `movedFrom` lists, so every link, citation and embedded frame made before would lead nowhere. Shared by the pre-commit check (the staged renames) and
 * `npm run check -- --moved-since <ref>` (the renames since a branch left `<ref>`: a pull request in CI).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { type MovedContent, movedFromAddresses, unlistedMove } from "../content/moved.ts";
import { sortProblems, type Problem } from "../content/problems.ts";

export class GitError extends Error {}

export function git(args: string[], cwd: string, env: NodeJS.ProcessEnv, input?: string): string {
  const result = spawnSync("git", args, { cwd, env, input, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw new GitError(`could not run git: ${result.error.message}`);
  if (result.status !== 0) throw new GitError(`git ${args.join(" ")} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

export function nulList(text: string): string[] {
  return text.split("\0").filter(Boolean);
}

/** The repository's top folder, and the project's folder within it as git writes paths ("" or "Rapporter/"). */
export function projectInRepository(root: string, env: NodeJS.ProcessEnv): { top: string; prefix: string } {
  const top = git(["rev-parse", "--show-toplevel"], root, env).trim();
  // Forward slashes: git's paths, and Problem.file, use them on every platform.
  const prefix = path
    .relative(top, root)
    .split(path.sep)
    .filter(Boolean)
    .map((part) => `${part}/`)
    .join("");
  return { top, prefix };
}

/** A document's address from its file (`content/<publisher>/<slug>.md`, relative to the project), or undefined for any other file. */
function addressOfFile(file: string): string | undefined {
  const match = /^content\/([^/_][^/]*)\/([^/]+)\.md$/.exec(file);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/**
 * A warning for each rename in `git diff --name-status -M -z` output (`nameStatus`) that moves a document to a new
 * address without anything at the old one; `when` says since when ("before this commit").
 */
export function unlistedRenames(nameStatus: string, prefix: string, site: MovedContent, when: string): Problem[] {
  const fields = nulList(nameStatus);
  const byFile = new Map(site.documents.map((doc) => [doc.file, doc]));
  // A document at the old address would be its file, which git then lists as changed, not as moved.
  const listed = movedFromAddresses(site);
  const problems: Problem[] = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++]!;
    // A status, then the file, or for a rename or a copy (R or C and its similarity) the file before and after it.
    if (!status.startsWith("R")) {
      i += status.startsWith("C") ? 2 : 1;
      continue;
    }
    const [from, to] = [fields[i++]!.slice(prefix.length), fields[i++]!.slice(prefix.length)];
    const old = addressOfFile(from);
    if (old && byFile.has(to) && !listed.has(old)) problems.push(unlistedMove(to, from, old, when, site));
  }
  return problems;
}

/**
 * The warnings for the documents moved since the current branch left `ref` (their merge base: what a pull request
 * changes, not what `ref` gained since), up to the working tree's tracked files. Throws a GitError, saying what to
 * do, when git does not know `ref`.
 */
export function unlistedMovesSinceRef(root: string, ref: string, site: MovedContent, env: NodeJS.ProcessEnv = process.env): Problem[] {
  let repository: { top: string; prefix: string };
  try {
    repository = projectInRepository(root, env);
  } catch (error) {
    if (!(error instanceof GitError) || error.message.startsWith("could not run git")) throw error;
    throw new GitError(`${root} is not in a git repository, so git has no renames to compare: leave out --moved-since, or run it in a clone.`);
  }
  const { top, prefix } = repository;
  const known = spawnSync("git", ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], { cwd: top, env, encoding: "utf8" });
  if (known.status !== 0) {
    throw new GitError(
      `git knows no commit "${ref}". Name a branch, tag or commit this clone has (git branch -a lists them; in GitHub Actions, check out with fetch-depth: 0).`,
    );
  }
  const base = spawnSync("git", ["merge-base", "--end-of-options", ref, "HEAD"], { cwd: top, env, encoding: "utf8" });
  if (base.status !== 0)
    throw new GitError(`"${ref}" and HEAD have no commit in common, so there is nothing to compare: name the branch this one started from.`);
  const nameStatus = git(["diff", "--name-status", "-M", "-z", base.stdout.trim(), "--", `${prefix}content`], top, env);
  return sortProblems(unlistedRenames(nameStatus, prefix, site, `on ${ref}`));
}

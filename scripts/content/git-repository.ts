/**
 * Whether git could find a repository for a folder: a `.git` in it or a folder above it, or git's own variables
 * naming one. A build asks git for its files' dates and its cache key's history; outside a repository each of those
 * questions started a git process only to be told no, and a process started from a build's large Node process cost
 * 25–35 ms of its CPU (docs/performance-log.md, "The test run's git processes").
 */
import { existsSync } from "node:fs";
import path from "node:path";

/** False only when git would find no repository for `folder`; true when it may (git itself then says). */
export function mayBeInGitRepository(folder: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GIT_DIR || env.GIT_WORK_TREE) return true;
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, ".git"))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

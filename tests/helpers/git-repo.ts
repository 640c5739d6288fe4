/**
 * Throwaway git repositories holding a copy of a fixture project, for the checks that read git (never this
 * repository): a git that ignores the user's and the system's configuration and any repository the tests run inside.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { fixturesDir } from "./fixture.ts";

export const gitEnv: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("GIT_")));
Object.assign(gitEnv, {
  GIT_CONFIG_GLOBAL: os.devNull,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "Test Editor",
  GIT_AUTHOR_EMAIL: "editor@example.org",
  GIT_COMMITTER_NAME: "Test Editor",
  GIT_COMMITTER_EMAIL: "editor@example.org",
});

const repositories: string[] = [];

/** Removes every repository made since the last call (call it in afterEach). */
export function removeRepositories(): void {
  for (const dir of repositories.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function git(cwd: string, ...args: string[]): { status: number | null; output: string } {
  const result = spawnSync("git", args, { cwd, env: gitEnv, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A git repository on branch main holding the fixture project (in `sub`, when given), with its first commit made. */
export function makeRepo(options: { sub?: string; commit?: boolean } = {}): { top: string; root: string } {
  const top = mkdtempSync(path.join(os.tmpdir(), "lysark-git-"));
  repositories.push(top);
  const root = path.join(top, options.sub ?? "");
  mkdirSync(root, { recursive: true });
  cpSync(path.join(fixturesDir, "site-basic"), root, { recursive: true });
  expect(git(top, "init", "-q", "-b", "main").status).toBe(0);
  if (options.commit !== false) {
    git(top, "add", "-A");
    expect(git(top, "commit", "-q", "--no-verify", "-m", "initial").status).toBe(0);
  }
  return { top, root };
}

export function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

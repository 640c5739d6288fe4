/**
 * A build outside a git repository starts no git process (scripts/content/git-repository.ts); inside one, or where
 * git's own variables name one, it asks git as before.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { siteInputKey } from "../../scripts/build/site-cache.ts";
import { mayBeInGitRepository } from "../../scripts/content/git-repository.ts";
import { gitHistory } from "../../scripts/publish/git-dates.ts";

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "lysark-git-repository-")));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe("mayBeInGitRepository", () => {
  it("is false for a folder with no .git in it or above it (the temporary folder is in no repository)", () => {
    mkdirSync(path.join(dir, "site", "content"), { recursive: true });
    expect(mayBeInGitRepository(path.join(dir, "site"), {})).toBe(false);
  });

  it("is true for a folder with a .git folder in it or above it, or a worktree's .git file", () => {
    mkdirSync(path.join(dir, "repo", ".git"), { recursive: true });
    mkdirSync(path.join(dir, "repo", "site", "content"), { recursive: true });
    expect(mayBeInGitRepository(path.join(dir, "repo"), {})).toBe(true);
    expect(mayBeInGitRepository(path.join(dir, "repo", "site", "content"), {})).toBe(true);
    mkdirSync(path.join(dir, "worktree"));
    writeFileSync(path.join(dir, "worktree", ".git"), "gitdir: /elsewhere/.git/worktrees/x\n");
    expect(mayBeInGitRepository(path.join(dir, "worktree"), {})).toBe(true);
  });

  it("leaves it to git when GIT_DIR or GIT_WORK_TREE is set", () => {
    expect(mayBeInGitRepository(dir, { GIT_DIR: "/elsewhere/.git" })).toBe(true);
    expect(mayBeInGitRepository(dir, { GIT_WORK_TREE: dir })).toBe(true);
  });
});

describe("a build's questions to git", () => {
  /** A `git` first on PATH that notes each call, then runs the real one. */
  const countingGit = () => {
    const bin = path.join(dir, "bin");
    const calls = path.join(dir, "git-calls.log");
    mkdirSync(bin);
    const realGit = (process.env.PATH ?? "")
      .split(path.delimiter)
      .map((folder) => path.join(folder, "git"))
      .find((file) => {
        try {
          return readFileSync(file).length > 0;
        } catch {
          return false;
        }
      });
    writeFileSync(path.join(bin, "git"), `#!/bin/sh\necho "$*" >> "${calls}"\nexec "${realGit}" "$@"\n`);
    chmodSync(path.join(bin, "git"), 0o755);
    vi.stubEnv("PATH", `${bin}${path.delimiter}${process.env.PATH ?? ""}`);
    return () => {
      try {
        return readFileSync(calls, "utf8").trim().split("\n").filter(Boolean);
      } catch {
        return [];
      }
    };
  };

  it("starts no git process outside a repository, and the same questions inside one", () => {
    const calls = countingGit();
    const site = path.join(dir, "site");
    mkdirSync(path.join(site, "content", "testby"), { recursive: true });
    writeFileSync(path.join(site, "content", "testby", "a.md"), "---\ntitle: A\n---\n");
    expect(gitHistory(site, "content").dates.size).toBe(0);
    siteInputKey(site, "code");
    expect(calls()).toEqual([]);

    mkdirSync(path.join(site, ".git"));
    gitHistory(site, "content");
    siteInputKey(site, "code");
    expect(calls().map((call) => call.split(" ").find((word) => !word.startsWith("-") && !word.includes("=")))).toEqual(["log", "log"]);
  });
});

/**
 * When each content file last changed, for "last updated" dates, feeds and
 * the sitemap. One `git log --name-only` pass reads the dates of all files at
 * once (a `git log -1` per file would be far too slow for thousands of files).
 * Files that git does not know (outside a repository, or not committed yet)
 * fall back to the file's modification time. Both are the same for two builds
 * of the same input, so the output stays byte-identical.
 */
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";

/** "YYYY-MM-DD" of the last commit that touched each file, else of its mtime (UTC). Keys are the given paths. */
export function lastUpdatedDates(root: string, files: readonly string[], folder = "content"): Map<string, string> {
  const dates = new Map<string, string>();
  if (files.length === 0) return dates;
  const fromGit = gitDates(root, folder);
  for (const file of files) {
    const key = file.split(path.sep).join("/");
    const date = fromGit.get(key) ?? mtimeDate(path.join(root, file));
    if (date) dates.set(file, date);
  }
  return dates;
}

function mtimeDate(file: string): string | undefined {
  try {
    return statSync(file).mtime.toISOString().slice(0, 10);
  } catch {
    return undefined;
  }
}

/** Newest commit date per file under `folder`, paths relative to `root`. Empty when git is missing or root is not in a repository. */
export function gitDates(root: string, folder: string): Map<string, string> {
  const dates = new Map<string, string>();
  const result = spawnSync("git", ["-c", "core.quotePath=false", "log", "--relative", "--format=%x01%cs", "--name-only", "--no-renames", "--", folder], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", "pipe", "ignore"],
  });
  if (result.status !== 0 || !result.stdout) return dates;
  let date = "";
  for (const line of result.stdout.split("\n")) {
    if (line.startsWith("\u0001")) date = line.slice(1).trim();
    else if (line && date && !dates.has(line)) dates.set(line, date);
  }
  return dates;
}

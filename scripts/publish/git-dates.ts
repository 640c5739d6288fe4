/**
 * When each content file last changed, for "last updated" dates, feeds and
 * the sitemap. One `git log --name-only` pass reads the dates of all files at
 * once (a `git log -1` per file would be far too slow for thousands of files).
 * Files that git does not know (outside a repository, or not committed yet)
 * fall back to the file's modification time. Both are the same for two builds
 * of the same input, so the output stays byte-identical.
 *
 * A shallow clone (CI's default checkout) cuts the history at a boundary
 * commit that git shows as adding every file: its date is the clone's view,
 * not when a file changed. Files whose newest commit is such a boundary get no
 * date at all (not the boundary's, and not the checkout's modification time);
 * their pages then show only the front-matter date, and the build says so once.
 *
 * A commit's date is what its author's machine said, and a pull request's commits are anyone's: a date after next
 * year (as the check allows for the content's own dates) or before 1971 (a clock at zero) is not published either.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { mayBeInGitRepository } from "../content/git-repository.ts";
import { latestYear } from "../content/limits.ts";

export interface GitDates {
  /** Newest commit date per file, for files whose newest commit is a real change. */
  dates: Map<string, string>;
  /** Oldest commit date per file (when it was first published), for files whose oldest commit is not a shallow clone's boundary. */
  first: Map<string, string>;
  /** Files git knows whose newest commit is a shallow clone's boundary: their date is unknown. */
  cut: Set<string>;
  /** True in a shallow clone. */
  shallow: boolean;
  /** Files whose newest commit carries a date no commit can have (after next year, before 1971): their date is unknown. */
  implausible: Set<string>;
}

/** A commit's or a file's date ("YYYY-MM-DD") that could be true: from 1971 to the end of next year. */
function plausibleDate(day: string, now = new Date()): boolean {
  const year = Number(day.slice(0, 4));
  return year >= 1971 && year <= latestYear(now);
}

/** "YYYY-MM-DD" of the last commit that touched each file, else of its mtime (UTC). Keys are the given paths. */
export function lastUpdatedDates(
  root: string,
  files: readonly string[],
  folder = "content",
  warn: (message: string) => void = console.warn,
): Map<string, string> {
  return fileDates(root, files, folder, warn).lastUpdated;
}

export interface FileDates {
  /** As lastUpdatedDates. */
  lastUpdated: Map<string, string>;
  /** "YYYY-MM-DD" of the first commit that added each file; only for files git has the whole history of. */
  firstPublished: Map<string, string>;
}

/** Both dates of each file from one git log pass: when it was first committed and when it last changed. */
export function fileDates(root: string, files: readonly string[], folder = "content", warn: (message: string) => void = console.warn): FileDates {
  const dates = new Map<string, string>();
  const firstPublished = new Map<string, string>();
  if (files.length === 0) return { lastUpdated: dates, firstPublished };
  const fromGit = gitHistory(root, folder);
  for (const file of files) {
    const first = fromGit.first.get(file.split(path.sep).join("/"));
    if (first) firstPublished.set(file, first);
  }
  let undated = 0;
  const implausible: string[] = [];
  for (const file of files) {
    const key = file.split(path.sep).join("/");
    // A file cut off by a shallow clone keeps no date: its mtime is the checkout's, as wrong as the boundary's.
    if (fromGit.cut.has(key)) {
      undated++;
      continue;
    }
    if (fromGit.implausible.has(key)) {
      implausible.push(key);
      continue;
    }
    const date = fromGit.dates.get(key) ?? mtimeDate(path.join(root, file));
    if (date && !plausibleDate(date)) implausible.push(key);
    else if (date) dates.set(file, date);
  }
  if (undated) {
    warn(
      `Lysark: the git history is shallow, so ${undated} of ${files.length} document(s) show no "last updated" date (only their front-matter date). Build from a full clone (actions/checkout with fetch-depth: 0, or git fetch --unshallow).`,
    );
  }
  if (implausible.length) {
    warn(
      `Lysark: the last commit (or, outside git, the modification time) of ${implausible.length} document(s) is dated after next year or before 1971, so they show no "last updated" date: ${implausible.slice(0, 3).join(", ")}${implausible.length > 3 ? " …" : ""}. Set the clock of the machine that made the commit right and make it again (git commit --amend gives the last commit the current date).`,
    );
  }
  return { lastUpdated: dates, firstPublished };
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
  return gitHistory(root, folder).dates;
}

/** Newest commit per file under `folder`, telling real changes from a shallow clone's boundary. */
export function gitHistory(root: string, folder: string): GitDates {
  const history: GitDates = { dates: new Map(), first: new Map(), cut: new Set(), shallow: false, implausible: new Set() };
  if (!mayBeInGitRepository(root)) return history;
  const result = spawnSync("git", ["-c", "core.quotePath=false", "log", "--relative", "--format=%x01%cs %H", "--name-only", "--no-renames", "--", folder], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", "pipe", "ignore"],
  });
  if (result.status !== 0 || !result.stdout) return history;
  const boundaries = shallowBoundaries(root);
  history.shallow = boundaries.size > 0;
  let date = "";
  let boundary = false;
  const seen = new Set<string>();
  // Newest first: the first commit seen per file is its last change, the last one seen is where it was added.
  const oldest = new Map<string, { date: string; boundary: boolean }>();
  for (const line of result.stdout.split("\n")) {
    if (line.startsWith("\u0001")) {
      const [day = "", hash = ""] = line.slice(1).trim().split(" ");
      date = day;
      boundary = boundaries.has(hash);
    } else if (line && date) {
      oldest.set(line, { date, boundary });
      if (seen.has(line)) continue;
      seen.add(line);
      if (boundary) history.cut.add(line);
      else if (!plausibleDate(date)) history.implausible.add(line);
      else history.dates.set(line, date);
    }
  }
  // A file whose oldest commit is a shallow boundary was added earlier than git can see.
  for (const [file, commit] of oldest) if (!commit.boundary && plausibleDate(commit.date)) history.first.set(file, commit.date);
  return history;
}

/** The boundary commits of a shallow clone (git's `shallow` file); empty in a full clone. */
function shallowBoundaries(root: string): Set<string> {
  const where = spawnSync("git", ["rev-parse", "--git-path", "shallow"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  if (where.status !== 0) return new Set();
  try {
    const text = readFileSync(path.resolve(root, where.stdout.trim()), "utf8");
    return new Set(
      text
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
    );
  } catch {
    return new Set();
  }
}

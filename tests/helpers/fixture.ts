/**
 * Test projects: a copy of a fixture folder in a fresh temp directory, with
 * files added, replaced or removed, so each test builds or checks its own site.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";
import { loadContent } from "../../scripts/content/load.ts";
import { formatProblem } from "../../scripts/content/problems.ts";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const fixturesDir = path.join(repoRoot, "tests", "fixtures");

/** File contents to write (string or bytes), or null to delete. Paths are relative to the project. */
export type FileChanges = Record<string, string | Uint8Array | null>;

/** A copy of `fixture` with `changes` in a fresh folder of `parent` (the system's temp folder unless given). */
export function makeProject(fixture = "site-basic", changes: FileChanges = {}, parent = os.tmpdir()): string {
  const dir = mkdtempSync(path.join(parent, "lysark-test-"));
  cpSync(path.join(fixturesDir, fixture), dir, { recursive: true });
  applyChanges(dir, changes);
  return dir;
}

export function applyChanges(dir: string, changes: FileChanges): void {
  for (const [file, content] of Object.entries(changes)) {
    const target = path.join(dir, file);
    if (content === null) {
      rmSync(target, { recursive: true, force: true });
    } else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
}

export function readOutput(dir: string, file: string): string {
  return readFileSync(path.join(dir, "_site", file), "utf8");
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A document's front-matter and body, for tests that need a slightly different one. */
export function doc(frontMatter: string, body = "## Lysbilde\n\nTekst.\n"): string {
  return `---\n${frontMatter.trim()}\n---\n\n${body}`;
}

export const VALID_FRONT_MATTER = `title: Et dokument
type: presentation
publisher: testby
date: 2012-05-01
language: nb`;

/**
 * `check(changes)` makes a project from site-basic with the changes (then lets
 * `prepare` adjust it), loads its content and returns the problems, also as
 * formatted lines. `track(dir)` hands over other temp projects; all are removed
 * after each test.
 */
export function useContentCheck(prepare: (dir: string, changes: FileChanges) => void = () => {}) {
  let dirs: string[] = [];
  afterEach(() => {
    dirs.forEach(removeProject);
    dirs = [];
  });
  const track = (dir: string) => {
    dirs.push(dir);
    return dir;
  };
  const check = (changes: FileChanges) => {
    const dir = track(makeProject("site-basic", changes));
    prepare(dir, changes);
    const result = loadContent(path.join(dir, "content"), { root: dir });
    return { ...result, lines: result.problems.map(formatProblem) };
  };
  return { check, track };
}

/** Every file under `folder`, as sorted paths relative to it with "/" between parts. */
export function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/**
 * The repository is self-contained: no tracked file refers to a path outside it
 * (such as the seed folder beside the repository where the transcripts first
 * came from). Cheaper than a second CI run in a lone clone.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot as repoRootWithSlash } from "../helpers/fixture.ts";

const repoRoot = path.resolve(repoRootWithSlash);

const TEXT = /\.(ts|mts|mjs|js|json|md|ya?ml|njk|sh|css|html)$|^\.ci\/run$|^\.githooks\//;
// Built from parts so that this file does not match itself.
const SIBLING_FOLDERS = new RegExp(["\\.\\./", "(shared|\\.library)\\b"].join(""));
// A relative path in quotes, parentheses or after whitespace: ../x, ../../x …
const RELATIVE = /(?<=["'`(\s=])((?:\.\.\/)+)[\w.@-]*/g;

// Paths that a tool resolves from another folder than the file's own, and where that is (none today).
const RESOLVED_FROM: Record<string, Record<string, string>> = {};

function trackedTextFiles(): string[] {
  return execFileSync("git", ["ls-files"], { cwd: repoRoot, encoding: "utf8" })
    .split("\n")
    .filter((file) => file && TEXT.test(file));
}

describe("the repository is self-contained", () => {
  const files = trackedTextFiles();

  it("has tracked files to look at", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("names no folder beside the repository", () => {
    const offenders = files.filter((file) => SIBLING_FOLDERS.test(readFileSync(path.join(repoRoot, file), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("has no relative path that climbs out of the repository", () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(repoRoot, file), "utf8");
      for (const match of text.matchAll(RELATIVE)) {
        // Code resolves from its own folder; a path relative to the repository root
        // (e.g. from `repoRoot`) starts no higher than that folder either.
        const from = RESOLVED_FROM[file]?.[match[0]] ?? path.dirname(file);
        const resolved = path.resolve(repoRoot, from, match[0]);
        if (!resolved.startsWith(repoRoot + path.sep) && resolved !== repoRoot) {
          const line = text.slice(0, match.index).split("\n").length;
          offenders.push(`${file}:${line}: ${match[0]}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});

/**
 * The README's "How it is put together" map names every folder a newcomer
 * will meet: each top-level folder and each folder under scripts/.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixture.ts";

/** Folders git ignores (node_modules/, _site/ …) and git's own. */
function ignoredFolders(): Set<string> {
  const ignore = readFileSync(path.join(repoRoot, ".gitignore"), "utf8")
    .split("\n")
    .map((line) => line.trim());
  return new Set([".git", ...ignore.filter((line) => line.endsWith("/")).map((line) => line.replace(/^\/|\/$/g, ""))]);
}

function folders(dir: string): string[] {
  const ignored = ignoredFolders();
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !ignored.has(entry.name))
    .map((entry) => (dir ? `${dir}/${entry.name}/` : `${entry.name}/`))
    .sort();
}

/** The paths the map names: each line's first column, "layouts/, pages/" being two. */
function mapped(): Set<string> {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const block = /## How it is put together\s*\n```\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? "";
  return new Set(
    block
      .split("\n")
      .flatMap((line) => (line.split(/\s{2,}/)[0] ?? "").split(/,\s*/))
      .filter(Boolean),
  );
}

describe("README's folder map", () => {
  it("exists", () => {
    expect(mapped().size).toBeGreaterThan(10);
  });

  it.each(["", "scripts"])("names every folder in %j", (dir) => {
    const listed = mapped();
    // A folder is named itself or through its subfolders (scripts/ through scripts/content/ …).
    const missing = folders(dir).filter((folder) => ![...listed].some((entry) => entry.startsWith(folder)));
    expect(missing, "add these to the map in README.md").toEqual([]);
  });
});

/**
 * The README's "How it is put together" map names every folder a newcomer
 * will meet: each top-level folder and each folder under scripts/.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixture.ts";

/**
 * Whether git ignores a folder of this name (node_modules/, _site/, a build's staging folders, `._site.building-` and a star …),
 * or it is git's own. A build another test runs in the repository leaves its staging folder there for a moment.
 */
function ignoredFolder(name: string): boolean {
  const patterns = readFileSync(path.join(repoRoot, ".gitignore"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.endsWith("/"))
    .map((line) => line.replace(/^\/|\/$/g, ""));
  return [".git", ...patterns].some((pattern) => matches(pattern, name));
}

/** Whether `name` matches a .gitignore pattern whose `*` stands for any run of characters. */
function matches(pattern: string, name: string): boolean {
  const [first = "", ...rest] = pattern.split("*");
  if (!name.startsWith(first)) return false;
  if (!rest.length) return name === first;
  const last = rest.pop()!;
  let at = first.length;
  for (const part of rest) {
    const found = name.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  return name.length - last.length >= at && name.endsWith(last);
}

function folders(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !ignoredFolder(entry.name))
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

  it("leaves out the folders git ignores, by name or by pattern, and no other", () => {
    expect(["node_modules", "_site", ".git", "._site.building-9037-hgRiv8.previous", "._site.building-12-x"].filter(ignoredFolder)).toHaveLength(5);
    expect(["scripts", "site", "._site", "._site.building", "x._site.building-1"].filter(ignoredFolder)).toEqual([]);
  });

  it.each(["", "scripts"])("names every folder in %j", (dir) => {
    const listed = mapped();
    // A folder is named itself or through its subfolders (scripts/ through scripts/content/ …).
    const missing = folders(dir).filter((folder) => ![...listed].some((entry) => entry.startsWith(folder)));
    expect(missing, "add these to the map in README.md").toEqual([]);
  });
});

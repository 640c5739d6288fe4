/**
 * What makes a folder a site's folder: a content/ folder of its own, or a link to a folder inside the site. Every
 * command asks this first (tests/editor/command-help.test.ts runs each command once on a refused folder).
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { assertProjectFolder, NotAProjectError, projectFolderProblem } from "../../scripts/content/project-folder.ts";

let dirs: string[] = [];
const folder = () => {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "lysark-project-folder-")));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

describe("projectFolderProblem", () => {
  it("accepts a content/ folder, and a link to a folder inside the site", () => {
    const site = folder();
    mkdirSync(path.join(site, "content"));
    expect(projectFolderProblem(site)).toBeUndefined();
    rmSync(path.join(site, "content"), { recursive: true });
    mkdirSync(path.join(site, "innhold"));
    symlinkSync("innhold", path.join(site, "content"));
    expect(projectFolderProblem(site)).toBeUndefined();
    expect(() => assertProjectFolder(site)).not.toThrow();
  });

  it("says where to run the commands when there is no content/", () => {
    const site = folder();
    expect(projectFolderProblem(site)).toMatch(
      new RegExp(`^No content/ folder in ${site.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\. Lysark's commands run in a site's folder`),
    );
    expect(() => assertProjectFolder(site)).toThrow(NotAProjectError);
  });

  it("names a content/ that is a file", () => {
    const site = folder();
    writeFileSync(path.join(site, "content"), "");
    expect(projectFolderProblem(site)).toContain(`${path.join(site, "content")} is a file, not a folder`);
  });

  // A content/ link to the site's own folder made every file of it, .git/config among them, a file "inside the content folder".
  it.each([
    [".", "the site's own folder or one above it"],
    ["..", "the site's own folder or one above it"],
    ["outside", "outside the site's folder"],
  ])("refuses a content/ that is a link to %s, saying which it is and the fix", (target, said) => {
    const site = folder();
    const linked = target === "outside" ? folder() : path.resolve(site, target);
    symlinkSync(target === "outside" ? linked : target, path.join(site, "content"));
    const problem = projectFolderProblem(site);
    expect(problem).toContain(`${path.join(site, "content")} is a symbolic link to ${realpathSync(linked)}, which is ${said}`);
    expect(problem).toContain(`Make content/ a folder of its own (or a link to a folder inside ${site})`);
  });
});

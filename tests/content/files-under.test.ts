/**
 * Every file under a folder (scripts/content/files-under.ts), which the output
 * plan and the caches walk the whole site with. A 50,000-document site has
 * 650,000 files, and spreading a folder's list into push() overflowed the
 * stack there; here a small stack and 30,000 files show the same.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesUnder } from "../../scripts/content/files-under.ts";

const FILES = 30_000;

describe("filesUnder", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "lysark-files-under-"));
    mkdirSync(path.join(dir, "site", "many"), { recursive: true });
    for (let i = 0; i < FILES; i++) writeFileSync(path.join(dir, "site", "many", `${i}.html`), "");
    mkdirSync(path.join(dir, "site", "a", "b"), { recursive: true });
    writeFileSync(path.join(dir, "site", "a", "b", "c.txt"), "");
    writeFileSync(path.join(dir, "site", "z.txt"), "");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists every file once, sorted, as forward-slash paths relative to the folder", () => {
    const files = filesUnder(path.join(dir, "site"));
    expect(files).toHaveLength(FILES + 2);
    expect(files[0]).toBe("a/b/c.txt");
    expect(files.at(-1)).toBe("z.txt");
    expect([...files].sort()).toEqual(files);
    expect(new Set(files).size).toBe(files.length);
  });

  it("walks only the top-level entries it accepts, and asks about no deeper name", () => {
    const site = path.join(dir, "site");
    expect(filesUnder(site, (name) => name !== "many")).toEqual(["a/b/c.txt", "z.txt"]);
    expect(filesUnder(site, (name) => name === "a")).toEqual(["a/b/c.txt"]);
    expect(filesUnder(site, (name) => name !== "b" && name !== "c.txt")).toHaveLength(FILES + 2);
  });

  it("walks a folder of many files with a small stack", () => {
    const script = `import { filesUnder } from ${JSON.stringify(path.resolve("scripts/content/files-under.ts"))};
console.log(filesUnder(${JSON.stringify(path.join(dir, "site"))}).length);`;
    const file = path.join(dir, "walk.mts");
    writeFileSync(file, script);
    const out = execFileSync(process.execPath, ["--stack-size=100", "--import", "tsx", file], { encoding: "utf8" });
    expect(Number(out.trim())).toBe(FILES + 2);
  }, 30_000);
});

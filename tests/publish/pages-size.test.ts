/**
 * The workflows' check that a built site fits GitHub Pages' 1 GB (scripts/publish/pages-size.mjs): the size counted as
 * a host counts it, and a warning that names the size, the limit and what to change.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixture.ts";

const { GITHUB_PAGES_BYTES, pagesSizeWarning, siteSize } = (await import("../../scripts/publish/pages-size.mjs" as string)) as {
  GITHUB_PAGES_BYTES: number;
  siteSize: (dir: string) => { files: number; bytes: number };
  pagesSizeWarning: (size: { files: number; bytes: number }, label?: string, limit?: number) => string | undefined;
};

let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "lysark-pages-size-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe("the GitHub Pages size check", () => {
  it("counts every file once with its bytes, in every folder, and no link", () => {
    mkdirSync(path.join(work, "a", "b"), { recursive: true });
    writeFileSync(path.join(work, "index.html"), "x".repeat(100));
    writeFileSync(path.join(work, "a", "b", "page.html"), "y".repeat(2500));
    writeFileSync(path.join(work, "a", "empty.txt"), "");
    symlinkSync(path.join(work, "index.html"), path.join(work, "a", "link.html"));
    expect(siteSize(work)).toEqual({ files: 3, bytes: 2600 });
  });

  it("warns past 1 GB, with the size, the files and what to change", () => {
    expect(GITHUB_PAGES_BYTES).toBe(1_000_000_000);
    expect(pagesSizeWarning({ files: 60_000, bytes: GITHUB_PAGES_BYTES })).toBeUndefined();
    const warning = pagesSizeWarning({ files: 65_689, bytes: 1_094_039_671 });
    expect(warning).toMatch(/^::warning title=Too large for GitHub Pages::_site is 1\.09 GB in 65,689 files; GitHub Pages publishes sites of at most 1 GB/);
    expect(warning).toContain('"socialCards": "site"');
    expect(warning).toContain('docs/deployment.md ("Hosting limits")');
    expect(pagesSizeWarning({ files: 3, bytes: 2600 }, "out", 2000)).toMatch(/^::warning [^:]*::out is 0 GB in 3 files; .* at most 0 GB/);
  });

  it("runs as a command: a line for a site that fits, an error for a folder that is not there", () => {
    writeFileSync(path.join(work, "index.html"), "<!doctype html>");
    const script = path.join(repoRoot, "scripts/publish/pages-size.mjs");
    const fits = spawnSync(process.execPath, [script, work], { encoding: "utf8" });
    expect(fits.status).toBe(0);
    expect(fits.stdout).toBe(`${work} is 0 GB in 1 file: within GitHub Pages' 1 GB.\n`);
    const missing = spawnSync(process.execPath, [script, path.join(work, "nope")], { encoding: "utf8" });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("(ENOENT): build the site first (npm run build).");
  });
});

/**
 * `npm run lint` checks what git keeps, not what a build leaves beside the repository's files: a site a build set
 * aside for the next one to remove (`._site.building-*`), shards, caches. Biome reads .gitignore for that
 * (biome.jsonc, `vcs.useIgnoreFile`); without it, linting after two builds failed on the set-aside site's scripts.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixture.ts";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A script the lint rules refuse (string concatenation, a function expression). */
const UNTIDY = 'var hash = "#" + location.hash;\n[1].forEach(function (x) { console.log(x); });\n';

describe("npm run lint's files", () => {
  it("leaves out what .gitignore names, such as a site set aside by a build, and checks the rest", () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "lysark-lint-"));
    for (const file of ["biome.jsonc", ".gitignore"]) copyFileSync(path.join(repoRoot, file), path.join(dir, file));
    for (const folder of ["._site.building-1-abc.previous/assets", "scripts"]) mkdirSync(path.join(dir, folder), { recursive: true });
    writeFileSync(path.join(dir, "._site.building-1-abc.previous/assets/present.js"), UNTIDY);
    writeFileSync(path.join(dir, "scripts/untidy.js"), UNTIDY);
    const biome = path.join(repoRoot, "node_modules", "@biomejs", "biome", "bin", "biome");
    const run = spawnSync(process.execPath, [biome, "check", "--error-on-warnings", "--no-errors-on-unmatched", "."], { cwd: dir, encoding: "utf8" });
    const output = run.stdout + run.stderr;
    expect(run.status).not.toBe(0);
    expect(output).toContain("scripts/untidy.js");
    expect(output).not.toContain("._site.building-1-abc.previous");
  });
});

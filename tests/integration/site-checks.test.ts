/**
 * Whole-site checks on a build of the bundled content: links and anchors,
 * HTML validity, no inline scripts or styles, and byte-identical rebuilds.
 * The first build runs without the build cache, so the second (with it,
 * whatever an earlier run left there) is compared with a cold build rather
 * than with a copy of itself from the whole-site cache.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { checkLinks, listFiles } from "../../scripts/checks/links.ts";
import { readSiteConfig } from "../../scripts/site/config.ts";
import { repoRoot } from "../helpers/fixture.ts";
import { htmlProblems } from "../helpers/site-checks.ts";

let workDir: string;
let siteA: string;
let siteB: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), "lysark-site-"));
  siteA = path.join(workDir, "a");
  siteB = path.join(workDir, "b");
  expect((await build({ root: repoRoot, output: siteA, cache: false })).ok).toBe(true);
  expect((await build({ root: repoRoot, output: siteB })).ok).toBe(true);
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("the built bundled site", () => {
  it("has no broken internal links or anchors", () => {
    const { url } = readSiteConfig(path.join(repoRoot, "site.config.json"));
    expect(checkLinks(siteA, url)).toEqual([]);
  });

  it("has a page per seed document in both locales", () => {
    const pages = listFiles(siteA, ".html").map((file) => path.relative(siteA, file));
    for (const doc of ["stavanger/forankring-fryder", "oslo-sagene/internasjonal-satsing-i-bydel-sagene", "agder/kommunenes-arbeid-med-likestilling"]) {
      expect(pages).toContain(`dokumenter/${doc}/index.html`);
      expect(pages).toContain(`en/documents/${doc}/index.html`);
    }
  });

  it("writes no _redirects, as no bundled document has moved", () => {
    expect(listFiles(siteA).map((file) => path.relative(siteA, file))).not.toContain("_redirects");
    expect(listFiles(siteA).map((file) => path.relative(siteA, file))).toContain("_headers");
  });

  it("is valid HTML", async () => {
    expect(await htmlProblems(siteA, listFiles(siteA, ".html"))).toEqual([]);
  });

  it("has no inline scripts, inline event handlers or style attributes (a strict CSP works)", () => {
    for (const file of listFiles(siteA, ".html")) {
      const html = readFileSync(file, "utf8");
      const name = path.relative(siteA, file);
      // JSON-LD is data, not executable script, and is allowed under the strict CSP.
      expect(html, name).not.toMatch(/<script(?![^>]*\b(?:src=|type="application\/ld\+json"))[^>]*>/);
      expect(html, name).not.toMatch(/\son[a-z]+="/);
      expect(html, name).not.toMatch(/\sstyle="/);
      expect(html, name).toContain('http-equiv="Content-Security-Policy"');
    }
  });

  it("is byte-identical when built twice from the same input, cold and with the build cache", () => {
    const filesA = listFiles(siteA).map((file) => path.relative(siteA, file));
    const filesB = listFiles(siteB).map((file) => path.relative(siteB, file));
    expect(filesB).toEqual(filesA);
    const different = filesA.filter((file) => !readFileSync(path.join(siteA, file)).equals(readFileSync(path.join(siteB, file))));
    expect(different).toEqual([]);
  });
});

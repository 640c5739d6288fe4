/**
 * Whole-site checks on an archive shaped like the real thing: the benchmark's generated corpus (bench/corpus.ts) at
 * 300 documents, 297 publishers with districts, three languages, key figures with comparisons and breakdowns, and a
 * page size of 2, so listings and indicator values run to several pages. The bundled content and the fixtures are too
 * small to show some pages at all: an indicator's "all values" with a breakdown among them, a publisher's history
 * of breakdowns (whose links went to figures no page drew, 62 of them at this size, before 15ce79c).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/corpus.ts";
import { build } from "../../scripts/build/build.ts";
import { checkLinks, listFiles } from "../../scripts/checks/links.ts";
import { DESCRIPTION_LENGTH } from "../../scripts/site/descriptions.ts";
import { duplicateIds, htmlProblems } from "../helpers/site-checks.ts";

const SITE_URL = "https://arkiv.test";
let work: string;
let site: string;
let pages: string[];

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), "lysark-generated-archive-"));
  const { dir } = generateCorpus({ dir: path.join(work, "project"), docs: 300 });
  writeFileSync(path.join(dir, "site.config.json"), JSON.stringify({ url: SITE_URL, pageSize: 2 }));
  site = path.join(work, "site");
  const result = await build({ root: dir, output: site, cache: false });
  expect(result.problems.filter((problem) => problem.severity === "error")).toEqual([]);
  expect(result.ok).toBe(true);
  pages = listFiles(site, ".html");
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The largest page of each kind of address (each segment that names a thing, or counts pages, made "*"). */
function largestOfEachKind(files: readonly string[]): string[] {
  const FIXED =
    /^(en|dokumenter|documents|utgivere|publishers|tema|topics|typer|types|ar|years|nokkeltall|key-figures|sok|search|innebygd|embed|side|page|index\.html)$/;
  const largest = new Map<string, { file: string; size: number }>();
  for (const file of files) {
    const kind = path
      .relative(site, file)
      .split(path.sep)
      .map((segment) => (FIXED.test(segment) ? segment : "*"))
      .join("/");
    const size = readFileSync(file).length;
    if ((largest.get(kind)?.size ?? -1) < size) largest.set(kind, { file, size });
  }
  return [...largest.values()].map((entry) => entry.file).sort();
}

describe("a generated archive of 300 documents", () => {
  it("has no broken internal link or anchor", () => {
    expect(pages.length).toBeGreaterThan(3000);
    expect(checkLinks(site, SITE_URL)).toEqual([]);
  });

  it("gives no id to two elements of one page", () => {
    expect(duplicateIds(site, pages)).toEqual([]);
  });

  it("lists in its sitemaps only pages that exist", () => {
    const sitemaps = listFiles(site, ".xml").filter((file) => /sitemap(-\d+)?\.xml$/.test(file));
    const addresses = sitemaps.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]!));
    const existing = new Set(pages);
    const missing = addresses
      .filter((address) => !address.endsWith(".xml"))
      .map((address) => address.slice(SITE_URL.length))
      .filter((address) => !existing.has(path.join(site, address, "index.html")));
    expect(addresses.length).toBeGreaterThan(1000);
    expect(missing).toEqual([]);
  });

  it("describes every page it lets search engines index, and each page of a listing by the documents on it", () => {
    const described = new Map<string, string>();
    const missing: string[] = [];
    for (const file of pages) {
      const html = readFileSync(file, "utf8");
      if (html.includes('<meta name="robots" content="noindex">')) continue;
      const description = /<meta name="description" content="([^"]*)">/.exec(html)?.[1];
      const shared = /<meta property="og:description" content="([^"]*)">/.exec(html)?.[1];
      if (!description || shared !== description) missing.push(path.relative(site, file));
      else described.set(path.relative(site, file), description);
    }
    expect(missing).toEqual([]);
    // A document's is its summary, as long as its author made it; a listing's, an index's and an indicator's are made to fit.
    const made = /^(?:en\/)?(?:(?:utgivere|publishers|tema|topics|typer|types|ar|years)\/|(?:nokkeltall|key-figures)\/[^/]+\/)/;
    const long = [...described].filter(([file, description]) => made.test(file) && description.length > DESCRIPTION_LENGTH + 2);
    expect([...described.keys()].filter((file) => made.test(file)).length).toBeGreaterThan(1000);
    expect(long).toEqual([]);
    // The pages of one paginated listing (…/side/N/, …/page/N/) list other documents, so say other things.
    const paged = [...described.keys()].filter(
      (file) => /\/(?:side|page)\/\d+\/index\.html$/.test(file) && !/^(?:en\/)?(?:nokkeltall|key-figures)\//.test(file),
    );
    expect(paged.length).toBeGreaterThan(100);
    for (const file of paged) {
      const first = file.replace(/(?:side|page)\/\d+\/index\.html$/, "index.html");
      expect(described.get(file), file).not.toBe(described.get(first));
    }
  });

  it("is valid HTML on the largest page of each kind", async () => {
    const sample = largestOfEachKind(pages);
    expect(sample.length).toBeGreaterThan(20);
    expect(await htmlProblems(site, sample)).toEqual([]);
  }, 60_000);
});

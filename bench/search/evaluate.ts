/**
 * Runs the labelled queries through Pagefind's own search code (its
 * pagefind.js, in headless Chromium) against an index, and scores them:
 * recall@10 and MRR per language and per kind of query, and the bytes each
 * query downloads (gzip, as a static host sends them) with an empty cache.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { CONTENT_LANGUAGES } from "../../scripts/i18n/locales.ts";
import { recordHtml, type SearchRecord } from "../../scripts/search/records.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../tests/helpers/chromium.ts";
import { startCountingServer } from "../measure.ts";
import { QUERY_KINDS, type LabelledQuery } from "./queries.ts";

const repo = fileURLToPath(new URL("../../", import.meta.url));
/** The modules the search page uses to run a query (assets/), served beside the harness pages. */
const QUERY_MODULES = ["search-query.js", "search-stemmers.js"];
const HARNESS = "/__bench/";

export interface IndexedSite {
  /** Folder served as the site root; the bundle is at /pagefind/. */
  dir: string;
  /**
   * How the page runs a query: "lysark" through assets/search-query.js as the
   * search page does; "lysark-plain" with the same options but one plain search
   * (before issue 17); "pagefind" with Pagefind's defaults and one plain search.
   */
  client: "lysark" | "lysark-plain" | "pagefind";
  /** Serve the harness page with the target's language as `<html lang>` (Pagefind then picks that language's index). */
  perLanguage: boolean;
}

/** The same records as pages on disk, indexed by Pagefind's own CLI with its defaults: one index per `<html lang>`. */
export function indexWithPagefindCli(records: readonly SearchRecord[], dir: string): IndexedSite {
  rmSync(dir, { recursive: true, force: true });
  for (const record of records) {
    mkdirSync(path.join(dir, record.id), { recursive: true });
    writeFileSync(path.join(dir, record.id, "index.html"), recordHtml(record));
  }
  execFileSync(path.join(repo, "node_modules", ".bin", "pagefind"), ["--site", dir], { stdio: "pipe" });
  return { dir, client: "pagefind", perLanguage: true };
}

export interface QueryOutcome {
  query: LabelledQuery;
  /** 1-based rank of the first target in the first ten results; 0 when none is there. */
  rank: number;
  /** Documents of the first ten results, in order. */
  top: string[];
  results: number;
}

function writeHarness(site: IndexedSite): void {
  const dir = path.join(site.dir, ...HARNESS.split("/").filter(Boolean));
  mkdirSync(dir, { recursive: true });
  for (const module of QUERY_MODULES) copyFileSync(path.join(repo, "assets", module), path.join(dir, module));
  for (const language of ["und", ...CONTENT_LANGUAGES]) {
    writeFileSync(
      path.join(dir, `${language}.html`),
      `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>bench</title></head><body></body></html>\n`,
    );
  }
}

/**
 * In the page: runs each query and returns the `doc` meta of its first ten results. Kept as
 * source text, so no bundler (vitest's) rewrites its dynamic imports before the browser runs it.
 */
const IN_PAGE = `async ({ queries, client, harness }) => {
  const pagefind = await import("/pagefind/pagefind.js");
  let run;
  if (client === "pagefind") {
    const instance = pagefind.createInstance({ basePath: "/pagefind/" });
    await instance.init();
    run = (query) => instance.search(query);
  } else {
    const { createSearch } = await import(harness + "search-query.js");
    const search = await createSearch(pagefind, "/pagefind/");
    run = client === "lysark-plain" ? (query) => search.instance.search(query) : (query) => search.run(query, {});
  }
  const out = [];
  for (const query of queries) {
    const found = await run(query);
    const data = await Promise.all(found.results.slice(0, 10).map((hit) => hit.data()));
    out.push({ top: data.map((hit) => hit.meta.doc ?? ""), results: found.results.length });
  }
  return out;
}`;

type InPageResult = Array<{ top: string[]; results: number }>;

function runInPage(page: Page, args: { queries: string[]; client: IndexedSite["client"]; harness: string }): Promise<InPageResult> {
  return page.evaluate(`(${IN_PAGE})(${JSON.stringify(args)})`) as Promise<InPageResult>;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Runs every query in one page per harness language (Pagefind's caches shared, as in one visit) and ranks the targets. */
export async function runQueries(browser: Browser, site: IndexedSite, queries: readonly LabelledQuery[]): Promise<QueryOutcome[]> {
  writeHarness(site);
  const server = await startCountingServer(path.resolve(site.dir));
  try {
    const outcomes: QueryOutcome[] = [];
    const groups = site.perLanguage ? CONTENT_LANGUAGES.map((language) => queries.filter((query) => query.language === language)) : [[...queries]];
    for (const group of groups) {
      if (!group.length) continue;
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(server.url(`${HARNESS}${site.perLanguage ? group[0]!.language : "und"}.html`));
        const found = await runInPage(page, { queries: group.map((query) => query.query), client: site.client, harness: HARNESS });
        group.forEach((query, i) => {
          const top = found[i]!.top;
          outcomes.push({ query, rank: top.findIndex((doc) => query.targets.includes(doc)) + 1, top, results: found[i]!.results });
        });
      } finally {
        await context.close();
      }
    }
    return outcomes;
  } finally {
    await server.close();
  }
}

/** What one query downloaded: Pagefind's files, in total and by kind of file. */
export interface QueryBytes {
  query: LabelledQuery;
  total: number;
  /** Bytes sent and requests per kind: index (word index chunks), fragment, meta, wasm, js, filter. */
  byKind: Record<string, { bytes: number; requests: number }>;
}

function fileKind(file: string): string {
  if (file.endsWith(".pf_index")) return "index";
  if (file.endsWith(".pf_fragment")) return "fragment";
  if (file.endsWith(".pf_filter")) return "filter";
  if (file.endsWith(".pf_meta")) return "meta";
  if (file.includes("/wasm.")) return "wasm";
  return file.endsWith(".js") ? "js" : "other";
}

/**
 * What one query downloads: each query in a new browser context (empty cache),
 * counting Pagefind's files as sent (gzip) until its first ten results are loaded.
 * Slow (Pagefind starts its worker and WebAssembly each time), so run it on a sample.
 */
export async function measureQueryBytes(browser: Browser, site: IndexedSite, queries: readonly LabelledQuery[]): Promise<QueryBytes[]> {
  writeHarness(site);
  const server = await startCountingServer(path.resolve(site.dir));
  try {
    const measured: QueryBytes[] = [];
    for (const query of queries) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(server.url(`${HARNESS}${site.perLanguage ? query.language : "und"}.html`));
        const before = server.sent.length;
        await runInPage(page, { queries: [query.query], client: site.client, harness: HARNESS });
        const byKind: QueryBytes["byKind"] = {};
        let total = 0;
        for (const request of server.sent.slice(before).filter((request) => request.path.startsWith("/pagefind/"))) {
          const kind = (byKind[fileKind(request.path)] ??= { bytes: 0, requests: 0 });
          kind.bytes += request.sent;
          kind.requests++;
          total += request.sent;
        }
        measured.push({ query, total, byKind });
      } finally {
        await context.close();
      }
    }
    return measured;
  } finally {
    await server.close();
  }
}

export interface Score {
  queries: number;
  recallAt10: number;
  mrr: number;
}

export function score(outcomes: readonly QueryOutcome[]): Score {
  const n = outcomes.length;
  return {
    queries: n,
    recallAt10: n ? outcomes.filter((outcome) => outcome.rank > 0).length / n : 0,
    mrr: n ? outcomes.reduce((sum, outcome) => sum + (outcome.rank > 0 ? 1 / outcome.rank : 0), 0) / n : 0,
  };
}

export interface ScoreTable {
  all: Score;
  byLanguage: Record<string, Score>;
  byKind: Record<string, Score>;
}

export function scoreTable(outcomes: readonly QueryOutcome[]): ScoreTable {
  const byLanguage: Record<string, Score> = {};
  for (const language of CONTENT_LANGUAGES) {
    const subset = outcomes.filter((outcome) => outcome.query.language === language);
    if (subset.length) byLanguage[language] = score(subset);
  }
  const byKind: Record<string, Score> = {};
  for (const kind of QUERY_KINDS) {
    const subset = outcomes.filter((outcome) => outcome.query.kind === kind);
    if (subset.length) byKind[kind] = score(subset);
  }
  return { all: score(outcomes), byLanguage, byKind };
}

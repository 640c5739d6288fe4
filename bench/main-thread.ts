/**
 * The main thread's two long stretches of a cold build, timed on their own:
 * assembling the site model (with a fresh search-record cache and spool, as a
 * cold build has) and rendering every page of the page table (no page cache).
 * A whole build's wall time swings by several seconds on a shared machine,
 * more than most changes to these stretches move them; here each runs
 * `--rounds` times in one process after the content is loaded once, so two
 * versions of the code can be compared in turn on the same corpus.
 *   npx tsx bench/main-thread.ts [--docs N] [--seed S] [--rounds R] [--page-cache]
 * Prints wall and CPU time per round (CPU: the whole process, which is the
 * main thread here once the pass-1 pool has stopped).
 *   --page-cache: each round of pages with an empty page cache, as a cold build
 *   has (every page's key, hash and kept copy; scripts/render/page-cache.ts).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadContentInParallel } from "../scripts/content/pool.ts";
import { PageCache } from "../scripts/render/page-cache.ts";
import { pageRenderer } from "../scripts/render/pages.ts";
import { SearchRecordCache } from "../scripts/search/record-cache.ts";
import { RecordSpool } from "../scripts/search/record-spool.ts";
import { readSiteConfig } from "../scripts/site/config.ts";
import { buildSiteModel, type SiteModel } from "../scripts/site/model.ts";
import { generateCorpus } from "./corpus.ts";
import { ownCpuMs } from "./cpu.ts";
import { numberOption } from "./options.ts";

const docs = numberOption("docs", 5000);
const seed = numberOption("seed", 20261101);
const rounds = numberOption("rounds", 3);
const withPageCache = process.argv.includes("--page-cache");

/** `run`'s result, and its wall and CPU time as text. */
const timed = async <T>(run: () => T | Promise<T>): Promise<{ value: T; line: string }> => {
  const cpu = ownCpuMs();
  const start = performance.now();
  const value = await run();
  return { value, line: `${((performance.now() - start) / 1000).toFixed(2)} s (CPU ${((ownCpuMs() - cpu) / 1000).toFixed(2)} s)` };
};

const work = mkdtempSync(path.join(os.tmpdir(), "lysark-main-thread-"));
try {
  generateCorpus({ dir: work, docs, seed });
  const { site } = await loadContentInParallel(path.join(work, "content"), { root: work, bodyDir: path.join(work, "bodies") });
  const config = readSiteConfig(path.join(work, "site.config.json"));
  console.log(`N = ${site.documents.length} documents (seed ${seed}), ${rounds} rounds; work folder ${work}`);
  let model: SiteModel | undefined;
  for (let round = 1; round <= rounds; round++) {
    const records = path.join(work, "records");
    rmSync(records, { recursive: true, force: true });
    mkdirSync(records, { recursive: true });
    const spool = new RecordSpool(path.join(work, "model.search-records"));
    const assembled = await timed(() =>
      buildSiteModel(site, { root: work, config, warn: () => undefined, searchRecords: new SearchRecordCache(records), recordSpool: spool }),
    );
    model = assembled.value;
    console.log(`  round ${round}: site model ${assembled.line}`);
  }
  for (let round = 1; round <= rounds; round++) {
    const output = path.join(work, "site");
    const cacheDir = path.join(work, "page-cache");
    rmSync(output, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
    const rendered = await timed(async () => {
      const data = { model: model!, config };
      const cache = withPageCache ? new PageCache(cacheDir, "bench", data) : undefined;
      try {
        return await pageRenderer(data, undefined, cache).writeAll(output);
      } finally {
        cache?.release();
        cache?.save();
      }
    });
    console.log(`  round ${round}: pages ${rendered.line}, ${rendered.value.length} files`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

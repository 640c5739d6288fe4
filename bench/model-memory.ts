/**
 * Where Node's memory goes before pages render: the live heap after pass 1 (the
 * loaded content, bodies on disk as in a build) and after the site model, per
 * document, and the model's search records alone. Live heap after a full
 * garbage collection, so it is steady on a busy machine (a build's peak RSS
 * adds the garbage V8 lets grow, sharp and code; see docs/performance-log.md).
 *   npx tsx bench/model-memory.ts [--docs N] [--seed S] [--kept]
 * `--kept` keeps bodies in memory, as the loader did before they went to disk,
 * and search records whole, as the model did before their parts went to a spool.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { loadContentInParallel } from "../scripts/content/pool.ts";
import { RecordSpool } from "../scripts/search/record-spool.ts";
import { buildSearchRecords, recordRegistries } from "../scripts/search/records.ts";
import { buildSiteModel } from "../scripts/site/model.ts";
import { generateCorpus } from "./corpus.ts";
import { numberOption } from "./options.ts";

const option = numberOption;
const docs = option("docs", 2000);
const seed = option("seed", 20261101);
const kept = process.argv.includes("--kept");

// Set here, not on the command line: the script runs under plain tsx, and the pool's threads need not know it.
v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as () => void;
const liveHeap = () => {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
};

const work = mkdtempSync(path.join(os.tmpdir(), "lysark-model-memory-"));
try {
  generateCorpus({ dir: work, docs, seed });
  const start = liveHeap();
  const { site } = await loadContentInParallel(path.join(work, "content"), { root: work, bodyDir: kept ? undefined : path.join(work, "bodies") });
  const content = liveHeap();
  const spool = kept ? undefined : new RecordSpool(path.join(work, "model.search-records"));
  const model = buildSiteModel(site, { root: work, recordSpool: spool });
  const assembled = liveHeap();
  // The records' share, measured as a second set built beside the model's (the same size).
  const records = buildSearchRecords(model.documents, recordRegistries(site), undefined, spool);
  const withRecords = liveHeap();
  const n = site.documents.length;
  const kb = (bytes: number) => `${(bytes / n / 1024).toFixed(1)} KB`;
  console.log(`N = ${n} documents, bodies and search records' parts ${kept ? "kept in memory" : "on disk"} (seed ${seed})`);
  console.log(`  loaded content:             ${kb(content - start)} a document`);
  console.log(`  site model on top of it:    ${kb(assembled - content)} a document, of which search records ${kb(withRecords - assembled)}`);
  console.log(`  both:                       ${kb(assembled - start)} a document; ${((assembled - start) / 1048576).toFixed(0)} MiB live`);
  // Keeps both alive until the figures are taken.
  if (!site.documents.length || !model.documents.length || records.length !== model.searchRecords.length) throw new Error("nothing was loaded");
  spool?.remove();
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * The whole build: validate, render with Eleventy into a fresh temporary
 * folder, then swap it into place. A failed build leaves the last good
 * output untouched.
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { writeEleventyPages } from "./eleventy.ts";
import { loadContent } from "../content/load.ts";
import type { Problem } from "../content/problems.ts";
import { buildSiteModel } from "../site/model.ts";
import { loadSiteConfig } from "../content/site-config.ts";
import { verifyImages } from "../content/verify-images.ts";
import { createStaging, removeStaleStaging } from "./staging.ts";
import { presetSiteData } from "../site/site-data.ts";
import { documentCardJob, siteCardJobs, writePublishAssets } from "../publish/assets.ts";
import { CardWriter } from "../publish/cards.ts";
import { writeSearchBundles } from "../search/index.ts";
import { pageRenderer } from "../render/pages.ts";
import type { Progress } from "../progress/progress.ts";


export interface BuildOptions {
  /** Project folder holding content/ and site.config.json. */
  root: string;
  /** Output folder (default: <root>/_site). */
  output?: string;
  quiet?: boolean;
  /** Not even Eleventy's summary line (--quiet: nothing but errors). */
  silent?: boolean;
  /** Documents validated, pages rendered, documents indexed (default: nothing shown). */
  progress?: Progress;
}

export interface BuildResult {
  ok: boolean;
  problems: Problem[];
  output: string;
  timings: Record<string, number>;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const output = path.resolve(options.output ?? path.join(root, "_site"));
  const timings: Record<string, number> = {};
  const time = async <T>(phase: string, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      timings[phase] = (timings[phase] ?? 0) + performance.now() - start;
    }
  };

  const { config, problems: configProblems } = loadSiteConfig(root);
  if (!config) return { ok: false, problems: configProblems, output, timings };
  // The temporary folder sits beside the output so the final rename stays on one file system;
  // those of killed builds are removed first.
  removeStaleStaging(output);
  const staging = createStaging(output);
  // Each document's social card is handed to sharp's threads as soon as the document has
  // loaded, so the cards, the largest CPU cost, are drawn on the other core while this one
  // validates and assembles (docs/performance.md). A failed build drops them with its folder.
  const cards = new CardWriter({ cacheDir: path.join(root, ".cache", "lysark", "cards") });
  const cardsStarted = performance.now();
  try {
    const { site, problems } = await time("validate", () => loadContent(path.join(root, "content"), {
      root,
      progress: options.progress,
      onDocument: config.socialCards === "documents" ? (doc, publisher) => cards.add(documentCardJob(doc, publisher, staging)) : undefined,
    }));
    if (!problems.some((problem) => problem.severity === "error")) problems.push(...await time("validate", () => verifyImages(site.documents)));
    if (problems.some((problem) => problem.severity === "error")) {
      cards.cancel();
      rmSync(staging, { recursive: true, force: true });
      return { ok: false, problems, output, timings };
    }
    for (const job of siteCardJobs(config, staging)) cards.add(job);

    const model = await time("assemble", () => buildSiteModel(site, { root, config }));
    presetSiteData({ model, config });

    // Social cards (sharp's threads) and the search index (Pagefind's own process) need only the
    // model, so they run while the pages render on the main thread; phases overlap (docs/performance.md).
    const parallel = await Promise.allSettled([
      (async () => {
        // Documents and paginated listings are streamed to disk one at a time; Eleventy renders the rest.
        await time("pages", () => pageRenderer({ model, config }).writeAll(staging, options.progress));
        await time("render", () => writeEleventyPages(root, staging, { quiet: options.quiet ?? true, silent: options.silent }));
      })(),
      // Attachments and responsive images, each timed as its own phase.
      writePublishAssets({ model, config }, staging, { root, time, cards: false }),
      // The cards begun during validation; "cards" is the time from the first to the last.
      cards.finish().then(() => { timings.cards = performance.now() - cardsStarted; }),
      // Pagefind indexes each document once, from the model (see docs/search.md).
      time("search", () => writeSearchBundles(model.searchRecords, staging, { progress: options.progress })),
    ]);
    for (const result of parallel) if (result.status === "rejected") throw result.reason;
    await time("swap", () => {
      const old = `${staging}.old`;
      if (existsSync(output)) renameSync(output, old);
      renameSync(staging, output);
      rmSync(old, { recursive: true, force: true });
    });
    return { ok: true, problems, output, timings };
  } catch (error) {
    cards.cancel();
    rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    presetSiteData(undefined);
  }
}

/**
 * `npm run build`: one Eleventy run with Lysark's plugin (./eleventy-plugin.ts)
 * into a fresh staging folder beside the output, then swapped into place.
 * The plugin validates first; a failed build removes its staging folder and
 * leaves the last good output untouched. The site a build replaces is removed
 * by the next build, beside its work (./staging.ts).
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { CacheReport } from "../content/build-code.ts";
import { assertProjectFolder } from "../content/project-folder.ts";
import type { Problem } from "../content/problems.ts";
import type { Progress } from "../progress/progress.ts";
import { acquireBuildLock, type BuildLockOptions } from "./build-lock.ts";
import { lysarkPlugin } from "./eleventy-plugin.ts";
import { resolvedPath } from "./output-folder.ts";
import { buildFolderProblems } from "./write-errors.ts";
import { limitHeapGrowth } from "./heap-growth.ts";
import type { OutputPlan } from "./output-plan.ts";
import type { Shard } from "./shards.ts";
import { createStaging, previousSite, removeStaleStaging } from "./staging.ts";

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
  /** Write only this slice of the site (`--shard i/n`). */
  shard?: Shard;
  /** Join slices written with `shard`, then build the search index (`--merge`). */
  mergeFrom?: readonly string[];
  /** False: build without reading or writing .cache/lysark/, cards and processed images included (`--no-cache`). */
  cache?: boolean;
  /** Read and hash every kept page before using it, not only those whose stamp changed (`--verify-cache`). */
  verifyCache?: boolean;
  /** Index on a thread of its own from this many documents on (default: search-thread.ts SEARCH_THREAD_MIN_RECORDS; tests lower it). */
  searchThreadFrom?: number;
  /** Load documents on pass 1's pool from this many on (default: content/pool.ts's; tests lower it). */
  poolFrom?: number;
  /** What the project's build lock tells when another build holds it, or when it takes over another machine's (./build-lock.ts). */
  lock?: BuildLockOptions;
}

export interface BuildResult {
  ok: boolean;
  problems: Problem[];
  output: string;
  timings: Record<string, number>;
  /** The pages phase by kind of page: milliseconds spent writing each (empty when no page was written). */
  pageKinds: Record<string, number>;
  /** Every file written, with its source (undefined when the build failed). */
  plan?: OutputPlan;
  /** What the build took from .cache/lysark/ and what it made afresh. */
  cache: CacheReport;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  // Memory that follows what the build holds, not four times it (./heap-growth.ts).
  limitHeapGrowth();
  const root = path.resolve(options.root);
  const output = path.resolve(options.output ?? path.join(root, "_site"));
  // Before anything is locked, staged or loaded: outside a site's folder there is nothing to build.
  assertProjectFolder(root);
  // The output is replaced whole: never the project, Lysark, what the build reads, or a folder holding other files. A
  // cache folder the build may not write stops it here, not at its end; --no-cache does not write it (nor the lock, where it cannot).
  const [folderProblem] = buildFolderProblems(root, output, { outputGiven: options.output !== undefined, cache: options.cache !== false });
  if (folderProblem) throw folderProblem;
  // Through a symbolic link (_site → /var/www/site) the build replaces the folder it leads to and keeps the link:
  // replacing the link itself left that folder to be emptied by the next build.
  const target = resolvedPath(output);
  // Another build of the project shares its cache: this one waits for it.
  const release = await acquireBuildLock(root, options.lock);
  try {
    // The staging folder sits beside the output so the final rename stays on one file system.
    const staging = createStaging(target);
    // The sites earlier builds replaced, and the staging folders of killed builds, are removed while this build works.
    const stale = removeStaleStaging(target, staging);
    let result: BuildResult | undefined;
    try {
      result = { ...(await buildInto(root, target, staging, options)), output };
      return result;
    } finally {
      // Usually long done; what is left of it is waited for, so nothing of this build runs after it returns.
      const start = performance.now();
      await stale.removed;
      if (result && stale.names.length) result.timings["remove previous"] = performance.now() - start;
    }
  } finally {
    release();
  }
}

async function buildInto(root: string, output: string, staging: string, options: BuildOptions): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  const pageKinds: Record<string, number> = {};
  const lysark = lysarkPlugin({
    root,
    timings,
    pageKinds,
    progress: options.progress,
    shard: options.shard,
    mergeFrom: options.mergeFrom?.map((dir) => path.resolve(dir)),
    cache: options.cache,
    verifyCache: options.verifyCache,
    searchThreadFrom: options.searchThreadFrom,
    poolFrom: options.poolFrom,
  });
  try {
    // Eleventy's input is the content folder, though every page comes from Lysark's page table.
    const eleventy = new Eleventy(path.join(root, "content"), staging, {
      configPath: false,
      config: (eleventyConfig: Parameters<typeof lysark.configure>[0]) => {
        // Every page comes from Lysark's page table; Eleventy renders no templates of its own here.
        eleventyConfig.setTemplateFormats([]);
        lysark.configure(eleventyConfig);
      },
      quietMode: options.quiet ?? true,
    });
    // Lysark reports problems and timings itself; Eleventy's own log would repeat each error with a stack trace.
    if ((options.quiet ?? true) || options.silent) eleventy.disableLogger();
    try {
      await eleventy.write();
    } catch (error) {
      // Eleventy skips eleventy.after when its build fails: nothing of this run may write into the staging folder after it is removed.
      await lysark.abandon();
      if (lysark.problems.some((problem) => problem.severity === "error")) {
        removeStaging(staging);
        return { ok: false, problems: lysark.problems, output, timings, pageKinds, cache: lysark.cacheReport };
      }
      throw error;
    }
    const start = performance.now();
    const old = `${staging}.old`;
    const replaced = existsSync(output);
    if (replaced) renameSync(output, old);
    renameSync(staging, output);
    if (replaced) {
      // Left for the next build to remove while it works; without the cache its files are copies, not links into it, so removed now.
      if (options.cache === false || !renamed(old, previousSite(staging))) rmSync(old, { recursive: true, force: true });
    }
    timings.swap = performance.now() - start;
    return { ok: true, problems: lysark.problems, output, timings, pageKinds, plan: lysark.plan, cache: lysark.cacheReport };
  } catch (error) {
    removeStaging(staging);
    throw error;
  }
}

function renamed(from: string, to: string): boolean {
  try {
    renameSync(from, to);
    return true;
  } catch {
    return false;
  }
}

/** A failed build's staging folder, and the folder of rendered bodies a `--no-cache` build keeps beside it. */
function removeStaging(staging: string): void {
  rmSync(staging, { recursive: true, force: true });
  rmSync(`${staging}.bodies`, { recursive: true, force: true });
}

/**
 * Scale-out for very large archives: `npm run build -- --shard i/n` writes one
 * slice of the site, so a CI matrix can split the work across machines, and
 * `npm run build -- --merge <slice folder>…` joins the slices and builds the
 * search index once. Each slice validates and assembles the whole content
 * (the model is cross-document), then writes only its own files: pages by a
 * hash of their path, and each document's attachments, images and card by a
 * hash of its id, so slices are disjoint and about equal in size whatever
 * the order of the content.
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fnv1a } from "../content/fnv1a.ts";
import { filesUnder } from "../content/files-under.ts";
import type { OutputPlan } from "./output-plan.ts";
import { SEARCH_FOLDER } from "./output-plan.ts";

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses "i/n" (1 ≤ i ≤ n); throws a message saying what is wrong. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard "${text}": write it as i/n with 1 ≤ i ≤ n, e.g. --shard 2/4 for the second of four slices.`);
  }
  return { index, count };
}

/** True when `key` (a page's site path, or a document's id) belongs to `shard`; every key when there is no shard. */
export function inShard(shard: Shard | undefined, key: string): boolean {
  return !shard || fnv1a(key) % shard.count === shard.index - 1;
}

/** The slice that writes files shared by the whole site (assets, the site's cards). */
export function isFirstShard(shard: Shard | undefined): boolean {
  return !shard || shard.index === 1;
}

/**
 * Copies every slice into `outputDir`, checking against the plan that each
 * planned file comes from exactly one slice and that no slice brings a file
 * the plan does not list (a slice of another site or version).
 */
export function mergeShards(shardDirs: readonly string[], outputDir: string, plan: OutputPlan): void {
  const from = new Map<string, string>();
  for (const dir of shardDirs) {
    if (!existsSync(dir)) throw new Error(`--merge: slice folder ${dir} does not exist. Pass the folders written by --shard i/n.`);
    for (const file of filesUnder(dir).map((name) => `/${name}`)) {
      if (file.startsWith(SEARCH_FOLDER)) throw new Error(`--merge: ${dir} has a search index (${file}); slices have none, the merge builds it once.`);
      if (plan.sourceOf(file) === undefined)
        throw new Error(`--merge: ${dir}${file} is not a file of this site. Were the slices built from the same content and version?`);
      const earlier = from.get(file);
      if (earlier) throw new Error(`--merge: ${file} is in two slices, ${earlier} and ${dir}. Build each slice with the same n.`);
      from.set(file, dir);
    }
  }
  const missing = plan.claimedFiles().filter((file) => !from.has(file));
  if (missing.length) {
    throw new Error(`--merge: ${missing.length} file(s) of the site are in no slice, e.g. ${missing.slice(0, 3).join(", ")}. Pass every slice, 1/n to n/n.`);
  }
  for (const [file, dir] of from) {
    const target = path.join(outputDir, ...file.split("/").filter(Boolean));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(dir, ...file.split("/").filter(Boolean)), target);
  }
}

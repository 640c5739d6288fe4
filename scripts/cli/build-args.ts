/** The arguments of `npm run build`, turned into build options (kept apart from the command so tests can run the same words). */
import path from "node:path";
import { parseArgs } from "node:util";
import type { BuildOptions } from "../build/build.ts";
import { parseShard } from "../build/shards.ts";
import { suggestOption } from "../editor/cli-args.ts";

export const BUILD_USAGE = "Usage: npm run build [-- --shard i/n | --merge SLICE_FOLDER… ] [--output DIR] [--no-cache | --verify-cache] [--verbose] [--quiet]";

/** `npm run build -- --help`: the usage and what each option does (README, "Commands"). */
export const BUILD_HELP = `${BUILD_USAGE}

Validates content/, then builds the site into _site/ and swaps it into place; a failed build leaves the last site as it was.

  --output DIR       build into DIR instead of _site/
  --shard i/n        build slice i of n (into _site-shard-i-of-n/ unless --output), for a CI matrix
  --merge FOLDER…    join the slices' folders into _site/ and build the search index once
  --no-cache         build without reading or writing .cache/lysark/ (a read-only checkout builds with it)
  --verify-cache     read and hash every kept page and file instead of trusting an unchanged size, time and inode
  --verbose          Eleventy's own output, and the stack of an error
  --quiet            nothing but problems and errors
  -h, --help         this help`;

const OPTIONS = {
  verbose: { type: "boolean" },
  quiet: { type: "boolean" },
  shard: { type: "string" },
  merge: { type: "boolean" },
  output: { type: "string" },
  "no-cache": { type: "boolean" },
  "verify-cache": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** Throws an Error whose message says what is wrong with the arguments. */
export function buildOptionsFromArgs(args: readonly string[], root: string): BuildOptions & { verbose: boolean; silent: boolean; help: boolean } {
  const { values, positionals } = parsed(args);
  if (values["no-cache"] && values["verify-cache"])
    throw new Error("--no-cache and --verify-cache: a build without the cache has nothing to verify; use one of them.");
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (shard && values.merge) throw new Error("--shard and --merge: a slice is built first, then merged; use one per run.");
  if (values.merge && positionals.length === 0)
    throw new Error("--merge needs the slice folders, e.g. npm run build -- --merge _site-shard-1-of-2 _site-shard-2-of-2");
  if (!values.merge && positionals.length) throw new Error(`Unexpected argument ${positionals[0]}: folders are only taken by --merge.`);
  // A slice goes beside _site by default, so the slices and the merged site never overwrite each other.
  const output = values.output ?? (shard ? `_site-shard-${shard.index}-of-${shard.count}` : undefined);
  return {
    root,
    output: output === undefined ? undefined : path.resolve(root, output),
    quiet: !values.verbose,
    verbose: values.verbose ?? false,
    // --quiet: nothing but problems and errors (no progress, no Eleventy summary line).
    silent: values.quiet ?? false,
    shard,
    // --no-cache: parse, render, draw and index everything, reading and writing nothing in .cache/lysark/.
    cache: !values["no-cache"],
    // --verify-cache: read and hash every kept page and file before it is used, whatever its stamp says (render/page-cache.ts, build/site-cache.ts).
    verifyCache: values["verify-cache"] ?? false,
    mergeFrom: values.merge ? positionals.map((folder) => path.resolve(root, folder)) : undefined,
    help: values.help ?? false,
  };
}

/** Node's parse, with a mistyped option's likely meaning in place of its advice on positionals that start with "-". */
function parsed(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true });
  } catch (error) {
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec((error as Error).message)?.[1];
    if (!unknown) throw error;
    throw new Error(`Unknown option ${unknown}.${suggestOption(unknown.replace(/^-+/, ""), Object.keys(OPTIONS))}`);
  }
}

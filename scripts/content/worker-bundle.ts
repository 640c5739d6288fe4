/**
 * Each of Lysark's worker threads (the pass-1 pool, the card pool, the search
 * thread) runs one CommonJS file bundled from its TypeScript entry by esbuild,
 * not the TypeScript modules through tsx. Node 20 runs no module loader hooks
 * in a worker thread, so there tsx translates every module through its
 * CommonJS hook: a pass-1 thread took about 0.95 s of CPU to load its modules
 * (0.27 s bundled), a card thread 0.33 s (0.09 s), the search thread 0.34 s
 * (0.09 s); and every read of an imported binding was a getter call, which a
 * bundle's single scope does not have (docs/performance.md, "worker threads
 * from bundles").
 *
 * A bundle is kept in `node_modules/.cache/lysark-workers/` of Lysark's own
 * folder, where the packages it leaves out (everything under node_modules) are
 * found as they are from the sources. Beside it a manifest lists the source
 * files it was made from with their SHA-256: a bundle is used only while every
 * one of them is unchanged and its own bytes hash as recorded, and is made
 * again otherwise, so an edit to Lysark's code is never run stale. Each
 * module's `import.meta.url` is written into the bundle as the URL of its
 * source file, so files found next to the sources (fonts, UI strings,
 * registries) are found as before. Set LYSARK_WORKER_BUNDLES=off to run the
 * TypeScript through tsx instead; that is also what happens, silently, when a
 * bundle cannot be made or kept (esbuild missing, a read-only install).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { workerExecArgv } from "./worker-options.ts";

/** Bumped when how bundles are made changes, so older ones are made again. */
const BUNDLE_FORMAT = 1;

/** Lysark's own folder (the one holding scripts/ and node_modules/). */
const LYSARK_ROOT = path.resolve(fileURLToPath(import.meta.url), "..", "..", "..");

const require = createRequire(import.meta.url);
const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** What a worker thread is started with: its file and its `execArgv`. */
export interface WorkerModule {
  filename: string;
  execArgv: string[];
  /** Whether `filename` is a bundle (false: the TypeScript entry, run through tsx). */
  bundled: boolean;
}

export interface WorkerBundleOptions {
  /** Where bundles are kept (default: node_modules/.cache/lysark-workers/ in Lysark's folder). */
  cacheDir?: string;
  /** Lysark's folder: sources are named relative to it in the manifest (default: the one this module is in). */
  root?: string;
  /** This process's flags (default `process.execArgv`): the module-loading ones are passed on. */
  execArgv?: readonly string[];
}

interface Manifest {
  format: number;
  /** SHA-256 of the bundler's script (BUNDLER): a bundle made by other code is made again. */
  bundler: string;
  esbuild: string;
  bundle: string;
  bundleHash: string;
  /** Each source file bundled (relative to the root, forward slashes) with its SHA-256. */
  inputs: Array<[string, string]>;
}

/**
 * The file and flags to start a worker thread for the TypeScript module at `entry` (a file URL) with: its bundle,
 * made or reused, and this process's module flags without tsx; or, where no bundle can be had, the entry itself with
 * tsx (`workerExecArgv`).
 */
export function workerModule(entry: string, options: WorkerBundleOptions = {}): WorkerModule {
  const execArgv = options.execArgv ?? process.execArgv;
  const fallback = (): WorkerModule => ({ filename: entry, execArgv: workerExecArgv(execArgv), bundled: false });
  if (process.env.LYSARK_WORKER_BUNDLES === "off") return fallback();
  const root = options.root ?? LYSARK_ROOT;
  const cacheDir = options.cacheDir ?? path.join(root, "node_modules", ".cache", "lysark-workers");
  // The packages a bundle leaves out are found from its folder upwards: it must sit below the node_modules the sources use.
  if (!options.cacheDir && !existsSync(path.join(root, "node_modules"))) return fallback();
  try {
    const bundle = keptBundle(entry, root, cacheDir) ?? makeBundle(entry, root, cacheDir);
    return { filename: bundle, execArgv: withoutTsx(workerExecArgv(execArgv)), bundled: true };
  } catch {
    return fallback();
  }
}

/** The manifest of `entry`'s bundle in `cacheDir`. */
function manifestFile(entry: string, cacheDir: string): string {
  const file = fileURLToPath(entry);
  return path.join(cacheDir, `${path.basename(file, path.extname(file))}-${sha256(file).slice(0, 16)}.json`);
}

function esbuildVersion(): string {
  return (require("esbuild/package.json") as { version: string }).version;
}

/** The kept bundle of `entry` when its sources and its own bytes are as recorded; undefined otherwise. */
function keptBundle(entry: string, root: string, cacheDir: string): string | undefined {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile(entry, cacheDir), "utf8")) as Manifest;
  } catch {
    return undefined;
  }
  if (
    manifest.format !== BUNDLE_FORMAT ||
    manifest.bundler !== sha256(BUNDLER) ||
    manifest.esbuild !== esbuildVersion() ||
    !/^[\w.-]+\.cjs$/.test(manifest.bundle)
  )
    return undefined;
  for (const [input, hash] of manifest.inputs) {
    try {
      if (sha256(readFileSync(path.join(root, input))) !== hash) return undefined;
    } catch {
      return undefined;
    }
  }
  const bundle = path.join(cacheDir, manifest.bundle);
  try {
    return sha256(readFileSync(bundle)) === manifest.bundleHash ? bundle : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Bundles `entry` with esbuild in a child process, keeps the bundle and its manifest in `cacheDir`, and returns the
 * bundle's path. A child process because a plugin rewrites each module's import.meta.url, and esbuild runs plugins in
 * its asynchronous API only, while the pools start synchronously; it runs only when a bundle is missing or stale.
 */
function makeBundle(entry: string, root: string, cacheDir: string): string {
  const output = execFileSync(
    process.execPath,
    ["-e", BUNDLER, require.resolve("esbuild"), fileURLToPath(entry), root, `node${process.versions.node.split(".")[0]}`],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const { code, inputs: names } = JSON.parse(output) as { code: string; inputs: string[] };
  const bundleHash = sha256(code);
  const name = path.basename(manifestFile(entry, cacheDir), ".json");
  const bundle = `${name}-${bundleHash.slice(0, 16)}.cjs`;
  const inputs = names.sort().map((input): [string, string] => [input, sha256(readFileSync(path.join(root, input)))]);
  mkdirSync(cacheDir, { recursive: true });
  writeAtomically(path.join(cacheDir, bundle), code);
  const manifest: Manifest = { format: BUNDLE_FORMAT, bundler: sha256(BUNDLER), esbuild: esbuildVersion(), bundle, bundleHash, inputs };
  writeAtomically(manifestFile(entry, cacheDir), `${JSON.stringify(manifest, null, 2)}\n`);
  return path.join(cacheDir, bundle);
}

/**
 * The child's script (`node -e`; arguments: esbuild's path, the entry, Lysark's folder, the target): prints the bundle
 * and the source files it was made from as JSON. Packages stay out (required from node_modules as the sources import
 * them); each module's import.meta.url becomes its own source file's URL (esbuild's `define` is one value for every
 * module, and it leaves import.meta empty in CommonJS); stack traces name the TypeScript files under
 * --enable-source-maps.
 */
const BUNDLER = String.raw`
const [esbuildPath, entry, root, target] = process.argv.slice(1);
const { readFileSync } = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const sourceUrls = {
  name: "lysark-source-urls",
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => ({
      contents: readFileSync(args.path, "utf8").replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href)),
      loader: "ts",
      resolveDir: path.dirname(args.path),
    }));
  },
};
require(esbuildPath)
  .build({ entryPoints: [entry], absWorkingDir: root, bundle: true, platform: "node", format: "cjs", target, packages: "external", write: false, metafile: true, sourcemap: "inline", sourcesContent: false, logLevel: "silent", plugins: [sourceUrls] })
  .then((result) => process.stdout.write(JSON.stringify({ code: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs) })))
  .catch((error) => { console.error(error.message); process.exit(1); });
`;

/** Written under a temporary name and renamed: two builds at once (the tests run several) never see half a file. */
function writeAtomically(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

/** The tsx package's folder, to tell its flags from other module flags. */
const TSX_DIR = path.dirname(require.resolve("tsx/package.json"));

/** `execArgv` without the flags that load tsx (a bundle needs none): `--import tsx`, tsx's loader and preflight files. */
export function withoutTsx(execArgv: readonly string[]): string[] {
  const isTsx = (value: string) => {
    if (value === "tsx" || value.startsWith("tsx/")) return true;
    const file = value.startsWith("file:") ? fileURLToPath(value) : path.resolve(value);
    return file === TSX_DIR || file.startsWith(`${TSX_DIR}${path.sep}`);
  };
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const loads = flag === "--import" || flag === "--require" || flag === "-r" || flag === "--loader" || flag === "--experimental-loader";
    if (loads && inline !== undefined && isTsx(inline)) continue;
    if (loads && inline === undefined && i + 1 < execArgv.length && isTsx(execArgv[i + 1]!)) {
      i++;
      continue;
    }
    kept.push(arg);
  }
  return kept;
}

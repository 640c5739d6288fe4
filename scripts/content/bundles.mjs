/**
 * Lysark's bundles: one file per entry (a command, a worker thread), made by
 * esbuild from the TypeScript sources and kept in
 * `node_modules/.cache/lysark-bundles/` of Lysark's own folder, where the
 * packages a bundle leaves out are found as they are from the sources. Plain
 * JavaScript, because the commands' launcher (../cli/run.mjs) runs before
 * anything can load TypeScript; ./worker-bundle.ts uses the same functions.
 *
 * Beside each bundle a manifest lists the source files it was made from with
 * their SHA-256: a bundle is used only while every one of them is unchanged,
 * its own bytes hash as recorded and it was made by this bundler and esbuild,
 * so an edit to Lysark's code is never run stale. Each module's
 * `import.meta.url` is written into the bundle as the URL of its source file,
 * so files found next to the sources (fonts, UI strings, registries, worker
 * entries) are found as before.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Bumped when how bundles are made changes, so older ones are made again. */
const BUNDLE_FORMAT = 2;

/** Lysark's own folder (the one holding scripts/ and node_modules/). */
export const LYSARK_ROOT = path.resolve(fileURLToPath(import.meta.url), "..", "..", "..");

const require = createRequire(import.meta.url);
const sha256 = (data) => createHash("sha256").update(data).digest("hex");

/** Where bundles are kept under Lysark's folder `root`; undefined where it has no node_modules to find packages from. */
export function bundleCacheDir(root = LYSARK_ROOT) {
  return existsSync(path.join(root, "node_modules")) ? path.join(root, "node_modules", ".cache", "lysark-bundles") : undefined;
}

/**
 * The child's script (`node -e`; arguments: esbuild's path, the entry, Lysark's folder, the target, the format, a
 * file in the folder the bundle is kept in, so the source map names the sources relative to it):
 * prints the bundle, the source files it was made from and the SHA-256 of each as read, as JSON. A child process because esbuild runs plugins in
 * its asynchronous API only, and worker pools start synchronously. Packages stay out (required or imported from
 * node_modules as the sources do); each module's import.meta.url (TypeScript or JavaScript, as ./bundles.mjs itself
 * in a command's bundle) becomes its own source file's URL (esbuild's `define`
 * is one value for every module, and it leaves import.meta empty in CommonJS); stack traces name the TypeScript
 * files under --enable-source-maps.
 */
const BUNDLER = String.raw`
const [esbuildPath, entry, root, target, format, outfile] = process.argv.slice(1);
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
// The SHA-256 of each source as it was read for the bundle, by its name in the metafile.
const hashes = {};
const sourceUrls = {
  name: "lysark-source-urls",
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      const bytes = readFileSync(args.path);
      hashes[path.relative(root, args.path).split(path.sep).join("/")] = createHash("sha256").update(bytes).digest("hex");
      return {
        contents: bytes.toString("utf8").replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href)),
        loader: /\.[cm]?ts$/.test(args.path) ? "ts" : "js",
        resolveDir: path.dirname(args.path),
      };
    });
  },
};
require(esbuildPath)
  .build({ entryPoints: [entry], outfile, absWorkingDir: root, bundle: true, platform: "node", format, target, packages: "external", write: false, metafile: true, sourcemap: "inline", sourcesContent: false, logLevel: "silent", plugins: [sourceUrls] })
  .then((result) => process.stdout.write(JSON.stringify({ code: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs), hashes })))
  .catch((error) => { console.error(error.message); process.exit(1); });
`;

const EXTENSION = { cjs: ".cjs", esm: ".mjs" };

/** The manifest of the `format` bundle of the entry at `file` in `cacheDir`. */
function manifestFile(file, cacheDir, format) {
  return path.join(cacheDir, `${path.basename(file, path.extname(file))}-${format}-${sha256(file).slice(0, 16)}.json`);
}

function esbuildVersion() {
  return require("esbuild/package.json").version;
}

/**
 * The kept bundle (its path) of the TypeScript entry at `file` in `format` ("cjs" or "esm"), when its sources, its
 * own bytes, the bundler and esbuild are as its manifest records; undefined otherwise.
 */
export function keptBundle(file, { root = LYSARK_ROOT, cacheDir = bundleCacheDir(root), format }) {
  if (!cacheDir) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(manifestFile(file, cacheDir, format), "utf8"));
    if (manifest.format !== BUNDLE_FORMAT || manifest.bundler !== sha256(BUNDLER) || manifest.esbuild !== esbuildVersion()) return undefined;
    if (typeof manifest.bundle !== "string" || !manifest.bundle.endsWith(EXTENSION[format]) || manifest.bundle.includes("/")) return undefined;
    for (const [input, hash] of manifest.inputs) if (sha256(readFileSync(path.join(root, input))) !== hash) return undefined;
    const bundle = path.join(cacheDir, manifest.bundle);
    return sha256(readFileSync(bundle)) === manifest.bundleHash ? bundle : undefined;
  } catch {
    return undefined;
  }
}

/** Bundles the TypeScript entry at `file` in `format`, keeps the bundle and its manifest, and returns the bundle's path. Throws when esbuild fails. */
export function makeBundle(file, { root = LYSARK_ROOT, cacheDir = bundleCacheDir(root), format }) {
  if (!cacheDir) throw new Error(`No node_modules folder in ${root} to keep bundles in`);
  const target = `node${process.versions.node.split(".")[0]}`;
  const output = execFileSync(
    process.execPath,
    ["-e", BUNDLER, require.resolve("esbuild"), file, root, target, format, path.join(cacheDir, `bundle${EXTENSION[format]}`)],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const { code, inputs: names, hashes } = JSON.parse(output);
  const bundleHash = sha256(code);
  const manifest = manifestFile(file, cacheDir, format);
  const bundle = `${path.basename(manifest, ".json")}-${bundleHash.slice(0, 16)}${EXTENSION[format]}`;
  // Each source by the hash of what was bundled, not of the file now: an edit made while bundling makes it again next time.
  const inputs = names.sort().map((input) => [input, hashes[input] ?? sha256(readFileSync(path.join(root, input)))]);
  mkdirSync(cacheDir, { recursive: true });
  writeAtomically(path.join(cacheDir, bundle), code);
  const record = { format: BUNDLE_FORMAT, bundler: sha256(BUNDLER), esbuild: esbuildVersion(), bundle, bundleHash, inputs };
  writeAtomically(manifest, `${JSON.stringify(record, null, 2)}\n`);
  removeOlderBundles(cacheDir, path.basename(manifest, ".json"), bundle);
  return path.join(cacheDir, bundle);
}

/**
 * The bundle to run for the TypeScript entry at `file`: the kept one, or one made now; undefined when
 * LYSARK_BUNDLES=off or none can be made (esbuild missing, a read-only install), and the caller then runs the
 * TypeScript through tsx. What the commands' launcher, the worker threads and the bench all start from.
 */
export function bundleOf(file, options) {
  if (process.env.LYSARK_BUNDLES === "off") return undefined;
  try {
    return keptBundle(file, options) ?? makeBundle(file, options);
  } catch {
    return undefined;
  }
}

/** How long a replaced bundle is left for a process that found it just before it was replaced (a pool starting). */
const REPLACED_KEPT_MS = 10 * 60 * 1000;

/**
 * Removes the bundles of the same entry and format that `bundle` replaces, once they are older than
 * REPLACED_KEPT_MS: every edit to Lysark's code makes new ones, which would otherwise pile up.
 */
function removeOlderBundles(cacheDir, name, bundle) {
  const before = Date.now() - REPLACED_KEPT_MS;
  for (const other of readdirSync(cacheDir)) {
    if (other === bundle || !other.startsWith(`${name}-`) || path.extname(other) !== path.extname(bundle)) continue;
    try {
      if (statSync(path.join(cacheDir, other)).mtimeMs < before) rmSync(path.join(cacheDir, other), { force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

/** Written under a temporary name and renamed: two processes at once (the tests run several) never see half a file. */
function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

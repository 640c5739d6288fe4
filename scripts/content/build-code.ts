/**
 * The "build code" hashes that key the build cache (.cache/lysark/): a hash of
 * everything besides a document's own bytes that changes what the build makes
 * of it. The package version never changes, so Lysark's own source files are
 * hashed instead.
 *
 * - `content`: what pass 1 makes of a document (parse, validate, render the
 *   body): Lysark's code and locked dependencies, the registries and
 *   publishers (known ids, indicator units), and where the content folder is
 *   (records hold absolute paths of images and attachments).
 * - `pages`: what a page is rendered from besides its own data: `content`
 *   plus the templates, assets, the editor guide's sources and site.config.json.
 */
import { createHash, type Hash } from "node:crypto";
import { type Dirent, readdirSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PUBLISHER_FILE, REGISTRY_DIR } from "./folder-names.ts";

/** Lysark's own folder (holding scripts/, layouts/, assets/), which may differ from the project's. */
const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The files of docs/ the site renders: the editor guide in each language (../docs/guide.ts). The rest of docs/
 * is for readers of the repository; an edit to it made every page of the next build be rendered again.
 */
const GUIDE_SOURCE = /^editor-guide\.[a-z]+\.md$/;

/** Bump to make every existing cache entry stale (the entry format changed). */
export const CACHE_FORMAT = 1;

/** What a build took from the cache and what it made afresh (npm run build's summary, the benchmark, tests). */
export interface CacheReport {
  documentsReused?: number;
  documentsLoaded?: number;
  pagesReused?: number;
  pagesRendered?: number;
  /** Of the pages reused, how many kept files were read and hashed first; the others' stamps were as recorded (render/page-cache.ts). */
  pagesChecked?: number;
  searchReused?: boolean;
  /** When the search index was rebuilt in slices (search/slices.ts): how many, and how many came from .cache/lysark/search-slices/. */
  searchSlices?: number;
  searchSlicesReused?: number;
  /** Search records taken from .cache/lysark/records/ and made afresh (search/record-cache.ts). */
  recordsReused?: number;
  recordsMade?: number;
  /** Of the records made, how many pass 1's workers made beside each body (build/pass1-worker.ts). */
  recordsMadeInPass1?: number;
  /** The whole site came from .cache/lysark/site/: nothing was loaded, assembled or rendered. */
  siteReused?: boolean;
  /** Of the whole site's files, how many were read and hashed first; the others' stamps were as recorded (build/site-cache.ts). */
  siteFilesChecked?: number;
  /**
   * Entries found corrupt, truncated, or under this build's key but written by other build code, and made again.
   * A cache simply left by other build code (a template or Lysark changed) is not counted.
   */
  unsound?: number;
}

export interface BuildCode {
  content: string;
  pages: string;
}

/** Every file under `dir`, sorted, with paths relative to `base`; a missing folder has none. */
function filesUnder(dir: string, base: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(full, base));
    else if (entry.isFile()) files.push(path.relative(base, full));
  }
  return files;
}

/** Adds each file's name and bytes (or that it is missing) to `hash`. */
function addFiles(hash: Hash, base: string, files: readonly string[]): void {
  for (const file of files) {
    hash.update(`\0${file}\0`);
    try {
      hash.update(readFileSync(path.join(base, file)));
    } catch {
      hash.update("\0missing\0");
    }
  }
}

/** The registries and every publisher's metadata file under `contentDir`. */
function contentCodeFiles(contentDir: string): string[] {
  const files = filesUnder(path.join(contentDir, REGISTRY_DIR), contentDir);
  let entries: Dirent[];
  try {
    entries = readdirSync(contentDir, { withFileTypes: true });
  } catch {
    return files;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name !== REGISTRY_DIR && !entry.name.startsWith(".") && !entry.isFile()) files.push(path.join(entry.name, PUBLISHER_FILE));
  }
  return files;
}

/** The build code of the project at `root` (its content/ and site.config.json), built by the copy of Lysark at `packageRoot`. */
export function buildCode(root: string, packageRoot = PACKAGE_ROOT): BuildCode {
  const contentDir = path.join(root, "content");
  const content = createHash("sha256").update(`lysark-cache-${CACHE_FORMAT}\0`);
  let contentRoot = contentDir;
  try {
    contentRoot = realpathSync(contentDir);
  } catch {
    // A missing content folder fails validation; the key only has to be stable.
  }
  content.update(`${path.resolve(root)}\0${contentRoot}\0`);
  addFiles(content, packageRoot, [...filesUnder(path.join(packageRoot, "scripts"), packageRoot), "package-lock.json"]);
  addFiles(content, contentDir, contentCodeFiles(contentDir));
  const contentHash = content.digest("hex");

  const pages = createHash("sha256").update(`${contentHash}\0`);
  addFiles(pages, packageRoot, [
    ...["layouts", "assets"].flatMap((dir) => filesUnder(path.join(packageRoot, dir), packageRoot)),
    ...filesUnder(path.join(packageRoot, "docs"), packageRoot).filter((file) => GUIDE_SOURCE.test(path.basename(file))),
  ]);
  addFiles(pages, root, ["site.config.json"]);
  return { content: contentHash, pages: pages.digest("hex") };
}

/**
 * The folder a build writes to is replaced whole: what it holds is moved aside, then removed by the next build (at
 * once with --no-cache). So `npm run build -- --output .` replaced the project with its site, and the next build
 * removed the project; `--output ~/Documents` would have removed the documents. A build now refuses, before it
 * starts, an output that is the project or holds it, holds Lysark, lies inside what the build reads, or already
 * holds anything a site Lysark writes does not have.
 */
import { accessSync, constants, lstatSync, readdirSync, readlinkSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { LYSARK_ROOT } from "../content/bundles.mjs";
import { inside } from "../content/safe-path.ts";
import { IMAGE_URL_PATH } from "../images/images.ts";
import { LOCALES, UI_LOCALES } from "../i18n/locales.ts";
import { t } from "../i18n/strings.ts";
import { SITEMAP_PART } from "../publish/feeds.ts";
import { isSearchOutput } from "../search/records.ts";
import { SEARCH_FOLDER } from "./plan.ts";

/** Thrown by the build for an output folder it may not replace. */
export class OutputFolderError extends Error {
  override name = "OutputFolderError";
}

/** Files a file manager leaves in any folder it shows; a site that has them is still only a site. */
const FILE_MANAGER_LITTER = new Set([".DS_Store", "Thumbs.db", "desktop.ini"]);

/** The route keys whose translated segment starts a URL of the default locale's pages (i18n/routes.ts). */
const ROUTE_SEGMENTS = ["documents", "embed", "publishers", "topics", "types", "years", "search", "keyFigures", "accessibility", "guide"];

/**
 * Every name a site Lysark writes (whole, a slice or merged) may have at its top: the default locale's route
 * segments, the other locales' prefixes, the assets, images, cards and search index, and the single files (and the
 * sitemap's parts, SITEMAP_PART, on a site too large for one). A test holds the built sites to it
 * (tests/build/output-plan.test.ts).
 */
export function siteTopLevelNames(): ReadonlySet<string> {
  const names = new Set(["index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "_headers", "_redirects", "assets", "social"]);
  for (const folder of [IMAGE_URL_PATH, SEARCH_FOLDER]) names.add(folder.split("/")[1]!);
  for (const locale of UI_LOCALES) {
    const { prefix } = LOCALES[locale];
    if (prefix) names.add(prefix.split("/")[1]!);
    else for (const key of ROUTE_SEGMENTS) names.add(t(locale, `path.${key}`));
  }
  return names;
}

/**
 * Where the link at `file` leads when that is not there yet (`_site → /var/www/site` before the first deploy), followed
 * link by link; `file` itself when it is no such link. Its rename would have put the site in place of the link.
 */
function danglingTarget(file: string): string {
  let current = file;
  for (let hops = 0; hops < 40; hops++) {
    try {
      if (!lstatSync(current).isSymbolicLink()) return current;
      realpathSync(current);
      return current;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") return current;
      try {
        current = path.resolve(path.dirname(current), readlinkSync(current));
      } catch {
        // Not there at all: nothing to follow.
        return current;
      }
    }
  }
  return current;
}

/** The path with symbolic links resolved as far as it exists: a link to the project is the project. */
export function resolvedPath(file: string): string {
  const rest: string[] = [];
  let current = danglingTarget(path.resolve(file));
  for (;;) {
    try {
      return path.join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.resolve(file);
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** Whether `code` says this user may not write there: permissions, an immutable folder, a read-only file system. */
const isWriteDenied = (code: string | undefined) => code === "EACCES" || code === "EPERM" || code === "EROFS";

/**
 * Why the build cannot make its staging folder beside its output folder in `folder` (the folder above it, or the
 * nearest one that exists), given the error code of the attempt or of a look ahead; undefined for a code that says
 * nothing about it. It reads after the output's name and a colon.
 */
export function surroundingProblem(folder: string, code: string | undefined): string | undefined {
  // A web server's folder linked as _site (_site → /var/www/site) whose parent only the server's user may write.
  if (isWriteDenied(code))
    return `the build may not write in ${folder} (${code}), which holds it. A build writes the new site beside its output folder and then swaps it in whole, so that folder must be writable as well. Make ${folder} writable for this user, or build into a folder of your own with --output and copy the site from there.`;
  if (code === "ENOTDIR" || code === "EEXIST") return `${folder} is a file, not a folder, so the output folder cannot be made in it. Choose another --output.`;
  return undefined;
}

/** `file` if it is there, else the nearest path above it that is (a file in the way included). */
export function nearestExisting(file: string): string {
  let current = file;
  for (;;) {
    try {
      statSync(current);
      return current;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const up = path.dirname(current);
      // ENOTDIR: a file further up is in the way; it is the one to name.
      if ((code !== "ENOENT" && code !== "ENOTDIR") || up === current) return current;
      current = up;
    }
  }
}

/**
 * Whether this user may make files in `folder`, or, while it is not there, in the nearest folder above it that is
 * (a build makes the rest, as mkdir -p would): that folder, and the error code a write there would meet. Looks
 * without writing anything; the output's look ahead and the build cache's (./write-errors.ts) share it.
 */
export function writeAccess(folder: string): { folder: string; code: string | undefined } {
  const found = nearestExisting(folder);
  try {
    if (!statSync(found).isDirectory()) return { folder: found, code: "ENOTDIR" };
    accessSync(found, constants.W_OK);
    return { folder: found, code: undefined };
  } catch (error) {
    // Missing after all (a dangling link at the top), the build's own write will say so.
    const code = (error as NodeJS.ErrnoException).code;
    return { folder: found, code: code === "ENOENT" ? undefined : code };
  }
}

export interface OutputFolderOptions {
  /**
   * `npm start`: the site is written into the folder itself, and every file there the site does not have is removed
   * (../editor/dev-site.ts), so the folder itself must be writable. A build writes a new site beside it and swaps.
   */
  inPlace?: boolean;
  /** Lysark's own folder (its layouts, assets and scripts), which no output may hold. */
  lysark?: string;
}

/**
 * What makes `output` unfit to be replaced by the site of the project at `root`, or undefined. `given`: the folder
 * came from --output, not the default _site/ (the message names it as the user gave it).
 */
export function outputFolderProblem(root: string, output: string, given: boolean, options: OutputFolderOptions = {}): string | undefined {
  const shown = inside(path.resolve(root), path.resolve(output)) ? path.relative(root, output) || "." : output;
  const label = given ? `--output ${shown}` : `${shown}/`;
  const out = resolvedPath(output);
  const project = resolvedPath(root);
  const own = resolvedPath(options.lysark ?? LYSARK_ROOT);
  const fix = options.inPlace
    ? "Serve the site from a folder of its own, such as _site (the default), or another with npm start -- --output DIR."
    : "Build into a folder of its own, such as _site (the default).";
  const replaces = options.inPlace
    ? "npm start writes the site into its output folder and removes every other file there"
    : "A build replaces its output folder whole";
  if (inside(out, project))
    return `${label}: that is ${out === project ? "the project's own folder" : "a folder holding the project"}. ${replaces}, so it would remove the project. ${fix}`;
  if (inside(out, own)) return `${label}: that folder holds Lysark itself (${own}). ${replaces}, so it would remove Lysark. ${fix}`;
  const read = [
    ...["content", ".cache", ".git", "node_modules", "site.config.json"].map((name) => path.join(project, name)),
    ...["layouts", "assets", "docs", "scripts", "node_modules", ".git"].map((name) => path.join(own, name)),
  ];
  const input = read.find((folder) => inside(folder, out));
  if (input) {
    const named = inside(project, input) ? path.relative(project, input) : input;
    return `${label}: that is ${out === input ? "" : "inside "}${named}, which the build reads. ${fix}`;
  }
  if (options.inPlace) {
    const { folder, code } = writeAccess(out);
    if (isWriteDenied(code))
      return `${label}: npm start may not write in ${folder} (${code}). Make it writable for this user, or serve the site from a folder of your own: npm start -- --output DIR (with --no-cache as well in a checkout that stays read-only).`;
    // A file further up, in the way of the folders to be made (the output itself being a file is said below).
    if (code === "ENOTDIR" && folder !== out) return `${label}: ${surroundingProblem(folder, code)}`;
  } else {
    const { folder, code } = writeAccess(path.dirname(out));
    const around = surroundingProblem(folder, code);
    if (around) return `${label}: ${around}`;
  }
  let entries: string[];
  try {
    if (!statSync(out).isDirectory()) return `${label}: that is a file, not a folder. ${fix}`;
    entries = readdirSync(out);
  } catch {
    // Not there yet: the build makes it.
    return undefined;
  }
  const names = siteTopLevelNames();
  // The search index's slice folders (pagefind.slice-N) are a site's too: `npm start` stopped while it indexed leaves
  // them in _site/, and its next start, refused for them, could not replace them.
  const foreign = entries.filter((name) => !names.has(name) && !SITEMAP_PART.test(name) && !isSearchOutput(name) && !FILE_MANAGER_LITTER.has(name)).sort();
  if (!foreign.length) return undefined;
  const listed = foreign.slice(0, 3).join(", ") + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : "");
  return `${label}: that folder holds files a site Lysark writes does not have (${listed}). ${replaces}, so it would remove them. Build into a new or empty folder, or move them away first.`;
}

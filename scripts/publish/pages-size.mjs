/**
 * Whether a built site fits GitHub Pages, which publishes sites of at most 1 GB (docs/deployment.md, "Hosting
 * limits"). `node scripts/publish/pages-size.mjs _site` prints a GitHub Actions warning when it does not, with the
 * site's size, its number of files and what to change; the workflows run it after the build. Plain JavaScript, so it
 * runs without Lysark's bundles or tsx.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** GitHub Pages' limit on a published site (https://docs.github.com/en/pages/getting-started-with-github-pages/github-pages-limits). */
export const GITHUB_PAGES_BYTES = 1_000_000_000;

/** The files under `dir` and their bytes, as a host counts them: every file once, symbolic links not followed. */
export function siteSize(dir) {
  let files = 0;
  let bytes = 0;
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile()) {
        files++;
        bytes += statSync(file).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

/** Bytes in gigabytes, as GitHub states its limit: "1", "1.09". */
const gb = (bytes) => String(Number((bytes / 1e9).toFixed(2)));
/** "1 file", "65,689 files". */
const filesCount = (files) => `${files.toLocaleString("en")} file${files === 1 ? "" : "s"}`;

/** The warning for a site of `size` that GitHub Pages may refuse, as a GitHub Actions annotation; undefined when it fits. */
export function pagesSizeWarning(size, label = "_site", limit = GITHUB_PAGES_BYTES) {
  if (size.bytes <= limit) return undefined;
  return (
    `::warning title=Too large for GitHub Pages::${label} is ${gb(size.bytes)} GB in ${filesCount(size.files)}; GitHub Pages ` +
    `publishes sites of at most ${gb(limit)} GB, so publishing it may fail. One social card for the site instead of one a document ` +
    `("socialCards": "site" in site.config.json) saves about 45 KB a document; docs/deployment.md ("Hosting limits") says what each host allows.`
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node scripts/publish/pages-size.mjs <site folder>");
    process.exit(2);
  }
  let size;
  try {
    size = siteSize(dir);
  } catch (error) {
    console.error(`Cannot measure ${dir} (${error.code ?? error.message}): build the site first (npm run build).`);
    process.exit(1);
  }
  const warning = pagesSizeWarning(size, dir);
  console.log(warning ?? `${dir} is ${gb(size.bytes)} GB in ${filesCount(size.files)}: within GitHub Pages' ${gb(GITHUB_PAGES_BYTES)} GB.`);
}

/**
 * `npm start`: builds the site into _site/, serves it with live reload, and
 * after each save renders only what the change needs (scripts/editor/dev-site.ts):
 * one edited document re-renders just its own pages. Content problems are
 * printed and shown in a banner on every page, and the server keeps running;
 * fix the file and the site rebuilds.
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { watch } from "@11ty/chokidar-with-glob-support";
import EleventyDevServer from "@11ty/eleventy-dev-server";
import { outputFolderProblem, resolvedPath } from "../build/output-folder.ts";
import { cacheNotWritableMessage, diskFullMessage } from "../build/write-errors.ts";
import { basePathOf } from "../content/base-path.ts";
import { projectFolderProblem } from "../content/project-folder.ts";
import { loadSiteConfig } from "../content/site-config.ts";
import { commandOptions, USAGE_ERROR } from "../editor/cli-args.ts";
import { UI_LOCALES } from "../i18n/locales.ts";
import { t } from "../i18n/strings.ts";
import { DevSite, type DevUpdate } from "../editor/dev-site.ts";
import { BAD_REQUEST_TARGET, refuseUnservablePaths, servableTarget } from "../editor/request-path.ts";
import { reportProblems } from "./report.ts";

const SERVE_HELP = `Usage: npm start [-- --port N] [--output DIR] [--no-cache]

Builds the site into _site/ and serves it with live reload; each save re-renders only what it changed.
Content problems are printed and shown in a banner on every page, and the server keeps running.

  --port N       the port to serve on (default: $PORT, or 8080; the next free one if it is taken)
  --output DIR   write the site into DIR instead of _site/ (it must hold nothing but a site, as for npm run build)
  --no-cache     read and write nothing in .cache/lysark/: cards and images are made afresh
                 (a checkout that stays read-only is served with --no-cache --output DIR)
  -h, --help     this help`;

const options = commandOptions(
  "start",
  process.argv.slice(2),
  { port: { type: "string" }, output: { type: "string" }, "no-cache": { type: "boolean" } },
  SERVE_HELP,
);
const portText = String(options.port ?? process.env.PORT ?? 8080);
const port = Number(portText);
if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
  console.error(
    `start: the port must be a whole number from 1 to 65535 (got ${JSON.stringify(portText)}${options.port === undefined ? " from PORT" : ""}).\n\n${SERVE_HELP}`,
  );
  process.exit(USAGE_ERROR);
}
const root = process.cwd();
const notAProject = projectFolderProblem(root);
if (notAProject) {
  console.error(`[lysark] ${notAProject}`);
  process.exit(1);
}
/** Lysark's own folder, holding layouts/, assets/ and docs/. */
const packageRoot = fileURLToPath(new URL("../../", import.meta.url));
const outputGiven = typeof options.output === "string";
const output = path.resolve(root, outputGiven ? String(options.output) : "_site");
// The server writes the site into the folder and removes every other file there: it refuses what a build refuses to
// replace (the project, what it reads, a folder holding other files, such as a CNAME in _site/), and a folder it may not write.
// The dev server decodes the path of each file it serves, the folder's own path included: a "%" there ended it on its
// first request (URIError).
const unfit =
  outputFolderProblem(root, output, outputGiven, { inPlace: true }) ??
  (output.includes("%") ? `--output ${output}: the dev server cannot serve a folder whose path holds "%". Choose a folder without it.` : undefined);
if (unfit) {
  console.error(`[lysark] ${unfit}`);
  process.exit(1);
}
// _site as a link to a folder not made yet (_site → /var/www/site): every write under it failed with ENOENT, and the
// server served nothing. The folder is made where the link leads; any other problem is the first write's to report.
try {
  mkdirSync(resolvedPath(output), { recursive: true });
} catch {}
const say = (message: string) => console.log(`[lysark] ${message}`);

const site = new DevSite(
  root,
  output,
  {
    problems: (problems) => reportProblems(problems),
    info: say,
    // Related lists that caught up after an edit: their pages reload like the edit's own.
    written: (files) => server.reload({ files: files.map((file) => path.relative(output, file)) }),
  },
  { cache: options["no-cache"] !== true },
);

function report(update: DevUpdate, what: string): void {
  const seconds = (update.ms / 1000).toFixed(2);
  if (update.kind === "none") say(`No page changed (${what}; ${seconds} seconds)`);
  else {
    const scope = update.kind === "site" ? `whole site${update.unchanged ? `, ${update.unchanged} files as they were` : ""}` : "changed documents only";
    say(`Wrote ${update.files.length} files in ${seconds} seconds (${scope}; ${what})`);
  }
}

// A full disk or a build cache it may not write is said as the build says it; the server keeps running either way.
const problemWriting = (error: unknown) =>
  console.error(
    `[lysark] Problem writing the site: ${diskFullMessage(error, root, output) ?? cacheNotWritableMessage(error, root) ?? (error as Error).message}`,
  );

// The site is served under the base path of site.config.json's url, as it will be published
// (http://localhost:8080/lysark/ for https://example.github.io/lysark/); / redirects there.
// The server keeps the base it started with: a changed path in url needs a restart.
const startBase = basePathOf(loadSiteConfig(root).config?.url ?? "http://localhost/");
const server = EleventyDevServer.getServer("lysark", output, {
  port,
  pathPrefix: `${startBase}/`,
  domDiff: false,
  // Said once the port is open (it may be a later one if the asked-for port was taken): tests wait for this line.
  messageOnStart: ({ localhostUrl }) => `Serving the site at ${localhostUrl}`,
  logger: { info: say, log: say, error: (message: string) => console.error(`[lysark] ${message}`) },
  middleware: [refuseUnservablePaths],
  onRequest: {
    "/_lysark/problems": ({ url }: { url: URL }) => ({
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
      body: site.problemsHtml(url.searchParams.get("locale") ?? ""),
    }),
    // Until the first build is written into a folder that held no site, every page says so (the server's own
    // files, its reload script, pass), and its script asks each second whether the build is written.
    "/_lysark/first-build": () => ({
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
      body: JSON.stringify({ building: firstBuild }),
    }),
    [BAD_REQUEST_TARGET]: () => ({
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      body: "400 Bad Request: the request target is not a path.\n",
    }),
    "/_lysark/first-build.js": () => ({ headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" }, body: FIRST_BUILD_SCRIPT }),
    "/*": ({ url }: { url: URL }) => (firstBuild && !lastSite && !url.pathname.includes("/.11ty/") ? BUILDING_PAGE : undefined),
  },
});

/**
 * Answered while the first build runs in a folder that held no site yet, in each UI language. The dev server adds
 * its reload script, which loads the page again when the build is written; the page's own script asks each second
 * as well, for a page whose connection came after that. Not a <meta> refresh: a page that reloads itself on a timer
 * fails WCAG (axe's meta-refresh). Status 200: to any other, the dev server adds a policy that allows no script but
 * its own.
 */
const BUILDING_PAGE = {
  headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  body: `<!doctype html>
<html lang="${UI_LOCALES[0]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${t(UI_LOCALES[0], "dev.buildingTitle")}</title>
<script src="${startBase}/_lysark/first-build.js" defer></script></head>
<body><main><h1>${t(UI_LOCALES[0], "dev.buildingTitle")}</h1>
${UI_LOCALES.map((locale) => `<p lang="${locale}">${t(locale, "dev.building")}</p>`).join("\n")}</main></body></html>
`,
};

/** The building page's script: loads the page again once the first build is written. */
const FIRST_BUILD_SCRIPT = `const ask = async () => {
  try {
    const answer = await fetch(${JSON.stringify(`${startBase}/_lysark/first-build`)}, { cache: "no-store" });
    if (!(await answer.json()).building) return location.reload();
  } catch {}
  setTimeout(ask, 1000);
};
setTimeout(ask, 1000);
`;

// Saves arrive in bursts (editors write a file in several steps): gather them, then update once.
const pending = new Set<string>();
let running: Promise<void> | undefined;
let timer: NodeJS.Timeout | undefined;

/** Editors' and tools' temporary files (sed's "sedAb12Cd", "notes.md~") are gone again by the time we look. */
const isTemporary = (file: string) => !existsSync(file) && !/\.(?:md|ya?ml|json|njk|css|js)$/.test(file);

async function flush(): Promise<void> {
  const files = [...pending].filter((file) => !isTemporary(file));
  pending.clear();
  if (files.length === 0) return;
  const assetsDir = path.join(packageRoot, "assets");
  try {
    if (files.every((file) => file.startsWith(assetsDir + path.sep))) {
      // CSS and scripts are copied as they are; the page reloads (CSS without a reload).
      const start = performance.now();
      for (const file of files.filter(existsSync)) {
        const target = path.join(output, "assets", path.relative(assetsDir, file));
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(file, target);
      }
      say(`Wrote ${files.length} files in ${((performance.now() - start) / 1000).toFixed(2)} seconds (assets copied)`);
      server.reloadFiles(files.map((file) => path.join("assets", path.relative(assetsDir, file))));
      return;
    }
    const update = await site.update(files);
    const base = basePathOf(loadSiteConfig(root).config?.url ?? "http://localhost/");
    if (base !== startBase)
      say(`The path of url in site.config.json changed (${startBase || "/"} → ${base || "/"}): restart npm start to serve the site there.`);
    report(update, files.map((file) => path.relative(root, file)).join(", "));
    server.reload({ files: update.files.map((file) => path.relative(output, file)) });
  } catch (error) {
    // A broken template or site.config.json must not stop the server: say what failed and wait for the next save.
    problemWriting(error);
  }
}

function changed(file: string): void {
  pending.add(file);
  clearTimeout(timer);
  timer = setTimeout(() => {
    running = (running ?? Promise.resolve()).then(flush);
  }, 60);
}

// chokidar, not fs.watch: Node's recursive fs.watch on Linux loses a file that an editor saves by renaming a new copy over it.
// Started before the first build, so a save made while it runs is not missed.
const watched = [
  ...new Set([path.join(root, "content"), ...["layouts", "assets", "docs"].map((dir) => path.join(packageRoot, dir)), path.join(root, "site.config.json")]),
];
// Symbolic links are not followed: one in content/ that leads out (the check refuses it) made the watcher walk and
// watch its target, the whole disk for a link to / (2.7 GB and no answer for a minute), and a link to its own folder
// looped. The link itself is watched, so adding, changing or removing it is still seen.
watch(watched, { ignoreInitial: true, ignored: ["**/.*", "**/.*/**"], followSymlinks: false })
  .on("all", (_event, file) => changed(path.resolve(root, file)))
  .on("error", (error) => console.error(`[lysark] Watching for changes failed: ${error.message}`))
  .on("ready", () => say(`Watching ${watched.map((file) => path.relative(root, file) || ".").join(", ")} for changes`));

// The server listens before the first build, which took 26.6 s at 5,000 documents, all that time without an
// answer to the browser: meanwhile it serves the site the folder holds (the last build's or the last npm start's),
// or BUILDING_PAGE, and every open page reloads once the first build is written. The documents are parsed with the
// event loop let run between them (DevSite's first update); the checks and the site model after that hold the thread
// (3.6 s at 5,000 documents).
// Before the dev server's own handler, which is the http server's first listener (its public `server`).
server.server.prependListener("request", (request) => {
  request.url = servableTarget(request.url ?? "", startBase);
});
const lastSite = existsSync(path.join(output, "index.html"));
let firstBuild = true;
server.serve(port);
await server.ready();
if (lastSite) say("Until the first build is written, the site already in the folder is served");
// Saves made while it runs (the server answers meanwhile) are rendered after it, as saves are after each other.
running = (running ?? Promise.resolve()).then(async () => {
  try {
    report(await site.update(), "first build");
  } catch (error) {
    // A broken site.config.json or template must not stop the server: the next save builds again.
    problemWriting(error);
  }
  firstBuild = false;
  server.reload({ files: [] });
});

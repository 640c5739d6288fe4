/**
 * A site published under a path (url "https://example.github.io/lysark/"):
 * the publishing fixture (a body image, attachments, paginated listings, key
 * figures, feeds) plus a body link to another document, built once. Every
 * file written is scanned for a site path that lacks the base: attributes in
 * HTML, url(...) in CSS, string literals in scripts, paths in XML, SVG, JSON,
 * CSV, BibTeX and text files, and every URL on the site's own host. The files stay where they are.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLinks } from "../../scripts/checks/links.ts";
import { doc, filesUnder, readOutput, removeProject } from "../helpers/fixture.ts";
import { buildPublishProject } from "../publish/helpers.ts";

const SITE_URL = "https://example.github.io/lysark";
const BASE = "/lysark";

const LINKING = doc(
  `
title: Lenker
type: report
publisher: testby
date: 2014-01-01
language: nb
`,
  "## Lenker\n\nSe [bildene](/dokumenter/testby/bilder-og-vedlegg/#slide-1) og [forsiden](/).\n",
);

let dir: string;
let site: string;
beforeAll(async () => {
  ({ dir } = await buildPublishProject({
    "site.config.json": JSON.stringify({ url: `${SITE_URL}/`, repository: "https://git.example.org/lysark/lysark", pageSize: 2 }),
    "content/testby/lenker.md": LINKING,
  }));
  site = path.join(dir, "_site");
});
afterAll(() => dir && removeProject(dir));

/** Root-relative URLs ("/x", not "//host") that do not start with the base path. */
const lacksBase = (url: string) => url.startsWith("/") && !url.startsWith("//") && url !== BASE && !url.startsWith(`${BASE}/`);

/** Site paths written in a file without the base, by the kind of file. */
function unbasedIn(file: string, text: string): string[] {
  const found: string[] = [];
  const ext = path.extname(file);
  if (ext === ".html") {
    for (const [, name, value] of text.matchAll(/\s([a-zA-Z-:]+)="([^"]*)"/g)) {
      const urls = /srcset$/i.test(name!) ? value!.split(",").map((candidate) => candidate.trim().split(/\s+/)[0]!) : value!.split(" ");
      for (const url of urls) if (lacksBase(url)) found.push(`${name}="${value}"`);
    }
  }
  if (ext === ".css" || ext === ".html") {
    for (const [, url] of text.matchAll(/url\(\s*["']?([^"')\s]+)/g)) if (lacksBase(url!)) found.push(`url(${url})`);
  }
  if (ext === ".js") {
    // A string literal holding a site path: "/x", '/x' or `/x`.
    for (const [literal, url] of text.matchAll(/["'`](\/[A-Za-z0-9_.][^"'`\s]*)/g)) if (lacksBase(url!)) found.push(literal);
  }
  if ([".xml", ".svg", ".json", ".csv", ".bib", ".txt"].includes(ext) || path.basename(file) === "_headers") {
    const data = path.basename(file) === "_headers" ? text.replace(/^#.*$/gm, "") : text; // its comments are prose
    for (const [, url] of data.matchAll(/(?:^|[\s"'>(=])(\/(?!>)[^\s"'<>)]*)/gm)) if (lacksBase(url!)) found.push(url!);
  }
  // Absolute URLs on the site's own host must be under the base too.
  for (const [url] of text.matchAll(/https:\/\/example\.github\.io[^\s"'<)\\]*/g)) if (!url.startsWith(`${SITE_URL}/`)) found.push(url);
  return found;
}

describe("the scan for site paths without the base", () => {
  it("finds one in every kind of file it reads", () => {
    expect(unbasedIn("a.html", '<img src="/lysark/a.png" srcset="/lysark/a.png 1x, /b.png 2x">')).toHaveLength(1);
    expect(unbasedIn("a.html", '<div data-bundles="/lysark/pagefind/ /pagefind-en/">')).toHaveLength(1);
    expect(unbasedIn("a.css", "a { background: url(/lysark/a.png) } b { background: url('/b.png') }")).toEqual(["url(/b.png)"]);
    expect(unbasedIn("a.js", 'fetch("/lysark/x"); fetch(`/_lysark/problems`); x.split("/")')).toEqual(["`/_lysark/problems"]);
    expect(unbasedIn("feed.xml", '<link href="https://example.github.io/dokumenter/a/"/>')).toHaveLength(1);
    expect(unbasedIn("_headers", "# a comment on /*\n/lysark/*\n  X: y\n/en/*\n")).toEqual(["/en/*"]);
    expect(unbasedIn("robots.txt", "Allow: /\n")).toEqual(["/"]);
  });
});

describe("a site whose url has a path", () => {
  it("keeps its files where they are: the host maps the base path to _site", () => {
    expect(existsSync(path.join(site, "lysark"))).toBe(false);
    for (const file of [
      "index.html",
      "en/index.html",
      "404.html",
      "dokumenter/testby/bilder-og-vedlegg/index.html",
      "assets/site.css",
      "pagefind/pagefind.js",
    ]) {
      expect(existsSync(path.join(site, file)), file).toBe(true);
    }
  });

  it("has no site path without the base in any HTML, XML, SVG, CSS, JS, JSON, CSV, BibTeX or text file", () => {
    const scanned: string[] = [];
    const unbased: string[] = [];
    for (const file of filesUnder(site)) {
      // Pagefind's own code names its default bundle, "/pagefind/"; the search page always passes its own (browser test).
      if (file.startsWith("pagefind/")) continue;
      if (!/\.(html|xml|svg|css|js|json|csv|bib|txt)$|(^|\/)_headers$/.test(file)) continue;
      scanned.push(file);
      for (const url of unbasedIn(file, readFileSync(path.join(site, file), "utf8"))) unbased.push(`${file}: ${url}`);
    }
    expect(unbased).toEqual([]);
    // The scan saw every kind of file it claims to.
    for (const kind of [/\.html$/, /\.xml$/, /\.svg$/, /\.css$/, /\.js$/, /\.json$/, /\.csv$/, /\.bib$/, /\.txt$/, /_headers$/])
      expect(
        scanned.some((file) => kind.test(file)),
        String(kind),
      ).toBe(true);
  });

  it("puts the base on links, images, srcset, attachments, pagination, scripts, feeds and the search bundle", () => {
    const deck = readOutput(dir, "dokumenter/testby/bilder-og-vedlegg/index.html");
    expect(deck).toContain(`<link rel="stylesheet" href="${BASE}/assets/site.css">`);
    expect(deck).toMatch(new RegExp(` src="${BASE}/media/[^"]+\\.png" width=`));
    expect(deck).toMatch(new RegExp(`srcset="${BASE}/media/[^" ]+ 480w, ${BASE}/media/`));
    expect(deck).toContain(`href="${BASE}/dokumenter/testby/bilder-og-vedlegg/rapport.pdf"`);
    expect(deck).toContain(`<script src="${BASE}/assets/present.js" defer></script>`);
    expect(deck).toContain(`<link rel="canonical" href="${SITE_URL}/dokumenter/testby/bilder-og-vedlegg/">`);
    expect(deck).toContain(`hreflang="en" lang="en"`);
    expect(deck).toMatch(new RegExp(`<a href="${BASE}/en/documents/testby/bilder-og-vedlegg/" hreflang="en"`));
    expect(deck).toMatch(new RegExp(`<meta property="og:image" content="${SITE_URL}/social/`));
    // A link the editor wrote from the site's root.
    expect(readOutput(dir, "dokumenter/testby/lenker/index.html")).toContain(`<a href="${BASE}/dokumenter/testby/bilder-og-vedlegg/#slide-1">bildene</a>`);
    expect(readOutput(dir, "tema/likestilling/index.html")).toContain(`<link rel="next" href="${BASE}/tema/likestilling/side/2/">`);
    const search = readOutput(dir, "sok/index.html");
    expect(search).toContain(`data-bundles="${BASE}/pagefind/"`);
    expect(search).toContain(`data-document-url="${BASE}/dokumenter/{publisher}/{slug}/"`);
    expect(search).toContain(`<script type="module" src="${BASE}/assets/search.js"></script>`);
    expect(readOutput(dir, "feed.xml")).toContain(`<link rel="self" type="application/atom+xml" href="${SITE_URL}/feed.xml"/>`);
    expect(readOutput(dir, "sitemap.xml")).toContain(`<loc>${SITE_URL}/dokumenter/testby/bilder-og-vedlegg/</loc>`);
    expect(readOutput(dir, "robots.txt")).toBe(`User-agent: *\nAllow: ${BASE}/\n\nSitemap: ${SITE_URL}/sitemap.xml\n`);
    expect(readOutput(dir, "_headers")).toMatch(new RegExp(`^${BASE}/dokumenter/\\*$`, "m"));
  });

  it("gives the 404 page links that work at any depth", () => {
    const notFound = readOutput(dir, "404.html");
    const links = [...notFound.matchAll(/\s(?:href|src)="([^"#][^"]*)"/g)].map((match) => match[1]!);
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) expect(link, link).toMatch(new RegExp(`^(${BASE}/|https?://)`));
  });

  it("passes the link check under the base path, and fails it at the root", () => {
    expect(checkLinks(site, SITE_URL)).toEqual([]);
    // Checked as if served at /, every link points into a /lysark/ folder that is not there.
    expect(checkLinks(site, "https://example.github.io").length).toBeGreaterThan(100);
  });
});

describe("the link check under a base path", () => {
  it("reports a link that leaves the base path, and resolves the ones under it", () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "lysark-links-"));
    try {
      mkdirSync(path.join(folder, "assets"));
      writeFileSync(path.join(folder, "assets", "site.css"), "");
      writeFileSync(
        path.join(folder, "index.html"),
        `<a href="/assets/site.css">stray</a> <a href="${BASE}/assets/site.css">ok</a> <a href="assets/site.css">relative</a> <a href="${SITE_URL}/">home</a> <a href="../x/">up and out</a>`,
      );
      expect(checkLinks(folder, SITE_URL)).toEqual([
        { page: `${BASE}/index.html`, href: "/assets/site.css", reason: `outside the site's base path ${BASE}/` },
        { page: `${BASE}/index.html`, href: "../x/", reason: `outside the site's base path ${BASE}/` },
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

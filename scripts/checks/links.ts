/**
 * Whole-site link check on built output: every internal link, stylesheet,
 * script and image must resolve to a file, and every #fragment to an id on
 * the target page. The folder is checked as it is published: under the base
 * path of `siteUrl` (content/base-path.ts), where a link that leaves the base
 * path (a stray "/assets/…" on a site at /lysark/) is broken.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { basePathOf } from "../content/base-path.ts";

export interface BrokenLink {
  page: string;
  href: string;
  reason: string;
}

export function listFiles(dir: string, extension?: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!extension || entry.name.endsWith(extension)) files.push(full);
    }
  };
  walk(dir);
  return files.sort();
}

const ATTRIBUTE = /\s(?:href|src)="([^"]*)"/g;
const ID = /\sid="([^"]+)"/g;

function decode(value: string): string {
  return value
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

export function checkLinks(siteDir: string, siteUrl?: string): BrokenLink[] {
  const pages = listFiles(siteDir, ".html");
  const idCache = new Map<string, Set<string>>();
  const idsOf = (file: string): Set<string> => {
    let ids = idCache.get(file);
    if (!ids) {
      ids = new Set([...readFileSync(file, "utf8").matchAll(ID)].map((match) => decode(match[1]!)));
      idCache.set(file, ids);
    }
    return ids;
  };
  const resolveFile = (urlPath: string): string | undefined => {
    const candidate = path.join(siteDir, decodeURIComponent(urlPath));
    try {
      if (statSync(candidate).isDirectory()) {
        const index = path.join(candidate, "index.html");
        return statSync(index).isFile() ? index : undefined;
      }
      return candidate;
    } catch {
      return undefined;
    }
  };

  const base = siteUrl ? basePathOf(siteUrl) : "";
  const broken: BrokenLink[] = [];
  for (const page of pages) {
    const html = readFileSync(page, "utf8");
    const pageUrl = `${base}/${path.relative(siteDir, page).split(path.sep).join("/")}`;
    // Only the document's own links: <link rel=alternate/canonical> point at the public site.
    for (const match of html.matchAll(ATTRIBUTE)) {
      let href = decode(match[1]!);
      if (siteUrl && (href === siteUrl || /^[/?#]/.test(href.slice(siteUrl.length))) && href.startsWith(siteUrl)) {
        href = `${base}${href.slice(siteUrl.length) || "/"}`;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//")) continue;
      const url = new URL(href, `http://site${pageUrl}`);
      if (base && !url.pathname.startsWith(`${base}/`)) {
        broken.push({ page: pageUrl, href, reason: `outside the site's base path ${base}/` });
        continue;
      }
      const target = resolveFile(url.pathname.slice(base.length));
      if (!target) {
        broken.push({ page: pageUrl, href, reason: "no such file" });
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && target.endsWith(".html") && !idsOf(target).has(fragment)) {
        broken.push({ page: pageUrl, href, reason: `no element with id "${fragment}"` });
      }
    }
  }
  return broken;
}

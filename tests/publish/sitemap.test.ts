/**
 * The sitemap past the protocol's limits (scripts/publish/feeds.ts, sitemapFiles): one file while the pages fit,
 * else an index at /sitemap.xml and its parts, each within 50,000 addresses and 25 MiB. The limits are made small
 * here so that the fixture site needs parts.
 */
import { readFileSync, utimesSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SITEMAP_LIMITS, sitemapEntryBound, sitemapFiles, sitemapPieces, type SitemapFile } from "../../scripts/publish/feeds.ts";
import { pageRenderer } from "../../scripts/render/pages.ts";
import { loadSiteData, type SiteData } from "../../scripts/site/site-data.ts";
import { doc, makeProject, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";
import { expectWellFormedXml, SITE_URL } from "./helpers.ts";

// The longest document id the content limits allow (200 characters), so that the entry bound meets its hardest case.
const LONG_SLUG = `lang-${"a".repeat(195)}`;
const SITE = "https://lysark.test";

let dir: string;
let data: SiteData;
beforeEach(() => {
  dir = makeProject("site-basic", { [`content/testby/${LONG_SLUG}.md`]: doc(VALID_FRONT_MATTER) });
  // Outside git a page's last change is its file's; each document another day, so a part's newest is told from its oldest.
  const files = [`testby/${LONG_SLUG}.md`, "testby/likestilling-i-testby.md", "testby-sentrum/integrering-i-sentrum.md"];
  files.forEach((file, i) => {
    const day = new Date(Date.UTC(2019 + 2 * i, 4, 1 + i));
    utimesSync(path.join(dir, "content", file), day, day);
  });
  data = loadSiteData(dir);
});
afterEach(() => removeProject(dir));

const text = (file: SitemapFile) => [...sitemapPieces(data, file)].join("");
const entriesOf = (xml: string) => [...xml.matchAll(/ {2}<url>[\s\S]*?<\/url>\n/g)].map((match) => match[0]);
const bytes = (xml: string) => Buffer.byteLength(xml);

describe("the sitemap's files", () => {
  it("are /sitemap.xml alone while every page fits, as before", () => {
    const files = sitemapFiles(data);
    expect(files).toEqual([{ file: "/sitemap.xml", from: 0, to: expect.any(Number) }]);
    const whole = text(files[0]!);
    expectWellFormedXml(whole);
    expect(whole).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset /);
    expect(entriesOf(whole)).toHaveLength((files[0] as { to: number }).to);
    expect(whole).toContain(`<loc>${SITE}/dokumenter/testby/${LONG_SLUG}/</loc>`);
  });

  it("are an index and its parts past the limit on addresses, every page once, in order", () => {
    const whole = entriesOf(text(sitemapFiles(data)[0]!));
    const files = sitemapFiles(data, { urls: 7, bytes: SITEMAP_LIMITS.bytes });
    const parts = files.slice(1);
    expect(parts.length).toBe(Math.ceil(whole.length / 7));
    expect(files[0]).toEqual({ file: "/sitemap.xml", parts });
    expect(parts.map((part) => part.file)).toEqual(parts.map((_, k) => `/sitemap-${k + 1}.xml`));
    const index = text(files[0]!);
    expectWellFormedXml(index);
    // Each part with the newest date of its pages, where any of them has one.
    const newest = (part: SitemapFile) =>
      [...text(part).matchAll(/<lastmod>([^<]+)<\/lastmod>/g)]
        .map((match) => match[1]!)
        .sort()
        .at(-1);
    expect(parts.filter((part) => newest(part)).length).toBeGreaterThan(0);
    // The first part holds every document, each changed on another day.
    expect(new Set([...text(parts[0]!).matchAll(/<lastmod>([^<]+)<\/lastmod>/g)].map((match) => match[1])).size).toBe(3);
    expect(parts.filter((part) => !newest(part)).length).toBeGreaterThan(0);
    expect(index).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${parts
        .map((part) => `  <sitemap>\n    <loc>${SITE}${part.file}</loc>\n${newest(part) ? `    <lastmod>${newest(part)}</lastmod>\n` : ""}  </sitemap>\n`)
        .join("")}</sitemapindex>\n`,
    );
    const listed = parts.flatMap((part) => {
      const xml = text(part);
      expectWellFormedXml(xml);
      expect(entriesOf(xml).length).toBeLessThanOrEqual(7);
      return entriesOf(xml);
    });
    expect(listed).toEqual(whole);
  });

  it("split at the limit on bytes exactly: a file of that size is whole, one byte less makes parts within it", () => {
    const whole = text(sitemapFiles(data)[0]!);
    expect(sitemapFiles(data, { urls: SITEMAP_LIMITS.urls, bytes: bytes(whole) })).toEqual(sitemapFiles(data));
    const limits = { urls: SITEMAP_LIMITS.urls, bytes: bytes(whole) - 1 };
    const parts = sitemapFiles(data, limits).slice(1);
    expect(parts.length).toBe(2);
    for (const part of parts) expect(bytes(text(part))).toBeLessThanOrEqual(limits.bytes);
    // Each part as full as the limit lets it be: the next entry would not have fitted.
    const first = text(parts[0]!);
    const next = entriesOf(text(parts[1]!))[0]!;
    expect(bytes(first) + bytes(next)).toBeGreaterThan(limits.bytes);
    // As small as a limit can be: the largest file of one entry. Every entry then has a part of its own or shares one.
    const count = entriesOf(whole).length;
    const single = Array.from({ length: count }, (_, i) => bytes(text({ file: "/sitemap-1.xml", from: i, to: i + 1 })));
    const tight = { urls: SITEMAP_LIMITS.urls, bytes: Math.max(...single) };
    const tightParts = sitemapFiles(data, tight).slice(1);
    expect(tightParts.length).toBeGreaterThan(2);
    for (const part of tightParts) expect(bytes(text(part))).toBeLessThanOrEqual(tight.bytes);
    // Below any entry's size (which 25 MiB never is) each entry still has a part, and no part is empty.
    expect(
      sitemapFiles(data, { urls: SITEMAP_LIMITS.urls, bytes: 10 })
        .slice(1)
        .map((part) => entriesOf(text(part)).length),
    ).toEqual(Array(count).fill(1));
  });

  it("are told to fit without making an entry only when no entry could be longer than the bound", () => {
    const bound = sitemapEntryBound(data);
    const entries = entriesOf(text(sitemapFiles(data)[0]!));
    expect(Math.max(...entries.map(bytes))).toBeLessThanOrEqual(bound);
    // The longest entry is the long document's, and the bound is not far above it.
    expect(bound).toBeLessThan(3 * Math.max(...entries.map(bytes)));
  });

  it("are written by the page table's sitemap kind, index and parts, at their paths", async () => {
    const out = path.join(dir, "out");
    const files = sitemapFiles(data, { urls: 10, bytes: SITEMAP_LIMITS.bytes });
    const written = await pageRenderer(data).write("sitemap", files, out);
    expect(written.map((file) => path.relative(out, file))).toEqual(files.map((file) => file.file.slice(1)));
    expect(readFileSync(path.join(out, "sitemap.xml"), "utf8")).toContain(`<loc>${SITE_URL}/sitemap-2.xml</loc>`);
    expect(readFileSync(path.join(out, "sitemap-1.xml"), "utf8")).toMatch(/^<\?xml[^>]*>\n<urlset /);
  });
});

/**
 * Every page comes from the page table through one renderer
 * (scripts/render/pages.ts), one page at a time and straight to disk. These
 * tests pin what that must keep: templates and filters, one file per page and
 * locale, and a plain Eleventy run with Lysark's plugin producing the site.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lysarkPlugin, type EleventyConfig } from "../../scripts/build/eleventy-plugin.ts";
import { filesUnder } from "../../scripts/content/files-under.ts";
import { documentDescription, pageFile, pageRenderer } from "../../scripts/render/pages.ts";
import { PAGE_TABLE } from "../../scripts/site/page-table.ts";
import { type DocumentPage, fullDocumentPage } from "../../scripts/site/model.ts";
import { loadSiteData } from "../../scripts/site/site-data.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";

let dir: string;
beforeEach(() => {
  dir = makeProject();
});
afterEach(() => removeProject(dir));

describe("the page renderer", () => {
  it("writes one complete page per document and locale, at the page's URL", async () => {
    const data = loadSiteData(dir);
    const out = path.join(dir, "out");
    const files = await pageRenderer(data).write("document", data.model.pages.document, out);
    expect(files.map((file) => path.relative(out, file)).sort()).toEqual([
      "dokumenter/testby-sentrum/integrering-i-sentrum/index.html",
      "dokumenter/testby/likestilling-i-testby/index.html",
      "en/documents/testby-sentrum/integrering-i-sentrum/index.html",
      "en/documents/testby/likestilling-i-testby/index.html",
    ]);
    const nb = readFileSync(path.join(out, "dokumenter/testby/likestilling-i-testby/index.html"), "utf8");
    expect(nb).toMatch(/^<!DOCTYPE html>\n<html lang="nb">/);
    expect(nb).toContain("<title>Likestilling i Testby – Lysark</title>");
    expect(nb).toContain('<meta name="description" content="En kort presentasjon.">');
    expect(nb).toContain('<h1 id="doc-title" lang="nb">Likestilling i Testby</h1>');
    // One figure states its reference date, so the table has the column; the other reads as on every other page, not blank.
    expect([...nb.matchAll(/<td role="cell" data-label="Per">(.*?)<\/td>/g)].map((match) => match[1])).toEqual([
      '<time class="kf-date" datetime="2011-03-15">15. mars 2011</time> <span class="kf-note">(dokumentets dato)</span>',
      '<time class="kf-date" datetime="2011-01-01">1. januar 2011</time>',
    ]);
    // Filters from scripts/render/filters.ts: translations, routes, OpenGraph locale, JSON-LD.
    expect(nb).toContain('<meta property="og:locale" content="nb_NO">');
    expect(nb).toContain('<script type="application/ld+json">');
    expect(nb).toContain('<a href="/tema/">');
    const en = readFileSync(path.join(out, "en/documents/testby/likestilling-i-testby/index.html"), "utf8");
    expect(en).toContain('<h1 id="doc-title" lang="en">Gender equality in Testby</h1>');
    expect(en).toContain('<a href="/en/topics/">');
    // A title in another language than the page is marked so in the breadcrumb as in the heading.
    expect(en).toContain('<li><span aria-current="page">Gender equality in Testby</span></li>');
    const swedish = pageRenderer(data).render("document", { ...fullDocumentPage(data.model.pages.document[0]!), titleLang: "sv" });
    expect(swedish).toContain('<h1 id="doc-title" lang="sv">');
    expect(swedish).toMatch(/<li><span aria-current="page" lang="sv">[^<]+<\/span><\/li>/);
  });

  it("escapes the description once, and falls back to the title without a summary", () => {
    const data = loadSiteData(dir);
    // Made whole first: a model's document page has its links and publishing data on its class, which a spread leaves out.
    const page = fullDocumentPage(data.model.pages.document[0]!);
    const withSummary: DocumentPage = {
      ...page,
      view: { ...page.view, doc: { ...page.view.doc, meta: { ...page.view.doc.meta, summary: 'Tall & "fakta"' } } },
    };
    const html = pageRenderer(data).render("document", withSummary);
    expect(html).toContain('<meta name="description" content="Tall &amp; &quot;fakta&quot;">');
    expect(documentDescription({ ...page, view: { ...page.view, doc: { ...page.view.doc, meta: { ...page.view.doc.meta, summary: undefined } } } })).toBe(
      page.title,
    );
  });

  it("writes every page of the page table, listings paginated, with their page navigation", async () => {
    writeFileSync(path.join(dir, "site.config.json"), JSON.stringify({ url: "https://lysark.test", pageSize: 1 }));
    const data = loadSiteData(dir);
    const out = path.join(dir, "out");
    const renderer = pageRenderer(data);
    const files = await renderer.writeAll(out);
    // The time spent on each kind, for the bench's growth run (bench/growth.ts).
    expect([...renderer.kindTimes.keys()].sort()).toEqual(PAGE_TABLE.map((kind) => kind.kind).sort());
    for (const ms of renderer.kindTimes.values()) expect(ms).toBeGreaterThanOrEqual(0);
    const expected = PAGE_TABLE.flatMap((kind) =>
      kind.pages(data).map((page) =>
        path
          .relative(out, path.join(out, kind.file(page)))
          .split(path.sep)
          .join("/"),
      ),
    );
    // Named as the caches and the output plan name files: relative, with forward slashes, each file written once.
    expect(filesUnder(out)).toEqual([...files].sort());
    expect(files.sort()).toEqual(expected.sort());
    expect(files).toContain("tema/likestilling/index.html");
    expect(files).toContain("en/publishers/testby/index.html");
    const years = data.model.pages.year.filter((page) => page.locale === "nb");
    expect(years.length).toBeGreaterThan(0);
    const paged = data.model.pages.publisher.find((page) => page.pagination?.next);
    expect(paged, "a publisher listing spread over pages (page size 1)").toBeDefined();
    const html = readFileSync(pageFile(out, paged!.url), "utf8");
    expect(html).toContain(`<link rel="next" href="${paged!.pagination!.next}">`);
    expect(existsSync(pageFile(out, paged!.pagination!.next!))).toBe(true);
  });

  it("maps a URL to its index.html", () => {
    expect(pageFile("/out", "/en/documents/a/b/")).toBe(path.join("/out", "en", "documents", "a", "b", "index.html"));
  });

  it("is what a plain Eleventy run with Lysark's plugin writes: the whole site", async () => {
    const out = path.join(dir, "eleventy-run");
    const lysark = lysarkPlugin({ root: dir });
    await new Eleventy(path.join(dir, "content"), out, {
      configPath: false,
      quietMode: true,
      config: (config: EleventyConfig) => {
        config.setTemplateFormats([]);
        lysark.configure(config);
      },
    }).write();
    expect(readFileSync(path.join(out, "dokumenter/testby/likestilling-i-testby/index.html"), "utf8")).toContain("Likestilling i Testby");
    for (const file of ["index.html", "en/index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "assets/site.css", "pagefind/pagefind.js"]) {
      expect(existsSync(path.join(out, file)), file).toBe(true);
    }
    // Eleventy rendered none of the content folder's files itself.
    expect(readdirSync(out).some((name) => name.endsWith(".md"))).toBe(false);
  });
});

/**
 * Atom feeds per locale, sitemap.xml with hreflang alternates, robots.txt,
 * and the 404 page per locale.
 */
import { describe, expect, it } from "vitest";
import { readOutput } from "../helpers/fixture.ts";
import { expectWellFormedXml, SITE_URL, useTwoPublishBuilds } from "./helpers.ts";

const builds = useTwoPublishBuilds();

const entries = (xml: string) => [...xml.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((m) => m[0]);

describe("Atom feeds", () => {
  it("exist per locale, are well-formed and list dated documents newest first", () => {
    const nb = readOutput(builds.dir, "feed.xml");
    expectWellFormedXml(nb);
    expect(nb).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nb">');
    expect(nb).toContain("<title>Lysark – nye dokumenter</title>");
    expect(nb).toContain(`<link rel="self" type="application/atom+xml" href="${SITE_URL}/feed.xml"/>`);
    const titles = entries(nb).map((entry) => /<title[^>]*>([^<]*)<\/title>/.exec(entry)![1]);
    expect(titles).toEqual([
      "Likestilling 2015",
      "Likestilling 2014",
      "Likestilling 2013",
      "Bilder og vedlegg",
      "Likestilling i Testby",
      "Integrering i sentrum &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;",
    ]);

    const en = readOutput(builds.dir, "en/feed.xml");
    expectWellFormedXml(en);
    expect(en).toContain(`<link rel="self" type="application/atom+xml" href="${SITE_URL}/en/feed.xml"/>`);
    expect(entries(en)[3]).toContain(`<link rel="alternate" type="text/html" href="${SITE_URL}/en/documents/testby/bilder-og-vedlegg/"/>`);
    expect(entries(en)[3]).toContain('<title xml:lang="en">Pictures and attachments</title>');
    expect(entries(en)[3]).toContain(`<category term="${SITE_URL}/en/topics/likestilling/" label="Gender equality"/>`);
  });

  it("tag a summary the feed writes (a document without its own) with the feed's language", () => {
    for (const [file, locale] of [
      ["feed.xml", "nb"],
      ["en/feed.xml", "en"],
    ] as const) {
      const made = [...readOutput(builds.dir, file).matchAll(/<summary xml:lang="([^"]+)">[^<]* · [^<]*<\/summary>/g)];
      expect(made.length, file).toBeGreaterThan(0);
      expect(new Set(made.map((match) => match[1])), file).toEqual(new Set([locale]));
    }
  });

  it("take their dates from the documents, never from the clock, the feed's as new as its newest entry", () => {
    const nb = readOutput(builds.dir, "feed.xml");
    // An entry is updated when its file last changed (git, else the file's time: these fixture files were written today).
    const entryDates = entries(nb).map((entry) => /<updated>([^<]+)<\/updated>/.exec(entry)![1]!);
    expect(/<feed[\s\S]*?<updated>([^<]+)<\/updated>/.exec(nb)![1]).toBe(entryDates.sort().at(-1));
    expect(entries(nb)[4]).toContain("<published>2011-03-15T00:00:00Z</published>");
    expect(entries(nb)[5]).toContain("<published>2010-01-01T00:00:00Z</published>");
    expect(readOutput(builds.again, "feed.xml")).toBe(nb);
    expect(readOutput(builds.again, "en/feed.xml")).toBe(readOutput(builds.dir, "en/feed.xml"));
  });

  it("are announced on every page and linked from the footer", () => {
    const html = readOutput(builds.dir, "en/index.html");
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Lysark – new documents" href="/en/feed.xml">');
    expect(html).toMatch(/<footer class="site-footer">[\s\S]*<a href="\/en\/feed.xml" type="application\/atom\+xml">News feed \(Atom\)<\/a>/);
  });
});

describe("sitemap.xml", () => {
  const sitemap = () => readOutput(builds.dir, "sitemap.xml");
  const urlEntry = (loc: string) =>
    [...sitemap().matchAll(/<url>[\s\S]*?<\/url>/g)].map((m) => m[0]).find((entry) => entry.includes(`<loc>${SITE_URL}${loc}</loc>`));

  it("is well-formed and lists every page in both locales with hreflang alternates", () => {
    expectWellFormedXml(sitemap());
    expect(sitemap()).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    const entry = urlEntry("/en/topics/likestilling/page/2/")!;
    expect(entry).toContain(`<xhtml:link rel="alternate" hreflang="nb" href="${SITE_URL}/tema/likestilling/side/2/"/>`);
    expect(entry).toContain(`<xhtml:link rel="alternate" hreflang="en" href="${SITE_URL}/en/topics/likestilling/page/2/"/>`);
    expect(entry).toContain(`<xhtml:link rel="alternate" hreflang="x-default" href="${SITE_URL}/tema/likestilling/side/2/"/>`);
    for (const loc of [
      "/",
      "/en/",
      "/dokumenter/testby/bilder-og-vedlegg/",
      "/en/documents/testby/bilder-og-vedlegg/",
      "/utgivere/",
      "/tilgjengelighet/",
      "/en/accessibility/",
      "/ar/2010/",
    ]) {
      expect(urlEntry(loc), loc).toBeDefined();
    }
  });

  it("leaves out the 404 pages and gives documents their last-updated date", () => {
    expect(sitemap()).not.toContain("404");
    expect(urlEntry("/dokumenter/testby/bilder-og-vedlegg/")).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}<\/lastmod>/);
    expect(readOutput(builds.again, "sitemap.xml")).toBe(sitemap());
  });
});

describe("robots.txt and 404 pages", () => {
  it("robots.txt allows everything and points at the sitemap", () => {
    expect(readOutput(builds.dir, "robots.txt")).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${SITE_URL}/sitemap.xml\n`);
  });

  it("has a 404 page per locale", () => {
    expect(readOutput(builds.dir, "404.html")).toMatch(/<html lang="nb">[\s\S]*<h1>Fant ikke siden<\/h1>/);
    expect(readOutput(builds.dir, "en/404.html")).toMatch(/<html lang="en">[\s\S]*<h1>[^<]+<\/h1>/);
    // A host serves it for every missing address: not indexed, and no canonical address or alternates of its own.
    for (const file of ["404.html", "en/404.html"]) {
      const html = readOutput(builds.dir, file);
      expect(html).toContain('<meta name="robots" content="noindex">');
      expect(html).not.toContain('rel="canonical"');
      expect(html).not.toContain(`<link rel="alternate" hreflang`);
    }
    const home = readOutput(builds.dir, "index.html");
    expect(home).not.toContain('name="robots"');
    expect(home).toContain('<link rel="canonical" href="https://lysark.test/">');
  });
});

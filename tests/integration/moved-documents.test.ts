/**
 * A moved document's old addresses (scripts/publish/moved.ts): a page at each, in both locales, and at its old embed
 * view, that sends the reader on at once, under the site's base path; not indexed, not in the sitemap or the search.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { checkLinks } from "../../scripts/checks/links.ts";
import { doc, makeProject, readOutput, removeProject } from "../helpers/fixture.ts";

const SITE_URL = "https://lysark.test/arkiv";
let dir: string;

beforeAll(async () => {
  dir = makeProject("site-basic", {
    "site.config.json": JSON.stringify({ url: `${SITE_URL}/` }),
    "content/testby/ny-adresse.md": doc(
      "title: Flyttet dokument\ntitleTranslations: { en: A moved document }\ntype: report\npublisher: testby\ndate: 2020-01-01\nlanguage: nb\nmovedFrom: [testby/gammel-adresse, nedlagt-utgiver/et-dokument]",
      "## Del\n\nTekst.\n",
    ),
  });
  const result = await build({ root: dir, cache: false });
  expect(result.problems.filter((problem) => problem.severity === "error")).toEqual([]);
  expect(result.ok).toBe(true);
}, 120_000);
afterAll(() => removeProject(dir));

/** The refresh's target, the robots line and the link a page at an old address has. */
function movedPage(file: string) {
  const html = readOutput(dir, file);
  return {
    refresh: /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(html)?.[1],
    robots: /<meta name="robots" content="([^"]+)">/.exec(html)?.[1],
    canonical: html.includes('rel="canonical"'),
    link: /<main[\s\S]*?<a href="([^"]+)" lang="([^"]+)">([^<]+)<\/a>/.exec(html)?.slice(1),
    title: /<h1>([^<]+)<\/h1>/.exec(html)?.[1],
    ogTitle: /<meta property="og:title" content="([^"]+)">/.exec(html)?.[1],
    ogUrl: /<meta property="og:url" content="([^"]+)">/.exec(html)?.[1],
  };
}

/** The tags a link preview and an oEmbed consumer read, which neither finds by following the refresh. */
function previewTags(file: string) {
  const html = readOutput(dir, file);
  const tags = [...html.matchAll(/<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)">/g)].map(([, name, content]) => [name, content]);
  const oembed = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)" title="([^"]+)">/.exec(html)?.slice(1);
  return { tags: Object.fromEntries(tags.filter(([name]) => /^og:(image|type|title|url)|^twitter:image/.test(name!))), oembed };
}

describe("a document with earlier addresses", () => {
  it("previews the document at each old address, with its card, and gives its oEmbed file to a site the old link is pasted into", () => {
    for (const [old, now] of [
      ["dokumenter/testby/gammel-adresse/index.html", "dokumenter/testby/ny-adresse/index.html"],
      ["en/documents/nedlagt-utgiver/et-dokument/index.html", "en/documents/testby/ny-adresse/index.html"],
    ]) {
      const document = previewTags(now!);
      expect(document.tags["og:image"]).toMatch(/\.png$/);
      expect(document.oembed?.[0]).toMatch(/\.json$/);
      expect(previewTags(old!), old).toEqual(document);
    }
  });

  it("has a page at each that sends the reader on to it, in each language", () => {
    expect(movedPage("dokumenter/testby/gammel-adresse/index.html")).toEqual({
      refresh: "/arkiv/dokumenter/testby/ny-adresse/",
      robots: "noindex",
      canonical: false,
      link: ["/arkiv/dokumenter/testby/ny-adresse/", "nb", "Flyttet dokument"],
      title: "Dokumentet har flyttet",
      // A link shared at the old address previews the document where it is now.
      ogTitle: "Flyttet dokument",
      ogUrl: `${SITE_URL}/dokumenter/testby/ny-adresse/`,
    });
    expect(movedPage("en/documents/nedlagt-utgiver/et-dokument/index.html")).toEqual({
      refresh: "/arkiv/en/documents/testby/ny-adresse/",
      robots: "noindex",
      canonical: false,
      link: ["/arkiv/en/documents/testby/ny-adresse/", "en", "A moved document"],
      title: "This document has moved",
      ogTitle: "A moved document",
      ogUrl: `${SITE_URL}/en/documents/testby/ny-adresse/`,
    });
  });

  it("sends an old embed view on to the new one, so an <iframe> on another site keeps working", () => {
    expect(movedPage("innebygd/testby/gammel-adresse/index.html").refresh).toBe("/arkiv/innebygd/testby/ny-adresse/");
    expect(movedPage("en/embed/nedlagt-utgiver/et-dokument/index.html").refresh).toBe("/arkiv/en/embed/testby/ny-adresse/");
  });

  it("keeps its old addresses out of the sitemap and the search index, and every link resolves", () => {
    const sitemap = readOutput(dir, "sitemap.xml");
    expect(sitemap).toContain(`<loc>${SITE_URL}/dokumenter/testby/ny-adresse/</loc>`);
    expect(sitemap).not.toContain("gammel-adresse");
    expect(sitemap).not.toContain("nedlagt-utgiver");
    const entry = JSON.parse(readFileSync(path.join(dir, "_site", "pagefind", "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0)).toBe(3);
    expect(checkLinks(path.join(dir, "_site"), SITE_URL)).toEqual([]);
  });

  it("gives Cloudflare Pages and Netlify a 301 from each old address, under the base path, to a page that exists", () => {
    const rules = readOutput(dir, "_redirects")
      .split("\n")
      .filter((line) => line && !line.startsWith("#"));
    expect(rules).toEqual([
      "/arkiv/dokumenter/testby/gammel-adresse/ /arkiv/dokumenter/testby/ny-adresse/ 301",
      "/arkiv/innebygd/testby/gammel-adresse/ /arkiv/innebygd/testby/ny-adresse/ 301",
      "/arkiv/dokumenter/nedlagt-utgiver/et-dokument/ /arkiv/dokumenter/testby/ny-adresse/ 301",
      "/arkiv/innebygd/nedlagt-utgiver/et-dokument/ /arkiv/innebygd/testby/ny-adresse/ 301",
      "/arkiv/en/documents/testby/gammel-adresse/ /arkiv/en/documents/testby/ny-adresse/ 301",
      "/arkiv/en/embed/testby/gammel-adresse/ /arkiv/en/embed/testby/ny-adresse/ 301",
      "/arkiv/en/documents/nedlagt-utgiver/et-dokument/ /arkiv/en/documents/testby/ny-adresse/ 301",
      "/arkiv/en/embed/nedlagt-utgiver/et-dokument/ /arkiv/en/embed/testby/ny-adresse/ 301",
    ]);
    for (const rule of rules) {
      const [from, to] = rule.split(" ");
      // The old page stays, for the hosts that do not read the file.
      expect(readOutput(dir, `${from!.slice("/arkiv/".length)}index.html`)).toContain('http-equiv="refresh"');
      expect(readOutput(dir, `${to!.slice("/arkiv/".length)}index.html`)).not.toContain('http-equiv="refresh"');
    }
  });

  it("has no page at an old address of a document that names none", () => {
    expect(() => readOutput(dir, "dokumenter/testby/ny-adresse/index.html")).not.toThrow();
    expect(readOutput(dir, "dokumenter/testby/ny-adresse/index.html")).not.toContain('http-equiv="refresh"');
  });
});

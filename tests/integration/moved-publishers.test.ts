/**
 * A publisher's `movedFrom` (scripts/content/moved.ts, scripts/publish/moved.ts): a district renamed twice, and a
 * neighbour merged into the city. At each old id the site keeps the publisher's page (sending the reader on) and its
 * feed (a feed reader follows no refresh), and a page at each of its documents' old addresses, unless a document
 * names that address itself; not indexed, not in the sitemap, and every link resolves, under the site's base path.
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
    "content/testby-sentrum/_publisher.yaml": `id: testby-sentrum
names: { nb: Bydel Sentrum, en: Sentrum district }
country: NO
kind: bydel
parent: testby
movedFrom: [sentrum, gamle-sentrum]
`,
    "content/testby/_publisher.yaml": `id: testby
names: { nb: Testby kommune, en: Testby municipality }
country: NO
kind: kommune
region: Testfylke
movedFrom: [nabo]
`,
    // Nabo's "likestilling-i-testby" was renamed as it moved: its own movedFrom says where it went.
    "content/testby/naboplan.md": doc(
      "title: Naboplan\ntype: plan\npublisher: testby\ndate: 2020-01-01\nlanguage: nb\nmovedFrom: [nabo/likestilling-i-testby]",
      "## Del\n\nTekst.\n",
    ),
  });
  const result = await build({ root: dir, cache: false });
  expect(result.problems).toEqual([]);
  expect(result.ok).toBe(true);
}, 120_000);
afterAll(() => removeProject(dir));

/** Where a page at an old address sends the reader, and what it says. */
function movedPage(file: string) {
  const html = readOutput(dir, file);
  return {
    refresh: /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(html)?.[1],
    robots: /<meta name="robots" content="([^"]+)">/.exec(html)?.[1],
    link: /<main[\s\S]*?<p>([^<]+)<a href="([^"]+)" lang="([^"]+)">([^<]+)<\/a>/.exec(html)?.slice(1),
    title: /<h1>([^<]+)<\/h1>/.exec(html)?.[1],
    ogTitle: /<meta property="og:title" content="([^"]+)">/.exec(html)?.[1],
    ogImage: /<meta property="og:image" content="([^"]+)">/.exec(html)?.[1],
  };
}

describe("a publisher with earlier ids", () => {
  it("has a page at each old publisher page, in each language, that sends the reader on", () => {
    expect(movedPage("utgivere/sentrum/index.html")).toEqual({
      refresh: "/arkiv/utgivere/testby-sentrum/",
      robots: "noindex",
      link: ["Det som var her, ligger nå under: ", "/arkiv/utgivere/testby-sentrum/", "nb", "Bydel Sentrum"],
      title: "Siden har flyttet",
      ogTitle: "Bydel Sentrum",
      ogImage: `${SITE_URL}/social/site-nb.png`,
    });
    expect(movedPage("en/publishers/gamle-sentrum/index.html")).toEqual({
      refresh: "/arkiv/en/publishers/testby-sentrum/",
      robots: "noindex",
      link: ["What was here is now under: ", "/arkiv/en/publishers/testby-sentrum/", "en", "Sentrum district"],
      title: "This page has moved",
      ogTitle: "Sentrum district",
      ogImage: `${SITE_URL}/social/site-en.png`,
    });
    expect(movedPage("utgivere/nabo/index.html").refresh).toBe("/arkiv/utgivere/testby/");
  });

  it("keeps its feed at each old address, the same feed, naming its new address as its own", () => {
    for (const [old, now] of [
      ["utgivere/sentrum/feed.xml", "utgivere/testby-sentrum/feed.xml"],
      ["en/publishers/gamle-sentrum/feed.xml", "en/publishers/testby-sentrum/feed.xml"],
      ["utgivere/nabo/feed.xml", "utgivere/testby/feed.xml"],
    ]) {
      const feed = readOutput(dir, now!);
      expect(readOutput(dir, old!)).toBe(feed);
      expect(feed).toContain(`<link rel="self" type="application/atom+xml" href="${SITE_URL}/${now}"/>`);
    }
  });

  it("has a page at each of its documents' old addresses, and a document's own movedFrom wins over its publisher's", () => {
    for (const old of ["sentrum", "gamle-sentrum"]) {
      expect(movedPage(`dokumenter/${old}/integrering-i-sentrum/index.html`).refresh).toBe("/arkiv/dokumenter/testby-sentrum/integrering-i-sentrum/");
      expect(movedPage(`en/embed/${old}/integrering-i-sentrum/index.html`).refresh).toBe("/arkiv/en/embed/testby-sentrum/integrering-i-sentrum/");
    }
    // "nabo/likestilling-i-testby" is Naboplan's own old address, not the address testby's document would have had.
    expect(movedPage("dokumenter/nabo/likestilling-i-testby/index.html").refresh).toBe("/arkiv/dokumenter/testby/naboplan/");
    expect(movedPage("en/documents/nabo/naboplan/index.html").refresh).toBe("/arkiv/en/documents/testby/naboplan/");
  });

  it("gives Cloudflare Pages and Netlify a 301 for each kind of old address, a document's own first", () => {
    const rules = readOutput(dir, "_redirects")
      .split("\n")
      .filter((line) => line && !line.startsWith("#"));
    // A document renamed as it moved first: the first rule that matches wins. Then one splat rule per old id, kind and
    // language, in place of a rule per document (Cloudflare reads 2,000 of those): the publisher's page and feed,
    // its documents and their embed views.
    const own = ["/dokumenter/", "/innebygd/", "/en/documents/", "/en/embed/"].map(
      (folder) => `/arkiv${folder}nabo/likestilling-i-testby/ /arkiv${folder}testby/naboplan/ 301`,
    );
    expect(rules.slice(0, 4)).toEqual(own);
    const splats = ["/utgivere/", "/dokumenter/", "/innebygd/", "/en/publishers/", "/en/documents/", "/en/embed/"].flatMap((folder) =>
      (
        [
          ["sentrum", "testby-sentrum"],
          ["gamle-sentrum", "testby-sentrum"],
          ["nabo", "testby"],
        ] as const
      ).map(([old, now]) => `/arkiv${folder}${old}/* /arkiv${folder}${now}/:splat 301`),
    );
    expect(rules.slice(4).sort()).toEqual(splats.sort());
  });

  it("keeps the old addresses out of the sitemap and the search index, and every link resolves", () => {
    const sitemap = readOutput(dir, "sitemap.xml");
    expect(sitemap).toContain(`<loc>${SITE_URL}/utgivere/testby-sentrum/</loc>`);
    for (const old of ["/sentrum/", "gamle-sentrum", "/nabo/"]) expect(sitemap).not.toContain(old);
    const entry = JSON.parse(readFileSync(path.join(dir, "_site", "pagefind", "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0)).toBe(3);
    expect(checkLinks(path.join(dir, "_site"), SITE_URL)).toEqual([]);
  });
});

/**
 * A merged municipality keeps its folder and names the publisher it became part of (`successor`): its page links
 * there, the successor's page names it, and the successor's listing, feed and search filter hold its documents,
 * which still name it as their publisher.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { checkLinks } from "../../scripts/checks/links.ts";
import { loadContent } from "../../scripts/content/load.ts";
import { buildSearchRecord, publisherChain, recordRegistries } from "../../scripts/search/records.ts";
import { documentView } from "../../scripts/site/document-view.ts";
import { doc, makeProject, readOutput, removeProject } from "../helpers/fixture.ts";

const SITE_URL = "https://lysark.test";
let dir: string;

beforeAll(async () => {
  dir = makeProject("site-basic", {
    "site.config.json": JSON.stringify({ url: SITE_URL }),
    "content/gamleby/_publisher.yaml": "id: gamleby\nnames: { nb: Gamleby kommune, en: Gamleby municipality }\ncountry: NO\nkind: kommune\nsuccessor: testby\n",
    "content/gamleby/budsjett-2015.md": doc("title: Budsjett 2015\ntype: report\npublisher: gamleby\ndate: 2015-01-01\nlanguage: nb", "## Del\n\nTekst.\n"),
  });
  const result = await build({ root: dir, cache: false });
  expect(result.problems).toEqual([]);
}, 120_000);
afterAll(() => removeProject(dir));

/** The terms and links of a publisher page's fact list. */
const facts = (file: string) => /<dl class="meta">([\s\S]*?)<\/dl>/.exec(readOutput(dir, file))![1]!.replace(/\s+/g, " ");

describe("a publisher merged into another", () => {
  it("links to the publisher it became part of, which names it, in each language", () => {
    expect(facts("utgivere/gamleby/index.html")).toContain('<dt>Nå en del av</dt><dd><a href="/utgivere/testby/">Testby kommune</a></dd>');
    expect(facts("en/publishers/testby/index.html")).toContain('<dt>Formed from</dt><dd><a href="/en/publishers/gamleby/">Gamleby municipality</a></dd>');
    expect(facts("utgivere/testby/index.html")).not.toContain("Nå en del av");
    // The list of publishers says so beside the merged one's name, and only there.
    const index = readOutput(dir, "en/publishers/index.html");
    expect(index).toMatch(
      /<a href="\/en\/publishers\/gamleby\/">Gamleby municipality<\/a> <span class="count">\([^)]*\)<\/span> <span class="index-note">· Now part of Testby municipality<\/span><\/li>/,
    );
    expect(index.match(/index-note/g)).toHaveLength(1);
  });

  it("has its documents listed by its successor, in the page and the feed, still as its own", () => {
    const listing = readOutput(dir, "utgivere/testby/index.html");
    expect(listing).toContain('href="/dokumenter/gamleby/budsjett-2015/"');
    expect(readOutput(dir, "utgivere/testby/feed.xml")).toContain(`<id>${SITE_URL}/dokumenter/gamleby/budsjett-2015/</id>`);
    expect(readOutput(dir, "dokumenter/gamleby/budsjett-2015/cite.bib")).toContain("Gamleby kommune");
    expect(readOutput(dir, "dokumenter/gamleby/budsjett-2015/cite.bib")).not.toContain("Testby kommune");
  });

  it("is found under its successor in the search, by filter and by name", () => {
    const { site } = loadContent(path.join(dir, "content"), { root: dir });
    const registries = recordRegistries(site);
    expect(publisherChain("gamleby", registries.publishersById).map((publisher) => publisher.id)).toEqual(["gamleby", "testby"]);
    const budget = site.documents.find((document) => document.slug === "budsjett-2015")!;
    const topicsById = new Map(site.topics.map((topic) => [topic.id, topic]));
    const record = buildSearchRecord(documentView(budget, registries.publishersById, topicsById), registries);
    expect(record.filters.publisher).toEqual(["gamleby", "testby"]);
    expect(JSON.stringify(record.head)).toContain("Testby kommune");
  });

  it("links only to pages that exist", () => {
    expect(checkLinks(path.join(dir, "_site"), SITE_URL)).toEqual([]);
  });
});

import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent, type SiteContent } from "../../scripts/content/load.ts";
import type { Topic } from "../../scripts/content/schema.ts";
import {
  buildSearchRecords,
  htmlToText,
  isSearchOutput,
  mentions,
  publisherChain,
  recordRegistries,
  languageAnchors,
  recordHtml,
  SEARCH_BUNDLE,
  searchBundleDir,
  searchSliceDir,
  searchStagingDirs,
  slideTopicLabels,
  stemmerLanguage,
  topicTerms,
  UNDATED,
  WEIGHTS,
  type SearchBlock,
  type SearchRecord,
} from "../../scripts/search/records.ts";
import { buildSearchPages, SCRIPT_STRINGS } from "../../scripts/search/page.ts";
import { buildSiteModel, type SiteModel } from "../../scripts/site/model.ts";
import { STRINGS } from "../../scripts/i18n/strings.ts";
import { doc, makeProject, removeProject, VALID_FRONT_MATTER, type FileChanges } from "../helpers/fixture.ts";
import { randomBelow } from "../helpers/random.ts";

const TOPICS_WITH_KEYWORDS = `- id: likestilling
  labels: { nb: Likestilling, en: Gender equality }
  keywords: { nb: [likeverd, heltid], en: [equal opportunities] }
- id: integrering
  labels: { nb: Integrering, en: Integration }
`;

function load(changes: FileChanges = {}): { dir: string; site: SiteContent; model: SiteModel; records: SearchRecord[] } {
  const dir = makeProject("site-basic", changes);
  const { site, problems } = loadContent(path.join(dir, "content"), { root: dir });
  expect(problems.filter((problem) => problem.severity === "error")).toEqual([]);
  const model = buildSiteModel(site);
  return { dir, site, model, records: buildSearchRecords(model.documents, recordRegistries(site)) };
}

const byId = (records: SearchRecord[], id: string): SearchRecord => {
  const record = records.find((candidate) => candidate.id === id);
  if (!record) throw new Error(`no record ${id} among ${records.map((r) => r.id).join(", ")}`);
  return record;
};

describe("search records of the fixture site", () => {
  let fixture: ReturnType<typeof load>;
  beforeAll(() => {
    fixture = load({ "content/_registries/topics.yaml": TOPICS_WITH_KEYWORDS });
  });
  afterAll(() => removeProject(fixture.dir));

  it("makes exactly one record per document, whatever the number of UI locales", () => {
    expect(fixture.records.map((record) => record.id).sort()).toEqual(fixture.model.documents.map((view) => view.id).sort());
    expect(fixture.records).toHaveLength(2);
  });

  it("keeps the body's language and the default locale's URL", () => {
    const nb = byId(fixture.records, "testby/likestilling-i-testby");
    const sv = byId(fixture.records, "testby-sentrum/integrering-i-sentrum");
    expect(nb.language).toBe("nb");
    expect(sv.language).toBe("sv");
    expect(nb.url).toBe("/dokumenter/testby/likestilling-i-testby/");
  });

  it("stores the original title, translations only where they exist, and no URLs in metadata", () => {
    const nb = byId(fixture.records, "testby/likestilling-i-testby");
    expect(nb.meta).toEqual({
      title: "Likestilling i Testby",
      title_en: "Gender equality in Testby",
      doc: "testby/likestilling-i-testby",
      publisher: "testby",
      date: "2011-03-15",
    });
    const sv = byId(fixture.records, "testby-sentrum/integrering-i-sentrum");
    expect(Object.keys(sv.meta).filter((key) => key.startsWith("title_"))).toEqual([]);
    for (const record of fixture.records) {
      for (const value of Object.values(record.meta)) expect(value).not.toMatch(/^\//);
    }
  });

  it("files a district's document under its city too, with topic, type, year and language", () => {
    const sv = byId(fixture.records, "testby-sentrum/integrering-i-sentrum");
    expect(sv.filters).toEqual({
      publisher: ["testby-sentrum", "testby"],
      topic: ["integrering"],
      type: ["report"],
      year: ["2010"],
      language: ["sv"],
    });
  });

  it("indexes topic labels in every UI language and the registry's keywords with the document", () => {
    const nb = byId(fixture.records, "testby/likestilling-i-testby");
    const text = nb.head.map((block) => block.text).join(" | ");
    for (const word of ["Likestilling", "Gender equality", "likeverd", "heltid", "equal opportunities"]) expect(text).toContain(word);
    const sv = byId(fixture.records, "testby-sentrum/integrering-i-sentrum");
    const svText = sv.head.map((block) => block.text).join(" | ");
    expect(svText).toContain("Integration");
    expect(svText).toContain("Integrering");
    expect(svText).not.toContain("Gender equality");
  });

  it("indexes its key figures' indicators in every UI language, and their scope, comparison and breakdown labels", () => {
    const figures = load({
      "content/testby/tall.md": doc(
        `${VALID_FRONT_MATTER}
keyFigures:
  - indicator: immigrant-share
    value: 19.2
    comparison: { value: 14.1, label: { nb: Landsgjennomsnittet, en: National average } }
    scope: Barne- og ungdomsavdelingen
  - indicator: inhabitants
    value: 980
    breakdown:
      - { label: Polen, labelTranslations: { en: Poland }, value: 310 }`,
        "## Tall\n\nTekst.\n",
      ),
    });
    try {
      // The source's own words in the document's language, then each UI language's labels and translations.
      const blocks = byId(figures.records, "testby/tall").head.filter((candidate) => candidate.weight === WEIGHTS.keyFigures);
      expect(blocks).toEqual([
        { text: "Barne- og ungdomsavdelingen · Polen", weight: WEIGHTS.keyFigures, terms: true },
        { text: "Andel innvandrere · Landsgjennomsnittet · Innbyggere", lang: "nb", weight: WEIGHTS.keyFigures, terms: true },
        { text: "Share of immigrants · National average · Inhabitants · Poland", lang: "en", weight: WEIGHTS.keyFigures, terms: true },
      ]);
      // A document without key figures gets no such block.
      const sv = byId(figures.records, "testby-sentrum/integrering-i-sentrum");
      expect(sv.head.map((candidate) => candidate.text).join(" | ")).not.toContain("Inhabitants");
    } finally {
      removeProject(figures.dir);
    }
  });

  it("indexes publisher names in every language, up the chain, a block per language", () => {
    const sv = byId(fixture.records, "testby-sentrum/integrering-i-sentrum");
    expect(sv.head.filter((block) => block.weight === WEIGHTS.publisher && block.text.includes("Testby"))).toEqual([
      { text: "Bydel Sentrum · Testby kommune", lang: "nb", weight: WEIGHTS.publisher, terms: true },
      { text: "Sentrum district · Testby municipality", lang: "en", weight: WEIGHTS.publisher, terms: true },
    ]);
  });

  it("gives each topic block the language of its labels and keywords", () => {
    const nb = byId(fixture.records, "testby/likestilling-i-testby");
    const topics = nb.head.filter((block) => block.weight === WEIGHTS.topics);
    expect(topics.map((block) => block.lang)).toEqual(["nb", "en"]);
    expect(topics[0]!.text).toContain("Likestilling");
    expect(topics[0]!.text).toContain("likeverd");
    expect(topics[1]!.text).toContain("Gender equality");
    expect(topics[1]!.text).toContain("equal opportunities");
  });

  it("ends the head with the registry words, after the document's own, an empty terms anchor before them", () => {
    const nb = byId(fixture.records, "testby/likestilling-i-testby");
    const firstTerms = nb.head.findIndex((block) => block.terms);
    expect(firstTerms).toBeGreaterThan(0);
    expect(nb.head.slice(firstTerms).every((block) => block.terms)).toBe(true);
    expect(nb.head.slice(0, firstTerms).map((block) => block.text)).toEqual(
      expect.arrayContaining(["Gender equality in Testby", "En kort presentasjon.", "Kari Nordmann, Rådgiver"]),
    );
    const html = recordHtml(nb);
    expect(html.split('<div id="terms"></div>')).toHaveLength(2);
    expect(html).toMatch(/<div id="terms"><\/div><p data-pagefind-weight="3">Likestilling · /);
  });

  it("indexes the translated title, summary, people and the preamble as text", () => {
    const nb = byId(fixture.records, "testby/likestilling-i-testby");
    const translated = nb.head.find((block) => block.text === "Gender equality in Testby");
    expect(translated?.lang).toBe("en");
    expect(nb.head.map((block) => block.text)).toEqual(expect.arrayContaining(["En kort presentasjon.", "Kari Nordmann, Rådgiver"]));
    const sv = byId(fixture.records, "testby-sentrum/integrering-i-sentrum");
    expect(sv.head.map((block) => block.text)).toContain("Inledning <b>fet</b>.");
  });

  it("keeps slide anchors as numbered in the document, skips empty slides and includes speaker notes", () => {
    const nb = byId(fixture.records, "testby/likestilling-i-testby");
    expect(nb.parts.map((part) => part.anchor)).toEqual(["slide-1", "slide-2", "slide-4"]);
    const second = nb.parts[1]!;
    expect(second.title).toBe("Nøkkeltall");
    expect(second.text).toContain("Testby har 4 900 innbyggere.");
    expect(second.text).toContain("Her er talernotatene.");
    expect(second.text).not.toMatch(/^Nøkkeltall/);
    const sv = byId(fixture.records, "testby-sentrum/integrering-i-sentrum");
    expect(sv.parts.map((part) => part.anchor)).toEqual(["section-1"]);
  });

  it("sorts undated documents last both ways and files them under an undated year", () => {
    const undated = load({
      "content/testby/likestilling-i-testby.md": readFixtureDoc().replace("date: 2011-03-15", "date: unknown"),
    });
    try {
      const record = byId(undated.records, "testby/likestilling-i-testby");
      expect(record.filters.year).toEqual([UNDATED]);
      expect(record.meta.date).toBeUndefined();
      const dated = byId(undated.records, "testby-sentrum/integrering-i-sentrum");
      expect(record.sort.newest! < dated.sort.newest!).toBe(true);
      expect(record.sort.oldest! > dated.sort.oldest!).toBe(true);
      expect(dated.sort).toEqual({ newest: "2010", oldest: "2010" });
    } finally {
      removeProject(undated.dir);
    }
  });
});

function readFixtureDoc(): string {
  return `---
title: Likestilling i Testby
titleTranslations: { en: Gender equality in Testby }
type: presentation
publisher: testby
date: 2011-03-15
language: nb
topics: [likestilling]
---

## Velkommen

Arbeidet i likestillingsutvalget.

## Om budsjett

Ingenting om temaet her.
`;
}

describe("topic labels on slides", () => {
  const likestilling: Topic = {
    id: "likestilling",
    labels: { nb: "Likestilling", en: "Gender equality" },
    keywords: { nb: ["heltid"], en: ["equal opportunities"] },
  };
  const planning: Topic = { id: "planlegging", labels: { nb: "Planlegging", en: "Planning" } };

  it("matches a label or keyword at the start of a word, in any case", () => {
    expect(mentions("Kommunenes likestillingsutvalg", "likestilling")).toBe(true);
    expect(mentions("LIKESTILLING i kommunen", "Likestilling")).toBe(true);
    expect(mentions("ulikestilling", "likestilling")).toBe(false);
    expect(mentions("planning (a.k.a. plans)", "a.k.a.")).toBe(true);
    expect(mentions("ønsker mer heltid", "heltid")).toBe(true);
    expect(mentions("deltid", "heltid")).toBe(false);
  });

  it("says what a lookbehind for a letter or digit before the term would say, on random texts", () => {
    // Letters and digits outside the BMP (𝐀, 𝟏), case pairs that fold differently (ß, ſ, K the Kelvin sign, İ), overlaps.
    const pieces = ["a", "A", "b", "li", "LI", "ø", "Ø", "1", " ", "-", ".", "ß", "ss", "ſ", "K", "k", "İ", "i", "𝐀", "𝟏", "😀", "\u0301"];
    const lookbehind = (text: string, term: string) => new RegExp(`(?<![\\p{L}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "iu").test(text);
    const next = randomBelow(20261203);
    const random = (length: number) => Array.from({ length }, () => pieces[next(pieces.length)]).join("");
    let found = 0;
    for (let round = 0; round < 4000; round++) {
      const text = random(1 + next(12));
      const term = random(1 + next(3));
      const expected = lookbehind(text, term);
      if (expected) found++;
      expect(mentions(text, term), `${JSON.stringify(term)} in ${JSON.stringify(text)}`).toBe(expected);
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(found).toBeGreaterThan(100);
    expect(found).toBeLessThan(3800);
    expect(mentions("𝐀li", "li")).toBe(false);
    expect(mentions("😀li", "li")).toBe(true);
    expect(mentions("ali li", "li")).toBe(true);
  });

  it("adds a mentioned topic's labels in the languages the slide does not use, a block per language", () => {
    const weight = WEIGHTS.slideTopics;
    expect(slideTopicLabels("Arbeidet i likestillingsutvalget", [likestilling, planning])).toEqual([
      { text: "Gender equality", lang: "en", weight, terms: true },
    ]);
    expect(slideTopicLabels("Flere ønsker heltid", [likestilling])).toEqual([
      { text: "Likestilling", lang: "nb", weight, terms: true },
      { text: "Gender equality", lang: "en", weight, terms: true },
    ]);
    expect(slideTopicLabels("Equal opportunities and planning", [likestilling, planning])).toEqual([
      { text: "Likestilling · Planlegging", lang: "nb", weight, terms: true },
      { text: "Gender equality", lang: "en", weight, terms: true },
    ]);
    // A label every UI language shares is of none: it takes the document's.
    expect(slideTopicLabels("Europa og Norge", [{ id: "eos", labels: { nb: "EØS", en: "EØS" }, keywords: { nb: ["Europa"], en: ["Europe"] } }])).toEqual([
      { text: "EØS", weight, terms: true },
    ]);
    expect(slideTopicLabels("Om budsjett", [likestilling, planning])).toEqual([]);
  });

  it("lists each topic's labels then keywords once", () => {
    expect(topicTerms(likestilling)).toEqual(["Likestilling", "Gender equality", "heltid", "equal opportunities"]);
    expect(topicTerms({ id: "eu", labels: { nb: "EU", en: "EU" } })).toEqual(["EU"]);
  });

  it("tags only the slides that mention the topic in a built record", () => {
    const fixture = load({ "content/testby/likestilling-i-testby.md": readFixtureDoc() });
    try {
      const record = byId(fixture.records, "testby/likestilling-i-testby");
      expect(record.parts.map((part) => [part.anchor, part.topics])).toEqual([
        ["slide-1", [{ text: "Gender equality", lang: "en", weight: WEIGHTS.slideTopics, terms: true }]],
        ["slide-2", []],
      ]);
    } finally {
      removeProject(fixture.dir);
    }
  });
});

describe("the HTML handed to Pagefind", () => {
  let fixture: ReturnType<typeof load>;
  beforeAll(() => {
    fixture = load();
  });
  afterAll(() => removeProject(fixture.dir));

  it("is in the body's language, with metadata, filters and sort keys as Pagefind attributes", () => {
    const html = recordHtml(byId(fixture.records, "testby-sentrum/integrering-i-sentrum"));
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<meta data-pagefind-meta="doc[content]" content="testby-sentrum/integrering-i-sentrum">');
    expect(html).toContain('<meta data-pagefind-filter="publisher[content]" content="testby">');
    expect(html).toContain('<meta data-pagefind-filter="language[content]" content="sv">');
    expect(html).toContain('<meta data-pagefind-sort="newest[content]" content="2010">');
  });

  it("escapes markup typed into titles and text", () => {
    const html = recordHtml(byId(fixture.records, "testby-sentrum/integrering-i-sentrum"));
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("Integrering i sentrum &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  it("makes every slide an anchor Pagefind can link to, even without a heading text", () => {
    const record = byId(fixture.records, "testby/likestilling-i-testby");
    const html = recordHtml({ ...record, parts: [...record.parts, { anchor: "slide-9", title: "", text: "Bare tekst.", topics: [] }] });
    expect(html).toContain('<h2 id="slide-1" data-pagefind-title="slide-1">Velkommen</h2>');
    expect(html).toContain('<h2 id="slide-9" data-pagefind-title="slide-9"></h2><p>Bare tekst.</p>');
    expect(html).not.toContain('id="slide-3"');
  });

  it("puts an empty language anchor before a block in another language than the text before it", () => {
    const record = byId(fixture.records, "testby-sentrum/integrering-i-sentrum");
    const head: SearchBlock[] = [
      { text: "Sammanfattning." },
      { text: "Integrering", lang: "nb", weight: 3 },
      { text: "Integration", lang: "en", weight: 3 },
      { text: "Mer", lang: "en" },
      { text: "Inledning.", lang: "sv" },
    ];
    const parts = [{ anchor: "slide-1", title: "Ett", text: "Text.", topics: [{ text: "Integration", lang: "en" }] }];
    const html = recordHtml({ ...record, head, parts });
    expect(html).toContain(
      [
        "<p>Sammanfattning.</p>",
        '<div id="lang-nb"></div><p lang="nb" data-pagefind-weight="3">Integrering</p>',
        '<div id="lang-en"></div><p lang="en" data-pagefind-weight="3">Integration</p>',
        '<p lang="en">Mer</p>',
        '<div id="lang-sv"></div><p>Inledning.</p>',
      ].join("\n"),
    );
    expect(html).toContain('<h2 id="slide-1" data-pagefind-title="slide-1">Ett</h2><p>Text.</p><div id="lang-en"></div><p lang="en">Integration</p>');
    expect(languageAnchors(head, "sv")).toEqual([undefined, "lang-nb", "lang-en", undefined, "lang-sv"]);
    expect(languageAnchors(head, "nb")).toEqual([undefined, undefined, "lang-en", undefined, "lang-sv"]);
  });

  it("turns markdown-it output into plain text", () => {
    expect(htmlToText('<p>A &amp; B &lt;b&gt; <a href="x">link</a></p>\n<ul><li>one</li></ul>')).toBe("A & B <b> link one");
  });
});

describe("the bundle and the search page", () => {
  let fixture: ReturnType<typeof load>;
  beforeAll(() => {
    fixture = load();
  });
  afterAll(() => removeProject(fixture.dir));

  it("stems everything with the stemmer of the most documents, Nynorsk counting as Norwegian", () => {
    const of = (...languages: Array<"nb" | "nn" | "sv" | "da" | "en">) => stemmerLanguage(languages.map((language) => ({ language })));
    expect(stemmerLanguage(fixture.records)).toBe("nb"); // one nb and one sv document: a tie goes to nb
    expect(of("sv", "sv", "nb")).toBe("sv");
    expect(of("sv", "sv", "nb", "nn")).toBe("nb");
    expect(of("nn")).toBe("nb");
    expect(of("en", "da", "en")).toBe("en");
    expect(of()).toBeUndefined();
  });

  it("walks up a publisher's parents", () => {
    const byPublisher = new Map(fixture.site.publishers.map((publisher) => [publisher.id, publisher]));
    expect(publisherChain("testby-sentrum", byPublisher).map((publisher) => publisher.id)).toEqual(["testby-sentrum", "testby"]);
    expect(publisherChain("testby", byPublisher).map((publisher) => publisher.id)).toEqual(["testby"]);
  });

  it("gives each locale a search page with translated facet labels, the one bundle and its own document URLs", () => {
    const pages = buildSearchPages(fixture.model.searchRecords, fixture.site.publishers, fixture.site.topics);
    expect(pages.map((page) => page.url)).toEqual(["/sok/", "/en/search/"]);
    const [nb, en] = pages;
    expect(nb!.bundles).toEqual([SEARCH_BUNDLE]);
    expect(en!.bundles).toEqual(["/pagefind/"]);
    expect(buildSearchPages([], fixture.site.publishers, fixture.site.topics)[0]!.bundles).toEqual([]);
    expect(nb!.documentUrl).toBe("/dokumenter/{publisher}/{slug}/");
    expect(en!.documentUrl).toBe("/en/documents/{publisher}/{slug}/");
    expect(en!.alternates.map((alternate) => alternate.url)).toEqual(["/sok/", "/en/search/"]);
    const facet = (page: typeof en, key: string) => page!.facets.find((candidate) => candidate.key === key)!.options;
    expect(facet(en, "publisher")).toEqual([
      { value: "testby-sentrum", label: "Sentrum district" },
      { value: "testby", label: "Testby municipality" },
    ]);
    expect(facet(nb, "topic").map((option) => option.label)).toEqual(["Integrering", "Likestilling"]);
    expect(facet(en, "topic").map((option) => option.label)).toEqual(["Gender equality", "Integration"]);
    // Each topic's words per UI locale, for "matched the topic …" (assets/search-explain.js).
    const equality = facet(nb, "topic").find((option) => option.value === "likestilling")!;
    expect(equality.terms?.map(([locale]) => locale)).toEqual(["nb", "en"]);
    expect(equality.terms?.find(([locale]) => locale === "en")?.[1]).toMatch(/^Gender equality(\||$)/);
    expect(facet(nb, "type")[0]!.terms).toBeUndefined();
    expect(facet(en, "type").map((option) => option.value)).toEqual(["presentation", "report"]);
    expect(facet(en, "year").map((option) => option.value)).toEqual(["2011", "2010"]);
    expect(facet(en, "language")).toEqual([
      { value: "nb", label: "Norwegian Bokmål" },
      { value: "sv", label: "Swedish" },
    ]);
  });

  it("hands the script every UI string it uses, in the page's locale", () => {
    const [nb, en] = buildSearchPages(fixture.model.searchRecords, fixture.site.publishers, fixture.site.topics);
    expect(nb!.strings.map(([name]) => name)).toEqual(Object.keys(SCRIPT_STRINGS));
    for (const [name, key] of Object.entries(SCRIPT_STRINGS)) {
      expect(nb!.strings.find(([candidate]) => candidate === name)?.[1]).toBe(STRINGS.nb[key]);
      expect(en!.strings.find(([candidate]) => candidate === name)?.[1]).toBe(STRINGS.en[key]);
    }
  });
});

describe("the search index's folders in the output folder", () => {
  it("names the bundle's folder and each slice's beside it, and nothing else", () => {
    const output = path.join("/tmp", "site");
    expect(searchBundleDir(output)).toBe(path.join(output, SEARCH_BUNDLE.split("/").filter(Boolean).join("/")));
    const { next, old } = searchStagingDirs(output);
    const names = [searchBundleDir(output), searchSliceDir(output, 0), searchSliceDir(output, 41), next, old].map((dir) => path.relative(output, dir));
    expect(names.every(isSearchOutput)).toBe(true);
    // Beside the bundle's folder, so npm start renames them within one file system.
    for (const dir of [next, old]) expect(path.dirname(dir)).toBe(output);
    for (const other of ["pagefind-ui", "pagefinder", "en", "social", "pagefind.tmp", "index.html"]) expect(isSearchOutput(other)).toBe(false);
  });
});

/**
 * Key-figure pages that would grow with the archive (scripts/keyfigures/assemble.ts): an indicator's "all values" in
 * pages of their own when they are many (`valuesPerPage`: ten times site.config.json's `pageSize`), the latest values
 * and their chart on the first page only; a publisher's history, the newest `HISTORY_PER_SERIES` values of each series.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { UNFOLDED_CHART_BARS } from "../../scripts/keyfigures/assemble.ts";
import { checkLinks } from "../../scripts/checks/links.ts";
import { doc, fixturesDir, makeProject, readOutput, removeProject } from "../helpers/fixture.ts";

// With the fixture's own value of 4,900 (no reference date, so dated by its document: 2011), 26 values in all; each of
// the 25 with a breakdown, which the pages that list values link to instead of drawing it.
const YEARS = Array.from({ length: 25 }, (_, i) => 2000 + i);
let dir: string;

beforeAll(async () => {
  const changes: Record<string, string> = { "site.config.json": JSON.stringify({ url: "https://lysark.test", pageSize: 1 }) };
  for (const year of YEARS)
    changes[`content/testby/innbyggere-${year}.md`] = doc(
      `title: Innbyggere ${year}\ntype: report\npublisher: testby\ndate: ${year}-06-01\nlanguage: nb\nkeyFigures:\n  - indicator: inhabitants\n    value: ${4000 + year}\n    refDate: ${year}-01-01\n    slide: 1\n    breakdown:\n      - label: Nord\n        value: 2000\n      - label: Sør\n        value: ${2000 + year}`,
      "## Tall\n\nInnbyggere i Testby.\n",
    );
  // Two indicators stated for each of many schools, one a bar more than an open chart shows.
  const schools = (count: number) => Array.from({ length: count }, (_, i) => `Skole ${i + 1}`);
  changes["content/_registries/indicators.yaml"] =
    `${readFileSync(path.join(fixturesDir, "site-basic/content/_registries/indicators.yaml"), "utf8")}` +
    `- id: pupils\n  labels: { nb: Elever, en: Pupils }\n  unit: persons\n  kind: count\n  integer: true\n` +
    `- id: teachers\n  labels: { nb: Lærere, en: Teachers }\n  unit: persons\n  kind: count\n  integer: true\n`;
  const figures = [
    ...schools(UNFOLDED_CHART_BARS + 1).map((school, i) => `  - indicator: pupils\n    value: ${200 + i}\n    scope: ${school}\n    slide: 1`),
    ...schools(UNFOLDED_CHART_BARS).map((school, i) => `  - indicator: teachers\n    value: ${20 + i}\n    scope: ${school}\n    slide: 1`),
  ];
  changes["content/testby-sentrum/skolene.md"] = doc(
    `title: Skolene i sentrum\ntype: report\npublisher: testby-sentrum\ndate: 2024-06-01\nlanguage: nb\nkeyFigures:\n${figures.join("\n")}`,
    "## Skolene\n\nElever og lærere.\n",
  );
  dir = makeProject("site-basic", changes);
  const result = await build({ root: dir, cache: false });
  expect(result.problems.filter((problem) => problem.severity === "error")).toEqual([]);
  expect(result.ok).toBe(true);
}, 120_000);
afterAll(() => removeProject(dir));

const main = (file: string) => {
  const html = readOutput(dir, file);
  return html.slice(html.indexOf("<main"), html.indexOf("</main>"));
};
/** The reference years of the "all values" rows, in order, and their row ids' numbers. */
const allValues = (file: string) => {
  const table = /<table id="kf-all"[\s\S]*?<\/table>/.exec(main(file))?.[0] ?? "";
  return {
    ids: [...table.matchAll(/<tr id="kf-all-(\d+)"/g)].map((match) => Number(match[1])),
    years: [...table.matchAll(/<time class="kf-date" datetime="(\d{4})-01-01"/g)].map((match) => Number(match[1])),
  };
};

describe("an indicator with more values than a page holds", () => {
  it("shows the latest values and the first ten of all values on its page, with links to the others", () => {
    const page = main("nokkeltall/inhabitants/index.html");
    expect(page).toContain('id="kf-latest-heading"');
    expect(page).toContain("Verdier: 26.");
    expect(allValues("nokkeltall/inhabitants/index.html")).toEqual({
      ids: YEARS.slice(0, 10).map((_, i) => i + 1),
      years: [2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016, 2015],
    });
    expect(page).toContain("Viser verdi 1–10 av 26");
    expect(page).toContain('<a href="/nokkeltall/inhabitants/side/2/" rel="next">');
    expect(readOutput(dir, "nokkeltall/inhabitants/index.html")).toContain('<link rel="next" href="/nokkeltall/inhabitants/side/2/">');
  });

  it("has the rest on pages of their own, without the latest values, each titled and linked back", () => {
    const second = main("nokkeltall/inhabitants/side/2/index.html");
    expect(second).not.toContain('id="kf-latest-heading"');
    expect(second).not.toContain("<svg");
    expect(second).toContain("<h1>Innbyggere – side 2</h1>");
    expect(second).toContain("Verdier: 26.");
    expect(second).toContain("Viser verdi 11–20 av 26");
    expect(allValues("nokkeltall/inhabitants/side/2/index.html").ids).toEqual(YEARS.slice(10, 20).map((_, i) => i + 11));
    const third = allValues("nokkeltall/inhabitants/side/3/index.html");
    expect(third.ids).toEqual([21, 22, 23, 24, 25, 26]);
    expect(main("nokkeltall/inhabitants/side/3/index.html")).not.toContain('rel="next"');
    expect(existsSync(path.join(dir, "_site", "nokkeltall/inhabitants/side/4/index.html"))).toBe(false);
    // Its breadcrumb leads back to the indicator's first page; the other language's page is its alternate.
    const head = readOutput(dir, "nokkeltall/inhabitants/side/2/index.html");
    expect(head).toContain('<a href="/nokkeltall/inhabitants/">Innbyggere</a>');
    expect(head).toContain('hreflang="en" href="https://lysark.test/en/key-figures/inhabitants/page/2/"');
    expect(allValues("en/key-figures/inhabitants/page/2/index.html").ids).toEqual(YEARS.slice(10, 20).map((_, i) => i + 11));
  });

  it("lists every value once across the pages, and every link resolves", async () => {
    const pages = ["", "side/2/", "side/3/"].map((part) => allValues(`nokkeltall/inhabitants/${part}index.html`));
    expect(pages.flatMap((page) => page.ids)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(pages.flatMap((page) => page.years)).toEqual([...YEARS].reverse());
    expect(readOutput(dir, "sitemap.xml")).toContain("<loc>https://lysark.test/nokkeltall/inhabitants/side/3/</loc>");
    expect(await checkLinks(path.join(dir, "_site"), "https://lysark.test")).toEqual([]);
  });

  it("keeps an indicator whose values fit on one page whole, without page links", () => {
    const page = main("nokkeltall/immigrant-share/index.html");
    expect(page).not.toContain('class="pagination"');
    expect(existsSync(path.join(dir, "_site", "nokkeltall/immigrant-share/side/2/index.html"))).toBe(false);
  });
});

describe("an indicator's first page", () => {
  it("offers the downloads before the tables, which grow with the publishers", () => {
    for (const file of ["nokkeltall/inhabitants/index.html", "en/key-figures/inhabitants/index.html"]) {
      const page = main(file);
      expect(page.indexOf('<div class="kf-downloads">'), file).toBeGreaterThan(0);
      expect(page.indexOf('<div class="kf-downloads">'), file).toBeLessThan(page.indexOf('id="kf-latest-heading"'));
      expect(page.match(/class="kf-downloads"/g), file).toHaveLength(1);
    }
  });

  it(`folds a chart of more than ${UNFOLDED_CHART_BARS} bars under a summary, and shows one of ${UNFOLDED_CHART_BARS} open`, () => {
    const folded = (file: string) => /<details class="kf-chart-fold"><summary>([^<]*)<\/summary>\s*<figure class="kf-figure">/.exec(main(file))?.[1];
    expect(folded("nokkeltall/pupils/index.html")).toBe(`Vis diagrammet (${UNFOLDED_CHART_BARS + 1} søyler)`);
    expect(folded("en/key-figures/pupils/index.html")).toBe(`Show the chart (${UNFOLDED_CHART_BARS + 1} bars)`);
    expect(main("nokkeltall/pupils/index.html")).toContain('id="kf-chart"');
    for (const file of ["nokkeltall/teachers/index.html", "nokkeltall/inhabitants/index.html"]) {
      expect(main(file), file).toContain('<figure class="kf-figure">');
      expect(main(file), file).not.toContain("<details");
    }
  });
});

describe("breakdowns", () => {
  /** The targets of a table's breakdown links, in row order. */
  const breakdownLinks = (html: string, tableId: string) => {
    const table = new RegExp(`<table id="${tableId}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? "";
    return [...table.matchAll(/<a class="kf-note" href="([^"]*)">(?:Fordeling|Breakdown)<\/a>/g)].map((match) => match[1]);
  };
  const year2024 = "/dokumenter/testby/innbyggere-2024/#kf-1-figure";

  it("are drawn on their document's page, which the indicator's tables link to instead of drawing them", () => {
    expect(readOutput(dir, "dokumenter/testby/innbyggere-2024/index.html")).toContain('<figure class="kf-figure" id="kf-1-figure">');
    const first = main("nokkeltall/inhabitants/index.html");
    expect(first).not.toContain("kf-breakdown");
    expect(breakdownLinks(first, "kf-latest")).toEqual([year2024]);
    expect(breakdownLinks(first, "kf-all")).toEqual(
      YEARS.slice(15)
        .reverse()
        .map((year) => `/dokumenter/testby/innbyggere-${year}/#kf-1-figure`),
    );
    expect(breakdownLinks(main("en/key-figures/inhabitants/page/3/index.html"), "kf-all")[0]).toBe("/en/documents/testby/innbyggere-2005/#kf-1-figure");
  });

  it("are drawn in a publisher's latest values, linked within the page, and its history links to their documents", () => {
    const page = main("utgivere/testby/index.html");
    expect(breakdownLinks(page, "kf-latest")).toEqual(["#kf-1-figure"]);
    expect(page).toContain('<figure class="kf-figure" id="kf-1-figure">');
    expect(breakdownLinks(page, "kf-history")).toHaveLength(19);
    expect(breakdownLinks(page, "kf-history")[0]).toBe(year2024);
  });
});

describe("a publisher with a long series", () => {
  it("shows the newest twenty values of it in its history, says so, and charts those", () => {
    const html = readOutput(dir, "utgivere/testby/index.html");
    const start = html.indexOf('class="key-figures"');
    const section = html.slice(start, html.indexOf("</section>", start));
    expect(section).toContain("Viser de 20 nyeste verdiene i hver serie. Alle 26 står i nedlastingene over og på sidene for hvert nøkkeltall.");
    const table = /<table id="kf-history"[\s\S]*?<\/table>/.exec(section)?.[0] ?? "";
    expect([...table.matchAll(/<tr id="kf-history-(\d+)"/g)].map((match) => Number(match[1]))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // 2024 to 2006, and the fixture's own value dated by its document (2011) among them: twenty.
    expect([...table.matchAll(/<time class="kf-date" datetime="(\d{4})-01-01"/g)].map((match) => Number(match[1]))).toEqual(YEARS.slice(6).reverse());
    // The chart's bars are the same twenty, oldest first, in each of its two layouts.
    const chart = /<svg[^>]*id="kf-history-chart-1"[\s\S]*?<\/svg>/.exec(section)?.[0] ?? "";
    expect(chart.match(/class="kf-bar kf-bar-value"/g)).toHaveLength(20);
    expect(readOutput(dir, "en/publishers/testby/index.html")).toContain("Showing the 20 newest values of each series. All 26 are in the downloads above");
  });

  it("says nothing of it for a publisher whose series fit", () => {
    expect(readOutput(dir, "utgivere/testby-sentrum/index.html")).not.toContain("nyeste verdiene");
  });
});

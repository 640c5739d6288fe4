/** Assembly of key figures into document rows, publisher sections, indicator pages and downloads. */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../scripts/content/load.ts";
import { collectFigures } from "../../scripts/keyfigures/collect.ts";
import { buildSiteModel, type SiteModel } from "../../scripts/site/model.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";
import { keyFigureChanges } from "./fixture.ts";

const NBSP = "\u00a0";
let dir: string;
let model: SiteModel;
let content: ReturnType<typeof loadContent>["site"];

beforeAll(() => {
  dir = makeProject("site-basic", keyFigureChanges());
  const result = loadContent(path.join(dir, "content"), { root: dir });
  expect(result.problems).toEqual([]);
  content = result.site;
  model = buildSiteModel(content);
});
afterAll(() => removeProject(dir));

const indicatorPage = (locale: string, id: string) => model.pages.indicator.find((page) => page.locale === locale && page.indicator.id === id)!;
const publisherPage = (locale: string, id: string) => model.pages.publisher.find((page) => page.locale === locale && page.publisher.id === id)!;

describe("collecting figures", () => {
  it("orders by publisher, registry order, scope and newest date, and marks the latest of each series", () => {
    const records = collectFigures(model.documents, content.indicators);
    const summary = records.map((r) => `${r.publisher.id} ${r.indicator.id} ${r.date ?? "?"}${r.latest ? " latest" : ""}`);
    expect(summary).toEqual([
      "testby inhabitants 2012-01-01 latest",
      "testby inhabitants 2011-03-15",
      "testby immigrant-share 2012-01-01 latest",
      "testby immigrant-share 2011-01-01",
      "testby immigrant-population 2012-01-01 latest",
      "testby-sentrum inhabitants 2012-03 latest",
      "testby-sentrum immigrant-share 2012-03 latest",
    ]);
    expect(records[1]!.dateFromDocument).toBe(true);
    expect(records[0]!.anchor).toBe("slide-1");
  });
});

describe("publisher key figures", () => {
  it("shows the latest value per indicator, linked to its document and slide", () => {
    const figures = publisherPage("nb", "testby").keyFigures!;
    expect(figures.latest.map((row) => [row.label, row.valueText, row.dateText, row.slideUrl])).toEqual([
      ["Innbyggere", `5${NBSP}100`, "1. januar 2012", "/dokumenter/testby/nokkeltall-2012/#slide-1"],
      ["Andel innvandrere", `19,2${NBSP}%`, "1. januar 2012", "/dokumenter/testby/nokkeltall-2012/#slide-2"],
      ["Innvandrere", "980", "1. januar 2012", "/dokumenter/testby/nokkeltall-2012/#slide-2"],
    ]);
    expect(figures.latest[1]!.comparisonText).toBe(`Landsgjennomsnittet: 14,1${NBSP}%`);
    expect(figures.downloads).toEqual({ csv: "/utgivere/testby/nokkeltall-testby.csv", json: "/utgivere/testby/nokkeltall-testby.json" });
  });

  it("keeps the history of every series with more than one value, newest first, with a chart each", () => {
    const figures = publisherPage("en", "testby").keyFigures!;
    expect(figures.history.map((row) => `${row.indicatorId} ${row.valueText} ${row.dateText}${row.dateFromDocument ? " (doc)" : ""}`)).toEqual([
      "inhabitants 5,100 1 January 2012",
      "inhabitants 4,900 15 March 2011 (doc)",
      "immigrant-share 19.2% 1 January 2012",
      "immigrant-share approx. 17.7% 1 January 2011",
    ]);
    expect(figures.historyCharts.map((chart) => chart.title)).toEqual(["Inhabitants: change over time", "Share of immigrants: change over time"]);
    expect(new Set([...figures.latest, ...figures.history].map((row) => row.id)).size).toBe(figures.latest.length + figures.history.length);
  });

  it("a district has its own figures, from sections of a report, and a city does not take them over", () => {
    const figures = publisherPage("nb", "testby-sentrum").keyFigures!;
    expect(figures.latest.map((row) => row.valueText)).toEqual([`ca. 1${NBSP}200`, `31,5${NBSP}%`]);
    expect(figures.latest[0]!.slideText).toBe("del 1");
    expect(figures.latest[0]!.slideUrl).toBe("/dokumenter/testby-sentrum/fakta-om-sentrum/#section-1");
    expect(publisherPage("nb", "testby").keyFigures!.latest.map((row) => row.publisherId)).not.toContain("testby-sentrum");
  });
});

describe("indicator comparison pages", () => {
  it("compare the latest value of every publisher, by name, in both locales", () => {
    const nb = indicatorPage("nb", "inhabitants");
    expect(nb.url).toBe("/nokkeltall/inhabitants/");
    expect(nb.alternates.map((alt) => alt.url)).toEqual(["/nokkeltall/inhabitants/", "/en/key-figures/inhabitants/"]);
    expect(nb.latest.map((row) => `${row.publisherName}: ${row.valueText}`)).toEqual([`Bydel Sentrum: ca. 1${NBSP}200`, `Testby kommune: 5${NBSP}100`]);
    expect(nb.history).toHaveLength(3);
    const en = indicatorPage("en", "inhabitants");
    expect(en.latest.map((row) => `${row.publisherName}: ${row.valueText}`)).toEqual(["Sentrum district: approx. 1,200", "Testby municipality: 5,100"]);
    expect(en.crumbs.map((crumb) => crumb.url)).toEqual(["/en/", "/en/key-figures/"]);
  });

  it("draw value and comparison bars for the latest values", () => {
    const chart = indicatorPage("en", "immigrant-share").chart!;
    expect(chart.title).toBe("Share of immigrants: latest value per publisher");
    expect(chart.svg).toContain('aria-describedby="kf-latest"');
    // Two bars and the legend swatch, in each of the two layouts (labels beside the bars, and above them for phones).
    expect(chart.svg.match(/class="kf-bar kf-bar-value"/g)?.length).toBe(2 * (2 + 1));
    expect(chart.svg).toContain(">National average: 14.1%</text>");
  });

  it("name in the chart's legend only the series it draws", () => {
    // Nobody states a comparison for inhabitants: no "Sammenligning" swatch (nor a lone "Verdi" one).
    const svg = indicatorPage("nb", "inhabitants").chart!.svg;
    expect(svg).not.toMatch(/Sammenligning|kf-bar-comparison|>Verdi</);
    expect(svg.match(/class="kf-bar kf-bar-value"/g)?.length).toBe(2 * 2); // in each layout
  });

  it("exist for indicators nobody states yet, without downloads", () => {
    const page = indicatorPage("en", "budget");
    expect(page.history).toEqual([]);
    expect(page.chart).toBeNull();
    expect(page.downloads).toBeNull();
  });
});

describe("the key-figure index", () => {
  it("lists indicators with values first, then the rest, and the publishers that have figures", () => {
    const page = model.pages.keyFigures.find((p) => p.locale === "en")!;
    expect(page.url).toBe("/en/key-figures/");
    expect(page.indicators.map((i) => `${i.label} ${i.valueCount}/${i.publisherCount}`)).toEqual([
      "Immigrants 1/1",
      "Inhabitants 3/2",
      "Share of immigrants 3/2",
      "Budget 0/0",
      "Satisfaction 0/0",
    ]);
    expect(page.publishers).toEqual([
      { title: "Sentrum district", url: "/en/publishers/testby-sentrum/#key-figures", count: 2 },
      { title: "Testby municipality", url: "/en/publishers/testby/#key-figures", count: 5 },
    ]);
    expect(page.downloads).toEqual({ csv: "/en/key-figures/key-figures.csv", json: "/en/key-figures/key-figures.json" });
  });
});

describe("document rows", () => {
  it("keep the document's order and carry charts for comparisons and breakdowns", () => {
    const page = model.pages.document.find((p) => p.locale === "nb" && p.view.doc.slug === "nokkeltall-2012")!;
    expect(page.figures.map((row) => row.id)).toEqual(["kf-1", "kf-2", "kf-3"]);
    expect(page.figures[1]!.comparisonChart?.svg).toContain('aria-describedby="kf-2"');
    const breakdown = page.figures[2]!.breakdownView!;
    expect(breakdown.caption).toBe("Innvandrere, fordeling: Testby kommune");
    expect(breakdown.rows).toEqual([
      { label: "Polen", lang: "nb", valueText: "310" },
      { label: 'Bosnia "og" Hercegovina', lang: "nb", valueText: "120" },
      { label: "Sør-Sudan; Sudan", lang: "nb", valueText: "95" },
    ]);
    // On a page in the document's own language every label is in the page's language: nothing to say.
    expect(breakdown.sourceLanguageNote).toBe("");
    expect(breakdown.svg).toContain('aria-describedby="kf-3-breakdown"');
  });
});

describe("downloads", () => {
  it("has CSV and JSON for every publisher and indicator with figures and for all figures, in both locales", () => {
    expect(model.downloads.map((d) => d.url)).toEqual([
      "/en/key-figures/immigrant-population/key-figures-immigrant-population.csv",
      "/en/key-figures/immigrant-population/key-figures-immigrant-population.json",
      "/en/key-figures/immigrant-share/key-figures-immigrant-share.csv",
      "/en/key-figures/immigrant-share/key-figures-immigrant-share.json",
      "/en/key-figures/inhabitants/key-figures-inhabitants.csv",
      "/en/key-figures/inhabitants/key-figures-inhabitants.json",
      "/en/key-figures/key-figures.csv",
      "/en/key-figures/key-figures.json",
      "/en/publishers/testby-sentrum/key-figures-testby-sentrum.csv",
      "/en/publishers/testby-sentrum/key-figures-testby-sentrum.json",
      "/en/publishers/testby/key-figures-testby.csv",
      "/en/publishers/testby/key-figures-testby.json",
      "/nokkeltall/immigrant-population/nokkeltall-immigrant-population.csv",
      "/nokkeltall/immigrant-population/nokkeltall-immigrant-population.json",
      "/nokkeltall/immigrant-share/nokkeltall-immigrant-share.csv",
      "/nokkeltall/immigrant-share/nokkeltall-immigrant-share.json",
      "/nokkeltall/inhabitants/nokkeltall-inhabitants.csv",
      "/nokkeltall/inhabitants/nokkeltall-inhabitants.json",
      "/nokkeltall/nokkeltall.csv",
      "/nokkeltall/nokkeltall.json",
      "/utgivere/testby-sentrum/nokkeltall-testby-sentrum.csv",
      "/utgivere/testby-sentrum/nokkeltall-testby-sentrum.json",
      "/utgivere/testby/nokkeltall-testby.csv",
      "/utgivere/testby/nokkeltall-testby.json",
    ]);
  });

  it("give a table's CSV and JSON one key object, serialised from the records it is made of", () => {
    const csv = model.downloads.find((d) => d.url === "/en/key-figures/key-figures.csv")!;
    const json = model.downloads.find((d) => d.url === "/en/key-figures/key-figures.json")!;
    const other = model.downloads.find((d) => d.url === "/nokkeltall/nokkeltall.csv")!;
    expect(csv.key).toBe(json.key);
    expect(other.key).not.toBe(csv.key);
    const data = JSON.parse(JSON.stringify(csv.key));
    expect(data).toMatchObject({ locale: "en", title: "Key figures" });
    expect(data.records).toHaveLength(7);
    expect(data.records[0]).toHaveLength(7);
  });

  it("hold one row per figure and one per breakdown entry", () => {
    const all = JSON.parse([...model.downloads.find((d) => d.url === "/en/key-figures/key-figures.json")!.pieces("https://x.test")].join(""));
    expect(all.rows).toHaveLength(7 + 3);
    const row = all.rows.find((r: Record<string, unknown>) => r.breakdown_label === "Polen");
    expect(row).toMatchObject({
      publisher_id: "testby",
      indicator_id: "immigrant-population",
      value: 310,
      date: "2012-01-01",
      is_latest: true,
      slide_url: "https://x.test/en/documents/testby/nokkeltall-2012/#slide-2",
    });
  });
});

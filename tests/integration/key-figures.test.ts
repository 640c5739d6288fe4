/**
 * Building the fixture site with key figures: document tables, publisher
 * tables with history, comparison pages per indicator, the index, CSV/JSON
 * downloads and SVG charts, in both locales; byte-identical across builds.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { makeProject, readOutput, removeProject } from "../helpers/fixture.ts";
import { keyFigureChanges } from "../keyfigures/fixture.ts";

const NBSP = "\u00a0";
let dir: string;

beforeAll(async () => {
  dir = makeProject("site-basic", keyFigureChanges());
  const result = await build({ root: dir });
  expect(result.problems).toEqual([]);
  expect(result.ok).toBe(true);
});
afterAll(() => removeProject(dir));

const site = () => path.join(dir, "_site");
/**
 * What this feature renders on a page: all of <main> on the key-figure pages,
 * the key-figure section on document and publisher pages (the rest belongs to others).
 */
const mine = (file: string) => {
  const html = readOutput(dir, file);
  if (/^(en\/key-figures|nokkeltall)\//.test(file)) return html.slice(html.indexOf("<main"), html.indexOf("</main>"));
  const start = html.indexOf('class="key-figures"');
  expect(start, file).toBeGreaterThan(0);
  return html.slice(start, html.indexOf("</section>", start));
};
const bytes = (file: string) => readFileSync(path.join(site(), file));

function listFiles(root: string, under = ""): string[] {
  return readdirSync(path.join(root, under), { withFileTypes: true }).flatMap((entry) => {
    const rel = under ? `${under}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(root, rel) : [rel];
  });
}

const KEY_FIGURE_PAGES = [
  "nokkeltall/index.html",
  "en/key-figures/index.html",
  "nokkeltall/inhabitants/index.html",
  "en/key-figures/inhabitants/index.html",
  "nokkeltall/immigrant-share/index.html",
  "en/key-figures/immigrant-share/index.html",
  "nokkeltall/immigrant-population/index.html",
  "en/key-figures/immigrant-population/index.html",
  "utgivere/testby/index.html",
  "en/publishers/testby/index.html",
  "utgivere/testby-sentrum/index.html",
  "en/publishers/testby-sentrum/index.html",
  "dokumenter/testby/nokkeltall-2012/index.html",
  "en/documents/testby/nokkeltall-2012/index.html",
  "dokumenter/testby-sentrum/fakta-om-sentrum/index.html",
];

describe("key-figure pages", () => {
  it("has an index and a comparison page per indicator in both locales, and a main-menu link", () => {
    const nb = readOutput(dir, "nokkeltall/index.html");
    expect(nb).toContain('<a href="/nokkeltall/inhabitants/">Innbyggere</a>');
    expect(nb).toContain('<a href="/utgivere/testby/#key-figures">Testby kommune</a>');
    expect(nb).toContain('<link rel="alternate" hreflang="en" href="https://lysark.test/en/key-figures/">');
    expect(readOutput(dir, "en/key-figures/index.html")).toContain('<a href="/en/key-figures/inhabitants/">Inhabitants</a>');
    for (const locale of ["nokkeltall", "en/key-figures"]) {
      for (const id of ["inhabitants", "immigrant-share", "immigrant-population", "budget", "satisfaction"]) {
        expect(existsSync(path.join(site(), locale, id, "index.html")), `${locale}/${id}`).toBe(true);
      }
    }
    expect(readOutput(dir, "index.html")).toMatch(/<li><a href="\/nokkeltall\/">Nøkkeltall<\/a><\/li>/);
    expect(readOutput(dir, "en/key-figures/index.html")).toMatch(/<li><a href="\/en\/key-figures\/" aria-current="page">Key figures<\/a><\/li>/);
  });

  it("compares publishers on an indicator page, formatted for the locale, with sources", () => {
    const nb = readOutput(dir, "nokkeltall/inhabitants/index.html");
    expect(nb).toContain(`ca. 1${NBSP}200`);
    expect(nb).toContain(`5${NBSP}100`);
    expect(nb).toContain('<a class="kf-slide" href="/dokumenter/testby/nokkeltall-2012/#slide-1">lysbilde 1</a>');
    expect(nb).toContain('<a class="kf-slide" href="/dokumenter/testby-sentrum/fakta-om-sentrum/#section-1">del 1</a>');
    const en = readOutput(dir, "en/key-figures/immigrant-share/index.html");
    expect(en).toContain('<td role="cell" data-label="Comparison">National average: 14.1%</td>');
    expect(en).toContain('<time class="kf-date" datetime="2012-03">March 2012</time> <span class="kf-note">(date of the document)</span>');
    expect(en).toContain(">approx. 17.7%");
  });

  it("shows a comparison column, and on a document page a date column, only in a table where some figure has one", () => {
    const columns = (file: string) => [...mine(file).matchAll(/<th scope="col" role="columnheader"[^>]*>([^<]*)<\/th>/g)].map((match) => match[1]);
    expect(columns("en/key-figures/immigrant-share/index.html")).toContain("Comparison");
    expect(columns("en/key-figures/inhabitants/index.html")).toEqual(["Publisher", "Value", "As of", "Source", "Publisher", "Value", "As of", "Source"]);
    expect(mine("en/key-figures/inhabitants/index.html")).not.toContain('data-label="Comparison"');
    expect(columns("dokumenter/testby/nokkeltall-2012/index.html")).toEqual(["Indikator", "Verdi", "Per", "Sammenligning", "Lysbilde"]);
    // No figure of this document states its own reference date.
    expect(columns("dokumenter/testby-sentrum/fakta-om-sentrum/index.html")).toEqual(["Indikator", "Verdi", "Sammenligning", "Del"]);
  });

  it("shows a publisher's latest value per indicator and its history over years", () => {
    const html = readOutput(dir, "utgivere/testby/index.html");
    const latest = html.slice(html.indexOf('<table id="kf-latest"'), html.indexOf("</table>", html.indexOf('<table id="kf-latest"')));
    expect(latest).toContain(`<td role="cell" class="num" data-label="Verdi"><span class="kf-value">5${NBSP}100</span>`);
    expect(latest).not.toContain(`4${NBSP}900`);
    expect(latest).toContain(
      '<a href="/dokumenter/testby/nokkeltall-2012/" lang="nb">Nøkkeltall 2012</a>, <a class="kf-slide" href="/dokumenter/testby/nokkeltall-2012/#slide-1">lysbilde 1</a>',
    );
    const history = html.slice(html.indexOf('<table id="kf-history"'), html.indexOf("</table>", html.indexOf('<table id="kf-history"')));
    expect(history).toContain(`5${NBSP}100`);
    expect(history).toContain(`4${NBSP}900`);
    expect(history).toContain('<time class="kf-date" datetime="2011-03-15">15. mars 2011</time> <span class="kf-note">(dokumentets dato)</span>');
    expect(html).toContain("<figcaption>Innbyggere: utvikling over tid</figcaption>");
  });

  it("moves the document table into a partial, with a breakdown table and charts", () => {
    const html = readOutput(dir, "en/documents/testby/nokkeltall-2012/index.html");
    expect(html).toContain('<table id="kf-table" class="kf-table kf-stack" role="table">');
    expect(html).toContain('<tr id="kf-3" role="row">');
    expect(html).toContain('<table id="kf-3-breakdown" class="kf-table kf-breakdown">');
    expect(html).toContain('<th scope="row" lang="nb">Bosnia &quot;og&quot; Hercegovina</th>');
    expect(html).toContain("<figcaption>Share of immigrants: Testby municipality compared with National average</figcaption>");
  });
});

describe("SVG charts", () => {
  it("are images named by their title and described by a table on the same page", () => {
    let charts = 0;
    for (const file of KEY_FIGURE_PAGES) {
      const html = readOutput(dir, file);
      for (const [svg] of html.matchAll(/<svg[\s\S]*?<\/svg>/g)) {
        charts++;
        const open = svg.slice(0, svg.indexOf(">") + 1);
        expect(open, file).toContain('role="img"');
        const labelledBy = /aria-labelledby="([^"]+)"/.exec(open)![1]!;
        expect(svg, file).toContain(`<title id="${labelledBy}">`);
        const describedBy = /aria-describedby="([^"]+)"/.exec(open)?.[1];
        expect(describedBy, `${file}: every chart points at its table`).toBeDefined();
        expect(html, file).toMatch(new RegExp(`<(table|tr) id="${describedBy}"`));
      }
    }
    expect(charts).toBeGreaterThanOrEqual(15);
  });

  it("need no script and no inline styles (a strict CSP holds)", () => {
    for (const file of KEY_FIGURE_PAGES) {
      const html = mine(file);
      expect(html, file).not.toMatch(/\sstyle=/);
      expect(html, file).not.toMatch(/<script|<style/);
    }
  });

  it("have unique ids on every page", () => {
    for (const file of KEY_FIGURE_PAGES) {
      const ids = [...readOutput(dir, file).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
      expect(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        file,
      ).toEqual([]);
    }
  });
});

describe("downloads", () => {
  it("are linked from the tables and exist, for each indicator, each publisher and all figures", () => {
    for (const file of ["nokkeltall/index.html", "en/key-figures/inhabitants/index.html", "utgivere/testby/index.html"]) {
      const links = [...readOutput(dir, file).matchAll(/<a href="([^"]+\.(?:csv|json))"/g)].map((m) => m[1]!);
      expect(links, file).toHaveLength(2);
      for (const link of links) expect(existsSync(path.join(site(), link)), link).toBe(true);
    }
    const downloads = listFiles(site()).filter((file) => /(^|\/)(nokkeltall|key-figures)[^/]*\.(csv|json)$/.test(file));
    expect(downloads).toHaveLength(24);
  });

  it("open in a Norwegian spreadsheet: BOM, semicolons, decimal comma, quoting, Norwegian letters", () => {
    const csv = bytes("nokkeltall/nokkeltall.csv");
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "publisher_id;publisher_name;indicator_id;indicator_label;unit;kind;scope;breakdown_label;value;value_min;value_max;approximate;ref_date;document_date;date;is_latest;comparison_value;comparison_label;document_id;document_title;document_url;slide;slide_url",
    );
    expect(lines).toContain(
      "testby;Testby kommune;immigrant-share;Andel innvandrere;percent;percent;;;19,2;;;false;2012-01-01;2012-02-01;2012-01-01;true;14,1;Landsgjennomsnittet;testby/nokkeltall-2012;Nøkkeltall 2012;https://lysark.test/dokumenter/testby/nokkeltall-2012/;2;https://lysark.test/dokumenter/testby/nokkeltall-2012/#slide-2",
    );
    expect(lines.some((line) => line.includes(';"Bosnia ""og"" Hercegovina";120;'))).toBe(true);
    expect(lines.some((line) => line.includes(';"Sør-Sudan; Sudan";95;'))).toBe(true);
    expect(lines.at(-1)).toBe("");
  });

  it("use commas and decimal points in English, with the same columns", () => {
    const lines = bytes("en/key-figures/immigrant-share/key-figures-immigrant-share.csv").toString("utf8").slice(1).split("\r\n");
    expect(lines[0]!.split(",")).toHaveLength(23);
    expect(lines[1]).toBe(
      "testby-sentrum,Sentrum district,immigrant-share,Share of immigrants,percent,percent,,,31.5,,,false,,2012-03,2012-03,true,19.2,Testby,testby-sentrum/fakta-om-sentrum,Fakta om Sentrum,https://lysark.test/en/documents/testby-sentrum/fakta-om-sentrum/,2,https://lysark.test/en/documents/testby-sentrum/fakta-om-sentrum/#section-2",
    );
    expect(lines).toHaveLength(1 + 3 + 1);
  });

  it("name a breakdown's part in the download's language where the document translates it, as the page does", () => {
    const label = (file: string) =>
      JSON.parse(bytes(file).toString("utf8")).rows.find((row: { value: number }) => row.value === 95)?.breakdown_label as string | undefined;
    expect(label("en/key-figures/key-figures.json")).toBe("South Sudan; Sudan");
    expect(label("nokkeltall/nokkeltall.json")).toBe("Sør-Sudan; Sudan");
    expect(bytes("en/key-figures/key-figures.csv").toString("utf8")).toContain(",South Sudan; Sudan,95,");
  });

  it("as JSON hold the same rows with typed values", () => {
    const data = JSON.parse(bytes("utgivere/testby/nokkeltall-testby.json").toString("utf8"));
    expect(data.title).toBe("Nøkkeltall: Testby kommune");
    expect(data.rows).toHaveLength(5 + 3);
    expect(data.rows[0]).toMatchObject({ indicator_id: "inhabitants", value: 5100, is_latest: true, ref_date: "2012-01-01" });
    expect(data.rows[1]).toMatchObject({ indicator_id: "inhabitants", value: 4900, is_latest: false, ref_date: null, date: "2011-03-15" });
  });
});

describe("internal links from key-figure pages", () => {
  it("all resolve to a page and, where they name one, an anchor on it", () => {
    const broken: string[] = [];
    for (const file of KEY_FIGURE_PAGES) {
      for (const [, href] of mine(file).matchAll(/<a href="(\/[^"]*)"/g)) {
        const [target, anchor] = href!.split("#") as [string, string | undefined];
        const page = target.endsWith("/") ? `${target}index.html` : target;
        if (!existsSync(path.join(site(), page))) {
          broken.push(`${file} → ${href}`);
          continue;
        }
        if (anchor && !readFileSync(path.join(site(), page), "utf8").includes(` id="${anchor}"`)) broken.push(`${file} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe("two builds of the same content", () => {
  it("write byte-identical key-figure pages and downloads", async () => {
    const second = path.join(dir, "_site2");
    const result = await build({ root: dir, output: second });
    expect(result.ok).toBe(true);
    const files = listFiles(site()).filter((file) => /(^|\/)(nokkeltall|key-figures)[^/]*\.(csv|json)$/.test(file) || KEY_FIGURE_PAGES.includes(file));
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) expect(readFileSync(path.join(second, file)).equals(bytes(file)), file).toBe(true);
  });
});

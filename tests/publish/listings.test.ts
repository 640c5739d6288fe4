/**
 * Paginated listings by topic, publisher, type and year (two per page in this
 * fixture), and the publisher index grouped by country and region.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { pageWindow } from "../../scripts/site/pagination.ts";
import { readOutput } from "../helpers/fixture.ts";
import { sharedPublishBuild } from "./helpers.ts";

let dir: string;
beforeAll(async () => {
  dir = await sharedPublishBuild();
});

const titles = (html: string) => [...html.matchAll(/<h[23] class="doc-card-title"><a href="[^"]+"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);

/** The levels of a page's headings inside <main>, in order. */
const headingLevels = (html: string) => [...(/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? "").matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));

describe("paginated listings", () => {
  it("never skip a heading level (axe's heading-order): card titles sit one level below their heading", () => {
    for (const file of ["tema/likestilling/index.html", "typer/rapport/index.html", "utgivere/testby/index.html", "index.html"]) {
      const levels = headingLevels(readOutput(dir, file));
      expect(levels.length, file).toBeGreaterThan(2);
      levels.forEach((level, i) => {
        expect(level - (levels[i - 1] ?? 0), `${file}: heading ${i + 1} is h${level}`).toBeLessThanOrEqual(1);
      });
    }
  });

  it("split a topic into pages with translated path segments, newest first", () => {
    const pages = ["tema/likestilling/index.html", "tema/likestilling/side/2/index.html", "tema/likestilling/side/3/index.html"].map((file) =>
      titles(readOutput(dir, file)),
    );
    expect(pages).toEqual([["Likestilling 2015", "Likestilling 2014"], ["Likestilling 2013", "Bilder og vedlegg"], ["Likestilling i Testby"]]);
    expect(existsSync(path.join(dir, "_site/tema/likestilling/side/4/index.html"))).toBe(false);
    expect(titles(readOutput(dir, "en/topics/likestilling/page/2/index.html"))).toEqual(["Likestilling 2013", "Pictures and attachments"]);
  });

  it("link pages with rel prev/next in the head and an accessible pagination nav", () => {
    const html = readOutput(dir, "tema/likestilling/side/2/index.html");
    expect(html).toContain('<link rel="prev" href="/tema/likestilling/">');
    expect(html).toContain('<link rel="next" href="/tema/likestilling/side/3/">');
    const nav = /<nav class="pagination" aria-label="Sider i listen">[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "";
    expect(nav).toContain('<a href="/tema/likestilling/" rel="prev">');
    expect(nav).toContain('<a href="/tema/likestilling/side/2/" aria-current="page" aria-label="Side 2">2</a>');
    expect(nav).toContain('<a href="/tema/likestilling/side/3/" aria-label="Side 3">3</a>');
    expect(html).toContain("Viser 3–4 av 5 dokumenter");
    expect(html).toContain("<p>5 dokumenter</p>");

    const first = readOutput(dir, "tema/likestilling/index.html");
    expect(first).not.toContain('rel="prev"');
    expect(first).toContain('<link rel="next" href="/tema/likestilling/side/2/">');
    const last = readOutput(dir, "en/topics/likestilling/page/3/index.html");
    expect(last).toContain('<link rel="prev" href="/en/topics/likestilling/page/2/">');
    expect(last).not.toContain('rel="next"');
    expect(last).toContain('aria-label="Pages of the list"');
  });

  it("give each page its own title, breadcrumb back to page 1 and language alternates of the same page", () => {
    const html = readOutput(dir, "en/topics/likestilling/page/2/index.html");
    expect(html).toContain("<title>Gender equality – page 2 – Lysark</title>");
    expect(html).toMatch(
      /<li><a href="\/en\/topics\/likestilling\/">Gender equality<\/a><\/li>\s*<li><span aria-current="page">Gender equality – page 2<\/span>/,
    );
    expect(html).toContain('<link rel="alternate" hreflang="nb" href="https://lysark.test/tema/likestilling/side/2/">');
    expect(html).toContain('<a href="/tema/likestilling/side/2/" hreflang="nb" lang="nb">Norsk bokmål</a>');
  });

  it("paginate a city's page, which lists its districts' documents too", () => {
    const pages = ["utgivere/testby/index.html", "utgivere/testby/side/2/index.html", "utgivere/testby/side/3/index.html"].map((file) =>
      titles(readOutput(dir, file)),
    );
    expect(pages.flat()).toHaveLength(6);
    expect(pages.flat()).toContain(
      'Integrering i sentrum <script>alert("x")</script>'.replace(/[<>"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!),
    );
    expect(readOutput(dir, "en/publishers/testby/page/2/index.html")).toContain('<link rel="prev" href="/en/publishers/testby/">');
  });

  it("paginate listings by type and keep short listings on one page without pagination", () => {
    expect(titles(readOutput(dir, "typer/rapport/index.html"))).toEqual(["Likestilling 2015", "Likestilling 2014"]);
    expect(existsSync(path.join(dir, "_site/en/types/report/page/2/index.html"))).toBe(true);
    const year = readOutput(dir, "ar/2011/index.html");
    expect(titles(year)).toEqual(["Likestilling i Testby"]);
    expect(year).not.toContain('class="pagination"');
    expect(year).not.toContain('rel="next"');
  });

  it("group the publisher index by country and county/region", () => {
    const html = readOutput(dir, "utgivere/index.html");
    // The district has no region of its own and is grouped with its city.
    expect(html).toMatch(
      /<h2 id="group-1">Norge – Testfylke<\/h2>\s*<ul class="index-list">\s*<li><a href="\/utgivere\/testby-sentrum\/">Bydel Sentrum<\/a>[\s\S]*Testby kommune/,
    );
    expect(html).not.toContain("group-2");
    expect(readOutput(dir, "en/publishers/index.html")).toContain(">Norway – Testfylke</h2>");
  });

  it("count documents in the singular for one, in both locales", () => {
    for (const [file, one, many] of [
      ["utgivere/index.html", "dokument", "dokumenter"],
      ["en/publishers/index.html", "document", "documents"],
      ["tema/index.html", "dokument", "dokumenter"],
    ] as const) {
      const counts = [...readOutput(dir, file).matchAll(/<span class="count">\((\d+) (\w+)\)<\/span>/g)].map(([, n, word]) => [Number(n), word]);
      expect(counts.length, file).toBeGreaterThan(1);
      expect(
        counts.some(([n]) => n === 1),
        file,
      ).toBe(true);
      for (const [n, word] of counts) expect(word, `${file}: ${n}`).toBe(n === 1 ? one : many);
    }
  });
});

describe("the page window of the pagination nav", () => {
  it("shows the first, the last and two pages either side of the current one, with gaps", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(2, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    expect(pageWindow(1, 20)).toEqual([1, 2, 3, null, 20]);
    expect(pageWindow(4, 6)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

/**
 * The search page in Debian's Chromium, against fresh builds of the bundled
 * content (Norwegian, and one Swedish document) and of the fixture site (Bokmål, Nynorsk and Swedish
 * documents in one Pagefind bundle), served with a strict CSP.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { axeViolations, collectPageErrors, launchBrowser, startStaticServer, type StaticServer, watchLayoutShifts } from "../helpers/browser.ts";
import { makeProject, removeProject, repoRoot } from "../helpers/fixture.ts";

const AGDER_URL = "/dokumenter/agder/kommunenes-arbeid-med-likestilling/";
const AGDER_URL_EN = "/en/documents/agder/kommunenes-arbeid-med-likestilling/";
// Region Gävleborg's gender-equality project (Swedish) has the topic likestilling too.
const GAVLEBORG_URL = "/dokumenter/gavleborg/jamresursen-ii-2011-2013/";
const GAVLEBORG_URL_EN = "/en/documents/gavleborg/jamresursen-ii-2011-2013/";

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, entry) => sum + (entry.isDirectory() ? folderBytes(path.join(dir, entry.name)) : statSync(path.join(dir, entry.name)).size),
    0,
  );
}

interface Hit {
  title: string;
  href: string;
  titleLang: string;
  meta: string;
  dates: string[];
  parts: Array<{ href: string; text: string }>;
  /** "Matched the topic …" / "Matched part of …", with the emphasised name and its lang. */
  why: { text: string; name: string; lang: string } | null;
}

/** What Pagefind's own search returns for a result (pagefind.js on the page, without Lysark's query variants). */
interface PagefindData {
  doc: string;
  content: string;
  /** Pagefind's own excerpt, which the page does not show. */
  excerpt: string;
  anchors: Array<{ id: string; location: number }>;
}

async function hits(page: Page): Promise<Hit[]> {
  return page.$$eval(".search-hit", (items) =>
    items.map((item) => {
      const link = item.querySelector<HTMLAnchorElement>(".search-hit-title a")!;
      return {
        title: link.textContent ?? "",
        href: link.getAttribute("href") ?? "",
        titleLang: link.lang,
        meta: item.querySelector(".search-hit-meta")?.textContent ?? "",
        dates: [...item.querySelectorAll("time")].map((time) => time.getAttribute("datetime") ?? ""),
        parts: [...item.querySelectorAll<HTMLAnchorElement>(".search-parts a")].map((a) => ({ href: a.getAttribute("href") ?? "", text: a.textContent ?? "" })),
        why: ((line) =>
          line ? { text: line.textContent ?? "", name: line.querySelector("em")?.textContent ?? "", lang: line.querySelector("em")?.lang ?? "" } : null)(
          item.querySelector(".search-hit-why"),
        ),
      };
    }),
  );
}

/** Waits until the live region says something matching `pattern` and the results are not busy. */
async function waitForStatus(page: Page, pattern: RegExp): Promise<string> {
  await page.waitForFunction(
    (source) => {
      const status = document.querySelector("[data-search-status]")?.textContent ?? "";
      const busy = document.querySelector(".search-results")?.hasAttribute("aria-busy");
      return !busy && new RegExp(source).test(status);
    },
    pattern.source,
    { timeout: 15_000 },
  );
  return (await page.textContent("[data-search-status]")) ?? "";
}

async function searchFor(page: Page, server: StaticServer, sitePath: string, query: string): Promise<string> {
  await page.goto(server.url(sitePath));
  await page.waitForSelector("#search-q", { state: "visible" });
  await page.fill("#search-q", query);
  await page.press("#search-q", "Enter");
  return waitForStatus(page, new RegExp(`${query}`));
}

describe("search on the bundled content", () => {
  let work: string;
  let site: string;
  let server: StaticServer;
  let browser: Browser;
  let errors: string[];
  let page: Page;

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-browser-"));
    site = path.join(work, "_site");
    // Without the build cache: the project's .cache/lysark/site would otherwise hand an earlier
    // run's whole site back (no search phase at all), and these tests are of the index this code writes.
    const result = await build({ root: repoRoot, output: site, cache: false });
    expect(result.problems.filter((problem) => problem.severity === "error")).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.timings.search).toBeGreaterThan(0);
    server = await startStaticServer(site);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  // The borrower's pages share a context that stays open (tests/helpers/browser.ts), which costs Chromium about half
  // the CPU of a context each. The server answers no-store, so no test sees another's cache.
  const freshPage = async () => {
    await page?.close();
    page = await browser.newPage();
    errors = collectPageErrors(page);
    return page;
  };

  it("has no inline script or style on the search pages", () => {
    for (const file of ["sok/index.html", "en/search/index.html"]) {
      const html = readFileSync(path.join(site, file), "utf8");
      expect(html).toContain('<script type="module" src="/assets/search.js"></script>');
      expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [], file).toEqual([]);
      expect(html).not.toMatch(/\sstyle=|<style/);
    }
  });

  it("finds the Agder survey for «likestilling» on /sok/, with links to its slides", async () => {
    await freshPage();
    const before = server.requests.length;
    const status = await searchFor(page, server, "/sok/", "likestilling");
    expect(status).toBe("2 treff for «likestilling».");
    const [hit, ...rest] = await hits(page);
    expect(rest.map((other) => other.href)).toEqual([GAVLEBORG_URL]);
    expect(hit!.title).toBe("Kommunenes arbeid med likestilling: Resultater fra kartlegging");
    expect(hit!.href).toBe(AGDER_URL);
    expect(hit!.meta).toBe("Presentasjon · Agder · Ukjent dato · Norsk bokmål");
    expect(hit!.parts.length).toBeGreaterThan(0);
    for (const part of hit!.parts) expect(part.href).toMatch(new RegExp(`^${AGDER_URL}#slide-\\d+$`));
    expect(hit!.parts[0]!.text).toMatch(/^Lysbilde \d+/);
    expect(errors).toEqual([]);

    // What one query costs a browser, from the server's own log.
    const requests = server.requests.slice(before);
    const searchBytes = requests
      .filter((request) => request.path.startsWith("/pagefind/") || request.path === "/assets/search.js")
      .reduce((sum, request) => sum + request.bytes, 0);
    const pageBytes = requests.reduce((sum, request) => sum + request.bytes, 0);
    console.log(
      `[search] one query on /sok/: ${requests.length} requests, ${pageBytes} bytes in all, ${searchBytes} bytes for search (uncompressed); index on disk ${folderBytes(path.join(site, "pagefind"))} bytes`,
    );
    expect(requests.every((request) => request.status === 200)).toBe(true);
    expect(searchBytes).toBeLessThan(300_000);
    // One bundle: Pagefind's library and WebAssembly once. A plain query needs no filter data.
    const paths = requests.map((request) => request.path);
    expect(paths.filter((file) => file.endsWith("/pagefind.js"))).toEqual(["/pagefind/pagefind.js"]);
    expect(paths.filter((file) => file.endsWith("/pagefind-worker.js"))).toHaveLength(1);
    expect(paths.filter((file) => /\/wasm\.[a-z]+\.pagefind$/.test(file))).toEqual(["/pagefind/wasm.nb.pagefind"]);
    expect(paths.filter((file) => file.startsWith("/pagefind/filter/"))).toEqual([]);
  });

  it("finds the same survey for «gender equality» on /en/search/, in English, with a slide link", async () => {
    await freshPage();
    const status = await searchFor(page, server, "/en/search/", "gender equality");
    expect(status).toBe("2 results for “gender equality”.");
    const [hit] = await hits(page);
    expect(hit!.title).toBe("The municipalities' work on gender equality: survey results");
    expect(hit!.titleLang).toBe("en");
    expect(hit!.href).toBe(AGDER_URL_EN);
    expect(hit!.meta).toContain("Agder");
    expect(hit!.parts.length).toBeGreaterThan(0);
    expect(hit!.parts[0]!.href).toMatch(new RegExp(`^${AGDER_URL_EN}#slide-\\d+$`));
    expect(errors).toEqual([]);
  });

  it("finds it for «likestilling» from the English page and for «gender equality» from the Norwegian one", async () => {
    await freshPage();
    await searchFor(page, server, "/en/search/", "likestilling");
    expect((await hits(page)).map((hit) => hit.href)).toEqual([AGDER_URL_EN, GAVLEBORG_URL_EN]);
    await searchFor(page, server, "/sok/", "gender equality");
    const [hit] = await hits(page);
    expect(hit!.href).toBe(AGDER_URL);
    expect(hit!.title).toBe("Kommunenes arbeid med likestilling: Resultater fra kartlegging");
    expect(hit!.titleLang).toBe("nb");
    expect(hit!.parts.length).toBeGreaterThan(0);
  });

  it("says why a result matched when it was through a topic word in another language or part of a compound", async () => {
    await freshPage();
    await searchFor(page, server, "/en/search/", "gender equality");
    const found = await hits(page);
    expect(found.find((hit) => hit.href === GAVLEBORG_URL_EN)?.why).toEqual({ text: "Matched the topic Gender equality", name: "Gender equality", lang: "" });
    await searchFor(page, server, "/sok/", "likestilling");
    expect((await hits(page)).find((hit) => hit.href === GAVLEBORG_URL)?.why?.text).toBe("Treff på emnet Likestilling");
    // The Agder survey says "likestilling" itself: nothing to explain.
    expect((await hits(page)).find((hit) => hit.href === AGDER_URL)?.why).toBeNull();
    await searchFor(page, server, "/sok/", "integrering");
    const gavleborg = (await hits(page)).find((hit) => hit.href === GAVLEBORG_URL);
    expect(gavleborg?.why).toEqual({ text: "Treff på en del av jämställdhetsintegrering", name: "jämställdhetsintegrering", lang: "sv" });
    // Pagefind credits a compound's part to no slide: the slides that hold the compound are listed, with it marked.
    expect(gavleborg?.parts.map((part) => part.href)).toContain(`${GAVLEBORG_URL}#slide-2`);
    const marked = await page.$$eval(`.search-hit:has(a[href="${GAVLEBORG_URL}"]) :is(.search-hit-excerpt, .search-part-excerpt) mark`, (marks) =>
      marks.map((mark) => mark.textContent?.toLocaleLowerCase()),
    );
    expect(marked.length).toBeGreaterThan(1);
    expect(new Set(marked)).toEqual(new Set(["jämställdhetsintegrering"]));
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("gives the words of an excerpt in another language than the document's a lang of their own", async () => {
    await freshPage();
    await searchFor(page, server, "/en/search/", "gender equality");
    /** Each result's excerpts (the result's and its slides'): the paragraph's lang, and each span's lang and text. */
    const excerpts = await page.$$eval(".search-hit", (items) =>
      items.map((item) => ({
        href: item.querySelector(".search-hit-title a")?.getAttribute("href") ?? "",
        excerpts: [...item.querySelectorAll<HTMLElement>(".search-hit-excerpt, .search-part-excerpt")].map((paragraph) => ({
          lang: paragraph.lang,
          spans: [...paragraph.querySelectorAll<HTMLElement>("span[lang]")].map((span) => `${span.lang}: ${span.textContent}`),
        })),
      })),
    );
    const agder = excerpts.find((hit) => hit.href === AGDER_URL_EN)!;
    // The English title in the Norwegian record's head, and the topic's English label on the slides that mention it.
    expect(agder.excerpts[0]).toEqual({ lang: "nb", spans: ["en: The municipalities' work on gender equality: survey results."] });
    expect(agder.excerpts.length).toBeGreaterThan(1);
    for (const slide of agder.excerpts.slice(1)) expect(slide.spans.join(" | ")).toMatch(/^en: Gender equality\b/);
    // The Swedish record's English title, then its own Swedish words.
    const gavleborg = excerpts.find((hit) => hit.href === GAVLEBORG_URL_EN)!;
    expect(gavleborg.excerpts[0]!.lang).toBe("sv");
    expect(gavleborg.excerpts[0]!.spans).toHaveLength(1);
    expect(gavleborg.excerpts[0]!.spans[0]).toMatch(/^en: .*gender equality resource\) 2011–2013\.$/);
    expect(await axeViolations(page)).toEqual([]);
    // «likestilling» finds it through its topic alone: the excerpt is its registry words, the Norwegian ones in Norwegian.
    await searchFor(page, server, "/sok/", "likestilling");
    const swedish = await page.$eval(`.search-hit:has(a[href="${GAVLEBORG_URL}"]) .search-hit-excerpt`, (paragraph) => ({
      lang: (paragraph as HTMLElement).lang,
      spans: [...paragraph.querySelectorAll<HTMLElement>("span[lang]")].map((span) => `${span.lang}: ${span.textContent}`),
    }));
    expect(swedish.lang).toBe("sv");
    expect(swedish.spans.find((span) => span.startsWith("nb:"))).toMatch(/^nb: Likestilling · likeverd · /);
    expect(errors).toEqual([]);
  });

  it("takes an excerpt from the document's own words when the query matched any, not from its topics' keywords", async () => {
    await freshPage();
    // «planar» matches the topic Planning's keywords (municipal master plan, action plan) on these documents, and their text.
    await searchFor(page, server, "/sok/", "planar");
    const excerpts = await page.$$eval(".search-hit", (items) =>
      items.map((item) => ({
        href: item.querySelector(".search-hit-title a")?.getAttribute("href") ?? "",
        text: item.querySelector(".search-hit-excerpt")?.textContent ?? "",
      })),
    );
    const agder = excerpts.find((hit) => hit.href === AGDER_URL)!;
    expect(agder.text).toContain("handlingsplan for likestilling");
    for (const hit of excerpts) expect(hit.text).not.toMatch(/municipal master plan|kommuneplan · handlingsplan/);
    expect(errors).toEqual([]);
  });

  it("lists a result's slides in the document's order, those Pagefind found and those holding a compound alike", async () => {
    await freshPage();
    // Pagefind finds «plan» on the Agder survey's slides 3, 9 and 12; slide 10 holds it only inside a compound.
    await searchFor(page, server, "/sok/", "plan");
    const agder = (await hits(page)).find((hit) => hit.href === AGDER_URL);
    expect(agder?.parts.map((part) => part.href.replace(AGDER_URL, ""))).toEqual(["#slide-3", "#slide-9", "#slide-10", "#slide-12"]);
    expect(errors).toEqual([]);
  });

  it("never shows the words a record adds for the index only in an excerpt, and marks the text's matches", async () => {
    await freshPage();
    /** Each result's displayed excerpt (its text and marked words) with Pagefind's data for it: content, anchors and its own excerpt. */
    const shown = async (query: string) => {
      await searchFor(page, server, "/sok/", query);
      const displayed = await page.$$eval(".search-hit", (items) =>
        items.map((item) => ({
          href: item.querySelector(".search-hit-title a")?.getAttribute("href") ?? "",
          text: item.querySelector(".search-hit-excerpt")?.textContent ?? "",
          marked: [...item.querySelectorAll(".search-hit-excerpt mark")].map((mark) => mark.textContent ?? ""),
        })),
      );
      // A string, not a function: Vitest would rewrite a function's import() into its own loader.
      const data: PagefindData[] = await page.evaluate(`(async () => {
        const pagefind = await import("/pagefind/pagefind.js");
        const found = await pagefind.search(${JSON.stringify(query)});
        return Promise.all(found.results.map(async (result) => {
          const { meta, content, excerpt, anchors } = await result.data();
          return { doc: meta.doc, content, excerpt, anchors };
        }));
      })()`);
      return displayed.map((hit) => {
        const entry = data.find((candidate) => hit.href === `/dokumenter/${candidate.doc}/`)!;
        const words = entry.content.split(/\s+/);
        const from = entry.anchors.find((anchor) => anchor.id === "index-only")?.location ?? words.length;
        const to = Math.min(words.length, ...entry.anchors.map((anchor) => anchor.location).filter((location) => location > from));
        return { ...hit, indexOnly: words.slice(from, to), outside: [...words.slice(0, from), ...words.slice(to)], pagefindExcerpt: entry.excerpt };
      });
    };

    // Region Gävleborg's project matches «integrering» only through a compound part (jämställdhetsintegrering).
    const gavleborg = (await shown("integrering")).find((hit) => hit.href === GAVLEBORG_URL)!;
    expect(gavleborg.indexOnly).toContain("integrering");
    // Pagefind's own excerpt is taken from among the index-only words …
    expect(gavleborg.pagefindExcerpt).toContain("<mark>integrering</mark>");
    // … the page shows a run of the document's own words instead, with the compound that holds the part marked.
    expect(` ${gavleborg.outside.join(" ")} `).toContain(` ${gavleborg.text} `);
    expect(gavleborg.marked.length).toBeGreaterThan(0);
    for (const word of gavleborg.marked) expect(word.toLowerCase()).toBe("jämställdhetsintegrering");

    // The Agder survey says «likestilling» itself: the excerpt marks it, and is a run of the document's own words.
    const agder = (await shown("likestilling")).find((hit) => hit.href === AGDER_URL)!;
    expect(agder.indexOnly.length).toBeGreaterThan(0);
    expect(agder.marked.length).toBeGreaterThan(0);
    for (const word of agder.marked) expect(word.toLowerCase()).toContain("likestilling");
    // Pagefind marks "likestilling:" with its colon; the page marks the word alone and leaves the colon beside it.
    expect(agder.text).toMatch(/likestilling[:,]/i);
    for (const word of agder.marked) expect(word).toMatch(/^[\p{L}\p{N}]+$/u);
    expect(` ${agder.outside.join(" ")} `).toContain(` ${agder.text} `);
    expect(errors).toEqual([]);
  });

  it("finds a word with ø typed without it, as o or as oe, marks the word as the text has it, and links the slide that holds it", async () => {
    // Stavanger's presentation names «Inger Østensjø»; a reader without the letter types "ostensjo", or "oestensjoe".
    for (const query of ["ostensjo", "oestensjoe"]) {
      await freshPage();
      await searchFor(page, server, "/en/search/", query);
      const found = (await hits(page)).find((hit) => hit.href === "/en/documents/stavanger/forankring-fryder/");
      expect(found, `the document that names Østensjø, for "${query}"`).toBeDefined();
      expect(found!.why).toBeNull();
      const marked = await page.$$eval(".search-hit-excerpt mark", (marks) => marks.map((mark) => mark.textContent));
      expect(marked).toContain("Østensjø");
      // Pagefind credits the added spelling to no slide; the page finds the slide that names her.
      expect(found!.parts.map((part) => part.href)).toEqual(["/en/documents/stavanger/forankring-fryder/#slide-1"]);
      expect(await page.$$eval(".search-part-excerpt mark", (marks) => marks.map((mark) => mark.textContent))).toEqual(["Østensjø"]);
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("finds a quoted phrase only where its words stand side by side, and marks them there", async () => {
    // «utvikling» and «sammen» are both in four documents, side by side only in Stavanger's ("bærekraftig utvikling.
    // Sammen med folkehelse"): Pagefind answers a quoted phrase from each word's places, which the index must keep.
    await freshPage();
    await searchFor(page, server, "/sok/", "utvikling sammen");
    expect((await hits(page)).length).toBeGreaterThan(1);
    await freshPage();
    await searchFor(page, server, "/sok/", '"utvikling sammen"');
    const found = await hits(page);
    expect(found.map((hit) => hit.href)).toEqual(["/dokumenter/stavanger/forankring-fryder/"]);
    // Pagefind gives a phrase's words the lowest weight: not to be taken for a compound's part ("ledelsesutviklingsprogrammet").
    expect(found[0]!.why).toBeNull();
    expect(await page.$$eval(".search-hit-excerpt mark", (marks) => marks.map((mark) => mark.textContent))).toEqual(["utvikling", "Sammen"]);
    expect(found[0]!.parts.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it("lands a slide link on that slide", async () => {
    await freshPage();
    await searchFor(page, server, "/sok/", "likestilling");
    const link = page.locator(".search-parts a").first();
    const href = (await link.getAttribute("href"))!;
    const anchor = href.split("#")[1]!;
    await link.click();
    await page.waitForURL(`**${AGDER_URL}#${anchor}`);
    expect(new URL(page.url()).hash).toBe(`#${anchor}`);
    const slide = page.locator(`[id="${anchor}"]`);
    expect(await slide.count()).toBe(1);
    expect((await slide.textContent())!.toLowerCase()).toContain("likestilling");
    expect(await page.evaluate(() => document.querySelector(":target")?.id)).toBe(anchor);
  });

  it("narrows the results with a filter, and counts what each choice would give once the filters are reached for", async () => {
    await freshPage();
    const status = await searchFor(page, server, "/en/search/", "planning");
    const before = await hits(page);
    expect(before.length).toBeGreaterThan(1);
    expect(status).toBe(`${before.length} results for “planning”.`);
    const stavanger = page.locator('.facet[data-facet="publisher"] input[value="stavanger"]');
    const countOfStavanger = page.locator('.facet[data-facet="publisher"] li:has(input[value="stavanger"]) [data-count]');
    // The filter data is loaded when the pointer or focus reaches the filters, not with the query.
    expect(await countOfStavanger.textContent()).toBe("");
    const filterRequests = () => server.requests.filter((request) => request.path.startsWith("/pagefind/filter/")).length;
    const filtersBefore = filterRequests();
    await page.hover('.facet[data-facet="publisher"]');
    await page.waitForFunction(
      () => document.querySelector('.facet[data-facet="publisher"] li:has(input[value="stavanger"]) [data-count]')?.textContent !== "",
    );
    expect(filterRequests()).toBeGreaterThan(filtersBefore);
    const count = await countOfStavanger.textContent();
    await stavanger.check();
    await waitForStatus(page, /^1 result for/);
    const after = await hits(page);
    expect(after.map((hit) => hit.href)).toEqual(["/en/documents/stavanger/forankring-fryder/"]);
    expect(after[0]!.meta).toContain("Stavanger municipality");
    expect(count).toBe("(1)");
    expect(new URL(page.url()).searchParams.getAll("publisher")).toEqual(["stavanger"]);
    // Another publisher is an alternative, not an extra condition: Stavanger's document and Agder's.
    await page.locator('.facet[data-facet="publisher"] input[value="agder"]').check();
    const ofEither = before.filter((hit) => /\/documents\/(stavanger|agder)\//.test(hit.href)).length;
    expect(ofEither).toBe(2);
    await waitForStatus(page, new RegExp(`^${ofEither} results for`));
    await page.click("[data-search-clear]");
    await waitForStatus(page, new RegExp(`^${before.length} results for`));
  });

  it("restores a search from the address and lists documents by filter alone, undated ones last", async () => {
    await freshPage();
    await page.goto(server.url("/en/search/?language=nb&sort=oldest"));
    await waitForStatus(page, /^4 documents match the filters\.$/);
    expect(await page.isChecked('.facet[data-facet="language"] input[value="nb"]')).toBe(true);
    expect(await page.inputValue("#search-sort")).toBe("oldest");
    const countOf = (facet: string, value: string) => page.textContent(`.facet[data-facet="${facet}"] li:has(input[value="${value}"]) [data-count]`);
    expect(await countOf("type", "presentation")).toBe("(4)");
    expect(await countOf("publisher", "agder")).toBe("(1)");
    expect(await countOf("publisher", "oslo")).toBe("(1)");
    expect(await countOf("language", "nb")).toBe("(4)");
    const oldest = await hits(page);
    expect(oldest[0]!.dates).toEqual(["2009-09-09"]);
    expect(oldest.slice(1).map((hit) => hit.dates)).toEqual([[], [], []]);
    await page.selectOption("#search-sort", "newest");
    await waitForStatus(page, /^4 documents/);
    expect((await hits(page))[0]!.dates).toEqual(["2009-09-09"]);
    expect(new URL(page.url()).searchParams.get("sort")).toBe("newest");
    // The language switcher keeps the search.
    expect(await page.getAttribute('.lang-switcher a[hreflang="nb"]', "href")).toBe("/sok/?sort=newest&language=nb");
  });

  it("works with the keyboard alone", async () => {
    await freshPage();
    await page.goto(server.url("/sok/"));
    await page.waitForSelector("#search-q", { state: "visible" });
    let focused = "";
    for (let i = 0; i < 40 && focused !== "search-q"; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => document.activeElement?.id ?? "");
    }
    expect(focused).toBe("search-q");
    await page.keyboard.type("heltidskultur");
    await waitForStatus(page, /treff for «heltidskultur»/);
    let inResults = false;
    for (let i = 0; i < 80 && !inResults; i++) {
      await page.keyboard.press("Tab");
      inResults = await page.evaluate(() => Boolean(document.activeElement?.closest(".search-hit-title")));
    }
    expect(inResults).toBe(true);
    const target = await page.evaluate(() => document.activeElement?.getAttribute("href"));
    await page.keyboard.press("Enter");
    await page.waitForURL(`**${target}`);
  });

  it("has no axe-core violations with results shown, in both languages", async () => {
    await freshPage();
    await searchFor(page, server, "/sok/", "likestilling");
    expect(await axeViolations(page)).toEqual([]);
    await searchFor(page, server, "/en/search/", "planning");
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("says what to do instead when JavaScript is off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const noJs = await context.newPage();
      await noJs.goto(server.url("/en/search/"));
      expect(await noJs.isVisible("[data-search-fallback]")).toBe(true);
      expect(await noJs.textContent("[data-search-fallback]")).toContain("Search needs JavaScript");
      expect(await noJs.isVisible("#search-q")).toBe(false);
      const links = await noJs.$$eval("[data-search-fallback] a", (anchors) => anchors.map((a) => a.getAttribute("href")));
      expect(links).toEqual(["/en/topics/", "/en/publishers/"]);
    } finally {
      await context.close();
    }
  });

  it("opens at an address with a query without moving what is on the screen, on a phone and on a desktop", async () => {
    // Before the search reserved the screen's height, the form replacing the fallback and then the results pushed
    // the footer out of a phone's view: a cumulative layout shift of 0.3 (Lighthouse; "good" is under 0.1).
    for (const viewport of [
      { width: 412, height: 823 },
      { width: 1280, height: 720 },
    ]) {
      await freshPage();
      await page.setViewportSize(viewport);
      const layoutShifts = await watchLayoutShifts(page);
      await page.goto(server.url("/sok/?q=likestilling"));
      await waitForStatus(page, /^2 treff for «likestilling»\.$/);
      await page.waitForSelector(".search-hit");
      const shifts = await layoutShifts();
      expect(
        shifts.reduce((sum, value) => sum + value, 0),
        `${viewport.width} px: ${shifts.join(", ")}`,
      ).toBeLessThan(0.01);
      expect(errors).toEqual([]);
    }
  });

  it("hides the fallback and shows the form when the script runs", async () => {
    await freshPage();
    await page.goto(server.url("/sok/"));
    await page.waitForSelector("#search-q", { state: "visible" });
    expect(await page.isVisible("[data-search-fallback]")).toBe(false);
    expect(await page.textContent("[data-search-status]")).toBe("Skriv et søkeord, eller velg en avgrensning for å se dokumentene.");
  });
});

/** A Nynorsk document, undated: "skulen" and "skulane" are one word to Pagefind's Norwegian stemmer. */
const NYNORSK_DOCUMENT = `---
title: Skulebruk i Testby
type: presentation
publisher: testby
date: unknown
language: nn
---

## Skulane

Skulane i kommunen vart pussa opp.
`;

describe("search across body languages in one bundle (fixture site: Bokmål, Nynorsk and Swedish)", () => {
  let project: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    project = makeProject("site-basic", { "content/testby/skulebruk-i-testby.md": NYNORSK_DOCUMENT });
    const result = await build({ root: project });
    expect(result.ok).toBe(true);
    const entry = JSON.parse(readFileSync(path.join(project, "_site", "pagefind", "pagefind-entry.json"), "utf8"));
    expect(Object.keys(entry.languages)).toEqual(["nb"]);
    expect(entry.languages.nb.page_count).toBe(3);
    server = await startStaticServer(path.join(project, "_site"));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeProject(project);
  });

  it("finds documents in every body language, each shown in its own language", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    const status = await searchFor(page, server, "/en/search/", "Testby");
    expect(status).toBe("3 results for “Testby”.");
    const found = await hits(page);
    expect(found.map((hit) => hit.href).sort()).toEqual([
      "/en/documents/testby-sentrum/integrering-i-sentrum/",
      "/en/documents/testby/likestilling-i-testby/",
      "/en/documents/testby/skulebruk-i-testby/",
    ]);
    const swedish = found.find((hit) => hit.href.includes("integrering"))!;
    expect(swedish.title).toBe('Integrering i sentrum <script>alert("x")</script>');
    expect(swedish.titleLang).toBe("sv");
    expect(swedish.meta).toBe("Report · Sentrum district · 2010 · Swedish");
    expect(found.find((hit) => hit.href.includes("skulebruk"))!.titleLang).toBe("nn");
    expect(await page.$$eval(".search-hit-excerpt", (ps) => ps.map((p) => p.getAttribute("lang")).sort())).toEqual(["nb", "nn", "sv"]);
    expect(await page.evaluate(() => document.querySelectorAll(".search-hits script, .search-hits b").length)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("finds an inflected Nynorsk word, stemmed as Norwegian, with a link to its slide", async () => {
    const page = await browser.newPage();
    expect(await searchFor(page, server, "/sok/", "skulen")).toBe("1 treff for «skulen».");
    const [hit] = await hits(page);
    expect(hit!.href).toBe("/dokumenter/testby/skulebruk-i-testby/");
    expect(hit!.meta).toBe("Presentasjon · Testby kommune · Ukjent dato · Norsk nynorsk");
    expect(hit!.parts.map((part) => part.href)).toEqual(["/dokumenter/testby/skulebruk-i-testby/#slide-1"]);
    await page.close();
  });

  it("finds an inflected Swedish word first, with a link to its section", async () => {
    const page = await browser.newPage();
    await searchFor(page, server, "/sok/", "integrationen");
    // Pagefind may add a weak partial match ("in"); the real one ranks first.
    const [hit] = await hits(page);
    expect(hit!.href).toBe("/dokumenter/testby-sentrum/integrering-i-sentrum/");
    expect(hit!.parts.map((part) => part.href)).toEqual(["/dokumenter/testby-sentrum/integrering-i-sentrum/#section-1"]);
    expect(hit!.parts[0]!.text).toBe("Del 1: Bakgrund");
    await page.close();
  });

  it("sorts by date across languages, undated documents last both ways", async () => {
    const page = await browser.newPage();
    await page.goto(server.url("/en/search/?publisher=testby&sort=newest"));
    await waitForStatus(page, /^3 documents/);
    expect((await hits(page)).map((hit) => hit.dates[0])).toEqual(["2011-03-15", "2010", undefined]);
    await page.selectOption("#search-sort", "oldest");
    await page.waitForFunction(() => document.querySelector(".search-hit time")?.getAttribute("datetime") === "2010");
    expect((await hits(page)).map((hit) => hit.dates[0])).toEqual(["2010", "2011-03-15", undefined]);
    expect(await page.textContent('.facet[data-facet="language"] li:has(input[value="nn"]) [data-count]')).toBe("(1)");
    await page.close();
  });
});

/** Twelve short Bokmål documents that all say "vannforsyning", dated one month apart. */
const WATER_DOCUMENTS = Object.fromEntries(
  Array.from({ length: 12 }, (_, i) => [
    `content/testby/vannforsyning-${i + 1}.md`,
    `---\ntitle: Vannforsyning del ${i + 1}\ntype: report\npublisher: testby\ndate: 2020-${String(i + 1).padStart(2, "0")}-01\nlanguage: nb\n---\n\n## Vann\n\nVannforsyning i Testby, del ${i + 1}.\n`,
  ]),
);

describe("showing five results first, then more on request (fixture site with twelve matching documents)", () => {
  let project: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    project = makeProject("site-basic", WATER_DOCUMENTS);
    const result = await build({ root: project });
    expect(result.ok).toBe(true);
    server = await startStaticServer(path.join(project, "_site"));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeProject(project);
  });

  it("loads the fragments of the first five results only, and the rest from the keyboard with «Show more results»", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    const fragments = () => server.requests.filter((request) => request.path.endsWith(".pf_fragment")).length;
    const before = fragments();
    expect(await searchFor(page, server, "/en/search/", "vannforsyning")).toBe("12 results for “vannforsyning”.");
    const first = await hits(page);
    expect(first).toHaveLength(5);
    expect(fragments() - before).toBe(5);
    const more = page.locator("[data-search-more]");
    expect(await more.isVisible()).toBe(true);
    expect(await more.textContent()).toBe("Show more results");
    // From the keyboard: focus the button, press Enter; focus moves to the first new result.
    await more.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll(".search-hit").length === 12);
    const all = await hits(page);
    expect(all.slice(0, 5).map((hit) => hit.href)).toEqual(first.map((hit) => hit.href));
    expect(new Set(all.map((hit) => hit.href)).size).toBe(12);
    expect(await page.evaluate(() => document.activeElement?.closest(".search-hit")?.querySelector(".search-hit-title a")?.getAttribute("href"))).toBe(
      all[5]!.href,
    );
    expect(fragments() - before).toBe(12);
    expect(await more.isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the Norwegian button text on /sok/", async () => {
    const page = await browser.newPage();
    await searchFor(page, server, "/sok/", "vannforsyning");
    expect(await hits(page)).toHaveLength(5);
    expect(await page.textContent("[data-search-more]")).toBe("Vis flere treff");
    await page.close();
  });
});

/** Fourteen short documents, one a year from 2000: with the fixture's own, a year facet longer than twelve. */
const YEAR_DOCUMENTS = Object.fromEntries(
  Array.from({ length: 14 }, (_, i) => [
    `content/testby/arsmelding-${2000 + i}.md`,
    `---\ntitle: Årsmelding ${2000 + i}\ntype: report\npublisher: testby\ndate: ${2000 + i}-06-01\nlanguage: nb\n---\n\n## Året\n\nÅrsmelding for Testby.\n`,
  ]),
);

describe("a facet of many options (fixture site with a document a year from 2000)", () => {
  let project: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    project = makeProject("site-basic", YEAR_DOCUMENTS);
    const result = await build({ root: project, cache: false });
    expect(result.ok).toBe(true);
    server = await startStaticServer(path.join(project, "_site"));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeProject(project);
  });

  it("shows the newest ten years, the rest behind «Show all», which opens for a year ticked in the address", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(server.url("/en/search/"));
    await page.waitForSelector("#search-q", { state: "visible" });
    const years = '.facet[data-facet="year"]';
    expect(await page.$$eval(`${years} > ul input`, (boxes) => boxes.map((box) => (box as HTMLInputElement).value))).toEqual(
      Array.from({ length: 10 }, (_, i) => String(2013 - i)),
    );
    const more = page.locator(`${years} [data-facet-more]`);
    expect(await more.locator("summary").textContent()).toMatch(/^Show all \d+$/);
    expect(await more.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    // Closed, its boxes are out of the tab order: the keyboard passes one summary, not every older year.
    expect(await more.locator('input[value="2001"]').isVisible()).toBe(false);
    // A search for an older year, from the address: the box is ticked and shown, and the results are that year's.
    await page.goto(server.url("/en/search/?year=2001"));
    await page.waitForFunction(() => document.querySelectorAll(".search-hit").length > 0);
    expect(await more.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    expect(await more.locator('input[value="2001"]').isChecked()).toBe(true);
    expect((await hits(page)).map((hit) => hit.title)).toEqual(["Årsmelding 2001"]);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

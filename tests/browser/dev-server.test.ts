/**
 * `npm start` end to end: the dev server (scripts/cli/serve.ts) on a fixture
 * project, watched by a real browser. A saved edit re-renders only that
 * document and the open page reloads by itself, and search finds the new text
 * once the background index has caught up; a content error shows in the
 * terminal and in a banner on the page, without stopping the server, and
 * goes away when the file is fixed. It listens before its first build: meanwhile a page says the site is being
 * built, or the site the folder already holds is served and reloads once the first build is written.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/corpus.ts";
import { axeViolations, collectPageErrors, hasChromium, launchBrowser } from "../helpers/browser.ts";
import { startDevServer, type DevServerProcess } from "../helpers/dev-server.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";

const DOCUMENT = "content/testby/likestilling-i-testby.md";
const PAGE = "/dokumenter/testby/likestilling-i-testby/";

describe.skipIf(!hasChromium())("the dev server", () => {
  let dir: string;
  let server: DevServerProcess;
  let browser: Browser;
  const url = (pathname: string) => server.url(pathname);
  const logged = (pattern: RegExp, from: number, ms?: number) => server.logged(pattern, from, ms);
  const edit = (change: (text: string) => string) => {
    const file = path.join(dir, DOCUMENT);
    writeFileSync(file, change(readFileSync(file, "utf8")));
  };

  beforeAll(async () => {
    dir = makeProject();
    server = startDevServer(dir);
    await logged(/Watching .* for changes/, 0, 60_000);
    // The first build's index, in the background: the edit's index is then the only one after it, not this one
    // finishing late (with the edit's words not yet in it).
    await logged(/Search index updated/, 0, 60_000);
    await server.listening();
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeProject(dir);
  });

  it("re-renders only the edited document, and the open page reloads with the change", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(url(PAGE));
    expect(await page.locator("h1").textContent()).toBe("Likestilling i Testby");

    const from = server.output().length;
    edit((text) => `${text}\nEt avsnitt om solsikkeåkrer, skrevet mens siden var åpen.\n`);
    expect(await logged(/Wrote (\d+) files in [\d.]+ seconds \(([^;]+);/, from)).toMatch(
      // Per locale: its page, embed view, oEmbed file and two citation files (tests/editor/dev-data.test.ts lists them).
      /Wrote 10 files .*changed documents only/,
    );
    await page.getByText("Et avsnitt om solsikkeåkrer, skrevet mens siden var åpen.").waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);

    // The search index follows in the background.
    await logged(/Search index updated/, from);
    await page.goto(url("/sok/"));
    await page.fill("#search-q", "solsikkeåkrer");
    await page.press("#search-q", "Enter");
    await page.waitForFunction(() => /^1 /.test(document.querySelector("[data-search-status]")?.textContent ?? ""), undefined, { timeout: 15_000 });
    expect(await page.locator(".search-results a").first().getAttribute("href")).toContain(PAGE);
    await page.close();
  }, 60_000);

  it("shows a content error in the terminal and on the page, keeps serving, and clears it when fixed", async () => {
    const page = await browser.newPage();
    await page.goto(url(PAGE));
    await expect(page.locator(".dev-problems").count()).resolves.toBe(0);

    let from = server.output().length;
    edit((text) => text.replace("type: presentation", "type: presentaton"));
    await logged(/likestilling-i-testby\.md:\d+:\d+ type: "presentaton" is not allowed\. Did you mean "presentation"\?/, from);
    const banner = page.locator(".dev-problems");
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.textContent()).toContain('"presentaton" is not allowed. Did you mean "presentation"?');
    expect(await banner.locator("h2").textContent()).toBe("Innholdet har 1 feil");
    // The page itself is the last good version; other pages show the banner too.
    expect(await page.locator("h1").textContent()).toBe("Likestilling i Testby");
    const english = await browser.newPage();
    await english.goto(url("/en/"));
    await english.locator(".dev-problems").waitFor({ timeout: 15_000 });
    expect(await english.locator(".dev-problems h2").textContent()).toBe("The content has 1 error");
    expect(await axeViolations(english)).toEqual([]);

    from = server.output().length;
    edit((text) => text.replace("type: presentaton", "type: presentation"));
    await logged(/Content is valid again\./, from);
    await page.waitForFunction(() => document.querySelector(".dev-problems") === null, undefined, { timeout: 15_000 });
    await english.close();
    await page.close();
  }, 60_000);
});

describe.skipIf(!hasChromium())("the dev server's first build", () => {
  let work: string | undefined;
  let server: DevServerProcess | undefined;
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    // Stopped first: it still writes the search index after the first build.
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("comes after the server listens: a page says the site is being built until it is written; the site the folder holds is served meanwhile, and reloads", async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-first-build-"));
    // Enough documents that the first build takes seconds after the server listens.
    generateCorpus({ dir: work, docs: 500 });
    browser = await launchBrowser();
    server = startDevServer(work);
    await server.listening();
    expect(server.output()).not.toContain("first build");
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    const building = await page.goto(server.url("/"));
    expect(building?.headers()["cache-control"]).toBe("no-store");
    expect(await page.locator("h1").textContent()).toBe("Lysark bygger nettstedet");
    expect(await page.locator('p[lang="nb"]').textContent()).toBe("Lysark bygger nettstedet for forhåndsvisningen. Siden lastes inn når det er ferdig.");
    expect(await page.locator('p[lang="en"]').textContent()).toBe("Lysark is building the site for the preview. This page loads once it is done.");
    expect(await axeViolations(page)).toEqual([]);
    // What the page's script asks, for a page whose reload script connected after the build was written.
    expect(await (await fetch(server.url("/_lysark/first-build"))).json()).toEqual({ building: true });
    // A save made while the first build runs is rendered after it.
    await server.logged(/Watching .* for changes/, 0, 60_000);
    expect(
      server.output(),
      "the watcher was ready only after the first build was written: it starts before it (or the corpus is too small to tell)",
    ).not.toContain("first build)");
    const [publisher] = readdirSync(path.join(work, "content")).filter((name) => !name.startsWith("_"));
    const [slug] = readdirSync(path.join(work, "content", publisher!)).filter((name) => name.endsWith(".md"));
    const saved = path.join(work, "content", publisher!, slug!);
    writeFileSync(saved, `${readFileSync(saved, "utf8")}\nLagret mens det første bygget pågikk.\n`);
    // Its script asks each second: the site takes its place once the first build is written.
    await server.logged(/\[lysark\] Wrote \d+ files in [\d.]+ seconds \(whole site; first build\)/, 0, 90_000);
    await page.waitForFunction(
      () => document.querySelector('script[src$="/_lysark/first-build.js"]') === null && document.querySelector("h1") !== null,
      undefined,
      {
        timeout: 15_000,
      },
    );
    expect(await page.locator("html").getAttribute("lang")).toBe("nb");
    expect(await (await fetch(server.url("/_lysark/first-build"))).json()).toEqual({ building: false });
    const afterFirst = server.output().indexOf("first build)");
    expect(await server.logged(/Wrote \d+ files in [\d.]+ seconds \(changed documents only; [^)]+\)/, afterFirst)).toContain(`${publisher}/${slug}`);
    const savedPage = await fetch(server.url(`/dokumenter/${publisher}/${slug!.replace(/\.md$/, "")}/`));
    expect(await savedPage.text()).toContain("Lagret mens det første bygget pågikk.");
    expect(errors).toEqual([]);
    await server.stop();

    // Started again: the site the folder holds is served at once, and the open page reloads once the first build is written.
    server = startDevServer(work);
    await server.listening();
    const last = await page.goto(server.url("/"));
    expect(last?.status()).toBe(200);
    // What the last page said when its server stopped (its reload script's connection refused) is not this page's.
    errors.length = 0;
    await page.evaluate(() => Object.assign(window, { beforeFirstBuild: true }));
    expect(server.output(), "the first build was written before the page was open: make the corpus larger").not.toContain("first build)");
    expect(server.output()).toContain("Until the first build is written, the site already in the folder is served");
    await server.logged(/first build\)/, 0, 90_000);
    await page.waitForFunction(() => !("beforeFirstBuild" in window), undefined, { timeout: 15_000 });
    expect(errors).toEqual([]);
  }, 180_000);
});

/**
 * `npm start` end to end: the dev server (scripts/cli/serve.ts) on a fixture
 * project, watched by a real browser. A saved edit re-renders only that
 * document and the open page reloads by itself, and search finds the new text
 * once the background index has caught up; a content error shows in the
 * terminal and in a banner on the page, without stopping the server, and
 * goes away when the file is fixed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    expect(await english.locator(".dev-problems h2").textContent()).toBe("The content has 1 error(s)");
    expect(await axeViolations(english)).toEqual([]);

    from = server.output().length;
    edit((text) => text.replace("type: presentaton", "type: presentation"));
    await logged(/Content is valid again\./, from);
    await page.waitForFunction(() => document.querySelector(".dev-problems") === null, undefined, { timeout: 15_000 });
    await english.close();
    await page.close();
  }, 60_000);
});

/**
 * A site published under a path, in Chromium: the publishing fixture built
 * with url "https://example.github.io/lysark/" and served only under /lysark/
 * (anything outside it is a 404, as on a GitHub project site), so a link,
 * stylesheet, script, image or search file that forgot the base fails here.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { collectPageErrors, hasChromium, useBrowserSession } from "../helpers/browser.ts";
import { removeProject } from "../helpers/fixture.ts";
import { buildPublishProject } from "../publish/helpers.ts";

const BASE = "/lysark";

describe.skipIf(!hasChromium())("a site under /lysark/ in Chromium", () => {
  const session = useBrowserSession(
    async () => {
      const { dir } = await buildPublishProject({
        "site.config.json": JSON.stringify({ url: `https://example.github.io${BASE}/`, repository: "https://git.example.org/lysark/lysark", pageSize: 2 }),
      });
      return { siteDir: `${dir}/_site`, cleanup: () => removeProject(dir) };
    },
    { basePath: BASE },
  );

  /** Opens `sitePath` under the base in a fresh page and gives the requests it made, the errors it logged and a close. */
  async function open(sitePath: string, run: (page: Page) => Promise<void>): Promise<{ requests: Array<{ path: string; status: number }>; errors: string[] }> {
    const page = await session.browser.newPage();
    const errors = collectPageErrors(page);
    const before = session.server.requests.length;
    try {
      await page.goto(session.server.url(sitePath));
      await run(page);
      return { requests: session.server.requests.slice(before), errors };
    } finally {
      await page.close();
    }
  }

  it("a document page loads its stylesheet, script and every image from under the base", async () => {
    const { requests, errors } = await open("/dokumenter/testby/bilder-og-vedlegg/", async (page) => {
      // The stylesheet applied: the skip link is moved off screen by site.css only.
      expect(await page.locator(".skip-link").evaluate((link) => getComputedStyle(link).position)).toBe("absolute");
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForFunction(() => [...document.images].every((image) => image.complete));
      const images = await page.evaluate(() => [...document.images].map((image) => ({ src: image.currentSrc, width: image.naturalWidth })));
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) {
        expect(image.width, image.src).toBeGreaterThan(0);
        expect(new URL(image.src).pathname.startsWith(`${BASE}/media/`), image.src).toBe(true);
      }
      // The language switcher and an attachment lead to pages and files under the base.
      const english = await page.locator('a[hreflang="en"][lang="en"]').getAttribute("href");
      expect(english).toBe(`${BASE}/en/documents/testby/bilder-og-vedlegg/`);
      const attachment = await page.locator(".attachments a").first().getAttribute("href");
      expect((await page.request.get(new URL(attachment!, page.url()).toString())).status()).toBe(200);
    });
    expect(requests.filter((request) => request.status !== 200)).toEqual([]);
    for (const kind of ["/assets/site.css", "/assets/present.js", "/media/"]) {
      expect(
        requests.some((request) => request.path.startsWith(`${BASE}${kind}`)),
        kind,
      ).toBe(true);
    }
    expect(errors).toEqual([]);
  });

  it("search loads its Pagefind bundle from under the base and its results open", async () => {
    const { requests, errors } = await open("/sok/", async (page) => {
      await page.waitForSelector("#search-q", { state: "visible" });
      await page.fill("#search-q", "likestilling");
      await page.press("#search-q", "Enter");
      const first = page.locator(".search-hit-title a").first();
      await first.waitFor({ timeout: 15_000 });
      const href = (await first.getAttribute("href"))!;
      expect(href).toMatch(new RegExp(`^${BASE}/dokumenter/testby/`));
      await first.click();
      await page.waitForURL((url) => url.pathname === href);
      expect(await page.locator("h1").count()).toBe(1);
    });
    const pagefind = requests.filter((request) => request.path.includes("/pagefind/"));
    expect(pagefind.length).toBeGreaterThan(2);
    for (const request of pagefind) expect(request.path.startsWith(`${BASE}/pagefind/`), request.path).toBe(true);
    expect(requests.filter((request) => request.status !== 200)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("the 404 page, served at a deep address, is styled and its links lead home", async () => {
    const { requests, errors } = await open("/dokumenter/testby/finnes/ikke/her/", async (page) => {
      expect(await page.locator("h1").textContent()).toBeTruthy();
      expect(await page.locator(".skip-link").evaluate((link) => getComputedStyle(link).position)).toBe("absolute");
      await page.locator("main a").first().click();
      await page.waitForURL((url) => url.pathname === `${BASE}/`);
    });
    expect(requests[0]).toMatchObject({ path: `${BASE}/dokumenter/testby/finnes/ikke/her/`, status: 404 });
    expect(requests.slice(1).filter((request) => request.status !== 200)).toEqual([]);
    expect(errors.filter((error) => !/status of 404/.test(error))).toEqual([]);
  });
});

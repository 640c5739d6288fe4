/**
 * axe-core (WCAG 2.1 A/AA) on the pages the publishing work added or
 * changed, in both locales and both colour schemes: a paginated listing, a
 * deck with an image, attachments, related documents and the edit link, and
 * the accessibility statement.
 */
import { describe, expect, it } from "vitest";
import { axeOptionsFor, axeViolations, hasChromium, useBrowserSession } from "../helpers/browser.ts";
import { sharedPublishSite } from "../publish/helpers.ts";

const PAGES = [
  "/tema/likestilling/side/2/",
  "/en/topics/likestilling/page/2/",
  "/dokumenter/testby/bilder-og-vedlegg/",
  "/en/documents/testby/bilder-og-vedlegg/",
  "/tilgjengelighet/",
  "/en/accessibility/",
];

describe.skipIf(!hasChromium())("publishing pages in Chromium", () => {
  const session = useBrowserSession(sharedPublishSite);

  for (const path of PAGES) {
    it(`${path}: no axe violations in light and dark mode, images load, no errors`, async () => {
      for (const colorScheme of ["light", "dark"] as const) {
        await session.withKeptPage(
          async (page, errors) => {
            await page.emulateMedia({ colorScheme });
            const response = await page.goto(session.server.url(path));
            expect(response?.status()).toBe(200);
            expect(await axeViolations(page, axeOptionsFor(colorScheme)), `${path} ${colorScheme}`).toEqual([]);
            // Lazy images load once scrolled to; every one must decode (AVIF in Chromium).
            await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
            await page.waitForFunction(() => [...document.images].every((image) => image.complete));
            const broken = await page.evaluate(() =>
              [...document.images].filter((image) => image.naturalWidth === 0).map((image) => image.currentSrc || image.src),
            );
            expect(broken).toEqual([]);
            expect(errors).toEqual([]);
          },
          { viewport: { width: 1100, height: 800 } },
        );
      }
    });
  }

  it("serves the AVIF source to Chromium", async () => {
    const page = await session.browser.newPage();
    try {
      await page.goto(session.server.url("/dokumenter/testby/bilder-og-vedlegg/"));
      const image = page.locator(".doc-body picture img");
      await image.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => (document.querySelector(".doc-body picture img") as HTMLImageElement).complete);
      expect(await image.evaluate((element) => (element as HTMLImageElement).currentSrc)).toMatch(/\/media\/[\w-]+-\d+\.avif$/);
    } finally {
      await page.close();
    }
  });
});

/**
 * An imported deck's slide pictures (LibreOffice) in Chromium: on the document
 * page and in presentation mode each picture loads, stands beside its slide's
 * text on a wide screen, and the page passes axe. Runs only where LibreOffice
 * is installed (CI installs it); one browser for the file.
 */
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { findSoffice } from "../../scripts/importer/originals/slide-pictures.ts";
import { axeViolations, collectPageErrors, hasChromium, useBrowserSession } from "../helpers/browser.ts";
import { removeProject } from "../helpers/fixture.ts";
import { importedDeckSite } from "../importer/originals/imported-site.ts";

const DECK = "/dokumenter/testby/internasjonal-satsing-i-testby/";

describe.skipIf(!hasChromium() || !findSoffice())("slide pictures of an imported deck", () => {
  const session = useBrowserSession(async () => {
    const { dir } = await importedDeckSite();
    return { siteDir: path.join(dir, "_site"), cleanup: () => removeProject(dir) };
  });

  async function open(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(session.server.url(DECK));
    return { page, errors, close: () => context.close() };
  }

  const slidePicture = (page: Page, n: number) => page.locator(`#slide-${n} img[alt^="Lysbilde ${n}:"]`);

  /** Scrolls the picture into view (it is lazy) and waits until it has loaded. */
  async function loaded(img: Locator): Promise<{ width: number; height: number }> {
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    return img.evaluate((el: HTMLImageElement) => ({ width: el.naturalWidth, height: el.naturalHeight }));
  }

  /**
   * The picture stands to the right of the slide's text, level with it. The text's
   * own line boxes are measured, not its block, which runs on under a float.
   */
  async function besideText(page: Page, n: number): Promise<boolean> {
    const picture = (await slidePicture(page, n).boundingBox())!;
    const text = await page
      .locator(`#slide-${n} :is(ul, table, p:not(:has(picture)):not(.slide-link))`)
      .first()
      .evaluate((el) => {
        // The union of the text nodes' own rectangles (a range over an element would count its children's boxes).
        const rects: DOMRect[] = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.textContent?.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          rects.push(range.getBoundingClientRect());
        }
        const left = Math.min(...rects.map((r) => r.left));
        const top = Math.min(...rects.map((r) => r.top));
        return { x: left, y: top, width: Math.max(...rects.map((r) => r.right)) - left, height: Math.max(...rects.map((r) => r.bottom)) - top };
      });
    return text.width > 0 && picture.x >= text.x + text.width && picture.y < text.y + text.height && text.y < picture.y + picture.height;
  }

  it("on the page: every slide has its picture, loaded through the image pipeline, beside the slide's text", async () => {
    const { page, errors, close } = await open();
    try {
      for (const n of [1, 2, 3, 4]) {
        const img = slidePicture(page, n);
        expect(await img.count()).toBe(1);
        expect(await img.getAttribute("loading")).toBe("lazy");
        expect(await page.locator(`#slide-${n} picture source`).count()).toBeGreaterThan(0);
        const size = await loaded(img);
        expect(size.width).toBeGreaterThan(size.height); // a landscape slide
      }
      expect(await slidePicture(page, 2).getAttribute("alt")).toBe("Lysbilde 2: Tallene bak satsingen");
      expect(await besideText(page, 1)).toBe(true);
      expect(await besideText(page, 2)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("in presentation mode: the current slide's picture loads and stands beside its text", async () => {
    const { page, errors, close } = await open();
    try {
      await page.getByRole("button", { name: "Presentasjonsmodus" }).click();
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => page.evaluate(() => location.hash)).toBe("#slide-2");
      const img = slidePicture(page, 2);
      expect(await img.isVisible()).toBe(true);
      await loaded(img);
      expect(await besideText(page, 2)).toBe(true);
      expect(await slidePicture(page, 1).isVisible()).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

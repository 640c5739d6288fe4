/**
 * Presentation mode in Chromium, driven by the keyboard: one slide per screen,
 * arrows, Page Up/Down, Home/End, the slide in the URL hash, Escape back to
 * the page, focus and the announced slide counter; and the page without
 * JavaScript stays a plain readable list of slides.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, collectPageErrors, hasChromium, useBrowserSession, watchLayoutShifts } from "../helpers/browser.ts";
import { sharedPublishSite } from "../publish/helpers.ts";

const DECK = "/dokumenter/testby/likestilling-i-testby/";

describe.skipIf(!hasChromium())("presentation mode", () => {
  const session = useBrowserSession(sharedPublishSite);

  /** Ids of the slides a person can see. */
  const visibleSlides = (page: Page) =>
    page.$$eval(".deck > .slide", (slides) =>
      slides
        .filter((slide) => (slide as HTMLElement).offsetParent !== null || getComputedStyle(slide).position === "fixed")
        .filter((slide) => getComputedStyle(slide).display !== "none")
        .map((slide) => slide.id),
    );
  const state = (page: Page) =>
    page.evaluate(() => ({
      presenting: document.documentElement.classList.contains("presenting"),
      hash: location.hash,
      counter: document.querySelector(".present-counter")?.textContent ?? null,
      focused: document.activeElement?.id || document.activeElement?.className || document.activeElement?.tagName,
    }));

  async function open(path = DECK, options: { javaScriptEnabled?: boolean } = {}) {
    const context = await session.browser.newContext({ viewport: { width: 1024, height: 700 }, javaScriptEnabled: options.javaScriptEnabled ?? true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(session.server.url(path));
    return { page, errors, close: () => context.close() };
  }

  it("is not needed to read the page: without JavaScript every slide shows and there is no button", async () => {
    const { page, close } = await open(DECK, { javaScriptEnabled: false });
    try {
      // The button is in the page, hidden until the script shows it.
      expect(await page.locator(".present-start").isVisible()).toBe(false);
      expect(await page.locator(".present-launch").isHidden()).toBe(true);
      expect(await visibleSlides(page)).toEqual(["slide-1", "slide-2", "slide-3", "slide-4"]);
    } finally {
      await close();
    }
  });

  it("takes the start button's room from the first paint: nothing on the page moves when the script shows it", async () => {
    // When the script made the button, it pushed the page below it down: a layout shift of 0.06 on a phone
    // (Lighthouse, a document of the bench corpus).
    for (const viewport of [
      { width: 412, height: 823 },
      { width: 1280, height: 800 },
    ]) {
      const context = await session.browser.newContext({ viewport });
      try {
        const page = await context.newPage();
        const errors = collectPageErrors(page);
        const layoutShifts = await watchLayoutShifts(page);
        await page.goto(session.server.url(DECK));
        const start = page.getByRole("button", { name: "Presentasjonsmodus" });
        await start.waitFor({ state: "visible" });
        expect(await start.isEnabled()).toBe(true);
        expect(await layoutShifts(), `${viewport.width} px`).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it("shows one slide per screen and moves by keyboard, keeping the slide in the URL and announcing it", async () => {
    const { page, errors, close } = await open();
    try {
      const start = page.getByRole("button", { name: "Presentasjonsmodus" });
      expect(await start.isVisible()).toBe(true);
      await start.focus();
      await page.keyboard.press("Enter");
      expect(await state(page)).toEqual({ presenting: true, hash: "#slide-1", counter: "Lysbilde 1 av 4", focused: "slide-1" });
      expect(await visibleSlides(page)).toEqual(["slide-1"]);
      // Not on every projected slide: the slide's address is in the address bar.
      expect(await page.locator("#slide-1 .slide-link").isVisible()).toBe(false);
      expect(await page.locator(".present-counter").getAttribute("aria-live")).toBe("polite");

      await page.keyboard.press("ArrowRight");
      expect(await state(page)).toMatchObject({ hash: "#slide-2", counter: "Lysbilde 2 av 4", focused: "slide-2" });
      expect(await visibleSlides(page)).toEqual(["slide-2"]);
      // The language switcher leads to the same slide in English.
      expect(await page.getAttribute('.lang-switcher a[hreflang="en"]', "href")).toBe("/en/documents/testby/likestilling-i-testby/#slide-2");
      await page.keyboard.press("PageDown");
      expect((await state(page)).hash).toBe("#slide-3");
      await page.keyboard.press("End");
      expect((await state(page)).counter).toBe("Lysbilde 4 av 4");
      await page.keyboard.press("ArrowRight");
      expect((await state(page)).hash).toBe("#slide-4");
      await page.keyboard.press("PageUp");
      expect((await state(page)).hash).toBe("#slide-3");
      await page.keyboard.press("ArrowLeft");
      expect((await state(page)).hash).toBe("#slide-2");
      await page.keyboard.press("Home");
      expect(await state(page)).toMatchObject({ hash: "#slide-1", counter: "Lysbilde 1 av 4" });
      await page.keyboard.press("ArrowLeft");
      expect((await state(page)).hash).toBe("#slide-1");
      expect(await page.locator(".present-previous").getAttribute("aria-disabled")).toBe("true");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("has buttons that keep focus, makes the rest of the page inert, and passes axe while presenting", async () => {
    const { page, errors, close } = await open("/en/documents/testby/likestilling-i-testby/");
    try {
      await page.getByRole("button", { name: "Presentation mode" }).click();
      const next = page.getByRole("button", { name: "Next slide" });
      await next.focus();
      await page.keyboard.press("Enter");
      await page.keyboard.press("Enter");
      expect(await state(page)).toMatchObject({ hash: "#slide-3", counter: "Slide 3 of 4" });
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Next slide");
      expect(await page.evaluate(() => (document.querySelector(".site-header") as HTMLElement).inert)).toBe(true);
      // Tab reaches only the slide and its controls (and, past the last one, the browser's own UI).
      const reached = new Set<string>();
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press("Tab");
        const where = await page.evaluate(() => {
          const active = document.activeElement;
          if (!active || active === document.body) return "outside the page";
          return active.closest(".deck") ? active.textContent || active.id : `outside: ${active.outerHTML.slice(0, 80)}`;
        });
        expect(where, `tab ${i}`).not.toMatch(/^outside: /);
        reached.add(where);
      }
      expect([...reached]).toEqual(expect.arrayContaining(["Previous slide", "Next slide", "Exit presentation"]));
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "Exit presentation" }).click();
      expect((await state(page)).presenting).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("goes full screen by F or its button, and leaves it when the presentation ends", async () => {
    const { page, errors, close } = await open();
    try {
      const fullscreen = () => page.evaluate(() => document.fullscreenElement === document.documentElement);
      await page.getByRole("button", { name: "Presentasjonsmodus" }).click();
      const toggle = page.getByRole("button", { name: "Fullskjerm" });
      expect(await toggle.getAttribute("aria-pressed")).toBe("false");
      await page.keyboard.press("f");
      await expect.poll(fullscreen).toBe(true);
      await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
      expect((await state(page)).presenting).toBe(true);
      await page.keyboard.press("ArrowRight");
      expect((await state(page)).hash).toBe("#slide-2");
      await toggle.click();
      await expect.poll(fullscreen).toBe(false);
      await toggle.click();
      await expect.poll(fullscreen).toBe(true);
      await page.locator(".present-exit").click();
      await expect.poll(fullscreen).toBe(false);
      expect((await state(page)).presenting).toBe(false);
      // Not presenting, F is a letter like any other.
      await page.keyboard.press("f");
      expect(await fullscreen()).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("goes back to the page at the current slide on Escape", async () => {
    const { page, close } = await open();
    try {
      await page.getByRole("button", { name: "Presentasjonsmodus" }).click();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Escape");
      expect(await state(page)).toMatchObject({ presenting: false, hash: "#slide-3", focused: "slide-3" });
      expect(await visibleSlides(page)).toEqual(["slide-1", "slide-2", "slide-3", "slide-4"]);
      expect(await page.evaluate(() => document.querySelector(".site-header")!.hasAttribute("inert"))).toBe(false);
      const top = await page.evaluate(() => document.getElementById("slide-3")!.getBoundingClientRect().top);
      expect(Math.abs(top)).toBeLessThan(50);
      // Arrows do nothing special outside presentation mode.
      await page.keyboard.press("ArrowRight");
      expect((await state(page)).hash).toBe("#slide-3");
    } finally {
      await close();
    }
  });

  it("starts at the slide named in the URL, and comes back to it after a reload", async () => {
    const { page, close } = await open(`${DECK}#slide-2`);
    try {
      expect(new URL((await page.getAttribute('.lang-switcher a[hreflang="en"]', "href"))!, page.url()).hash).toBe("#slide-2");
      await page.getByRole("button", { name: "Presentasjonsmodus" }).click();
      expect(await state(page)).toMatchObject({ presenting: true, hash: "#slide-2", counter: "Lysbilde 2 av 4" });
      await page.keyboard.press("ArrowRight");
      await page.reload();
      expect(await state(page)).toMatchObject({ presenting: true, hash: "#slide-3", counter: "Lysbilde 3 av 4" });
      await page.keyboard.press("Escape");
      await page.reload();
      expect((await state(page)).presenting).toBe(false);
    } finally {
      await close();
    }
  });
  it("starts at the first slide when the URL's fragment is a broken escape, without a script error", async () => {
    const { page, errors, close } = await open(`${DECK}#%E0%A4%A`);
    try {
      await page.getByRole("button", { name: "Presentasjonsmodus" }).click();
      expect(await state(page)).toMatchObject({ presenting: true, counter: "Lysbilde 1 av 4" });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
  it("moves by a swipe across the slide on a touch screen, not by a short or an up-and-down one, nor a mouse drag", async () => {
    const context = await session.browser.newContext({ viewport: { width: 390, height: 700 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    try {
      await page.goto(session.server.url(DECK));
      await page.getByRole("button", { name: "Presentasjonsmodus" }).click();
      const counter = () => page.locator(".present-counter").textContent();
      expect(await counter()).toBe("Lysbilde 1 av 4");
      /** A pointer's down and up on the current slide, `dx` and `dy` apart. */
      const drag = (dx: number, dy: number, pointerType = "touch") =>
        page.evaluate(
          ({ dx, dy, pointerType }) => {
            const slide = document.querySelector(".slide.is-current")!;
            const at = (type: string, x: number, y: number) =>
              slide.dispatchEvent(new PointerEvent(type, { bubbles: true, isPrimary: true, pointerId: 7, pointerType, clientX: x, clientY: y }));
            at("pointerdown", 250, 300);
            at("pointerup", 250 + dx, 300 + dy);
          },
          { dx, dy, pointerType },
        );
      await drag(-120, 10);
      expect(await counter()).toBe("Lysbilde 2 av 4");
      await drag(-30, 0);
      await drag(-60, 80);
      await drag(-200, 0, "mouse");
      expect(await counter()).toBe("Lysbilde 2 av 4");
      await drag(140, -5);
      expect(await counter()).toBe("Lysbilde 1 av 4");
      await drag(140, 0);
      expect(await counter()).toBe("Lysbilde 1 av 4");
      expect(await page.locator(".deck").evaluate((deck) => getComputedStyle(deck).touchAction)).toBe("pan-y pinch-zoom");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("prints the slides and the reference, not the embed code, the downloads or a link's address twice", async () => {
    const { page, errors, close } = await open(DECK);
    try {
      await page.emulateMedia({ media: "print" });
      const shown = (selector: string) => page.$$eval(selector, (elements) => elements.some((element) => getComputedStyle(element).display !== "none"));
      expect(await shown(".deck > .slide")).toBe(true);
      expect(await shown(".cite-reference")).toBe(true);
      expect(await shown(".embed")).toBe(false);
      expect(await shown(".cite-downloads")).toBe(false);
      // A link whose text is its address prints once; another prints its address after it.
      const after = await page.evaluate(() => {
        const link = (className: string) => {
          const a = document.createElement("a");
          a.href = "https://example.org/kilde";
          a.textContent = "https://example.org/kilde";
          a.className = className;
          document.querySelector(".doc-meta")!.append(a);
          return getComputedStyle(a, "::after").content;
        };
        return [link("url"), link("")];
      });
      expect(after[0]).toBe("none");
      expect(after[1]).toContain("example.org/kilde");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

/**
 * Accessibility gates in a real browser: axe-core (WCAG 2.1 A/AA and best practices) on every
 * page type in both locales and both colour schemes, and keyboard-only use of
 * the skip link, the main menu and the language switcher.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { UI_LOCALES, type UiLocale } from "../../scripts/i18n/locales.ts";
import { urlFor, type Route } from "../../scripts/i18n/routes.ts";
import { axeOptionsFor, axeViolations, buildBundledSite, hasChromium, useBrowserSession } from "../helpers/browser.ts";

const PAGE_TYPES: Array<[string, Route | "404"]> = [
  ["home", { kind: "home" }],
  ["document", { kind: "document", publisher: "oslo-sagene", slug: "internasjonal-satsing-i-bydel-sagene" }],
  ["embed view", { kind: "embed", publisher: "oslo-sagene", slug: "internasjonal-satsing-i-bydel-sagene" }],
  ["document with notes and empty slides", { kind: "document", publisher: "agder", slug: "kommunenes-arbeid-med-likestilling" }],
  ["publisher index", { kind: "publishers" }],
  ["publisher", { kind: "publisher", id: "oslo" }],
  ["topic index", { kind: "topics" }],
  ["topic", { kind: "topic", id: "likestilling" }],
  ["type listing", { kind: "type", id: "presentation" }],
  ["year listing", { kind: "year", year: "2009" }],
  ["search", { kind: "search" }],
  ["key figures", { kind: "keyFigures" }],
  ["404", "404"],
];

const pathFor = (locale: UiLocale, route: Route | "404") => (route === "404" ? `${locale === "nb" ? "" : `/${locale}`}/404.html` : urlFor(locale, route));

describe.skipIf(!hasChromium())("accessibility in Chromium", () => {
  const session = useBrowserSession(buildBundledSite);

  for (const locale of UI_LOCALES) {
    for (const [name, route] of PAGE_TYPES) {
      it(`${locale} ${name}: no axe violations in light and dark mode, no script errors`, async () => {
        await session.withKeptPage(async (page, errors) => {
          const response = await page.goto(session.server.url(pathFor(locale, route)));
          expect(response?.status()).toBe(200);
          for (const colorScheme of ["light", "dark"] as const) {
            await page.emulateMedia({ colorScheme });
            expect(await axeViolations(page, axeOptionsFor(colorScheme)), `${colorScheme} mode`).toEqual([]);
          }
          expect(await page.getAttribute("html", "lang")).toBe(locale);
          expect(errors).toEqual([]);
        });
      });
    }
  }

  for (const locale of UI_LOCALES) {
    // axe on the guide costs seconds a page (its tables run to hundreds of cells); the two guides share their markup, so one locale is enough.
    const withAxe = locale === UI_LOCALES[0];
    it(`${locale} editor guide: table cells keep their words whole, wide tables scroll in a named, focusable box${withAxe ? "; axe is clean" : ""}`, async () => {
      await session.withKeptPage(async (page, errors) => {
        expect((await page.goto(session.server.url(urlFor(locale, { kind: "guide" }))))?.status()).toBe(200);
        for (const width of [375, 1280]) {
          await page.setViewportSize({ width, height: 800 });
          const layout = await page.evaluate(() => {
            // A word is broken when its text spans more than one line box ("fie/ld", "attachmen ts").
            const broken: string[] = [];
            for (const cell of document.querySelectorAll(".guide table :is(th, td)")) {
              const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const match of (node.textContent ?? "").matchAll(/\S+/g)) {
                  const range = document.createRange();
                  range.setStart(node, match.index);
                  range.setEnd(node, match.index + match[0].length);
                  if (range.getClientRects().length > 1) broken.push(match[0]);
                }
              }
            }
            const scrolling = [...document.querySelectorAll<HTMLElement>(".guide .table-scroll")]
              .filter((box) => box.scrollWidth > box.clientWidth)
              .map((box) => ({
                tabIndex: box.tabIndex,
                name: document.getElementById(box.getAttribute("aria-labelledby") ?? "")?.textContent?.trim() ?? "",
                shadow: getComputedStyle(box).backgroundImage.includes("gradient"),
              }));
            return { broken, scrolling, pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth };
          });
          expect(layout.broken, `${width} px`).toEqual([]);
          expect(layout.pageScrolls, `${width} px`).toBe(false);
          for (const box of layout.scrolling) expect(box, `${width} px`).toEqual({ tabIndex: 0, name: expect.stringMatching(/\S/), shadow: true });
          if (width === 375) expect(layout.scrolling.length).toBeGreaterThan(0);
        }
        for (const colorScheme of withAxe ? (["light", "dark"] as const) : []) {
          await page.emulateMedia({ colorScheme });
          expect(await axeViolations(page, axeOptionsFor(colorScheme)), `${colorScheme} mode`).toEqual([]);
        }
        expect(errors).toEqual([]);
      });
    });
  }

  async function focused(page: Page) {
    return page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      const style = element ? getComputedStyle(element) : null;
      return {
        text: element?.textContent?.trim() ?? "",
        href: element?.getAttribute("href") ?? "",
        outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : "",
      };
    });
  }

  it("is usable by keyboard alone: skip link, main menu, language switcher", async () => {
    const page = await session.browser.newPage();
    try {
      await page.goto(session.server.url("/"));
      await page.keyboard.press("Tab");
      const skip = await focused(page);
      expect(skip.text).toBe("Hopp til hovedinnhold");
      expect(skip.outline).not.toMatch(/^none/);

      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

      await page.goto(session.server.url("/"));
      const menu = await page.$$eval(".main-nav a", (links) => links.map((link) => link.getAttribute("href")));
      const switcher = await page.$$eval(".lang-switcher a", (links) => links.map((link) => link.getAttribute("href")));
      expect(menu.length).toBeGreaterThanOrEqual(5);
      expect(switcher).toEqual(["/en/"]);
      const reached: string[] = [];
      for (let i = 0; i < 20 && !reached.includes("/en/"); i++) {
        await page.keyboard.press("Tab");
        const now = await focused(page);
        expect(now.outline, `focus ring on ${now.href}`).not.toMatch(/^none/);
        reached.push(now.href);
      }
      for (const href of menu) expect(reached).toContain(href);
      expect(reached.indexOf("/en/")).toBeGreaterThan(reached.indexOf(menu.at(-1)!));

      await page.keyboard.press("Enter");
      await page.waitForURL(session.server.url("/en/"));
      expect(await page.getAttribute("html", "lang")).toBe("en");
    } finally {
      await page.close();
    }
  });

  it("answers an unknown address with the 404 page", async () => {
    const page = await session.browser.newPage();
    try {
      const response = await page.goto(session.server.url("/finnes-ikke/"));
      expect(response?.status()).toBe(404);
      expect(await page.textContent("h1")).toBe("Fant ikke siden");
    } finally {
      await page.close();
    }
  });

  it("switches language to the same page, keyboard only", async () => {
    const page = await session.browser.newPage();
    try {
      await page.goto(session.server.url("/tema/likestilling/"));
      const link = page.locator(".lang-switcher a");
      await link.focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(session.server.url("/en/topics/likestilling/"));
      expect(await page.textContent("h1")).toBe("Gender equality");
    } finally {
      await page.close();
    }
  });
});

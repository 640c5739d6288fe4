/**
 * What readers use in a browser: copying the citation, opening a link to one
 * slide, and reading every page kind on a 320 px wide screen (WCAG 2.1
 * 1.4.10 Reflow), in both locales, with axe (WCAG A/AA and best practices)
 * clean on the document pages that show them.
 */
import { describe, expect, it } from "vitest";
import { axeViolations, collectPageErrors, hasChromium, useBrowserSession } from "../helpers/browser.ts";
import { doc, removeProject } from "../helpers/fixture.ts";
import { loadSiteData } from "../../scripts/site/site-data.ts";
import { PAGE_TABLE } from "../../scripts/site/page-table.ts";
import { buildPublishProject } from "../publish/helpers.ts";

const DECK_NB = "/dokumenter/testby/likestilling-i-testby/";
const DECK_EN = "/en/documents/testby/likestilling-i-testby/";

describe.skipIf(!hasChromium())("reader features in Chromium", () => {
  const session = useBrowserSession(async () => {
    const { dir } = await buildPublishProject();
    return { siteDir: `${dir}/_site`, cleanup: () => removeProject(dir) };
  });

  for (const [path, copied] of [
    [DECK_NB, "Referansen er kopiert."],
    [DECK_EN, "Reference copied."],
  ] as const) {
    it(`${path}: the copy button puts the reference on the clipboard and says so; axe is clean`, async () => {
      const context = await session.browser.newContext({ viewport: { width: 1100, height: 800 } });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: session.server.origin });
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      try {
        await page.goto(session.server.url(path));
        const button = page.locator("button.cite-copy");
        await button.waitFor({ state: "visible" });
        await button.click();
        await expect.poll(() => page.locator("#cite-status").textContent()).toBe(copied);
        const reference = (await page.locator("#cite-reference").textContent())!.replace(/\s+/g, " ").trim();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(reference);
        expect(reference).toContain("Kari Nordmann (2011). Likestilling i Testby");
        expect(await axeViolations(page, { bestPractice: true })).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it("keeps the copy button hidden where there is no clipboard (page not in a secure context)", async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    try {
      // Without the Clipboard API the script leaves the button as the HTML has it: hidden.
      await page.addInitScript(() => Object.defineProperty(navigator, "clipboard", { value: undefined }));
      await page.goto(session.server.url(DECK_NB));
      await page.waitForLoadState("load");
      expect(await page.locator("button.cite-copy").isHidden()).toBe(true);
      expect(await page.locator("#cite-reference").isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });

  for (const [path, label] of [
    [DECK_NB, "Lenke til lysbilde 2"],
    [DECK_EN, "Link to slide 2"],
  ] as const) {
    it(`${path}: each slide has a visible link to itself; opening it scrolls to the slide and highlights it`, async () => {
      const context = await session.browser.newContext({ viewport: { width: 1100, height: 500 } });
      const page = await context.newPage();
      try {
        await page.goto(session.server.url(path));
        const link = page.getByRole("link", { name: label, exact: true });
        expect(await link.isVisible()).toBe(true);
        expect(await link.getAttribute("href")).toBe("#slide-2");

        const fresh = await context.newPage();
        await fresh.goto(session.server.url(`${path}#slide-2`));
        const slide = fresh.locator("#slide-2");
        await expect
          .poll(() =>
            slide.evaluate((element) => {
              const box = element.getBoundingClientRect();
              return box.top >= 0 && box.top < window.innerHeight;
            }),
          )
          .toBe(true);
        expect(await slide.evaluate((element) => element.matches(":target"))).toBe(true);
        const [targeted, other] = await Promise.all(
          [slide, fresh.locator("#slide-1")].map((locator) => locator.evaluate((element) => getComputedStyle(element).boxShadow)),
        );
        expect(targeted).not.toBe("none");
        expect(other).toBe("none");
      } finally {
        await context.close();
      }
    });
  }
});

/**
 * WCAG 2.1 1.4.10 (Reflow): at 320 CSS px nothing may scroll sideways. One
 * page of every HTML kind in the page table, in both locales, from the
 * publishing fixture plus a document with long unbroken text in its
 * metadata. axe does not check this, so the test measures the layout.
 */
const LONG_METADATA = doc(
  `
title: Kommunedelplan for helse- og omsorgstjenesteområdet
type: plan
publisher: testby
date: 2013-04-01
language: nb
people:
  - name: Kari Nordmann-Haugelandsstrandvik
    role: author
    title: Spesialrådgiver for tjenesteutviklingsprogrammet
event: Kommunestyremøte om helseogomsorgstjenesteplanleggingsprosessen
source:
  kind: original
  url: https://www.example.org/dokumenter/2013/kommunedelplan-for-helse-og-omsorgstjenesteomradet-endelig-versjon.pdf
  note: Lastet ned fra kommunens arkivsystem med referansenummer 2013/000123-45-ABCDEFGHIJ.
`,
  "## Innledning\n\nTekst.\n",
);

describe.skipIf(!hasChromium())("reflow at 320 px", () => {
  let pages: Array<{ kind: string; url: string }> = [];
  const session = useBrowserSession(async () => {
    const { dir } = await buildPublishProject({ "content/testby/kommunedelplan.md": LONG_METADATA });
    const { model, config } = loadSiteData(dir);
    const data = { model, config };
    // The first page of each HTML kind per locale, and the document with long metadata.
    pages = PAGE_TABLE.filter((spec) => spec.template).flatMap((spec) =>
      model.locales.flatMap((locale) => {
        const page = (spec.pages(data) as Array<{ locale: string; url: string }>).find((candidate) => candidate.locale === locale);
        return page ? [{ kind: spec.kind, url: page.url }] : [];
      }),
    );
    pages.push({ kind: "document", url: "/dokumenter/testby/kommunedelplan/" }, { kind: "document", url: "/en/documents/testby/kommunedelplan/" });
    return { siteDir: `${dir}/_site`, cleanup: () => removeProject(dir) };
  });

  it("covers every HTML page kind in both locales", () => {
    const kinds = PAGE_TABLE.filter((spec) => spec.template).map((spec) => spec.kind);
    for (const kind of kinds) expect(pages.filter((page) => page.kind === kind).length, kind).toBeGreaterThanOrEqual(2);
  });

  it("no page scrolls sideways at 320 px wide, in either locale", async () => {
    const context = await session.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const overflowing: string[] = [];
    try {
      for (const { kind, url } of pages) {
        await page.goto(session.server.url(url));
        const found = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return null;
          // Name the outermost elements that stick out, for the message.
          const culprits = [...document.querySelectorAll("body *")].filter((element) => {
            const box = element.getBoundingClientRect();
            return box.right > width + 0.5 && !(element.parentElement && element.parentElement.getBoundingClientRect().right > width + 0.5);
          });
          return `${document.documentElement.scrollWidth} px wide: ${culprits
            .slice(0, 5)
            .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`)
            .join(", ")}`;
        });
        if (found) overflowing.push(`${kind} ${url}: ${found}`);
      }
    } finally {
      await context.close();
    }
    expect(overflowing).toEqual([]);
  });
});

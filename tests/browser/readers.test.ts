/**
 * What readers use in a browser: copying the citation, opening a link to one
 * slide, and reading every page kind on a 320 px wide screen (WCAG 2.1
 * 1.4.10 Reflow), in both locales, with axe (WCAG A/AA and best practices)
 * clean on the document pages that show them.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { effectiveHeaders, parseHeadersFile } from "../../scripts/publish/headers.ts";
import {
  axeViolations,
  collectPageErrors,
  hasChromium,
  startStaticServer,
  type StaticServer,
  useBrowserSession,
  watchLayoutShifts,
} from "../helpers/browser.ts";
import { doc, removeProject } from "../helpers/fixture.ts";
import { loadSiteData } from "../../scripts/site/site-data.ts";
import { PAGE_TABLE } from "../../scripts/site/page-table.ts";
import { buildPublishProject, MOVED_FROM, MOVED_PUBLISHER, sharedPublishSite } from "../publish/helpers.ts";

const DECK_NB = "/dokumenter/testby/likestilling-i-testby/";
const DECK_EN = "/en/documents/testby/likestilling-i-testby/";

describe.skipIf(!hasChromium())("reader features in Chromium", () => {
  const session = useBrowserSession(sharedPublishSite);

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
        // Both copy buttons look like the site's secondary buttons (site.css .button-secondary), not grey system buttons.
        for (const copy of [button, page.locator("button.embed-copy")]) {
          const look = await copy.evaluate((element) => {
            const style = getComputedStyle(element);
            return [
              style.borderTopWidth,
              style.borderTopStyle,
              style.borderTopColor,
              style.backgroundColor,
              style.color,
              style.borderRadius,
              style.fontWeight,
              style.minHeight,
            ];
          });
          expect(look).toEqual(["2px", "solid", "rgb(11, 92, 173)", "rgb(255, 255, 255)", "rgb(11, 92, 173)", "6px", "600", "44px"]);
        }
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
  it("follows an old address of a moved document or publisher to where it is now, in each language", async () => {
    const page = await session.browser.newPage();
    const errors = collectPageErrors(page);
    try {
      for (const [from, to, title] of [
        [`/dokumenter/${MOVED_FROM}/`, "/dokumenter/testby/likestilling-2015/", "Likestilling 2015"],
        [`/en/documents/${MOVED_FROM}/`, "/en/documents/testby/likestilling-2015/", "Likestilling 2015"],
        [`/utgivere/${MOVED_PUBLISHER}/`, "/utgivere/testby-sentrum/", "Bydel Sentrum"],
        [`/en/documents/${MOVED_PUBLISHER}/integrering-i-sentrum/`, "/en/documents/testby-sentrum/integrering-i-sentrum/", "Integrering i sentrum"],
      ] as const) {
        await page.goto(session.server.url(from));
        await page.waitForURL(session.server.url(to));
        expect(await page.locator("h1").first().textContent()).toContain(title);
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

/**
 * The embed view inside an <iframe> on another origin (localhost framing
 * 127.0.0.1), served with the headers the site's own _headers file gives
 * each path on Netlify: slide navigation by keyboard, axe inside the frame,
 * and the document page itself refused as a frame. The snippet's copy button
 * on the document page.
 */
describe.skipIf(!hasChromium())("embedding in Chromium", () => {
  const EMBED_EN = "/en/embed/testby/likestilling-i-testby/";
  let siteDir = "";
  let server: StaticServer | undefined;
  const session = useBrowserSession(async () => {
    const { dir } = await buildPublishProject();
    siteDir = `${dir}/_site`;
    return { siteDir, cleanup: () => removeProject(dir) };
  });
  /** A page on the other origin that frames `path` of the site. */
  const hostPage = (path: string) => `http://localhost:${new URL(server!.origin).port}/test-host.html?frame=${encodeURIComponent(server!.url(path))}`;
  beforeAll(async () => {
    const rules = parseHeadersFile(readFileSync(`${siteDir}/_headers`, "utf8"));
    // The host page is the other site: no policy of ours; it only creates the frame (a script, as its URL says which).
    writeFileSync(
      `${siteDir}/test-host.html`,
      '<!DOCTYPE html><html lang="en"><link rel="icon" href="data:,"><title>Host</title><main><h1>Host</h1></main><script src="/test-host.js"></script></html>',
    );
    writeFileSync(
      `${siteDir}/test-host.js`,
      'const frame = document.createElement("iframe"); frame.src = new URLSearchParams(location.search).get("frame"); frame.title = "Embedded"; frame.width = 640; frame.height = 480; document.querySelector("main").append(frame);',
    );
    server = await startStaticServer(siteDir, {
      headersFor: (path) =>
        path.startsWith("/test-host.") ? { "Content-Security-Policy": null } : { "Content-Security-Policy": null, ...effectiveHeaders(rules, path, "netlify") },
    });
  });
  afterAll(() => server?.close());

  it("looks as it presents from the first paint: nothing in the view moves when its script starts, at any slide", async () => {
    // The script put the deck into presentation mode after the first paint: the slide lost its border and took the larger
    // type, a layout shift of 0.03 to 0.08 inside the frame, which counts toward the framing site's own.
    for (const [path, width, height] of [
      [EMBED_EN, 412, 300],
      [EMBED_EN, 1000, 600],
      [`${EMBED_EN}#slide-3`, 640, 480],
    ] as const) {
      const page = await session.browser.newPage({ viewport: { width, height } });
      const errors = collectPageErrors(page);
      try {
        const layoutShifts = await watchLayoutShifts(page);
        await page.goto(server!.url(path));
        await expect.poll(() => page.locator(".present-counter").textContent()).toMatch(/^Slide \d of 4$/);
        expect(await layoutShifts(), `${path} at ${width} px`).toEqual([]);
        expect(await page.locator(".deck > .slide:visible").count()).toBe(1);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    }
  });

  it("shows the slides one at a time inside a frame on another site, navigable by keyboard, with a link back; axe is clean inside", async () => {
    const page = await session.browser.newPage();
    const errors = collectPageErrors(page);
    try {
      await page.goto(hostPage(EMBED_EN));
      const frameElement = await page.waitForSelector("iframe");
      const frame = (await frameElement.contentFrame())!;
      await frame.waitForSelector(".present-counter");
      expect(new URL(frame.url()).origin).not.toBe(new URL(page.url()).origin);
      const counter = frame.locator(".present-counter");
      await expect.poll(() => counter.textContent()).toBe("Slide 1 of 4");
      expect(await frame.locator("#slide-1").isVisible()).toBe(true);
      expect(await frame.locator("#slide-2").isVisible()).toBe(false);

      // Keyboard only: into the frame with Tab, then the arrow keys and End.
      await page.keyboard.press("Tab");
      await expect.poll(() => frame.evaluate(() => document.hasFocus())).toBe(true);
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => counter.textContent()).toBe("Slide 2 of 4");
      expect(await frame.locator("#slide-2").isVisible()).toBe(true);
      expect(await frame.locator("#slide-1").isVisible()).toBe(false);
      await page.keyboard.press("End");
      await expect.poll(() => counter.textContent()).toBe("Slide 4 of 4");
      await page.keyboard.press("Home");
      await expect.poll(() => counter.textContent()).toBe("Slide 1 of 4");
      // No exit from presentation mode in a frame; the way out is the link to the full page.
      expect(await frame.locator(".present-exit").count()).toBe(0);
      const back = frame.getByRole("link", { name: "Open the full document" });
      expect(await back.getAttribute("href")).toBe("/en/documents/testby/likestilling-i-testby/");
      expect(await back.getAttribute("target")).toBe("_top");

      expect(await axeViolations(frame, { bestPractice: true })).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("opens at the slide its address names without focusing it or scrolling past its title bar", async () => {
    const page = await session.browser.newPage({ viewport: { width: 640, height: 240 } });
    const errors = collectPageErrors(page);
    try {
      await page.goto(server!.url(`${EMBED_EN}#slide-3`));
      await page.waitForLoadState("load");
      await expect.poll(() => page.locator(".present-counter").textContent()).toBe("Slide 3 of 4");
      await page.waitForTimeout(100);
      expect(await page.evaluate(() => ({ focused: document.activeElement?.tagName, scrolled: window.scrollY }))).toEqual({ focused: "BODY", scrolled: 0 });
      // Focus follows the slide once the reader moves with the keyboard.
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("slide-4");
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("sends a frame pasted before the document moved on to its embed view now", async () => {
    const page = await session.browser.newPage();
    try {
      await page.goto(hostPage(`/innebygd/${MOVED_FROM}/`));
      const now = server!.url("/innebygd/testby/likestilling-2015/");
      await expect.poll(() => page.frames().map((frame) => frame.url())).toContain(now);
      const frame = page.frames().find((candidate) => candidate.url() === now)!;
      await expect.poll(() => frame.locator(".embed-title").textContent()).toBe("Likestilling 2015");
    } finally {
      await page.close();
    }
  });

  it("refuses to show the document page itself in the frame", async () => {
    const page = await session.browser.newPage();
    try {
      await page.goto(hostPage("/en/documents/testby/likestilling-i-testby/"));
      const frame = (await (await page.waitForSelector("iframe")).contentFrame())!;
      // A frame the policy refuses never gets the page: Chromium shows its own error page instead.
      await expect.poll(() => frame.url()).toMatch(/^chrome-error:/);
      expect(await frame.locator("h1#doc-title").count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it("the snippet, pasted into a narrow page, fits it at 4:3, and keeps 640 × 480 where there is room", async () => {
    const snippet = readFileSync(`${siteDir}/en/documents/testby/likestilling-i-testby/index.html`, "utf8").match(
      /<code id="embed-snippet">([^<]*)<\/code>/,
    )![1]!;
    const html = snippet.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
    for (const [width, expected] of [
      [375, { width: 359, height: 269 }],
      [1280, { width: 640, height: 480 }],
    ] as const) {
      const page = await session.browser.newPage({ viewport: { width, height: 800 } });
      try {
        await page.goto(hostPage(EMBED_EN));
        const box = await page.evaluate((code) => {
          document.body.style.margin = "8px";
          document.querySelector("main")!.innerHTML = code;
          const frame = document.querySelector("iframe")!.getBoundingClientRect();
          return { width: Math.round(frame.width), height: Math.round(frame.height), scroll: document.documentElement.scrollWidth };
        }, html);
        expect(box, `${width} px`).toEqual({ ...expected, scroll: width });
      } finally {
        await page.close();
      }
    }
  });

  it("the document page's copy button puts the <iframe> snippet on the clipboard", async () => {
    const context = await session.browser.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: session.server.origin });
    const page = await context.newPage();
    try {
      await page.goto(session.server.url("/en/documents/testby/likestilling-i-testby/"));
      const button = page.locator('button[data-copy="embed-snippet"]');
      await button.waitFor({ state: "visible" });
      await button.click();
      await expect.poll(() => page.locator("#embed-status").textContent()).toBe("Code copied.");
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await page.locator("#embed-snippet").textContent());
      expect(copied).toMatch(/^<iframe src="https:\/\/lysark\.test\/en\/embed\/testby\/likestilling-i-testby\/" title="Gender equality in Testby – Lysark"/);
    } finally {
      await context.close();
    }
  });
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
keyFigures:
  - indicator: inhabitants
    value: 5230
    refDate: 2012-12-31
    comparison: { value: 5100, label: { nb: Innbyggere i Testby ett år tidligere, en: Inhabitants of Testby a year before } }
    slide: 1
`,
  "## Innledning\n\nTekst.\n",
);

describe.skipIf(!hasChromium())("reflow at 320 px", () => {
  let pages: Array<{ kind: string; url: string; file: string }> = [];
  let siteDir = "";
  const session = useBrowserSession(async () => {
    const { dir } = await buildPublishProject({ "content/testby/kommunedelplan.md": LONG_METADATA });
    siteDir = `${dir}/_site`;
    const { model, config } = loadSiteData(dir);
    const data = { model, config };
    // The first page of each HTML kind per locale, and the document with long metadata.
    pages = PAGE_TABLE.filter((spec) => spec.template && spec.template !== "moved").flatMap((spec) =>
      model.locales.flatMap((locale) => {
        const page = (spec.pages(data) as Array<{ locale: string; url: string }>).find((candidate) => candidate.locale === locale);
        return page ? [{ kind: spec.kind, url: page.url, file: spec.file(page) }] : [];
      }),
    );
    for (const url of ["/dokumenter/testby/kommunedelplan/", "/en/documents/testby/kommunedelplan/"])
      pages.push({ kind: "document", url, file: `${url}index.html` });
    return { siteDir, cleanup: () => removeProject(dir) };
  });

  it("covers every HTML page kind in both locales", () => {
    // But an old address of a moved document or publisher, which a browser leaves at once (its test above follows it).
    const kinds = PAGE_TABLE.filter((spec) => spec.template && spec.template !== "moved").map((spec) => spec.kind);
    for (const kind of kinds) expect(pages.filter((page) => page.kind === kind).length, kind).toBeGreaterThanOrEqual(2);
  });

  it("no page scrolls sideways at 320 px wide, and no date breaks across lines, in either locale", async () => {
    const context = await session.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const overflowing: string[] = [];
    const brokenDates: string[] = [];
    try {
      for (const { kind, url } of pages) {
        await page.goto(session.server.url(url));
        // A card's meta line wrapped inside its date ("9. / september 2009", "Ukjent / dato").
        const broken = await page.$$eval(".meta-date", (dates) => dates.filter((date) => date.getClientRects().length > 1).map((date) => date.textContent));
        if (broken.length) brokenDates.push(`${kind} ${url}: ${broken.join(", ")}`);
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
    expect(brokenDates).toEqual([]);
  });

  it("keeps a key-figure table's dates and slide links on one line where it is a table (800 px)", async () => {
    const context = await session.browser.newContext({ viewport: { width: 800, height: 640 } });
    const page = await context.newPage();
    const broken: string[] = [];
    let seen = 0;
    // Only the pages whose HTML holds such a table: loading the others cost the test two thirds of its time.
    const withTables = pages.filter(({ file }) => readFileSync(`${siteDir}${file}`, "utf8").includes("kf-table"));
    try {
      for (const { kind, url } of withTables) {
        await page.goto(session.server.url(url));
        // "1. januar / 2011" beside an empty column, "lysbilde / 4" under a long title.
        const cells = await page.$$eval(".kf-table .kf-date, .kf-table .kf-slide", (elements) =>
          elements.map((element) => ({ text: element.textContent, lines: element.getClientRects().length })),
        );
        seen += cells.length;
        for (const cell of cells) if (cell.lines > 1) broken.push(`${kind} ${url}: ${cell.text}`);
      }
    } finally {
      await context.close();
    }
    expect(seen).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });
});

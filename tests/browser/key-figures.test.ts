/**
 * Key-figure pages in Chromium under the strict CSP: no axe violations in
 * light and dark mode (tables, SVG charts, downloads), charts drawn with their
 * colours from the stylesheet, no CSP or script errors.
 */
import { describe, expect, it } from "vitest";
import { axeOptionsFor, axeViolations, buildBundledSite, hasChromium, useBrowserSession } from "../helpers/browser.ts";

const PAGES = [
  "/nokkeltall/social-assistance-share/",
  "/en/key-figures/social-assistance-share/",
  "/nokkeltall/immigrant-population/",
  "/en/key-figures/full-time-equivalents/",
  "/utgivere/oslo-sagene/",
  "/en/publishers/stavanger/",
  "/dokumenter/stavanger/forankring-fryder/",
];

describe.skipIf(!hasChromium())("key figures in Chromium", () => {
  const session = useBrowserSession(buildBundledSite);

  for (const url of PAGES) {
    it(`${url}: no axe violations in light and dark mode, no CSP or script errors`, async () => {
      await session.withKeptPage(async (page, errors) => {
        expect((await page.goto(session.server.url(url)))?.status()).toBe(200);
        for (const colorScheme of ["light", "dark"] as const) {
          await page.emulateMedia({ colorScheme });
          expect(await axeViolations(page, axeOptionsFor(colorScheme)), `${colorScheme} mode`).toEqual([]);
        }
        expect(errors).toEqual([]);
      });
    });
  }

  it("draws every chart text inside its chart, in both languages, on a phone and a desktop", async () => {
    // "Grue kommune" ran out at the left edge in Norwegian ("rue kommune"): its width was estimated too small.
    const page = await session.browser.newPage();
    try {
      for (const id of ["inhabitants", "full-time-equivalents", "immigrant-share", "nationalities", "employees-immigrant-share"]) {
        for (const url of [`/nokkeltall/${id}/`, `/en/key-figures/${id}/`]) {
          await page.setViewportSize({ width: 375, height: 800 });
          expect((await page.goto(session.server.url(url)))?.status(), url).toBe(200);
          // One load, both widths: the container query picks the chart's layout again as the window is resized.
          for (const width of [375, 1280]) {
            await page.setViewportSize({ width, height: 800 });
            const outside = await page.$$eval("svg.kf-chart", (svgs) =>
              svgs.flatMap((svg) => {
                const box = svg.getBoundingClientRect();
                if (!box.width) return [];
                return [...svg.querySelectorAll("text")].flatMap((text) => {
                  const own = text.getBoundingClientRect();
                  return own.left < box.left - 0.5 || own.right > box.right + 0.5 ? [text.textContent] : [];
                });
              }),
            );
            expect(outside, `${url} at ${width}px`).toEqual([]);
          }
        }
      }
    } finally {
      await page.close();
    }
  });

  it("shows each chart once, its text at 12px or more on a 375px phone and 13px on a desktop", async () => {
    // The 640-wide chart scaled to a phone's 343 px drew its text at 7 px; there the layout with labels above the bars is shown.
    const page = await session.browser.newPage();
    try {
      for (const url of ["/nokkeltall/social-assistance-share/", "/en/key-figures/inhabitants/", "/utgivere/oslo-sagene/"]) {
        await page.setViewportSize({ width: 375, height: 800 });
        await page.goto(session.server.url(url));
        for (const [width, layout, least] of [
          [375, "kf-chart-narrow", 12],
          [1280, "kf-chart-wide", 13],
        ] as const) {
          await page.setViewportSize({ width, height: 800 });
          const figures = await page.$$eval(".kf-figure", (figures) =>
            figures.map((figure) =>
              [...figure.querySelectorAll("svg.kf-chart")]
                .filter((svg) => svg.getBoundingClientRect().width > 0)
                .map((svg) => {
                  const text = svg.querySelector("text")!;
                  const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
                  return { layout: svg.classList[1], px: scale * Number.parseFloat(getComputedStyle(text).fontSize) };
                }),
            ),
          );
          expect(figures.length, url).toBeGreaterThan(0);
          for (const shown of figures) {
            expect(
              shown.map((chart) => chart.layout),
              `${url} at ${width}px`,
            ).toEqual([layout]);
            expect(shown[0]!.px, `${url} at ${width}px`).toBeGreaterThanOrEqual(least);
          }
        }
      }
    } finally {
      await page.close();
    }
  });

  it("shows every figure whole on a phone (320 px, the narrowest WCAG reflow asks for): no swiping, the number unbroken", async () => {
    for (const url of ["/dokumenter/stavanger/forankring-fryder/", "/en/publishers/oslo-sagene/", "/en/key-figures/social-assistance-share/"]) {
      await session.withKeptPage(
        async (page) => {
          await page.goto(session.server.url(url));
          const found = await page.$$eval(".kf-stack tbody tr", (rows) => {
            const width = document.documentElement.clientWidth;
            return rows.flatMap((row) => {
              const problems: string[] = [];
              // The row header (indicator or publisher) and each cell that says something: value, date, comparison, source, slide.
              for (const cell of row.querySelectorAll<HTMLElement>("th, td:not(:empty)")) {
                const box = cell.getBoundingClientRect();
                const label = `${row.id} ${cell.dataset.label ?? "header"}`;
                if (box.width === 0 || box.left < 0 || box.right > width) problems.push(`${label}: outside the screen`);
                else if (cell.scrollWidth > cell.clientWidth) problems.push(`${label}: text wider than its cell`);
              }
              const number = row.querySelector("td.num .kf-value");
              if (number && number.getClientRects().length !== 1) problems.push(`${row.id}: "${number.textContent}" broken across lines`);
              return problems;
            });
          });
          expect(found, url).toEqual([]);
          expect(await page.$$eval(".kf-stack tbody tr", (rows) => rows.length), url).toBeGreaterThan(0);
        },
        { viewport: { width: 320, height: 800 } },
      );
    }
  });

  it("shows each breakdown table whole at 320 px, even with a label of one long word, and gives it no tab stop", async () => {
    for (const url of ["/dokumenter/stavanger/forankring-fryder/", "/utgivere/stavanger/", "/en/publishers/stavanger/"]) {
      await session.withKeptPage(
        async (page) => {
          await page.goto(session.server.url(url));
          // A label a table could not wrap before: 60 letters with no place to break.
          await page.$$eval(".kf-breakdown tbody th", (cells) => {
            if (cells[0]) cells[0].textContent = "Storbritanniaognordirland".repeat(2) + "ogdeandreøyene".repeat(1);
          });
          const found = await page.$$eval(".kf-breakdown", (tables) =>
            tables.map((table) => {
              const figure = table.closest("figure")!;
              return {
                inScrollBox: Boolean(table.closest(".table-scroll")),
                wider: table.getBoundingClientRect().right > figure.getBoundingClientRect().right + 0.5,
                pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
              };
            }),
          );
          expect(found.length, url).toBeGreaterThan(0);
          for (const table of found) expect(table, url).toEqual({ inScrollBox: false, wider: false, pageScrolls: false });
        },
        { viewport: { width: 320, height: 800 } },
      );
    }
  });

  it("colours the bars from the stylesheet, differently in dark mode", async () => {
    const page = await session.browser.newPage();
    try {
      await page.goto(session.server.url("/nokkeltall/social-assistance-share/"));
      const fills = () => page.$$eval("svg.kf-chart rect.kf-bar", (rects) => [...new Set(rects.map((rect) => getComputedStyle(rect).fill))]);
      await page.emulateMedia({ colorScheme: "light" });
      expect(await fills()).toEqual(["rgb(11, 92, 173)", "rgb(160, 74, 0)"]);
      await page.emulateMedia({ colorScheme: "dark" });
      expect(await fills()).toEqual(["rgb(125, 183, 245)", "rgb(240, 163, 94)"]);
      const chart = await page.$eval("svg.kf-chart", (svg) => ({ role: svg.getAttribute("role"), width: svg.getBoundingClientRect().width }));
      expect(chart.role).toBe("img");
      expect(chart.width).toBeGreaterThan(300);
    } finally {
      await page.close();
    }
  });
});

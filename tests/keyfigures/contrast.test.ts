/**
 * Chart colours meet WCAG 2.1 AA against the page in light and dark mode:
 * bars and axis 3:1 (non-text contrast, 1.4.11), chart text 4.5:1 (1.4.3).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixture.ts";

const css = readFileSync(path.join(repoRoot, "assets", "site.css"), "utf8");

function variables(dark: boolean): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const match of css.matchAll(/(@media \(prefers-color-scheme: dark\)\s*\{\s*)?:root\s*\{([^}]*)\}/g)) {
    if (Boolean(match[1]) !== dark) continue;
    for (const [, name, value] of match[2]!.matchAll(/(--[\w-]+):\s*(#[0-9a-fA-F]{6})/g)) vars[name!] = value!;
  }
  return dark ? { ...variables(false), ...vars } : vars;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("chart colours", () => {
  for (const scheme of ["light", "dark"] as const) {
    it(`meet AA in ${scheme} mode`, () => {
      const v = variables(scheme === "dark");
      expect(v["--kf-value"], "--kf-value defined").toBeDefined();
      expect(v["--kf-comparison"], "--kf-comparison defined").toBeDefined();
      for (const background of ["--bg", "--surface"]) {
        expect(contrast(v["--kf-value"]!, v[background]!), `value bar on ${background}`).toBeGreaterThanOrEqual(3);
        expect(contrast(v["--kf-comparison"]!, v[background]!), `comparison bar on ${background}`).toBeGreaterThanOrEqual(3);
        expect(contrast(v["--fg"]!, v[background]!), `chart text on ${background}`).toBeGreaterThanOrEqual(4.5);
        expect(contrast(v["--muted"]!, v[background]!), `axis and notes on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }

  it("style the chart classes from those variables, for light and dark alike", () => {
    expect(css).toMatch(/\.kf-bar-value \{ fill: var\(--kf-value\); \}/);
    expect(css).toMatch(/\.kf-bar-comparison \{ fill: var\(--kf-comparison\); \}/);
    expect(css).toMatch(/\.kf-chart-text \{ fill: var\(--fg\);/);
  });
});

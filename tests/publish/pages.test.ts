/**
 * The accessibility statement in both languages (linked from every footer),
 * the print stylesheet, and colour contrast of both colour schemes.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readOutput, repoRoot } from "../helpers/fixture.ts";
import { sharedPublishBuild } from "./helpers.ts";

describe("the accessibility statement", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await sharedPublishBuild();
  });

  it("exists in both languages under translated paths, as alternates of each other", () => {
    const nb = readOutput(dir, "tilgjengelighet/index.html");
    expect(nb).toMatch(/<html lang="nb">[\s\S]*<h1>Tilgjengelighetserklæring<\/h1>/);
    expect(nb).toContain("WCAG 2.1");
    expect(nb).toContain('<a href="/en/accessibility/" hreflang="en" lang="en">English</a>');
    const en = readOutput(dir, "en/accessibility/index.html");
    expect(en).toMatch(/<html lang="en">[\s\S]*<h1>Accessibility statement<\/h1>/);
    expect(en).toContain('<a href="https://git.example.org/lysark/lysark/issues" rel="noopener noreferrer">Report a problem</a>');
  });

  it("is linked from the footer of every page", () => {
    for (const [file, href, label] of [
      ["index.html", "/tilgjengelighet/", "Tilgjengelighetserklæring"],
      ["en/documents/testby/bilder-og-vedlegg/index.html", "/en/accessibility/", "Accessibility statement"],
      ["404.html", "/tilgjengelighet/", "Tilgjengelighetserklæring"],
    ]) {
      expect(readOutput(dir, file!), file).toMatch(new RegExp(`<footer class="site-footer">[\\s\\S]*<a href="${href}">${label}</a>`));
    }
  });
});

const css = readFileSync(path.join(repoRoot, "assets/site.css"), "utf8");

describe("the print stylesheet", () => {
  const print = [...css.matchAll(/@media print \{([\s\S]*?)\n\}/g)].map((m) => m[1]).join("\n");

  it("prints a deck as one unbroken block per slide, all slides, without the screen-only controls", () => {
    expect(print).toMatch(/\.slide, \.doc-section \{[^}]*break-inside: avoid/);
    expect(print).toMatch(/\.deck\.is-presenting > \.slide[^{]*\{[^}]*display: block !important/);
    expect(print).toMatch(/\.present-launch, \.present-controls, \.pagination[^{]*\{ display: none !important; \}/);
    expect(print).toMatch(/\.site-header, \.site-footer, \.breadcrumbs/);
    expect(print).toMatch(/\.notes:not\(\[open\]\) > :not\(summary\) \{ display: block; \}/);
    expect(print).toMatch(/\.notes::details-content \{ content-visibility: visible; display: block; \}/);
  });
});

/** WCAG 2.x contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

function variables(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

describe("colour contrast (WCAG 2.1 AA) in the light and the dark scheme", () => {
  const light = variables(/:root \{([\s\S]*?)\}/.exec(css)![1]!);
  const dark = { ...light, ...variables(/@media \(prefers-color-scheme: dark\) \{\s*:root \{([\s\S]*?)\}/.exec(css)![1]!) };

  for (const [name, scheme] of [
    ["light", light],
    ["dark", dark],
  ] as const) {
    it(`meets 4.5:1 for text and 3:1 for focus rings in the ${name} scheme`, () => {
      const text: Array<[string, string]> = [
        ["fg", "bg"],
        ["muted", "bg"],
        ["accent", "bg"],
        ["fg", "surface"],
        ["muted", "surface"],
        ["accent", "surface"],
        ["accent-fg", "accent"],
        ["fg", "notes"],
        ["accent", "notes"],
      ];
      for (const [fg, bg] of text) expect(contrast(scheme[fg]!, scheme[bg]!), `${name}: ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
      for (const bg of ["bg", "surface"]) expect(contrast(scheme.focus!, scheme[bg]!), `${name}: focus on ${bg}`).toBeGreaterThanOrEqual(3);
    });
  }
});

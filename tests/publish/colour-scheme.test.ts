/**
 * The dark colour scheme changes colours and nothing else: site.css's
 * `prefers-color-scheme` blocks only set custom properties on :root, and no
 * other asset or layout asks for the scheme. The browser tests rely on it: they
 * run axe in full in light mode and only its colour rules in dark mode
 * (tests/helpers/browser.ts, COLOUR_RULES).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixture.ts";

/** The body of each `@media (prefers-color-scheme: …) { … }` block of `css`, comments removed. */
function colourSchemeBlocks(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, "");
  const blocks: string[] = [];
  for (const match of text.matchAll(/@media[^{]*prefers-color-scheme[^{]*\{/g)) {
    let depth = 1;
    let end = match.index + match[0].length;
    while (depth > 0 && end < text.length) {
      if (text[end] === "{") depth++;
      else if (text[end] === "}") depth--;
      end++;
    }
    blocks.push(text.slice(match.index + match[0].length, end - 1));
  }
  return blocks;
}

/** True when `block` is nothing but `:root { --name: value; … }` rules. */
function onlyCustomProperties(block: string): boolean {
  return /^(\s*:root\s*\{(\s*--[\w-]+\s*:\s*[^;{}]+;)*\s*\})*\s*$/.test(block);
}

describe("the colour schemes", () => {
  it("differ in colour custom properties only", () => {
    const blocks = colourSchemeBlocks(readFileSync(path.join(repoRoot, "assets", "site.css"), "utf8"));
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(onlyCustomProperties(block), block).toBe(true);
  });

  it("are asked for by site.css alone", () => {
    const files = [
      ...readdirSync(path.join(repoRoot, "assets")).map((name) => path.join("assets", name)),
      ...readdirSync(path.join(repoRoot, "layouts"), { recursive: true, encoding: "utf8" }).map((name) => path.join("layouts", name)),
    ].filter((file) => /\.(css|js|njk|html|svg)$/.test(file));
    // The layouts' <meta name="color-scheme" content="light dark"> lets the browser draw its own controls and
    // scrollbars in the scheme's colours: colours again, so it is allowed.
    const asking = files.filter((file) =>
      /prefers-color-scheme|color-scheme|light-dark\(/.test(
        readFileSync(path.join(repoRoot, file), "utf8").replace('<meta name="color-scheme" content="light dark">', ""),
      ),
    );
    expect(asking).toEqual([path.join("assets", "site.css")]);
  });

  it("would be caught changing more than colours", () => {
    expect(onlyCustomProperties(" :root { --bg: #121418; --fg: #e8ebef; }\n")).toBe(true);
    expect(onlyCustomProperties(" :root { --bg: #121418; } .logo { display: none; } ")).toBe(false);
    expect(onlyCustomProperties(" .skip-link { top: 0; } ")).toBe(false);
    expect(colourSchemeBlocks("@media (prefers-color-scheme: dark) { :root { --a: #000; } .b { c: d; } }\n.e { f: g; }")).toEqual([
      " :root { --a: #000; } .b { c: d; } ",
    ]);
  });
});

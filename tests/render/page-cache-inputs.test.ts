/**
 * The page cache (scripts/render/page-cache.ts) keys a page by its own data and
 * `lysark.config` only. A template that read anything else of `lysark` (the site
 * model, say) would be served stale from the cache when that changed, so this
 * fails first and names the template.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const LAYOUTS = path.resolve(import.meta.dirname, "../../layouts");
// `lysark.dev` is the dev server's problem list: the dev server renders without the page cache.
/** `lysark` as a template variable, with the field read from it (not an id such as "lysark-dev-problems"). */
const LYSARK = /(?<![\w-])lysark(?![\w-])(\.[A-Za-z_]\w*)?/g;
const KEYED = /^lysark\.(config|dev)\b/;

function templates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templates(path.join(dir, entry.name)) : entry.name.endsWith(".njk") ? [path.join(dir, entry.name)] : [],
  );
}

describe("what templates read besides their page", () => {
  it("is only lysark.config (in the page cache's key) or lysark.dev (never cached)", () => {
    const unkeyed: string[] = [];
    for (const file of templates(LAYOUTS)) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(LYSARK)) {
        if (!KEYED.test(match[0])) unkeyed.push(`${path.relative(LAYOUTS, file)}: ${match[0]}`);
      }
    }
    expect(unkeyed).toEqual([]);
  });

  it("would catch a template reading the site model", () => {
    const sample = '<div id="lysark-dev"></div>{{ lysark.model.documents | length }} {{ lysark.config.url }}';
    const found = [...sample.matchAll(LYSARK)].map((m) => m[0]).filter((name) => !KEYED.test(name));
    expect(found).toEqual(["lysark.model"]);
  });
});

/**
 * The page cache's manifest (scripts/render/page-cache.ts): its entries are
 * written as pages are kept, its header (build code, integrity hash) last, and
 * a run that stops before `save` leaves the last manifest as it was.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PageCache } from "../../scripts/render/page-cache.ts";
import type { SiteData } from "../../scripts/site/site-data.ts";

// No document views: the keys here are made by the test, not from page data.
const DATA = { model: { documents: [] }, config: {} } as unknown as SiteData;
const CODE = "test code";

let work: string;
let dir: string;
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "lysark-page-cache-"));
  dir = path.join(work, "pages");
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const manifest = () => path.join(dir, "manifest.json");
/** Writes `text` as the page `name` and keeps it in `cache` under a key made from `name`. */
function keepPage(cache: PageCache, name: string, text: string): string {
  const file = path.join(work, `${name}.html`);
  writeFileSync(file, text);
  const key = cache.key("test", { name })!;
  cache.keep(key, file, name, text);
  return key;
}
/** Whether a new cache over `dir` puts the page kept under `key` in place, with `text`. */
function usable(key: string, text: string): { used: boolean; rejected: number } {
  const cache = new PageCache(dir, CODE, DATA);
  const file = path.join(work, "used.html");
  rmSync(file, { force: true });
  const used = cache.use(key, file, "used");
  if (used) expect(readFileSync(file, "utf8")).toBe(text);
  return { used, rejected: cache.rejected };
}

describe("the page cache's manifest", () => {
  it("names every page kept, with its header last, and gives them to the next run", () => {
    const cache = new PageCache(dir, CODE, DATA);
    const keys = ["a", "b", "c"].map((name) => keepPage(cache, name, `<p>${name}</p>`));
    cache.save();
    const [entries, stamps, header, end] = readFileSync(manifest(), "utf8").split("\n");
    expect(Object.keys(JSON.parse(entries!))).toEqual(keys);
    expect(JSON.parse(stamps!)).toBeTypeOf("object");
    expect(JSON.parse(header!)).toMatchObject({ code: CODE });
    expect(end).toBe("");
    expect(usable(keys[1]!, "<p>b</p>")).toEqual({ used: true, rejected: 0 });
  });

  it("is written for a run that kept no page, and refused whole when its entries were changed", () => {
    new PageCache(dir, CODE, DATA).save();
    expect(readFileSync(manifest(), "utf8").split("\n")[0]).toBe("{}");
    const cache = new PageCache(dir, CODE, DATA);
    const key = keepPage(cache, "a", "<p>a</p>");
    cache.save();
    const text = readFileSync(manifest(), "utf8");
    writeFileSync(manifest(), text.replace(/:"[0-9a-f]{64}"/, `:"${"0".repeat(64)}"`));
    expect(usable(key, "<p>a</p>")).toEqual({ used: false, rejected: 1 });
  });

  it("takes a manifest with its header first (an older Lysark's) for another build's, not a damaged one", () => {
    const cache = new PageCache(dir, CODE, DATA);
    const key = keepPage(cache, "a", "<p>a</p>");
    cache.save();
    const [entries, stamps, header] = readFileSync(manifest(), "utf8").split("\n");
    writeFileSync(manifest(), `${header}\n${entries}\n${stamps}\n`);
    expect(usable(key, "<p>a</p>")).toEqual({ used: false, rejected: 0 });
  });

  it("is left as it was by a run that stops before saving, with nothing of that run's behind", () => {
    const first = new PageCache(dir, CODE, DATA);
    const key = keepPage(first, "a", "<p>a</p>");
    first.save();
    const before = readFileSync(manifest(), "utf8");
    const stopped = new PageCache(dir, CODE, DATA);
    keepPage(stopped, "b", "<p>b</p>");
    stopped.discard();
    expect(readFileSync(manifest(), "utf8")).toBe(before);
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect(usable(key, "<p>a</p>")).toEqual({ used: true, rejected: 0 });
  });

  it("removes a manifest another run began and never ended, and the kept pages no entry names", () => {
    const first = new PageCache(dir, CODE, DATA);
    keepPage(first, "a", "<p>a</p>");
    first.save();
    const stale = path.join(dir, "manifest.json.99999999.tmp");
    writeFileSync(stale, '{"0":"0"');
    const next = new PageCache(dir, CODE, DATA);
    const key = keepPage(next, "b", "<p>b</p>");
    next.save();
    expect(existsSync(stale)).toBe(false);
    const kept = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".html"));
    expect(kept).toHaveLength(1);
    expect(usable(key, "<p>b</p>")).toEqual({ used: true, rejected: 0 });
  });
});

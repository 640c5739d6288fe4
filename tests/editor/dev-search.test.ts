/**
 * `npm start`'s search index swapped in whole (scripts/editor/dev-search.ts): written into the served bundle, each
 * index left the last one's files beside its own, and a server stopped mid-index left slice folders behind.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { filesUnder } from "../../scripts/content/files-under.ts";
import { swapSearchBundle } from "../../scripts/editor/dev-search.ts";
import { searchBundleDir, searchSliceDir, searchStagingDirs } from "../../scripts/search/records.ts";

let output: string;
beforeEach(() => {
  output = mkdtempSync(path.join(os.tmpdir(), "lysark-dev-search-"));
  writeFileSync(path.join(output, "index.html"), "<p>side</p>");
});
afterEach(() => rmSync(output, { recursive: true, force: true }));

/** Writes an index with `files` (relative path → text) where npm start writes the next one, as writeSearchBundles would. */
function writeNext(files: Record<string, string>): string {
  const staging = searchStagingDirs(output).next;
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(searchBundleDir(staging), file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return staging;
}
const served = () => filesUnder(searchBundleDir(output));
const read = (file: string) => readFileSync(path.join(searchBundleDir(output), file), "utf8");

it("serves each index whole, with the index before's files kept for one index more and older ones gone", () => {
  const first = swapSearchBundle(output, writeNext({ "pagefind-entry.json": "1", "index/a.pf_index": "a", "fragment/f1.pf_fragment": "f1" }), undefined);
  expect(served()).toEqual(["fragment/f1.pf_fragment", "index/a.pf_index", "pagefind-entry.json"]);
  expect([...first].sort()).toEqual(served());

  const second = swapSearchBundle(output, writeNext({ "pagefind-entry.json": "2", "index/b.pf_index": "b", "fragment/f1.pf_fragment": "f1" }), first);
  // A search page opened on the first index still finds its chunk; the entry is the new index's.
  expect(served()).toEqual(["fragment/f1.pf_fragment", "index/a.pf_index", "index/b.pf_index", "pagefind-entry.json"]);
  expect(read("pagefind-entry.json")).toBe("2");
  expect([...second].sort()).toEqual(["fragment/f1.pf_fragment", "index/b.pf_index", "pagefind-entry.json"]);

  swapSearchBundle(output, writeNext({ "pagefind-entry.json": "3", "index/c.pf_index": "c", "fragment/f1.pf_fragment": "f1" }), second);
  expect(served()).toEqual(["fragment/f1.pf_fragment", "index/b.pf_index", "index/c.pf_index", "pagefind-entry.json"]);
  expect(read("pagefind-entry.json")).toBe("3");
  // Nothing of the index's is left beside the bundle, and the site's own files are untouched.
  expect(readdirSync(output).sort()).toEqual(["index.html", "pagefind"]);
});

it("removes the slice and staging folders a server stopped mid-index left, and keeps the site's files", () => {
  for (const folder of [searchSliceDir(output, 0), searchSliceDir(output, 11), searchStagingDirs(output).old, searchBundleDir(output)]) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "left.pf_fragment"), "");
  }
  swapSearchBundle(output, writeNext({ "pagefind-entry.json": "1" }), undefined);
  expect(readdirSync(output).sort()).toEqual(["index.html", "pagefind"]);
  expect(served()).toEqual(["pagefind-entry.json"]);
});

it("leaves no index once the site has no documents to index", () => {
  const first = swapSearchBundle(output, writeNext({ "pagefind-entry.json": "1" }), undefined);
  const staging = searchStagingDirs(output).next;
  mkdirSync(staging);
  expect([...swapSearchBundle(output, staging, first)]).toEqual([]);
  expect(existsSync(searchBundleDir(output))).toBe(false);
  expect(readdirSync(output)).toEqual(["index.html"]);
});

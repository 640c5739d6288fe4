/**
 * npm start's record of the pages it wrote (scripts/editor/dev-pages.ts): a page whose key is the one last written at
 * its file, and whose file is there, is left as it is; another build code, other data, another document or a missing
 * file renders it again.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { RecordingStopped, WrittenPages } from "../../scripts/editor/dev-pages.ts";
import type { SiteData } from "../../scripts/site/site-data.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lysark-dev-pages-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const view = (title: string) => ({ id: "testby/a", doc: { meta: { title }, bodyRef: { kept: { parts: [{ html: `<p>${title}</p>` }] } } } });
const siteWith = (views: unknown[], url = "https://lysark.test") => ({ model: { documents: views }, config: { url } }) as unknown as SiteData;

/** Renders the page `{ views }` named "a/index.html" once through the record, as the renderer does; whether it was written. */
function render(pages: WrittenPages, code: string, data: SiteData, page: object): boolean {
  const tracked = pages.track(dir, code, data);
  try {
    const file = path.join(dir, "a.html");
    const key = tracked.key("document", page)!;
    if (tracked.use(key, file, "a/index.html")) return false;
    writeFileSync(file, "page");
    tracked.keep(key, file, "a/index.html", "page");
    return true;
  } finally {
    tracked.release();
  }
}

it("leaves a page whose key is unchanged and renders it again for a change to its code, settings, data or documents", () => {
  const pages = new WrittenPages();
  const a = view("A");
  const data = siteWith([a]);
  expect(render(pages, "code 1", data, { views: [a] })).toBe(true);
  expect(render(pages, "code 1", data, { views: [a] })).toBe(false);
  expect(render(pages, "code 2", data, { views: [a] })).toBe(true);
  expect(render(pages, "code 2", siteWith([a], "https://other.test"), { views: [a] })).toBe(true);
  expect(render(pages, "code 2", siteWith([a], "https://other.test"), { views: [a], page: 2 })).toBe(true);
  // The same document loaded again as it was is the same page; edited, it is another.
  const again = view("A");
  expect(render(pages, "code 2", siteWith([again], "https://other.test"), { views: [again], page: 2 })).toBe(false);
  const edited = view("A, edited");
  expect(render(pages, "code 2", siteWith([edited], "https://other.test"), { views: [edited], page: 2 })).toBe(true);
  const rebodied = { ...edited, doc: { ...edited.doc, bodyRef: { kept: { parts: [{ html: "<p>Another body</p>" }] } } } };
  expect(render(pages, "code 2", siteWith([rebodied], "https://other.test"), { views: [rebodied], page: 2 })).toBe(true);
  // Its views are as they were after each render.
  expect(JSON.stringify(edited)).toContain("A, edited");
});

it("renders a page again whose file is gone, or that it was told is gone", () => {
  const pages = new WrittenPages();
  const a = view("A");
  expect(render(pages, "code", siteWith([a]), { views: [a] })).toBe(true);
  rmSync(path.join(dir, "a.html"));
  expect(render(pages, "code", siteWith([a]), { views: [a] })).toBe(true);
  pages.forget(["a/index.html"]);
  expect(render(pages, "code", siteWith([a]), { views: [a] })).toBe(true);
  expect(render(pages, "code", siteWith([a]), { views: [a] })).toBe(false);
});

it("records, without writing, the pages a render has just written, until it is told to stop", () => {
  const pages = new WrittenPages();
  const a = view("A");
  const data = siteWith([a]);
  writeFileSync(path.join(dir, "a.html"), "page");
  expect(pages.isEmpty(dir)).toBe(true);
  let stop = false;
  const recorder = pages.recorder(dir, "code", data, () => stop);
  expect(recorder.use(recorder.key("document", { views: [a] })!, path.join(dir, "a.html"), "a/index.html")).toBe(true);
  stop = true;
  expect(() => recorder.use(recorder.key("document", { views: [a], page: 2 })!, path.join(dir, "b.html"), "b/index.html")).toThrow(RecordingStopped);
  recorder.release();
  expect(pages.isEmpty(dir)).toBe(false);
  // The page recorded is left as it is; the one the walk did not reach is rendered.
  expect(render(pages, "code", data, { views: [a] })).toBe(false);
  expect(render(pages, "code", data, { views: [a], page: 2 })).toBe(true);
});

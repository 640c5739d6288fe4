/**
 * The site model holds what each page needs to be found (URL, title, its
 * documents), not what grows with the archive on every page: listing items,
 * a document page's links and publishing data, key-figure rows and charts are
 * made when read (docs/performance-log.md, "the site model made on read"). The
 * renderer reads each of them once per page, for both the page cache's key
 * and the template, which reads them many times.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PageCache } from "../../scripts/render/page-cache.ts";
import { pageRenderer } from "../../scripts/render/pages.ts";
import { fullDocumentPage } from "../../scripts/site/model.ts";
import { loadSiteData, type SiteData } from "../../scripts/site/site-data.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";
import { keyFigureChanges } from "../keyfigures/fixture.ts";

let dir: string;
let data: SiteData;
beforeAll(() => {
  dir = makeProject("site-basic", keyFigureChanges());
  data = loadSiteData(dir);
});
afterAll(() => removeProject(dir));

/** The getter of `field` on `page` or its class. */
const getterOf = (page: object, field: string) => {
  for (let on: object | null = page; on; on = Object.getPrototypeOf(on)) {
    const descriptor = Object.getOwnPropertyDescriptor(on, field);
    if (descriptor) return descriptor.get;
  }
  return undefined;
};
const madeOnRead = (page: object, field: string) => typeof getterOf(page, field) === "function";

describe("the site model", () => {
  it("makes the parts of a page that grow with the archive when they are read, the same each time", () => {
    const { pages } = data.model;
    const checks: Array<[object[], string[]]> = [
      [pages.document, ["alternates", "crumbs", "topics", "figures", "publish"]],
      [pages.publisher, ["items", "keyFigures"]],
      [pages.topic, ["items"]],
      [pages.type, ["items"]],
      [pages.year, ["items"]],
      [pages.indicator, ["latest", "chart", "history"]],
    ];
    for (const [list, fields] of checks) {
      expect(list.length).toBeGreaterThan(0);
      for (const page of list)
        for (const field of fields) {
          expect(madeOnRead(page, field), field).toBe(true);
          // As JSON (what the page cache keys): a chart's rows carry functions, made afresh on each read.
          const read = JSON.stringify((page as Record<string, unknown>)[field]);
          expect(JSON.stringify((page as Record<string, unknown>)[field]), field).toBe(read);
        }
    }
    // What a listing shows is there when read: every document of the listing, in order.
    const listed = pages.topic.filter((page) => page.locale === "nb").flatMap((page) => page.items.map((item) => item.view.id));
    expect(listed.length).toBe(pages.topic.filter((page) => page.locale === "nb").reduce((sum, page) => sum + page.items.length, 0));
    expect(pages.publisher.some((page) => page.keyFigures !== null)).toBe(true);
    expect(pages.indicator.some((page) => page.history.length > 1)).toBe(true);
  });

  it("gives a document page's made-on-read fields to its class, and keys it by its whole page", () => {
    for (const page of data.model.pages.document) {
      // Getters of each page object were five closures and a property dictionary a page (docs/performance-log.md).
      for (const field of ["alternates", "crumbs", "topics", "figures", "publish"]) expect(Object.getOwnPropertyDescriptor(page, field), field).toBeUndefined();
      const whole = fullDocumentPage(page);
      expect(Object.keys(whole)).toEqual(expect.arrayContaining(["alternates", "crumbs", "topics", "figures", "publish", "view", "title"]));
      expect(Object.keys(whole.publish)).toEqual(expect.arrayContaining(["citation", "embed", "related"]));
      // The page cache hashes a page's JSON: the model's page and its whole copy have the same one.
      expect(JSON.stringify(page)).toBe(JSON.stringify(whole));
    }
  });
});

describe("the renderer", () => {
  it("reads each made-on-read part of a page once, for the page's key and its text together", async () => {
    const original = data.model.pages.indicator.find((page) => page.history.length > 1)!;
    let reads = 0;
    const history = Object.getOwnPropertyDescriptor(original, "history")!.get!;
    const page = Object.defineProperties({}, Object.getOwnPropertyDescriptors(original));
    Object.defineProperty(page, "history", {
      enumerable: true,
      get() {
        reads++;
        return history.call(this);
      },
    });
    const cache = new PageCache(path.join(dir, "page-cache"), "test code", data);
    try {
      const renderer = pageRenderer(data, undefined, cache);
      const [file] = await renderer.write("indicator", [page], path.join(dir, "out"));
      expect(file).toBeDefined();
      expect(reads).toBe(1);
      // The same text as the model's own page.
      expect(renderer.render("indicator", page)).toBe(renderer.render("indicator", original));
      expect(reads).toBe(2);
    } finally {
      cache.release();
    }
  });
});

describe("a publisher's listing", () => {
  let pagedDir: string;
  afterAll(() => removeProject(pagedDir));

  it("makes the publisher's key figures for its first page alone, where they are shown", async () => {
    // One document a page: testby's listing spreads over several, and its key figures are made for each page that asks.
    pagedDir = makeProject("site-basic", { ...keyFigureChanges(), "site.config.json": JSON.stringify({ url: "https://lysark.test", pageSize: 1 }) });
    const paged = loadSiteData(pagedDir);
    const testby = paged.model.pages.publisher.filter((page) => page.locale === "nb" && page.publisher.id === "testby");
    expect(testby.length).toBeGreaterThan(1);
    const [first, ...later] = testby;
    expect(first!.keyFigures?.latest.length).toBeGreaterThan(0);
    for (const page of later) expect(page.keyFigures, page.url).toBeNull();
    const renderer = pageRenderer(paged);
    expect(renderer.render("publisher", first)).toContain('id="kf-heading"');
    for (const page of later) expect(renderer.render("publisher", page), page.url).not.toContain('id="kf-heading"');
  });
});

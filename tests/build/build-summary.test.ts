/** The last line of `npm run build`: what came from .cache/lysark/, the kept pages read and checked among them. */
import { describe, expect, it } from "vitest";
import { cacheSummary } from "../../scripts/cli/build-summary.ts";

describe("npm run build's cache summary", () => {
  it("says nothing for a build without the cache", () => {
    expect(cacheSummary({})).toBe("");
  });

  it("counts documents, pages and the search index taken from the cache", () => {
    expect(
      cacheSummary({
        documentsReused: 4999,
        documentsLoaded: 1,
        pagesReused: 53082,
        pagesRendered: 104,
        searchReused: false,
        searchSlices: 40,
        searchSlicesReused: 39,
      }),
    ).toBe("; from .cache/lysark: 4999 of 5000 documents, 53082 of 53186 pages, search index rebuilt (39 of its 40 slices kept)");
    expect(cacheSummary({ documentsReused: 2, documentsLoaded: 0, pagesReused: 30, pagesRendered: 0, searchReused: true, siteReused: true })).toBe(
      "; from .cache/lysark: 2 of 2 documents, 30 of 30 pages, the search index (the whole site, nothing changed)",
    );
  });

  it("says how many kept pages or files were read and checked (every one with --verify-cache) and how many entries were unsound", () => {
    expect(cacheSummary({ documentsReused: 2, documentsLoaded: 0, pagesReused: 29, pagesRendered: 1, pagesChecked: 30, searchReused: true, unsound: 1 })).toBe(
      "; from .cache/lysark: 2 of 2 documents, 29 of 30 pages (30 kept pages read and checked first), the search index, 1 unsound entries made again",
    );
    // The whole site reused: how many of its files were read before they were linked (every one with --verify-cache).
    expect(
      cacheSummary({ documentsReused: 2, documentsLoaded: 0, pagesReused: 30, pagesRendered: 0, searchReused: true, siteReused: true, siteFilesChecked: 4 }),
    ).toBe("; from .cache/lysark: 2 of 2 documents, 30 of 30 pages, the search index (the whole site, nothing changed; 4 of its files read and checked first)");
  });
});

/**
 * A query with a quoted phrase (assets/search-query.js): Pagefind finds the documents that hold the phrase exactly but
 * scores each 1, so they kept the bundle's order, newest first. They are ordered by the relevance of the same words
 * searched without the quotes; and nothing the phrase does not find joins them.
 */
import { describe, expect, it } from "vitest";

const { createSearch } = await import("../../assets/search-query.js" as string);

/** Pagefind's search() over fixed results per term: the phrase's all scored 1, as Pagefind scores them. */
function fakePagefind(found: Record<string, Array<[id: string, score: number]>>, searched: string[]) {
  const instance = {
    init: async () => {},
    search: async (term: string) => {
      searched.push(term);
      return { results: (found[term] ?? []).map(([id, score]) => ({ id, score, data: async () => ({}) })), filters: {} };
    },
  };
  return { createInstance: () => instance };
}

describe("a quoted phrase", () => {
  it("keeps the phrase's documents, ordered by the relevance of its words", async () => {
    const searched: string[] = [];
    const pagefind = fakePagefind(
      {
        '"psykisk helse"': [
          ["newest", 1],
          ["title-match", 1],
          ["older", 1],
          ["only-phrase", 1],
        ],
        "psykisk helse": [
          ["title-match", 41],
          ["elsewhere", 40],
          ["older", 30],
          ["newest", 12],
        ],
      },
      searched,
    );
    const search = await createSearch(pagefind, "/pagefind/");
    const { results } = await search.run('"psykisk helse"');
    expect(results.map((hit: { id: string }) => hit.id)).toEqual(["title-match", "older", "newest", "only-phrase"]);
    expect(searched.sort()).toEqual(['"psykisk helse"', "psykisk helse"]);
  });

  it("orders by date when asked, as any query", async () => {
    const pagefind = fakePagefind(
      {
        '"a b"': [
          ["x/1", 1],
          ["x/0", 1],
        ],
      },
      [],
    );
    const search = await createSearch(pagefind, "/pagefind/");
    expect((await search.run('"a b"', { sort: "newest" })).results.map((hit: { id: string }) => hit.id)).toEqual(["x/0", "x/1"]);
  });
});

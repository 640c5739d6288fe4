/**
 * The facet counts the search page shows when a query is expanded with
 * variants (assets/search-query.js): they must count the merged results, each
 * document once, exactly as ticking a box would list them. Runs createSearch on
 * a stand-in for Pagefind's instance, so any mix of overlapping results can be
 * checked without a browser.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const { createSearch, queryVariants } = await import("../../assets/search-query.js" as string);

interface Doc {
  id: string;
  topic: string[];
  language: string[];
}

/** Pagefind's search() over `docs`: a term finds the documents listed for it; counts over its own results. */
function fakePagefind(found: Record<string, Doc[]>, loaded: string[]) {
  const instance = {
    init: async () => {},
    search: async (term: string) => {
      const docs = found[term] ?? [];
      const filters = { topic: {} as Record<string, number>, language: {} as Record<string, number> };
      for (const doc of docs)
        for (const facet of ["topic", "language"] as const) for (const value of doc[facet]) filters[facet][value] = (filters[facet][value] ?? 0) + 1;
      return {
        results: docs.map((doc, rank) => ({
          id: doc.id,
          score: 10 - rank,
          data: async () => {
            loaded.push(doc.id);
            return { filters: { topic: doc.topic, language: doc.language } };
          },
        })),
        filters,
      };
    },
  };
  return { createInstance: () => instance };
}

/** What the counts must be: each distinct result counted once per value. */
function expectedCounts(results: Array<{ id: string }>, docs: Map<string, Doc>) {
  const counts = { topic: {} as Record<string, number>, language: {} as Record<string, number> };
  for (const { id } of results)
    for (const facet of ["topic", "language"] as const) for (const value of docs.get(id)![facet]) counts[facet][value] = (counts[facet][value] ?? 0) + 1;
  return counts;
}

describe("facet counts of a query with variants", () => {
  const query = "kommunerna";
  const variant = queryVariants(query)[0] as string;

  it("count each document of the merged results once, and only when asked", async () => {
    const doc = (id: string, topic: string, language: string): Doc => ({ id, topic: [topic], language: [language] });
    const a = doc("a", "skole", "sv");
    const b = doc("b", "skole", "nb");
    const c = doc("c", "helse", "nb");
    const loaded: string[] = [];
    const search = await createSearch(fakePagefind({ [query]: [a, b], [variant]: [b, c] }, loaded), "/pagefind/");
    const plain = await search.run(query, {});
    expect(plain.results.map((hit: { id: string }) => hit.id).sort()).toEqual(["a", "b", "c"]);
    expect(loaded).toEqual([]);
    const counted = await search.run(query, { counts: true });
    expect(counted.filters).toEqual({ topic: { skole: 2, helse: 1 }, language: { sv: 1, nb: 2 } });
    expect(loaded).toEqual(["c"]);
  });

  it("match the merged results for any overlap of query and variant results", async () => {
    const docArbitrary = fc.record({
      topic: fc.subarray(["skole", "helse", "kultur"]),
      language: fc.subarray(["nb", "sv", "da"], { minLength: 1, maxLength: 1 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(docArbitrary, { minLength: 1, maxLength: 40 }),
        fc.array(fc.constantFrom("query", "variant", "both"), { minLength: 40, maxLength: 40 }),
        async (shapes, where) => {
          const docs = new Map(shapes.map((shape, i) => [`d${i}`, { id: `d${i}`, ...shape }]));
          const list = [...docs.values()];
          const search = await createSearch(
            fakePagefind({ [query]: list.filter((_, i) => where[i] !== "variant"), [variant]: list.filter((_, i) => where[i] !== "query") }, []),
            "/pagefind/",
          );
          const { results, filters } = await search.run(query, { counts: true });
          expect(new Set(results.map((hit: { id: string }) => hit.id)).size).toBe(results.length);
          expect(filters).toEqual(expectedCounts(results, docs));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("the query kept whole", () => {
  it("raises a document the query found, and adds none the query did not find", async () => {
    const scored = (entries: Array<[string, number]>) => ({
      results: entries.map(([id, score]) => ({ id, score, data: async () => ({ filters: {} }) })),
      filters: {},
    });
    // "lager" is stemmed "lag"; "lageret" is stemmed "lager", the word as typed.
    const found: Record<string, ReturnType<typeof scored>> = {
      lager: scored([
        ["lag-document", 2],
        ["lager-document", 0.5],
      ]),
      lageret: scored([
        ["lager-document", 5],
        ["fallback-document", 4],
      ]),
    };
    const instance = { init: async () => {}, search: async (term: string) => found[term] ?? scored([]) };
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async () => new Response(JSON.stringify({ languages: { nb: { page_count: 3 } } }))) as typeof fetch;
    try {
      const search = await createSearch({ createInstance: () => instance }, "/pagefind/");
      const { results } = await search.run("lager", {});
      expect(results.map((hit: { id: string }) => hit.id)).toEqual(["lager-document", "lag-document"]);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});

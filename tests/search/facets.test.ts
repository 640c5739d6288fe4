/**
 * A long search facet (scripts/search/page.ts): its FACET_SHOWN options with the most documents (a year facet, the
 * newest) are shown, the rest behind "Show all", each list in the facet's own order; a short facet stays whole.
 */
import { describe, expect, it } from "vitest";
import type { Publisher } from "../../scripts/content/schema.ts";
import { buildSearchPages, FACET_SHOWN } from "../../scripts/search/page.ts";
import type { SearchRecord } from "../../scripts/search/records.ts";

const publisher = (n: number): Publisher =>
  ({
    id: `p${n}`,
    names: { nb: `Kommune ${String.fromCharCode(65 + n)}`, en: `Municipality ${String.fromCharCode(65 + n)}` },
    country: "NO",
    kind: "kommune",
  }) as Publisher;
const record = (publisherId: string, year: string) =>
  ({ filters: { publisher: [publisherId], topic: [], type: ["report"], year: [year], language: ["nb"] } }) as unknown as SearchRecord;

describe("a search facet of many options", () => {
  // Twenty publishers A–T; publisher n has n + 1 documents, one a year from 2000 on, so the later letters have more.
  const publishers = Array.from({ length: 20 }, (_, n) => publisher(n));
  const records = publishers.flatMap((p, n) => Array.from({ length: n + 1 }, (_, k) => record(p.id, String(2000 + k))));
  const [nb] = buildSearchPages(records, publishers, []);
  const facet = (key: string) => nb!.facets.find((candidate) => candidate.key === key)!;

  it("shows the options with the most documents, in the facet's order, and the rest behind «Show all»", () => {
    const { options, more } = facet("publisher");
    expect(options).toHaveLength(FACET_SHOWN);
    expect(options.map((option) => option.label)).toEqual("KLMNOPQRST".split("").map((letter) => `Kommune ${letter}`));
    expect(more.map((option) => option.label)).toEqual("ABCDEFGHIJ".split("").map((letter) => `Kommune ${letter}`));
  });

  it("shows the newest years, and the older ones behind «Show all»", () => {
    const { options, more } = facet("year");
    expect(options.map((option) => option.value)).toEqual(Array.from({ length: 10 }, (_, i) => String(2019 - i)));
    expect(more.map((option) => option.value)).toEqual(Array.from({ length: 10 }, (_, i) => String(2009 - i)));
  });

  it("keeps a facet of twelve options or fewer whole", () => {
    const [few] = buildSearchPages(records.slice(0, 78), publishers.slice(0, 12), []);
    const publisherFacet = few!.facets.find((candidate) => candidate.key === "publisher")!;
    expect(publisherFacet.options).toHaveLength(12);
    expect(publisherFacet.more).toEqual([]);
    expect(facet("type").more).toEqual([]);
  });
});

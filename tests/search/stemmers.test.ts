/**
 * assets/search-stemmers.js is generated from the snowball-stemmers package
 * (scripts/search/browser-stemmers.ts), and assets/search-query.js uses it to
 * add each query's Swedish, Danish and English stems.
 */
import { readFileSync } from "node:fs";
import snowball from "snowball-stemmers";
import { describe, expect, it } from "vitest";
import { BROWSER_STEMMERS, browserStemmersSource, STEMMERS_FILE } from "../../scripts/search/browser-stemmers.ts";

const WORDS = [
  "kommunerna",
  "skolorna",
  "invånarna",
  "utvecklingen",
  "kommunerne",
  "pendlerne",
  "cyklisterne",
  "planning",
  "harvested",
  "residencies",
  "policies",
  "staging",
  "heated",
];

describe("browser stemmers", () => {
  it("are the generator's output (run `npx tsx scripts/search/browser-stemmers.ts` after updating snowball-stemmers)", () => {
    expect(readFileSync(STEMMERS_FILE, "utf8")).toBe(browserStemmersSource());
  });

  it("stem like the package they come from", async () => {
    const { newStemmer } = await import("../../assets/search-stemmers.js" as string);
    for (const language of BROWSER_STEMMERS) {
      const ours = newStemmer(language);
      const theirs = snowball.newStemmer(language);
      expect(
        WORDS.map((word) => ours.stem(word)),
        language,
      ).toEqual(WORDS.map((word) => theirs.stem(word)));
    }
  });
});

describe("query variants", () => {
  it("adds each language's stems of the query, without the query itself or repeats", async () => {
    const { queryVariants } = await import("../../assets/search-query.js" as string);
    expect(queryVariants("Kommunerna")).toEqual(["kommun"]);
    expect(queryVariants("harvested roofs")).toContain("harvest roof");
    expect(queryVariants("pendlerne")).toEqual(expect.arrayContaining(["pendl"]));
    expect(queryVariants("plan")).toEqual([]);
  });
});

describe("the query kept whole (literalVariant)", () => {
  it("replaces a word the bundle's stemmer cuts short by a form it stems to the whole word", async () => {
    const { literalVariant } = await import("../../assets/search-query.js" as string);
    const { newStemmer } = await import("../../assets/search-stemmers.js" as string);
    const norwegian = newStemmer("norwegian");
    const literal = literalVariant("Lager", norwegian);
    // Pagefind stems the variant with the same stemmer: it must come back as the word as typed.
    expect(norwegian.stem(literal)).toBe("lager");
    expect(norwegian.stem("lager")).toBe("lag");
    expect(
      literalVariant("integrering rådet", norwegian)
        .split(" ")
        .map((word: string) => norwegian.stem(word)),
    ).toEqual(["integrering", "rådet"]);
  });

  it("gives nothing when the stemmer keeps every word whole", async () => {
    const { literalVariant } = await import("../../assets/search-query.js" as string);
    const { newStemmer } = await import("../../assets/search-stemmers.js" as string);
    expect(literalVariant("plan integrering", newStemmer("norwegian"))).toBeUndefined();
  });
});

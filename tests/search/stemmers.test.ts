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

/**
 * assets/search-stemmers.js is generated from the snowball-stemmers package
 * (scripts/search/browser-stemmers.ts), and assets/search-query.js uses it to
 * add each query's Swedish, Danish and English stems.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import snowball from "snowball-stemmers";
import { describe, expect, it } from "vitest";
import { BROWSER_STEMMERS, browserStemmersSource, STEMMERS_FILE } from "../../scripts/search/browser-stemmers.ts";
import { repoRoot } from "../helpers/fixture.ts";

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

  it("stem the bundled content's words and a tenth of each language's word list like the package (the file is minified)", async () => {
    const { newStemmer } = await import("../../assets/search-stemmers.js" as string);
    const contentWords = new Set<string>();
    for (const folder of ["content", path.join("bench", "search", "known-items", "content")]) {
      for (const entry of readdirSync(path.join(repoRoot, folder), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith(".md")) continue;
        for (const word of readFileSync(path.join(entry.parentPath, entry.name), "utf8")
          .toLocaleLowerCase()
          .match(/\p{L}+/gu) ?? [])
          contentWords.add(word);
      }
    }
    const dictionary = { swedish: "sv", danish: "da", english: "en", norwegian: "nb" } as const;
    for (const language of BROWSER_STEMMERS) {
      const list = readFileSync(path.join(repoRoot, "node_modules", `dictionary-${dictionary[language]}`, "index.dic"), "utf8").split("\n");
      const words = new Set(contentWords);
      for (let i = 1; i < list.length; i += 10) words.add(list[i]!.split("/")[0]!.toLocaleLowerCase());
      expect(words.size, language).toBeGreaterThan(5_000);
      const ours = newStemmer(language);
      const theirs = snowball.newStemmer(language);
      const differ = [...words].filter((word) => ours.stem(word) !== theirs.stem(word));
      expect(differ, language).toEqual([]);
    }
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

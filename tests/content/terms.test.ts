/**
 * A document's words for related documents (scripts/content/terms.ts), found
 * in pass 1: each distinct word once, in order of first use, with its count,
 * from the title in every language, the summary and each part's text.
 */
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadContent } from "../../scripts/content/load.ts";
import { documentTerms, eachLetterRun, termWords } from "../../scripts/content/terms.ts";
import { doc, makeProject, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";
import { randomBelow } from "../helpers/random.ts";

let dir: string | undefined;
afterEach(() => {
  if (dir) removeProject(dir);
});

describe("documentTerms", () => {
  it("counts each word worth comparing, in order of first use", () => {
    expect(documentTerms("Plan for skole. Skolen og planen: PLAN 2024 for alle, skole!")).toEqual({
      words: "plan skole skolen planen",
      counts: [2, 2, 1, 1],
    });
    expect(documentTerms("")).toEqual({ words: "", counts: [] });
    expect(termWords(documentTerms(""))).toEqual([]);
  });

  it("gives the words of a loaded document's title, translated title, summary and slides", () => {
    dir = makeProject("site-basic", {
      "content/testby/ord.md": doc(
        `${VALID_FRONT_MATTER.replace("Et dokument", "Kulturplan for Testby")}\ntitleTranslations:\n  en: Culture plan\nsummary: Bibliotek og museum.`,
        "## Første lysark\n\nBibliotek, bibliotek og kulturhus.\n\n## Andre lysark\n\nMuseum.",
      ),
    });
    const loaded = loadContent(path.join(dir, "content"), { root: dir });
    expect(loaded.problems.filter((problem) => problem.severity === "error")).toEqual([]);
    const terms = loaded.site.documents.find((document) => document.slug === "ord")!.terms;
    const words = termWords(terms);
    expect(words).toHaveLength(terms.counts.length);
    const count = (word: string) => terms.counts[words.indexOf(word)];
    expect(words.slice(0, 5)).toEqual(["kulturplan", "testby", "culture", "plan", "bibliotek"]);
    expect(count("bibliotek")).toBe(3);
    expect(count("museum")).toBe(2);
    expect(count("kulturhus")).toBe(1);
    expect(words).not.toContain("og");
  });
});

describe("eachLetterRun", () => {
  /** The runs eachLetterRun reports, as strings. */
  const runs = (text: string) => {
    const found: string[] = [];
    eachLetterRun(text, (lower, start, end) => found.push(lower.slice(start, end)));
    return found;
  };

  it("finds the lower-cased runs of letters and digits", () => {
    expect(runs("Bølge-demperen, ved «moloen»!")).toEqual(["bølge", "demperen", "ved", "moloen"]);
  });

  it("finds the words a split on anything but letters and digits finds, on random texts", () => {
    // Astral letters and digits (𝐀, 𝟏), an emoji, lone surrogates, a combining mark, letters that lower-case longer (İ).
    const pieces = ["a", "Å", "ø", "1", "23", " ", "-", "«", "𝐀", "𝟏", "😀", "\ud835", "\udc00", "\u0301", "İ", "ß", "Σ"];
    const next = randomBelow(20261203);
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: next(14) }, () => pieces[next(pieces.length)]).join("");
      const split = text
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean);
      expect(runs(text), JSON.stringify(text)).toEqual(split);
    }
  });
});

/**
 * A document's words for related documents (scripts/content/terms.ts), found
 * in pass 1: each distinct word once, in order of first use, with its count,
 * from the title in every language, the summary and each part's text.
 */
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadContent } from "../../scripts/content/load.ts";
import { documentTerms, termWords } from "../../scripts/content/terms.ts";
import { doc, makeProject, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";

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

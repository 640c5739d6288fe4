/**
 * Why a result matched (assets/search-explain.js): through a topic word in
 * another language, or through part of a compound; nothing when the query's
 * words are in the document's own text.
 */
import { describe, expect, it } from "vitest";
import { INDEX_ONLY_ANCHOR } from "../../scripts/search/records.ts";

const { explainMatch } = await import("../../assets/search-explain.js" as string);

const TOPICS = { likestilling: { nb: ["Likestilling", "likeverd", "kjønn"], en: ["Gender equality", "equality", "gender"] } };

/** Pagefind's result data: the text, and the word positions that matched with their weights. */
function hit(content: string, matches: Array<[string, number]>, topics: string[] = ["likestilling"]) {
  const words = content.split(/\s+/);
  const weighted_locations = matches.map(([word, weight]) => ({ weight, balanced_score: weight, location: words.indexOf(word) }));
  return { content, weighted_locations, filters: { topic: topics } };
}

describe("explaining a match", () => {
  const text = "Jämställdhet i Gävleborg. Jämställdhet · Likestilling · Gender equality · gender. Arbetet med jämställdhetsintegrering fortsätter.";

  it("names the topic when every matched word is one of its words in another language than the body's", () => {
    expect(
      explainMatch(
        hit(text, [
          ["Gender", 3],
          ["equality", 3],
        ]),
        TOPICS,
        "sv",
      ),
    ).toEqual({ kind: "topic", topic: "likestilling" });
    expect(explainMatch(hit(text, [["Likestilling", 3]]), TOPICS, "sv")).toEqual({ kind: "topic", topic: "likestilling" });
  });

  it("says nothing when the topic word is in the body's own language, or a word of the text matched too", () => {
    expect(explainMatch(hit(text, [["Likestilling", 3]]), TOPICS, "nb")).toBeNull();
    expect(explainMatch(hit(text, [["Likestilling", 3]]), TOPICS, "nn")).toBeNull();
    expect(
      explainMatch(
        hit(text, [
          ["Gender", 3],
          ["Arbetet", 1],
        ]),
        TOPICS,
        "sv",
      ),
    ).toBeNull();
    expect(explainMatch(hit(text, [["Gender", 3]], []), TOPICS, "sv")).toBeNull();
  });

  it("names the compound when every match is a compound part", () => {
    const withParts = "integrering Arbetet med jämställdhetsintegrering fortsätter.";
    expect(explainMatch(hit(withParts, [["integrering", 0.5]]), TOPICS, "sv")).toEqual({
      kind: "compound",
      word: "jämställdhetsintegrering",
      part: "integrering",
    });
    expect(
      explainMatch(
        hit(withParts, [
          ["integrering", 0.5],
          ["Arbetet", 1],
        ]),
        TOPICS,
        "sv",
      ),
    ).toBeNull();
  });

  it("names a word of the text, never one the record adds for the index only", () => {
    // "jämställdhetsintegreringen" is an added word form (index-only: from the anchor to the first slide).
    const content = "Arbetet. integrering jämställdhetsintegreringen. Arbetet med jämställdhetsintegrering fortsätter.";
    const found = hit(content, [["integrering", 0.5]]);
    const anchors = [
      { id: INDEX_ONLY_ANCHOR, location: 1 },
      { id: "slide-1", location: 3 },
    ];
    expect(explainMatch({ ...found, anchors }, TOPICS, "sv")).toEqual({ kind: "compound", word: "jämställdhetsintegrering", part: "integrering" });
    // Without the anchor (a bundle from before it) the longest word anywhere is named.
    expect(explainMatch(found, TOPICS, "sv")?.word).toBe("jämställdhetsintegreringen");
    // Only an index-only word holds the part: nothing to name.
    const onlyThere = hit("Text. integrering integreringen.", [["integrering", 0.5]]);
    expect(explainMatch({ ...onlyThere, anchors: [{ id: INDEX_ONLY_ANCHOR, location: 1 }] }, TOPICS, "sv")).toBeNull();
  });

  it("says nothing when the match is a word of the text typed without ø or æ: the excerpt marks that word", () => {
    // "for" is the keyboard form of "før", not the part of "forankringen" it would otherwise be taken for.
    const content = "Forankring. for forankr. Det var før forankringen.";
    const anchors = [
      { id: INDEX_ONLY_ANCHOR, location: 1 },
      { id: "slide-1", location: 3 },
    ];
    expect(explainMatch({ ...hit(content, [["for", 0.5]]), anchors }, TOPICS, "nb")).toBeNull();
    // A compound part beside it is still named.
    expect(explainMatch({ ...hit(content, [["forankr.", 0.5]]), anchors }, TOPICS, "nb")).toEqual({ kind: "compound", word: "forankringen", part: "forankr" });
  });

  it("says nothing for a quoted phrase, whose words Pagefind locates in the text at the lowest weight", () => {
    // Stavanger's "bærekraftig utvikling. Sammen": a compound of the text holds "utvikling", but the phrase is the text's own.
    const content = "Forankring. utvikling Ledelsesutviklingsprogrammet. En bærekraftig utvikling. Sammen med folkehelse.";
    const words = content.split(/\s+/);
    const anchors = [
      { id: INDEX_ONLY_ANCHOR, location: 1 },
      { id: "slide-1", location: 2 },
    ];
    const phrase = [words.indexOf("utvikling."), words.indexOf("Sammen")].map((location) => ({ weight: 1 / 24, balanced_score: 1, location }));
    expect(explainMatch({ content, weighted_locations: phrase, anchors, filters: { topic: [] } }, TOPICS, "nb")).toBeNull();
    // The same part matched among the index-only words alone is named.
    const part = [{ weight: 0.5, balanced_score: 0.5, location: 1 }];
    expect(explainMatch({ content, weighted_locations: part, anchors, filters: { topic: [] } }, TOPICS, "nb")).toEqual({
      kind: "compound",
      word: "ledelsesutviklingsprogrammet",
      part: "utvikling",
    });
  });

  it("says nothing without matches", () => {
    expect(explainMatch({ content: "text", weighted_locations: [] }, TOPICS, "sv")).toBeNull();
  });
  it("copes with a word a document repeats 200,000 times (more matches than a call takes arguments)", () => {
    const content = Array.from({ length: 200_000 }, () => "kommune").join(" ");
    const weighted_locations = Array.from({ length: 200_000 }, (_, location) => ({ weight: 1, balanced_score: 1, location }));
    const anchors = Array.from({ length: 200_000 }, (_, location) => ({ id: `a${location}`, location, element: "span", text: "" }));
    expect(explainMatch({ content, weighted_locations, anchors, filters: { topic: [] } }, TOPICS, "nb")).toBeNull();
    const parts = weighted_locations.map((entry) => ({ ...entry, weight: 0.5 }));
    expect(explainMatch({ content, weighted_locations: parts, anchors, filters: { topic: [] } }, TOPICS, "nb")).toBeNull();
  });
});

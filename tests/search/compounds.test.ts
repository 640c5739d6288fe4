/**
 * The compound splitter (scripts/search/compounds.ts): which parts of a long
 * word get indexed, from the site's own vocabulary.
 */
import { describe, expect, it } from "vitest";
import {
  buildVocabulary,
  compoundParts,
  knownWord,
  type Lexicon,
  MAX_COMPOUND,
  MAX_LOOKUPS,
  recordCompoundParts,
  recordWords,
  withDictionary,
} from "../../scripts/search/compounds.ts";
import { recordHtml, type SearchRecord } from "../../scripts/search/records.ts";

function record(text: string, language: SearchRecord["language"] = "nb"): SearchRecord {
  return {
    id: "p/doc",
    url: "/p/doc/",
    language,
    title: "Tittel",
    meta: { title: "Tittel", doc: "p/doc", publisher: "p" },
    filters: { publisher: ["p"], topic: [], type: ["presentation"], year: ["2020"], language: [language] },
    sort: { newest: "2020", oldest: "2020" },
    head: [],
    parts: [{ anchor: "slide-1", title: "Lysbilde", text, topics: [] }],
  };
}

describe("compound parts", () => {
  const vocabulary = buildVocabulary([recordWords(record("Sjøbunn og havn. Jämställdhet i kommunen. Arbeidsgiver og strategi. Vinteren er lang."))]);

  it("finds the final part after a known first part, with a linking s", () => {
    expect(compoundParts("sjøbunnsoppryddingen", vocabulary)).toContain("oppryddingen");
    expect(compoundParts("jämställdhetsintegreringen", vocabulary)).toContain("integreringen");
    expect(compoundParts("arbeidsgiverstrategi", vocabulary)).toContain("strategi");
  });

  it("splits words up to MAX_COMPOUND letters, and looks nothing up in a longer run of letters, whose first parts would cost its length squared", () => {
    const longest = `sjøbunns${"opprydding".repeat(5)}${"x".repeat(MAX_COMPOUND - 58)}`;
    expect(longest).toHaveLength(MAX_COMPOUND);
    expect(compoundParts(longest, vocabulary)).toEqual([longest.slice("sjøbunns".length)]);
    let lookups = 0;
    const counted: Lexicon = {
      has(word) {
        lookups++;
        return vocabulary.has(word);
      },
    };
    for (const run of [`${longest}x`, `sjøbunns${"a".repeat(160_000)}`]) {
      expect(compoundParts(run, counted)).toEqual([]);
      expect(recordCompoundParts(new Set([run]), counted)).toEqual([]);
    }
    expect(lookups).toBe(0);
  });

  it("gives up on a word that needs more than MAX_LOOKUPS lookups, as a made-up word whose every start is a known word does", () => {
    let lookups = 0;
    // Every run of s and e from 4 to 12 letters is a word: every start of a long run of them is a known first part.
    const known = new Set<string>();
    const grow = (word: string) => {
      if (word.length >= 4) known.add(word);
      if (word.length < 12) for (const letter of "se") grow(word + letter);
    };
    grow("");
    const counted: Lexicon = {
      has(word) {
        lookups++;
        return known.has(word);
      },
      checked: true,
    };
    const madeUp = "sesseesessseseeesseseesesseeessesessseseeesesseseseessesseessese";
    expect(madeUp).toHaveLength(MAX_COMPOUND);
    expect(compoundParts(madeUp, counted)).toEqual([]);
    // It stopped at the budget (the last step's few lookups past it), not after every first part of every remainder.
    expect(lookups).toBeGreaterThan(MAX_LOOKUPS);
    expect(lookups).toBeLessThan(MAX_LOOKUPS + 50);
    // A real compound takes a small part of the budget.
    lookups = 0;
    const site: Lexicon = {
      has(word) {
        lookups++;
        return vocabulary.has(word);
      },
    };
    expect(compoundParts("sjøbunnsoppryddingen", site)).toContain("oppryddingen");
    expect(lookups).toBeLessThan(MAX_LOOKUPS / 10);
  });

  it('uses the stems of the vocabulary ("vinteren" gives "vinter")', () => {
    expect(compoundParts("vinterturismen", vocabulary)).toEqual(["turismen"]);
  });

  it("keeps the linking letter with the first part, and leaves short endings and unknown words alone", () => {
    expect(compoundParts("sjøbunnsoppryddingen", vocabulary)).not.toContain("soppryddingen");
    expect(compoundParts("kommunenes", vocabulary)).toEqual([]);
    expect(compoundParts("reinsdyrsafari", vocabulary)).toEqual([]);
    expect(compoundParts("havn", vocabulary)).toEqual([]);
  });

  describe("with a word list of the language", () => {
    const dictionary = new Set(["turn", "turnus", "ordning", "tunnel", "element", "samfunn", "utvikler", "rolle", "skule", "skyss", "kyss"]);
    const lexicon = withDictionary(vocabulary, [dictionary]);

    it("splits after a first part the site never writes alone", () => {
      expect(compoundParts("turnusordninger", lexicon)).toEqual(["ordninger"]);
      expect(compoundParts("turnusordninger", vocabulary)).toEqual([]);
    });

    it("keeps only remainders that are words, maybe with an ending", () => {
      expect(knownWord("elementerne", lexicon)).toBe(true);
      expect(knownWord("lementerne", lexicon)).toBe(false);
      expect(compoundParts("tunnelelementerne", lexicon)).toEqual(["elementerne"]);
    });

    it("finds a final part behind a remainder that is no word itself", () => {
      expect(compoundParts("samfunnsutviklerrollen", lexicon)).toEqual(["rollen"]);
    });

    it("keeps every word a linking letter leaves possible", () => {
      expect(compoundParts("skuleskyssen", lexicon).sort()).toEqual(["kyssen", "skyssen"]);
    });
  });

  it("adds a record's parts once, not those it already has as words", () => {
    const own = recordWords(record("Sjøbunnsoppryddingen starter. Oppryddingen tar tid. Vinterturismen vokser."));
    expect(recordCompoundParts(own, vocabulary)).toEqual(["turismen"]);
  });

  it("indexes the parts before the slides, after the index-only anchor, at a low weight, escaped", () => {
    const html = recordHtml(record("Tekst"), { compoundParts: ["turismen", "<b>"] });
    expect(html).toMatch(/<div id="index-only"><\/div>\n<p data-pagefind-weight="0\.5" data-pagefind-compound-parts>turismen &lt;b&gt;<\/p>\n<h2 id="slide-1"/);
    expect(recordHtml(record("Tekst"))).not.toContain("compound-parts");
    expect(recordHtml(record("Tekst"))).not.toContain("index-only");
  });
});

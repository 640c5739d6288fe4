/**
 * scripts/search/inflections.ts: the forms of a record's words that the
 * bundle's stemmer cannot join, from Hunspell's affix rules.
 */
import { describe, expect, it } from "vitest";
import {
  affixDictionariesFor,
  affixesOf,
  entriesOf,
  parseAffixes,
  parseDictionary,
  queryStemmers,
  recordWordForms,
  unjoinedForms,
} from "../../scripts/search/inflections.ts";
import { recordHtml, type SearchRecord } from "../../scripts/search/records.ts";

// How queries reach a Norwegian bundle (the stemmer and the search page's variants), and an English one.
const norwegian = queryStemmers("nb")!;
const english = queryStemmers("en")!;

// A cut-down Nynorsk dictionary: the rules that make "læremiddel" → "læremidla", "skule" → "skulen", "skular".
const AFF = `SET UTF-8
FLAG UTF-8
PFX u Y 1
PFX u   0     u           .
SFX A Y 2
SFX A   0     n           e
SFX A   0     en          [^e]
SFX C Y 3
SFX C   e     a           e
SFX C   del   la          ddel
SFX C   0     a           [^d]del
SFX D Y 1
SFX D   e     ar/X        e
`;
/** The words of the records: the dictionary keeps only the entries these may be forms of. */
const WORDS = ["læremiddel", "læremidla", "skule", "skular", "skulane", "vanleg", "bergen", "ukjend"];
const DIC = `4
læremiddel/C
skule/ACD
vanleg/u
Bergen/A
`;

describe("Hunspell suffix rules", () => {
  it("reads the rules with their conditions, and each word's flags", () => {
    const { rules } = parseAffixes(AFF);
    expect(rules.map((rule) => [rule.flag, rule.strip, rule.add])).toContainEqual(["C", "del", "la"]);
    // A continuation flag after the ending ("ar/X") is not part of the ending.
    expect(rules.find((rule) => rule.flag === "D")!.add).toBe("ar");
    const dictionary = parseDictionary(DIC, affixesOf(AFF), WORDS);
    expect(dictionary.words.get("skule")).toEqual(["A", "C", "D"]);
    // Names are not plain words; a prefix flag is no suffix rule.
    expect(dictionary.words.has("bergen")).toBe(false);
    // An entry with no suffix rule has no other forms: it is not kept.
    expect(dictionary.words.has("vanleg")).toBe(false);
  });

  it("reads numeric flags (FLAG num, as the Danish dictionary has)", () => {
    const dictionary = parseDictionary("1\nkasse/10,20\tpo:noun\n", affixesOf("FLAG num\nSFX 10 Y 1\nSFX 10 0 n .\nSFX 20 Y 1\nSFX 20 0 ne .\n"), ["kassen"]);
    expect(dictionary.words.get("kasse")).toEqual(["10", "20"]);
    expect(entriesOf("kassen", dictionary)).toEqual(["kasse"]);
  });

  it("takes a form back to the entries it is a form of", () => {
    const dictionary = parseDictionary(DIC, affixesOf(AFF), WORDS);
    expect(entriesOf("læremidla", dictionary)).toEqual(["læremiddel"]);
    expect(entriesOf("skulane", dictionary)).toEqual([]);
    expect(entriesOf("skular", dictionary)).toEqual(["skule"]);
  });
});

describe("forms the stemmer cannot join", () => {
  it("gives the irregular form of a word, from the word or from another of its forms", () => {
    const dictionary = parseDictionary(DIC, affixesOf(AFF), WORDS);
    expect(unjoinedForms("læremiddel", [dictionary], norwegian)).toEqual(["læremidla"]);
    expect(unjoinedForms("læremidla", [dictionary], norwegian)).toEqual(["læremiddel"]);
  });

  it("leaves out forms a query variant finds, and long regular endings", () => {
    const dictionary = parseDictionary("2\nkommun/K\nplan/P\n", affixesOf("SFX K Y 1\nSFX K 0 erna .\nSFX P Y 1\nSFX P 0 este .\n"), ["kommun", "plan"]);
    // "kommunerna": the Swedish variant "kommun" finds "kommun"; "planeste" is four letters longer.
    expect(unjoinedForms("kommun", [dictionary], norwegian)).toEqual([]);
    expect(unjoinedForms("plan", [dictionary], norwegian)).toEqual([]);
  });

  it("gives nothing when the stemmer already joins every form", () => {
    const dictionary = parseDictionary(DIC, affixesOf(AFF), WORDS);
    // skule, skulen, skula, skular: all "skul".
    expect(unjoinedForms("skule", [dictionary], norwegian)).toEqual([]);
    expect(unjoinedForms("ukjend", [dictionary], norwegian)).toEqual([]);
  });

  it("leaves out forms the record holds itself", () => {
    const dictionary = parseDictionary(DIC, affixesOf(AFF), WORDS);
    expect(recordWordForms(new Set(["læremiddel", "skule"]), [dictionary], norwegian)).toEqual(["læremidla"]);
    expect(recordWordForms(new Set(["læremiddel", "læremidla"]), [dictionary], norwegian)).toEqual([]);
    expect(recordWordForms(new Set(["læremiddel"]), [], norwegian)).toEqual([]);
  });

  it("finds the forms of the real word lists: Nynorsk læremidla, English staging and residency", () => {
    expect(recordWordForms(new Set(["læremiddel"]), affixDictionariesFor("nn", ["læremiddel"]), norwegian)).toContain("læremidla");
    const englishForms = recordWordForms(new Set(["staged", "residencies"]), affixDictionariesFor("en", ["staged", "residencies"]), norwegian);
    expect(englishForms).toEqual(expect.arrayContaining(["staging", "residency"]));
    // An English bundle's stemmer joins "staged" and "staging" itself.
    expect(recordWordForms(new Set(["staged"]), affixDictionariesFor("en", ["staged"]), english)).not.toContain("staging");
  });
});

describe("forms in a record", () => {
  it("go after the compound parts, before the first slide, at their own low weight", () => {
    const record: SearchRecord = {
      id: "volda/x",
      url: "/dokumenter/volda/x/",
      language: "nn",
      title: "Læremiddel",
      meta: {},
      filters: { publisher: [], topic: [], type: [], year: [], language: [] },
      sort: {},
      head: [],
      parts: [{ anchor: "slide-1", title: "Om", text: "Digitale læremiddel", topics: [] }],
    };
    const html = recordHtml(record, { compoundParts: ["middel"], wordForms: ["læremidla"] });
    expect(html).toMatch(/data-pagefind-compound-parts>middel<\/p>\n<p data-pagefind-weight="0.5" data-pagefind-word-forms>læremidla<\/p>\n<h2 id="slide-1"/);
  });
});

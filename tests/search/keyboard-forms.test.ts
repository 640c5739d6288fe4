/**
 * Words with ø, æ, œ and å indexed also as typed without them (scripts/search/keyboard-forms.ts), and the search
 * page's copy of the same letters (assets/search-explain.js), which marks the word of the text a match stands for.
 */
import { describe, expect, it } from "vitest";
import { keyboardForms, recordKeyboardForms } from "../../scripts/search/keyboard-forms.ts";
import { randomBelow } from "../helpers/random.ts";

const page = (await import("../../assets/search-explain.js" as string)) as { keyboardForms: (word: string) => string[] };

describe("keyboard forms", () => {
  it("spell ø as o and as oe, æ as ae and œ as oe", () => {
    expect(keyboardForms("tromsø")).toEqual(["tromso", "tromsoe"]);
    expect(keyboardForms("bærumsveien")).toEqual(["baerumsveien"]);
    expect(keyboardForms("østensjø")).toEqual(["ostensjo", "oestensjo", "ostensjoe", "oestensjoe"]);
    expect(keyboardForms("mœurs")).toEqual(["moeurs"]);
  });

  it("spell å as aa, and leave it to Pagefind, which drops its ring, in the spelling with one letter", () => {
    expect(keyboardForms("hovudmål")).toEqual(["hovudmaal"]);
    expect(keyboardForms("ålesund")).toEqual(["aalesund"]);
    // Pagefind reads the first as "parorende".
    expect(keyboardForms("pårørende")).toEqual(["pårorende", "paarorende", "påroerende", "paaroerende"]);
  });

  it("mix the spellings of up to three such letters, and past that spell each alike throughout", () => {
    // A reader who knows aa for å but types o for ø: "paarorende" above, "hoyringsfraasegner" here.
    expect(keyboardForms("høyringsfråsegner")).toEqual(["hoyringsfråsegner", "hoeyringsfråsegner", "hoyringsfraasegner", "hoeyringsfraasegner"]);
    expect(keyboardForms("småbåtøy")).toHaveLength(8);
    expect(keyboardForms("småbåtøyø")).toEqual(["småbåtoyo", "smaabaatoeyoe"]);
    // æ and œ have one spelling each: they make no more forms.
    expect(keyboardForms("ææææææææææææææææææææø")).toEqual(["aeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeo", "aeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeaeoe"]);
  });

  it("spell a text's aa also as å, so a reader who types «Århus» finds «Aarhus»", () => {
    expect(keyboardForms("aarhus")).toEqual(["århus"]);
    expect(keyboardForms("aabenraa")).toEqual(["åbenraa", "aabenrå", "åbenrå"]);
    expect(keyboardForms("haakon")).toEqual(["håkon"]);
  });

  it("leave a word without those letters alone", () => {
    // Pagefind already finds "gavleborg" and "malmo" for these.
    for (const word of ["gävleborg", "malmö", "plan", "1234", ""]) expect(keyboardForms(word)).toEqual([]);
  });

  it("of a record are its words' forms that are not words of the record already", () => {
    expect(recordKeyboardForms(new Set(["før", "for", "bærekraft", "plan", "tromsø", "tromsøs", "år"])).sort()).toEqual([
      "aar",
      "baerekraft",
      "foer",
      "tromso",
      "tromsoe",
      "tromsoes",
      "tromsos",
    ]);
    expect(recordKeyboardForms(new Set())).toEqual([]);
  });

  it("are the same on the search page as in the index", () => {
    const alphabet = ["a", "a", "o", "e", "ø", "æ", "œ", "å", "ä", "ö", "1", "-"];
    const random = randomBelow(7);
    for (let round = 0; round < 2000; round++) {
      const word = Array.from({ length: 1 + random(8) }, () => alphabet[random(alphabet.length)]).join("");
      expect(page.keyboardForms(word), word).toEqual(keyboardForms(word));
    }
  });
});

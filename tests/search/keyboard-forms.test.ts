/**
 * Words with ø, æ and œ indexed also as typed without them (scripts/search/keyboard-forms.ts), and the search
 * page's copy of the same letters (assets/search-explain.js), which marks the word of the text a match stands for.
 */
import { describe, expect, it } from "vitest";
import { keyboardForm, keyboardForms } from "../../scripts/search/keyboard-forms.ts";

const page = (await import("../../assets/search-explain.js" as string)) as { keyboardForm: (word: string) => string | undefined };

describe("keyboard forms", () => {
  it("spell ø as o, æ as ae and œ as oe, and leave a word without them alone", () => {
    expect(keyboardForm("tromsø")).toBe("tromso");
    expect(keyboardForm("bærumsveien")).toBe("baerumsveien");
    expect(keyboardForm("østensjø")).toBe("ostensjo");
    expect(keyboardForm("mœurs")).toBe("moeurs");
    // Pagefind already finds "gavleborg" and "radmann" for these.
    for (const word of ["gävleborg", "rådmann", "plan", "1234", ""]) expect(keyboardForm(word)).toBeUndefined();
  });

  it("of a record are its words' forms that are not words of the record already", () => {
    expect(keyboardForms(new Set(["før", "for", "bærekraft", "plan", "tromsø", "tromsøs"])).sort()).toEqual(["baerekraft", "tromso", "tromsos"]);
    expect(keyboardForms(new Set())).toEqual([]);
  });

  it("are the same on the search page as in the index", () => {
    const alphabet = ["a", "o", "e", "ø", "æ", "œ", "å", "ä", "ö", "1", "-"];
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let round = 0; round < 2000; round++) {
      const word = Array.from({ length: 1 + next(8) }, () => alphabet[next(alphabet.length)]).join("");
      expect(page.keyboardForm(word), word).toBe(keyboardForm(word));
    }
  });
});

/**
 * Issue 16's patterns, each on a small hand-made input in
 * tests/fixtures/transcripts/layouts/: languages beyond the Nordic ones,
 * DocPlayer (nb/sv/da), SlidePlayer's newer layout, AMP pages, repeated
 * footers, and a title repeated on neighbouring slides.
 */
import { describe, expect, it } from "vitest";
import { ImportError } from "../../scripts/importer/errors.js";
import { bodyOf, fixture, headings, imp } from "./helpers.js";

const layout = (name: string) => fixture(`layouts/${name}`);
const run = (name: string) => imp(layout(name), { fileName: name });

describe("languages beyond nb/nn/sv/da/en", () => {
  it.each([
    ["de-slideplayer.txt", "de"],
    ["pl-slideplayer.txt", "pl"],
    ["cs-slideplayer.txt", "cs"],
  ])("%s is detected as %s and the report says how", (file, lang) => {
    const r = run(file);
    expect(r.report.language).toBe(lang);
    expect(r.report.languageSource).toMatch(/franc/u);
    expect(r.markdown).toMatch(new RegExp(`^language: ${lang}$`, "mu"));
    expect(bodyOf(r.markdown)).not.toMatch(/Präsentation wird geladen|Prezentacja się ładuje|Prezentace se nahrává|Ähnliche|Podobne|Podobné|ppt/u);
  });

  it("German capitalises nouns: a capital after a lower-case word ends no heading", () => {
    expect(headings(run("de-slideplayer.txt").markdown)).not.toContain("Ziele der");
  });

  it("Czech: never a heading cut after an abbreviation; slide 1 is headed by the title", () => {
    const r = run("cs-slideplayer.txt");
    expect(headings(r.markdown)[0]).toBe("Strategie rozvoje města 2020–2030");
    expect(headings(r.markdown).some((h) => /JUDr\.$/u.test(h))).toBe(false);
    expect(r.markdown).toContain("JUDr. Olga Nováková");
  });
});

describe("DocPlayer pages", () => {
  it.each([
    ["docplayer-nb.txt", "nb", "Handlingsplan for folkehelse 2024"],
    ["docplayer-sv.txt", "sv", "Plan för folkhälsa 2024"],
    ["docplayer-da.txt", "da", "Handleplan for folkesundhed 2024"],
  ])("%s: chrome removed, the page title used, %s", (file, lang, title) => {
    const r = run(file);
    expect(r.report.slideCount).toBe(3);
    expect(r.report.title).toBe(title);
    expect(r.report.language).toBe(lang);
    expect(r.markdown).not.toMatch(/Størrelse|Storlek|px$|Begynne med side|Starta visningen|Start visningen|Transkript|dokument(?:er)?$/mu);
    expect(r.report.preamble).toEqual([]);
  });
});

describe("SlidePlayer's newer layout", () => {
  it('removes the download line, loading notice, "Published by", "Modified …" and reads numbers on their own line', () => {
    const r = run("slideplayer-new.txt");
    expect(r.report.slideCount).toBe(3);
    expect(r.report.title).toBe("Housing first in our city");
    expect(r.markdown).not.toMatch(/Download presentation|Please wait|Published by|Jane Smith|Modified over|Similar presentations/u);
    expect(headings(r.markdown).slice(0, 2)).toEqual(["Housing first in our city", "Why housing first?"]);
  });
});

describe("AMP pages", () => {
  it("are refused with a clear message and a fix", () => {
    let error: unknown;
    try {
      run("amp-page.txt");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe("amp");
    expect((error as ImportError).format()).toMatch(/amp-page\.txt: is an AMP page .* carries no transcript\n  fix: open the ordinary page/u);
  });
});

describe("running headers and footers", () => {
  it('removes a repeated short footer tag and "Folie N" page labels', () => {
    const r = run("footers.txt");
    expect(r.report.footers).toEqual({ tag: "IW", tagSlides: [1, 2, 3, 4, 5], labelSlides: [2, 3, 4] });
    expect(bodyOf(r.markdown)).not.toMatch(/\bIW\b|Folie \d/u);
    expect(r.markdown).toContain("Budsjettet er uendret fra i fjor\n");
  });

  it("a title repeated on a few neighbouring slides is not a running header", () => {
    const r = run("continued.txt");
    expect(r.report.runningHeader).toBeUndefined();
    expect(headings(r.markdown).slice(1, 4)).toEqual(Array(3).fill("Resultater fra undersøkelsen (forts.)"));
  });
});

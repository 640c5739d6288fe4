/**
 * Free text and labels in the page's language: a source or change note given
 * per UI language or with a lang of its own, and key-figure breakdown labels
 * with translations, each marked up with the language it is shown in; a page
 * says when labels are shown in the source's language. Rendered from the
 * site model (no build): only the document pages are looked at.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shownText } from "../../scripts/publish/free-text.ts";
import { pageRenderer } from "../../scripts/render/pages.ts";
import { loadSiteData, type SiteData } from "../../scripts/site/site-data.ts";
import { doc, makeProject, removeProject, useContentCheck } from "../helpers/fixture.ts";

const FILE = "content/testby/oversatt.md";
const document = (extra: string) =>
  doc(
    `title: Innvandrere i Testby
type: presentation
publisher: testby
date: 2012-03-01
language: nb
keyFigures:
  - indicator: inhabitants
    breakdown:
      - { label: Polen, labelTranslations: { en: Poland }, value: 310 }
      - { label: Tyrkia, value: 120 }
    slide: 1
${extra}`,
  );

describe("shownText", () => {
  it("takes plain text to be in the document's language", () => {
    expect(shownText("Tekst.", "en", "nb")).toEqual({ text: "Tekst.", lang: "nb" });
  });
  it("keeps the lang given with { text, lang }", () => {
    expect(shownText({ text: "Imported.", lang: "en" }, "nb", "nb")).toEqual({ text: "Imported.", lang: "en" });
  });
  it("shows the page's own language where given, else another one, with its lang", () => {
    expect(shownText({ nb: "Importert.", en: "Imported." }, "nb", "sv")).toEqual({ text: "Importert.", lang: "nb" });
    expect(shownText({ nb: "Importert.", en: "Imported." }, "en", "sv")).toEqual({ text: "Imported.", lang: "en" });
    expect(shownText({ en: "Imported." }, "nb", "nb")).toEqual({ text: "Imported.", lang: "en" });
  });
});

describe("free-text fields in front-matter", () => {
  const { check } = useContentCheck();
  const withNote = (note: string) => ({ [FILE]: document(`source:\n  kind: transcript\n  note: ${note}`) });

  it("accept plain text, { text, lang } and text per UI language", () => {
    for (const note of ["Tekst.", "{ text: Imported., lang: en }", "{ nb: Importert., en: Imported. }", "{ en: Imported. }"]) {
      expect(check(withNote(note)).lines, note).toEqual([]);
    }
  });

  it("point at what is wrong with a note in the other forms", () => {
    expect(check(withNote("{ text: Imported. }")).lines).toEqual([
      "content/testby/oversatt.md:15:9 source.note: has text but no lang: add the language it is written in, e.g. lang: en (or write plain text in the document's language).",
    ]);
    expect(check(withNote("{ text: Imported., lang: en, nb: Importert. }")).lines).toEqual([
      "content/testby/oversatt.md:15:9 source.note: has both text and nb: write either { text: …, lang: … } or one text per language.",
    ]);
    expect(check(withNote("{ text: Imported., lang: english }")).lines).toEqual([
      expect.stringMatching(/^content\/testby\/oversatt\.md:15:\d+ source\.note\.lang: must be a BCP 47 language code/),
    ]);
    expect(check(withNote("{ sv: Importerad. }")).lines).toContain(
      'content/testby/oversatt.md:15:11 source.note.sv: unknown field "sv". Did you mean "en"? Allowed here: text, lang, nb, en.',
    );
    expect(check(withNote("{}")).lines).toEqual([
      "content/testby/oversatt.md:15:9 source.note: has no text: write { text: …, lang: … }, or one text per language (nb, en).",
    ]);
  });

  it("refuse a breakdown label translation into a language the site does not have", () => {
    const bad = document("").replace("labelTranslations: { en: Poland }", "labelTranslations: { de: Polen }");
    expect(check({ [FILE]: bad }).lines).toEqual([
      expect.stringMatching(/^content\/testby\/oversatt\.md:10:\d+ keyFigures\.0\.breakdown\.0\.labelTranslations(\.de)?: .*"de"/),
    ]);
  });
});

describe("on the document pages", () => {
  let dir: string;
  let data: SiteData;
  const html = (locale: "nb" | "en") => {
    const page = data.model.pages.document.find((candidate) => candidate.locale === locale && candidate.view.doc.slug === "oversatt")!;
    return pageRenderer(data).render("document", page);
  };
  beforeAll(() => {
    dir = makeProject("site-basic", {
      [FILE]: document(
        [
          "source:",
          "  kind: transcript",
          "  note: { nb: Importert fra en utskrift., en: Imported from a transcript. }",
          "changes:",
          "  - { date: 2013-01-02, note: { text: Corrected slide 1., lang: en } }",
        ].join("\n"),
      ),
    });
    data = loadSiteData(dir);
  });
  afterAll(() => dir && removeProject(dir));

  it("show the source note in the page's language, marked up with it", () => {
    expect(html("nb")).toContain('<span class="source-note" lang="nb">Importert fra en utskrift.</span>');
    expect(html("en")).toContain('<span class="source-note" lang="en">Imported from a transcript.</span>');
  });

  it("mark a change note in another language with its lang", () => {
    expect(html("nb")).toContain(': <span lang="en">Corrected slide 1.</span></li>');
  });

  it("show translated breakdown labels, keep the others as the source has them, marked, and say so", () => {
    const en = html("en");
    expect(en).toContain('<th scope="row" lang="en">Poland</th>');
    expect(en).toContain('<th scope="row" lang="nb">Tyrkia</th>');
    expect(en).toContain('<p class="kf-note kf-source-language">Some labels are shown in the language of the source (Norwegian Bokmål).</p>');
    const nb = html("nb");
    expect(nb).toContain('<th scope="row" lang="nb">Polen</th>');
    expect(nb).not.toContain("kf-source-language");
  });
});

/**
 * The cheap paths of pass 1 give what the plain ones did: a slide's text with
 * every run of whitespace (tabs, no-break and ideographic spaces, line breaks in
 * code) as one space, its word count, the control-character scan (which skips the
 * exact expression when a text has no suspect code unit at all) and the split of
 * front-matter from body (which no longer splits the body into lines).
 */
import { describe, expect, it } from "vitest";
import { FrontMatterError, normalizeText, splitFrontMatter } from "../../scripts/content/front-matter.ts";
import { forbiddenCharacter } from "../../scripts/content/limits.ts";
import { renderBody } from "../../scripts/content/markdown.ts";

describe("a slide's plain text", () => {
  const body = [
    "Intro\u00a0 tekst.",
    "",
    "## Tittel\u3000med\t mellomrom",
    "",
    "En  linje\nneste linje.",
    "",
    "    kode  \n    blokk",
    "",
    "::: notes\n  Notat\u2003her.\n:::",
    "",
    "## Tom",
    "",
    "##",
    "",
    "## `kode`",
    "",
  ].join("\n");
  const rendered = renderBody(body, "slide");

  it("joins title, body and notes with single spaces", () => {
    expect(rendered.parts.map((part) => [part.titleText, part.text, part.empty])).toEqual([
      ["Tittel med mellomrom", "Tittel med mellomrom En linje neste linje. kode blokk Notat her.", false],
      ["Tom", "Tom", false],
      ["", "", true],
      ["kode", "kode", false],
    ]);
  });

  it("counts the words of the preamble and every slide", () => {
    expect(rendered.wordCount).toBe(2 + 11 + 1 + 0 + 1);
  });
});

describe("the control-character scan", () => {
  it.each([
    ["ren tekst", undefined],
    ["emoji 😀 her", undefined],
    ["nbsp\u00a0ok", undefined],
    ["bjelle\u0007her", { index: 6, code: "U+0007" }],
    ["halv \ud83d her", { index: 5, code: "U+D83D" }],
    ["halv \ude00 her 😀", { index: 5, code: "U+DE00" }],
    ["😀 ikke-tegn \uffff", { index: 13, code: "U+FFFF" }],
    ["C1 \u0085", { index: 3, code: "U+0085" }],
  ])("%j", (text, expected) => {
    expect(forbiddenCharacter(text)).toEqual(expected);
  });
});

describe("front-matter and body", () => {
  it("splits at the first closing line, keeping the body whole", () => {
    expect(splitFrontMatter("---\ntitle: a\n---\nbody\n\n---\nmore")).toEqual({
      frontMatter: "title: a",
      frontMatterLine: 2,
      body: "body\n\n---\nmore",
      bodyLine: 4,
    });
    expect(splitFrontMatter("---\n---")).toEqual({ frontMatter: "", frontMatterLine: 2, body: "", bodyLine: 3 });
    expect(splitFrontMatter("---  \na: 1\nb: 2\n...  \n\nb")).toEqual({ frontMatter: "a: 1\nb: 2", frontMatterLine: 2, body: "\nb", bodyLine: 5 });
  });

  it("refuses a file without front-matter or without its end", () => {
    expect(() => splitFrontMatter("title: a\n---\n")).toThrow(FrontMatterError);
    expect(() => splitFrontMatter("---\na: 1\n")).toThrow(/front-matter is not closed/);
    expect(() => splitFrontMatter("---")).toThrow(/front-matter is not closed/);
  });

  it("removes one byte-order mark and turns CR and CRLF into LF", () => {
    expect(normalizeText("\ufeff\ufeffa\r\nb\rc\n")).toBe("\ufeffa\nb\nc\n");
    expect(normalizeText("a\nb")).toBe("a\nb");
  });
});

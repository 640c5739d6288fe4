/**
 * One document loaded twice (scripts/content/repeated.ts): the same publisher and date, and its slides' or sections'
 * text word for word, under another file name. A warning on the later file, naming the earlier.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PRINTED_PART_CHARS, partPrints, SAME_PARTS_SHARE } from "../../scripts/content/repeated.ts";
import { doc, fixturesDir, useContentCheck } from "../helpers/fixture.ts";

const { check } = useContentCheck();

const SLIDES = [
  "Kommunen har satt seg mål for likestilling i alle virksomheter innen 2025.",
  "Andelen kvinner i lederstillinger har økt fra 38 til 47 prosent på fem år.",
  "Heltidskultur: alle nye stillinger lyses ut som hele stillinger fra i år.",
  "Lønnsforskjellene mellom kvinner og menn er kartlagt i hver sektor for seg.",
  "Neste steg er en handlingsplan som bystyret behandler i juni neste år.",
];
const deck = (title: string, slides: readonly string[], changes: { date?: string; publisher?: string; event?: string } = {}) =>
  doc(
    `title: ${title}\ntype: presentation\npublisher: ${changes.publisher ?? "testby"}\ndate: ${changes.date ?? "2015-03-01"}\nlanguage: nb${changes.event ? `\nevent: ${changes.event}` : ""}`,
    slides.map((text, index) => `## Lysbilde ${index + 1}\n\n${text}\n`).join("\n"),
  );

describe("a document loaded twice", () => {
  it("is a warning on the later file, naming the earlier, however its title and file name differ", () => {
    const result = check({
      "content/testby/likestilling-2015.md": deck("Likestilling 2015", SLIDES),
      "content/testby/likestillingsarbeid-i-testby.md": deck("Likestillingsarbeid i Testby", SLIDES),
    });
    expect(result.lines).toEqual([
      'content/testby/likestillingsarbeid-i-testby.md:1:1 warning: reads as content/testby/likestilling-2015.md again: the same publisher, date and event, and word for word the same text on 5 of its 5 slides that hold more than a few words. If it is one document twice (a transcript imported again under another title, say), keep one: delete the other file, and if its address was published, list it in movedFrom of the one you keep, so links to it still lead there (docs/content-model.md, "Moved documents"). If they are two (one deck given at two events), give each its event.',
    ]);
    expect(result.problems[0]!.severity).toBe("warning");
    expect(result.site.documents).toHaveLength(4);
  });

  it(`is told by ${SAME_PARTS_SHARE * 100} % of the parts word for word, spacing aside, and says how many`, () => {
    const edited = [SLIDES[0]!, SLIDES[1]!.replace(/ /g, "\n   "), SLIDES[2]!, SLIDES[3]!, "Et helt nytt lysbilde om noe annet enn det forrige handlet om."];
    const { lines } = check({ "content/testby/a.md": deck("A", SLIDES), "content/testby/b.md": deck("B", edited) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("content/testby/b.md:1:1 warning: reads as content/testby/a.md again");
    expect(lines[0]).toContain("word for word the same text on 4 of its 5 slides that hold more than a few words");
    // Three of five is two documents that share slides.
    edited[3] = "Og enda et lysbilde som ikke fantes i den første utgaven av presentasjonen.";
    expect(check({ "content/testby/a.md": deck("A", SLIDES), "content/testby/b.md": deck("B", edited) }).lines).toEqual([]);
  });

  it("is not a deck given again on another date, nor the same text from another publisher", () => {
    expect(
      check({
        "content/testby/likestilling-2015.md": deck("Likestilling", SLIDES),
        "content/testby/likestilling-2016.md": deck("Likestilling", SLIDES, { date: "2016-03-01" }),
        "content/testby-sentrum/likestilling.md": deck("Likestilling", SLIDES, { publisher: "testby-sentrum" }),
      }).lines,
    ).toEqual([]);
  });

  it("is not a short version that takes a few slides of a longer deck", () => {
    const longer = [...SLIDES, ...SLIDES.map((text) => `${text} Mer om dette i vedlegget til saken.`)];
    expect(check({ "content/testby/a.md": deck("A", longer), "content/testby/b.md": deck("B", SLIDES.slice(0, 4)) }).lines).toEqual([]);
  });

  it("is not one deck given at two events on one day, once each names its event", () => {
    const twice = {
      "content/testby/likestilling-formiddag.md": deck("Likestilling", SLIDES, { event: "Kommunekonferansen" }),
      "content/testby/likestilling-ettermiddag.md": deck("Likestilling", SLIDES, { event: "Frokostmøte i bystyret" }),
    };
    expect(check(twice).lines).toEqual([]);
    const once = { ...twice, "content/testby/likestilling-ettermiddag.md": deck("Likestilling", SLIDES, { event: "Kommunekonferansen" }) };
    expect(check(once).lines).toEqual([
      expect.stringContaining("likestilling-formiddag.md:1:1 warning: reads as content/testby/likestilling-ettermiddag.md again"),
    ]);
  });

  it("is not told by short slides alone (a title, a thank-you)", () => {
    const short = ["Velkommen", "Takk for oppmerksomheten!", "Spørsmål?"];
    expect(check({ "content/testby/a.md": deck("A", short), "content/testby/b.md": deck("B", short) }).lines).toEqual([]);
  });

  it("is a copy of a fixture file left as it was", () => {
    const source = readFileSync(path.join(fixturesDir, "site-basic/content/testby/likestilling-i-testby.md"), "utf8");
    const { lines } = check({ "content/testby/likestilling-kopi.md": source.replace("title: Likestilling i Testby", "title: Kopi") });
    expect(lines.filter((line) => line.includes("reads as"))).toEqual([
      expect.stringMatching(
        /^content\/testby\/likestilling-kopi\.md:1:1 warning: reads as content\/testby\/likestilling-i-testby\.md again: .* on 1 of its 1 slides/,
      ),
    ]);
  });
});

describe("part prints", () => {
  const words = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `ord${from + i}`).join(" ");

  it("print each part with text enough once, whatever its spacing, and leave short ones out", () => {
    const long = "x".repeat(PRINTED_PART_CHARS);
    const prints = partPrints([{ text: long }, { text: ` \u00a0${long}\n` }, { text: "x".repeat(PRINTED_PART_CHARS - 1) }, { text: `${long} y` }]);
    expect(prints.split(" ")).toHaveLength(2);
    expect(prints).toMatch(/^[0-9a-f]{8} [0-9a-f]{8}$/);
    expect(partPrints([{ text: "kort" }, { text: `  ${"x ".repeat(PRINTED_PART_CHARS - 1)}` }])).toBe("");
    expect(partPrints([{ text: `${long} b` }])).not.toBe(partPrints([{ text: `${long}b` }]));
  });

  it("read both ends of a long part: a change at either tells it apart, spacing does not", () => {
    const text = words(200);
    const print = (part: string) => partPrints([{ text: part }]);
    expect(print(text.replace(/ /g, "\n\t "))).toBe(print(text));
    expect(print(text.replace("ord0 ", "ord0x "))).not.toBe(print(text));
    expect(print(text.replace(" ord199", " ord199x"))).not.toBe(print(text));
    expect(print(`${text} ord200`)).not.toBe(print(text));
  });
});

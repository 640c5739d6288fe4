import { describe, expect, it } from "vitest";
import { splitSlides, stripRunningFooters, stripTrailingPageNumbers } from "../../scripts/importer/slides.js";
import { headings, imp, nbTranscript } from "./helpers.js";

const split = (text: string) => splitSlides(text.split("\n"));

describe("slides: numbered paragraphs counting up from 1", () => {
  it("splits numbered paragraphs and keeps lines below the number line", () => {
    const s = split("1 Tittel\nUndertittel\n\n2 Neste\n\n3 Siste").slides;
    expect(s.map((x) => x.number)).toEqual([1, 2, 3]);
    expect(s[0]).toEqual({ number: 1, first: "Tittel", rest: ["Undertittel"] });
  });

  it("does not take numbers inside text for slide starts", () => {
    const s = split("1 Bydelen har\n32 000 innbyggere og 2 Fakta om alt\n\n2 Andre lysbilde").slides;
    expect(s).toHaveLength(2);
    expect(s[0]!.rest).toEqual(["32 000 innbyggere og 2 Fakta om alt"]);
  });

  it('"2 000 innbyggere" at a paragraph start is a figure when another paragraph starts slide 2, and slide 2 when none does', () => {
    const s = split("1 Budsjett Grue kommune\n\n2 000 innbyggere flyttet hit i fjor.\n\n2 Mål\n\n3 Tiltak").slides;
    expect(s.map((x) => x.first)).toEqual(["Budsjett Grue kommune", "Mål", "Tiltak"]);
    expect(s[0]!.rest).toEqual(["2 000 innbyggere flyttet hit i fjor."]);
    // A slide headed "100 år med skole" has no other start.
    expect(split("1 A\n\n2 100 år med skole\n\n3 B").slides.map((x) => x.first)).toEqual(["A", "100 år med skole", "B"]);
  });

  it('keeps "i 2010" at the end of every slide: a footer does not end in a number', () => {
    const slides = split(
      "1 Fakta\n\n2 Innbyggere\nKommunen hadde 4 900 innbyggere i 2010\n\n3 Ansatte\nKommunen hadde 460 ansatte i 2010\n\n4 Ledighet\nLedigheten var 6,8 % i 2010\n\n5 Budsjett\nBudsjettet var 1,2 mill. i 2010",
    ).slides;
    expect(stripRunningFooters(slides).tag).toBeUndefined();
    expect(slides[1]!.rest).toEqual(["Kommunen hadde 4 900 innbyggere i 2010"]);
  });

  it("names a slide missing from the numbering, whose next slides were read as the text of the one before", () => {
    const gap = split("1 Tittel\n\n2 Mål for året\n\n4 Tiltak i skolen\n\n5 Avslutning");
    expect(gap.slides.map((x) => x.number)).toEqual([1, 2]);
    expect(gap.missing).toEqual([{ number: 3, slide: 2, line: "4 Tiltak i skolen" }]);
    expect(split("1 A\n\n2 B\n\n3 C").missing).toEqual([]);
    // A figure ("4 000 kroner") is no slide number.
    expect(split("1 A\n\n2 B\n\n4 000 kroner").missing).toEqual([]);
    const { report } = imp(nbTranscript("Plan for skolen", ["1 Plan for skolen", "2 Mål for året", "4 Tiltak i skolen", "5 Avslutning"]));
    expect(report.checks.join("\n")).toContain(
      'slides: no paragraph starts with 3, but one on slide 2 starts with 4 ("4 Tiltak i skolen"): slide 3 is missing from the transcript',
    );
    expect(report.review).toContain("slide 3 missing from the transcript");
  });

  it('"11 veiledere" at a line start inside slide 11 is text (the next number is 12)', () => {
    const text =
      Array.from({ length: 10 }, (_, i) => `${i + 1} Lysbilde ${i + 1}`).join("\n\n") +
      "\n\n11 Sammen for en levende by Veiledere\n11 veiledere fra alle tjenesteområder\n\n12 Oppdrag";
    const s = split(text).slides;
    expect(s).toHaveLength(12);
    expect(s[10]!.rest).toEqual(["11 veiledere fra alle tjenesteområder"]);
    expect(s[11]!.first).toBe("Oppdrag");
  });

  it("a line starting with the NEXT number inside a slide is text when slides are paragraphs", () => {
    const s = split("1 A\n\n2 Mål for året\n3 nye barnehager og en skole\n\n3 Neste lysbilde\n\n4 Slutt");
    expect(s.mode).toBe("paragraph");
    expect(s.slides.map((x) => x.first)).toEqual(["A", "Mål for året", "Neste lysbilde", "Slutt"]);
    expect(s.slides[1]!.rest).toEqual(["3 nye barnehager og en skole"]);
  });

  it("falls back to line starts when the transcript has no blank lines", () => {
    const s = split("1 A\n2 B\ntekst\n3 C");
    expect(s.mode).toBe("line");
    expect(s.slides.map((x) => x.first)).toEqual(["A", "B", "C"]);
  });

  it('never takes a number followed by a no-break space ("32\u00a0000") for a slide', () => {
    expect(split("1 A\n\n2\u00a0000 ansatte").slides).toHaveLength(1);
  });

  it("keeps slides without text as empty headings", () => {
    const r = imp(nbTranscript("T", ["1 T", "2", "3", "4 Slutt"]));
    expect(r.report.slideCount).toBe(4);
    expect(headings(r.markdown)).toEqual(["T", "", "", "Slutt"]);
    expect(r.markdown).toMatch(/\n##\n\n##\n\n## Slutt/u);
    expect(r.report.emptySlides).toEqual([2, 3]);
  });

  it("drops trailing page numbers when most slides end with their own number", () => {
    const slides = split("1 Tittel\nPresentasjon - 1\n\n2 Mål\nBakteppe - organisasjon 2\n\n3 Slutt\nTakk 3").slides;
    expect(stripTrailingPageNumbers(slides)).toEqual([1, 2, 3]);
    expect(slides.map((s) => s.rest.at(-1))).toEqual(["Presentasjon", "Bakteppe - organisasjon", "Takk"]);
  });

  it("leaves a lone slide that happens to end with its number alone", () => {
    const slides = split("1 Tittel\n\n2 Mål\nVi har 2\n\n3 Slutt\n\n4 Mer").slides;
    expect(stripTrailingPageNumbers(slides)).toEqual([]);
    expect(slides[1]!.rest).toEqual(["Vi har 2"]);
  });
});

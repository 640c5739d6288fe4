import { describe, expect, it } from "vitest";
import { collapseRepeats, dropHeadingEcho, dropTriplicates } from "../../scripts/importer/dedupe.js";
import { imp, nbTranscript, paragraphs } from "./helpers.js";

const PASSAGE =
  "For å kunne snakke om mangfoldsledelse må vi vite hva vi mener med mangfold. Mangfold er et sammensatt begrep som de fleste legger forskjellig innhold i.";

describe("dedupe: repeated passages", () => {
  it("keeps a passage pasted three times in a row once", () => {
    const c = collapseRepeats(`Innledning her. ${PASSAGE} ${PASSAGE} ${PASSAGE} Ca 40 ledere har deltatt.`);
    expect(c.text).toBe(`Innledning her. ${PASSAGE} Ca 40 ledere har deltatt.`);
    expect(c.removed).toHaveLength(1);
    expect(c.removed[0]!.copies).toBe(3);
  });

  it("keeps a passage pasted twice once", () => {
    expect(collapseRepeats(`${PASSAGE} ${PASSAGE}`).text).toBe(PASSAGE);
  });

  it("leaves short repeats and non-adjacent repeats alone", () => {
    const short = "like god kvalitet like god kvalitet like god tilgjengelighet";
    expect(collapseRepeats(short).text).toBe(short);
    const apart = `${PASSAGE} Noe helt annet imellom. ${PASSAGE}`;
    expect(collapseRepeats(apart).text).toBe(apart);
  });

  it("drops the heading repeated at the start of the text", () => {
    expect(dropHeadingEcho("Forankring og oppstart", ["Forankring og oppstart Forankret i budsjettet"])).toEqual({
      paragraphs: ["Forankret i budsjettet"],
      dropped: true,
    });
    expect(dropHeadingEcho("Mål", ["Målene våre"])).toEqual({ paragraphs: ["Målene våre"], dropped: false });
  });

  it("keeps a paragraph that appears on three slides only once", () => {
    const slides = [1, 2, 3].map((n) => ({ number: n, paragraphs: [`Tekst ${n}`, "www.kommune.no/mangfold og inkludering"], notes: [] }));
    expect(dropTriplicates(slides)).toEqual([{ text: "www.kommune.no/mangfold og inkludering", slides: [2, 3] }]);
    expect(slides.map((s) => s.paragraphs.length)).toEqual([2, 1, 1]);
  });

  it("end to end: no paragraph appears three times", () => {
    const r = imp(
      nbTranscript("T", [
        "1 T",
        `2 Lederutvikling\nStyrke ledere ${PASSAGE} ${PASSAGE} ${PASSAGE} Slutt.`,
        "3 A\nSamme linje på alle lysbilder",
        "4 B\nSamme linje på alle lysbilder",
        "5 C\nSamme linje på alle lysbilder",
      ]),
    );
    const count = new Map<string, number>();
    for (const p of paragraphs(r.markdown)) count.set(p, (count.get(p) ?? 0) + 1);
    expect(Math.max(...count.values())).toBeLessThan(3);
    expect(r.markdown.split("For å kunne snakke om mangfoldsledelse").length - 1).toBe(1);
    expect(r.report.repeats).toEqual([expect.objectContaining({ slide: 2, copies: 3 })]);
  });
});

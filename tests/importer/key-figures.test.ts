import { describe, expect, it } from "vitest";
import { suggestFigures } from "../../scripts/importer/key-figures.js";
import { imp, nbTranscript } from "./helpers.js";

describe("key-figure suggestions", () => {
  it("finds inhabitants, employees and percentages with their slide", () => {
    const { figures } = suggestFigures("Oslo indre øst bydel - 32\u00a0000 innbyggere – nærmere 6 % av barna. 450 ansatte i tjenesten", 2);
    expect(figures.map((f) => [f.kind, f.value, f.approximate, f.slide])).toEqual([
      ["inhabitants", 32000, false, 2],
      ["employees", 450, false, 2],
      ["percent", 6, true, 2],
    ]);
  });

  it('reads decimal commas, "prosent" and approximations', () => {
    const { figures } = suggestFigures("12,2 prosent av de ansatte, ca. 4 200 medarbejdere og 58 000 indbyggere", 4);
    expect(figures.map((f) => [f.kind, f.value, f.approximate])).toEqual([
      ["employees", 4200, true],
      ["inhabitants", 58000, false],
      ["percent", 12.2, false],
    ]);
  });

  it("never makes a figure out of a date or another line", () => {
    const { figures } = suggestFigures("Nøkkeltall for Stavanger kommune 1.1.2011\ninnbyggere (17.7%) innvandrere", 4);
    expect(figures.map((f) => f.kind)).toEqual(["percent"]);
    expect(suggestFigures("Nøkkeltall per 1.1.2011 innbyggere i alt", 4).figures).toEqual([]);
  });

  it("reports a keyword whose number was lost, without filling it in", () => {
    const { figures, lost } = suggestFigures("innbyggere (17.7%) innvandrere Ca ansatte De største gruppene", 4);
    expect(figures.filter((f) => f.kind !== "percent")).toEqual([]);
    expect(lost.map((l) => l.kind)).toEqual(["inhabitants", "employees"]);
  });

  it("adds nothing to front-matter keyFigures", () => {
    const r = imp(nbTranscript("T", ["1 T", "2 Fakta\nBydelen har 32 000 innbyggere og 450 ansatte"]));
    expect(r.report.keyFigures).toHaveLength(2);
    expect(r.markdown).not.toMatch(/keyFigures/u);
  });
});

describe("key-figure suggestions (issue 16)", () => {
  it('"årsverk" is full-time equivalents, not employees', () => {
    const { figures } = suggestFigures("Grue kommune har ca 460 ansatte fordelt på 360 årsverk", 2);
    expect(figures.map((f) => [f.kind, f.value])).toEqual([
      ["employees", 460],
      ["full-time-equivalents", 360],
    ]);
  });

  it("a person's work share is no indicator, a share of something is", () => {
    const { figures } = suggestFigures("Projektledare: Lena Aune (80%) 026-65 02 34 Carina Löfgren (20 %) och 45 % av kommunerna deltar (12 %)", 11);
    expect(figures.map((f) => f.value)).toEqual([45, 12]);
  });
});

import { describe, expect, it } from "vitest";
import { detectRunningHeader, stripRunningHeader } from "../../scripts/importer/running-header.js";
import { splitSlides } from "../../scripts/importer/slides.js";
import { bodyOf, imp, nbTranscript } from "./helpers.js";

const slidesOf = (paras: string[]) => splitSlides(paras.join("\n\n").split("\n")).slides;

describe("running header", () => {
  it("finds the longest prefix on most slides, removes it, keeps it once in front-matter", () => {
    const r = imp(
      nbTranscript("Tittel", [
        "1 Tittel",
        "2 Sammen for en levende by Nøkkeltall",
        "3 Sammen for en levende by Lederutvikling",
        "4 Sammen for en levende by",
        "5 Sammen for en levende by Oppdrag",
      ]),
    );
    expect(r.markdown).toMatch(/^runningHeader: Sammen for en levende by$/mu);
    expect(bodyOf(r.markdown)).not.toContain("Sammen for en levende by");
    expect(r.report.runningHeader?.slides).toEqual([2, 3, 4, 5]);
  });

  it("is not detected when it is on fewer than half the slides", () => {
    const slides = slidesOf(["1 Felles start A", "2 Felles start B", "3 Noe annet", "4 Noe tredje", "5 Mer", "6 Slutt"]);
    expect(detectRunningHeader(slides)).toBeUndefined();
  });

  it("handles a variant that shares only the common prefix", () => {
    const slides = slidesOf([
      "1 Tittel\nOslo kommune Bydel Sagene Barne- og ungdomsavdelingen Tittel",
      "2 To\nOslo kommune Bydel Sagene Barne- og ungdomsavdelingen Bakteppe",
      "3 Tre\nOslo kommune Bydel Sagene Department of Children and Youth Barne- og Ungdomsavdelingen Organisert",
      "4 Fire\nOslo kommune Bydel Sagene Barne- og ungdomsavdelingen Forankring",
      "5 Fem\nOslo kommune Bydel Sagene Department of Children and Youth Erfaringer",
      "6 Seks\nOslo kommune Bydel Sagene Barne- og ungdomsavdelingen Utfordringer",
    ]);
    const h = detectRunningHeader(slides)!;
    expect(h.value).toBe("Oslo kommune Bydel Sagene Barne- og ungdomsavdelingen");
    expect(h.variants).toEqual([{ text: "Oslo kommune Bydel Sagene Department of Children and Youth", slides: [3, 5] }]);
    stripRunningHeader(slides, h);
    expect(slides.map((s) => s.rest[0])).toEqual(["Tittel", "Bakteppe", "Barne- og Ungdomsavdelingen Organisert", "Forankring", "Erfaringer", "Utfordringer"]);
    expect(h.slides).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("does not mistake a line that merely starts like the header for a variant", () => {
    const slides = slidesOf([
      "1 Tittel",
      "2 Oslo kommune Bydel Sagene Barne- og ungdomsavdelingen A",
      "3 Oslo kommune Bydel Sagene Barne- og ungdomsavdelingen B",
      "4 Oslo kommune Bydel Sagene Barne- og ungdomsavdelingen C",
      "5 Oslo kommune har mange bydeler",
    ]);
    const h = detectRunningHeader(slides)!;
    expect(h.value).toBe("Oslo kommune Bydel Sagene Barne- og ungdomsavdelingen");
    stripRunningHeader(slides, h);
    expect(slides[4]!.first).toBe("Oslo kommune har mange bydeler");
  });

  it("a slide that only held the header becomes an empty slide", () => {
    const r = imp(nbTranscript("T", ["1 T\nGrønn by", "2 A\nGrønn by Tekst", "3\nGrønn by", "4 B\nGrønn by Mer tekst"]));
    expect(r.report.emptySlides).toEqual([3]);
    expect(r.markdown).toMatch(/^runningHeader: Grønn by$/mu);
  });
});

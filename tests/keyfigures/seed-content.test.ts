/**
 * The bundled documents carry exactly the key figures their transcripts
 * state: every number is in the transcript, and numbers the transcript lost
 * stay missing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent, type SiteContent } from "../../scripts/content/load.ts";
import { fixturesDir, repoRoot } from "../helpers/fixture.ts";

let site: SiteContent;
beforeAll(() => {
  const result = loadContent(path.join(repoRoot, "content"), { root: repoRoot });
  expect(result.problems).toEqual([]);
  site = result.site;
});

/** Copies of the seed transcripts the bundled documents were imported from. */
const transcript = (name: string) => readFileSync(path.join(fixturesDir, "seeds", name), "utf8");
const figures = (publisher: string) => site.documents.filter((d) => d.meta.publisher === publisher).flatMap((d) => d.meta.keyFigures);
const summary = (publisher: string) =>
  figures(publisher).map(
    (f) =>
      `${f.indicator}=${f.value === undefined ? "-" : JSON.stringify(f.value)}${f.approximate ? "~" : ""}@${f.slide}${f.comparison ? ` vs ${f.comparison.value}` : ""}${f.refDate ? ` (${f.refDate})` : ""}`,
  );

/** The number as a transcript writes it: "32 000", "6,8", "17.7", "2300". */
function written(value: number): RegExp {
  const [whole, fraction] = String(value).split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, "[ \u00a0]?");
  return new RegExp(`(?<![\\d.,])${grouped}${fraction ? `[.,]${fraction}` : ""}(?![\\d]|[.,]\\d)`);
}

describe("seed key figures", () => {
  it("Bydel Sagene: slide 2 population and welfare figures, slide 3 employees of the department", () => {
    expect(summary("oslo-sagene")).toEqual([
      "inhabitants=32000@2",
      "social-assistance-share=6.8@2 vs 4",
      "child-welfare-share=6~@2 vs 2.9",
      "municipal-dwellings=2300@2",
      "employees=450@3",
    ]);
    expect(figures("oslo-sagene").find((f) => f.indicator === "employees")?.scope).toBe("Barne- og ungdomsavdelingen");
  });

  it("Stavanger: inhabitants and employees were lost from the transcript and stay missing", () => {
    expect(summary("stavanger")).toEqual([
      "nationalities=170@3",
      "immigrant-share=17.7@4 (2011-01-01)",
      "immigrant-population=-@4 (2011-01-01)",
      "employees-immigrant-share=12.2@4",
    ]);
    const ids = figures("stavanger").map((f) => f.indicator);
    expect(ids).not.toContain("inhabitants");
    expect(ids).not.toContain("employees");
    expect(
      figures("stavanger")
        .find((f) => f.indicator === "immigrant-population")
        ?.breakdown?.map((row) => `${row.label} ${row.value}`),
    ).toEqual(["Polen 2292", "Storbritannia 1542", "Tyrkia 1210", "Sverige 846", "Tyskland 810", "Somalia 806"]);
  });

  it("Agder: the survey's response and its share in contact with expert communities", () => {
    expect(summary("agder")).toEqual(["survey-respondents=22@4 vs 30", "survey-response-rate=73@4", "expertise-contact-share=73@9"]);
  });

  it("Grue: slide 2 states inhabitants, employees and full-time equivalents; Gävleborg states no indicator", () => {
    expect(summary("grue")).toEqual(["inhabitants=4900~@2", "employees=460~@2", "full-time-equivalents=360@2"]);
    expect(summary("gavleborg")).toEqual([]);
  });

  it("every number is written in its transcript, on the slide it is said to come from", () => {
    const files: Record<string, string> = {
      "oslo-sagene": "oslo-sagene-internasjonal-satsing.txt",
      stavanger: "stavanger-forankring-fryder.txt",
      agder: "agder-likestilling-kartlegging.txt",
      grue: "grue-arbeidsgiverstrategi.txt",
      gavleborg: "gavleborg-jamresursen.txt",
    };
    for (const [publisher, file] of Object.entries(files)) {
      const text = transcript(file);
      // A transcript slide starts with its number at the start of a line: "4 Om svarene …".
      const slides = new Map<number, string>();
      for (const [, n, body] of text.matchAll(/^(\d{1,2}) ([\s\S]*?)(?=^\d{1,2} |^Laste ned|(?![\s\S]))/gm)) slides.set(Number(n), body!);
      for (const figure of figures(publisher)) {
        const slide = slides.get(figure.slide!) ?? "";
        const numbers = [
          ...(typeof figure.value === "number" ? [figure.value] : []),
          ...(figure.comparison ? [figure.comparison.value] : []),
          ...(figure.breakdown ?? []).map((row) => row.value),
        ];
        for (const value of numbers) expect(slide, `${publisher} ${figure.indicator} ${value} on slide ${figure.slide}`).toMatch(written(value));
      }
    }
  });
});

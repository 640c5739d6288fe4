/**
 * The seed transcripts in tests/fixtures/seeds: exact slide counts, no site
 * chrome, no repeated running header, no paragraph three times, and the
 * specific guesses the importer should make for each.
 */
import { describe, expect, it } from "vitest";
import { bodyOf, headings, imp, paragraphs, seed } from "./helpers.js";

const SEEDS = [
  { file: "agder-likestilling-kartlegging.txt", publisher: "agder", slides: 12 },
  { file: "oslo-sagene-internasjonal-satsing.txt", publisher: "oslo-sagene", slides: 10 },
  { file: "stavanger-forankring-fryder.txt", publisher: "stavanger", slides: 13 },
  { file: "grue-arbeidsgiverstrategi.txt", publisher: "grue", slides: 21 },
  { file: "gavleborg-jamresursen.txt", publisher: "gavleborg", slides: 11 },
] as const;

const CHROME =
  /Presentasjon lastes|Vennligst vent|Liknende presentasjoner|Presentasjon om:|Utskrift av presentasjonen|Laste ned ppt|Annonser fra Google|Presentation laddar|Liknande presentationer|Presentationens avskrift|Ladda ner ppt|Google-annonser/u;

const run = (file: string, publisher: string) => imp(seed(file), { fileName: file, publisher });

describe("seed transcripts", () => {
  describe.each(SEEDS)("$file", ({ file, publisher, slides }) => {
    const r = run(file, publisher);

    it(`has exactly ${slides} slides, numbered like the transcript`, () => {
      expect(r.report.slideCount).toBe(slides);
      expect(headings(r.markdown)).toHaveLength(slides);
    });

    it("contains none of the site chrome", () => {
      expect(r.markdown).not.toMatch(CHROME);
    });

    it("has no paragraph three times", () => {
      const count = new Map<string, number>();
      for (const p of paragraphs(r.markdown)) count.set(p, (count.get(p) ?? 0) + 1);
      expect([...count].filter(([, n]) => n >= 3)).toEqual([]);
    });

    it("does not repeat the running header in the body", () => {
      const h = r.report.runningHeader;
      const body = bodyOf(r.markdown);
      for (const form of h?.forms ?? []) {
        // At most once (Stavanger's title slide has it inside its title), and never opening a slide's text.
        expect(body.split(form).length - 1).toBeLessThanOrEqual(1);
        expect(body.split("\n").filter((l) => l.replace(/^##\s*/u, "").startsWith(form))).toEqual([]);
      }
    });

    it("writes the documented front-matter and no invented key figures", () => {
      expect(r.markdown).toMatch(new RegExp(`^publisher: ${publisher}$`, "mu"));
      expect(r.markdown).toMatch(/^type: presentation$/mu);
      expect(r.markdown).toMatch(/^topics: \[\]$/mu);
      expect(r.markdown).toMatch(new RegExp(`^  note:\n    nb: Importert fra ${file}\n    en: Imported from ${file}$`, "mu"));
      expect(r.markdown).not.toMatch(/keyFigures|summary:/u);
    });
  });

  it("agder: titles from the slides, empty slides 5–8, no date, no people", () => {
    const r = run("agder-likestilling-kartlegging.txt", "agder");
    expect(r.report.title).toBe("Kommunenes arbeid med likestilling Resultater fra kartlegging");
    expect(headings(r.markdown)).toEqual([
      "Kommunenes arbeid med likestilling",
      "Hvorfor kartlegging?",
      "Hva spurte vi om?",
      "Om svarene og analysen",
      "",
      "",
      "",
      "",
      "Hvordan bistå?",
      "Sammendrag",
      "Hva gjør vi?",
      "Prioriteringer",
    ]);
    expect(r.report.date).toBe("unknown");
    expect(r.report.people).toEqual([]);
    expect(r.report.notesSlides).toEqual([]); // slide 3 is a list of questions, not notes
    expect(r.report.language).toBe("nb");
  });

  it("oslo-sagene: header with variants, page numbers, presenter, date and event", () => {
    const r = run("oslo-sagene-internasjonal-satsing.txt", "oslo-sagene");
    expect(r.markdown).toMatch(/^runningHeader: Oslo kommune Bydel Sagene Barne- og ungdomsavdelingen$/mu);
    expect(r.report.runningHeader?.variants.map((v) => v.slides)).toEqual([[3, 9]]);
    expect(bodyOf(r.markdown)).not.toContain("Oslo kommune Bydel Sagene");
    expect(bodyOf(r.markdown)).not.toContain("Department of Children and Youth");
    expect(r.report.pageNumbersDropped).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.markdown).toContain(" Bakteppe - organisasjon\n\n## Forankring og oppstart");
    expect(r.markdown).not.toMatch(/Presentasjon - 1|organisasjon 3/u);
    expect(r.markdown).toMatch(/^people:\n  - name: Tone Marie Hølmebakk\n    role: presenter$/mu);
    expect(r.markdown).toMatch(/^date: "2009-09-09"$/mu);
    expect(r.markdown).toMatch(/^event: KS´ internasjonale nettverk$/mu);
    expect(headings(r.markdown)[5]).toBe("Barne- og ungdomsavdelingen");
    expect(r.report.keyFigures.map((f) => [f.slide, f.kind, f.value])).toEqual(
      expect.arrayContaining([
        [2, "inhabitants", 32000],
        [3, "employees", 450],
      ]),
    );
  });

  it("stavanger: header, presenters with titles, repeated passage, notes on 6 and 10, lost figures stay lost", () => {
    const r = run("stavanger-forankring-fryder.txt", "stavanger");
    expect(r.markdown).toMatch(/^runningHeader: Sammen for en levende by$/mu);
    expect(bodyOf(r.markdown).split("Sammen for en levende by").length - 1).toBe(1); // only in slide 1's title line
    expect(r.report.runningHeader?.slides).toEqual([2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(r.report.title).toBe("Forankring fryder! Sammen for en levende by");
    expect(r.report.people.map((p) => [p.name, p.title])).toEqual([
      ["Inger Østensjø", "Rådmann"],
      ["Ingrid Hauge Rasmussen", "Rådgiver, mangfold og integrering"],
    ]);
    expect(r.report.date).toBe("unknown");
    expect(r.report.dateCandidates.map((d) => d.text)).toEqual(expect.arrayContaining(["1.1.2011"]));
    expect(r.report.repeats).toEqual([expect.objectContaining({ slide: 10, copies: 3 })]);
    expect(r.markdown.split("For å kunne snakke om mangfoldsledelse").length - 1).toBe(1);
    expect(r.report.notesSlides).toEqual(expect.arrayContaining([6, 10]));
    expect(r.markdown).toContain("Mangfoldspris\n\n::: notes\nUnder arbeid med kommuneplan");
    expect(r.markdown).toContain("flerkulturelle kompetanse\n\n::: notes\nStavanger kommune fremmet høsten 2006");
    // Slide 4 lost the number of inhabitants and employees: they stay lost.
    expect(r.markdown).toContain("\ninnbyggere (17.7%) innvandrere");
    expect(r.markdown).toContain("Ca ansatte");
    expect(r.report.keyFigures.filter((f) => f.kind !== "percent")).toEqual([]);
    expect(r.report.lostFigures.map((f) => f.kind)).toEqual(["inhabitants", "employees"]);
    // "11 veiledere" is text on slide 11, not a slide.
    expect(r.markdown).toContain("## Veiledere flerkulturelt arbeid\n\n11 veiledere fra alle tjenesteområder");
  });

  it("grue: empty slides 8–10, 16, 17, 20; clean title; no notes guessed in the values table; årsverk are FTEs", () => {
    const r = run("grue-arbeidsgiverstrategi.txt", "grue");
    expect(r.report.emptySlides).toEqual([8, 9, 10, 16, 17, 20]);
    expect(r.report.title).toBe("Fra ”helvete” til himmelen - eksempel på oppstart og prosess Arbeidsgiverstrategi Grue kommune");
    expect(r.report.title.length).toBeLessThanOrEqual(120);
    expect(headings(r.markdown)[0]).toBe(r.report.title);
    expect(r.report.people.map((p) => p.name)).toEqual(["Anne Berit Gullikstad"]);
    expect(r.report.notesSlides).toEqual([]);
    expect(r.report.longSlidesWithoutNotes).toContain(18);
    expect(headings(r.markdown).slice(11, 14)).toEqual(Array(3).fill("Samling for ansatte i Grue kommune 16.mars 2010"));
    expect(r.report.runningHeader).toBeUndefined(); // a title on three neighbouring slides is no running header
    expect(r.report.keyFigures.map((f) => [f.slide, f.kind, f.value])).toEqual([
      [2, "inhabitants", 4900],
      [2, "employees", 460],
      [2, "full-time-equivalents", 360],
    ]);
    expect(r.report.language).toBe("nb");
  });

  it('gavleborg: running header on every slide, headings keep "Jämresursen II", no notes split inside a name, no work shares', () => {
    const r = run("gavleborg-jamresursen.txt", "gavleborg");
    expect(r.report.runningHeader?.value).toBe("Ta ett steg, öppna nya dörrar! Utveckla och utvecklas!");
    expect(r.report.runningHeader?.slides).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(r.report.title).toBe("JÄMRESURSEN II 2011 - 2013");
    expect(headings(r.markdown)[2]).toBe("TIDSPLAN Jämresursen II");
    expect(headings(r.markdown).every((h) => !/^(II|•)/u.test(h))).toBe(true);
    expect(r.report.notesSlides).toEqual([]);
    expect(r.markdown).toContain("Länsstyrelsen Gävleborg och Landstinget Gävleborg har Region Gävleborg");
    expect(r.report.keyFigures).toEqual([]);
    expect(r.report.language).toBe("sv");
  });

  it("grue and gavleborg: unknown publishers are proposed from the names the transcripts state", () => {
    const known = [{ id: "agder", names: { nb: "Agder" } }];
    const grue = imp(seed("grue-arbeidsgiverstrategi.txt"), { fileName: "grue.txt", publisher: undefined, publishers: known });
    expect(grue.report.publisher.proposed).toMatchObject({
      id: "grue",
      names: { nb: "Grue kommune", en: "Grue Municipality" },
      kind: "kommune",
      country: "NO",
    });
    const gavle = imp(seed("gavleborg-jamresursen.txt"), { fileName: "gavle.txt", publisher: undefined, publishers: known });
    expect(gavle.report.publisher.proposed).toMatchObject({
      id: "gavleborg",
      names: { nb: "Region Gävleborg", en: "Region Gävleborg" },
      kind: "region",
      country: "SE",
    });
  });
});

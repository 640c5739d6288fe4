import { describe, expect, it } from "vitest";
import { findDates } from "../../scripts/importer/dates.js";
import { guessMetadata } from "../../scripts/importer/metadata.js";
import { findPeople } from "../../scripts/importer/people.js";
import { imp, nbTranscript } from "./helpers.js";

const none = new Set<string>();

describe("people on slide 1", () => {
  it("finds names after a job title, including a title with a comma extension", () => {
    const p = findPeople(
      ["Forankring fryder! Sammen for en levende by Rådmann Inger Østensjø", "Rådgiver, mangfold og integrering Ingrid Hauge Rasmussen"],
      none,
    );
    expect(p.map(({ name, title }) => ({ name, title }))).toEqual([
      { name: "Inger Østensjø", title: "Rådmann" },
      { name: "Ingrid Hauge Rasmussen", title: "Rådgiver, mangfold og integrering" },
    ]);
  });

  it("finds a name without a title by its given name and stops before a footer word", () => {
    const p = findPeople(["KS´ internasjonale nettverk 9. september 2009 Tone Marie Hølmebakk Presentasjon"], none);
    expect(p.map((x) => [x.name, x.title])).toEqual([["Tone Marie Hølmebakk", undefined]]);
  });

  it('takes a multi-word title and "name, title"', () => {
    expect(findPeople(["Housing for all Project Manager Sara Berg"], none)[0]).toMatchObject({ name: "Sara Berg", title: "Project Manager" });
    expect(findPeople(["Inger Østensjø, rådmann"], none)[0]).toMatchObject({ name: "Inger Østensjø", title: "rådmann" });
  });

  it('stops a name before the place of "<Place> kommune", which is no part of it', () => {
    expect(findPeople(["Budsjett 2011 Rådmann Kari Nordmann Grue kommune 15. mars 2011"], none).map((x) => x.name)).toEqual(["Kari Nordmann"]);
    expect(findPeople(["Anne Marie Olsen og Per Hansen Stavanger kommune"], none).map((x) => x.name)).toEqual(["Anne Marie Olsen", "Per Hansen"]);
    // A name a comma ends is whole: the place follows it.
    expect(findPeople(["Rådmann Ingrid Hauge Rasmussen, Grue kommune"], none).map((x) => x.name)).toEqual(["Ingrid Hauge Rasmussen"]);
  });

  it("finds nobody where slide 1 names nobody", () => {
    expect(findPeople(["Kommunenes arbeid med likestilling Resultater fra kartlegging"], none)).toEqual([]);
    expect(findPeople(["Internasjonal satsing i Bydel Sagene Oslo kommune"], none)).toEqual([]);
  });
});

describe("dates", () => {
  it("recognises the usual forms with their ISO value", () => {
    const d = findDates("Møte 9. september 2009, tall per 1.1.2011, vedtatt 2010-03-18, i mars 2012 og høsten 2006; 18.januar; March 5, 2013", 3);
    expect(d.map((x) => [x.text, x.iso, x.precision])).toEqual([
      ["9. september 2009", "2009-09-09", "day"],
      ["1.1.2011", "2011-01-01", "day"],
      ["2010-03-18", "2010-03-18", "day"],
      ["mars 2012", "2012-03", "month"],
      ["høsten 2006", "2006", "year"],
      ["18.januar", undefined, "no-year"],
      ["March 5, 2013", "2013-03-05", "day"],
    ]);
    expect(d.every((x) => x.slide === 3)).toBe(true);
  });

  it("ignores impossible dates and decimal numbers", () => {
    expect(findDates("31.2.2011 og 2.9 og 6,8%", 1)).toEqual([]);
  });

  it("reads a span of days as its month, since neither day is the date", () => {
    expect(findDates("Samling 15.-16. mars 2011", 1).map((d) => [d.iso, d.precision])).toEqual([["2011-03", "month"]]);
    expect(findDates("15.–16.3.2011", 1).map((d) => d.iso)).toEqual(["2011-03"]);
    expect(findDates("15. mars 2011", 1).map((d) => d.iso)).toEqual(["2011-03-15"]);
  });

  it('reads "jul 2011" as no month (it may be Christmas), but "juli 2011" and "9. jul 2011" as July', () => {
    expect(findDates("Før jul 2011", 1)).toEqual([]);
    expect(findDates("juli 2011", 1).map((d) => d.iso)).toEqual(["2011-07"]);
    expect(findDates("9. jul 2011", 1).map((d) => d.iso)).toEqual(["2011-07-09"]);
  });
});

describe("metadata: title, date, event", () => {
  const base = { slideTexts: [], lowerSeen: none };

  it("chooses the date on slide 1 next to the presenter and the event", () => {
    const slide1 = [
      "Internasjonal satsing i Bydel Sagene",
      "Internasjonal satsing i Bydel Sagene KS´ internasjonale nettverk 9. september 2009 Tone Marie Hølmebakk",
    ];
    const m = guessMetadata({ ...base, quotedTitle: "Internasjonal satsing i Bydel Sagene", slide1, slideTexts: [{ number: 1, text: slide1.join("\n") }] });
    expect(m.date).toBe("2009-09-09");
    expect(m.event).toBe("KS´ internasjonale nettverk");
  });

  it("leaves the date unknown when the one on slide 1 is one the check would refuse, and says why", () => {
    const slide1 = ["Budsjett for skolene i Grue kommune Rådmann Kari Nordmann 3.4.49"];
    const m = guessMetadata({ ...base, quotedTitle: "Budsjett for skolene i Grue kommune", slide1, slideTexts: [{ number: 1, text: slide1[0]! }] });
    expect(m.people.map((p) => p.name)).toContain("Kari Nordmann");
    expect(m.date).toBe("unknown");
    expect(m.dateReason).toBe('"3.4.49" on slide 1 is not a plausible date for the document (the check takes 1800 to next year)');
  });

  it("leaves the date unknown when the only dates are about the content", () => {
    const m = guessMetadata({
      ...base,
      quotedTitle: "Forankring fryder!",
      slide1: ["Forankring fryder! Rådmann Inger Østensjø"],
      slideTexts: [{ number: 4, text: "Nøkkeltall for Stavanger kommune 1.1.2011" }],
    });
    expect(m.date).toBe("unknown");
    expect(m.dates.map((d) => d.text)).toEqual(["1.1.2011"]);
  });

  it("leaves the date unknown when slide 1 has a date but no presenter or event", () => {
    const m = guessMetadata({ ...base, quotedTitle: "Budsjett 2012", slide1: ["Budsjett 1.1.2012"], slideTexts: [] });
    expect(m.date).toBe("unknown");
    expect(m.dateReason).toMatch(/no presenter or event/u);
  });

  it("removes a presenter from the end of the quoted title, and a trailing full stop", () => {
    const m = guessMetadata({
      ...base,
      quotedTitle: "Forankring fryder! Sammen for en levende by Rådmann Inger Østensjø",
      slide1: ["Forankring fryder! Sammen for en levende by Rådmann Inger Østensjø"],
    });
    expect(m.title).toBe("Forankring fryder! Sammen for en levende by");
    expect(guessMetadata({ ...base, quotedTitle: "Resultater fra kartlegging.", slide1: ["x"] }).title).toBe("Resultater fra kartlegging");
  });

  it("takes the title from slide 1 when there is no site chrome", () => {
    const r = imp("1 Velkommen til fagdagen\n\n2 Program\n");
    expect(r.report.title).toBe("Velkommen til fagdagen");
  });

  it("falls back to the first heading when slide 1 is empty, and asks the editor to check", () => {
    const r = imp("1\n\n2 Program for dagen\n\n3 Slutt\n");
    expect(r.report.title).toBe("Program for dagen");
    expect(r.report.checks.join("\n")).toMatch(/title: no title in the transcript/u);
    expect(r.markdown).toMatch(/^title: Program for dagen$/mu);
  });

  it("writes people and event to front-matter only as slide 1 states them", () => {
    const r = imp(nbTranscript("Satsing", ["1 Satsing\nFagsamling for rådgivere 3. mars 2011 Kari Nordmann", "2 Mål\nMer tekst"]));
    expect(r.markdown).toMatch(/^date: "2011-03-03"$/mu);
    expect(r.markdown).toMatch(/^event: Fagsamling for rådgivere$/mu);
    expect(r.markdown).toMatch(/^people:\n  - name: Kari Nordmann\n    role: presenter$/mu);
    expect(r.markdown).not.toMatch(/^\s+title:/mu);
  });
});

describe("titles (issue 16)", () => {
  it('removes "v/ presenter", the job title and an unclosed bracket', async () => {
    const { cleanTitle } = await import("../../scripts/importer/metadata.js");
    const { title, notes } = cleanTitle(
      "Fra ”helvete” til himmelen - eksempel på oppstart og prosess Arbeidsgiverstrategi Grue kommune v/ Anne Berit Gullikstad Kommunalsjef oppvekst (tidligere.",
      [],
    );
    expect(title).toBe("Fra ”helvete” til himmelen - eksempel på oppstart og prosess Arbeidsgiverstrategi Grue kommune");
    expect(notes.join(" ")).toMatch(/presenter/u);
  });

  it("never leaves an unclosed bracket", async () => {
    const { cleanTitle } = await import("../../scripts/importer/metadata.js");
    expect(cleanTitle("Plan for skolen (revidert utgave fra", []).title).toBe("Plan for skolen");
    expect(cleanTitle("Plan for skolen (revidert) 2024", []).title).toBe("Plan for skolen (revidert) 2024");
  });

  it("removes a leading running header and a final date", async () => {
    const { cleanTitle } = await import("../../scripts/importer/metadata.js");
    expect(cleanTitle("Ta ett steg! Utveckla och utvecklas! JÄMRESURSEN II 2011 - 2013.", [], "Ta ett steg! Utveckla och utvecklas!").title).toBe(
      "JÄMRESURSEN II 2011 - 2013",
    );
    expect(cleanTitle("Kulturplan for kommunen 16. mars 2010", []).title).toBe("Kulturplan for kommunen");
  });

  it("keeps titles to at most 120 characters, cut at a separator", async () => {
    const { cleanTitle } = await import("../../scripts/importer/metadata.js");
    const long = `Strategi for likestilling og mangfold i kommunen - ${"med mange lange ord om alt som skal gjøres i planperioden ".repeat(5)}`;
    const { title } = cleanTitle(long, []);
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title).toBe("Strategi for likestilling og mangfold i kommunen");
  });

  it("cleans a title taken from slide 1 the same way and makes it slide 1's heading", () => {
    const r = imp(
      ["1 Plan for oppvekst v/ Kari Nordmann Kommunalsjef (tidligere rektor", "", "2 Mål", "Gode skoler for alle", "", "3 Tiltak", "Flere lærere"].join("\n"),
    );
    expect(r.report.title).toBe("Plan for oppvekst");
    expect(r.markdown).toMatch(/^title: Plan for oppvekst$/mu);
  });
});

import { describe, expect, it } from "vitest";
import { excerpt, headSlide, titleBoundary } from "../../scripts/importer/headings.js";

describe("headings", () => {
  it("uses the first line when the transcript gives one", () => {
    expect(headSlide(["Lokalpolitisk forankring:", "Kommuneplan Mangfoldspris"])).toEqual({
      heading: "Lokalpolitisk forankring:",
      paragraphs: ["Kommuneplan Mangfoldspris"],
      how: "line",
    });
  });

  it("splits a one-line slide after a question", () => {
    expect(headSlide(["Hvorfor kartlegging? Komme i dialog med kommunene Hvordan følges vedtaket opp?"])).toEqual({
      heading: "Hvorfor kartlegging?",
      paragraphs: ["Komme i dialog med kommunene Hvordan følges vedtaket opp?"],
      how: "split",
    });
  });

  it("splits where a capital follows a lower-case content word", () => {
    const h = headSlide(["Om svarene og analysen Hele 22 av 30 kommuner leverte inn svar innen fristen"]);
    expect(h.heading).toBe("Om svarene og analysen");
    expect(h.paragraphs).toEqual(["Hele 22 av 30 kommuner leverte inn svar innen fristen"]);
  });

  it("a capital after a function word is a name, not a boundary", () => {
    expect(titleBoundary("Samarbeid med Stavanger kommune om nye boliger for eldre")).toBe(-1);
  });

  it("keeps closing quotes with the question", () => {
    expect(headSlide(["”Er vi en del av verden?” Deltakelse i internasjonale prosjekter gir mulighet"]).heading).toBe("”Er vi en del av verden?”");
  });

  it("title case (English) does not split when capital boundaries are off", () => {
    expect(headSlide(["Housing for all Project Manager Sara Berg"], false)).toMatchObject({
      heading: "Housing for all Project Manager Sara Berg",
      how: "whole",
    });
  });

  it("a long slide without a title gets an excerpt heading and keeps all its text", () => {
    const poem = "Drivande skyer i solglimt og grått, ein himmel i stadig forandring, øve et mangfold av stor og smått, ein spennande, evig forandring.";
    const h = headSlide([poem]);
    expect(h.how).toBe("excerpt");
    expect(h.heading).toBe("Drivande skyer i solglimt og grått …");
    expect(h.paragraphs).toEqual([poem]);
  });

  it("an empty slide has an empty heading", () => {
    expect(headSlide([])).toEqual({ heading: "", paragraphs: [], how: "empty" });
  });

  it("excerpt cuts at a word", () => {
    expect(excerpt("Ordføreren inviterte 1 representant fra hver nasjonalitet til samling på Ledaal")).toBe(
      "Ordføreren inviterte 1 representant fra hver nasjonalitet …",
    );
  });
});

describe("headings never cut a name, its numeral or an abbreviation (issue 16)", () => {
  it("keeps a run of capitalised name words together", () => {
    const h = headSlide(["Velkommen til samlingen SPK Morten Buan HR Direktør har ordet og snakker om lønn og pensjon i kommunen i år"]);
    expect(h.heading).not.toMatch(/Morten$/u);
    expect(h.paragraphs.join(" ")).not.toMatch(/^Buan/u);
  });

  it("keeps a roman numeral with its name and ends the title after it", () => {
    const h = headSlide(["TIDSPLAN Jämresursen II Hösten 2011 Lägesinventering – hur ser det ut i kommunerna idag? Nätverksträff i oktober"]);
    expect(h.heading).toBe("TIDSPLAN Jämresursen II");
    expect(h.paragraphs[0]).toMatch(/^Hösten 2011 /u);
  });

  it("does not end a title after an abbreviation", () => {
    const h = headSlide(["Vedoucí odboru JUDr. Olga Nováková představuje strategii rozvoje města na období 2020 až 2030 a její cíle"]);
    expect(h.heading).not.toMatch(/JUDr\.$/u);
  });

  it('a capitalised word that opens a sentence may still end the title ("Grue | Ca 4900")', () => {
    expect(headSlide(["Fakta om Grue Ca 4900 innbyggere (synkende fra over 5000 i 2011) Grue kommune grenser til Sverige i øst"]).heading).toBe(
      "Fakta om Grue",
    );
  });

  it("a colon after a bare year does not end the title", () => {
    expect(headSlide(["2009: Oppstart av prosess Oppstart i rådmannens ledergruppe: (”Stolt og unik” er inspirasjon) og mye mer tekst her"]).heading).toBe(
      "2009: Oppstart av prosess",
    );
  });

  it("a bullet ends the title and never starts a heading", () => {
    expect(headSlide(["Program för hållbarhet • Ledningen behöver ge uppdrag – utbildning viktigt • Ledningen behöver efterfråga resultat"]).heading).toBe(
      "Program för hållbarhet",
    );
    expect(
      headSlide(["• Jämresursen II arbetar för att integrera jämställdhetsperspektivet i kommunernas verksamhet. • Fokus för arbetet"]).heading,
    ).not.toMatch(/^•/u);
  });

  it("a title repeated on neighbouring slides is their heading", () => {
    const t = "Samling for ansatte i Grue kommune 16.mars 2010";
    const h = headSlide([`${t} Øvelsen fortsetter…. Hva opplevde du som viktig i dette øyeblikket? Hvilke verdier ble berørt hos deg?`], true, [
      `${t} En øvelse: Velkommen til helveteskommunen!`,
      "",
    ]);
    expect(h).toMatchObject({ heading: t, how: "split" });
    expect(h.paragraphs[0]).toMatch(/^Øvelsen fortsetter/u);
  });
});

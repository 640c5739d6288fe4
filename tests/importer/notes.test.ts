import { describe, expect, it } from "vitest";
import { buildNotesContext, splitNotes } from "../../scripts/importer/notes.js";
import { imp, nbTranscript } from "./helpers.js";

const BULLETS = "Kommuneplan Åpenhets- og mangfoldserklæring Årlig statusrapport for integreringsarbeidet Mangfoldspris";
const PROSE =
  "Under arbeid med kommuneplan inviterte kommunen byens innbyggere til egne verksted for å få innspill til planen. " +
  "Det ble arrangert et eget verksted for innvandrere fordi dette er en gruppe som erfaringsvis deltar mindre. " +
  "Kommuneplanen har mangfold og deltakelse som en av bærebjelkene i en bærekraftig utvikling av byen. " +
  "Politikerne har vedtatt at det skal deles ut en årlig pris til virksomheter som har arbeidet godt med dette.";
const ctx = (t: string) => buildNotesContext([t]);

describe("speaker notes", () => {
  it("wraps long prose after short bullets, starting where the prose starts", () => {
    const text = `${BULLETS} ${PROSE}`;
    const n = splitNotes([text], ctx(text));
    expect(n).toEqual({ slide: [BULLETS], notes: [PROSE] });
  });

  it("emits a ::: notes container in the Markdown", () => {
    const r = imp(nbTranscript("T", ["1 T", `2 Lokalpolitisk forankring:\n${BULLETS} ${PROSE}`]));
    expect(r.markdown).toContain(`## Lokalpolitisk forankring:\n\n${BULLETS}\n\n::: notes\n${PROSE}\n:::\n`);
    expect(r.report.notesSlides).toEqual([2]);
  });

  it("no notes when the prose is short", () => {
    const text = `${BULLETS} Under arbeid med planen inviterte kommunen innbyggerne. Det ble et eget verksted for alle.`;
    expect(splitNotes([text], ctx(text))).toBeUndefined();
  });

  it("no notes for a slide that is all prose (nothing bullet-like before it)", () => {
    expect(splitNotes([PROSE], ctx(PROSE))).toBeUndefined();
  });

  it("no notes for a list of questions", () => {
    const q =
      "Hva spurte vi om? 1)Har kommunen etablert et eget likestillingsutvalg, eller er det satt i gang et arbeid for å etablere det? " +
      "2)Har kommunen en egen handlingsplan for likestilling, eller arbeides det med å lage en slik plan for kommunen? " +
      "3)Har kommunen deltatt i særlige prosjekter eller gjennomført tiltak på eget initiativ innenfor noen av disse områdene? " +
      "4)Hvordan kan det regionale nivået best støtte opp om kommunenes arbeid for å fremme likestilling i regionen?";
    expect(splitNotes([q], ctx(q))).toBeUndefined();
  });

  it("no notes for exclamations and short bullets", () => {
    const t =
      "Internasjonale aktiviteter krever langsiktig tenkning og engasjement! Tenk igjennom hvem som skal involveres – fordel godene! " +
      "Ta med ansatte på enkeltoppgaver selv om veien ikke er helt klar Tåle at ikke alt fungerer som vi er vant til " +
      "Gi ansatte mulighet for å løfte blikket fra drift – legg til rette for at deltakelse er mulig. Tenk utradisjonelt og ta noen sjanser!";
    expect(splitNotes([t], ctx(t))).toBeUndefined();
  });

  it("a name after a word it also follows elsewhere is not taken for a bullet boundary", () => {
    const slide = "Forankret i budsjettet. Prioritering og vilje! Felles forståelse!";
    const prose =
      "I bydel Sagene er det nestleder i avdelingen som er kontakt for dette arbeidet i bydelen. " +
      "Sammen med andre ildsjeler som synes dette er veldig morsomt har hun vært viktig for arbeidet. " +
      "Det å vite hva som skjer og få innbydelser til seminarer er viktig for å vite hvilke muligheter man har. " +
      "Samarbeidet med universitetet har vart i ti år og gitt oss mye kunnskap om hvordan slike prosjekter drives.";
    const text = `${slide} ${prose}`;
    const n = splitNotes([text], buildNotesContext([text, "Internasjonal satsing i Bydel Sagene"]));
    expect(n?.notes).toEqual([prose]);
  });
});

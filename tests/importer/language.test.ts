import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../scripts/importer/language.js";

const NB = "Vi har ikke hatt noen plan for dette, men nå skal vi lage en. Hva er viktigst for kommunene? Det er hvordan vi kan bidra.";
const NN = "Vi har ikkje hatt nokon plan for dette, men no skal vi laga ein. Kva er viktigast for kommunane? Det er korleis eg kan bidra, berre det.";
const SV = "Vi har inte haft någon plan för detta, men nu ska vi göra en. Vad är viktigast för kommunerna? Det är hur vi kan bidra och också mer.";
const DA = "Vi har ikke haft nogen plan for dette, men nu skal vi lave en. Hvad er vigtigst for kommunerne? Det er hvordan vi kan bidrage af og til.";
const EN = "We have not had a plan for this, but now we will make one. What is the most important for the municipalities? It is how we can help.";

describe("language detection", () => {
  it.each([
    ["nb", NB],
    ["nn", NN],
    ["sv", SV],
    ["da", DA],
    ["en", EN],
  ] as const)("recognises %s from text statistics", (lang, text) => {
    expect(detectLanguage(text).language).toBe(lang);
  });

  it("uses the site language when the text agrees or is not conclusive", () => {
    const g = detectLanguage("Oppdrag Sykehjem Barnehage", "nb");
    expect(g.language).toBe("nb");
    expect(g.source).toMatch(/site boilerplate/u);
  });

  it("lets clear text statistics override the site language", () => {
    const g = detectLanguage(`${EN} ${EN}`, "nb");
    expect(g.language).toBe("en");
    expect(g.source).toMatch(/text statistics/u);
  });

  it("tells nynorsk from bokmål on a Norwegian site", () => {
    expect(detectLanguage(NN, "nb").language).toBe("nn");
    expect(detectLanguage(NB, "nb").language).toBe("nb");
  });

  it("a nynorsk poem inside a bokmål deck keeps the deck bokmål", () => {
    const poem = "Dansande bølger og heftige kast, gjer bud om heilt nye tankar, ska me riva oss laus eller gro fast.";
    expect(detectLanguage(`${NB} ${NB} ${poem}`, "nb").language).toBe("nb");
  });
});

import { describe, expect, it } from "vitest";
import { isAdLine, isDownloadLine, stripBoilerplate } from "../../scripts/importer/boilerplate.js";
import { bodyOf, fixture, imp, nbTranscript } from "./helpers.js";

const CHROME = [
  "Presentasjon lastes",
  "Vennligst vent",
  "Liknende presentasjoner",
  "Presentasjon om",
  "Utskrift av presentasjonen",
  "Laste ned ppt",
  "Annonser fra Google",
  "Presentation laddar",
  "Liknande presentationer",
  "En presentation över ämnet",
  "Presentationens avskrift",
  "Ladda ner ppt",
  "Google-annonser",
  "Presentation is loading",
  "Similar presentations",
  "Presentation on theme",
  "Presentation transcript",
  "Download ppt",
  "Præsentationen indlæses",
  "Vent venligst",
  "Lignende præsentationer",
  "Præsentation om",
  "Udskrift af præsentationen",
  "Google-annoncer",
];

describe("boilerplate: site chrome by pattern", () => {
  it("finds the intro line and the quoted title, and drops everything before it", () => {
    const b = stripBoilerplate(nbTranscript("Min tittel", ["1 Min tittel", "2 Innhold"]));
    expect(b.title).toBe("Min tittel");
    expect(b.introFound).toBe(true);
    expect(b.siteLanguage).toBe("nb");
    const text = b.bodyLines.join("\n");
    expect(text).toContain("1 Min tittel");
    expect(text).not.toMatch(/lastes|Liknende|Laste ned|Annonser/u);
  });

  it.each([
    ["sv-skolplan.txt", "sv", "Skolplan för Växjö kommun", 4],
    ["en-housing.txt", "en", "Housing for all", 3],
    ["nn-kulturplan.txt", "nb", "Kulturplan for Voss herad", 3],
  ] as const)("%s: site language %s, title, slides, no chrome left", (file, site, title, count) => {
    const text = fixture(file).toString("utf8");
    expect(stripBoilerplate(text).siteLanguage).toBe(site);
    const r = imp(fixture(file), { fileName: file });
    expect(r.report.title).toBe(title);
    expect(r.report.slideCount).toBe(count);
    for (const phrase of CHROME) expect(bodyOf(r.markdown)).not.toContain(phrase);
  });

  it("handles Danish chrome by pattern", () => {
    const text = fixture("da-klimaplan.txt").toString("utf8");
    const b = stripBoilerplate(text);
    expect(b.siteLanguage).toBe("da"); // the pattern finds the chrome; the (now known) Danish phrases only name the language
    expect(b.title).toBe("Kommunens klimaplan 2030");
    const r = imp(text, { fileName: "da-klimaplan.txt" });
    expect(r.report.slideCount).toBe(5);
    for (const phrase of CHROME) expect(r.markdown).not.toContain(phrase);
    expect(r.markdown).not.toMatch(/indlæses|Lignende|Download|Google/u);
    expect(r.report.language).toBe("da");
  });

  it("handles an unknown site language (German) by pattern", () => {
    const text = [
      "Präsentation wird geladen. Bitte warten",
      "",
      "Präsentation wird geladen. Bitte warten",
      "",
      "Ähnliche Präsentationen",
      "",
      'Präsentation zum Thema: "Wohnen in Kiel"— Präsentation Transkript:',
      "",
      "1 Wohnen in Kiel",
      "",
      "2 Warum? Weil es wichtig ist.",
      "",
      "",
      'Herunterladen ppt "Wohnen in Kiel"',
      "",
      "Ähnliche Präsentationen",
    ].join("\n");
    const b = stripBoilerplate(text);
    expect(b.title).toBe("Wohnen in Kiel");
    expect(b.bodyLines.join("\n").trim()).toBe("1 Wohnen in Kiel\n\n2 Warum? Weil es wichtig ist.");
  });

  it("drops everything from the download line on, even lines it does not recognise", () => {
    const similar = "Kommunale planer for likestilling og inkludering i alle kommunene på Agder og i Telemark fylke, presentert på samlingen i 2012";
    const text = nbTranscript("T", ["1 T", "2 Siste"]).replace("Annonser fra Google", `${similar}\n\n${similar} del 2`);
    const b = stripBoilerplate(text);
    expect(b.bodyLines.join("\n").trim()).toBe("1 T\n\n2 Siste");
    expect(b.removed.join("\n")).toMatch(/starting with the download line/u);
  });

  it("a slide line that looks like an intro line is slide text", () => {
    const r = imp('1 Spørreundersøkelse\n\n2 Svar: "Ja, absolutt"— Kommentar: mer tid\n\n3 Slutt\n');
    expect(r.report.slideCount).toBe(3);
    expect(r.markdown).toContain("Kommentar: mer tid");
  });

  it("site chrome that starts with a number does not hide the intro line", () => {
    const text = nbTranscript("T", ["1 T", "2 Innhold"]).replace("Liknende presentasjoner", "1 kommentar\n\nLiknende presentasjoner");
    const b = stripBoilerplate(text);
    expect(b.introFound).toBe(true);
    expect(imp(text).markdown).not.toContain("kommentar");
  });

  it("accepts the transcript starting on the intro line itself", () => {
    const b = stripBoilerplate('Presentation on theme: "X"— Presentation transcript: 1 X\n\n2 Y\n');
    expect(b.bodyLines[0]).toBe("1 X");
  });

  it("recognises download and ad lines", () => {
    expect(isDownloadLine('Laste ned ppt "Tittel"', "Tittel")).toBe(true);
    expect(isDownloadLine('Download ppt "Tittel."', "Tittel")).toBe(true);
    expect(isDownloadLine('Ladda ner ppt "Annan titel"', "Tittel")).toBe(false);
    expect(isDownloadLine('Vi laster ned data fra "SSB"', undefined)).toBe(false);
    expect(isAdLine("Annonser fra Google")).toBe(true);
    expect(isAdLine("Google-annonser")).toBe(true);
    expect(isAdLine("Samarbeid med Google om skytjenester i alle skolene våre fra høsten")).toBe(false);
  });

  it("without a download line, drops the chrome after the last slide but keeps its text", () => {
    const text = [
      "Presentasjon lastes. Vennligst vent",
      "",
      "Liknende presentasjoner",
      "",
      'Presentasjon om: "T"— Utskrift av presentasjonen:',
      "",
      "1 T",
      "",
      "2 Siste lysbilde",
      "Med en linje til",
      "",
      "",
      "Liknende presentasjoner",
      "",
      "Annonser fra Google",
    ].join("\n");
    const r = imp(text);
    expect(r.report.slideCount).toBe(2);
    expect(r.markdown).toContain("Med en linje til");
    expect(r.markdown).not.toMatch(/Liknende|Annonser/u);
  });

  it("removes chrome lines repeated inside the transcript", () => {
    const text = nbTranscript("T", ["1 T", "2 A\nPresentasjon lastes. Vennligst vent", "3 B"]);
    const r = imp(text);
    expect(r.markdown).not.toContain("lastes");
    expect(r.report.slideCount).toBe(3);
  });

  it("without any chrome, starts at slide 1 and reports dropped text before it", () => {
    const r = imp("Noe tekst før\n\n1 Første\n\n2 Andre\n");
    expect(r.report.slideCount).toBe(2);
    expect(r.report.preamble).toEqual(["Noe tekst før"]);
    expect(r.report.checks.join("\n")).toMatch(/text before slide 1 was dropped: "Noe tekst før"/u);
  });
});

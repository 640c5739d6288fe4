/**
 * "Cite this document": the reference in each locale, BibTeX and CSL-JSON
 * downloads, and the Highwire and Dublin Core tags Zotero reads. Built from
 * the front-matter only: an unknown date stays unknown, and there is no access date.
 */
import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { escapeBibtex } from "../../scripts/publish/cite.ts";
import { doc, readOutput, removeProject } from "../helpers/fixture.ts";
import { buildPublishProject, SITE_URL } from "./helpers.ts";

const UNDATED = doc(
  `
title: Budsjett & økonomi {2. utkast}
type: report
publisher: testby
date: unknown
language: nb
event: Kommunestyret 50% ferdig
`,
  "## Innledning\n\nTekst.\n",
);

const TWO_AUTHORS = doc(
  `
title: Helseplan
type: plan
publisher: testby
date: 2015
language: nb
people:
  - { name: Helse and omsorg, role: author }
  - { name: "Nordmann, Kari", role: author }
`,
  "## Innledning\n\nTekst.\n",
);

/** Every `<meta name=… content=…>` of a page with this name, in order. */
const metaAll = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`<meta name="${name.replace(/\./g, "\\.")}" content="([^"]*)">`, "g"))].map((match) => match[1]);
const reference = (html: string) => /<p class="cite-reference" id="cite-reference">([\s\S]*?)<\/p>/.exec(html)?.[1]?.replace(/<[^>]+>/g, "");

describe("citations", () => {
  let dir = "";
  beforeAll(async () => {
    ({ dir } = await buildPublishProject({ "content/testby/budsjett.md": UNDATED, "content/testby/helse.md": TWO_AUTHORS }));
  });
  afterAll(() => dir && removeProject(dir));

  it("shows a reference in the page's locale: presenter, year, original title, translated title, type, publisher, URL", () => {
    const nb = readOutput(dir, "dokumenter/testby/likestilling-i-testby/index.html");
    expect(nb).toContain('<h2 id="cite-heading">Siter dette dokumentet</h2>');
    expect(reference(nb)).toBe(
      `Kari Nordmann (2011). Likestilling i Testby [Presentasjon]. Testby kommune. ${SITE_URL}/dokumenter/testby/likestilling-i-testby/`,
    );
    const en = readOutput(dir, "en/documents/testby/likestilling-i-testby/index.html");
    expect(en).toContain('<h2 id="cite-heading">Cite this document</h2>');
    expect(reference(en)).toBe(
      `Kari Nordmann (2011). Likestilling i Testby [Gender equality in Testby] [Presentation]. Testby municipality. ${SITE_URL}/en/documents/testby/likestilling-i-testby/`,
    );
    expect(en).toContain('<cite lang="nb">Likestilling i Testby</cite> [<span lang="en">Gender equality in Testby</span>]');
  });

  it('names the publisher as author when no one presented or wrote it, and says "u.å." / "n.d." for an unknown date', () => {
    const nb = readOutput(dir, "dokumenter/testby/budsjett/index.html");
    expect(reference(nb)).toBe(`Testby kommune (u.å.). Budsjett &amp; økonomi {2. utkast} [Rapport]. ${SITE_URL}/dokumenter/testby/budsjett/`);
    const en = readOutput(dir, "en/documents/testby/budsjett/index.html");
    expect(reference(en)).toMatch(/^Testby municipality \(n\.d\.\)\. /);
    // No date is invented anywhere, and no access date is added.
    expect(metaAll(nb, "citation_publication_date")).toEqual([]);
    expect(metaAll(nb, "DC.date")).toEqual([]);
    expect(nb).not.toMatch(/citation_(online_)?date|accessed|Hentet \d/);
  });

  it("has the Highwire and Dublin Core tags Zotero's Embedded Metadata translator reads", () => {
    const html = readOutput(dir, "en/documents/testby/bilder-og-vedlegg/index.html");
    const url = `${SITE_URL}/en/documents/testby/bilder-og-vedlegg/`;
    expect(metaAll(html, "citation_title")).toEqual(["Bilder og vedlegg"]);
    expect(metaAll(html, "citation_author")).toEqual(["Testby municipality"]);
    expect(metaAll(html, "citation_publication_date")).toEqual(["2012/06/01"]);
    expect(metaAll(html, "citation_publisher")).toEqual(["Testby municipality"]);
    expect(metaAll(html, "citation_language")).toEqual(["nb"]);
    expect(metaAll(html, "citation_abstract_html_url")).toEqual([url]);
    expect(metaAll(html, "citation_pdf_url")).toEqual([`${SITE_URL}/dokumenter/testby/bilder-og-vedlegg/rapport.pdf`]);
    expect(html).toContain('<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">');
    expect(metaAll(html, "DC.title")).toEqual(["Bilder og vedlegg"]);
    expect(metaAll(html, "DC.creator")).toEqual(["Testby municipality"]);
    expect(metaAll(html, "DC.date")).toEqual(["2012-06-01"]);
    expect(metaAll(html, "DC.identifier")).toEqual([url]);
    // A report is filed as one through its institution; a presentation is not.
    expect(metaAll(readOutput(dir, "dokumenter/testby/budsjett/index.html"), "citation_technical_report_institution")).toEqual(["Testby kommune"]);
    expect(metaAll(html, "citation_technical_report_institution")).toEqual([]);
    expect(metaAll(readOutput(dir, "dokumenter/testby/likestilling-i-testby/index.html"), "citation_author")).toEqual(["Kari Nordmann"]);
  });

  it("offers BibTeX with special characters escaped and no year when the date is unknown", () => {
    const html = readOutput(dir, "dokumenter/testby/budsjett/index.html");
    expect(html).toContain('<a href="/dokumenter/testby/budsjett/cite.bib" download type="application/x-bibtex">BibTeX</a>');
    const bib = readOutput(dir, "dokumenter/testby/budsjett/cite.bib");
    expect(bib).toBe(
      [
        "@techreport{testby-budsjett,",
        "  author = {{Testby kommune}},",
        "  title = {{Budsjett \\& økonomi \\{2. utkast\\}}},",
        "  institution = {Testby kommune},",
        "  type = {Rapport},",
        "  note = {Kommunestyret 50\\% ferdig},",
        "  language = {nb},",
        `  url = {${SITE_URL}/dokumenter/testby/budsjett/}`,
        "}",
        "",
      ].join("\n"),
    );
    // BibTeX reads " and " as between two people: a name with the word in it is kept whole.
    expect(readOutput(dir, "dokumenter/testby/helse/cite.bib")).toContain("  author = {{Helse and omsorg} and Nordmann, Kari},\n");
    const dated = readOutput(dir, "en/documents/testby/likestilling-i-testby/cite.bib");
    expect(dated).toContain("@misc{testby-likestilling-i-testby,\n  author = {Kari Nordmann},");
    expect(dated).toContain("  year = {2011},\n  month = {3},\n  date = {2011-03-15},\n  publisher = {Testby municipality},\n  type = {Presentation},");
  });

  it("offers CSL-JSON: literal names, date parts only as precise as the source, nothing for an unknown date", () => {
    const dated = JSON.parse(readOutput(dir, "en/documents/testby/likestilling-i-testby/cite.csl.json"));
    expect(dated).toEqual([
      {
        id: "testby-likestilling-i-testby",
        type: "speech",
        title: "Likestilling i Testby",
        author: [{ literal: "Kari Nordmann" }],
        publisher: "Testby municipality",
        genre: "Presentation",
        language: "nb",
        URL: `${SITE_URL}/en/documents/testby/likestilling-i-testby/`,
        issued: { "date-parts": [[2011, 3, 15]] },
        abstract: "En kort presentasjon.",
      },
    ]);
    const undated = JSON.parse(readOutput(dir, "dokumenter/testby/budsjett/cite.csl.json"));
    expect(undated[0].issued).toBeUndefined();
    expect(undated[0]["event-title"]).toBe("Kommunestyret 50% ferdig");
    expect(undated[0].type).toBe("report");
  });

  it("has a copy button that stays hidden until its script finds a clipboard", () => {
    const html = readOutput(dir, "dokumenter/testby/likestilling-i-testby/index.html");
    // The site's secondary button (site.css .button.button-secondary), not a bare system button.
    expect(html).toMatch(/<button type="button" class="button button-secondary cite-copy" data-copy="cite-reference"[^>]* hidden>Kopier referansen<\/button>/);
    expect(html).toMatch(/<button type="button" class="button button-secondary embed-copy" data-copy="embed-snippet"[^>]* hidden>Kopier koden<\/button>/);
    expect(html).toContain('<script src="/assets/cite.js" defer></script>');
  });
});

describe("escapeBibtex", () => {
  it("escapes BibTeX's special characters and leaves letters alone", () => {
    expect(escapeBibtex("a & b {c} 50% $5 #1 x_y ~ ^ \\ æøå")).toBe(
      "a \\& b \\{c\\} 50\\% \\$5 \\#1 x\\_y \\textasciitilde{} \\textasciicircum{} \\textbackslash{} æøå",
    );
  });
});

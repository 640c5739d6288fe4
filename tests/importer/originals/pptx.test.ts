import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import { makeDeck, withCoreProperties, withEntries } from "./fixtures.js";
import { imp as importFile } from "./helpers.js";

const imp = (bytes: Uint8Array) => importFile(bytes, "deck.pptx");

/** A text box at (x, y) on the slide or in a group's space. */
const textBox = (id: number, text: string, y: number) =>
  `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="Box ${id}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="457200" y="${y}"/><a:ext cx="4000000" cy="400000"/></a:xfrm></p:spPr><p:txBody><a:bodyPr/><a:p><a:r><a:rPr lang="nb-NO" sz="1800"/><a:t>${text}</a:t></a:r></a:p></p:txBody></p:sp>`;

describe("PowerPoint originals", () => {
  it('takes a slide marked show="false" for hidden, as show="0" (both are the XML boolean false)', async () => {
    const deck = await makeDeck({});
    const zip = await JSZip.loadAsync(deck);
    const slide = await zip.file("ppt/slides/slide4.xml")!.async("string");
    expect(slide).toContain('show="0"');
    const { report } = await imp(await withEntries(deck, { "ppt/slides/slide4.xml": slide.replace('show="0"', 'show="false"') }));
    expect(report.hiddenSlides).toEqual([4]);
  });

  it("reads a group's shapes where the group puts them, and a shape PowerPoint wrapped for newer readers", async () => {
    const deck = await makeDeck({});
    const zip = await JSZip.loadAsync(deck);
    const slide = await zip.file("ppt/slides/slide3.xml")!.async("string");
    // A group moved after grouping: its shapes' own y (0 and 1000000) is in the group's space, placed from 1828800.
    const group = `<p:grpSp><p:nvGrpSpPr><p:cNvPr id="20" name="Group"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="457200" y="1828800"/><a:ext cx="4000000" cy="1400000"/><a:chOff x="457200" y="0"/><a:chExt cx="4000000" cy="1400000"/></a:xfrm></p:grpSpPr>${textBox(21, "Gruppe forst", 0)}${textBox(22, "Gruppe sist", 1000000)}</p:grpSp>`;
    const wrapped = `<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" Requires="a14">${textBox(30, "Rådmann Kari Nordmann", 4000000)}</mc:Choice><mc:Fallback><p:pic><p:nvPicPr><p:cNvPr id="31" name="Fallback"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill/><p:spPr/></p:pic></mc:Fallback></mc:AlternateContent>`;
    const changed = slide.replace(/<p:pic>[\s\S]*<\/p:pic>/u, `${textBox(10, "Midt mellom", 1000000)}${group}${wrapped}`);
    expect(changed).not.toBe(slide);
    const { markdown } = await imp(await withEntries(deck, { "ppt/slides/slide3.xml": changed }));
    const third = markdown.split(/^## /mu)[3]!;
    expect(third).toBe("Bilde fra samlingen\n\nMidt mellom\n\nGruppe forst\n\nGruppe sist\n\nRådmann Kari Nordmann\n\n");
  });

  it("writes one ## per slide in order, with the title placeholder, bullets, notes, table, picture and hidden marker", async () => {
    const { markdown, report, files } = await imp(await makeDeck({ pictureAlt: "Deltakere rundt et bord" }));
    const body = markdown.split(/^---$/mu)[2]!;
    expect([...body.matchAll(/^## (.*)$/gmu)].map((m) => m[1])).toEqual([
      "Forankring og oppstart",
      "Tallene bak satsingen",
      "Bilde fra samlingen",
      "Utkast som ikke ble vist",
    ]);
    expect(body).toContain("- Forankret i bydelens budsjett\n    - Nestleder er EU-kontakt\n- Samarbeid med skolene");
    expect(body).toContain("::: notes\nHer forteller jeg hvordan arbeidet ble forankret i budsjettet.\n:::");
    expect(body).toContain("| År | Innbyggere |\n| --- | --- |\n| 2009 | 32 000 |\n| 2010 | 33 100 |");
    expect(body).toContain("![Deltakere rundt et bord](internasjonal-satsing-i-testby/slide-3-1.png)");
    expect(body).toMatch(/## Utkast som ikke ble vist\n\n\*Skjult lysbilde i originalen\.\*/u);
    expect(report.hiddenSlides).toEqual([4]);
    expect(report.notesSlides).toEqual([1]);
    expect(report.tables).toEqual([2]);
    expect(report.headingSources[1]).toEqual({ slide: 2, source: "largest text (no title placeholder)" });
    expect(files.map((f) => f.path)).toEqual(["internasjonal-satsing-i-testby.pptx", "internasjonal-satsing-i-testby/slide-3-1.png"]);
    // The picture is the one in the deck, byte for byte (a PNG).
    expect(Buffer.from(files[1]!.data.subarray(1, 4)).toString()).toBe("PNG");
  });

  it("writes front-matter from what the file states: original source, attachment, no invented date", async () => {
    const { markdown, report } = await imp(await makeDeck({ pictureAlt: "Bilde" }));
    expect(markdown).toMatch(/^---\ntitle: Internasjonal satsing i Testby\ntype: presentation\npublisher: testby\ndate: unknown\nlanguage: nb\n/u);
    expect(markdown).toContain(
      "source:\n  kind: original\n  note:\n    nb: Importert fra deck.pptx\n    en: Imported from deck.pptx\nattachments:\n  - file: internasjonal-satsing-i-testby.pptx\n",
    );
    expect(markdown).toContain("topics: []");
    // pptxgenjs stamps created = modified: a generated copy's date is reported, not used.
    expect(report.date).toBe("unknown");
    expect(report.checks.join("\n")).toMatch(/not used: created = modified/u);
  });

  it("takes the date from a plausible modification date, and the author unless it is a template account", async () => {
    const deck = await withCoreProperties(await makeDeck({ pictureAlt: "Bilde" }), {
      created: "2009-08-20T08:00:00Z",
      modified: "2009-09-08T21:15:00Z",
      creator: "Tone Hølmebakk",
      lastModifiedBy: "Tone Hølmebakk",
    });
    const { markdown, report } = await imp(deck);
    expect(markdown).toContain('date: "2009-09-08"');
    expect(markdown).toContain("people:\n  - name: Tone Hølmebakk\n    role: presenter\n");
    expect(report.dateReason).toMatch(/last changed on 2009-09-08/u);

    const template = await withCoreProperties(await makeDeck({ pictureAlt: "Bilde" }), {
      created: "2003-01-10T08:00:00Z",
      modified: "2009-09-08T21:15:00Z",
      creator: "Designbyrået",
      lastModifiedBy: "Tone Hølmebakk",
    });
    const t = await imp(template);
    expect(t.markdown).not.toContain("people:");
    expect(t.report.distrusted.join("\n")).toMatch(/"Designbyrået" created the file 6 year\(s\) before "Tone Hølmebakk".*template/u);

    const account = await withCoreProperties(await makeDeck({ pictureAlt: "Bilde" }), { creator: "Microsoft Office User" });
    expect((await imp(account)).markdown).not.toContain("people:");
  });

  it("writes a picture without a description without alt text, so check fails until the editor describes it", async () => {
    const { markdown, report } = await imp(await makeDeck());
    expect(markdown).toContain("![](internasjonal-satsing-i-testby/slide-3-1.png)");
    expect(report.picturesWithoutAlt.map((p) => p.where)).toEqual(['slide 3, picture "Image 0"']);
    expect(report.checks.join("\n")).toMatch(/pictures without a description \(alt text\): slide 3/u);
  });

  it("takes the title from slide 1 when the properties hold a default title", async () => {
    const deck = await withCoreProperties(await makeDeck({ pictureAlt: "Bilde" }), { title: "PowerPoint-presentasjon" });
    const { report } = await imp(deck);
    expect(report.title).toBe("Forankring og oppstart");
    expect(report.distrusted.join("\n")).toMatch(/title "PowerPoint-presentasjon".*default/u);
  });

  it("says slide pictures were skipped without LibreOffice", async () => {
    const { report } = await imp(await makeDeck({ pictureAlt: "Bilde" }));
    expect(report.slidePictures).toMatch(/^skipped: LibreOffice \(soffice\) is not installed/u);
  });
});

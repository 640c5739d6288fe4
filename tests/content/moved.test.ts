/**
 * `movedFrom` (scripts/content/moved.ts): an old address leads to one document, never to one that another document
 * has now, and a body linking to it is told where the document went. Each problem names file, line and field.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { documentAddress, documentPlaces, movedAddresses, oldAddressesByDocument, unlistedMovesSince } from "../../scripts/content/moved.ts";
import { loadContent } from "../../scripts/content/load.ts";
import { doc, makeProject, removeProject, useContentCheck } from "../helpers/fixture.ts";

const { check } = useContentCheck();
const moved = (slug: string, addresses: string) =>
  doc(`title: ${slug}\ntype: report\npublisher: testby\ndate: 2020-01-01\nlanguage: nb\nmovedFrom:\n${addresses}`, "## Del\n\nTekst.\n");

describe("movedFrom", () => {
  it("is taken as it is written: every old address once, the document's own and another's not among them", () => {
    const result = check({ "content/testby/ny.md": moved("ny", "  - testby/gammel\n  - forsvunnet-utgiver/et-dokument\n") });
    expect(result.lines).toEqual([]);
    expect(result.site.documents.find((document) => document.slug === "ny")!.meta.movedFrom).toEqual(["testby/gammel", "forsvunnet-utgiver/et-dokument"]);
  });

  it("is empty when not written", () => {
    expect(check({}).site.documents.every((document) => document.meta.movedFrom.length === 0)).toBe(true);
  });

  it("refuses an address that is not <publisher>/<slug>", () => {
    expect(check({ "content/testby/ny.md": moved("ny", "  - Testby/Gammel.md\n") }).lines).toEqual([
      'content/testby/ny.md:8:5 movedFrom.0: must be an earlier address written "<publisher>/<slug>": the folder and the file name (without .md) it had, e.g. "oslo/integrering-2009"',
    ]);
  });

  it("refuses the document's own address, another document's, and one that two documents name", () => {
    const { lines } = check({
      "content/testby/ny.md": moved("ny", "  - testby/ny\n  - testby/likestilling-i-testby\n  - testby/gammel\n"),
      "content/testby/annen.md": moved("annen", "  - testby/gammel\n"),
    });
    expect(lines).toEqual([
      'content/testby/ny.md:8:5 movedFrom.0: "testby/ny" is this document\'s own address. List only the addresses it had before.',
      'content/testby/ny.md:9:5 movedFrom.1: "testby/likestilling-i-testby" is the address of content/testby/likestilling-i-testby.md, so it cannot lead here. Remove it, or rename that document if this one took its place.',
      'content/testby/ny.md:10:5 movedFrom.2: "testby/gammel" is also in movedFrom of content/testby/annen.md:8. An old address leads to one document: keep it where the document that had it is now.',
    ]);
  });

  it("tells a body that links to an old address where the document went", () => {
    const { lines } = check({
      "content/testby/ny.md": moved("ny", "  - testby/gammel\n"),
      "content/testby/lenker.md": doc(
        "title: Lenker\ntype: report\npublisher: testby\ndate: 2020-01-01\nlanguage: nb",
        "## Del\n\nSe [det gamle](/dokumenter/testby/gammel/).\n",
      ),
    });
    expect(lines).toEqual([`content/testby/lenker.md:11:1 body: links to "testby/gammel", which has moved to "testby/ny". Link to its new address.`]);
  });
});

const SENTRUM = "id: testby-sentrum\nnames: { nb: Bydel Sentrum, en: Sentrum district }\ncountry: NO\nkind: bydel\nparent: testby\n";
const TESTBY = "id: testby\nnames: { nb: Testby kommune, en: Testby municipality }\ncountry: NO\nkind: kommune\n";

describe("a publisher's movedFrom", () => {
  it("is taken as it is written, and gives each of its documents an old address under each old id", () => {
    const result = check({ "content/testby-sentrum/_publisher.yaml": `${SENTRUM}movedFrom: [sentrum, gamle-sentrum]\n` });
    expect(result.lines).toEqual([]);
    const addresses = movedAddresses(result.site.documents, result.site.publishers);
    expect([...addresses].map(([old, document]) => [old, documentAddress(document)])).toEqual([
      ["sentrum/integrering-i-sentrum", "testby-sentrum/integrering-i-sentrum"],
      ["gamle-sentrum/integrering-i-sentrum", "testby-sentrum/integrering-i-sentrum"],
    ]);
  });

  it("leaves to a document the old address it lists itself", () => {
    const result = check({
      "content/testby/_publisher.yaml": `${TESTBY}movedFrom: [nabo]\n`,
      // Nabo's "likestilling-i-testby" was renamed as it moved.
      "content/testby/naboplan.md": moved("naboplan", "  - nabo/likestilling-i-testby\n"),
    });
    expect(result.lines).toEqual([]);
    const addresses = movedAddresses(result.site.documents, result.site.publishers);
    expect(documentAddress(addresses.get("nabo/likestilling-i-testby")!)).toBe("testby/naboplan");
    expect(documentAddress(addresses.get("nabo/naboplan")!)).toBe("testby/naboplan");
    expect(oldAddressesByDocument(result.site).get("testby/likestilling-i-testby")).toBeUndefined();
  });

  it("refuses its own id, a publisher folder that is there, an id listed twice and one that another publisher lists", () => {
    const { lines } = check({
      "content/testby/_publisher.yaml": `${TESTBY}movedFrom: [testby, testby-sentrum, nabo, nabo]\n`,
      "content/testby-sentrum/_publisher.yaml": `${SENTRUM}movedFrom: [nabo]\n`,
    });
    expect(lines).toEqual([
      'content/testby-sentrum/_publisher.yaml:6:13 movedFrom.0: "nabo" is also in movedFrom of content/testby/_publisher.yaml (entry 3). An old id leads to one publisher: keep it in the one that took most of its documents, and give each document that went elsewhere its own movedFrom (docs/content-model.md, "Moved publishers").',
      'content/testby/_publisher.yaml:5:13 movedFrom.0: "testby" is this publisher\'s own id. List only the ids it had before.',
      'content/testby/_publisher.yaml:5:21 movedFrom.1: "testby-sentrum" is the folder content/testby-sentrum/, so its addresses are still in use. If its documents moved here, move the rest and delete that folder; if not, remove "testby-sentrum" from movedFrom.',
      'content/testby/_publisher.yaml:5:43 movedFrom.3: "nabo" is listed twice. Remove one.',
    ]);
  });

  it("tells a parent, a document's publisher and a body that links to an old address where the publisher went", () => {
    const { lines } = check({
      "content/testby/_publisher.yaml": `${TESTBY}movedFrom: [gamleby]\n`,
      "content/testby-sentrum/_publisher.yaml": SENTRUM.replace("parent: testby", "parent: gamleby"),
      "content/testby/flyttet.md": doc("title: Flyttet\ntype: report\npublisher: gamleby\ndate: 2020-01-01\nlanguage: nb"),
      "content/testby/lenker.md": doc(
        "title: Lenker\ntype: report\npublisher: testby\ndate: 2020-01-01\nlanguage: nb",
        "## Del\n\nSe [den gamle](/en/documents/gamleby/likestilling-i-testby/).\n",
      ),
    });
    expect(lines).toEqual([
      'content/testby-sentrum/_publisher.yaml:5:9 parent: "gamleby" has moved to testby (content/testby/_publisher.yaml lists it in movedFrom). Write parent: testby.',
      'content/testby/flyttet.md:4:12 publisher: "gamleby" has moved to testby (content/testby/_publisher.yaml lists it in movedFrom). Write publisher: testby, with the file in content/testby/.',
      'content/testby/lenker.md:11:1 body: links to "gamleby/likestilling-i-testby", which has moved to "testby/likestilling-i-testby". Link to its new address.',
    ]);
  });
});

describe("documents renamed while npm start runs", () => {
  it("take a publisher's movedFrom as listing their old addresses, and point to it when their folder is gone", () => {
    const dir = makeProject("site-basic");
    try {
      const load = () => {
        const { site, problems } = loadContent(path.join(dir, "content"), { root: dir, outlineOnly: true });
        expect(problems).toEqual([]);
        return site;
      };
      const places = documentPlaces(load().documents);
      renameSync(path.join(dir, "content/testby-sentrum"), path.join(dir, "content/sentrum"));
      const rewrite = (file: string, from: string, to: string) =>
        writeFileSync(path.join(dir, file), readFileSync(path.join(dir, file), "utf8").replace(from, to));
      rewrite("content/sentrum/_publisher.yaml", "id: testby-sentrum", "id: sentrum");
      rewrite("content/sentrum/integrering-i-sentrum.md", "publisher: testby-sentrum", "publisher: sentrum");
      const warnings = unlistedMovesSince(places, load(), "when npm start began");
      expect(warnings.map((problem) => problem.file)).toEqual(["content/sentrum/integrering-i-sentrum.md"]);
      expect(warnings[0]!.message).toContain('add "movedFrom: [testby-sentrum]" to content/sentrum/_publisher.yaml instead');

      rewrite("content/sentrum/_publisher.yaml", "id: sentrum", "id: sentrum\nmovedFrom: [testby-sentrum]");
      expect(unlistedMovesSince(places, load(), "when npm start began")).toEqual([]);
    } finally {
      removeProject(dir);
    }
  });
});

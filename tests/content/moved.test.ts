/**
 * `movedFrom` (scripts/content/moved.ts): an old address leads to one document, never to one that another document
 * has now, and a body linking to it is told where the document went. Each problem names file, line and field.
 */
import { describe, expect, it } from "vitest";
import { doc, useContentCheck } from "../helpers/fixture.ts";

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

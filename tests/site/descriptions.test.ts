import { describe, expect, it } from "vitest";
import {
  DESCRIPTION_LENGTH,
  indexDescription,
  indicatorDescription,
  listingDescription,
  publisherDescription,
  withNames,
} from "../../scripts/site/descriptions.ts";
import type { IndicatorPage } from "../../scripts/keyfigures/assemble.ts";
import type { IndexPage, ListPage, PublisherPage } from "../../scripts/site/views.ts";

const listing = (locale: "nb" | "en", titles: string[], total?: number) =>
  ({ locale, title: "Likestilling", total, items: titles.map((title) => ({ title })) }) as unknown as ListPage;

describe("withNames", () => {
  it("adds names while they fit, then says more are left out", () => {
    expect(withNames("3 dokumenter: ", ["A", "B", "C"], "; ")).toBe("3 dokumenter: A; B; C");
    const names = Array.from({ length: 40 }, (_, i) => `Dokument nummer ${i + 1}`);
    const text = withNames("40 dokumenter: ", names, "; ");
    expect(text).toMatch(/^40 dokumenter: Dokument nummer 1; Dokument nummer 2; .*; Dokument nummer \d+ …$/);
    expect(text.length).toBeLessThanOrEqual(DESCRIPTION_LENGTH + 2);
    // No name is cut when another came before it.
    expect(text.slice(0, -2).split("; ").at(-1)).toMatch(/^Dokument nummer \d+$/);
  });

  it("cuts a first name too long for the room at a word", () => {
    const long = `${"Arbeidsgiverstrategi ".repeat(12)}slutt`;
    const text = withNames("1 dokument: ", [long], "; ");
    expect(text.length).toBeLessThanOrEqual(DESCRIPTION_LENGTH);
    expect(text).toMatch(/^1 dokument: Arbeidsgiverstrategi( Arbeidsgiverstrategi)* …$/);
    expect(withNames("1 dokument: ", ["x".repeat(300)], "; ")).toBe(`1 dokument: ${"x".repeat(DESCRIPTION_LENGTH - 14)} …`);
  });
});

describe("the descriptions of listing pages", () => {
  it("count the listing's documents and name the ones on the page", () => {
    expect(listingDescription(listing("nb", ["Forankring fryder!", "Internasjonal satsing"], 7))).toBe(
      "7 dokumenter: Forankring fryder!; Internasjonal satsing",
    );
    expect(listingDescription(listing("en", ["Anchoring"]))).toBe("1 document: Anchoring");
    expect(listingDescription(listing("nb", []))).toBe("Ingen dokumenter.");
  });

  it("say what kind of publisher and where, first", () => {
    const page = { ...listing("en", ["The survey"]), kindLabel: "Region", countryLabel: "Norway", publisher: { region: "Agder" } } as unknown as PublisherPage;
    expect(publisherDescription(page)).toBe("Region, Norway (Agder). 1 document: The survey");
    expect(publisherDescription({ ...page, publisher: {} } as unknown as PublisherPage)).toBe("Region, Norway. 1 document: The survey");
  });

  it("count an index's entries and name them, grouped or not", () => {
    const topics = { locale: "nb", entries: [{ title: "Integrering" }, { title: "Likestilling" }] } as unknown as IndexPage;
    expect(indexDescription("describe.topics")(topics)).toBe("Tema i arkivet (2): Integrering, Likestilling");
    const publishers = { locale: "en", entries: [], groups: [{ entries: [{ title: "Oslo" }] }, { entries: [{ title: "Gävleborg" }] }] } as unknown as IndexPage;
    expect(indexDescription("describe.publishers")(publishers)).toBe("Publishers in the archive (2): Oslo, Gävleborg");
  });

  it("say an indicator's values and publishers in each number's form", () => {
    const page = (locale: "nb" | "en", valueCount: number, publisherCount: number) =>
      ({ locale, title: "Innbyggere", valueCount, publisherCount }) as unknown as IndicatorPage;
    expect(indicatorDescription(page("nb", 12, 4))).toBe("Innbyggere: 12 verdier fra 4 utgivere, hver med dokumentet den står i.");
    expect(indicatorDescription(page("en", 1, 1))).toBe("Innbyggere: 1 value from 1 publisher, each with the document it comes from.");
    expect(indicatorDescription(page("nb", 0, 0))).toBe("Innbyggere: Ingen dokumenter oppgir denne indikatoren ennå.");
  });
});

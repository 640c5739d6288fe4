import { describe, expect, it } from "vitest";
import { trustProperties } from "../../../scripts/importer/originals/properties.js";

const NOW = new Date("2026-11-30T12:00:00Z");
const trust = (props: Parameters<typeof trustProperties>[0]) => trustProperties(props, "deck.pptx", NOW);

describe("which of a file's properties are trusted", () => {
  it("trusts a person, a real title and a modification date after the creation date", () => {
    const t = trust({
      title: "Internasjonal satsing",
      author: "Tone Hølmebakk",
      lastModifiedBy: "Tone Hølmebakk",
      created: "2009-08-01T10:00:00Z",
      modified: "2009-09-08T10:00:00Z",
    });
    expect(t).toMatchObject({ title: "Internasjonal satsing", author: "Tone Hølmebakk", date: "2009-09-08", distrusted: [] });
  });

  it.each([["PowerPoint-presentasjon"], ["Presentasjon1"], ["Lysbilde 1"], ["deck"], ["Kommunens mal"]])('does not trust the default title "%s"', (title) => {
    expect(trust({ title }).title).toBeUndefined();
  });

  it.each([["Microsoft Office User"], ["Bruker"], ["admin"], ["PptxGenJS"]])('does not trust the account name "%s" as an author', (author) => {
    expect(trust({ author }).author).toBeUndefined();
  });

  it("does not trust the organisation's name as the author", () => {
    expect(trust({ author: "Testby kommune", company: "Testby kommune" }).author).toBeUndefined();
  });

  it("does not trust a template author: made years before someone else last changed it", () => {
    const t = trust({ author: "Designer", lastModifiedBy: "Kari", created: "2005-01-01T00:00:00Z", modified: "2010-01-01T00:00:00Z" });
    expect(t.author).toBeUndefined();
    expect(t.date).toBe("2010-01-01");
  });

  it.each([
    [{ created: "2010-05-01T00:00:00Z", modified: "2010-05-01T00:00:00Z" }, /same instant/u],
    [{ created: "2012-05-01T00:00:00Z", modified: "2010-05-01T00:00:00Z" }, /created .* after it was last changed/u],
    [{ modified: "2031-01-01T00:00:00Z" }, /in the future/u],
    [{ modified: "1980-01-01T00:00:00Z" }, /before such files existed/u],
    [{}, /states no modification date/u],
  ])("does not use a copy date or an impossible date: %j", (props, reason) => {
    const t = trust(props);
    expect(t.date).toBeUndefined();
    expect(t.dateReason).toMatch(reason);
  });
});

describe("properties the check would refuse", () => {
  it("a modification date that is no day of the calendar gives no date, not the day after", () => {
    const t = trust({ created: "2021-01-10T10:00:00Z", modified: "2021-02-29T10:00:00Z" });
    expect(t.date).toBeUndefined();
    expect(t.dateReason).toBe("the file's modification date 2021-02-29 is not a real calendar date");
    expect(t.distrusted).toContain("modified date 2021-02-29 does not exist");
    // A leap day and a date written in a time zone ahead of UTC are real days.
    expect(trust({ created: "2020-01-10T10:00:00Z", modified: "2020-02-29T10:00:00Z" }).date).toBe("2020-02-29");
    expect(trust({ created: "2021-01-10T10:00:00Z", modified: "2021-03-01T00:30:00+02:00" }).date).toBe("2021-03-01");
  });

  it("a title or an author longer than the check allows is not taken, and not cut short", () => {
    const t = trust({ title: `Handlingsplan ${"og tiltak ".repeat(40)}`.trim(), author: "Kari ".repeat(110).trim() });
    expect(t.title).toBeUndefined();
    expect(t.author).toBeUndefined();
    expect(t.distrusted).toEqual([
      "title from the file's properties is 413 characters long, more than the 300 a title may have",
      "author from the file's properties is 549 characters long, more than the 500 a name may have",
    ]);
  });
});

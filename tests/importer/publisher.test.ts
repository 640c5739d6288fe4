import { describe, expect, it } from "vitest";
import { ImportError } from "../../scripts/importer/errors.js";
import { choosePublisher, didYouMean, type PublisherInfo } from "../../scripts/importer/publisher.js";

const PUBLISHERS: PublisherInfo[] = [
  { id: "oslo", names: { nb: "Oslo kommune", en: "City of Oslo" } },
  { id: "oslo-sagene", names: { nb: "Bydel Sagene", en: "Sagene district" }, parent: "oslo" },
  { id: "stavanger", names: { nb: "Stavanger kommune" } },
  { id: "agder", names: { nb: "Agder" } },
];

const choose = (explicit: string | undefined, texts: { runningHeader?: string; title: string; body?: string }) =>
  choosePublisher("t.txt", explicit, PUBLISHERS, { body: "", ...texts });

function err(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error("expected an ImportError");
}

describe("publisher", () => {
  it("accepts a known --publisher id", () => {
    expect(choose("agder", { title: "x" }).id).toBe("agder");
  });

  it('refuses an unknown id with "did you mean" and the known ids', () => {
    const e = err(() => choose("olso-sagene", { title: "x" }));
    expect(e.code).toBe("publisher");
    expect(e.message).toMatch(/unknown publisher "olso-sagene" — did you mean "oslo-sagene"\?/u);
    expect(e.fix).toMatch(/agder, oslo, oslo-sagene, stavanger/u);
  });

  it("matches the running header, preferring the district over its city", () => {
    const c = choose(undefined, { runningHeader: "Oslo kommune Bydel Sagene", title: "Internasjonal satsing" });
    expect(c).toEqual({ id: "oslo-sagene", how: 'matched "Bydel Sagene" in the running header' });
  });

  it("matches the title when the header names nobody", () => {
    expect(choose(undefined, { runningHeader: "Sammen for en levende by", title: "Budsjett for Stavanger kommune" }).id).toBe("stavanger");
  });

  it("asks for --publisher when nothing matches, hinting at what the body mentions", () => {
    const e = err(() => choose(undefined, { title: "Forankring fryder!", body: "Stavanger kommune har … Stavanger kommune" }));
    expect(e.message).toMatch(/cannot tell the publisher/u);
    expect(e.message).toMatch(/stavanger \(2×\)/u);
    expect(e.fix).toMatch(/--publisher/u);
  });

  it("asks for --publisher when two unrelated publishers match", () => {
    expect(err(() => choose(undefined, { title: "Agder og Stavanger kommune samarbeider" })).message).toMatch(/several publishers/u);
  });

  it("suggests near ids", () => {
    expect(didYouMean("stavangr", ["stavanger", "agder"])).toEqual(["stavanger"]);
    expect(didYouMean("xyz", ["stavanger", "agder"])).toEqual([]);
  });
});

describe("proposed publishers (issue 16)", async () => {
  const { proposePublisher, englishName, newPublisherCommand } = await import("../../scripts/importer/publisher-proposal.js");

  it("derives the English name by rule", () => {
    expect(englishName("Grue kommune", "kommune", "Grue")).toBe("Grue Municipality");
    expect(englishName("Växjö kommun", "kommun", "Växjö")).toBe("Växjö Municipality");
    expect(englishName("Viken fylkeskommune", "fylkeskommune", "Viken")).toBe("Viken County Municipality");
    expect(englishName("Bydel Sagene", "bydel", "Sagene")).toBe("Sagene district");
    expect(englishName("Region Gävleborg", "region", "Gävleborg")).toBe("Region Gävleborg");
  });

  it("takes the name stated most (header and title weigh more), guesses kind and country and says why", () => {
    const p = proposePublisher({ title: "Skolplan", body: "Växjö kommun har … Växjö kommun vill … Vår kommun" }, "sv")!;
    expect(p).toMatchObject({ id: "vaxjo", names: { nb: "Växjö kommun", en: "Växjö Municipality" }, kind: "kommun", country: "SE" });
    expect(p.reasons.join(" ")).toMatch(/"kommun" is Swedish/u);
    expect(proposePublisher({ runningHeader: "Region Gävleborg", title: "x", body: "Gävle kommun" }, "sv")!.id).toBe("gavleborg");
    expect(proposePublisher({ title: "Plan", body: "ingen navn her" }, "nb")).toBeUndefined();
  });

  it("prints the exact new-publisher command, quoted for the shell", () => {
    const p = proposePublisher({ title: "Grue kommune", body: "" }, "nb")!;
    expect(newPublisherCommand(p)).toBe(
      'npm run new-publisher -- --id grue --name-nb "Grue kommune" --name-en "Grue Municipality" --country NO --kind kommune',
    );
  });

  it("takes an old publisher id, given or found in the text, to the publisher that lists it in movedFrom", () => {
    const merged: PublisherInfo[] = [...PUBLISHERS, { id: "innlandet", names: { nb: "Innlandet fylkeskommune" }, movedFrom: ["hedmark", "oppland"] }];
    const given = choosePublisher("t.txt", "oppland", merged, { body: "", title: "x" });
    expect(given).toEqual({
      id: "innlandet",
      how: 'given with --publisher: "oppland" has moved to innlandet (content/innlandet/_publisher.yaml lists it in movedFrom)',
    });
    const found = choosePublisher("t.txt", undefined, merged, { body: "", title: "Regional plan for Hedmark fylkeskommune" });
    expect(found).toEqual({
      id: "innlandet",
      how: 'found "Hedmark fylkeskommune" in the text: "hedmark" has moved to innlandet (content/innlandet/_publisher.yaml lists it in movedFrom)',
    });
    // Not a new publisher to create.
    expect(found.proposed).toBeUndefined();
  });

  it("choosePublisher proposes instead of stopping when no known publisher matches", () => {
    const c = choose(undefined, { title: "Arbeidsgiverstrategi Grue kommune" });
    expect(c.id).toBe("grue");
    expect(c.proposed?.names.en).toBe("Grue Municipality");
  });
});

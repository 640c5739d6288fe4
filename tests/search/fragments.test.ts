/**
 * Pages renamed by their rank by date and no sort table in the metadata file
 * (scripts/search/fragments.ts), and the search page's date order read back
 * from those names (assets/search-query.js, byDate): the same order Pagefind's
 * own sort keys gave, undated documents last both ways.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrayItems, readPagefindFile, stringAt } from "../../scripts/search/chunks.ts";
import { writeSearchBundles } from "../../scripts/search/index.ts";
import type { SearchRecord } from "../../scripts/search/records.ts";
import { filesUnder } from "../helpers/fixture.ts";

const { byDate, dateRank } = await import("../../assets/search-query.js" as string);

/** A record with `date` ("unknown" for none), as buildSearchRecord makes them. */
function record(slug: string, date: string, text: string): SearchRecord {
  const dated = date !== "unknown";
  return {
    id: `testby/${slug}`,
    url: `/dokumenter/testby/${slug}/`,
    language: "nb",
    title: `Dokument ${slug}`,
    meta: { title: `Dokument ${slug}`, doc: `testby/${slug}`, publisher: "testby", ...(dated ? { date } : {}) },
    filters: { publisher: ["testby"], topic: [], type: ["report"], year: [dated ? date.slice(0, 4) : "unknown"], language: ["nb"] },
    sort: { newest: dated ? date : "0000", oldest: dated ? date : "9999" },
    head: [],
    parts: [{ anchor: "section-1", title: "Innhold", text, topics: [] }],
  };
}

const DATES = ["2012-05-01", "unknown", "2019", "2015-11-30", "unknown", "2009-09-09", "2019-02"];
const records = DATES.map((date, i) => record(`d${i}`, date, `Plan for vann og avløp nummer ${i}.`));

const bundleOf = (dir: string) => path.join(dir, "pagefind");
function entryHash(bundle: string): string {
  return JSON.parse(readFileSync(path.join(bundle, "pagefind-entry.json"), "utf8")).languages.nb.hash;
}
/** Each page's name in the metadata file, in page order, and the number of sort keys it lists. */
function metaPages(bundle: string): { names: string[]; sorts: number } {
  const meta = readPagefindFile(path.join(bundle, `pagefind.${entryHash(bundle)}.pf_meta`));
  const fields = arrayItems(meta, 0);
  const names = arrayItems(meta, fields[1]![0]).map(([start]) => stringAt(meta, arrayItems(meta, start)[0]![0]));
  return { names, sorts: arrayItems(meta, fields[4]![0]).length };
}
const fragmentOf = (bundle: string, name: string) =>
  JSON.parse(
    gunzipSync(readFileSync(path.join(bundle, "fragment", `${name}.pf_fragment`)))
      .subarray("pagefind_dcd".length)
      .toString("utf8"),
  );

describe("pages named by their rank by date", () => {
  let dirs: string[];
  beforeAll(async () => {
    dirs = [0, 1, 2].map(() => mkdtempSync(path.join(os.tmpdir(), "lysark-fragments-")));
    await writeSearchBundles(records, dirs[0]!);
    await writeSearchBundles(records, dirs[1]!);
    // One document's text changed.
    await writeSearchBundles(
      records.map((one, i) => (i === 3 ? record("d3", DATES[3]!, "Plan for vann, avløp og overvann.") : one)),
      dirs[2]!,
    );
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("names each page <build>/<rank>, newest first, undated ones last and marked, and drops the sort table", () => {
    const bundle = bundleOf(dirs[0]!);
    const { names, sorts } = metaPages(bundle);
    expect(sorts).toBe(0);
    expect(names).toHaveLength(records.length);
    const build = names[0]!.split("/")[0]!;
    expect(names.every((name) => name.startsWith(`${build}/`))).toBe(true);
    // Every page's fragment is at its new name, and holds its own document.
    const byName = new Map(names.map((name) => [name, fragmentOf(bundle, name).meta.doc as string]));
    expect([...byName.values()].sort()).toEqual(records.map((one) => one.id).sort());
    expect(filesUnder(path.join(bundle, "fragment"))).toEqual(names.map((name) => `${name}.pf_fragment`).sort());
    // Ranks count from 0 in newest-first order; the undated documents' names carry the mark.
    const ordered = [...names].sort((a, b) => dateRank(a).rank - dateRank(b).rank);
    expect(ordered.map((name) => dateRank(name).rank)).toEqual(records.map((_, i) => i));
    const dates = ordered.map((name) => fragmentOf(bundle, name).meta.date ?? "unknown");
    expect(dates).toEqual(["2019-02", "2019", "2015-11-30", "2012-05-01", "2009-09-09", "unknown", "unknown"]);
    expect(ordered.map((name) => dateRank(name).undated)).toEqual([false, false, false, false, false, true, true]);
    expect(ordered.filter((name) => name.split("/")[1]!.startsWith("_"))).toHaveLength(2);
  });

  it("writes the same names for the same records, and a new build folder when any page changes", () => {
    const [a, b, changed] = dirs.map((dir) => metaPages(bundleOf(dir!)).names);
    expect(b).toEqual(a);
    expect(filesUnder(bundleOf(dirs[1]!))).toEqual(filesUnder(bundleOf(dirs[0]!)));
    expect(changed![0]!.split("/")[0]).not.toBe(a![0]!.split("/")[0]);
    // The ranks themselves do not depend on the text.
    expect(changed!.map((name) => name.split("/")[1])).toEqual(a!.map((name) => name.split("/")[1]));
  });
});

describe("ordering results by date on the search page", () => {
  const hit = (id: string) => ({ id });
  const ids = ["b1/3", "b1/_5", "b1/0", "b1/_6", "b1/a", "b1/2"];

  it("orders newest first by rank and oldest first in reverse, undated documents last both ways", () => {
    expect(byDate(ids.map(hit), "newest").map((one: { id: string }) => one.id)).toEqual(["b1/0", "b1/2", "b1/3", "b1/a", "b1/_5", "b1/_6"]);
    expect(byDate(ids.map(hit), "oldest").map((one: { id: string }) => one.id)).toEqual(["b1/a", "b1/3", "b1/2", "b1/0", "b1/_5", "b1/_6"]);
  });

  it("reads base 36 and puts a name it cannot read last", () => {
    expect(dateRank("x/z")).toEqual({ rank: 35, undated: false });
    expect(dateRank("x/_10")).toEqual({ rank: 36, undated: true });
    expect(byDate([hit("nb_34a6a13!"), hit("x/1")], "newest").map((one: { id: string }) => one.id)).toEqual(["x/1", "nb_34a6a13!"]);
  });
});

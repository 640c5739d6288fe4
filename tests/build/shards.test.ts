/**
 * `--shard i/n` writes disjoint slices of the site; `--merge` joins them and
 * builds the search index once. The merged site equals a single build, byte
 * for byte.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { siteTopLevelNames } from "../../scripts/build/output-folder.ts";
import { inShard, parseShard } from "../../scripts/build/shards.ts";
import { doc, filesUnder, makeProject, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";

let dir: string;
beforeEach(() => {
  // A few more documents, so that each of three slices gets some.
  const extra: Record<string, string> = {};
  for (let i = 1; i <= 6; i++)
    extra[`content/testby/dokument-${i}.md`] = doc(VALID_FRONT_MATTER.replace("Et dokument", `Dokument nummer ${i}`), `## Lysbilde\n\nTekst om skole ${i}.\n`);
  dir = makeProject("site-basic", extra);
});
afterEach(() => removeProject(dir));

describe("sharded builds", () => {
  it("merge into the same site as a single build, byte for byte", async () => {
    const single = path.join(dir, "single");
    expect((await build({ root: dir, output: single })).ok).toBe(true);
    const slices = [1, 2, 3].map((index) => path.join(dir, `slice-${index}`));
    for (const [i, output] of slices.entries()) {
      expect((await build({ root: dir, output, shard: { index: i + 1, count: 3 } })).ok).toBe(true);
    }
    const sliceFiles = slices.map((slice) => filesUnder(slice));
    for (const list of sliceFiles) {
      expect(list.length).toBeGreaterThan(0);
      expect(list.some((file) => file.startsWith("pagefind"))).toBe(false);
    }
    // Disjoint: no file in two slices.
    const all = sliceFiles.flat();
    expect(new Set(all).size).toBe(all.length);

    const merged = path.join(dir, "merged");
    expect((await build({ root: dir, output: merged, mergeFrom: slices })).ok).toBe(true);
    expect(filesUnder(merged)).toEqual(filesUnder(single));
    const different = filesUnder(single).filter((file) => !readFileSync(path.join(single, file)).equals(readFileSync(path.join(merged, file))));
    expect(different).toEqual([]);
    // A slice or a merged site may be built over again: nothing at its top is a name a site cannot have.
    for (const folder of [...slices, merged]) expect(readdirSync(folder).filter((name) => !siteTopLevelNames().has(name))).toEqual([]);
  });

  it("refuse a merge with a slice missing, naming what is missing, and leave no output", async () => {
    const slices = [1, 2].map((index) => path.join(dir, `slice-${index}`));
    for (const [i, output] of slices.entries()) await build({ root: dir, output, shard: { index: i + 1, count: 2 } });
    const merged = path.join(dir, "merged");
    await expect(build({ root: dir, output: merged, mergeFrom: [slices[0]!] })).rejects.toThrow(/file\(s\) of the site are in no slice.*Pass every slice/);
    expect(readdirSync(dir).filter((name) => name.startsWith("merged") || name.includes(".building-"))).toEqual([]);
  });

  it("parse i/n and spread keys over the slices", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/2", "3/2", "1", "a/b", "1/0"]) expect(() => parseShard(bad), bad).toThrow(/i\/n with 1 ≤ i ≤ n/);
    const keys = Array.from({ length: 400 }, (_, i) => `/dokumenter/p/${i}/index.html`);
    const counts = [1, 2, 3, 4].map((index) => keys.filter((key) => inShard({ index, count: 4 }, key)).length);
    expect(counts.reduce((a, b) => a + b)).toBe(400);
    for (const count of counts) expect(count).toBeGreaterThan(60);
    expect(keys.every((key) => inShard(undefined, key))).toBe(true);
  });
});

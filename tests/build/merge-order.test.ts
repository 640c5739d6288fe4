/**
 * A merge (`--merge`) counts its slices as written before the search index: `filesRead`, where a build checks its
 * inputs again and starts keeping the site (scripts/build/write-site.ts), comes once every slice is copied in. The
 * merge is made asynchronous here, so the order is what writeSite waits for, not how the copy happens to run.
 * A file of its own: the merge is slowed by mocking its module.
 */
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { writeSite } from "../../scripts/build/write-site.ts";
import { loadContent } from "../../scripts/content/load.ts";
import { loadSiteConfig } from "../../scripts/content/site-config.ts";
import { buildSiteModel } from "../../scripts/site/model.ts";
import { filesUnder, makeProject, removeProject } from "../helpers/fixture.ts";

vi.mock("../../scripts/build/shards.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../scripts/build/shards.ts")>();
  return {
    ...original,
    mergeShards: async (...args: Parameters<typeof original.mergeShards>) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return original.mergeShards(...args);
    },
  };
});

// Made in a hook, not while the file's tests are collected: a filtered run or `vitest list` runs no afterAll to remove it.
let dir: string;
beforeAll(() => {
  dir = makeProject();
});
afterAll(() => removeProject(dir));

it("calls filesRead once a merge's slices are in, before the search index is done", async () => {
  const slices = [1, 2].map((index) => path.join(dir, `slice-${index}`));
  for (const [i, output] of slices.entries()) expect((await build({ root: dir, output, shard: { index: i + 1, count: 2 } })).ok).toBe(true);
  const { config } = loadSiteConfig(dir);
  const model = buildSiteModel(loadContent(path.join(dir, "content"), { root: dir }).site, { root: dir, config: config! });
  const merged = path.join(dir, "merged");
  let seen: string[] | undefined;
  await writeSite({ model, config: config! }, merged, { root: dir, mergeFrom: slices, filesRead: () => (seen = filesUnder(merged)) });
  const written = filesUnder(merged);
  const notIndex = (files: readonly string[] = []) => files.filter((file) => !file.startsWith("pagefind/"));
  expect(written.some((file) => file.startsWith("pagefind/"))).toBe(true);
  expect(notIndex(written).length).toBeGreaterThan(10);
  expect(notIndex(seen)).toEqual(notIndex(written));
});

/**
 * Search records made in pass 1 (scripts/build/pass1-worker.ts): a build whose
 * documents load on the pool takes each record its workers made, and writes the
 * site, search index and record cache a build making them on the main thread
 * writes, cold and after an edit. A build that fails after pass 1 leaves none
 * of them behind.
 */
import { appendFileSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { doc, filesUnder, makeProject, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";

const DOCUMENT = path.join("content", "testby", "likestilling-i-testby.md");
const filesOf = (folder: string) => new Map(filesUnder(folder).map((file) => [file, readFileSync(path.join(folder, file))]));

describe("search records made in pass 1", () => {
  it("give the site and record cache a build making them on the main thread gives, cold and after an edit", async () => {
    const pooled = makeProject();
    const here = makeProject();
    try {
      const both = async () => {
        const [a, b] = [await build({ root: pooled, poolFrom: 0 }), await build({ root: here })];
        expect(a.ok && b.ok).toBe(true);
        const [siteA, siteB] = [filesOf(path.join(pooled, "_site")), filesOf(path.join(here, "_site"))];
        expect([...siteA.keys()]).toEqual([...siteB.keys()]);
        expect([...siteA.keys()].some((file) => file.startsWith("pagefind/pagefind-entry"))).toBe(true);
        for (const [file, bytes] of siteA) expect(bytes.equals(siteB.get(file)!), file).toBe(true);
        // The entries' names are keys that name each project's own files: their contents compare.
        const records = (root: string) => [...filesOf(path.join(root, ".cache", "lysark", "records")).values()].map(String).sort();
        expect(records(pooled)).toEqual(records(here));
        expect(b.cache.recordsMadeInPass1).toBe(0);
        return a;
      };
      const cold = await both();
      expect(cold.cache.recordsMade).toBeGreaterThan(1);
      expect(cold.cache.recordsMadeInPass1).toBe(cold.cache.recordsMade);
      for (const root of [pooled, here]) appendFileSync(path.join(root, DOCUMENT), "\nEin setning om sykkelvegar.\n");
      const warm = await both();
      expect(warm.cache).toMatchObject({ documentsLoaded: 1, recordsMade: 1, recordsMadeInPass1: 1 });
    } finally {
      removeProject(pooled);
      removeProject(here);
    }
  });

  it("leaves none of its records behind when it fails after pass 1", async () => {
    // Two documents that pass their own checks and disagree on a key figure: an error found across documents, after pass 1.
    const figure = (title: string, value: number) =>
      doc(`${VALID_FRONT_MATTER.replace("Et dokument", title)}\nkeyFigures:\n  - indicator: inhabitants\n    value: ${value}\n    refDate: 2011-01-01`);
    const root = makeProject("site-basic", { "content/testby/tall-1.md": figure("Tall en", 4900), "content/testby/tall-2.md": figure("Tall to", 5100) });
    try {
      const result = await build({ root, poolFrom: 0 });
      expect(result.ok).toBe(false);
      expect(result.problems.some((problem) => problem.field.startsWith("keyFigures"))).toBe(true);
      expect(readdirSync(path.join(root, ".cache", "lysark", "records"))).toEqual([]);
    } finally {
      removeProject(root);
    }
  });
});

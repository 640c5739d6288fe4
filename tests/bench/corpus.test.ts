/**
 * The benchmark's corpus generator: deterministic, and what it writes is
 * valid Lysark content shaped like the real thing.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/corpus.ts";
import { walkFiles } from "../../bench/measure.ts";
import { loadContent } from "../../scripts/content/load.ts";
import { readBody } from "../../scripts/content/body-store.ts";

// Made in a hook, not while the file's tests are collected: a filtered run or `vitest list` runs no afterAll to remove it.
let base: string;
beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), "lysark-corpus-test-"));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function snapshot(dir: string): Map<string, string> {
  return new Map(
    walkFiles(dir)
      .sort()
      .map((file) => [path.relative(dir, file), readFileSync(file, "utf8")]),
  );
}

describe("bench corpus generator", () => {
  let a: ReturnType<typeof generateCorpus>;
  beforeAll(() => {
    a = generateCorpus({ dir: path.join(base, "a"), docs: 20, seed: 7 });
    generateCorpus({ dir: path.join(base, "b"), docs: 20, seed: 7 });
    generateCorpus({ dir: path.join(base, "c"), docs: 20, seed: 8 });
  });

  it("writes the same files for the same seed, and other files for another seed", () => {
    const first = snapshot(path.join(base, "a"));
    expect([...first.keys()].filter((file) => file.endsWith(".md"))).toHaveLength(20);
    expect(snapshot(path.join(base, "b"))).toEqual(first);
    expect(snapshot(path.join(base, "c"))).not.toEqual(first);
  });

  it("adds Danish and English documents on request, leaving every other file as it was", () => {
    const extended = generateCorpus({ dir: path.join(base, "da-en"), docs: 20, seed: 7, danishAndEnglish: true });
    const plain = snapshot(path.join(base, "a"));
    const withExtra = snapshot(path.join(base, "da-en"));
    for (const [file, text] of plain) expect(withExtra.get(file), file).toBe(text);
    expect(extended.docs).toBeGreaterThan(20);
    const { site, problems } = loadContent(path.join(extended.dir, "content"), { root: extended.dir });
    expect(problems).toEqual([]);
    const languages = new Set(site.documents.map((doc) => doc.meta.language));
    expect([...languages].sort()).toEqual(expect.arrayContaining(["da", "en"]));
    expect(site.documents).toHaveLength(extended.docs);
  });

  it("writes a project whose documents all load without problems", () => {
    const { site, problems } = loadContent(path.join(a.dir, "content"), { root: a.dir });
    expect(problems).toEqual([]);
    expect(site.documents).toHaveLength(20);
    expect(site.publishers.some((publisher) => publisher.parent)).toBe(true);
  });

  it("shapes documents like real ones", () => {
    const { site } = loadContent(path.join(a.dir, "content"), { root: a.dir });
    const presentations = site.documents.filter((doc) => doc.meta.type === "presentation");
    expect(presentations.length).toBeGreaterThan(0);
    for (const doc of presentations) {
      expect(doc.body.parts.length).toBeGreaterThanOrEqual(8);
      expect(doc.body.parts.length).toBeLessThanOrEqual(20);
    }
    expect(site.documents.some((doc) => readBody(doc).parts.some((part) => part.notesHtml !== ""))).toBe(true);
    expect(site.documents.some((doc) => doc.meta.keyFigures.length > 0)).toBe(true);
    const words = site.documents.reduce((sum, doc) => sum + doc.body.wordCount, 0) / site.documents.length;
    expect(words).toBeGreaterThan(1200);
    expect(words).toBeLessThan(1800);
    const text = site.documents
      .map((doc) =>
        readBody(doc)
          .parts.map((part) => part.text)
          .join(" "),
      )
      .join(" ");
    expect(text).toMatch(/[æøå]/);
    expect(text).toMatch(/[äö]/);
  });
});

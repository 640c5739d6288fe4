/**
 * Validation parses YAML with positions only for a file with a problem. The
 * `yaml` library's positioned parse is watched here, so a change that looks up
 * a position for every file (the cost this avoids) fails the test.
 */
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadContent } from "../../scripts/content/load.ts";
import { formatProblem } from "../../scripts/content/problems.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";

const positionedParses = vi.hoisted(() => ({ texts: [] as string[] }));

vi.mock("yaml", async (importOriginal) => {
  const actual = await importOriginal<typeof import("yaml")>();
  return {
    ...actual,
    parseDocument: (...args: Parameters<typeof actual.parseDocument>) => {
      positionedParses.texts.push(String(args[0]));
      return actual.parseDocument(...args);
    },
  };
});

describe("YAML positions during validation", () => {
  let dir: string;
  beforeEach(() => {
    positionedParses.texts = [];
  });
  afterEach(() => removeProject(dir));

  it("parses a clean site without positions", () => {
    dir = makeProject();
    const { site, problems } = loadContent(path.join(dir, "content"), { root: dir });
    expect(problems).toEqual([]);
    expect(site.documents.length).toBeGreaterThan(1);
    expect(positionedParses.texts).toEqual([]);
  });

  it("parses only the file with a problem with positions, and points at the exact place", () => {
    const file = "content/testby/feil-tema.md";
    const front = [
      "title: Feil tema",
      "type: report",
      "publisher: testby",
      "date: 2024-05-01",
      "language: nb",
      "topics:",
      "  - likestilling",
      "  - likestiling",
    ];
    dir = makeProject("site-basic", { [file]: `---\n${front.join("\n")}\n---\n\nTekst.\n` });
    positionedParses.texts = [];
    const result = loadContent(path.join(dir, "content"), { root: dir });
    expect(result.problems.map(formatProblem)).toEqual([
      `${file}:9:5 topics.1: unknown topic "likestiling". Did you mean "likestilling"? Topics are listed in content/_registries/topics.yaml.`,
    ]);
    expect(positionedParses.texts).toEqual([front.join("\n")]);
  });

  it("finds a loaded document's field positions by reading its file again, and not in a version edited since", () => {
    const file = "content/testby/posisjoner.md";
    const front = ["title: Posisjoner", "type: report", "publisher: testby", "date: 2024-05-01", "language: nb", "topics:", "  - likestilling"];
    dir = makeProject("site-basic", { [file]: `---\n${front.join("\n")}\n---\n\nTekst.\n` });
    // Loaded as a build loads it: a record from pass 1, its body on disk.
    const doc = loadContent(path.join(dir, "content"), { root: dir, bodyDir: path.join(dir, "bodies") }).site.documents.find((loaded) => loaded.file === file)!;
    // No closures, and not the front-matter's text: a large archive holds every loaded document at once.
    expect(Object.values(doc).filter((value) => typeof value === "function")).toEqual([]);
    const held = JSON.stringify([doc, ...Object.getOwnPropertySymbols(doc).map((key) => (doc as unknown as Record<symbol, unknown>)[key])]);
    expect(held).not.toContain("date: 2024-05-01");
    positionedParses.texts = [];
    expect(doc.fieldAt(["topics", 0])).toEqual({ line: 8, col: 5 });
    expect(doc.fieldLine(["date"])).toBe(5);
    expect(positionedParses.texts).toEqual([front.join("\n"), front.join("\n")]);
    // Edited since: the lines moved, so the front-matter's first line rather than a line of the other version.
    writeFileSync(path.join(dir, file), `---\n# a new first line\n${front.join("\n")}\n---\n\nTekst.\n`);
    expect(doc.fieldLine(["date"])).toBe(2);
    rmSync(path.join(dir, file));
    expect(doc.fieldAt(["date"])).toEqual({ line: 2, col: 1 });
  });
});

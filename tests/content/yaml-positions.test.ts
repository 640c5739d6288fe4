/**
 * Validation parses YAML with positions only for a file with a problem. The
 * `yaml` library's positioned parse is watched here, so a change that looks up
 * a position for every file (the cost this avoids) fails the test.
 */
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
});

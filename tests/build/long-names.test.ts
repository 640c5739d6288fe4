/**
 * Ids and document file names as long as the check lets them be (LIMITS.idLength) build: every file named after
 * one ("<slug>.png", "nokkeltall-<id>.json") fits the file system's 255 bytes, so a passing check still means the
 * build succeeds.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { LIMITS } from "../../scripts/content/limits.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";

describe("names as long as the check lets them be", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) removeProject(dir);
    dir = undefined;
  });

  it("build: a document file name and an indicator id of the longest length fit every file named after them", async () => {
    dir = makeProject();
    const longest = "a".repeat(LIMITS.idLength);
    const registry = path.join(dir, "content", "_registries", "indicators.yaml");
    const document = path.join(dir, "content", "testby", "likestilling-i-testby.md");
    writeFileSync(registry, readFileSync(registry, "utf8").replace("id: inhabitants", `id: ${longest}`));
    writeFileSync(
      path.join(dir, "content", "testby", `${longest}.md`),
      readFileSync(document, "utf8").replace("indicator: inhabitants", `indicator: ${longest}`),
    );
    rmSync(document);
    const result = await build({ root: dir });
    expect(result.problems.filter((problem) => problem.severity === "error")).toEqual([]);
    expect(result.ok).toBe(true);
    expect(existsSync(path.join(dir, "_site", "social", "testby", `${longest}.png`))).toBe(true);
    expect(readdirSync(path.join(dir, "_site", "nokkeltall", longest))).toContain(`nokkeltall-${longest}.json`);
  });
});

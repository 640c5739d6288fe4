/**
 * Property-based tests over hostile documents (issue 15):
 * - `check` never crashes: it accepts the input or names file:line:col;
 * - `build` after a passing check never fails.
 * In `npm test` they run a small, seeded number of cases. `.ci/run` runs them
 * again for a fixed time (LYSARK_FUZZ_SECONDS) from a fresh seed, printed on failure
 * so a case can be replayed with LYSARK_FUZZ_SEED.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { formatProblem, type Problem } from "../../scripts/content/problems.ts";
import { checkProject } from "../../scripts/content/check-project.ts";
import { fixturesDir, makeProject, removeProject } from "../helpers/fixture.ts";
import { readFileSync } from "node:fs";
import { acceptableDocumentText, documentText, FUZZ_INDICATORS, fuzzName, nameLength } from "./arbitraries.ts";
import { runs, SECONDS, SEED, settledRuns } from "./budget.ts";

/** The full check, as `npm run check` runs it. */
async function fullCheck(root: string): Promise<Problem[]> {
  return (await checkProject(root)).problems;
}

function wellFormed(problem: Problem): boolean {
  return (
    typeof problem.file === "string" &&
    problem.file.length > 0 &&
    !path.isAbsolute(problem.file) &&
    Number.isInteger(problem.line) &&
    problem.line >= 1 &&
    Number.isInteger(problem.col) &&
    problem.col >= 1 &&
    typeof problem.message === "string" &&
    problem.message.length > 0
  );
}

describe(`fuzz (seed ${SEED}${SECONDS ? `, ${SECONDS} s` : ""})`, () => {
  let dir: string;
  beforeAll(async () => {
    dir = makeProject("site-basic", {
      "content/testby/bilde.png": await sharp({ create: { width: 30, height: 20, channels: 3, background: "#08c" } })
        .png()
        .toBuffer(),
      "content/testby/original.pdf": "%PDF-1.7\n",
      "content/testby/oembed.json": "{}\n",
      "content/testby/cite.csl.json": "[]\n",
      "content/testby/index.html": "<script>alert(1)</script>",
      "content/testby/cite.bib/original.pdf": "%PDF-1.7\n",
      "content/_registries/indicators.yaml": `${readFileSync(path.join(fixturesDir, "site-basic/content/_registries/indicators.yaml"), "utf8")}${FUZZ_INDICATORS}`,
      // A renamed folder (every document's old address under "gamleby") and a merged district (its listing in testby's).
      "content/testby/_publisher.yaml": `${readFileSync(path.join(fixturesDir, "site-basic/content/testby/_publisher.yaml"), "utf8")}movedFrom: [gamleby]\n`,
      "content/testby-sentrum/_publisher.yaml": `${readFileSync(path.join(fixturesDir, "site-basic/content/testby-sentrum/_publisher.yaml"), "utf8")}successor: testby\n`,
    });
  });
  afterAll(() => dir && removeProject(dir));

  it(
    "check never crashes: it accepts a document or names file:line:col",
    async () => {
      const file = path.join(dir, "content/testby/fuzz.md");
      let checked = 0;
      const checks = settledRuns(async (text: string) => {
        checked++;
        writeFileSync(file, text);
        const problems = await fullCheck(dir);
        const bad = problems.filter((problem) => !wellFormed(problem));
        expect(bad.map(formatProblem)).toEqual([]);
      });
      await fc.assert(fc.asyncProperty(documentText, checks.run), runs(120, 0.35));
      await checks.settled();
      rmSync(file, { force: true });
      console.log(`fuzz: check ran on ${checked} generated documents`);
    },
    SECONDS ? SECONDS * 1000 : 120_000,
  );

  it(
    "build after a passing check never fails",
    async () => {
      // Mostly documents meant to pass (odd but valid values), some wild ones the check must refuse.
      const documents = fc.tuple(fc.oneof({ weight: 4, arbitrary: acceptableDocumentText }, { weight: 1, arbitrary: documentText }), nameLength);
      let built = 0;
      let builds = 0;
      const buildRuns = settledRuns(async (texts: Array<[string, number]>) => {
        const folder = path.join(dir, "content/testby");
        for (const name of readdirSync(folder)) if (name.startsWith("fuzz-")) rmSync(path.join(folder, name));
        texts.forEach(([text, length], index) => {
          writeFileSync(path.join(folder, `${fuzzName(index, length)}.md`), text);
        });
        // Drop the documents the check refuses, until it passes: what is left must build.
        for (let round = 0; round < 5; round++) {
          const errors = (await fullCheck(dir)).filter((problem) => problem.severity === "error");
          if (errors.length === 0) break;
          const refused = new Set(errors.map((problem) => problem.file));
          expect(
            [...refused].every((file) => /^content\/testby\/fuzz-\d+(?:-x+)?\.md$/.test(file)),
            [...refused].join(", "),
          ).toBe(true);
          for (const file of refused) rmSync(path.join(dir, file), { force: true });
        }
        expect((await fullCheck(dir)).filter((problem) => problem.severity === "error")).toEqual([]);
        built += readdirSync(folder).filter((name) => name.startsWith("fuzz-")).length;
        builds++;
        const output = mkdtempSync(path.join(os.tmpdir(), "lysark-fuzz-site-"));
        try {
          const result = await build({ root: dir, output: path.join(output, "_site") });
          expect(result.problems.filter((problem) => problem.severity === "error").map(formatProblem)).toEqual([]);
          expect(result.ok).toBe(true);
        } finally {
          rmSync(output, { recursive: true, force: true });
        }
      });
      await fc.assert(fc.asyncProperty(fc.array(documents, { minLength: 4, maxLength: 12 }), buildRuns.run), runs(2, 0.6));
      // The run fast-check stopped waiting for: its build ends, and its output goes, before the next test.
      await buildRuns.settled();
      console.log(`fuzz: ${builds} builds of ${built} generated documents that passed the check`);
      // The property is not vacuous: generated documents passed the check and were built.
      expect(built).toBeGreaterThan(0);
    },
    SECONDS ? SECONDS * 1000 : 240_000,
  );
});

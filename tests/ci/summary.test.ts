/**
 * CI's closing line (.ci/summary.mjs) must agree with what happened: a test file
 * that fails to load, a missing report, a failed check step or a failed type check
 * each count as a failure, and the exit status follows the line.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixture.ts";
// @ts-expect-error: a plain .mjs script without type declarations
import { summarize } from "../../.ci/summary.mjs";

const summaryScript = path.join(repoRoot, ".ci", "summary.mjs");
// Made in a hook, not while the file's tests are collected: a filtered run or `vitest list` runs no afterAll to remove it.
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "lysark-ci-summary-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("CI's closing line", () => {
  it("counts a test file that fails to load, from a real Vitest run", () => {
    const project = path.join(tmp, "project");
    spawnSync("mkdir", ["-p", path.join(project, "tests")]);
    writeFileSync(path.join(project, "vitest.config.mjs"), "export default { test: { include: ['tests/**/*.test.mjs'] } };\n");
    writeFileSync(path.join(project, "tests", "good.test.mjs"), "import { it, expect } from 'vitest';\nit('passes', () => expect(1).toBe(1));\n");
    writeFileSync(
      path.join(project, "tests", "broken.test.mjs"),
      "import { it } from 'vitest';\nimport './missing-module.mjs';\nit('never runs', () => {});\n",
    );
    const report = path.join(tmp, "report.json");
    const vitest = spawnSync(path.join(repoRoot, "node_modules", ".bin", "vitest"), ["run", "--root", project, "--reporter=json", `--outputFile=${report}`], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(vitest.status).not.toBe(0);

    const summary = spawnSync("node", [summaryScript, "--report", report, "--status", String(vitest.status)], { encoding: "utf8" });
    const lines = summary.stdout.trim().split("\n");
    expect(lines.at(-1)).toBe("1 passed, 1 failed");
    expect(summary.stdout).toMatch(/broken\.test\.mjs/);
    expect(summary.status).toBe(1);
  });

  it("says 0 passed, 1 failed when nothing could run", () => {
    const summary = spawnSync("node", [summaryScript, "--report", path.join(tmp, "none.json"), "--status", "2"], { encoding: "utf8" });
    expect(summary.stdout.trim().split("\n").at(-1)).toBe("0 passed, 1 failed");
    expect(summary.status).toBe(1);
  });

  it("runs from a checkout whose path has a space and a non-ASCII letter", () => {
    const folder = path.join(tmp, "a checkout ø");
    mkdirSync(folder, { recursive: true });
    copyFileSync(summaryScript, path.join(folder, "summary.mjs"));
    const summary = spawnSync("node", [path.join(folder, "summary.mjs"), "--report", path.join(tmp, "none.json"), "--status", "1"], { encoding: "utf8" });
    expect(summary.stdout.trim().split("\n").at(-1)).toBe("0 passed, 1 failed");
    expect(summary.status).toBe(1);
  });

  it("counts a non-zero test command with no failed test (the type check) as a failure", () => {
    const result = summarize({ report: { numPassedTests: 3, numFailedTests: 0, testResults: [] }, testStatus: 2 });
    expect(result.line).toBe("3 passed, 1 failed");
    expect(result.status).toBe(1);
  });

  it("counts each check step as one passed or failed, and skipped tests apart", () => {
    const result = summarize({
      report: { numPassedTests: 5, numFailedTests: 0, numPendingTests: 2, testResults: [] },
      testStatus: 0,
      steps: [
        { name: "lint", status: 0 },
        { name: "dependency rules", status: 1 },
      ],
    });
    expect(result.line).toBe("6 passed, 1 failed, 2 skipped");
    expect(result.status).toBe(1);
  });

  it("passes only when everything passed", () => {
    const result = summarize({
      report: { numPassedTests: 5, numFailedTests: 0, testResults: [{ status: "passed", assertionResults: [] }] },
      testStatus: 0,
      steps: [{ name: "lint", status: 0 }],
    });
    expect(result).toMatchObject({ line: "6 passed, 0 failed", status: 0 });
  });
});

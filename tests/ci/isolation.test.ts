/** Test files that would leak into the files after them in a shared worker are run in isolation. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixture.ts";
import { ISOLATED_TEST_FILES } from "../isolated-files.ts";

/** What a file does that outlives it in a shared process, and the way to do it that does not. */
const LEAKS: Array<[RegExp, string]> = [
  [/\bvi\.(do)?mock\(/, "mocks a module"],
  [/\bprocess\.env(\.\w+|\[[^\]]+\])\s*=[^=]/, "sets an environment variable (vi.stubEnv is undone by vi.unstubAllEnvs)"],
  [/\bdelete process\.env\b/, "deletes an environment variable"],
  [/\bprocess\.chdir\(/, "changes the working folder"],
];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith(".test.ts") ? [path.relative(repoRoot, full).split(path.sep).join("/")] : [];
  });
}

describe("test isolation", () => {
  it("lists every test file that mocks a module or changes the process as isolated", () => {
    const leaking = testFiles(path.join(repoRoot, "tests")).flatMap((file) => {
      const text = readFileSync(path.join(repoRoot, file), "utf8");
      return LEAKS.filter(([pattern]) => pattern.test(text)).map(([, what]) => `${file} ${what}`);
    });
    expect(leaking.filter((line) => !ISOLATED_TEST_FILES.some((file) => line.startsWith(`${file} `)))).toEqual([]);
  });

  it("lists only files that exist", () => {
    const files = new Set(testFiles(path.join(repoRoot, "tests")));
    expect(ISOLATED_TEST_FILES.filter((file) => !files.has(file))).toEqual([]);
  });
});

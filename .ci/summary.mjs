// Prints CI's closing line, "N passed, N failed[, N skipped]", and exits with a status that
// agrees with it. Plain Node (no TypeScript, no packages) so it runs even when `npm ci` failed.
//
//   node .ci/summary.mjs --report vitest.json --status <npm test's exit> [--steps steps.tsv]
//
// Counts:
// - every test Vitest ran (passed, failed, skipped/todo);
// - a test file that failed without a failed test in it (it failed to load, or a hook
//   threw) counts as one failure: Vitest's own numFailedTests leaves it out;
// - a missing or unreadable report counts as one failure (nothing could run);
// - a test command that exited non-zero with no failure counted above (the type check,
//   a crash) counts as one failure, so the line never says all is well when it is not;
// - each line of the steps file, "<name>\t<exit status>", is one check of its own
//   (lint, dependency rules, fuzzing …): 0 passed, anything else failed.
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

export function summarize({ report, testStatus, steps = [] }) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const reasons = [];
  if (report && typeof report === "object") {
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const file of report.testResults ?? []) {
      const failedInside = (file.assertionResults ?? []).some((test) => test.status === "failed");
      if (file.status === "failed" && !failedInside) {
        failed += 1;
        reasons.push(`test file failed outside its tests: ${file.name}${file.message ? `: ${String(file.message).split("\n")[0]}` : ""}`);
      }
    }
  } else {
    failed += 1;
    reasons.push("no test report: the test command did not get to run the tests");
  }
  if (testStatus !== 0 && failed === 0) {
    failed += 1;
    reasons.push(`the test command exited with status ${testStatus} and no failed test was counted`);
  }
  for (const step of steps) {
    if (step.status === 0) passed += 1;
    else {
      failed += 1;
      reasons.push(`step failed: ${step.name} (exit ${step.status})`);
    }
  }
  const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
  return { passed, failed, skipped, line, reasons, status: failed > 0 ? 1 : 0 };
}

export function readSteps(file) {
  if (!file || !existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((row) => {
      const [name, status] = row.split("\t");
      return { name, status: Number(status) };
    });
}

export function readReport(file) {
  try {
    const text = file && existsSync(file) ? readFileSync(file, "utf8") : "";
    return text.trim() ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function main(argv) {
  const arg = (name) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const result = summarize({
    report: readReport(arg("--report")),
    testStatus: Number(arg("--status") ?? 1),
    steps: readSteps(arg("--steps")),
  });
  for (const reason of result.reasons) console.log(`  ${reason}`);
  console.log(result.line);
  process.exit(result.status);
}

// Compared as URLs, so a checkout whose path has spaces or non-ASCII letters still runs it.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));

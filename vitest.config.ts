import os from "node:os";
import { defineConfig } from "vitest/config";
import BrowserSkipsReporter from "./tests/helpers/browser-skips-reporter.ts";
import { ISOLATED_TEST_FILES } from "./tests/isolated-files.ts";

// CI asks for a JSON report beside the usual output, to print the final counts.
const report = process.env.LYSARK_TEST_REPORT;
// .ci/run fuzzes tests/fuzz for a fixed time from a fresh seed just before, so its test run leaves out
// their few seeded runs, about a minute of CPU that would repeat it.
const fuzzedBefore = process.env.LYSARK_FUZZED_BEFORE === "1";
const skipped = fuzzedBefore ? ["tests/fuzz/**"] : [];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    // Vitest's default leaves one core free: one worker on a 2-core CI runner. Most files wait on
    // Chromium, Pagefind, LibreOffice or child builds, so two workers there cut the run from 431 s to 336 s,
    // and one more worker than cores cut it again: 339–342 s against 360–370 s on 2 cores (four: 336.5 s).
    maxWorkers: os.availableParallelism() + 1,
    hookTimeout: 180_000,
    // Buffers compared at once instead of byte by byte (tests/helpers/byte-equality.ts).
    setupFiles: ["tests/helpers/byte-equality.ts"],
    // A folder for the run, removed at its end: what a worker's files share is made there.
    globalSetup: ["tests/helpers/run-folder.ts"],
    // The last reporter says loudly when browser tests were skipped for want of Chromium.
    reporters: report ? ["default", ["json", { outputFile: report }], new BrowserSkipsReporter()] : ["default", new BrowserSkipsReporter()],
    projects: [
      // Files share each worker's modules instead of importing Lysark, Eleventy and sharp afresh (about
      // a second a file): the whole run took 426 s instead of 572 s on 2 cores, which it keeps busy.
      { extends: true, test: { name: "shared", include: ["tests/**/*.test.ts"], exclude: [...ISOLATED_TEST_FILES, ...skipped], isolate: false } },
      { extends: true, test: { name: "isolated", include: ISOLATED_TEST_FILES, exclude: skipped } },
    ],
  },
});

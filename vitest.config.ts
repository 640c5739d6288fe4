import { defineConfig } from "vitest/config";

// CI asks for a JSON report beside the usual output, to print the final counts.
const report = process.env.LYSARK_TEST_REPORT;

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // The last reporter says loudly when browser tests were skipped for want of Chromium.
    reporters: [
      "default",
      ...(report ? [["json", { outputFile: report }] as [string, object]] : []),
      "./tests/helpers/browser-skips-reporter.ts",
    ],
  },
});

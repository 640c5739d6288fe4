import { defineConfig } from "vitest/config";

// CI asks for a JSON report beside the usual output, to print the final counts.
const report = process.env.LYSARK_TEST_REPORT;

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: report ? ["default", ["json", { outputFile: report }]] : ["default"],
  },
});

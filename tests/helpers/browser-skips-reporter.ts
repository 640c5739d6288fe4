/**
 * Says loudly, at the very end of a run, when browser tests were skipped because
 * Debian's Chromium is missing (only outside CI: under CI they run and fail instead),
 * with how many and the command that installs it.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Reporter, TestModule } from "vitest/node";
import { CHROMIUM_PATH } from "./chromium.ts";

export default class BrowserSkipsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (existsSync(CHROMIUM_PATH)) return;
    let skipped = 0;
    for (const module of testModules) {
      if (!module.moduleId.split(path.sep).join("/").includes("/tests/browser/")) continue;
      skipped += [...module.children.allTests("skipped")].length;
    }
    if (skipped === 0) return;
    process.stdout.write(
      `\n\u26a0 ${skipped} browser test(s) SKIPPED: Chromium not found at ${CHROMIUM_PATH}.\n` +
        `  Install Debian's Chromium to run them: sudo apt-get update && sudo apt-get install -y chromium\n\n`,
    );
  }
}

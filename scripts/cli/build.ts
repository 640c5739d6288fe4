import { build } from "../build/build.ts";
import { createProgress, isQuiet } from "../progress/progress.ts";
import { reportProblems } from "./report.ts";

// --quiet: nothing but errors; progress otherwise goes to stdout, problems to stderr.
const quiet = isQuiet(process.argv);
const result = await build({ root: process.cwd(), quiet: !process.argv.includes("--verbose"), silent: quiet, progress: createProgress({ quiet }) });
reportProblems(result.problems);
if (!result.ok) {
  console.error("Build stopped: fix the problems above. The previous site in _site/ was left as it was.");
  process.exit(1);
}
const phases = Object.entries(result.timings).map(([phase, ms]) => `${phase} ${ms.toFixed(0)} ms`).join(", ");
if (!quiet) console.log(`Built ${result.output} (${phases})`);

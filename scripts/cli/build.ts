import { build } from "../build/build.ts";
import { reportProblems } from "./report.ts";

const result = await build({ root: process.cwd(), quiet: !process.argv.includes("--verbose") });
reportProblems(result.problems);
if (!result.ok) {
  console.error("Build stopped: fix the problems above. The previous site in _site/ was left as it was.");
  process.exit(1);
}
const phases = Object.entries(result.timings).map(([phase, ms]) => `${phase} ${ms.toFixed(0)} ms`).join(", ");
console.log(`Built ${result.output} (${phases})`);

import { checkProject } from "../content/check-project.ts";
import { createProgress, isQuiet } from "../progress/progress.ts";
import { reportProblems } from "./report.ts";

// --quiet: nothing but errors; progress otherwise goes to stdout, problems to stderr.
const quiet = isQuiet(process.argv);
const root = process.cwd();
const start = performance.now();
// Everything the build needs is checked, so a build after a passing check cannot fail.
const { site, problems } = await checkProject(root, createProgress({ quiet }));
reportProblems(problems);
const errors = problems.filter((problem) => problem.severity === "error").length;
const took = ((performance.now() - start) / 1000).toFixed(2);
if (errors) {
  console.error(`check failed: ${errors} error(s) (${took} s)`);
  process.exit(1);
}
if (!quiet) console.log(`check passed: ${site.documents.length} documents, ${site.publishers.length} publishers, ${site.topics.length} topics (${took} s)`);

import path from "node:path";
import { loadContentInParallel } from "../content/pool.ts";
import { sortProblems } from "../content/problems.ts";
import { loadSiteConfig } from "../content/site-config.ts";
import { verifyImages } from "../content/verify-images.ts";
import { createProgress, isQuiet } from "../progress/progress.ts";
import { reportProblems } from "./report.ts";

// --quiet: nothing but errors; progress otherwise goes to stdout, problems to stderr.
const quiet = isQuiet(process.argv);
const root = process.cwd();
const start = performance.now();
// Everything the build needs is checked, so a build after a passing check cannot fail.
const config = loadSiteConfig(root);
// Loaded as the build loads (on every core from 2,000 documents), but only each body's outline is kept: a check renders
// no page, so its memory grows with the documents' metadata, not their text, and nothing is written.
const { site, problems: contentProblems } = await loadContentInParallel(path.join(root, "content"), {
  root,
  outlineOnly: true,
  progress: createProgress({ quiet }),
});
const problems = sortProblems([...config.problems, ...contentProblems, ...(await verifyImages(site.documents))]);
reportProblems(problems);
const errors = problems.filter((problem) => problem.severity === "error").length;
const took = ((performance.now() - start) / 1000).toFixed(2);
if (errors) {
  console.error(`check failed: ${errors} error(s) (${took} s)`);
  process.exit(1);
}
if (!quiet) console.log(`check passed: ${site.documents.length} documents, ${site.publishers.length} publishers, ${site.topics.length} topics (${took} s)`);

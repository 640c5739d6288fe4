import path from "node:path";
import { loadContent } from "../content/load.ts";
import { reportProblems } from "./report.ts";

const root = process.cwd();
const start = performance.now();
const { site, problems } = loadContent(path.join(root, "content"), { root });
reportProblems(problems);
const errors = problems.filter((problem) => problem.severity === "error").length;
const took = ((performance.now() - start) / 1000).toFixed(2);
if (errors) {
  console.error(`check failed: ${errors} error(s) (${took} s)`);
  process.exit(1);
}
console.log(`check passed: ${site.documents.length} documents, ${site.publishers.length} publishers, ${site.topics.length} topics (${took} s)`);

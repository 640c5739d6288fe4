import path from "node:path";
import { buildFolderProblems } from "../build/write-errors.ts";
import { checkProject } from "../content/check-project.ts";
import { projectFolderProblem } from "../content/project-folder.ts";
import { sortProblems } from "../content/problems.ts";
import { commandOptions } from "../editor/cli-args.ts";
import { GitError, unlistedMovesSinceRef } from "../editor/git-moves.ts";
import { createProgress } from "../progress/progress.ts";
import { reportProblems } from "./report.ts";

const CHECK_HELP = `Usage: npm run check [-- --output DIR] [--no-cache] [--moved-since REF] [--quiet]

Validates site.config.json, every document and every image it shows, as the build does, and writes nothing:
a passing check means npm run build succeeds. Each problem names its file, line, column and field. It also
looks at the folder the build would replace (_site/): it must hold nothing but a site, in a folder the build
may write in; and at the build cache, .cache/lysark/, which the build must be able to write.

  --output DIR   the folder npm run build -- --output DIR would replace, instead of _site/
  --no-cache     for npm run build -- --no-cache, which does not write .cache/lysark/: leaves the cache folder unchecked
  --moved-since REF
                 also warn of each document git saw renamed, or moved to another publisher's folder, since this
                 branch left REF (a branch, tag or commit: the one a pull request goes into) whose movedFrom does
                 not list its old address, as the pre-commit check does for one commit
  --quiet        nothing but problems
  -h, --help     this help`;

const options = commandOptions(
  "check",
  process.argv.slice(2),
  { output: { type: "string" }, "no-cache": { type: "boolean" }, "moved-since": { type: "string" }, quiet: { type: "boolean" } },
  CHECK_HELP,
);
// --quiet: nothing but errors; progress otherwise goes to stdout, problems to stderr.
const quiet = options.quiet === true;
const root = process.cwd();
const notAProject = projectFolderProblem(root);
if (notAProject) {
  console.error(notAProject);
  process.exit(1);
}
const start = performance.now();
// Everything the build needs is checked, so a build after a passing check cannot fail.
const { site, problems } = await checkProject(root, createProgress({ quiet }));
const movedSince = options["moved-since"];
if (typeof movedSince === "string") {
  try {
    problems.push(...unlistedMovesSinceRef(root, movedSince, site));
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    console.error(`check: --moved-since: ${error.message}`);
    process.exit(1);
  }
}
reportProblems(sortProblems(problems));
// The build refuses such folders (its output, its cache) before it starts, so a check that passed over them would not mean the build succeeds.
const output = typeof options.output === "string" ? options.output : undefined;
const folderProblems = buildFolderProblems(root, path.resolve(root, output ?? "_site"), {
  outputGiven: output !== undefined,
  cache: options["no-cache"] !== true,
});
for (const problem of folderProblems) console.error(problem.message);
const errors = problems.filter((problem) => problem.severity === "error").length + folderProblems.length;
const took = ((performance.now() - start) / 1000).toFixed(2);
if (errors) {
  console.error(`check failed: ${errors} error(s) (${took} s)`);
  process.exit(1);
}
if (!quiet) console.log(`check passed: ${site.documents.length} documents, ${site.publishers.length} publishers, ${site.topics.length} topics (${took} s)`);

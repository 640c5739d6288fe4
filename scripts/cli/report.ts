import { formatProblem, type Problem } from "../content/problems.ts";

/** Prints problems to stderr; inside GitHub Actions also as workflow annotations on the pull request. */
export function reportProblems(problems: Problem[], stream: NodeJS.WritableStream = process.stderr): void {
  for (const problem of problems) {
    stream.write(`${formatProblem(problem)}\n`);
    if (process.env.GITHUB_ACTIONS === "true") stream.write(`${githubAnnotation(problem)}\n`);
  }
  const errors = problems.filter((problem) => problem.severity === "error").length;
  const warnings = problems.length - errors;
  if (problems.length) stream.write(`${errors} error(s), ${warnings} warning(s)\n`);
}

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function githubAnnotation(problem: Problem): string {
  const level = problem.severity === "warning" ? "warning" : "error";
  const title = problem.field ? `Lysark: ${problem.field}` : "Lysark";
  return `::${level} file=${escapeProperty(problem.file)},line=${problem.line},col=${problem.col},title=${escapeProperty(title)}::${escapeData(problem.message)}`;
}

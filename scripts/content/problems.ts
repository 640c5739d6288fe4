/** A problem found in content, pointing at the exact place an editor must fix. */
export interface Problem {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  line: number;
  col: number;
  /** Dotted field path such as `keyFigures.0.value`, or "" for the file as a whole. */
  field: string;
  message: string;
  severity: "error" | "warning";
}

export function formatProblem(problem: Problem): string {
  const field = problem.field ? `${problem.field}: ` : "";
  const tag = problem.severity === "warning" ? "warning: " : "";
  return `${problem.file}:${problem.line}:${problem.col} ${tag}${field}${problem.message}`;
}

/** Problems in a stable order: by file, then position, so output is reproducible. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col || a.field.localeCompare(b.field)));
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The closest known value, when it is close enough to be a likely typo. */
export function closest(value: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const needle = value.toLowerCase();
  for (const candidate of known) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const tolerance = Math.max(2, Math.floor(Math.max(needle.length, best.length) / 3));
  const isPrefix = best.toLowerCase().startsWith(needle) || needle.startsWith(best.toLowerCase());
  return bestDistance <= tolerance || isPrefix ? best : undefined;
}

export function didYouMean(value: string, known: Iterable<string>): string {
  const suggestion = closest(value, known);
  return suggestion ? ` Did you mean "${suggestion}"?` : "";
}

/**
 * "Did you mean" for a file name: first a file whose name is the same letters in another Unicode form (macOS may write
 * "å" as "a" and a ring), which looks exactly like the name asked for, so that "Did you mean" would name it unseen.
 */
export function didYouMeanFile(name: string, siblings: readonly string[]): string {
  const composed = name.normalize("NFC");
  if (siblings.some((sibling) => sibling !== name && sibling.normalize("NFC") === composed))
    return ` A file with the same name is there, written in decomposed Unicode (each accent a character of its own, as macOS may write names), which is another name to a web server: rename that file, typing its name again.`;
  return didYouMean(name, siblings);
}

/**
 * Batch import, independent of the input format (transcripts today; .pptx,
 * .docx or .pdf originals can reuse it): each input becomes one outcome —
 * imported, needs review (imported, but with something the editor must look
 * at closely) or refused (with its reasons) — plus a summary table and a JSON
 * report per input. Files are written atomically (a temporary file renamed
 * into place), so no file is ever half-written.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export type Status = "imported" | "needs review" | "refused";

export interface Outcome<R = unknown> {
  file: string;
  status: Status;
  /** Why it was refused, or what needs review. */
  reasons: string[];
  /** The document it writes (or would write). */
  target?: string | undefined;
  /** The importer's report (absent when the input was refused before importing). */
  report?: R | undefined;
}

/** Write a file so that it is either absent/old or complete: temporary file in the same folder, then rename. */
export function writeAtomic(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** "in/a b.txt" → "a b.json" (an input's JSON report file name). */
export function reportName(file: string): string {
  return `${path.basename(file).replace(/\.[^.]*$/u, "")}.json`;
}

export function writeJsonReports(dir: string, outcomes: Outcome[], written: Set<string>): string[] {
  const names = new Map<string, number>();
  const out: string[] = [];
  for (const o of outcomes) {
    let name = reportName(o.file);
    const seen = names.get(name) ?? 0;
    names.set(name, seen + 1);
    if (seen) name = name.replace(/\.json$/u, `-${seen + 1}.json`);
    const file = path.join(dir, name);
    writeAtomic(
      file,
      `${JSON.stringify({ file: o.file, status: o.status, written: o.target !== undefined && written.has(o.target), target: o.target, reasons: o.reasons, report: o.report }, null, 2)}\n`,
    );
    out.push(file);
  }
  return out;
}

/** The closing table: one row per input, then the counts. */
export function summaryTable(outcomes: Outcome[], rel: (p: string) => string = (p) => p): string {
  const rows = outcomes.map((o) => [
    o.status,
    o.file,
    o.status === "refused"
      ? o.reasons.map((r) => r.split("\n")[0]).join("; ")
      : `${o.target ? rel(o.target) : ""}${o.reasons.length ? ` — ${o.reasons.join("; ")}` : ""}`,
  ]);
  const w0 = Math.max(6, ...rows.map((r) => r[0]!.length));
  const w1 = Math.max(4, ...rows.map((r) => r[1]!.length));
  const line = (r: string[]): string => `${r[0]!.padEnd(w0)}  ${r[1]!.padEnd(w1)}  ${r[2]}`.trimEnd();
  const count = (s: Status): number => outcomes.filter((o) => o.status === s).length;
  return [
    line(["status", "file", "document / reasons"]),
    line(["-".repeat(w0), "-".repeat(w1), "-".repeat(18)]),
    ...rows.map(line),
    "",
    `${count("imported")} imported, ${count("needs review")} need review, ${count("refused")} refused (of ${outcomes.length})`,
  ].join("\n");
}

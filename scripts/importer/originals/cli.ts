/**
 * The `npm run import` path for originals (.pptx, .docx, .pdf), called by
 * scripts/cli/import.ts. Same guarantees as for transcripts: every input is
 * read and checked first; if any fails, every error is printed and nothing is
 * written. A document brings its files (the original as its attachment, its
 * pictures in a folder named after it); none of them overwrites an existing
 * file without --force.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ImportError } from "../errors.js";
import type { PublisherInfo } from "../publisher.js";
import { proposedPublisherFile } from "../publisher-proposal.js";
import { summaryTable, writeJsonReports, type Outcome } from "../batch.js";
import { checkSize, DEFAULT_LIMITS, importOriginal, isOriginal, type Limits, type OriginalImportResult } from "./index.js";
import { formatOriginalReport } from "./report.js";
import { meetExisting } from "../replace.js";
import { EarlierImports } from "../earlier.js";

export interface OriginalsIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

export interface OriginalsOptions {
  publisher?: string | undefined;
  force: boolean;
  stdout: boolean;
  outDir: string;
  publishers: PublisherInfo[];
  /** Write `_publisher.yaml` for a publisher proposed from the names the file states (--create-publisher). */
  createPublisher?: boolean | undefined;
  /** Write the inputs that pass and list the rest (--keep-going); default: all or nothing. */
  keepGoing?: boolean | undefined;
  /** Write a JSON report per input into this folder (--report DIR). */
  reportDir?: string | undefined;
  limits?: Partial<Limits> | undefined;
  /** soffice's path; null: make no slide pictures; undefined: find it on PATH unless LYSARK_SLIDE_PICTURES=off. */
  soffice?: string | null | undefined;
  /** Slide-picture cache; default: .cache/slide-pictures beside the content folder (the project's, ignored by git). */
  cacheDir?: string | undefined;
}

export interface PlannedOriginal {
  file: string;
  result: OriginalImportResult;
  /** Absolute path → bytes, the document first. */
  writes: { target: string; data: Uint8Array | string }[];
  /** The report's lines on the documents the import met: the one it replaces, one it made before under another name. */
  metLines?: string[];
}

/** What a run of originals (or of originals and transcripts) plans: nothing is written yet. */
export interface OriginalsPlan {
  planned: PlannedOriginal[];
  outcomes: Outcome[];
  errors: string[];
}

function writeAtomically(target: string, data: Uint8Array | string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, target);
}

/**
 * Reads and checks every original; writes nothing. `claimed` (absolute path →
 * the input that writes it) is shared with the transcripts of the same run, so
 * two inputs of either kind never write one file; a `_publisher.yaml` already
 * claimed is written by the input that claimed it.
 */
export async function planOriginals(
  files: string[],
  options: OriginalsOptions,
  io: OriginalsIo,
  claimed: Map<string, string> = new Map(),
): Promise<OriginalsPlan> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const soffice = options.soffice !== undefined ? options.soffice : process.env.LYSARK_SLIDE_PICTURES === "off" ? null : undefined;
  const cacheDir = options.cacheDir ?? path.join(path.dirname(options.outDir), ".cache", "slide-pictures");
  const rel = (p: string): string => path.relative(io.cwd, p) || p;
  const errors: string[] = [];
  const planned: PlannedOriginal[] = [];
  const outcomes: Outcome[] = [];
  const earlierImports = new EarlierImports();
  for (const file of files) {
    try {
      const abs = path.resolve(io.cwd, file);
      if (!existsSync(abs)) throw new ImportError(file, "io", "not found", "check the path of the file");
      const stat = statSync(abs);
      if (stat.isDirectory()) throw new ImportError(file, "io", "is a directory, not a file", "name the files, e.g. originals/*.pptx");
      checkSize(stat.size, file, limits); // before reading it into memory
      const result = await importOriginal(readFileSync(abs), {
        fileName: file,
        publisher: options.publisher,
        publishers: options.publishers,
        limits,
        soffice,
        // Switched off, not missing: the report says which (LibreOffice may well be installed).
        slidePicturesOff: options.soffice === undefined && soffice === null ? "switched off with LYSARK_SLIDE_PICTURES=off" : undefined,
        cacheDir,
      });
      const folder = path.join(options.outDir, result.report.publisher.id);
      const writes: PlannedOriginal["writes"] = [
        { target: path.join(folder, `${result.report.slug}.md`), data: result.markdown },
        ...result.files.map((f) => ({ target: path.join(folder, ...f.path.split("/")), data: f.data })),
      ];
      // A publisher proposed from the names the file states, as for transcripts: written only with
      // --create-publisher, else the import stops and names the command that creates it.
      if (!options.stdout) {
        const publisherFile = proposedPublisherFile(file, result.report.publisher.proposed, path.join(folder, "_publisher.yaml"), {
          createPublisher: options.createPublisher,
          shownOutDir: rel(options.outDir),
          claimed,
        });
        if (publisherFile) writes.push({ target: publisherFile.file, data: publisherFile.text });
      }
      if (!options.stdout) {
        for (const w of writes) {
          const other = claimed.get(w.target);
          if (other !== undefined)
            throw new ImportError(
              file,
              "exists",
              `would write ${rel(w.target)}, like ${other}`,
              "import them one at a time and rename the first document, or fix their titles",
            );
          if (existsSync(w.target) && !options.force)
            throw new ImportError(file, "exists", `${rel(w.target)} already exists`, "use --force to overwrite it, or rename/remove the existing file");
        }
        for (const w of writes) claimed.set(w.target, file);
      }
      const document = writes[0]!;
      const met = meetExisting(document.target, String(document.data), file, rel, earlierImports, options.stdout);
      document.data = met.markdown;
      planned.push({ file, result, writes, metLines: met.lines });
      const review = [...result.report.review, ...met.review];
      outcomes.push({ file, status: review.length ? "needs review" : "imported", reasons: review, target: document.target, report: result.report });
    } catch (e) {
      const message = e instanceof ImportError ? e.format() : `${file}: ${(e as Error).message}`;
      errors.push(message);
      outcomes.push({ file, status: "refused", reasons: [message] });
    }
  }
  return { planned, outcomes, errors };
}

/** Writes one planned original: its pictures, attachment and publisher first, the document last (it refers to the others). */
export function writeOriginal(p: PlannedOriginal, io: OriginalsIo): void {
  const rel = (f: string): string => path.relative(io.cwd, f) || f;
  for (const w of p.writes.slice(1)) writeAtomically(w.target, w.data);
  writeAtomically(p.writes[0]!.target, p.writes[0]!.data);
  io.stdout(`${[formatOriginalReport(p.result.report, rel(p.writes[0]!.target)), ...(p.metLines ?? [])].join("\n")}\n\n`);
}

export async function importOriginalsCommand(files: string[], options: OriginalsOptions, io: OriginalsIo): Promise<number> {
  const transcripts = files.filter((f) => !isOriginal(f));
  if (transcripts.length) {
    io.stderr(`import: ${transcripts.join(", ")} ${transcripts.length === 1 ? "is not an original" : "are not originals"} (.pptx, .docx, .pdf)\n`);
    return 1;
  }
  const rel = (p: string): string => path.relative(io.cwd, p) || p;
  const { planned, outcomes, errors } = await planOriginals(files, options, io);
  const finish = (written: Set<string>): void => {
    if (options.reportDir && !options.stdout) {
      const reports = writeJsonReports(options.reportDir, outcomes, written);
      io.stdout(`wrote ${reports.length} JSON report(s) to ${rel(options.reportDir)}\n`);
    }
    if (files.length > 1) io.stdout(`\n${summaryTable(outcomes, rel)}\n`);
  };
  if (errors.length) {
    for (const e of errors) io.stderr(`error: ${e}\n`);
    if (!options.keepGoing || options.stdout) {
      finish(new Set());
      io.stderr(
        `import: ${errors.length} of ${files.length} file(s) failed; nothing was written${files.length > 1 ? " (--keep-going writes the others)" : ""}\n`,
      );
      return 1;
    }
  }
  if (options.stdout) {
    const p = planned[0]!;
    io.stderr(
      `${formatOriginalReport(p.result.report, undefined)}\n  (--stdout: the attachment and ${p.result.report.pictures.length} picture(s) were not written)\n`,
    );
    io.stdout(p.result.markdown);
    return 0;
  }
  for (const p of planned) writeOriginal(p, io);
  io.stdout(`wrote ${planned.length} document(s)\n`);
  finish(new Set(planned.map((p) => p.writes[0]!.target)));
  if (errors.length) {
    io.stderr(`import: ${errors.length} of ${files.length} file(s) refused; the others were written (--keep-going)\n`);
    return 1;
  }
  return 0;
}

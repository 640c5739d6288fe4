/**
 * npm run import -- <transcript.txt | folder>... [--publisher ID] [--out content/] [--force]
 *                   [--create-publisher] [--keep-going] [--report DIR]
 * npm run --silent import -- --stdout [--publisher ID] <transcript.txt>
 * npm run import -- <original.pptx|.docx|.pdf | folder>... (same options)
 *
 * Turns scraped slide transcripts into Lysark Markdown documents at
 * <out>/<publisher>/<slug>.md. Every input is checked first; if any fails,
 * nothing is written and the exit code is 1 (--keep-going writes the inputs
 * that pass and lists the rest). A folder stands for the transcripts and
 * originals directly in it; a run may hold both kinds.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ImportError, importTranscript, type ImportReport, type ImportResult } from "../importer/index.js";
import { projectFolderProblem } from "../content/project-folder.ts";
import { optionError, USAGE_ERROR } from "../editor/cli-args.ts";
import { readPublishers } from "../importer/publishers-io.js";
import { formatReport } from "../importer/report.js";
import { meetExisting } from "../importer/replace.js";
import { EarlierImports } from "../importer/earlier.js";
import { importOriginalsCommand, type OriginalsOptions, planOriginals, writeOriginal } from "../importer/originals/cli.js";
import { isOriginal } from "../importer/originals/index.js";
import { summaryTable, writeAtomic, writeJsonReports, type Outcome } from "../importer/batch.js";
import { proposedPublisherFile } from "../importer/publisher-proposal.js";

export { publisherYaml } from "../importer/publisher-proposal.js";

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Folder that relative paths on the command line are resolved from. */
  cwd: string;
  /** Content folder when --out is not given (default: "content" under cwd). */
  defaultOut?: string;
}

export const USAGE = `Usage:
  npm run import -- <transcript.txt | folder>... [--publisher ID] [--out content/] [--force]
                    [--create-publisher] [--keep-going] [--report DIR]
  npm run --silent import -- --stdout [--publisher ID] <transcript.txt>
  npm run import -- <original.pptx|.docx|.pdf | folder>... [same options]
  (a folder stands for the .txt, .pptx, .docx and .pdf files directly in it)

Options:
  --publisher ID      publisher folder (<out>/<ID>/_publisher.yaml); without it the running
                      header/title is matched against the publishers' names, and if none
                      matches a new publisher is proposed from the names the text states
  --create-publisher  write <out>/<ID>/_publisher.yaml for a proposed publisher
  --out DIR           content folder (default: content)
  --force             overwrite existing documents
  --keep-going        write the inputs that pass and list the rest (default: all or nothing)
  --report DIR        write a JSON report per input to DIR (default for a folder: import-reports)
  --stdout            print the Markdown to stdout (report to stderr) and write nothing
  -h, --help          this help`;

// npm runs scripts from the project root; INIT_CWD is where the editor typed the command. Documents go into the
// content/ of the site's folder the command runs in, as every other command reads and writes there; it was Lysark's
// own folder's, so run from a site's folder elsewhere the import wrote into Lysark's content.
const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.env.INIT_CWD || process.cwd(),
  defaultOut: path.join(process.cwd(), "content"),
};

interface Planned extends Outcome<ImportReport> {
  markdown?: string;
  /** The report's lines on the documents the import met: the one it replaces, one it made before under another name. */
  metLines?: string[];
  /** A publisher file this input needs written first. */
  publisherFile?: { file: string; text: string } | undefined;
}

function readInput(file: string, cwd: string): Uint8Array {
  const abs = path.resolve(cwd, file);
  if (!existsSync(abs)) throw new ImportError(file, "io", "not found", "check the path of the transcript");
  if (statSync(abs).isDirectory()) throw new ImportError(file, "io", "is a directory, not a transcript file", "name the .txt files, e.g. transcripts/*.txt");
  return readFileSync(abs);
}

/** A folder stands for the transcripts (.txt) and originals (.pptx, .docx, .pdf) directly in it, in name order. */
function expandInputs(inputs: string[], cwd: string): { files: string[]; folder: boolean } {
  const files: string[] = [];
  let folder = false;
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    if (existsSync(abs) && statSync(abs).isDirectory()) {
      folder = true;
      const names = readdirSync(abs)
        .filter((n) => n.toLowerCase().endsWith(".txt") || isOriginal(n))
        .sort();
      files.push(...names.map((n) => path.join(input, n)));
    } else {
      files.push(input);
    }
  }
  return { files, folder };
}

interface TranscriptContext {
  publisher: string | undefined;
  publishers: ReturnType<typeof readPublishers>;
  outDir: string;
  stdout: boolean;
  force: boolean;
  createPublisher: boolean;
  cwd: string;
}

/**
 * Reads and checks every transcript; writes nothing. `claimed` (absolute path →
 * the input that writes it) is shared with the originals of the same run.
 */
function planTranscripts(files: string[], ctx: TranscriptContext, claimed: Map<string, string>): Planned[] {
  const rel = (p: string): string => path.relative(ctx.cwd, p) || p;
  const planned: Planned[] = [];
  const earlierImports = new EarlierImports();
  for (const file of files) {
    let result: ImportResult | undefined;
    try {
      const bytes = readInput(file, ctx.cwd);
      result = importTranscript(bytes, { fileName: file, publisher: ctx.publisher, publishers: ctx.publishers });
      const report = result.report;
      const target = path.join(ctx.outDir, report.publisher.id, `${report.slug}.md`);
      let publisherFile: Planned["publisherFile"];
      if (!ctx.stdout) {
        publisherFile = proposedPublisherFile(file, report.publisher.proposed, path.join(ctx.outDir, report.publisher.id, "_publisher.yaml"), {
          createPublisher: ctx.createPublisher,
          shownOutDir: rel(ctx.outDir),
          claimed,
        });
        const other = claimed.get(target);
        if (other !== undefined) {
          throw new ImportError(
            file,
            "exists",
            `would be written to ${rel(target)}, like ${other}`,
            "import them one at a time and rename the first document, or fix their titles",
          );
        }
        if (existsSync(target) && !ctx.force) {
          throw new ImportError(file, "exists", `${rel(target)} already exists`, "use --force to overwrite it, or rename/remove the existing document");
        }
        claimed.set(target, file);
        if (publisherFile) claimed.set(publisherFile.file, file);
      }
      const met = meetExisting(target, result.markdown, file, rel, earlierImports, ctx.stdout);
      const reasons = [...report.review, ...met.review];
      planned.push({
        file,
        status: reasons.length ? "needs review" : "imported",
        reasons,
        target,
        report,
        markdown: met.markdown,
        metLines: met.lines,
        publisherFile,
      });
    } catch (e) {
      const reason = e instanceof ImportError ? e.format() : `${file}: ${(e as Error).message}`;
      planned.push({ file, status: "refused", reasons: [reason.replace(`${file}: `, "")], report: result?.report });
    }
  }

  return planned;
}

/** Writes the transcripts that passed; publishers first: a document is never written without its publisher. */
function writeTranscripts(planned: Planned[], io: Io): Set<string> {
  const rel = (p: string): string => path.relative(io.cwd, p) || p;
  const written = new Set<string>();
  for (const p of planned) {
    if (p.status === "refused") continue;
    if (p.publisherFile) {
      writeAtomic(p.publisherFile.file, p.publisherFile.text);
      io.stdout(`created ${rel(p.publisherFile.file)} (proposed publisher: check its English name, kind and country)\n`);
    }
    writeAtomic(p.target!, p.markdown!);
    written.add(p.target!);
    io.stdout(`${[formatReport(p.report!, rel(p.target!)), ...(p.metLines ?? [])].join("\n")}\n\n`);
  }
  return written;
}

/**
 * A run of transcripts and originals (a folder holding both): every input of
 * either kind is checked before anything is written, one summary table, one
 * set of JSON reports; --keep-going writes those that pass.
 */
async function importMixed(files: string[], ctx: TranscriptContext, options: OriginalsOptions, io: Io): Promise<number> {
  const rel = (p: string): string => path.relative(io.cwd, p) || p;
  const claimed = new Map<string, string>();
  const transcripts = planTranscripts(
    files.filter((f) => !isOriginal(f)),
    ctx,
    claimed,
  );
  const originals = await planOriginals(files.filter(isOriginal), options, io, claimed);
  const order = (o: Outcome): number => files.indexOf(o.file);
  const outcomes: Outcome[] = [...transcripts, ...originals.outcomes].sort((a, b) => order(a) - order(b));
  const refused = outcomes.filter((o) => o.status === "refused");
  for (const o of refused) {
    // Originals' reasons name their file already; transcripts' do not.
    const reason = o.reasons.join("; ");
    io.stderr(`error: ${reason.startsWith(`${o.file}: `) ? reason : `${o.file}: ${reason}`}\n`);
  }
  const writeAll = refused.length === 0 || options.keepGoing;
  const written = new Set<string>();
  if (writeAll) {
    // Transcripts first: a publisher file a transcript claimed may be one an original needs.
    for (const t of writeTranscripts(transcripts, io)) written.add(t);
    for (const p of originals.planned) {
      writeOriginal(p, io);
      written.add(p.writes[0]!.target);
    }
  }
  if (options.reportDir) {
    const reports = writeJsonReports(options.reportDir, outcomes, written);
    io.stdout(`JSON reports: ${reports.length} in ${rel(options.reportDir)}\n`);
  }
  io.stdout(`\n${summaryTable(outcomes, rel)}\n`);
  if (refused.length && !writeAll) {
    io.stderr(`import: ${refused.length} of ${files.length} input(s) failed; nothing was written (--keep-going writes the others)\n`);
    return 1;
  }
  io.stdout(`wrote ${written.size} document(s)\n`);
  if (refused.length) {
    io.stderr(`import: ${refused.length} of ${files.length} input(s) refused and not written\n`);
    return 1;
  }
  return 0;
}

const OPTIONS = {
  publisher: { type: "string" },
  out: { type: "string" },
  report: { type: "string" },
  force: { type: "boolean", default: false },
  stdout: { type: "boolean", default: false },
  "create-publisher": { type: "boolean", default: false },
  "keep-going": { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

function parse(argv: string[]) {
  return parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
}

/**
 * A file the import could not write (a folder this user may not write in, a full disk): one line naming it, not a
 * stack trace. Inputs are written one by one, so those reported as written above it were written.
 */
function writeFailure(error: unknown, io: Io): number {
  const { code, path: file, message } = error as NodeJS.ErrnoException;
  if (!code || !file) throw error;
  // The file it was writing beside its target (writeAtomic's ".name.tmp-<pid>", an original's "name.tmp-<pid>"): named by its target.
  const target = /\.tmp-\d+$/.test(file)
    ? path.join(
        path.dirname(file),
        path
          .basename(file)
          .replace(/\.tmp-\d+$/, "")
          .replace(/^\./, ""),
      )
    : file;
  const shown = path.relative(io.cwd, target) || target;
  io.stderr(
    `import: could not write ${shown} (${message}). Check that you may write in ${path.dirname(shown)} and that its disk has room; the documents reported above as written were written, no others.\n`,
  );
  return 1;
}

/** A number for transcripts; a promise when the inputs are originals (reading them is asynchronous). */
export function main(argv: string[], io: Io = defaultIo): number | Promise<number> {
  try {
    const code = run(argv, io);
    return typeof code === "number" ? code : code.catch((error: unknown) => writeFailure(error, io));
  } catch (error) {
    return writeFailure(error, io);
  }
}

function run(argv: string[], io: Io): number | Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    io.stderr(`import: ${optionError(e, OPTIONS)}\n\n${USAGE}\n`);
    return USAGE_ERROR;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) {
    io.stderr(`import: no transcript or original given\n\n${USAGE}\n`);
    return USAGE_ERROR;
  }
  // Without --out, outside a site's folder: stop as the other commands do, rather than make a content/ there.
  const notAProject = values.out === undefined && io.defaultOut !== undefined ? projectFolderProblem(path.dirname(io.defaultOut)) : undefined;
  if (notAProject) {
    io.stderr(`import: ${notAProject} Or name the content folder with --out.\n`);
    return 1;
  }
  const { files, folder } = expandInputs(positionals, io.cwd);
  if (files.length === 0) {
    io.stderr(`import: no transcript (.txt) or original (.pptx, .docx, .pdf) in ${positionals.join(", ")}\n`);
    return 1;
  }
  if (values.stdout && files.length > 1) {
    io.stderr(`import: --stdout takes exactly one transcript (got ${files.length})\n`);
    return USAGE_ERROR;
  }
  const outDir = values.out !== undefined ? path.resolve(io.cwd, values.out) : (io.defaultOut ?? path.resolve(io.cwd, "content"));
  const publishers = readPublishers(outDir);
  const rel = (p: string): string => path.relative(io.cwd, p) || p;
  const reportDir =
    values.report !== undefined ? path.resolve(io.cwd, values.report) : folder && !values.stdout ? path.resolve(io.cwd, "import-reports") : undefined;
  const ctx: TranscriptContext = {
    publisher: values.publisher,
    publishers,
    outDir,
    stdout: values.stdout,
    force: values.force,
    createPublisher: values["create-publisher"],
    cwd: io.cwd,
  };
  const originals = files.filter(isOriginal);
  // Originals (.pptx, .docx, .pdf) have their own reader: scripts/importer/originals/.
  if (originals.length) {
    const options: OriginalsOptions = {
      publisher: values.publisher,
      force: values.force,
      stdout: values.stdout,
      createPublisher: values["create-publisher"],
      keepGoing: values["keep-going"],
      reportDir,
      outDir,
      publishers,
    };
    if (originals.length === files.length) return importOriginalsCommand(files, options, io);
    return importMixed(files, ctx, options, io);
  }
  const planned = planTranscripts(files, ctx, new Map());
  const refused = planned.filter((p) => p.status === "refused");
  if (values.stdout) {
    const p = planned[0]!;
    if (p.status === "refused") {
      io.stderr(`error: ${p.file}: ${p.reasons[0]}\n`);
      return 1;
    }
    io.stderr(`${formatReport(p.report!, undefined)}\n`);
    io.stdout(p.markdown!);
    return 0;
  }

  const writeAll = refused.length === 0 || values["keep-going"];
  const written = writeAll ? writeTranscripts(planned, io) : new Set<string>();
  for (const p of refused) io.stderr(`error: ${p.file}: ${p.reasons.join("; ")}\n`);
  if (reportDir) {
    const reports = writeJsonReports(reportDir, planned, written);
    io.stdout(`JSON reports: ${reports.length} in ${rel(reportDir)}\n`);
  }
  if (files.length > 1) io.stdout(`\n${summaryTable(planned, rel)}\n`);
  if (refused.length && !writeAll) {
    io.stderr(`import: ${refused.length} of ${files.length} transcript(s) failed; nothing was written (--keep-going writes the others)\n`);
    return 1;
  }
  io.stdout(`wrote ${written.size} document(s)\n`);
  if (refused.length) {
    io.stderr(`import: ${refused.length} of ${files.length} transcript(s) refused and not written\n`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    process.exitCode = code;
  });
}

/**
 * npm run import -- <transcript.txt>... [--publisher ID] [--out content/] [--force]
 * npm run --silent import -- --stdout [--publisher ID] <transcript.txt>
 * npm run import -- <original.pptx|.docx|.pdf>... (same options)
 *
 * Turns scraped slide transcripts into Lysark Markdown documents at
 * <out>/<publisher>/<slug>.md. Every input is checked first; if any fails,
 * nothing is written and the exit code is 1.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ImportError, importTranscript, type ImportResult } from '../importer/index.js';
import { readPublishers } from '../importer/publishers-io.js';
import { formatReport } from '../importer/report.js';
import { importOriginalsCommand } from '../importer/originals/cli.js';
import { isOriginal } from '../importer/originals/index.js';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Folder that relative paths on the command line are resolved from. */
  cwd: string;
  /** Content folder when --out is not given (default: "content" under cwd). */
  defaultOut?: string;
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const USAGE = `Usage:
  npm run import -- <transcript.txt>... [--publisher ID] [--out content/] [--force]
  npm run --silent import -- --stdout [--publisher ID] <transcript.txt>
  npm run import -- <original.pptx|.docx|.pdf>... [same options]

Options:
  --publisher ID  publisher folder (must have <out>/<ID>/_publisher.yaml); without it the
                  running header/title is matched against the publishers' names
  --out DIR       content folder (default: content)
  --force         overwrite existing documents
  --stdout        print the Markdown to stdout (report to stderr) and write nothing
  -h, --help      this help`;

// npm runs scripts from the project root; INIT_CWD is where the editor typed the command.
const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.env.INIT_CWD ?? process.cwd(),
  defaultOut: path.join(projectRoot, 'content'),
};

interface Planned {
  file: string;
  result: ImportResult;
  target: string;
}

function readInput(file: string, cwd: string): Uint8Array {
  const abs = path.resolve(cwd, file);
  if (!existsSync(abs)) throw new ImportError(file, 'io', 'not found', 'check the path of the transcript');
  if (statSync(abs).isDirectory()) throw new ImportError(file, 'io', 'is a directory, not a transcript file', 'name the .txt files, e.g. transcripts/*.txt');
  return readFileSync(abs);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      publisher: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      stdout: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

/** A number for transcripts; a promise when the inputs are originals (reading them is asynchronous). */
export function main(argv: string[], io: Io = defaultIo): number | Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    io.stderr(`import: ${(e as Error).message}\n\n${USAGE}\n`);
    return 1;
  }
  const { values, positionals: files } = args;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (files.length === 0) {
    io.stderr(`import: no transcript given\n\n${USAGE}\n`);
    return 1;
  }
  if (values.stdout && files.length > 1) {
    io.stderr(`import: --stdout takes exactly one transcript (got ${files.length})\n`);
    return 1;
  }
  const outDir = values.out !== undefined ? path.resolve(io.cwd, values.out) : (io.defaultOut ?? path.resolve(io.cwd, 'content'));
  const publishers = readPublishers(outDir);
  // Originals (.pptx, .docx, .pdf) have their own reader: scripts/importer/originals/.
  if (files.some(isOriginal)) {
    return importOriginalsCommand(files, { publisher: values.publisher, force: values.force, stdout: values.stdout, outDir, publishers }, io);
  }
  const rel = (p: string): string => path.relative(io.cwd, p) || p;

  const errors: string[] = [];
  const planned: Planned[] = [];
  const targets = new Map<string, string>();
  for (const file of files) {
    try {
      const bytes = readInput(file, io.cwd);
      const result = importTranscript(bytes, { fileName: file, publisher: values.publisher, publishers });
      const target = path.join(outDir, result.report.publisher.id, `${result.report.slug}.md`);
      if (!values.stdout) {
        const other = targets.get(target);
        if (other !== undefined) {
          throw new ImportError(file, 'exists', `would be written to ${rel(target)}, like ${other}`, 'import them one at a time and rename the first document, or fix their titles');
        }
        if (existsSync(target) && !values.force) {
          throw new ImportError(file, 'exists', `${rel(target)} already exists`, 'use --force to overwrite it, or rename/remove the existing document');
        }
        targets.set(target, file);
      }
      planned.push({ file, result, target });
    } catch (e) {
      if (e instanceof ImportError) errors.push(e.format());
      else errors.push(`${file}: ${(e as Error).message}`);
    }
  }

  if (errors.length) {
    for (const e of errors) io.stderr(`error: ${e}\n`);
    io.stderr(`import: ${errors.length} of ${files.length} transcript(s) failed; nothing was written\n`);
    return 1;
  }

  if (values.stdout) {
    const p = planned[0]!;
    io.stderr(`${formatReport(p.result.report, undefined)}\n`);
    io.stdout(p.result.markdown);
    return 0;
  }
  for (const p of planned) {
    mkdirSync(path.dirname(p.target), { recursive: true });
    const tmp = `${p.target}.tmp-${process.pid}`;
    writeFileSync(tmp, p.result.markdown);
    renameSync(tmp, p.target);
    io.stdout(`${formatReport(p.result.report, rel(p.target))}\n\n`);
  }
  io.stdout(`wrote ${planned.length} document(s)\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    process.exitCode = code;
  });
}

/**
 * Importing originals: `importOriginal(bytes, options)` reads a .pptx, .docx
 * or .pdf into the document model (one module per format) and turns it into
 * Lysark Markdown with `{ markdown, report, files }` (to-markdown.ts). The
 * size limit is checked before anything is parsed. See docs/importer.md.
 */
import path from "node:path";
import { ImportError } from "../errors.js";
import { LIMITS } from "../../content/limits.ts";
import { readDocx } from "./docx.js";
import { DEFAULT_LIMITS, megabytes, type Limits } from "./limits.js";
import type { OriginalDocument } from "./model.js";
import { leaveOutUnpublishablePictures } from "./publishable-pictures.js";
import { readPdf } from "./pdf.js";
import { readPptx } from "./pptx.js";
import { findSoffice, makeSlidePictures } from "./slide-pictures.js";
import { originalToMarkdown, type OriginalImportOptions, type OriginalImportResult } from "./to-markdown.js";

export type { OriginalImportResult, OriginalReport } from "./to-markdown.js";
export { DEFAULT_LIMITS, type Limits } from "./limits.js";

export const ORIGINAL_EXTENSIONS = [".pptx", ".docx", ".pdf"] as const;

export function isOriginal(file: string): boolean {
  return (ORIGINAL_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

export interface ImportOriginalOptions extends Omit<OriginalImportOptions, "now"> {
  now?: Date | undefined;
  limits?: Partial<Limits> | undefined;
  /** Path of LibreOffice's soffice (found on PATH when not given; null: treat as not installed). */
  soffice?: string | null | undefined;
  /** Why slide pictures are not drawn, when they are switched off (the report's "slide pictures" line says it). */
  slidePicturesOff?: string | undefined;
  /** Where slide pictures are cached by the file's hash (none when not given). */
  cacheDir?: string | undefined;
}

export function checkSize(size: number, file: string, limits: Limits): void {
  if (size > limits.maxFileBytes) {
    throw new ImportError(
      file,
      "too-large",
      `is ${megabytes(size)}, larger than the limit of ${megabytes(limits.maxFileBytes)}`,
      "compress its pictures (PowerPoint/Word: File → Compress Pictures; PDF: export again with smaller images) or split it, then import again",
    );
  }
}

/**
 * Each section of an original becomes one "##" slide or section, and `npm run check` refuses a document with more than
 * `LIMITS.slidesPerDocument`: such an original stops here, before its slide pictures would be drawn.
 */
function checkSections(count: number, file: string): void {
  if (count <= LIMITS.slidesPerDocument) return;
  throw new ImportError(
    file,
    "too-large",
    `has ${count.toLocaleString("en-US")} slides or sections, more than the ${LIMITS.slidesPerDocument.toLocaleString("en-US")} one document may have`,
    "split it into parts (one per chapter or volume) and import them one at a time",
  );
}

export async function importOriginal(bytes: Uint8Array, options: ImportOriginalOptions): Promise<OriginalImportResult> {
  const file = options.fileName;
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  checkSize(bytes.length, file, limits);
  if (bytes.length === 0) throw new ImportError(file, "empty", "is empty (0 bytes)", "copy the file again from where it is kept");
  const ext = path.extname(file).toLowerCase();
  let original: OriginalDocument;
  if (ext === ".pptx") original = await readPptx(bytes, file, limits);
  else if (ext === ".docx") original = await readDocx(bytes, file, limits);
  else if (ext === ".pdf") original = await readPdf(bytes, file, limits);
  else
    throw new ImportError(
      file,
      "unsupported",
      `has the extension "${ext}", which is not an original Lysark imports`,
      "import .pptx, .docx or .pdf files (or .txt transcripts)",
    );
  checkSections(original.sections.length, file);
  await leaveOutUnpublishablePictures(original);
  let slidePictures: Uint8Array[] | undefined;
  let status = "not applicable";
  const links = original.linksOutside ?? [];
  if (original.format === "pptx" && links.length) {
    // LibreOffice would fetch each while drawing: a local file or an address inside the network would be published.
    status = `skipped: the presentation links to ${links.length} file(s) or address(es) outside it (${links.slice(0, 2).join(", ")}${links.length > 2 ? " …" : ""}), which LibreOffice would fetch while drawing the slides; insert those pictures into the presentation instead of linking them (PowerPoint: select the picture, Change Picture → From a File, Insert), save, and import again to get slide pictures`;
  } else if (original.format === "pptx") {
    const soffice = options.soffice === null ? undefined : (options.soffice ?? findSoffice());
    // LibreOffice draws a copy without links outside and without SVG parts: it fetched what they named.
    ({ pictures: slidePictures, status } = await makeSlidePictures(bytes, {
      soffice,
      slideCount: original.sections.length,
      cacheDir: options.cacheDir,
      forDrawing: original.forDrawing,
      skippedBecause: options.slidePicturesOff,
    }));
  }
  const result = originalToMarkdown(original, bytes, { ...options, now: options.now ?? new Date(), slidePictures });
  result.report.slidePictures = status;
  return result;
}

/**
 * Pictures of whole slides, made with LibreOffice when it is installed:
 * `soffice --headless` converts the deck to PDF (hidden slides included, so
 * page N is slide N), and pdfjs-dist draws each page to a PNG (on the
 * @napi-rs/canvas that pdfjs uses in Node). Pictures are cached by the
 * SHA-256 of the file, so importing the same deck again does not start
 * LibreOffice. Without LibreOffice, or when it fails, the import goes on
 * without slide pictures and the report says why.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { LIMITS } from "../../content/limits.ts";
import { MAX_IMAGE_PIXELS } from "./pdf-pictures.js";

const run = promisify(execFile);

/** Width of a slide picture in pixels; the image pipeline makes the smaller sizes. */
export const SLIDE_PICTURE_WIDTH = 1600;

/** Path of `soffice` on PATH, or undefined. */
export function findSoffice(envPath = process.env.PATH ?? ""): string | undefined {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, "soffice");
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export interface SlidePictures {
  /** PNG per slide (index 0 = slide 1), or undefined when none were made. */
  pictures: Uint8Array[] | undefined;
  /** For the report. */
  status: string;
}

export interface SlidePictureOptions {
  /** soffice's path; undefined: not installed. */
  soffice: string | undefined;
  slideCount: number;
  /** Folder for cached pictures (per file hash); undefined: no cache. */
  cacheDir?: string | undefined;
  timeoutMs?: number | undefined;
  /**
   * The deck as LibreOffice may draw it (ooxml.ts packageForDrawing), made only when LibreOffice is started: a
   * cache hit or a machine without LibreOffice does not pay for it. The cache is keyed by the deck's own bytes.
   */
  forDrawing?: (() => Promise<Uint8Array>) | undefined;
  /** Why there is no soffice, when it is not that LibreOffice is missing ("switched off with …"). */
  skippedBecause?: string | undefined;
}

/** A slide whose picture the site could not publish (PowerPoint allows a slide 56 inches by 1). */
export class SlideShapeError extends Error {}

/** Why a slide picture of this size could not be published (the check's image limits), or undefined. */
function slideShapeProblem(width: number, height: number): string | undefined {
  const [long, short] = [Math.max(width, height), Math.max(1, Math.min(width, height))];
  if (long > LIMITS.imageAspect * short)
    return `the slides are ${width}×${height} pixels drawn: one side is more than ${LIMITS.imageAspect} times the other, too thin for the site to show`;
  if (width * height > LIMITS.imagePixels || long > LIMITS.imageSide)
    return `the slides are ${width}×${height} pixels drawn, more than the ${LIMITS.imagePixels.toLocaleString("en-US")} pixels or ${LIMITS.imageSide} on the longest side a picture may have`;
  return undefined;
}

/** Draws every page of a PDF to a PNG of the given width; a SlideShapeError, before drawing, for a page it could not publish. */
export async function renderPdfPages(pdfBytes: Uint8Array, width = SLIDE_PICTURE_WIDTH): Promise<Uint8Array[]> {
  // A picture in the deck larger than the site can publish is left out of its slide's drawing rather than decoded.
  const pdf = await getDocument({ data: new Uint8Array(pdfBytes), isEvalSupported: false, verbosity: 0, maxImageSize: MAX_IMAGE_PIXELS }).promise;
  try {
    const out: Uint8Array[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
      const problem = slideShapeProblem(Math.round(viewport.width), Math.round(viewport.height));
      if (problem) throw new SlideShapeError(problem);
      // pdfjs's own canvas factory: @napi-rs/canvas in Node.
      const factory = (pdf as unknown as { canvasFactory: { create(w: number, h: number): { canvas: { toBuffer(type: string): Buffer }; context: unknown } } })
        .canvasFactory;
      const { canvas, context } = factory.create(Math.round(viewport.width), Math.round(viewport.height));
      await page.render({ canvasContext: context as CanvasRenderingContext2D, canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
      out.push(new Uint8Array(canvas.toBuffer("image/png")));
      page.cleanup();
    }
    return out;
  } finally {
    await pdf.destroy();
  }
}

function cached(folder: string | undefined, count: number): Uint8Array[] | undefined {
  if (!folder) return undefined;
  const files = Array.from({ length: count }, (_, i) => path.join(folder, `slide-${i + 1}.png`));
  return files.every((f) => existsSync(f)) ? files.map((f) => new Uint8Array(readFileSync(f))) : undefined;
}

export async function makeSlidePictures(bytes: Uint8Array, options: SlidePictureOptions): Promise<SlidePictures> {
  // Switched off means none, even those a run before made (a machine without LibreOffice still takes those).
  if (options.skippedBecause) return { pictures: undefined, status: `skipped: ${options.skippedBecause}` };
  const hash = createHash("sha256").update(bytes).digest("hex");
  const folder = options.cacheDir ? path.join(options.cacheDir, hash) : undefined;
  const hit = cached(folder, options.slideCount);
  if (hit) return { pictures: hit, status: `${hit.length} made earlier, taken from the cache (${hash.slice(0, 12)})` };
  if (!options.soffice) {
    return {
      pictures: undefined,
      status:
        "skipped: LibreOffice (soffice) is not installed; the slide text, tables and pictures were imported without pictures of whole slides (Debian: apt-get install libreoffice-impress)",
    };
  }
  // Outside the try below: a part that unpacks past the budget refuses the import, it does not just skip the pictures.
  const drawn = options.forDrawing ? await options.forDrawing() : bytes;
  const work = mkdtempSync(path.join(tmpdir(), "lysark-slides-"));
  try {
    const deck = path.join(work, "deck.pptx");
    writeFileSync(deck, drawn);
    // A profile of its own: several imports (or an open LibreOffice) do not share one.
    await run(
      options.soffice,
      [
        `-env:UserInstallation=${pathToFileURL(path.join(work, "profile")).href}`,
        "--headless",
        "--norestore",
        "--convert-to",
        'pdf:impress_pdf_Export:{"ExportHiddenSlides":{"type":"boolean","value":"true"}}',
        "--outdir",
        work,
        deck,
      ],
      { timeout: options.timeoutMs ?? 180_000 },
    );
    const pdfFile = path.join(work, "deck.pdf");
    if (!existsSync(pdfFile)) return { pictures: undefined, status: "skipped: LibreOffice did not convert the deck to PDF" };
    const pictures = await renderPdfPages(readFileSync(pdfFile));
    if (pictures.length !== options.slideCount) {
      return {
        pictures: undefined,
        status: `skipped: LibreOffice made ${pictures.length} page(s) for ${options.slideCount} slide(s), so pictures and slides cannot be matched`,
      };
    }
    if (folder) {
      const tmp = `${folder}.tmp-${process.pid}`;
      mkdirSync(tmp, { recursive: true });
      pictures.forEach((p, i) => {
        writeFileSync(path.join(tmp, `slide-${i + 1}.png`), p);
      });
      rmSync(folder, { recursive: true, force: true });
      renameSync(tmp, folder);
    }
    return { pictures, status: `${pictures.length} made with LibreOffice${folder ? " and cached" : ""}` };
  } catch (e) {
    if (e instanceof SlideShapeError) return { pictures: undefined, status: `skipped: ${e.message}` };
    return { pictures: undefined, status: `skipped: LibreOffice failed (${(e as Error).message.split("\n")[0]})` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * PDF → document model, read with pdfjs-dist (text positions and sizes; no
 * scripts are run, no fonts loaded).
 *
 * - No text layer (a scan) → refused: Lysark does not guess text from pictures.
 * - Exported from slides (every page landscape, and most pages start with
 *   text clearly larger than the rest) → a presentation: one slide per page,
 *   the heading from the largest text at the top.
 * - Otherwise a report: lines clearly larger than the body text are section
 *   headings; body lines are joined into paragraphs; lines that repeat on
 *   most pages (running headers, footers) and bare page numbers are dropped.
 * - Tables from text positions where a clear grid is evident (pdf-tables.ts);
 *   pictures from the operator list, with the structure tree's /Alt when the
 *   PDF is tagged (pdf-pictures.ts). A picture drawn on most pages (a logo)
 *   is left out, and the report says so. The PDF itself is the attachment.
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { ImportError } from "../errors.js";
import { ranges } from "../text.js";
import type { Limits } from "./limits.js";
import type { Block, FileProperties, ImageRef, OriginalDocument, Section } from "./model.js";
import { MAX_IMAGE_PIXELS, MIN_PICTURE_POINTS, oversizedImages, pagePictures, type PagePicture } from "./pdf-pictures.js";
import { CELL_GAP_EM, type Cell, findTables } from "./pdf-tables.js";

interface Line {
  text: string;
  size: number;
  /** Distance from the top of the page. */
  top: number;
  /** Pieces of the line separated by wide gaps (table cells, or text set in columns). */
  cells: Cell[];
  /** Set once tables are found: this "line" is a whole table. */
  table?: string[][] | undefined;
  /** Set once pictures are placed: this "line" is a picture. */
  image?: ImageRef | undefined;
  /** Text set in columns that formed no table: kept as its own paragraph, as the PDF states it. */
  columns?: boolean | undefined;
}

interface Page {
  number: number;
  width: number;
  height: number;
  lines: Line[];
  pictures: PagePicture[];
}

const PDF_SIGNATURE = "%PDF-";

/** "D:20090909120000+01'00'" → ISO 8601. */
export function pdfDate(value: unknown): string | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz]|[+-]\d{2}'?\d{2}'?)?/u.exec(typeof value === "string" ? value : "");
  if (!m) return undefined;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", s = "00", tz] = m;
  let zone = "Z";
  if (tz && /^[+-]/u.test(tz)) zone = `${tz.slice(0, 3)}:${tz.replace(/'/gu, "").slice(3, 5) || "00"}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`;
}

function squash(s: string): string {
  return s.replace(/\s+/gu, " ").trim();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
}

async function readPages(
  bytes: Uint8Array,
  file: string,
  limits: Limits,
): Promise<{
  pages: Page[];
  properties: FileProperties;
  tinyPictures: number;
  fullPagePictures: number;
  /** Pages with no text of their own under a picture of the whole page: scanned pages in a PDF that has text elsewhere. */
  scannedPages: number[];
  failedPictures: number;
  repeatedPictures: number;
}> {
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
    stopAtErrors: false,
    // Pixels as plain arrays (encoded to PNG here), not canvas bitmaps.
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    maxImageSize: MAX_IMAGE_PIXELS,
  });
  let pdf: Awaited<typeof task.promise>;
  try {
    pdf = await task.promise;
  } catch (e) {
    const err = e as Error;
    if (err.name === "PasswordException") {
      throw new ImportError(
        file,
        "protected",
        "is password-protected; it cannot be read without the password",
        "open it, remove the password (or print/export it again as a PDF without one), and import that copy",
      );
    }
    throw new ImportError(
      file,
      "corrupt",
      `is damaged: it cannot be read as a PDF (${err.message})`,
      "check that the file was copied whole, or export the PDF again from the program that made it",
    );
  }
  try {
    if (pdf.numPages > limits.maxPages) {
      throw new ImportError(
        file,
        "too-large",
        `has ${pdf.numPages} pages, more than the limit of ${limits.maxPages}`,
        "split it into parts (one per chapter or volume) and import them one at a time",
      );
    }
    const pages: Page[] = [];
    let tinyPictures = 0;
    let fullPagePictures = 0;
    const scannedPages: number[] = [];
    let failedPictures = 0;
    let repeatedPictures = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const view = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      // Items on the same baseline (within a fraction of their size) form one line.
      const lines: Line[] = [];
      let current: Line | undefined;
      for (const item of content.items) {
        if (!("str" in item)) continue;
        const size = Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0) || item.height;
        const top = view.height - (item.transform[5] ?? 0);
        if (item.str.trim()) {
          const x = item.transform[4] ?? 0;
          const piece = { x, end: x + item.width, text: item.str };
          if (current && Math.abs(current.top - top) <= Math.max(2, size * 0.3)) {
            current.text += (/\s$/u.test(current.text) || /^\s/u.test(item.str) ? "" : " ") + item.str;
            current.size = Math.max(current.size, size);
            const last = current.cells.at(-1)!;
            // A wide gap starts a new cell; a narrow one is a space between words.
            if (x - last.end >= size * CELL_GAP_EM) current.cells.push(piece);
            else {
              last.text += (/\s$/u.test(last.text) || /^\s/u.test(item.str) || x - last.end < size * 0.1 ? "" : " ") + item.str;
              last.end = Math.max(last.end, piece.end);
            }
          } else {
            current = { text: item.str, size, top, cells: [piece] };
            lines.push(current);
          }
        }
        if (item.hasEOL) current = undefined;
      }
      for (const l of lines) {
        l.text = squash(l.text);
        for (const c of l.cells) c.text = squash(c.text);
      }
      const found = await pagePictures(page, view.width, view.height);
      tinyPictures += found.tiny;
      // As the whole file: fewer than 20 characters is no text layer (at most a stamped page number).
      if (found.fullPage && lines.reduce((n, l) => n + l.text.length, 0) < 20) scannedPages.push(n);
      else fullPagePictures += found.fullPage;
      failedPictures += found.failed;
      repeatedPictures += found.repeated;
      pages.push({ number: n, width: view.width, height: view.height, lines: lines.filter((l) => l.text), pictures: found.pictures });
      page.cleanup();
    }
    const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
    const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);
    const properties: FileProperties = {
      title: str(info.Title),
      author: str(info.Author),
      created: pdfDate(info.CreationDate),
      modified: pdfDate(info.ModDate),
      application: str(info.Creator) ?? str(info.Producer),
    };
    return { pages, properties, tinyPictures, fullPagePictures, scannedPages, failedPictures, repeatedPictures };
  } finally {
    await pdf.destroy();
  }
}

/** Lines that are page furniture: bare page numbers, and lines repeated on most pages. Returns how many repeated pictures (logos) were left out. */
function dropFurniture(pages: Page[]): number {
  const counts = new Map<string, number>();
  for (const p of pages) for (const t of new Set(p.lines.map((l) => l.text.replace(/\d+/gu, "#")))) counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const p of pages) {
    p.lines = p.lines.filter((l) => {
      if (/^(side |page |sida )?\d{1,4}( (av|of) \d{1,4})?$/iu.test(l.text)) return false;
      return !(pages.length >= 3 && (counts.get(l.text.replace(/\d+/gu, "#")) ?? 0) >= Math.ceil(pages.length * 0.6));
    });
  }
  const pictureCounts = new Map<string, number>();
  for (const p of pages) for (const h of new Set(p.pictures.map((i) => i.hash))) pictureCounts.set(h, (pictureCounts.get(h) ?? 0) + 1);
  let logos = 0;
  for (const p of pages) {
    const kept = p.pictures.filter((i) => !(pages.length >= 3 && (pictureCounts.get(i.hash) ?? 0) >= Math.ceil(pages.length * 0.6)));
    logos += p.pictures.length - kept.length;
    p.pictures = kept;
  }
  return logos;
}

/**
 * Turns each page's grid-aligned runs of lines into table "lines" and its
 * pictures into picture "lines" in reading order. Returns the pages whose
 * text was set in columns that formed no table (kept as text).
 */
function placeTablesAndPictures(pages: Page[]): { tablePages: number[]; columnPages: number[] } {
  const tablePages: number[] = [];
  const columnPages: number[] = [];
  for (const p of pages) {
    const lines: Line[] = [];
    for (const run of findTables(p.lines)) {
      if (run.kind === "table") {
        const first = run.lines[0]!;
        lines.push({ text: run.lines.map((l) => l.text).join(" "), size: first.size, top: first.top, cells: [], table: run.rows });
        if (!tablePages.includes(p.number)) tablePages.push(p.number);
      } else {
        lines.push(run.columns ? { ...run.line, columns: true } : run.line);
        if (run.columns && !columnPages.includes(p.number)) columnPages.push(p.number);
      }
    }
    for (const [k, picture] of p.pictures.entries()) {
      const image: ImageRef = { where: `page ${p.number}, picture ${k + 1}`, alt: picture.alt, ext: "png", data: picture.png };
      lines.push({ text: "", size: 0, top: picture.top, cells: [], image });
    }
    // Stable: a picture at the same height as a line follows it.
    p.lines = lines
      .map((l, i) => ({ l, i }))
      .sort((a, b) => a.l.top - b.l.top || a.i - b.i)
      .map(({ l }) => l);
  }
  return { tablePages, columnPages };
}

function lineBlocks(lines: Line[]): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: Extract<Block, { kind: "list" }> | undefined;
  let last: Line | undefined;
  const flush = (): void => {
    if (paragraph.length) blocks.push({ kind: "paragraph", text: paragraph.join(" ").replace(/(\p{L})- (\p{Ll})/gu, "$1$2") });
    paragraph = [];
  };
  for (const l of lines) {
    if (l.table || l.image) {
      flush();
      list = undefined;
      blocks.push(l.table ? { kind: "table", rows: l.table } : { kind: "image", image: l.image! });
      last = undefined;
      continue;
    }
    if (l.columns) {
      flush();
      list = undefined;
      blocks.push({ kind: "paragraph", text: l.text });
      last = undefined;
      continue;
    }
    const bullet = /^[•▪◦‣●■–-]\s*(.+)$/u.exec(l.text);
    const gap = last ? l.top - last.top : 0;
    if (bullet) {
      flush();
      if (!list) {
        list = { kind: "list", ordered: false, items: [] };
        blocks.push(list);
      }
      list.items.push({ level: 0, text: bullet[1]! });
    } else if (list && last && gap <= last.size * 1.6 && Math.abs(l.size - last.size) < 0.5) {
      const item = list.items.at(-1)!;
      item.text += ` ${l.text}`; // the item wraps onto the next line
    } else {
      list = undefined;
      if (last && (gap > last.size * 1.8 || Math.abs(l.size - last.size) >= 0.5)) flush();
      paragraph.push(l.text);
    }
    last = l;
  }
  flush();
  return blocks;
}

function isSlideDeck(pages: Page[]): boolean {
  if (!pages.every((p) => p.width > p.height)) return false;
  const titled = pages.filter((p) => {
    if (!p.lines.length) return false;
    const body = median(p.lines.map((l) => l.size));
    const topmost = [...p.lines].sort((a, b) => a.top - b.top)[0]!;
    return p.lines.length === 1 || topmost.size >= body * 1.25 || Math.max(...p.lines.map((l) => l.size)) >= 24;
  });
  return titled.length >= Math.ceil(pages.length * 0.6);
}

function slides(pages: Page[]): Section[] {
  return pages.map((p, i) => {
    const lines = p.lines;
    const isText = (l: Line): boolean => !l.table && !l.image;
    const largest = Math.max(0, ...lines.filter(isText).map((l) => l.size));
    // The heading: the first run of lines at the largest size, in the upper half of the page.
    const start = lines.findIndex((l) => isText(l) && l.size >= largest - 0.5 && l.top < p.height / 2);
    let heading = "";
    let rest = lines;
    if (start >= 0) {
      let end = start + 1;
      while (end < lines.length && isText(lines[end]!) && lines[end]!.size >= largest - 0.5) end++;
      heading = lines
        .slice(start, end)
        .map((l) => l.text)
        .join(" ");
      rest = [...lines.slice(0, start), ...lines.slice(end)];
    }
    return {
      number: i + 1,
      heading,
      headingSource: heading ? "largest text at the top of the page" : "none: the page has no text",
      hidden: false,
      blocks: lineBlocks(rest),
      notes: [],
    };
  });
}

function report(pages: Page[]): { preamble: Block[]; sections: Section[]; title: string | undefined } {
  const all = pages.flatMap((p) => p.lines);
  // Body size: the size most characters are set in.
  const weight = new Map<number, number>();
  for (const l of all) weight.set(Math.round(l.size * 2) / 2, (weight.get(Math.round(l.size * 2) / 2) ?? 0) + l.text.length);
  const body = [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const isHeading = (l: Line): boolean => !l.table && !l.image && l.size >= body * 1.15 && l.text.length <= 120 && !/[.,;]$/u.test(l.text);
  const headingSizes = [...new Set(all.filter(isHeading).map((l) => Math.round(l.size * 2) / 2))].sort((a, b) => b - a);
  // A single line in the largest size on page 1 is the title, not a section.
  let title: string | undefined;
  const first = pages[0]?.lines ?? [];
  const largest = headingSizes[0];
  if (largest !== undefined && headingSizes.length > 1 && all.filter((l) => Math.round(l.size * 2) / 2 === largest).length <= 2) {
    const titleLines = first.filter((l) => Math.round(l.size * 2) / 2 === largest);
    if (titleLines.length) {
      title = titleLines.map((l) => l.text).join(" ");
      for (const p of pages) p.lines = p.lines.filter((l) => !titleLines.includes(l));
    }
  }
  const sectionSize = headingSizes.find((s) => s !== (title ? largest : undefined));
  const preamble: Line[] = [];
  const sections: { heading: string; lines: Line[] }[] = [];
  let prevHeading: Line | undefined;
  for (const [pi, p] of pages.entries()) {
    for (const l of p.lines) {
      const size = Math.round(l.size * 2) / 2;
      const top = l.top + pi * 100000; // keep the order across pages for the gap test
      if (sectionSize !== undefined && isHeading(l) && size === sectionSize) {
        if (prevHeading && sections.length && sections.at(-1)!.lines.length === 0 && top - prevHeading.top <= l.size * 1.6) {
          sections.at(-1)!.heading += ` ${l.text}`; // a heading wrapped onto two lines
        } else {
          sections.push({ heading: l.text, lines: [] });
        }
        prevHeading = { ...l, top };
        continue;
      }
      (sections.at(-1)?.lines ?? preamble).push({ ...l, top });
    }
  }
  return {
    title,
    preamble: lineBlocks(preamble),
    sections: sections.map((s, i) => ({
      number: i + 1,
      heading: s.heading,
      headingSource: "heading style",
      hidden: false,
      blocks: lineBlocks(s.lines),
      notes: [],
    })),
  };
}

export async function readPdf(bytes: Uint8Array, file: string, limits: Limits): Promise<OriginalDocument> {
  if (Buffer.from(bytes.subarray(0, 1024)).indexOf(PDF_SIGNATURE) < 0) {
    throw new ImportError(file, "corrupt", 'is not a PDF: it does not start with "%PDF-"', "check that the file was copied whole, or export the PDF again");
  }
  const { pages, properties, tinyPictures, fullPagePictures, scannedPages, failedPictures, repeatedPictures } = await readPages(bytes, file, limits);
  const chars = pages.reduce((n, p) => n + p.lines.reduce((m, l) => m + l.text.length, 0), 0);
  // Fewer than 20 characters a page on average: a scan (at most a stamped page number).
  if (chars < 20 * pages.length) {
    throw new ImportError(
      file,
      "scanned",
      `has no text layer (${pages.length} page(s), ${chars} character(s) of text): it looks like a scan, and Lysark does not guess text from pictures`,
      "import the original .docx/.pptx instead, or run text recognition first (e.g. ocrmypdf, then import the result) and check the text it finds",
    );
  }
  const deck = isSlideDeck(pages);
  const logos = dropFurniture(pages);
  const { tablePages, columnPages } = placeTablesAndPictures(pages);
  const notes: string[] = [];
  if (tablePages.length)
    notes.push(
      `tables were rebuilt from text positions on page(s) ${ranges(tablePages)} (columns aligned over three or more rows; the first row is the header) — compare them with the PDF`,
    );
  if (columnPages.length)
    notes.push(
      `text set in columns on page(s) ${ranges(columnPages)} did not line up as a table over three rows and was kept as text — compare it with the PDF and make a table by hand if it is one`,
    );
  if (logos) notes.push(`${logos} picture(s) repeated on most pages (a logo or page decoration) were left out`);
  if (fullPagePictures)
    notes.push(
      `${fullPagePictures} image(s) covering a whole page (a scanned page under its text, or a background) were left out — the text was read from the text layer`,
    );
  if (scannedPages.length)
    notes.push(
      `page(s) ${ranges(scannedPages)} have no text, only a picture of the whole page (scanned?): their text was not imported — run text recognition (e.g. ocrmypdf) and import the result, or type the text in`,
    );
  if (tinyPictures) notes.push(`${tinyPictures} image(s) drawn smaller than ${MIN_PICTURE_POINTS} points (rules, bullets) were left out`);
  const oversized = oversizedImages(bytes);
  if (oversized)
    notes.push(
      `${oversized} picture(s) larger than ${MAX_IMAGE_PIXELS.toLocaleString("en-US")} pixels were left out unread, as the site cannot publish them — take them from the attached PDF, scaled down, if they matter`,
    );
  if (repeatedPictures) notes.push(`${repeatedPictures} picture(s) painted again on a page that already shows them were left out (kept once)`);
  if (failedPictures) notes.push(`${failedPictures} picture(s) could not be decoded and were left out — take them from the attached PDF if they matter`);
  if (deck) {
    return {
      format: "pdf",
      type: "presentation",
      preamble: [],
      sections: slides(pages),
      properties,
      unreadPages: scannedPages,
      notes: ["the PDF looks exported from slides (landscape pages with a large title): one slide per page; speaker notes are not in such a PDF", ...notes],
    };
  }
  const r = report(pages);
  if (!r.sections.length)
    notes.push("no headings were recognised (no text clearly larger than the body text): the text is one block — add ## headings where sections begin");
  return { format: "pdf", type: "report", preamble: r.preamble, sections: r.sections, documentTitle: r.title, properties, notes, unreadPages: scannedPages };
}

/**
 * The document model every original (.pptx, .docx, .pdf) is read into before
 * it becomes Lysark Markdown (to-markdown.ts): sections in order, each with a
 * heading, blocks of text, lists, tables and pictures, and speaker notes.
 */

export type Block =
  | { kind: "paragraph"; text: string }
  /** Items with their nesting level (0 = top). */
  | { kind: "list"; ordered: boolean; items: { level: number; text: string }[] }
  /** First row is the header row. */
  | { kind: "table"; rows: string[][] }
  /** A chart's cached data (charts.ts): a table, written with a line saying it came from a chart. */
  | { kind: "chart"; title: string | undefined; rows: string[][] }
  | { kind: "image"; image: ImageRef }
  /** A heading below the section level (### …). */
  | { kind: "heading"; level: number; text: string };

export interface ImageRef {
  /** Where it is in the original, for messages: "slide 3, picture \"Bilde 2\"". */
  where: string;
  /** The picture's description (alt text) as the original states it; undefined when it has none. */
  alt: string | undefined;
  /** File extension without the dot: png, jpeg, gif, webp … */
  ext: string;
  data: Uint8Array;
}

export interface Section {
  /** 1-based position (slide or section number). */
  number: number;
  heading: string;
  /** How the heading was found, for the report: "title placeholder", "largest text", "heading style" … */
  headingSource: string;
  /** A hidden slide in the original. */
  hidden: boolean;
  blocks: Block[];
  notes: string[];
}

/** The file's own properties (docProps/core.xml, app.xml, or the PDF's info dictionary), as stated. */
export interface FileProperties {
  title?: string | undefined;
  author?: string | undefined;
  lastModifiedBy?: string | undefined;
  created?: string | undefined;
  modified?: string | undefined;
  template?: string | undefined;
  application?: string | undefined;
  company?: string | undefined;
}

export interface OriginalDocument {
  format: "pptx" | "docx" | "pdf";
  type: "presentation" | "report";
  /** Text before the first section heading (a report's introduction). */
  preamble: Block[];
  sections: Section[];
  /** A title the document itself states (a Word Title/lone Heading 1, a PDF's first page) — used when the properties give none. */
  documentTitle?: string | undefined;
  properties: FileProperties;
  /** Notes for the report about how the file was read ("tables in PDFs are not extracted" …). */
  notes: string[];
  /** Pages with no text but a picture of the whole page (a PDF's scanned pages): their text is not imported. */
  unreadPages?: number[];
  /** What a .pptx links to outside itself, hyperlinks aside (ooxml.ts linksOutside): no slide pictures are drawn then. */
  linksOutside?: string[];
  /** A .pptx as LibreOffice may draw it (ooxml.ts packageForDrawing): made only when LibreOffice is started. */
  forDrawing?: () => Promise<Uint8Array>;
}

/** A file name is what Office and other tools put in a description by themselves ("IMG_0412.JPG"): no description. */
const FILE_NAME = /^[^\s/\\]+\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp|heic)$/iu;

/** A picture's description as the original states it, or undefined when it has none (blank, or only a file name). */
export function describedAlt(description: string | undefined): string | undefined {
  const text = (description ?? "").replace(/[\s\u000b]+/gu, " ").trim();
  return text && !FILE_NAME.test(text) ? text : undefined;
}

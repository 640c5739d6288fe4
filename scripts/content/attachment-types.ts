/**
 * The file types an attachment may have: documents, data and pictures that a
 * browser shows or downloads but never runs. HTML, JavaScript, SVG, XML and
 * anything unknown are refused: static hosts such as GitHub Pages serve a file
 * by its extension and cannot force a download, so such a file would run with
 * the site's origin (and `index.html` would replace the document's own page).
 */
export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  pdf: "PDF",
  ppt: "PowerPoint",
  pptx: "PowerPoint",
  pps: "PowerPoint",
  ppsx: "PowerPoint",
  odp: "OpenDocument presentation",
  key: "Keynote",
  doc: "Word",
  docx: "Word",
  odt: "OpenDocument text",
  rtf: "Rich Text",
  xls: "Excel",
  xlsx: "Excel",
  ods: "OpenDocument spreadsheet",
  csv: "CSV",
  tsv: "TSV",
  txt: "plain text",
  json: "JSON",
  png: "PNG",
  jpg: "JPEG",
  jpeg: "JPEG",
  gif: "GIF",
  webp: "WebP",
  avif: "AVIF",
  tif: "TIFF",
  tiff: "TIFF",
  zip: "ZIP",
};

/** Lower-case extension without the dot, or "" when there is none. */
export function extensionOf(name: string): string {
  const base = name.split("/").pop() ?? name;
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

export function isAllowedAttachment(name: string): boolean {
  return Object.hasOwn(ATTACHMENT_TYPES, extensionOf(name));
}

/**
 * True when the file's first bytes are markup a browser could run (an HTML or
 * SVG page renamed to .pdf): with no Content-Type header enforced by the host,
 * some browsers sniff and render it.
 */
export function looksLikeMarkup(head: Uint8Array): boolean {
  const text = Buffer.from(head)
    .toString("latin1")
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, "")
    .trimStart()
    .slice(0, 64)
    .toLowerCase();
  return /^<(?:!doctype|html|head|body|script|svg|\?xml|iframe|meta|!--)/.test(text);
}

export function allowedTypesText(): string {
  return Object.keys(ATTACHMENT_TYPES).join(", ");
}

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

/**
 * Types a browser runs or renders as a page when a host serves them by their extension, and a file without one,
 * which browsers sniff: the reason such a file is refused. Any other type missing from ATTACHMENT_TYPES (.bib, .mp4)
 * is refused only as one Lysark does not know to be safe.
 */
const RUNNABLE_EXTENSIONS = new Set(["", "html", "htm", "xhtml", "shtml", "xht", "js", "mjs", "cjs", "svg", "svgz", "xml", "xsl", "xslt", "wasm", "swf"]);

/** Whether a refused attachment's type is refused because a browser could run it (else: only not known to be safe). */
export function isRunnableType(name: string): boolean {
  return RUNNABLE_EXTENSIONS.has(extensionOf(name));
}

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
 * some browsers sniff and render it. The tags are those the WHATWG MIME Sniffing
 * standard reads as HTML ("<p>", "<div>", "<a " … as well as "<html>"), plus SVG.
 */
export function looksLikeMarkup(head: Uint8Array): boolean {
  const text = Buffer.from(head)
    .toString("latin1")
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, "")
    .trimStart()
    .slice(0, 64)
    .toLowerCase();
  return /^<(?:\?xml|!--|!doctype|(?:html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|svg|meta)(?=[\s>/]|$))/.test(text);
}

export function allowedTypesText(): string {
  return Object.keys(ATTACHMENT_TYPES).join(", ");
}

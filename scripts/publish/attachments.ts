/**
 * Attachments: the original files (PowerPoint, PDF …) listed in a document's
 * front-matter. Each must be a file next to the document; the build copies it
 * beside the document's page and lists it with its type and size.
 */
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { allowedTypesText, extensionOf, isAllowedAttachment, isRunnableType, looksLikeMarkup } from "../content/attachment-types.ts";
import { LIMITS } from "../content/limits.ts";
import { didYouMeanFile } from "../content/problems.ts";
import { resolveContentFile } from "../content/safe-path.ts";
import type { DocumentMeta } from "../content/schema.ts";
import { LOCALES, type UiLocale } from "../i18n/locales.ts";
import { BIBTEX_FILE, CSL_FILE, OEMBED_FILE } from "../content/page-files.ts";

/**
 * The files the site writes where a document's attachments go (the page table's per-document kinds; index.html and
 * cite.bib no attachment can be named today, as HTML and .bib are refused types). An attachment named oembed.json or
 * cite.csl.json passed the check and then stopped the build on two sources for one file; the check now names it, and
 * a folder of any of these names.
 */
const WRITTEN_BESIDE_PAGE: ReadonlyMap<string, string> = new Map([
  ["index.html", "the page itself"],
  [OEMBED_FILE, "its oEmbed file"],
  [BIBTEX_FILE, "its BibTeX citation"],
  [CSL_FILE, "its CSL-JSON citation"],
]);

export interface AttachmentInfo {
  /** As written in the front-matter, relative to the document's folder. */
  file: string;
  title?: string;
  /** Absolute realpath of the file, inside the content folder. */
  source: string;
  /** Size in bytes. */
  size: number;
  /** File type for people: "PDF", "PPTX" … */
  type: string;
}

export interface AttachmentProblem {
  path: Array<string | number>;
  message: string;
}

/** The first bytes of a file, to tell what it really is. */
function head(file: string): Uint8Array {
  const bytes = new Uint8Array(512);
  const fd = openSync(file, "r");
  try {
    return bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks that every attachment is a file of an allowed type next to the
 * document, inside `contentRoot` (the content folder's realpath) once symbolic
 * links are resolved; returns what was found and every problem.
 */
export function checkAttachments(
  attachments: DocumentMeta["attachments"],
  documentFile: string,
  contentRoot: string,
): { attachments: AttachmentInfo[]; problems: AttachmentProblem[] } {
  const folder = path.resolve(path.dirname(documentFile));
  const found: AttachmentInfo[] = [];
  const problems: AttachmentProblem[] = [];
  const seen = new Set<string>();
  attachments.forEach((attachment, index) => {
    const at = ["attachments", index, "file"];
    const name = attachment.file;
    const source = path.resolve(folder, name);
    if (path.isAbsolute(name) || name.includes("\\") || !source.startsWith(folder + path.sep) || /[?#]/.test(name)) {
      problems.push({
        path: at,
        message: `"${name}" must be a file name relative to the document, e.g. "${path.basename(name.replace(/\\/g, "/")) || "original.pptx"}", in the same folder (or a folder inside it).`,
      });
      return;
    }
    if (!isAllowedAttachment(name)) {
      const extension = extensionOf(name);
      const runnable = isRunnableType(name);
      problems.push({
        path: at,
        message: `"${name}" is ${extension ? `a .${extension} file` : "a file without an extension"}, which cannot be an attachment: ${
          runnable
            ? "a browser could run it as part of the site"
            : "a host serves a file by its extension, and Lysark publishes only types a browser shows or downloads but never runs"
        }. Attach a PDF or the original office file instead${runnable ? "" : ", or the file inside a .zip"}. Allowed types: ${allowedTypesText()}.`,
      });
      return;
    }
    // "./oembed.json" or "sub/../cite.csl.json" would slip past the names below, and be overwritten by the file they name.
    const segments = name.split("/");
    if (segments.some((segment) => segment === "." || segment === ".." || segment === "")) {
      const plain = path.posix.normalize(name);
      problems.push({
        path: at,
        message: `"${name}" must name the file plainly, without "." or ".." folders or a doubled "/": write "${plain}".`,
      });
      return;
    }
    // A folder named like a file written beside the page ("index.html/x.pdf") stood where the page was to be written.
    const folderWritten = segments.length > 1 ? WRITTEN_BESIDE_PAGE.get(segments[0]!) : undefined;
    if (folderWritten) {
      problems.push({
        path: at,
        message: `"${name}" is in a folder named "${segments[0]}", the name of a file the site writes beside the document's page (${folderWritten}). Rename the folder, e.g. "${segments[0]!.replace(/\./g, "-")}/${segments.slice(1).join("/")}".`,
      });
      return;
    }
    const written = WRITTEN_BESIDE_PAGE.get(name);
    if (written) {
      const dot = name.indexOf(".");
      problems.push({
        path: at,
        message: `"${name}" has the name of a file the site writes beside the document's page (${written}), so one would overwrite the other. Rename the attachment, e.g. "${name.slice(0, dot)}-attachment${name.slice(dot)}".`,
      });
      return;
    }
    const isLink = (() => {
      try {
        return lstatSync(source).isSymbolicLink();
      } catch {
        return false;
      }
    })();
    const kind = !isLink && existsSync(source) ? statSync(source) : undefined;
    if (kind && !kind.isFile()) {
      // Not "not found": it is there, and "Did you mean" would offer its own name.
      const what = kind.isDirectory() ? "a folder" : kind.isFIFO() ? "a named pipe" : kind.isSocket() ? "a socket" : "a device";
      problems.push({ path: at, message: `"${name}" is ${what}, not a file. List a file, or replace it with the file it should be.` });
      return;
    }
    if (!isLink && !kind) {
      const siblings = existsSync(path.dirname(source))
        ? readdirSync(path.dirname(source)).filter((entry) => !entry.endsWith(".md") && !entry.startsWith("_"))
        : [];
      problems.push({
        path: at,
        message: `file "${name}" not found next to the document.${didYouMeanFile(path.basename(name), siblings)} Put the original file in ${path.basename(folder)}/ or correct the name.`,
      });
      return;
    }
    const resolved = resolveContentFile(contentRoot, source, `"${name}"`);
    if (!resolved.ok) {
      problems.push({ path: at, message: resolved.problem });
      return;
    }
    if (seen.has(source)) {
      problems.push({ path: at, message: `"${name}" is listed twice. List each file once.` });
      return;
    }
    seen.add(source);
    const size = statSync(resolved.real).size;
    if (size > LIMITS.attachmentBytes) {
      problems.push({
        path: at,
        message: `"${name}" is ${(size / 1e6).toFixed(0)} MB; the limit is ${LIMITS.attachmentBytes / 1e6} MB. Link to the file where it is published instead (source.url), or compress it.`,
      });
      return;
    }
    if (looksLikeMarkup(head(resolved.real))) {
      problems.push({
        path: at,
        message: `"${name}" contains HTML or SVG markup, not a .${extensionOf(name)} file; a browser could run it as part of the site. Attach the real file.`,
      });
      return;
    }
    const extension = extensionOf(name);
    found.push({ file: name.split(path.sep).join("/"), title: attachment.title, source: resolved.real, size, type: extension.toUpperCase() });
  });
  return { attachments: found, problems };
}

const UNITS = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;

/** A file size for people in the locale's format: nb `1,2 MB`, en `1.2 MB`. Decimal units (1 kB = 1000 bytes). */
export function formatFileSize(locale: UiLocale, bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(LOCALES[locale].intl, {
    style: "unit",
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? "long" : "short",
    maximumFractionDigits: unit === 0 || value >= 10 ? 0 : 1,
  }).format(value);
}

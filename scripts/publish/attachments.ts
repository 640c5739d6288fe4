/**
 * Attachments: the original files (PowerPoint, PDF …) listed in a document's
 * front-matter. Each must be a file next to the document; the build copies it
 * beside the document's page and lists it with its type and size.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { didYouMean } from "../content/problems.ts";
import type { DocumentMeta } from "../content/schema.ts";
import { LOCALES, type UiLocale } from "../i18n/locales.ts";

export interface AttachmentInfo {
  /** As written in the front-matter, relative to the document's folder. */
  file: string;
  title?: string;
  /** Absolute path of the file. */
  source: string;
  /** Size in bytes. */
  size: number;
  /** File type for people: "PDF", "PPTX" … */
  type: string;
}

export interface AttachmentProblem { path: Array<string | number>; message: string }

/** Checks that every attachment exists next to the document; returns what was found and every problem. */
export function checkAttachments(attachments: DocumentMeta["attachments"], documentFile: string): { attachments: AttachmentInfo[]; problems: AttachmentProblem[] } {
  const folder = path.resolve(path.dirname(documentFile));
  const found: AttachmentInfo[] = [];
  const problems: AttachmentProblem[] = [];
  const seen = new Set<string>();
  attachments.forEach((attachment, index) => {
    const at = ["attachments", index, "file"];
    const name = attachment.file;
    const source = path.resolve(folder, name);
    if (path.isAbsolute(name) || name.includes("\\") || !source.startsWith(folder + path.sep) || /[?#]/.test(name)) {
      problems.push({ path: at, message: `"${name}" must be a file name relative to the document, e.g. "${path.basename(name.replace(/\\/g, "/")) || "original.pptx"}", in the same folder (or a folder inside it).` });
      return;
    }
    if (!existsSync(source) || !statSync(source).isFile()) {
      const siblings = existsSync(path.dirname(source)) ? readdirSync(path.dirname(source)).filter((entry) => !entry.endsWith(".md") && !entry.startsWith("_")) : [];
      problems.push({ path: at, message: `file "${name}" not found next to the document.${didYouMean(path.basename(name), siblings)} Put the original file in ${path.basename(folder)}/ or correct the name.` });
      return;
    }
    if (seen.has(source)) {
      problems.push({ path: at, message: `"${name}" is listed twice. List each file once.` });
      return;
    }
    seen.add(source);
    const extension = path.extname(name).slice(1);
    found.push({ file: name.split(path.sep).join("/"), title: attachment.title, source, size: statSync(source).size, type: extension ? extension.toUpperCase() : "—" });
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
    style: "unit", unit: UNITS[unit], unitDisplay: unit === 0 ? "long" : "short", maximumFractionDigits: unit === 0 || value >= 10 ? 0 : 1,
  }).format(value);
}

/**
 * Limits that keep an untrusted original from exhausting memory or disk.
 * Each can be lowered in tests; the defaults suit real municipal decks and
 * reports (the largest seen are a few dozen MB with pictures).
 */
import { LIMITS } from "../../content/limits.ts";

export interface Limits {
  /** Size of the original file. */
  maxFileBytes: number;
  /** Sum of the unpacked sizes of a zip's entries (.pptx/.docx). */
  maxUnpackedBytes: number;
  /** Unpacked size of one entry divided by its packed size; above it on a large entry, the file is treated as a zip bomb. */
  maxRatio: number;
  /** Number of entries in a zip. */
  maxEntries: number;
  /** Pages of a PDF. */
  maxPages: number;
}

export const DEFAULT_LIMITS: Limits = {
  // The original is published as the document's attachment, and the check refuses a larger one.
  maxFileBytes: LIMITS.attachmentBytes,
  maxUnpackedBytes: 512 * 1000 * 1000,
  maxRatio: 200,
  maxEntries: 20_000,
  maxPages: 2_000,
};

/** Megabytes of a million bytes, as the check states its limits (scripts/content/limits.ts): "100 MB", not "95 MB". */
export function megabytes(bytes: number): string {
  const mb = bytes / (1000 * 1000);
  return `${mb.toFixed(mb < 10 ? 1 : 0)} MB`;
}

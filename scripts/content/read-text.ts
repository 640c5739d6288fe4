/**
 * Reads a content file as UTF-8, refusing what would otherwise render as
 * mojibake: binary files, UTF-16, and legacy 8-bit encodings such as Windows-1252.
 */
import { LIMITS } from "./limits.ts";

export class TextFileError extends Error {
  constructor(
    message: string,
    readonly line = 1,
  ) {
    super(message);
  }
}

/** `whenEmpty`: what an empty file of this kind needs (a document's front matter, a registry's entries). */
export function decodeContentFile(bytes: Uint8Array, whenEmpty = "is empty. Add front-matter and content, or delete the file."): string {
  if (bytes.length === 0) throw new TextFileError(whenEmpty);
  if (bytes.length > LIMITS.documentBytes) {
    throw new TextFileError(
      `is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is ${LIMITS.documentBytes / 1024 / 1024} MB. Split the document or move large material into an attachment.`,
    );
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const which = bytes[0] === 0xff ? "UTF-16LE" : "UTF-16BE";
    throw new TextFileError(`is encoded as ${which}. Save it as UTF-8 (e.g. iconv -f ${which} -t UTF-8 FILE > FILE.utf8).`);
  }
  const sample = bytes.subarray(0, Math.min(bytes.length, 8192));
  // indexOf first: counting byte by byte in JavaScript is slow, and text files have no NUL at all.
  const nulCount = sample.indexOf(0) === -1 ? 0 : sample.reduce((count, byte) => count + (byte === 0 ? 1 : 0), 0);
  if (nulCount > 0) {
    // Every other byte NUL is UTF-16 without a byte-order mark.
    if (nulCount >= sample.length / 4) throw new TextFileError("looks like UTF-16 text without a byte-order mark. Save it as UTF-8.");
    throw new TextFileError("is a binary file, not text. Only Markdown text belongs here; put original files in attachments.");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Point at the first line that does not decode, where the editor will see "Ã¦" or "?".
    const lenient = new TextDecoder("utf-8").decode(bytes);
    const line = lenient.slice(0, lenient.indexOf("\uFFFD")).split("\n").length;
    throw new TextFileError(
      "is not valid UTF-8; it looks like Windows-1252/ISO-8859-1 (common for files saved on Windows). Save it as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8).",
      line,
    );
  }
}

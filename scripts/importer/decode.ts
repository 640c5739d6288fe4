/**
 * Input checks and decoding: turns the bytes of a transcript file into clean
 * text, or refuses with an error that names the problem and a fix.
 *
 * Accepted: UTF-8 with or without a byte-order mark, LF, CRLF or CR line
 * endings. Refused: empty files, binary files (NUL bytes, office/PDF/ZIP
 * signatures, many control characters), UTF-16/UTF-32 and 8-bit encodings
 * such as Windows-1252 (named, with an `iconv` command that converts them).
 */
import { ImportError } from "./errors.js";

export interface Decoded {
  /** NFC-normalised text with LF line endings and no BOM. */
  text: string;
  hadBom: boolean;
  hadCrlf: boolean;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** `afterBom`: the file starts with a UTF-8 byte-order mark the rest does not match, which iconv would turn into "ï»¿". */
function iconvFix(file: string, from: string, afterBom = false): string {
  const base = file.replace(/\.[^./\\]*$/, "");
  const command = afterBom ? `tail -c +4 '${file}' | iconv -f ${from} -t UTF-8` : `iconv -f ${from} -t UTF-8 '${file}'`;
  return `convert it to UTF-8 first, e.g. ${command} > '${base}.utf8.txt'`;
}

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** Known binary signatures: the file is a document, not its text. */
const SIGNATURES: { sig: number[]; what: string }[] = [
  { sig: [0x25, 0x50, 0x44, 0x46, 0x2d], what: "a PDF file" },
  { sig: [0x50, 0x4b, 0x03, 0x04], what: "a ZIP archive (e.g. .pptx, .docx, .odp)" },
  { sig: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: "a legacy Office file (e.g. .ppt, .doc)" },
];

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function lineCol(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let lastNl = -1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lastNl = i;
    }
  }
  return { line, col: offset - lastNl };
}

const NORDIC = /[æøåäöüéÆØÅÄÖÜÉ]/gu;

/**
 * Which 8-bit encoding makes most sense of bytes that are not UTF-8: the one
 * whose decoding yields the most Nordic letters among the non-ASCII characters.
 */
export function guessLegacyEncoding(bytes: Uint8Array): { name: string; iconv: string } | undefined {
  const options = [
    { label: "windows-1252", name: "Windows-1252 (Latin-1)", iconv: "WINDOWS-1252" },
    { label: "macintosh", name: "Mac OS Roman", iconv: "MACINTOSH" },
  ];
  let best: { name: string; iconv: string; score: number } | undefined;
  for (const o of options) {
    let text: string;
    try {
      text = new TextDecoder(o.label).decode(bytes);
    } catch {
      continue;
    }
    const nonAscii = (text.match(/[^\x00-\x7f]/gu) ?? []).length;
    if (nonAscii === 0) continue;
    const nordic = (text.match(NORDIC) ?? []).length;
    const score = nordic / nonAscii;
    if (!best || score > best.score) best = { name: o.name, iconv: o.iconv, score };
  }
  return best && best.score >= 0.5 ? { name: best.name, iconv: best.iconv } : undefined;
}

/** UTF-16 without a BOM: NUL bytes in every other position. */
function guessUtf16(bytes: Uint8Array): "UTF-16LE" | "UTF-16BE" | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.6 && evenNul / pairs < 0.1) return "UTF-16LE";
  if (evenNul / pairs > 0.6 && oddNul / pairs < 0.1) return "UTF-16BE";
  return undefined;
}

function normalise(text: string): { text: string; hadCrlf: boolean } {
  const hadCrlf = text.includes("\r");
  return {
    text: text
      .replace(/\r\n?/gu, "\n")
      .replace(/[\u2028\u2029]/gu, "\n")
      .normalize("NFC"),
    hadCrlf,
  };
}

function checkText(text: string, file: string): void {
  // Control characters other than tab/newline/CR/form feed mean a binary file.
  const controls = (text.match(/[\u0000-\u0008\u000e-\u001f\u007f]/gu) ?? []).length;
  if (text.includes("\u0000") || (text.length > 0 && controls / text.length > 0.01)) {
    throw new ImportError(
      file,
      "binary",
      "looks like a binary file (it contains NUL or control bytes), not a text transcript",
      "give the importer the plain-text transcript (.txt), not the original document",
    );
  }
  if (text.trim() === "") {
    throw new ImportError(file, "empty", "is empty (no text to import)", "check that the transcript was saved completely; an empty file cannot be imported");
  }
}

/**
 * Decode a transcript. A string is taken as already decoded (a leading BOM
 * character is still removed); bytes must be UTF-8.
 */
export function decodeTranscript(input: Uint8Array | string, file: string): Decoded {
  if (typeof input === "string") {
    const hadBom = input.startsWith("\ufeff");
    const { text, hadCrlf } = normalise(hadBom ? input.slice(1) : input);
    checkText(text, file);
    return { text, hadBom, hadCrlf };
  }
  const bytes = input;
  if (bytes.length === 0) {
    throw new ImportError(file, "empty", "is empty (0 bytes)", "check that the transcript was saved completely; an empty file cannot be imported");
  }
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    const name = bytes[0] === 0xff ? "UTF-32LE" : "UTF-32BE";
    throw new ImportError(
      file,
      "encoding",
      `is encoded as ${name} (it starts with a ${name} byte-order mark); the importer reads UTF-8 only`,
      iconvFix(file, name),
    );
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const name = bytes[0] === 0xff ? "UTF-16LE" : "UTF-16BE";
    throw new ImportError(
      file,
      "encoding",
      `is encoded as ${name} (it starts with a ${name} byte-order mark); the importer reads UTF-8 only`,
      iconvFix(file, name),
    );
  }
  for (const { sig, what } of SIGNATURES) {
    if (startsWith(bytes, sig)) {
      throw new ImportError(file, "binary", `is ${what}, not a text transcript`, "export or copy the slide text into a UTF-8 .txt file and import that");
    }
  }
  const hadBom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const body = hadBom ? bytes.subarray(3) : bytes;
  if (body.includes(0)) {
    const utf16 = guessUtf16(body);
    if (utf16) {
      throw new ImportError(
        file,
        "encoding",
        `looks like ${utf16} text without a byte-order mark (every other byte is NUL); the importer reads UTF-8 only`,
        iconvFix(file, utf16),
      );
    }
    throw new ImportError(
      file,
      "binary",
      "looks like a binary file (it contains NUL bytes), not a text transcript",
      "give the importer the plain-text transcript (.txt), not the original document",
    );
  }
  let decoded: string;
  try {
    decoded = utf8.decode(body);
  } catch {
    const offset = firstInvalidUtf8(body) + (hadBom ? 3 : 0);
    const { line, col } = lineCol(bytes, Math.max(offset, 0));
    const guess = guessLegacyEncoding(body);
    const where = `byte 0x${(bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, "0")} at line ${line}, column ${col}`;
    if (guess) {
      throw new ImportError(file, "encoding", `is not valid UTF-8 (${where}); it looks like ${guess.name}`, iconvFix(file, guess.iconv, hadBom));
    }
    throw new ImportError(
      file,
      "encoding",
      `is not valid UTF-8 (${where}) and its encoding is not recognised`,
      `find the encoding with \`file -i '${file}'\`, then ${iconvFix(file, "<ENCODING>", hadBom)}`,
    );
  }
  const { text, hadCrlf } = normalise(decoded);
  checkText(text, file);
  return { text, hadBom, hadCrlf };
}

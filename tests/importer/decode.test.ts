import { describe, expect, it } from "vitest";
import { decodeTranscript, firstInvalidUtf8 } from "../../scripts/importer/decode.js";
import { ImportError } from "../../scripts/importer/errors.js";
import { imp } from "./helpers.js";

const SLIDES = "1 Tittel\n\n2 Mer tekst her\n";

function errorOf(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error("expected an ImportError");
}

describe("decode: input checks and encodings", () => {
  it("refuses an empty file, naming the file", () => {
    const e = errorOf(() => decodeTranscript(new Uint8Array(), "tom.txt"));
    expect(e.code).toBe("empty");
    expect(e.format()).toMatch(/^tom\.txt: is empty/u);
    expect(e.fix).toBeTruthy();
  });

  it("refuses a file with only whitespace", () => {
    expect(errorOf(() => decodeTranscript(Buffer.from(" \n\r\n\t\n"), "blank.txt")).code).toBe("empty");
  });

  it("refuses a binary file with NUL bytes", () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x12, 0x00, 0xff, 0x10, 0x00, 0x00, 0x00, 0x01]);
    const e = errorOf(() => decodeTranscript(bytes, "bilde.png"));
    expect(e.code).toBe("binary");
    expect(e.message).toMatch(/binary/u);
  });

  it("names a PowerPoint/ZIP file and a PDF", () => {
    expect(errorOf(() => decodeTranscript(Buffer.from("PK\u0003\u0004rest", "latin1"), "a.pptx")).message).toMatch(/ZIP/u);
    expect(errorOf(() => decodeTranscript(Buffer.from("%PDF-1.4\n..."), "a.pdf")).message).toMatch(/PDF/u);
  });

  it("detects UTF-16LE and UTF-16BE with a BOM and suggests iconv", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SLIDES, "utf16le")]);
    const e = errorOf(() => decodeTranscript(le, "utf16.txt"));
    expect(e.code).toBe("encoding");
    expect(e.message).toMatch(/UTF-16LE/u);
    expect(e.fix).toMatch(/iconv -f UTF-16LE -t UTF-8 'utf16\.txt'/u);
    const be = Buffer.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(SLIDES, "utf16le").swap16()]));
    expect(errorOf(() => decodeTranscript(be, "be.txt")).message).toMatch(/UTF-16BE/u);
  });

  it("detects UTF-16 without a BOM (every other byte NUL) instead of calling it binary", () => {
    const e = errorOf(() => decodeTranscript(Buffer.from(SLIDES, "utf16le"), "nobom.txt"));
    expect(e.code).toBe("encoding");
    expect(e.message).toMatch(/UTF-16LE/u);
  });

  it("detects Windows-1252 text, shows where, and suggests iconv", () => {
    const cp1252 = Buffer.from("1 Velkommen\n\n2 Bl\u00e5b\u00e6r og r\u00f8dgr\u00f8t \u2013 s\u00f8t\n", "latin1");
    // Replace the en dash (not Latin-1) by its Windows-1252 byte.
    const bytes = Buffer.from(cp1252.toString("latin1").replace("\u2013", "\u0096"), "latin1");
    const e = errorOf(() => decodeTranscript(bytes, "win.txt"));
    expect(e.code).toBe("encoding");
    expect(e.message).toMatch(/Windows-1252/u);
    expect(e.message).toMatch(/line 3, column 5/u);
    expect(e.fix).toBe("convert it to UTF-8 first, e.g. iconv -f WINDOWS-1252 -t UTF-8 'win.txt' > 'win.utf8.txt'");
    // After a UTF-8 byte-order mark iconv would read the mark as "ï»¿" and put it before slide 1: the command leaves it out.
    const marked = errorOf(() => decodeTranscript(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), "win.txt"));
    expect(marked.fix).toBe("convert it to UTF-8 first, e.g. tail -c +4 'win.txt' | iconv -f WINDOWS-1252 -t UTF-8 > 'win.utf8.txt'");
  });

  it("finds the first invalid UTF-8 byte", () => {
    expect(firstInvalidUtf8(Buffer.from("ok æøå"))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe6, 0x63]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc3]))).toBe(1); // truncated sequence
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0x80]))).toBe(0); // overlong
  });

  it("accepts a UTF-8 BOM and CRLF line endings", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("1 Tittel\r\n\r\n2 Blåbær\r\n")]);
    const d = decodeTranscript(bytes, "bom.txt");
    expect(d.hadBom).toBe(true);
    expect(d.hadCrlf).toBe(true);
    expect(d.text).toBe("1 Tittel\n\n2 Blåbær\n");
    const r = imp(bytes);
    expect(r.report.slideCount).toBe(2);
    expect(r.markdown).not.toMatch(/\r|\ufeff/u);
  });

  it("normalises decomposed letters to NFC", () => {
    const d = decodeTranscript(Buffer.from("1 A\u030angstr\u00f6m\n"), "nfd.txt");
    expect(d.text).toBe("1 \u00c5ngstr\u00f6m\n");
  });

  it("refuses text without slide numbering with a fix, via importTranscript", () => {
    const e = errorOf(() => imp("Bare et notat.\n\nIngen lysbilder her, men 32 000 ord.\n", { fileName: "notat.txt" }));
    expect(e.code).toBe("no-slides");
    expect(e.format()).toMatch(/^notat\.txt: has no numbered slides/u);
    expect(e.fix).toMatch(/number/u);
  });

  it('refuses a lone "1" without site chrome (not a transcript)', () => {
    expect(errorOf(() => imp("1 gang i uka møtes vi.\n\nDet er alt.\n")).code).toBe("no-slides");
  });
});

describe("a transcript too large for one document", () => {
  it("stops with the size and the fix when its document would be larger than the check allows", () => {
    const words = (count: number) => Array.from({ length: count }, (_, i) => `ord${i}`).join(" ");
    const e = errorOf(() => imp(`1 Tittel\n\n2 ${words(230_000)}\n`, { fileName: "lang.txt" }));
    expect(e.code).toBe("too-large");
    expect(e.format()).toMatch(
      /^lang\.txt: makes a document of 2\.1 MB, more than the 2 MB one document file may have\n {2}fix: split the transcript into parts/u,
    );
    expect(Buffer.byteLength(imp(`1 Tittel\n\n2 ${words(200_000)}\n`).markdown)).toBeGreaterThan(1_800_000);
  });
});

/**
 * Opening an Office Open XML file (.pptx, .docx) safely with jszip: the file
 * type is told from its first bytes (an old binary .ppt/.doc or a
 * password-protected file is an OLE compound file, not a zip), the zip's
 * directory is checked for bombs (declared sizes and ratios) before anything
 * is unpacked, every read is capped while it inflates (sizes can lie), and
 * macros or embedded objects are refused: they are never opened or run (a
 * chart's own workbook is left unopened and allowed: the chart keeps its values).
 */
import { crc32, gunzipSync } from "node:zlib";
import JSZip from "jszip";
import { ImportError } from "../errors.js";
import { megabytes, type Limits } from "./limits.js";
import { parseXml, type El } from "./xml.js";

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** True when an OLE compound file holds an "EncryptionInfo" stream: a password-protected .pptx/.docx. */
function isEncryptedOoxml(bytes: Uint8Array): boolean {
  const name = Buffer.from("EncryptionInfo", "utf16le");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(name) >= 0;
}

export type OoxmlKind = "pptx" | "docx";

const KIND = {
  pptx: { main: "ppt/presentation.xml", app: "PowerPoint", legacy: ".ppt", folder: "ppt/" },
  docx: { main: "word/document.xml", app: "Word", legacy: ".doc", folder: "word/" },
} as const;

export interface OoxmlPackage {
  /** Reads an entry as text; undefined when it is not in the package. */
  text(name: string): Promise<string | undefined>;
  /** Reads and parses an XML entry. */
  xml(name: string): Promise<El | undefined>;
  bytes(name: string): Promise<Uint8Array | undefined>;
  /**
   * Reads every entry once, within the budget: before a library that opens its own copy of the zip (mammoth) or a
   * program (LibreOffice) reads parts Lysark does not, so none of them can unpack more than it says. A 3 MB Word file
   * whose styles part held 3 GB of zeros took mammoth 22 s and 3.4 GB before it failed.
   */
  readAll(): Promise<void>;
  has(name: string): boolean;
  names(): string[];
}

interface SizedEntry {
  _data?: { compressedSize?: number; uncompressedSize?: number; crc32?: number };
}

export async function openOoxml(bytes: Uint8Array, file: string, kind: OoxmlKind, limits: Limits): Promise<OoxmlPackage> {
  const k = KIND[kind];
  if (startsWith(bytes, CFB)) {
    if (isEncryptedOoxml(bytes)) {
      throw new ImportError(
        file,
        "protected",
        "is password-protected (encrypted); it cannot be read without the password",
        `open it in ${k.app}, remove the password (File → Info → Protect → Encrypt with password: clear the field), save, and import it again`,
      );
    }
    throw new ImportError(
      file,
      "legacy",
      `is an old binary ${k.legacy} file with a .${kind} name, not an Office Open XML file`,
      `open it in ${k.app} or LibreOffice and save it as .${kind} (File → Save As), then import that file`,
    );
  }
  if (!startsWith(bytes, ZIP)) {
    throw new ImportError(
      file,
      "corrupt",
      `is not a .${kind} file: it does not start like a zip package${bytes.length === 0 ? " (it is empty)" : ""}`,
      `check that the file was copied whole; open it in ${k.app} and save it again as .${kind}`,
    );
  }
  let zip: JSZip;
  try {
    // Only the directory: jszip's own CRC check would unpack every entry before the bomb checks below (many
    // directory records can name one stream of a gigabyte of zeros). Each read checks its entry's CRC instead.
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch (e) {
    throw new ImportError(
      file,
      "corrupt",
      `is damaged: its zip structure cannot be read (${(e as Error).message})`,
      `check that the file was copied whole; open it in ${k.app} and save it again as .${kind}`,
    );
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  if (entries.length > limits.maxEntries) {
    throw new ImportError(
      file,
      "zip-bomb",
      `holds ${entries.length} files; a ${k.app} file has far fewer (limit ${limits.maxEntries}), so it is refused as a possible zip bomb`,
      `open it in ${k.app} and save it again as .${kind}`,
    );
  }
  let declared = 0;
  for (const entry of entries) {
    const sizes = (entry as unknown as SizedEntry)._data ?? {};
    const packed = sizes.compressedSize ?? 0;
    const unpacked = sizes.uncompressedSize ?? 0;
    declared += unpacked;
    if (unpacked > 1024 * 1024 && unpacked > packed * limits.maxRatio) {
      throw new ImportError(
        file,
        "zip-bomb",
        `is refused as a zip bomb: "${entry.name}" unpacks from ${megabytes(packed)} to ${megabytes(unpacked)} (more than ${limits.maxRatio} times)`,
        "do not open this file; ask the sender for the original",
      );
    }
  }
  if (declared > limits.maxUnpackedBytes) {
    throw new ImportError(
      file,
      "zip-bomb",
      `unpacks to ${megabytes(declared)}, more than the limit of ${megabytes(limits.maxUnpackedBytes)}; refused as a possible zip bomb`,
      `compress its pictures in ${k.app} (File → Compress Pictures) and save it again`,
    );
  }
  const names = entries.map((e) => e.name);
  const macros = names.filter((n) => /(^|\/)vbaProject\.bin$/iu.test(n) || /(^|\/)activeX\//iu.test(n));
  if (macros.length) {
    throw new ImportError(
      file,
      "macros",
      `contains macros or ActiveX controls (${macros.slice(0, 3).join(", ")}); they are never run, and the file is not imported`,
      `save a copy without macros as a plain .${kind} (File → Save As → ${kind === "pptx" ? "PowerPoint Presentation" : "Word Document"}) and import that`,
    );
  }
  if (!zip.file(k.main)) {
    const other = Object.values(KIND).find((o) => o.main !== k.main && zip.file(o.main));
    throw new ImportError(
      file,
      "corrupt",
      other ? `is a ${other.app} file, not a ${k.app} file (it has ${other.main})` : `is not a ${k.app} file: ${k.main} is missing`,
      other
        ? `rename it to the right extension (.${other === KIND.pptx ? "pptx" : "docx"}) and import it again`
        : `open it in ${k.app} and save it again as .${kind}`,
    );
  }

  // Every read is capped while it inflates: a lying directory cannot make us unpack more than the limit.
  let budget = limits.maxUnpackedBytes;
  // An entry read whole once has shown its size: reading it again costs no more of the budget.
  const counted = new Set<string>();
  const readCapped = (name: string): Promise<Uint8Array | undefined> => {
    const entry = zip.file(name);
    if (!entry) return Promise.resolve(undefined);
    const charged = !counted.has(name);
    return new Promise((resolve, reject) => {
      const chunks: Uint8Array[] = [];
      let size = 0;
      const stream = entry.nodeStream("nodebuffer");
      stream
        .on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (charged) budget -= chunk.length;
          if (budget < 0) {
            stream.pause();
            reject(
              new ImportError(
                file,
                "zip-bomb",
                `unpacks to more than ${megabytes(limits.maxUnpackedBytes)} (while reading "${name}"); refused as a possible zip bomb`,
                "do not open this file; ask the sender for the original",
              ),
            );
            return;
          }
          chunks.push(chunk);
        })
        .on("error", (e: Error) =>
          reject(
            new ImportError(file, "corrupt", `is damaged: "${name}" cannot be unpacked (${e.message})`, `open it in ${k.app} and save it again as .${kind}`),
          ),
        )
        .on("end", () => {
          const out = new Uint8Array(size);
          let offset = 0;
          for (const c of chunks) {
            out.set(c, offset);
            offset += c.length;
          }
          const expected = (entry as unknown as SizedEntry)._data?.crc32;
          if (expected !== undefined && crc32(out) !== expected >>> 0) {
            reject(
              new ImportError(
                file,
                "corrupt",
                `is damaged: "${name}" does not unpack to what the zip says it holds (its checksum differs)`,
                `check that the file was copied whole; open it in ${k.app} and save it again as .${kind}`,
              ),
            );
            return;
          }
          counted.add(name);
          resolve(out);
        });
    });
  };
  const pkg: OoxmlPackage = {
    has: (name) => zip.file(name) !== null,
    names: () => names,
    bytes: readCapped,
    readAll: async () => {
      for (const name of names) await readCapped(name);
    },
    text: async (name) => {
      const b = await readCapped(name);
      return b === undefined ? undefined : new TextDecoder("utf-8").decode(b);
    },
    xml: async (name) => {
      const t = await pkg.text(name);
      if (t === undefined) return undefined;
      try {
        return parseXml(t);
      } catch (e) {
        throw new ImportError(
          file,
          "corrupt",
          `is damaged: "${name}" is not valid XML (${(e as Error).message})`,
          `open it in ${k.app} and save it again as .${kind}`,
        );
      }
    },
  };
  const embedded = names.filter((n) => /(^|\/)(embeddings|oleObject)[/\d]/iu.test(n) || /\/embeddings\//iu.test(n));
  // A chart's own workbook (.xlsx, the target of a chart part's "package" relationship) holds the
  // chart's source data; the chart part caches the values it draws, so the workbook is left unopened.
  const chartWorkbooks = new Set<string>();
  if (embedded.length) {
    for (const rels of names.filter((n) => /(^|\/)charts\/_rels\/[^/]+\.xml\.rels$/u.test(n))) {
      const chart = rels.replace(/_rels\/([^/]+)\.rels$/u, "$1");
      for (const r of (await relationships(pkg, chart)).values())
        if (r.type === "package" && !r.external && /\.xlsx$/iu.test(r.target)) chartWorkbooks.add(r.target);
    }
  }
  const refusedEmbedded = embedded.filter((n) => !chartWorkbooks.has(n));
  if (refusedEmbedded.length) {
    throw new ImportError(
      file,
      "embedded",
      `contains embedded object(s) (${refusedEmbedded.slice(0, 3).join(", ")}${refusedEmbedded.length > 3 ? " …" : ""}); they are never opened, and the file is not imported`,
      `replace each embedded object (a spreadsheet, chart data, another document) with a picture or a table in ${k.app}, save, and import again`,
    );
  }
  return pkg;
}

/** Resolves a relationship target ("../media/image1.png") against the part that refers to it ("ppt/slides/slide1.xml"). */
export function resolvePart(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** The name of a markup text's first element ("svg", "p:sld"), past a byte-order mark, declarations and comments. */
export function rootElementName(bytes: Uint8Array): string | undefined {
  // A picture's bytes are not read as text: markup starts with "<" after at most a byte-order mark and white space.
  const first = bytes.findIndex((byte, index) => index >= 64 || ![0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x00].includes(byte));
  if (first === -1 || bytes[first] !== 0x3c) return undefined;
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "latin1";
  const text =
    encoding === "latin1" ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1") : new TextDecoder(encoding).decode(bytes);
  let at = 0;
  for (;;) {
    while (at < text.length && /[\s\u00ef\u00bb\u00bf\ufeff]/u.test(text[at]!)) at++;
    if (text[at] !== "<") return undefined;
    const skip = text.startsWith("<?", at) ? "?>" : text.startsWith("<!--", at) ? "-->" : text.startsWith("<!", at) ? ">" : undefined;
    if (skip === undefined) return /^<([A-Za-z_][\w.:-]*)/u.exec(text.slice(at, at + 200))?.[1];
    // A DOCTYPE's internal subset ends with "]>".
    const subset = skip === ">" && text.indexOf("[", at) !== -1 && text.indexOf("[", at) < text.indexOf(">", at);
    const end = text.indexOf(subset ? "]>" : skip, at + 2);
    if (end === -1) return undefined;
    at = end + (subset ? 2 : skip.length);
  }
}

/**
 * True for an SVG picture, whatever its part's name: the copy for LibreOffice leaves it out, since an SVG may draw a
 * local file by its address. A gzip part (.svgz, and .emz/.wmz) is looked into; one too large to look into counts.
 */
function isSvg(bytes: Uint8Array): boolean {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return isSvg(gunzipSync(bytes, { maxOutputLength: 16 * 1024 * 1024 }));
    } catch {
      return true;
    }
  }
  return rootElementName(bytes)?.split(":").pop()?.toLowerCase() === "svg";
}

/**
 * One date for every entry, so the same original makes the same copy, byte for byte; and no folder entries, which
 * jszip would date with the clock (a test saw two copies differ across a two-second tick).
 */
const ZIP_DATE = new Date("1980-01-01T00:00:00Z");

const escapeAttribute = (value: string): string => value.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;").replace(/"/gu, "&quot;");

/**
 * The package as LibreOffice may draw it: every relationship that leads outside removed (hyperlinks too: a picture may
 * name one as its source, and LibreOffice fetched it), and every SVG part left out (an SVG may draw a local file by
 * its address). Each part is read through the capped reads, so a part that lies about its size is refused here, not
 * unpacked by LibreOffice.
 */
export async function packageForDrawing(pkg: OoxmlPackage): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const name of pkg.names()) {
    const bytes = (await pkg.bytes(name)) ?? new Uint8Array();
    if (/\.rels$/iu.test(name)) {
      let rels: El;
      try {
        rels = parseXml(new TextDecoder("utf-8").decode(bytes));
      } catch {
        continue; // Unreadable: LibreOffice gets no relationships of that part.
      }
      const kept = rels.children
        .filter((r) => isRelationship(r) && !leadsOutside(r.attrs.TargetMode, r.attrs.Target))
        .map(
          (r) =>
            `<Relationship Id="${escapeAttribute(r.attrs.Id ?? "")}" Type="${escapeAttribute(r.attrs.Type ?? "")}" Target="${escapeAttribute((r.attrs.Target ?? "").trim())}"/>`,
        );
      zip.file(
        name,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${kept.join("")}</Relationships>`,
        { date: ZIP_DATE, createFolders: false },
      );
      continue;
    }
    if (/\.svgz?$/iu.test(name) || isSvg(bytes)) continue;
    zip.file(name, bytes, { date: ZIP_DATE, createFolders: false });
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/**
 * What the package's parts link to outside it, hyperlinks aside: a linked picture, sound, video or template, as
 * "slide1.xml: image file:///…". Lysark never opens them, but LibreOffice fetches them while it draws the slides.
 */
export async function linksOutside(pkg: OoxmlPackage): Promise<string[]> {
  const out: string[] = [];
  for (const rels of pkg.names().filter((name) => /(^|\/)_rels\/[^/]*\.rels$/u.test(name))) {
    const part = rels.replace(/(^|\/)_rels\/([^/]*)\.rels$/u, "$1$2");
    for (const r of (await relationships(pkg, part)).values())
      if (r.external && r.type !== "hyperlink") out.push(`${part.split("/").pop() || "the package"}: ${r.type} ${r.target}`);
  }
  return out;
}

/**
 * True when a relationship leads out of the package, read as loosely as LibreOffice reads it: any TargetMode but
 * "Internal" in any case or spacing, or a target with a scheme ("file:", "http:"), a network path or a drive letter.
 */
export function leadsOutside(targetMode: string | undefined, target: string | undefined): boolean {
  const mode = (targetMode ?? "").trim().toLowerCase();
  const to = (target ?? "").trim();
  return (mode !== "" && mode !== "internal") || /^[a-z][a-z0-9+.-]*:/iu.test(to) || to.startsWith("//") || to.startsWith("\\");
}

/** A relationship element, with or without a namespace prefix ("pr:Relationship"). */
const isRelationship = (el: El): boolean => el.name === "Relationship" || el.name.endsWith(":Relationship");

/** The relationships of a part: id → { type, target (resolved part name), external }. */
export async function relationships(pkg: OoxmlPackage, part: string): Promise<Map<string, { type: string; target: string; external: boolean }>> {
  const dir = part.split("/").slice(0, -1).join("/");
  const base = part.split("/").pop()!;
  const rels = await pkg.xml(`${dir ? `${dir}/` : ""}_rels/${base}.rels`);
  const out = new Map<string, { type: string; target: string; external: boolean }>();
  for (const r of rels?.children ?? []) {
    if (!isRelationship(r)) continue;
    const external = leadsOutside(r.attrs.TargetMode, r.attrs.Target);
    out.set(r.attrs.Id ?? "", {
      type: (r.attrs.Type ?? "").split("/").pop() ?? "",
      target: external ? (r.attrs.Target ?? "") : resolvePart(part, r.attrs.Target ?? ""),
      external,
    });
  }
  return out;
}

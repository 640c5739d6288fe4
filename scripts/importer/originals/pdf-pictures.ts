/**
 * Pictures embedded in a PDF page, found through pdfjs-dist's operator list
 * (the drawing operations after pdfjs has parsed the content stream; nothing
 * is run). Each painted image's position comes from the transformation
 * matrices in force; its description from the page's structure tree, where a
 * tagged PDF gives a figure an /Alt (matched through the marked-content id the
 * image is painted in). An untagged PDF has none: the picture then has no
 * description, the error the editor must fix, as for a pptx picture.
 * Pixels come decoded from pdfjs and are written as PNG with sharp.
 */
import { createHash } from "node:crypto";
import { OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PDFPageProxy } from "pdfjs-dist/types/src/display/api.js";
import sharp from "sharp";
import { LIMITS } from "../../content/limits.ts";
import { describedAlt } from "./model.js";

type Matrix = [number, number, number, number, number, number];

/** A picture painted on a page, before it is encoded. */
export interface PagePicture {
  /** Distance of its top edge from the top of the page, in points. */
  top: number;
  /** Drawn width and height in points. */
  width: number;
  height: number;
  alt: string | undefined;
  png: Uint8Array;
  /** Hash of the pixels: the same logo on every page is one picture. */
  hash: string;
}

/** Images drawn smaller than this (points, either side) are rules, bullets or spacers, not pictures. */
export const MIN_PICTURE_POINTS = 16;
/** An image covering this share of the page is the page itself (a scan under a text layer, a background), not a picture in it. */
export const FULL_PAGE_SHARE = 0.8;
/** How long to wait for pdfjs to hand over a decoded image before leaving it out. */
const IMAGE_TIMEOUT_MS = 10_000;

/**
 * Pixels of the largest image pdfjs decodes (its `maxImageSize`); a larger one is left out unread. A 3 MB PDF holding
 * one 32,000 × 32,000 image of zeros took 6.2 GB to decode, and the check refuses such a picture anyway.
 */
export const MAX_IMAGE_PIXELS = LIMITS.imagePixels;

/**
 * How many image XObjects say they are larger than MAX_IMAGE_PIXELS, for the report: pdfjs leaves them out without a
 * word. An image is a stream, never inside an object stream, so its dictionary stands in the file's bytes (a size given
 * by reference is not counted).
 */
export function oversizedImages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  let count = 0;
  for (const match of text.matchAll(/\/Subtype\s*\/Image\b/gu)) {
    const around = text.slice(Math.max(0, match.index - 512), match.index + 512);
    const side = (name: string) => Number(new RegExp(`/${name}\\s+(\\d+)(?!\\s+\\d+\\s+R)`, "u").exec(around)?.[1] ?? 0);
    if (side("Width") * side("Height") > MAX_IMAGE_PIXELS) count++;
  }
  return count;
}

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

/** The marked-content id → description of a page's structure tree (the nearest /Alt above the content). */
export function altByMarkedContent(tree: unknown): Map<number, string> {
  const out = new Map<number, string>();
  const walk = (node: unknown, alt: string | undefined): void => {
    if (!node || typeof node !== "object") return;
    const n = node as { alt?: unknown; children?: unknown[]; type?: unknown; id?: unknown };
    const own = typeof n.alt === "string" && n.alt.trim() ? n.alt.trim() : alt;
    if (n.type === "content" && typeof n.id === "string" && own) {
      const m = /_mc(\d+)$/u.exec(n.id);
      if (m) out.set(Number(m[1]), own);
    }
    for (const c of n.children ?? []) walk(c, own);
  };
  walk(tree, undefined);
  return out;
}

interface DecodedImage {
  width: number;
  height: number;
  /** pdfjs ImageKind: 1 = 1 bit grey, 2 = RGB, 3 = RGBA. */
  kind: number;
  data?: Uint8Array | Uint8ClampedArray;
}

/** Raw pixels (as pdfjs decodes them) → PNG. */
export async function encodePng(image: DecodedImage): Promise<Uint8Array | undefined> {
  const { width, height, kind, data } = image;
  if (!data || !width || !height) return undefined;
  let pixels: Uint8Array;
  let channels: 1 | 3 | 4;
  if (kind === 1) {
    // One bit per pixel, rows padded to a byte; a set bit is white.
    const rowBytes = (width + 7) >> 3;
    pixels = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = data[y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7)) ? 255 : 0;
    channels = 1;
  } else if (kind === 2 || kind === 3) {
    channels = kind === 2 ? 3 : 4;
    if (data.length < width * height * channels) return undefined;
    pixels = new Uint8Array(data.buffer, data.byteOffset, width * height * channels);
  } else return undefined;
  return new Uint8Array(await sharp(pixels, { raw: { width, height, channels } }).png().toBuffer());
}

function resolved(page: PDFPageProxy, id: string): Promise<DecodedImage | undefined> {
  const objs = id.startsWith("g_") ? page.commonObjs : page.objs;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), IMAGE_TIMEOUT_MS);
    objs.get(id, (data: unknown) => {
      clearTimeout(timer);
      resolve((data as DecodedImage | null) ?? undefined);
    });
  });
}

/**
 * The pictures painted on a page, with their place and description. Pictures
 * drawn smaller than MIN_PICTURE_POINTS are counted in `tiny`, images covering
 * the page (FULL_PAGE_SHARE) in `fullPage`; neither is returned.
 */
export async function pagePictures(
  page: PDFPageProxy,
  pageWidth: number,
  pageHeight: number,
): Promise<{ pictures: PagePicture[]; tiny: number; fullPage: number; failed: number; repeated: number }> {
  const ops = await page.getOperatorList();
  const alts = altByMarkedContent(await page.getStructTree().catch(() => null));
  const pictures: PagePicture[] = [];
  let tiny = 0;
  let fullPage = 0;
  let failed = 0;
  let repeated = 0;
  // An image painted again is encoded once, and a picture already on the page is not written twice: a 125 KB PDF
  // painting one image 5,000 times made 5,000 files (587 MB).
  const encoded = new Map<string, Promise<Uint8Array | undefined>>();
  const onPage = new Set<string>();
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const saved: Matrix[] = [];
  const marked: (number | null)[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) saved.push(ctm);
    else if (fn === OPS.restore) ctm = saved.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as unknown as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      saved.push(ctm);
      const m = args?.[0] as Matrix | null | undefined;
      if (m && m.length === 6) ctm = multiply(ctm, [...m] as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = saved.pop() ?? ctm;
    else if (fn === OPS.beginMarkedContent) marked.push(null);
    else if (fn === OPS.beginMarkedContentProps) marked.push(typeof args?.[1] === "number" ? args[1] : null);
    else if (fn === OPS.endMarkedContent) marked.pop();
    else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) {
      // The image fills the unit square under the current matrix.
      const xs = [ctm[4], ctm[0] + ctm[4], ctm[2] + ctm[4], ctm[0] + ctm[2] + ctm[4]];
      const ys = [ctm[5], ctm[1] + ctm[5], ctm[3] + ctm[5], ctm[1] + ctm[3] + ctm[5]];
      const width = Math.max(...xs) - Math.min(...xs);
      const height = Math.max(...ys) - Math.min(...ys);
      if (width < MIN_PICTURE_POINTS || height < MIN_PICTURE_POINTS) {
        tiny++;
        continue;
      }
      if (width * height >= FULL_PAGE_SHARE * pageWidth * pageHeight) {
        fullPage++;
        continue;
      }
      const id = fn === OPS.paintImageXObject ? String(args?.[0]) : undefined;
      const encode = async (): Promise<Uint8Array | undefined> => {
        const image = id !== undefined ? await resolved(page, id) : ((args?.[0] as DecodedImage | undefined) ?? undefined);
        return image ? await encodePng(image).catch(() => undefined) : undefined;
      };
      let png: Promise<Uint8Array | undefined>;
      if (id === undefined) png = encode();
      else png = encoded.get(id) ?? encoded.set(id, encode()).get(id)!;
      const bytes = await png;
      if (!bytes) {
        failed++;
        continue;
      }
      const hash = createHash("sha256").update(bytes).digest("hex");
      if (onPage.has(hash)) {
        repeated++;
        continue;
      }
      onPage.add(hash);
      const mcid = [...marked].reverse().find((m) => m !== null);
      pictures.push({
        top: pageHeight - Math.max(...ys),
        width,
        height,
        alt: describedAlt(mcid !== undefined && mcid !== null ? alts.get(mcid) : undefined),
        png: bytes,
        hash,
      });
    }
  }
  return { pictures, tiny, fullPage, failed, repeated };
}

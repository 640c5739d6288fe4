/**
 * The check's last step for body images: each is decoded completely by sharp,
 * the library the build resizes it with, and held to the size limits, so a
 * truncated file or a decompression bomb fails `npm run check` with the line
 * that uses it instead of crashing the build.
 */
import { readFileSync, statSync } from "node:fs";
import sharp from "sharp";
import type { LoadedDocument } from "./load.ts";
import { LIMITS } from "./limits.ts";
import { writtenSource } from "./markdown.ts";
import type { Problem } from "./problems.ts";

/**
 * True when the file stops before its format's end marker. sharp reports a
 * truncated file only as a libvips warning, which other images decoded at the
 * same time in the process (the build draws social cards meanwhile) can hide.
 */
export function isTruncated(bytes: Buffer): boolean {
  const tail = (marker: number[]) => marker.every((byte, i) => bytes[bytes.length - marker.length + i] === byte);
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    // The IEND chunk: length 0, "IEND", its CRC.
    return !tail([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    // JPEG ends with EOI (FF D9), possibly followed by padding.
    return bytes.lastIndexOf(Buffer.from([0xff, 0xd9])) === -1;
  }
  if (bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") {
    return bytes.readUInt32LE(4) + 8 > bytes.length;
  }
  if (bytes.subarray(0, 3).toString("latin1") === "GIF") return !tail([0x3b]);
  return false;
}

/** What sharp may read a body image as: the formats its extension can name (scripts/images/images.ts). */
const PICTURE_FORMATS = new Set<string | undefined>(["png", "jpeg", "webp", "heif", "gif", "tiff"]);

/** What is wrong with one image file, or undefined when it is fine. */
export async function imageProblem(file: string | Buffer): Promise<string | undefined> {
  const size = typeof file === "string" ? statSync(file).size : file.length;
  if (size > LIMITS.imageBytes) {
    return `is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${LIMITS.imageBytes / 1024 / 1024} MB. Save it smaller (a slide picture rarely needs more than 2000 pixels across).`;
  }
  try {
    // The header first, so a huge image is refused before its pixels are decoded.
    const { width = 0, height = 0, format } = await sharp(file, { limitInputPixels: false }).metadata();
    // sharp reads by content, not by name: a drawing saved as .png would be drawn, its links and fonts with it.
    if (!PICTURE_FORMATS.has(format))
      return `is ${format === "svg" ? "an SVG drawing" : format === "pdf" ? "a PDF" : `a ${String(format).toUpperCase()} file`}, not a picture of its name's format. Save it as PNG, JPEG, WebP, AVIF, GIF or TIFF.`;
    if (width * height > LIMITS.imagePixels || Math.max(width, height) > LIMITS.imageSide) {
      return `is ${width}×${height} pixels; the limit is ${LIMITS.imagePixels.toLocaleString("en-US")} pixels and ${LIMITS.imageSide} on the longest side. Scale it down.`;
    }
    if (Math.max(width, height) > LIMITS.imageAspect * Math.max(1, Math.min(width, height))) {
      return `is ${width}×${height} pixels: one side is more than ${LIMITS.imageAspect} times the other, too thin to show. Crop it.`;
    }
    if (isTruncated(typeof file === "string" ? readFileSync(file) : file)) {
      return "is cut off: the file ends before the picture does. Is it a complete, valid picture file? Save it again from an image editor.";
    }
    // Decoding every pixel finds a corrupt file the header does not show.
    await sharp(file, { limitInputPixels: LIMITS.imagePixels }).stats();
  } catch (error) {
    return `could not be decoded (${(error as Error).message.split("\n")[0]}). Is it a complete, valid picture file? Save it again from an image editor.`;
  }
  return undefined;
}

/** Every body image of the documents, each file checked once, reported at each document line that uses it. */
export async function verifyImages(documents: readonly LoadedDocument[]): Promise<Problem[]> {
  const results = new Map<string, Promise<string | undefined>>();
  const problems: Problem[] = [];
  for (const doc of documents) {
    for (const image of doc.assets.images) {
      if (!results.has(image.source)) results.set(image.source, imageProblem(image.source));
      const problem = await results.get(image.source)!;
      if (problem) {
        problems.push({
          file: doc.file,
          line: doc.bodyLine + image.line - 1,
          col: 1,
          field: "body",
          severity: "error",
          message: `image "${writtenSource(image.src)}" ${problem}`,
        });
      }
    }
  }
  return problems;
}

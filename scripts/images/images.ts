/**
 * Images in document bodies. Markdown is rendered once per build and
 * synchronously, so each image's responsive HTML is worked out up front with
 * eleventy-img's `statsSync` (it reads only the image's header for its size and
 * names every output file by a hash of the file's bytes and our options); the
 * files themselves (AVIF, WebP and a JPEG or PNG fallback, several widths) are
 * written later by `writeImages`, with sharp, into the output folder.
 * The same input always gives the same file names and bytes.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type EleventyImage from "@11ty/eleventy-img";
import type { ImageOptions } from "@11ty/eleventy-img";
import { type BodyImage, writtenSource } from "../content/markdown.ts";
import { didYouMeanFile } from "../content/problems.ts";
import { resolveContentFile } from "../content/safe-path.ts";
import { removeStaleTemporaryFiles, temporaryName } from "../content/temporary-files.ts";

/**
 * eleventy-img (and sharp under it), required at its first use rather than
 * imported: a pass-1 worker whose documents show no image never needs it, and
 * loading it cost each worker about 0.1 s of CPU.
 */
let loadedImage: typeof EleventyImage | undefined;
function eleventyImage(): typeof EleventyImage {
  loadedImage ??= createRequire(import.meta.url)("@11ty/eleventy-img") as typeof EleventyImage;
  return loadedImage;
}

/** Where processed images are published. */
export const IMAGE_URL_PATH = "/media/";
const OUTPUT_FOLDER = "media";

/** Extensions of the pictures a body may show: what sharp reads and the image pipeline publishes. */
export const PUBLISHABLE_IMAGE_EXTENSIONS: ReadonlySet<string> = new Set([".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".tif", ".tiff"]);
const SUPPORTED = PUBLISHABLE_IMAGE_EXTENSIONS;

/** Widths offered in srcset; wider than the original is never made. */
export const IMAGE_WIDTHS = [480, 960, 1440];
/** The body column is at most 72rem wide. */
const SIZES = "(min-width: 74rem) 70rem, 100vw";

/** An image file that the build must process. */
export interface ImageAsset {
  /** Absolute realpath of the source file, inside the content folder. */
  source: string;
  /** As written in the body, and the line (relative to the body) where it is first used. */
  src: string;
  line: number;
  /** Fallback format for browsers without AVIF/WebP: PNG keeps transparency. */
  fallback: "png" | "jpeg";
}

function options(fallback: ImageAsset["fallback"]): ImageOptions {
  return {
    widths: IMAGE_WIDTHS,
    formats: ["avif", "webp", fallback],
    urlPath: IMAGE_URL_PATH,
    outputDir: OUTPUT_FOLDER,
    hashLength: 12,
    sharpAvifOptions: { quality: 55, effort: 1 },
    sharpWebpOptions: { quality: 78 },
    sharpJpegOptions: { quality: 80, mozjpeg: true },
    sharpPngOptions: { compressionLevel: 9 },
  };
}

export interface ImageRenderer {
  render(image: BodyImage): { html: string } | { problem: string };
  /** The images rendered so far, to process later. */
  assets(): ImageAsset[];
}

/**
 * A renderer for the images of one document. `documentFile` is the Markdown
 * file's absolute path; images must be files in its folder, and inside
 * `contentRoot` (the content folder's realpath) once symbolic links are resolved.
 */
export function createImageRenderer(documentFile: string, contentRoot: string): ImageRenderer {
  const folder = path.resolve(path.dirname(documentFile));
  const assets = new Map<string, ImageAsset>();
  return {
    assets: () => [...assets.values()],
    render(image) {
      const src = image.src;
      if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//")) {
        return {
          problem: `image "${src}" is on another site. Pictures from elsewhere are blocked by the site's security policy and may vanish: save the file next to the document and write ![${image.alt}](file-name.png).`,
        };
      }
      let relative: string;
      try {
        relative = decodeURIComponent(src.split(/[?#]/)[0]!);
      } catch {
        relative = src;
      }
      const shown = writtenSource(src);
      const file = path.resolve(folder, relative);
      if (path.isAbsolute(relative) || !file.startsWith(folder + path.sep)) {
        return {
          problem: `image "${shown}" must be a file in the same folder as the document (or a folder inside it), written as a relative path like "chart.png".`,
        };
      }
      const extension = path.extname(file).toLowerCase();
      if (!SUPPORTED.has(extension)) {
        return { problem: `image "${shown}" is not a picture format Lysark can publish. Use PNG, JPEG, WebP, AVIF, GIF or TIFF.` };
      }
      const present = (() => {
        try {
          return Boolean(lstatSync(file));
        } catch {
          return false;
        }
      })();
      const resolved = present ? resolveContentFile(contentRoot, file, `image "${shown}"`) : undefined;
      if (resolved && !resolved.ok) return { problem: resolved.problem };
      if (!resolved) {
        const siblings = existsSync(path.dirname(file))
          ? readdirSync(path.dirname(file)).filter((name) => SUPPORTED.has(path.extname(name).toLowerCase()))
          : [];
        return {
          problem: `image "${shown}" not found: there is no file ${path.basename(file)} next to the document.${didYouMeanFile(path.basename(file), siblings)}`,
        };
      }
      const fallback = extension === ".png" || extension === ".gif" ? "png" : "jpeg";
      let html: string;
      try {
        const metadata = eleventyImage().statsSync(resolved.real, { ...options(fallback), useCache: false });
        const attributes: Record<string, string> = { alt: image.alt, sizes: SIZES, loading: "lazy", decoding: "async" };
        // eleventy-img escapes alt but writes every other attribute as it is given.
        if (image.title) attributes.title = escapeAttribute(image.title);
        html = eleventyImage().generateHTML(metadata, attributes);
      } catch (error) {
        return { problem: `image "${shown}" could not be read (${(error as Error).message}). Is it a valid picture file?` };
      }
      if (!assets.has(resolved.real)) assets.set(resolved.real, { source: resolved.real, src, line: image.line, fallback });
      return { html };
    },
  };
}

/** Text made safe inside a double-quoted HTML attribute. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Processes every image into `outputDir`/media, each source once. With a
 * `cacheDir`, files are made there first and copied: their names are hashes
 * of the source bytes and options, so a file made before is reused as it is.
 */
export async function writeImages(images: Iterable<ImageAsset>, outputDir: string, cacheDir?: string): Promise<number> {
  const unique = new Map<string, ImageAsset>();
  for (const image of images) unique.set(image.source, image);
  const sources = [...unique.values()].sort((a, b) => (a.source < b.source ? -1 : 1));
  if (sources.length === 0) return 0;
  const target = path.join(outputDir, OUTPUT_FOLDER);
  if (!cacheDir) {
    await Promise.all(sources.map((image) => eleventyImage()(image.source, { ...options(image.fallback), outputDir: target })));
    return sources.length;
  }
  mkdirSync(cacheDir, { recursive: true });
  removeStaleTemporaryFiles(cacheDir);
  mkdirSync(target, { recursive: true });
  await Promise.all(
    sources.map(async (image) => {
      const files = Object.values(eleventyImage().statsSync(image.source, { ...options(image.fallback), useCache: false }))
        .flat()
        .map((stat) => stat.filename!);
      if (files.some((file) => !existsSync(path.join(cacheDir, file)))) {
        // Made in a folder of this process and renamed in: a killed build never leaves half a file
        // under a name a later build would trust (the names are hashes of the source).
        const temporary = mkdtempSync(path.join(cacheDir, temporaryName()));
        try {
          await eleventyImage()(image.source, { ...options(image.fallback), outputDir: temporary });
          for (const file of files) renameSync(path.join(temporary, file), path.join(cacheDir, file));
        } finally {
          rmSync(temporary, { recursive: true, force: true });
        }
      }
      for (const file of files) copyFileSync(path.join(cacheDir, file), path.join(target, file));
    }),
  );
  return sources.length;
}

/** Site paths of every file `writeImages` makes from one image (each format and width), for the output plan. */
export function imageOutputPaths(image: ImageAsset): string[] {
  const metadata = eleventyImage().statsSync(image.source, { ...options(image.fallback), useCache: false });
  return Object.values(metadata)
    .flat()
    .map((stat) => stat.url);
}

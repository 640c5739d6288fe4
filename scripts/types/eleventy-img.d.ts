// @11ty/eleventy-img ships JavaScript only; these are the parts of its API Lysark uses.
declare module "@11ty/eleventy-img" {
  export interface ImageStat {
    format: string;
    width: number;
    height: number;
    url: string;
    sourceType: string;
    srcset: string;
    filename?: string;
    outputPath?: string;
    size?: number;
  }
  export type ImageMetadata = Record<string, ImageStat[]>;
  export interface ImageOptions {
    widths?: Array<number | "auto" | null>;
    formats?: string[];
    urlPath?: string;
    outputDir?: string;
    useCache?: boolean;
    hashLength?: number;
    sharpAvifOptions?: Record<string, unknown>;
    sharpWebpOptions?: Record<string, unknown>;
    sharpJpegOptions?: Record<string, unknown>;
    sharpPngOptions?: Record<string, unknown>;
    [option: string]: unknown;
  }
  interface ImageFunction {
    (src: string, options?: ImageOptions): Promise<ImageMetadata>;
    statsSync(src: string, options?: ImageOptions): ImageMetadata;
    generateHTML(metadata: ImageMetadata, attributes: Record<string, string | number>, options?: Record<string, unknown>): string;
    concurrency: number;
  }
  const Image: ImageFunction;
  export default Image;
}

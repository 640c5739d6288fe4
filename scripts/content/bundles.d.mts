/** Types of ./bundles.mjs (plain JavaScript: the commands' launcher loads it before anything can load TypeScript). */

export type BundleFormat = "cjs" | "esm";

export interface BundleOptions {
  /** Lysark's folder: sources are named relative to it (default: the one bundles.mjs is in). */
  root?: string;
  /** Where bundles are kept (default: bundleCacheDir(root)). */
  cacheDir?: string;
  format: BundleFormat;
}

export const LYSARK_ROOT: string;

export function bundleCacheDir(root?: string): string | undefined;

export function keptBundle(file: string, options: BundleOptions): string | undefined;

export function makeBundle(file: string, options: BundleOptions): string;

export function bundleOf(file: string, options: BundleOptions): string | undefined;

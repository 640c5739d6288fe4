/**
 * Eleventy configuration: wiring only. Lysark is an Eleventy plugin
 * (scripts/build/eleventy-plugin.ts): it validates in `eleventy.before` and
 * writes every page, asset, card and the search index in `eleventy.after`.
 * `npm run build` runs Eleventy with this plugin itself (scripts/build/build.ts,
 * staging folder and atomic swap); this default export lets a plain
 * `npx @11ty/eleventy --config=.eleventy.ts --input=content` (under tsx) build the same site.
 */
import { lysarkPlugin, type EleventyConfig } from "./scripts/build/eleventy-plugin.ts";

export default function (eleventyConfig: EleventyConfig): void {
  lysarkPlugin({ root: process.cwd() }).configure(eleventyConfig);
}

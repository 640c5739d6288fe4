/**
 * Eleventy configuration: wiring only. Lysark is an Eleventy plugin
 * (scripts/build/eleventy-plugin.ts): it validates in `eleventy.before` and
 * writes every page, asset, card and the search index in `eleventy.after`.
 * `npm run build` runs Eleventy with this plugin itself (scripts/build/build.ts,
 * staging folder and atomic swap); this default export lets a plain
 * `npx tsx node_modules/@11ty/eleventy/cmd.cjs --config=.eleventy.ts --input=content`
 * build the same site (without the staging folder and swap).
 */
import { lysarkPlugin, type EleventyConfig } from "./scripts/build/eleventy-plugin.ts";

export default function (eleventyConfig: EleventyConfig): void {
  // Every page comes from Lysark's page table; a site with templates of its own would keep its formats.
  eleventyConfig.setTemplateFormats([]);
  lysarkPlugin({ root: process.cwd() }).configure(eleventyConfig);
}

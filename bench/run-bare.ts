/**
 * Child process for the benchmark: the baseline. A bare Eleventy 3 build of
 * the same Markdown files (content/**\/*.md) into one minimal Nunjucks layout,
 * in one locale, with Eleventy's own markdown-it: no validation, no i18n, no
 * listing pages, no search. Prints one JSON line like run-lysark.ts.
 *   node --import tsx bench/run-bare.ts <root> <output>
 *
 * Front-matter is parsed by Eleventy itself (gray-matter + js-yaml). Eleventy
 * gives `date` a special meaning (the page date) and fails on `date: unknown`
 * and on a bare year (`date: 2011`, a number in YAML), both valid in Lysark.
 * The baseline adds an `addDateParsing` callback that maps those two to a
 * fixed date; every other value takes Eleventy's own path.
 */
import { cpuMs, ownCpuMs } from "./cpu.ts";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";

const [root, output] = process.argv.slice(2);
if (!root || !output) throw new Error("usage: run-bare.ts <root> <output>");

const input = path.resolve(root, "content");
const layouts = fileURLToPath(new URL("./bare/", import.meta.url));

const start = performance.now();
let written = 0;
const eleventy = new Eleventy(input, path.resolve(output), {
  configPath: false,
  quietMode: true,
  config(eleventyConfig: any) {
    eleventyConfig.setTemplateFormats(["md"]);
    eleventyConfig.setIncludesDirectory(path.relative(input, layouts));
    eleventyConfig.addDateParsing((value: unknown) => {
      if (value === "unknown") return new Date(0);
      if (typeof value === "number") return new Date(Date.UTC(value, 0, 1));
      return undefined;
    });
    eleventyConfig.addGlobalData("layout", "page.njk");
    eleventyConfig.addPassthroughCopy({ [path.join(layouts, "site.css")]: "site.css" });
    eleventyConfig.on("eleventy.after", ({ results }: { results: unknown[] }) => {
      written = results.length;
    });
  },
});
await eleventy.write();
const wallMs = performance.now() - start;
console.log(
  `BENCH ${JSON.stringify({ ok: true, wallMs, timings: { render: wallMs }, pages: written, maxRssBytes: process.resourceUsage().maxRSS * 1024, cpuMs: cpuMs(), ownCpuMs: ownCpuMs() })}`,
);

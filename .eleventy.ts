/**
 * Eleventy configuration: wiring only. Content loading, validation, i18n and
 * page assembly live in scripts/; this file connects them to Eleventy.
 * Lysark's commands pass `configure(root, …)` to Eleventy directly; the default
 * export lets plain `npx @11ty/eleventy --config=.eleventy.ts` (under tsx) work too.
 */
import { fileURLToPath } from "node:url";
import { getSiteData } from "./scripts/site/site-data.ts";
import { templateFilters } from "./scripts/render/filters.ts";
import { NUNJUCKS_OPTIONS } from "./scripts/render/pages.ts";
import { writeBesideEleventy } from "./scripts/render/beside-eleventy.ts";
// Each Nunjucks template is compiled once, not once per paginated page (docs/performance.md).
import "./scripts/build/nunjucks-cache.ts";

export const packageRoot = fileURLToPath(new URL(".", import.meta.url));

// Eleventy ships no TypeScript types; this names the few calls used here.
export interface EleventyConfig {
  addGlobalData(name: string, data: unknown): void;
  addFilter(name: string, filter: (...args: any[]) => unknown): void;
  addPassthroughCopy(paths: Record<string, string>): void;
  addWatchTarget(path: string): void;
  setIncludesDirectory(dir: string): void;
  setTemplateFormats(formats: string[]): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  on(event: string, handler: (...args: any[]) => unknown): void;
}

export interface ConfigureOptions {
  /**
   * True when the caller (npm run build, npm start) writes the pages of
   * scripts/render/pages.ts (documents and paginated listings), attachments,
   * images and social cards itself, as timed phases of its own.
   * Otherwise they are written after Eleventy's build, so a plain Eleventy run
   * still produces the whole site.
   */
  callerWritesRest?: boolean;
}

/** Configuration for a project whose content/ and site.config.json are in `root`. */
export function configure(root: string, options: ConfigureOptions = {}) {
  return (eleventyConfig: EleventyConfig): void => {
    eleventyConfig.setIncludesDirectory("../layouts");
    eleventyConfig.setTemplateFormats(["njk"]);
    eleventyConfig.setNunjucksEnvironmentOptions({ ...NUNJUCKS_OPTIONS });
    eleventyConfig.addGlobalData("lysark", () => getSiteData(root));
    for (const [name, filter] of Object.entries(templateFilters)) eleventyConfig.addFilter(name, filter);
    eleventyConfig.addPassthroughCopy({ [`${packageRoot}assets`]: "assets" });
    eleventyConfig.addWatchTarget(`${root}/content/`);
    if (!options.callerWritesRest) {
      eleventyConfig.on("eleventy.after", async (event: { dir?: { output?: string }; directories?: { output?: string } }) => {
        const output = event.directories?.output ?? event.dir?.output;
        if (output) await writeBesideEleventy(getSiteData(root), output, { root });
      });
    }
  };
}

export default configure(process.cwd());

/**
 * Eleventy configuration: wiring only. Content loading, validation, i18n and
 * page assembly live in scripts/; this file connects them to Eleventy.
 * Lysark's commands pass `configure(root)` to Eleventy directly; the default
 * export lets plain `npx @11ty/eleventy --config=.eleventy.ts` (under tsx) work too.
 */
import { fileURLToPath } from "node:url";
import { t } from "./scripts/i18n/strings.ts";
import { urlFor, type Route } from "./scripts/i18n/routes.ts";
import type { UiLocale } from "./scripts/i18n/locales.ts";
import { getSiteData } from "./scripts/site/site-data.ts";
import { addPublishing } from "./scripts/publish/eleventy.ts";
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

/** Configuration for a project whose content/ and site.config.json are in `root`. */
export function configure(root: string) {
  return (eleventyConfig: EleventyConfig): void => {
    eleventyConfig.setIncludesDirectory("../layouts");
    eleventyConfig.setTemplateFormats(["njk"]);
    eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, trimBlocks: true, lstripBlocks: true });
    eleventyConfig.addGlobalData("lysark", () => getSiteData(root));
    eleventyConfig.addFilter("t", (key: string, locale: UiLocale, vars?: Record<string, string | number>) => t(locale, key, vars));
    eleventyConfig.addFilter("route", (kind: Route["kind"], locale: UiLocale) => urlFor(locale, { kind } as Route));
    eleventyConfig.addPassthroughCopy({ [`${packageRoot}assets`]: "assets" });
    eleventyConfig.addWatchTarget(`${root}/content/`);
    addPublishing(eleventyConfig, root);
  };
}

export default configure(process.cwd());

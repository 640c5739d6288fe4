/**
 * Eleventy configuration: wiring only. Content loading, validation, i18n and
 * page assembly live in scripts/; this file connects them to Eleventy.
 */
import { fileURLToPath } from "node:url";
import { t } from "./scripts/i18n/strings.ts";
import { urlFor, type Route } from "./scripts/i18n/routes.ts";
import type { UiLocale } from "./scripts/i18n/locales.ts";
import { getSiteData } from "./scripts/site/site-data.ts";

const packageRoot = fileURLToPath(new URL(".", import.meta.url));

/** Where editors' content lives: the current project, unless a build names another. */
export const contentRoot = (): string => process.env.LYSARK_ROOT ?? process.cwd();

// Eleventy ships no TypeScript types; this names the few calls used here.
interface EleventyConfig {
  addGlobalData(name: string, data: unknown): void;
  addFilter(name: string, filter: (...args: any[]) => unknown): void;
  addPassthroughCopy(paths: Record<string, string>): void;
  addWatchTarget(path: string): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  setQuietMode(quiet: boolean): void;
}

export default function (eleventyConfig: EleventyConfig) {
  eleventyConfig.addGlobalData("lysark", () => getSiteData(contentRoot()));
  eleventyConfig.addFilter("t", (key: string, locale: UiLocale, vars?: Record<string, string | number>) => t(locale, key, vars));
  eleventyConfig.addFilter("route", (kind: Route["kind"], locale: UiLocale) => urlFor(locale, { kind } as Route));
  eleventyConfig.addPassthroughCopy({ [`${packageRoot}assets`]: "assets" });
  eleventyConfig.addWatchTarget(`${contentRoot()}/content/`);
  eleventyConfig.setNunjucksEnvironmentOptions({ throwOnUndefined: false, autoescape: true, trimBlocks: true, lstripBlocks: true });

  return {
    dir: { input: `${packageRoot}pages`, includes: "../layouts" },
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
  };
}

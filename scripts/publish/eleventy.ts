/**
 * Eleventy wiring for publishing: template filters for feeds, sitemap,
 * robots.txt, JSON-LD and OpenGraph, and (outside `npm run build`, which runs
 * it as its own timed phases) writing attachments, images and social cards
 * after each Eleventy build, so the dev server shows them too.
 */
import type { EleventyConfig } from "../../.eleventy.ts";
import type { UiLocale } from "../i18n/locales.ts";
import type { SiteConfig } from "../site/config.ts";
import type { DocumentPage, SiteModel } from "../site/model.ts";
import { getSiteData } from "../site/site-data.ts";
import { writePublishAssets } from "./assets.ts";
import { siteCardUrl } from "./document.ts";
import { atomFeed, feedUrl, robotsTxt, sitemapXml } from "./feeds.ts";
import { documentJsonLd, scriptSafeJson } from "./json-ld.ts";

interface Data { model: SiteModel; config: SiteConfig }

/** OpenGraph locale names. */
const OG_LOCALES: Record<string, string> = { nb: "nb_NO", en: "en_GB", sv: "sv_SE", da: "da_DK", nn: "nn_NO" };

export function addPublishing(eleventyConfig: EleventyConfig, root: string): void {
  eleventyConfig.addFilter("feedUrl", (locale: UiLocale) => feedUrl(locale));
  eleventyConfig.addFilter("atomFeed", (locale: UiLocale, data: Data) => atomFeed(locale, data));
  eleventyConfig.addFilter("sitemapXml", (data: Data) => sitemapXml(data));
  eleventyConfig.addFilter("robotsTxt", (data: Data) => robotsTxt(data));
  eleventyConfig.addFilter("jsonLd", (page: DocumentPage, data: Data) => scriptSafeJson(documentJsonLd(page, data.config)));
  eleventyConfig.addFilter("ogLocale", (locale: string) => OG_LOCALES[locale] ?? locale);
  eleventyConfig.addFilter("siteCardUrl", (locale: UiLocale) => siteCardUrl(locale));

  // `npm run build` writes these files itself (see scripts/build/build.ts); other runs get them here.
  eleventyConfig.on("eleventy.after", async (event: { runMode?: string; dir?: { output?: string }; directories?: { output?: string } }) => {
    if (event.runMode === "build") return;
    const output = event.directories?.output ?? event.dir?.output;
    if (output) await writePublishAssets(getSiteData(root), output, { root });
  });
}

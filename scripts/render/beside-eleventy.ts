/**
 * Everything a Lysark site has besides Eleventy's own templates: the document
 * pages (./document-pages.ts), attachments, images and social cards. `npm run
 * build` runs these as separate, timed phases; this is for other runs of
 * Eleventy (plain `npx @11ty/eleventy` with .eleventy.ts).
 */
import type { SiteData } from "../site/site-data.ts";
import { writePublishAssets, type PublishAssetsOptions } from "../publish/assets.ts";
import { documentPageRenderer } from "./document-pages.ts";

export async function writeBesideEleventy(data: SiteData, outputDir: string, options: PublishAssetsOptions = {}): Promise<void> {
  const time = options.time ?? (async (_phase, work) => work());
  await time("documents", () => documentPageRenderer(data).write(data.model.pages.document, outputDir));
  await writePublishAssets(data, outputDir, options);
}

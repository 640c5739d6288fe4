/**
 * Everything a Lysark site has besides Eleventy's own templates: the pages of
 * ./pages.ts (documents and paginated listings), attachments, images and social cards. `npm run
 * build` runs these as separate, timed phases; this is for other runs of
 * Eleventy (plain `npx @11ty/eleventy` with .eleventy.ts).
 */
import type { SiteData } from "../site/site-data.ts";
import { writePublishAssets, type PublishAssetsOptions } from "../publish/assets.ts";
import { pageRenderer } from "./pages.ts";

export async function writeBesideEleventy(data: SiteData, outputDir: string, options: PublishAssetsOptions = {}): Promise<void> {
  const time = options.time ?? (async (_phase, work) => work());
  await time("pages", () => pageRenderer(data).writeAll(outputDir));
  await writePublishAssets(data, outputDir, options);
}

/**
 * Everything a Lysark site has besides Eleventy's own templates: the pages of
 * ./pages.ts (documents and paginated listings), attachments, images and
 * social cards. `npm run build` runs these as separate, timed phases; this is
 * the rest in one call, for the dev server and for other runs of Eleventy
 * (plain `npx @11ty/eleventy` with .eleventy.ts).
 */
import type { SiteData } from "../site/site-data.ts";
import { untimed, writePublishAssets, type PublishAssetsOptions } from "../publish/assets.ts";
import { pageRenderer } from "./pages.ts";

/** Writes the streamed pages, then attachments, images and cards; returns the page files. */
export async function writeBesideEleventy(data: SiteData, outputDir: string, options: PublishAssetsOptions = {}): Promise<string[]> {
  const time = options.time ?? untimed;
  const pages = await time("pages", () => pageRenderer(data).writeAll(outputDir));
  await writePublishAssets(data, outputDir, options);
  return pages;
}

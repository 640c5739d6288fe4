/**
 * The output plan: every file a build writes into the site, each with the one
 * source it comes from, worked out before anything is written. Pages come
 * from the page table; beside them are the assets (assets/), attachments,
 * processed images, social cards and the search index's folder (pagefind/,
 * reserved as a whole: Pagefind names its own files). Two sources for one
 * path stop the build with an error naming both, instead of one silently
 * overwriting the other.
 */
import path from "node:path";
import { filesUnder } from "../content/files-under.ts";
import { DEFAULT_LOCALE } from "../i18n/locales.ts";
import { imageOutputPaths } from "../images/images.ts";
import { ASSETS_DIR } from "../publish/assets.ts";
import { cardUrl, siteCardUrl } from "../publish/document.ts";
import { PAGE_TABLE } from "../site/page-table.ts";
import type { SiteData } from "../site/site-data.ts";
import type { DocumentPage } from "../site/views.ts";

export { OutputConflict, OutputPlan, type PlanEntries, SEARCH_FOLDER } from "./plan.ts";
import { OutputPlan, SEARCH_FOLDER } from "./plan.ts";

/** A page of another kind than a document page, named by its document where it belongs to one (citations). */
function describeSource(kind: string, page: unknown): string {
  const owner = (page as { page?: DocumentPage }).page;
  return owner?.view ? `the ${kind} file of ${owner.view.doc.file} (${owner.locale})` : `the ${kind} page`;
}

/** Every file of the site `data` describes; throws OutputConflict when two sources claim one path. */
export function planOutput(data: SiteData): OutputPlan {
  const plan = new OutputPlan();
  for (const spec of PAGE_TABLE) {
    for (const page of spec.pages(data)) {
      const source =
        spec.kind === "document" ? `the ${(page as DocumentPage).locale} page of ${(page as DocumentPage).view.doc.file}` : describeSource(spec.kind, page);
      plan.claim(spec.file(page), source);
    }
  }
  for (const file of filesUnder(ASSETS_DIR)) plan.claim(`/assets/${file}`, `assets/${file}`);
  const imagesDone = new Set<string>();
  for (const view of data.model.documents) {
    const { doc } = view;
    doc.assets.attachments.forEach((attachment, index) => {
      plan.claim(`${view.urls[DEFAULT_LOCALE]}${attachment.file}`, `attachment "${attachment.file}" of ${doc.file}:${doc.fieldLine(["attachments", index])}`);
    });
    for (const image of doc.assets.images) {
      if (imagesDone.has(image.source)) continue;
      imagesDone.add(image.source);
      for (const file of imageOutputPaths(image)) plan.claim(file, `image ${path.basename(image.source)} of ${doc.file}`, `image:${file}`);
    }
    if (data.config.socialCards === "documents") plan.claim(cardUrl(view), `the social card of ${doc.file}`);
  }
  for (const locale of data.model.locales) plan.claim(siteCardUrl(locale), `the site's social card (${locale})`);
  plan.reserveFolder(SEARCH_FOLDER, "the search index (Pagefind)");
  return plan;
}

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

/**
 * A page's source, described only when asked (see ClaimSource): a document page by its file and locale, a page made
 * from one (a citation) by its kind, that page's file and its locale, any other page by its kind. It holds the document's file name and
 * the locale, strings the model has anyway, and not the page: the plan outlives the model (the whole-site cache is
 * kept with it after the pages are written), and a page would keep its document and view.
 */
class PageSource {
  private constructor(
    private readonly kind: string,
    private readonly file?: string,
    private readonly locale?: string,
  ) {}

  static of(kind: string, page: unknown): PageSource {
    const owner = kind === "document" ? (page as DocumentPage) : (page as { page?: DocumentPage }).page;
    return owner?.view ? new PageSource(kind, owner.view.doc.file, owner.locale) : new PageSource(kind);
  }

  describe(): string {
    const { kind, file, locale } = this;
    if (file === undefined) return `the ${kind} page`;
    return kind === "document" ? `the ${locale} page of ${file}` : `the ${kind} file of ${file} (${locale})`;
  }
}

/** A file that comes with a document (an image, its card), described only when asked, by the document's file name. */
class DocumentFileSource {
  constructor(
    private readonly file: string,
    private readonly what: (file: string) => string,
  ) {}

  describe(): string {
    return this.what(this.file);
  }
}

/** Every file of the site `data` describes; throws OutputConflict when two sources claim one path. */
export function planOutput(data: SiteData): OutputPlan {
  const plan = new OutputPlan();
  for (const spec of PAGE_TABLE) {
    for (const page of spec.pages(data)) plan.claim(spec.file(page), PageSource.of(spec.kind, page));
  }
  for (const file of filesUnder(ASSETS_DIR)) plan.claim(`/assets/${file}`, `assets/${file}`);
  const imagesDone = new Set<string>();
  const card = (file: string) => `the social card of ${file}`;
  for (const view of data.model.documents) {
    const { doc } = view;
    doc.assets.attachments.forEach((attachment, index) => {
      // The line is found only for a message: finding it parses the front-matter again (an attachment's source keeps its document).
      plan.claim(`${view.urls[DEFAULT_LOCALE]}${attachment.file}`, {
        describe: () => `attachment "${attachment.file}" of ${doc.file}:${doc.fieldLine(["attachments", index])}`,
      });
    });
    for (const image of doc.assets.images) {
      if (imagesDone.has(image.source)) continue;
      imagesDone.add(image.source);
      const what = (file: string) => `image ${path.basename(image.source)} of ${file}`;
      for (const file of imageOutputPaths(image)) plan.claim(file, new DocumentFileSource(doc.file, what), `image:${file}`);
    }
    if (data.config.socialCards === "documents") plan.claim(cardUrl(view), new DocumentFileSource(doc.file, card));
  }
  for (const locale of data.model.locales) plan.claim(siteCardUrl(locale), `the site's social card (${locale})`);
  plan.reserveFolder(SEARCH_FOLDER, "the search index (Pagefind)");
  return plan;
}

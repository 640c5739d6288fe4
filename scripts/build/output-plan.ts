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
import type { LoadedDocument } from "../content/loaded.ts";
import type { DocumentPage } from "../site/views.ts";

export { OutputConflict, OutputPlan, type PlanEntries, SEARCH_FOLDER } from "./plan.ts";
import { OutputPlan, SEARCH_FOLDER } from "./plan.ts";

/**
 * A page's source, described only when asked (see ClaimSource): a document page by its file and locale, a page made
 * from one (a citation) by its kind and that page, any other page by its kind. It holds the document page, which the
 * model keeps anyway, and not the page made from it: those are made afresh for each use.
 */
class PageSource {
  private constructor(
    private readonly kind: string,
    private readonly owner: DocumentPage | undefined,
  ) {}

  static of(kind: string, page: unknown): PageSource {
    if (kind === "document") return new PageSource(kind, page as DocumentPage);
    const owner = (page as { page?: DocumentPage }).page;
    return new PageSource(kind, owner?.view ? owner : undefined);
  }

  describe(): string {
    const { kind, owner } = this;
    if (!owner) return `the ${kind} page`;
    return kind === "document" ? `the ${owner.locale} page of ${owner.view.doc.file}` : `the ${kind} file of ${owner.view.doc.file} (${owner.locale})`;
  }
}

/** A file that comes with a document (an attachment, an image, its card), described only when asked. */
class DocumentFileSource {
  constructor(
    private readonly doc: LoadedDocument,
    private readonly what: (doc: LoadedDocument) => string,
  ) {}

  describe(): string {
    return this.what(this.doc);
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
  const card = (doc: LoadedDocument) => `the social card of ${doc.file}`;
  for (const view of data.model.documents) {
    const { doc } = view;
    doc.assets.attachments.forEach((attachment, index) => {
      // The line is found only for a message: finding it parses the front-matter again.
      const what = (of: LoadedDocument) => `attachment "${attachment.file}" of ${of.file}:${of.fieldLine(["attachments", index])}`;
      plan.claim(`${view.urls[DEFAULT_LOCALE]}${attachment.file}`, new DocumentFileSource(doc, what));
    });
    for (const image of doc.assets.images) {
      if (imagesDone.has(image.source)) continue;
      imagesDone.add(image.source);
      const what = (of: LoadedDocument) => `image ${path.basename(image.source)} of ${of.file}`;
      for (const file of imageOutputPaths(image)) plan.claim(file, new DocumentFileSource(doc, what), `image:${file}`);
    }
    if (data.config.socialCards === "documents") plan.claim(cardUrl(view), new DocumentFileSource(doc, card));
  }
  for (const locale of data.model.locales) plan.claim(siteCardUrl(locale), `the site's social card (${locale})`);
  plan.reserveFolder(SEARCH_FOLDER, "the search index (Pagefind)");
  return plan;
}

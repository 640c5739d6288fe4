/**
 * The pages at a moved document's old addresses (`movedFrom`, content/moved.ts): at each, in every locale, a page
 * that sends the reader on to the document, and one at its old embed view that sends an <iframe> on to the new one.
 * A static site cannot answer 301 on every host (GitHub Pages cannot), so the page does what hosts all serve: a
 * refresh at once, which browsers follow and search engines take as a permanent move, and a link for anyone whose
 * browser does not. Not indexed and not in the sitemap; its crumbs, title and language switcher are the site's.
 */
import type { Route } from "../i18n/routes.ts";
import { t } from "../i18n/strings.ts";
import { homeCrumb, pageBase } from "../site/page-base.ts";
import type { DocumentPage, PageBase } from "../site/views.ts";
import { embedUrl } from "./embed.ts";

export interface MovedPage extends PageBase {
  /** The site path the page sends the reader to: the document page, or its embed view. */
  movedTo: string;
  document: DocumentPage;
}

/** The pages at `page`'s document's old addresses in its locale: the document's, then its embed view's, for each. */
export function movedPages(page: DocumentPage): MovedPage[] {
  const { locale } = page;
  return page.view.doc.meta.movedFrom.flatMap((address) => {
    const [publisher = "", slug = ""] = address.split("/");
    const moved = (route: Route, movedTo: string): MovedPage => ({
      ...pageBase(locale, route, t(locale, "moved.title"), [homeCrumb(locale)]),
      movedTo,
      document: page,
    });
    return [moved({ kind: "document", publisher, slug }, page.url), moved({ kind: "embed", publisher, slug }, embedUrl(locale, page.view))];
  });
}

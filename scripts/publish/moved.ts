/**
 * The pages at old addresses: a moved document's (`movedFrom` of the document, or of its publisher: content/moved.ts),
 * its page and its embed view in every locale, and a renamed or merged publisher's page. Each sends the reader on:
 * the embed view sends an <iframe> on to the new one. A static site cannot answer 301 on every host (GitHub Pages
 * cannot), so the page does what hosts all serve: a refresh at once, which browsers follow and search engines take as a
 * permanent move, and a link for anyone whose browser does not. Not indexed and not in the sitemap; its crumbs, title
 * and language switcher are the site's.
 */
import { type Route, urlFor } from "../i18n/routes.ts";
import type { UiLocale } from "../i18n/locales.ts";
import { t } from "../i18n/strings.ts";
import { homeCrumb, pageBase } from "../site/page-base.ts";
import type { DocumentPage, PageBase } from "../site/views.ts";
import { embedUrl } from "./embed.ts";

/** From an old address to where it leads now: a page, or a file (a publisher's feed). Both are site paths. */
export interface Move {
  url: string;
  movedTo: string;
}

/** Everything under the site path `from` is now under `to` (both end in "/"): a renamed publisher's addresses of one kind. */
export interface PrefixMove {
  from: string;
  to: string;
}

export interface MovedPage extends PageBase, Move {
  /** What the link names: the document, or the publisher, where it is now. */
  target: { title: string; lang: string };
  /** The sentence before that link. */
  text: string;
  /** A moved document's page, whose card and oEmbed file a link shared at the old address previews; none for a publisher. */
  document?: DocumentPage;
  /** At a renamed publisher's old page: its old addresses by kind (its page and feed, its documents, their embed views). */
  prefixes?: PrefixMove[];
}

/** A page at a moved document's old address. */
export type MovedDocumentPage = MovedPage & { document: DocumentPage };

/** The pages at `page`'s document's old addresses in its locale (`movedFrom`): the document's, then its embed view's, for each. */
export function movedPages(page: DocumentPage): MovedDocumentPage[] {
  const { locale } = page;
  return page.movedFrom.flatMap((address) => {
    const [publisher = "", slug = ""] = address.split("/");
    const moved = (route: Route, movedTo: string): MovedDocumentPage => ({
      ...pageBase(locale, route, t(locale, "moved.title"), [homeCrumb(locale)]),
      movedTo,
      target: { title: page.title, lang: page.titleLang },
      text: t(locale, "moved.text"),
      document: page,
    });
    return [moved({ kind: "document", publisher, slug }, page.url), moved({ kind: "embed", publisher, slug }, embedUrl(locale, page.view))];
  });
}

/**
 * The page at the old address `old` of the publisher `now` (its `movedFrom`) in `locale`, sending the reader on to
 * its page.
 */
export function movedPublisherPage(locale: UiLocale, old: string, now: string, publisherName: string): MovedPage {
  const page = pageBase(locale, { kind: "publisher", id: old }, t(locale, "moved.publisherTitle"), [homeCrumb(locale)]);
  const movedTo = urlFor(locale, { kind: "publisher", id: now });
  // A document's folder of addresses: its address without the slug.
  const folder = (kind: "document" | "embed", publisher: string) => urlFor(locale, { kind, publisher, slug: "x" }).slice(0, -"x/".length);
  return {
    ...page,
    movedTo,
    target: { title: publisherName, lang: locale },
    text: t(locale, "moved.publisherText"),
    prefixes: [
      { from: page.url, to: movedTo },
      { from: folder("document", old), to: folder("document", now) },
      { from: folder("embed", old), to: folder("embed", now) },
    ],
  };
}

/**
 * Embedding a document on another site: a chrome-less view per document and
 * locale (the presentation mode with its slide navigation, and a link back to
 * the full page) in a section of the site of its own (`/innebygd/…`,
 * `/en/embed/…`), the `<iframe>` snippet a document page offers to copy, and
 * a JSON oEmbed file beside each document page, announced by a
 * `<link rel="alternate" type="application/json+oembed">`.
 *
 * The view is a section of its own, not a folder under the document, because
 * Cloudflare Pages joins the CSP of every matching `_headers` rule: a rule for
 * `/dokumenter/*` that forbids framing would forbid it for anything below it
 * too. So only the embed section may be framed (scripts/publish/headers.ts).
 */
import { alternatesFor, urlFor, type Route } from "../i18n/routes.ts";
import { t } from "../i18n/strings.ts";
import type { UiLocale } from "../i18n/locales.ts";
import type { SiteConfig } from "../site/config.ts";
import type { DocumentPage, DocumentView, PageBase } from "../site/views.ts";

/** The iframe's size in the snippet and the oEmbed response: 4:3 with room for the controls. */
export const EMBED_WIDTH = 640;
export const EMBED_HEIGHT = 480;

/** The embed view of one document page: its own address, the document page's content. */
export interface EmbedPage extends PageBase {
  document: DocumentPage;
}

function embedRoute(view: DocumentView): Route {
  return { kind: "embed", publisher: view.doc.meta.publisher, slug: view.doc.slug };
}

/** Site path of a document's embed view in `locale`. */
export function embedUrl(locale: UiLocale, view: DocumentView): string {
  return urlFor(locale, embedRoute(view));
}

export function embedPage(page: DocumentPage): EmbedPage {
  const route = embedRoute(page.view);
  return {
    locale: page.locale,
    lang: page.lang,
    url: urlFor(page.locale, route),
    title: page.title,
    alternates: alternatesFor(route),
    crumbs: [],
    document: page,
  };
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * The frame's style: as wide as the page it is pasted into allows, up to its width, at 4:3. A page that refuses
 * style attributes (a strict Content-Security-Policy, a CMS that strips them) keeps width and height.
 */
export const EMBED_STYLE = `width:100%;max-width:${EMBED_WIDTH}px;height:auto;aspect-ratio:${EMBED_WIDTH}/${EMBED_HEIGHT};border:0`;

/** The `<iframe>` to paste into another page; its title names the document, as screen readers need. */
export function embedSnippet(absoluteUrl: string, title: string, locale: UiLocale): string {
  const frameTitle = `${title} – ${t(locale, "site.name")}`;
  return `<iframe src="${escapeAttribute(absoluteUrl)}" title="${escapeAttribute(frameTitle)}" width="${EMBED_WIDTH}" height="${EMBED_HEIGHT}" style="${EMBED_STYLE}" loading="lazy" allowfullscreen></iframe>`;
}

/** The oEmbed response (https://oembed.com, type "rich") for one document page, as a static JSON file. */
export function oembedJson(page: DocumentPage, config: Pick<SiteConfig, "url">): string {
  const abs = (path: string) => `${config.url}${path}`;
  const response = {
    version: "1.0",
    type: "rich",
    title: page.title,
    author_name: page.publish.citation.authors.join(", "),
    author_url: abs(page.publisherUrl),
    provider_name: t(page.locale, "site.name"),
    provider_url: abs(urlFor(page.locale, { kind: "home" })),
    html: page.publish.embed.snippet,
    width: EMBED_WIDTH,
    height: EMBED_HEIGHT,
    thumbnail_url: abs(page.publish.card.url),
    thumbnail_width: page.publish.card.width,
    thumbnail_height: page.publish.card.height,
  };
  return `${JSON.stringify(response, null, 2)}\n`;
}

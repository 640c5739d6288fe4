/**
 * The page table: every page the site has, by kind. Each kind names its
 * template (layouts/pages/<template>.njk, inside layouts/base.njk) or, for
 * feeds, sitemap, robots.txt and the key-figure downloads, the function that
 * writes its text; where its pages come from in the site model (one per
 * locale, or more for paginated listings); and the file each page is written
 * to. The renderer (scripts/render/pages.ts) and the output plan
 * (scripts/build/output-plan.ts) both read this one table, so finding where
 * a page comes from takes one look here.
 */
import { t } from "../i18n/strings.ts";
import type { UiLocale } from "../i18n/locales.ts";
import type { Download, IndicatorPage } from "../keyfigures/assemble.ts";
import { bibtex, cslJson } from "../publish/cite.ts";
import {
  atomFeed,
  feedUrl,
  listingAtomFeed,
  listingFeedKey,
  robotsTxt,
  sitemapFiles,
  sitemapPieces,
  type ListingFeed,
  type SitemapFile,
} from "../publish/feeds.ts";
import { basePathOf } from "../content/base-path.ts";
import { headerRules, headersFile } from "../publish/headers.ts";
import { embedPage, oembedJson, type EmbedPage } from "../publish/embed.ts";
import { movedPages, type Move, type MovedDocumentPage, type MovedPage } from "../publish/moved.ts";
import { REDIRECTS_FILE, redirectsFile } from "../publish/redirects.ts";
import { BIBTEX_FILE, CSL_FILE, OEMBED_FILE } from "../content/page-files.ts";
import type { SiteData } from "./site-data.ts";
import { indexDescription, indicatorDescription, listingDescription, publisherDescription } from "./descriptions.ts";
import type { DocumentPage, ListPage, PageBase, PublisherPage } from "./views.ts";
import type { LoadedDocument } from "../content/loaded.ts";

export interface PageKind<P = any> {
  kind: string;
  /** Template under layouts/pages/ (without .njk), rendered inside base.njk. */
  template?: string;
  /** The layout around the template, when not base.njk (the chrome-less embed view). */
  layout?: string;
  /**
   * The text of a page that is not HTML (feeds, sitemap, downloads); used instead of a template. A text that grows with
   * the archive (the sitemap, the key-figure downloads) comes in pieces, written as they are made, never held whole.
   */
  text?: (page: P, data: SiteData) => string | Iterable<string>;
  /** This kind's pages, in the order they are written. */
  pages: (data: SiteData) => readonly P[];
  /** Site path of a page's file, e.g. "/tema/likestilling/index.html". */
  file: (page: P) => string;
  /** The page's `<meta name="description">`, where it has one. */
  description?: (page: P) => string;
  /** The page's `<meta name="robots">`, when it is not to be indexed; such a page names no canonical address or alternates. */
  robots?: "noindex";
  /** For kinds made per document (its page, embed view, oEmbed, citations): one document's pages, so an edit re-renders them all. */
  ofDocument?: (page: DocumentPage) => readonly P[];
  /** The document whose full rendered body the template shows as `body` (read back from disk by the renderer). */
  bodyOf?: (page: P) => LoadedDocument;
  /**
   * For a text kind whose text depends on nothing but this and the site settings and page code (never on the
   * rest of `data`): what its page-cache key hashes (`data`, JSON; `part` tells its pages of one `data` apart).
   * Such pages are taken from the page cache like templated ones (scripts/render/page-cache.ts). A templated
   * kind whose page is made from one object by page code alone may name that object instead of the page, so
   * its key reuses that object's hash rather than serialising it again.
   */
  cacheKey?: (page: P) => { data: object; part: string };
}

/** A kind with one or more pages per document page: `pages` follows from `ofDocument`. */
function perDocument<P>(spec: Omit<PageKind<P>, "pages" | "ofDocument"> & { ofDocument: (page: DocumentPage) => readonly P[] }): PageKind {
  return { ...spec, pages: (d: SiteData) => d.model.pages.document.flatMap(spec.ofDocument) };
}

/** A page kind with its page type checked, stored in the table as one of many. */
function kind<P>(spec: PageKind<P>): PageKind {
  return spec;
}

/** A listing's feed at one of its old addresses. */
interface MovedFeed {
  feed: ListingFeed;
  url: string;
}

/** A document page's citation download: BibTeX or CSL-JSON, beside the page. */
export interface CitationFile {
  page: DocumentPage;
  format: "bibtex" | "csl";
}

/** `/a/b/` → `/a/b/index.html`. */
const indexFile = (page: PageBase) => `${page.url}index.html`;
const described = (key: string) => (page: PageBase) => t(page.locale, key);

/** The `<meta name="description">` of a document page: its summary, else its title. */
export function documentDescription(page: DocumentPage): string {
  return page.view.doc.meta.summary || page.title;
}

/**
 * Every kind of page. The kinds whose number grows with the archive come
 * first (documents, then the paginated listings); their order is the order
 * pages are written in.
 */
export const PAGE_TABLE: readonly PageKind[] = [
  perDocument<DocumentPage>({
    kind: "document",
    template: "document",
    ofDocument: (page) => [page],
    file: indexFile,
    description: documentDescription,
    bodyOf: (page) => page.view.doc,
  }),
  // A document's chrome-less view for an <iframe> (scripts/publish/embed.ts), and its oEmbed file.
  perDocument<EmbedPage>({
    kind: "embed",
    template: "embed",
    layout: "embed.njk",
    ofDocument: (page) => [embedPage(page)],
    file: indexFile,
    description: (page) => documentDescription(page.document),
    bodyOf: (page) => page.document.view.doc,
    // embedPage(page) is all an embed view holds: keyed by its document page, whose hash the document kind has
    // already taken, instead of serialising that page again inside the embed view (half the cost of a cold build's keys).
    cacheKey: (page) => ({ data: page.document, part: "embed" }),
  }),
  // A moved document's old addresses, each sending the reader on (scripts/publish/moved.ts): not indexed.
  perDocument<MovedDocumentPage>({
    kind: "moved",
    template: "moved",
    ofDocument: movedPages,
    file: indexFile,
    robots: "noindex",
    // Made from its document page and its own address alone, as the embed view is.
    cacheKey: (page) => ({ data: page.document, part: `moved ${page.url}` }),
  }),
  perDocument<DocumentPage>({
    kind: "oembed",
    ofDocument: (page) => [page],
    file: (page) => `${page.url}${OEMBED_FILE}`,
    text: (page, d) => oembedJson(page, d.config),
    // oembedJson reads the page and `url` of the site settings only.
    cacheKey: (page) => ({ data: page, part: "" }),
  }),
  kind<PublisherPage>({ kind: "publisher", template: "publisher", pages: (d) => d.model.pages.publisher, file: indexFile, description: publisherDescription }),
  // A renamed or merged publisher's old page, sending the reader on (scripts/publish/moved.ts): not indexed.
  kind<MovedPage>({ kind: "movedPublisher", template: "moved", pages: (d) => d.model.movedPublishers, file: indexFile, robots: "noindex" }),
  kind<ListPage>({ kind: "topic", template: "topic", pages: (d) => d.model.pages.topic, file: indexFile, description: listingDescription }),
  kind<ListPage>({ kind: "type", template: "type", pages: (d) => d.model.pages.type, file: indexFile, description: listingDescription }),
  kind<ListPage>({ kind: "year", template: "year", pages: (d) => d.model.pages.year, file: indexFile, description: listingDescription }),
  kind({ kind: "home", template: "home", pages: (d) => d.model.pages.home, file: indexFile, description: described("site.tagline") }),
  kind({
    kind: "publishers",
    template: "publishers",
    pages: (d) => d.model.pages.publishers,
    file: indexFile,
    description: indexDescription("describe.publishers"),
  }),
  kind({ kind: "topics", template: "topics", pages: (d) => d.model.pages.topics, file: indexFile, description: indexDescription("describe.topics") }),
  kind({ kind: "types", template: "types", pages: (d) => d.model.pages.types, file: indexFile, description: indexDescription("describe.types") }),
  kind({ kind: "years", template: "years", pages: (d) => d.model.pages.years, file: indexFile, description: indexDescription("describe.years") }),
  kind({ kind: "keyFigures", template: "key-figures", pages: (d) => d.model.pages.keyFigures, file: indexFile, description: described("kf.intro") }),
  kind<IndicatorPage>({
    kind: "indicator",
    template: "indicator",
    pages: (d) => d.model.pages.indicator,
    file: indexFile,
    description: indicatorDescription,
    // Every value of the indicator in the archive, made on read: keyed by the records they are made from instead.
    cacheKey: (page) => ({ data: page.key, part: "" }),
  }),
  kind({ kind: "search", template: "search", pages: (d) => d.model.pages.search, file: indexFile, description: described("search.intro") }),
  kind({ kind: "guide", template: "guide", pages: (d) => d.model.pages.guide, file: indexFile, description: described("guide.title") }),
  kind({ kind: "accessibility", template: "accessibility", pages: (d) => d.model.pages.accessibility, file: indexFile, description: described("a11y.intro") }),
  // The 404 page's URL is its file (/404.html), as hosts look for it there.
  // Not indexed: a host serves it for any missing address, with status 404.
  kind<PageBase>({ kind: "notFound", template: "404", pages: (d) => d.model.pages.notFound, file: (page) => page.url, robots: "noindex" }),
  kind<UiLocale>({ kind: "feed", pages: (d) => d.model.locales, file: feedUrl, text: (locale, d) => atomFeed(locale, d) }),
  kind<ListingFeed>({
    kind: "listingFeed",
    pages: (d) => d.model.feeds,
    file: (feed) => feed.url,
    text: (feed, d) => listingAtomFeed(feed, d),
    // A feed per publisher and per topic in each locale (648 at 5,000 documents): kept, as pages are, while its entries stand.
    cacheKey: (feed) => ({ data: listingFeedKey(feed), part: "" }),
  }),
  // The same feed at a renamed or merged publisher's old address: a feed reader follows no refresh (ListingFeed.movedFrom).
  kind<MovedFeed>({
    kind: "movedFeed",
    pages: (d) => d.model.feeds.flatMap((feed) => feed.movedFrom.map((url) => ({ feed, url }))),
    file: (moved) => moved.url,
    text: (moved, d) => listingAtomFeed(moved.feed, d),
    cacheKey: (moved) => ({ data: listingFeedKey(moved.feed), part: "" }),
  }),
  perDocument<CitationFile>({
    kind: "citation",
    ofDocument: (page) => [
      { page, format: "bibtex" as const },
      { page, format: "csl" as const },
    ],
    file: ({ page, format }) => `${page.url}${format === "bibtex" ? BIBTEX_FILE : CSL_FILE}`,
    text: ({ page, format }) => (format === "bibtex" ? bibtex : cslJson)(page.publish.citation, page.view),
    // Made from the document page alone; its key is that page's, hashed once for all its files.
    cacheKey: ({ page, format }) => ({ data: page, part: format }),
  }),
  // One file, or an index and its parts past the protocol's limits (scripts/publish/feeds.ts).
  kind<SitemapFile>({ kind: "sitemap", pages: (d) => sitemapFiles(d), file: (part) => part.file, text: (part, d) => sitemapPieces(d, part) }),
  kind<SiteData>({ kind: "robots", pages: (d) => [d], file: () => "/robots.txt", text: (_, d) => robotsTxt(d) }),
  // Response headers for Netlify and Cloudflare Pages (scripts/publish/headers.ts).
  kind<SiteData>({ kind: "headers", pages: (d) => [d], file: () => "/_headers", text: (_, d) => headersFile(headerRules(basePathOf(d.config.url))) }),
  // Their 301s from old addresses, where a document or a publisher has moved (scripts/publish/redirects.ts).
  kind<Move[]>({
    kind: "redirects",
    // Its one page is the site's moves, made once; none, and there is no file.
    pages: (d) => {
      const moves: Move[] = [
        ...d.model.pages.document.flatMap((page) => (page.movedFrom.length > 0 ? movedPages(page) : [])),
        ...d.model.movedPublishers,
        ...d.model.feeds.flatMap((feed) => feed.movedFrom.map((url) => ({ url, movedTo: feed.url }))),
      ];
      return moves.length > 0 ? [moves] : [];
    },
    file: () => REDIRECTS_FILE,
    text: (moves, d) =>
      redirectsFile(
        moves,
        basePathOf(d.config.url),
        d.model.movedPublishers.flatMap((page) => page.prefixes ?? []),
      ),
  }),
  kind<Download>({
    kind: "download",
    pages: (d) => d.model.downloads,
    file: (download) => download.url,
    text: (download, d) => download.pieces(d.config.url),
    // Its URL tells a table's CSV and JSON files apart; their data is one object, hashed once.
    cacheKey: (download) => ({ data: download.key, part: download.url }),
  }),
];

export function pageKind(name: string): PageKind {
  const found = PAGE_TABLE.find((entry) => entry.kind === name);
  if (!found) throw new Error(`No page kind "${name}" in the page table`);
  return found;
}

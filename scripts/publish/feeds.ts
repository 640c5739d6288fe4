/**
 * Machine-readable listings: an Atom feed per locale, sitemap.xml with
 * hreflang alternates, and robots.txt. All are generated from the page model,
 * so they are deterministic: dates come from the documents (and git), never
 * from the clock.
 */
import { basePathOf, withBase } from "../content/base-path.ts";
import { LOCALES, UI_LOCALES, type UiLocale } from "../i18n/locales.ts";
import { t } from "../i18n/strings.ts";
import type { SiteConfig } from "../site/config.ts";
import type { SiteModel } from "../site/model.ts";
import type { DocumentPage, ListingFeed, PageBase } from "../site/views.ts";
export type { ListingFeed } from "../site/views.ts";

/** Newest documents in a feed. */
export const FEED_SIZE = 50;

export function feedUrl(locale: UiLocale): string {
  return `${LOCALES[locale].prefix}/feed.xml`;
}

export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
      // Control characters are not allowed in XML 1.0.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
  );
}

/** A partial date ("2011", "2011-03", "2011-03-15") as an RFC 3339 timestamp at midnight UTC. */
export function rfc3339(date: string): string {
  const [year, month = "01", day = "01"] = date.split("-");
  return `${year}-${month}-${day}T00:00:00Z`;
}

interface SiteData {
  model: SiteModel;
  config: SiteConfig;
}

/**
 * When a document became news here, as RFC 3339: when its file was first committed (git), else its own date, or a
 * later dated change note. A feed says what is new on the site, so a 2009 presentation added today comes first, and a
 * commit that only edits a file does not bring it back. "" when it has none of these: such a document is not in a feed.
 * So a feed lists documents that have a date, undated ones once they have a dated change note (a correction is news
 * even when the source gave no date), and undated ones that git says were published here: most transcripts have no
 * date of their own, and a publisher's feed that never showed them would stay empty.
 */
function newsDate(page: DocumentPage): string {
  const { meta } = page.view.doc;
  const since = page.firstPublished ?? (meta.date === "unknown" ? undefined : meta.date);
  const dates = [...(since ? [since] : []), ...meta.changes.map((change) => change.date)].map(rfc3339);
  // RFC 3339 timestamps in UTC sort as text.
  return dates.sort().at(-1) ?? "";
}

/** A feed's entries: the pages that have a newsDate, newest first (pages of the same day in the order given), at most FEED_SIZE. */
function feedEntries(pages: readonly DocumentPage[]): DocumentPage[] {
  return pages
    .map((page, order) => ({ page, order, date: newsDate(page) }))
    .filter((entry) => entry.date !== "")
    .sort((a, b) => (a.date === b.date ? a.order - b.order : a.date < b.date ? 1 : -1))
    .slice(0, FEED_SIZE)
    .map(({ page }) => page);
}

export function atomFeed(locale: UiLocale, { model, config }: SiteData): string {
  const pages = feedEntries(model.pages.document.filter((page) => page.locale === locale));
  return renderFeed(
    {
      locale,
      title: t(locale, "feed.title"),
      subtitle: t(locale, "site.tagline"),
      selfPath: feedUrl(locale),
      alternatePath: `${LOCALES[locale].prefix}/`,
      entries: pages,
    },
    config,
  );
}

/** The documents a listing's feed shows, newest first. */
function listingFeedEntries(feed: ListingFeed): DocumentPage[] {
  return feedEntries(feed.documents);
}

export function listingAtomFeed(feed: ListingFeed, { config }: { config: SiteConfig }): string {
  return renderFeed(
    {
      locale: feed.locale,
      title: t(feed.locale, "feed.listingTitle", { name: feed.name }),
      subtitle: t(feed.locale, "site.tagline"),
      selfPath: feed.url,
      alternatePath: feed.listingUrl,
      entries: listingFeedEntries(feed),
    },
    config,
  );
}

/**
 * What a listing's feed is made from besides the site settings, the registries and the page code, for its page-cache
 * key (scripts/render/page-cache.ts): its documents (each view stands for its document there) with their last-updated
 * dates, which come from git or the file, not the document.
 */
export function listingFeedKey(feed: ListingFeed): object {
  const { locale, name, url, listingUrl } = feed;
  return { locale, name, url, listingUrl, entries: listingFeedEntries(feed).map((page) => [page.view, page.publish.lastUpdated, page.firstPublished]) };
}

interface FeedSpec {
  locale: UiLocale;
  title: string;
  subtitle: string;
  selfPath: string;
  alternatePath: string;
  /** The feed's document pages, newest first (feedEntries). */
  entries: readonly DocumentPage[];
}

function renderFeed(spec: FeedSpec, config: SiteConfig): string {
  const abs = (path: string) => `${config.url}${path}`;
  const { locale, entries } = spec;
  // Dated by its newest news (newsDate: a first commit, a document's date or a change note), never by a file's mtime,
  // which would make it the build's day outside git; an empty feed by the epoch.
  // A document page makes its publishing data on each read (site/model.ts): read once per entry.
  const shown = entries.map((page) => ({ page, publish: page.publish }));
  const updated = entries.map(newsDate).sort().at(-1) ?? "1970-01-01T00:00:00Z";
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`,
    `  <title>${escapeXml(spec.title)}</title>`,
    `  <subtitle>${escapeXml(spec.subtitle)}</subtitle>`,
    `  <id>${escapeXml(abs(spec.selfPath))}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(abs(spec.selfPath))}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(abs(spec.alternatePath))}"/>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${escapeXml(t(locale, "site.name"))}</name></author>`,
    `  <generator>Lysark</generator>`,
  ];
  for (const { page, publish } of shown) lines.push(...feedEntry(page, publish, abs));
  lines.push(`</feed>`, "");
  return lines.join("\n");
}

/** The newest of the document's date, its first and last git change and its change notes (all "YYYY[-MM[-DD]]"), as RFC 3339. */
export function entryUpdated(page: DocumentPage, publish = page.publish): string {
  const { meta } = page.view.doc;
  const dates = [meta.date, page.firstPublished, publish.lastUpdated, ...publish.changes.map((change) => change.date)].filter(
    (date): date is string => !!date && date !== "unknown",
  );
  // RFC 3339 timestamps in UTC sort as text.
  return dates.map(rfc3339).sort().at(-1)!;
}

function feedEntry(page: DocumentPage, publish: DocumentPage["publish"], abs: (path: string) => string): string[] {
  const { meta } = page.view.doc;
  const url = escapeXml(abs(page.url));
  const summary = escapeXml(meta.summary ?? `${page.typeLabel} · ${page.publisherName} · ${page.dateText}`);
  // The id is the page's address, the same before and after a change, so a reader shows the entry as updated.
  const lines = [
    `  <entry>`,
    `    <title xml:lang="${page.titleLang}">${escapeXml(page.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${url}"/>`,
    `    <id>${url}</id>`,
    ...(meta.date === "unknown" ? [] : [`    <published>${rfc3339(meta.date)}</published>`]),
    `    <updated>${entryUpdated(page, publish)}</updated>`,
    `    <author><name>${escapeXml(page.publisherName)}</name></author>`,
    ...page.topics.map((topic) => `    <category term="${escapeXml(abs(topic.url))}" label="${escapeXml(topic.label)}"/>`),
    `    <summary xml:lang="${meta.language}">${summary}</summary>`,
  ];
  if (publish.changes.length) {
    // What changed, newest first, as XHTML so each note keeps its own language.
    lines.push(
      `    <content type="xhtml" xml:lang="${page.locale}"><div xmlns="http://www.w3.org/1999/xhtml">`,
      `      <ul>`,
      ...publish.changes.map(
        (change) =>
          `        <li>${escapeXml(t(page.locale, "feed.changed", { date: change.dateText, note: "{note}" })).replace(
            "{note}",
            // A function, so "$&" in a note stays text.
            () => `<span xml:lang="${change.lang}">${escapeXml(change.note)}</span>`,
          )}</li>`,
      ),
      `      </ul>`,
      `      <p xml:lang="${meta.language}">${summary}</p>`,
      `    </div></content>`,
    );
  }
  lines.push(`  </entry>`);
  return lines;
}

/** Every page of every kind (except the 404 pages), each once, in model order. */
export function sitemapPages(model: SiteModel): PageBase[] {
  const seen = new Set<string>();
  const out: PageBase[] = [];
  for (const [kind, pages] of Object.entries(model.pages) as Array<[string, unknown]>) {
    if (kind === "notFound" || !Array.isArray(pages)) continue;
    for (const page of pages as PageBase[]) {
      if (typeof page?.url !== "string" || !Array.isArray(page.alternates) || seen.has(page.url)) continue;
      seen.add(page.url);
      out.push(page);
    }
  }
  return out;
}

/** The sitemap a page at a time (it lists every page: about 29 MB at N = 20,000), written as it is made. */
export function* sitemapPieces({ model, config }: SiteData): Generator<string> {
  const abs = (path: string) => escapeXml(`${config.url}${path}`);
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n`;
  for (const page of sitemapPages(model)) {
    const lines = [`  <url>`, `    <loc>${abs(page.url)}</loc>`];
    const updated = (page as Partial<DocumentPage>).publish?.lastUpdated;
    if (updated) lines.push(`    <lastmod>${updated}</lastmod>`);
    // A document page makes its alternates on each read (site/model.ts).
    const { alternates } = page;
    for (const alternate of alternates) lines.push(`    <xhtml:link rel="alternate" hreflang="${alternate.hreflang}" href="${abs(alternate.url)}"/>`);
    const fallback = alternates.find((alternate) => alternate.locale === UI_LOCALES[0]);
    if (fallback) lines.push(`    <xhtml:link rel="alternate" hreflang="x-default" href="${abs(fallback.url)}"/>`);
    lines.push(`  </url>\n`);
    yield lines.join("\n");
  }
  yield `</urlset>\n`;
}

export function robotsTxt({ config }: { config: SiteConfig }): string {
  return `User-agent: *\nAllow: ${withBase(basePathOf(config.url), "/")}\n\nSitemap: ${config.url}/sitemap.xml\n`;
}

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
  // Its newest entry's date, which counts a later edit too and is never older than the entry's newsDate.
  const updated =
    shown
      .map(({ page, publish }) => entryUpdated(page, publish))
      .sort()
      .at(-1) ?? "1970-01-01T00:00:00Z";
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
  // Without a summary of its own (in the document's language) the line is the feed's, in the feed's language.
  const summaryLang = meta.summary ? meta.language : page.locale;
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
    `    <summary xml:lang="${summaryLang}">${summary}</summary>`,
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
      `      <p xml:lang="${summaryLang}">${summary}</p>`,
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

/**
 * The limits for one file of the sitemap: the sitemaps protocol's 50,000 addresses (https://www.sitemaps.org/protocol.html;
 * a search engine refuses a larger file, and an archive of 20,000 documents lists about 52,000 pages), and 25 MiB, the
 * largest file Cloudflare Pages serves, below the protocol's 50 MB: more parts cost a search engine nothing.
 */
export const SITEMAP_LIMITS: SitemapLimits = { urls: 50_000, bytes: 25 * 1024 * 1024 };

export interface SitemapLimits {
  urls: number;
  bytes: number;
}

/** A list of pages `[from, to)` of sitemapPages, in the file at `file`. */
export interface SitemapPart {
  file: string;
  from: number;
  to: number;
}

/**
 * One file of the sitemap: a list of pages (all of them in `/sitemap.xml` when one file holds them), or, when it takes
 * more than one, `/sitemap.xml` as the index of the parts.
 */
export type SitemapFile = SitemapPart | { file: string; parts: readonly SitemapPart[] };

const SITEMAP_HEAD = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n`;
const SITEMAP_FOOT = `</urlset>\n`;
/** More than the markup around one address in an entry (its element, hreflang and quotes), and than the date line. */
const LINE_BYTES = 80;

const utf8Bytes = (text: string) => Buffer.byteLength(text, "utf8");

/** When a page's content last changed, where the site knows it (a document page: its file's last commit). */
const lastUpdated = (page: PageBase) => (page as Partial<DocumentPage>).publish?.lastUpdated ?? undefined;

function sitemapEntry(page: PageBase, abs: (path: string) => string): string {
  const lines = [`  <url>`, `    <loc>${abs(page.url)}</loc>`];
  const updated = lastUpdated(page);
  if (updated) lines.push(`    <lastmod>${updated}</lastmod>`);
  // A document page makes its alternates on each read (site/model.ts).
  const { alternates } = page;
  for (const alternate of alternates) lines.push(`    <xhtml:link rel="alternate" hreflang="${alternate.hreflang}" href="${abs(alternate.url)}"/>`);
  const fallback = alternates.find((alternate) => alternate.locale === UI_LOCALES[0]);
  if (fallback) lines.push(`    <xhtml:link rel="alternate" hreflang="x-default" href="${abs(fallback.url)}"/>`);
  lines.push(`  </url>\n`);
  return lines.join("\n");
}

const absolute = (config: SiteConfig) => (path: string) => escapeXml(`${config.url}${path}`);

const sitemapFilesMade = new WeakMap<object, SitemapFile[]>();

/**
 * The sitemap's files: `/sitemap.xml` alone while every page fits in one file within `limits`; else the parts
 * `/sitemap-1.xml` … each as full as the limits let it be, in page order, and `/sitemap.xml` the index that names them
 * (robots.txt names `/sitemap.xml` either way). Whether one file holds them is told, without making any entry, from
 * the longest address: an entry names its page and each alternate (one a locale) and the default, each within a line
 * of markup. Only a site that may not fit has its entries made and measured. Made once for `data`.
 */
export function sitemapFiles(data: { model: SiteModel; config: SiteConfig }, limits: SitemapLimits = SITEMAP_LIMITS): SitemapFile[] {
  const made = limits === SITEMAP_LIMITS ? sitemapFilesMade.get(data) : undefined;
  if (made) return made;
  const pages = sitemapPages(data.model);
  const abs = absolute(data.config);
  const room = limits.bytes - utf8Bytes(SITEMAP_HEAD) - utf8Bytes(SITEMAP_FOOT);
  let files: SitemapFile[];
  if (pages.length <= limits.urls && pages.length * sitemapEntryBound(data) <= room) files = [{ file: "/sitemap.xml", from: 0, to: pages.length }];
  else {
    const parts: Array<{ from: number; to: number }> = [];
    let from = 0;
    let bytes = 0;
    pages.forEach((page, i) => {
      const entry = utf8Bytes(sitemapEntry(page, abs));
      if (i > from && (i - from >= limits.urls || bytes + entry > room)) {
        parts.push({ from, to: i });
        from = i;
        bytes = 0;
      }
      bytes += entry;
    });
    parts.push({ from, to: pages.length });
    const named = parts.map((part, k) => ({ file: `/sitemap-${k + 1}.xml`, ...part }));
    files = parts.length === 1 ? [{ file: "/sitemap.xml", ...parts[0]! }] : [{ file: "/sitemap.xml", parts: named }, ...named];
  }
  if (limits === SITEMAP_LIMITS) sitemapFilesMade.set(data, files);
  return files;
}

/**
 * More bytes than any entry of the sitemap takes: an entry names its page, each alternate (one a locale) and the
 * default, each on a line of its own, none longer than the longest address of any page the model has.
 */
export function sitemapEntryBound({ model, config }: { model: SiteModel; config: SiteConfig }): number {
  const abs = absolute(config);
  let longest = 0;
  for (const page of allPages(model)) longest = Math.max(longest, utf8Bytes(abs(page.url)));
  return LINE_BYTES * 2 + (UI_LOCALES.length + 2) * (longest + LINE_BYTES);
}

/** A part of the sitemap as its files name it (`sitemap-2.xml`), beside the index at the site's top. */
export const SITEMAP_PART = /^sitemap-[1-9][0-9]*\.xml$/;

/** Every page of the model, of every kind, the 404 pages too: whatever an alternate may name. */
function* allPages(model: SiteModel): Generator<PageBase> {
  for (const pages of Object.values(model.pages) as unknown[]) {
    if (!Array.isArray(pages)) continue;
    for (const page of pages as PageBase[]) if (typeof page?.url === "string") yield page;
  }
}

/**
 * One file of the sitemap (sitemapFiles), written as it is made, a page at a time: the whole list lists every page,
 * about 29 MB at N = 20,000.
 */
export function* sitemapPieces({ model, config }: { model: SiteModel; config: SiteConfig }, file: SitemapFile): Generator<string> {
  const abs = absolute(config);
  const pages = sitemapPages(model);
  if ("parts" in file) {
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n`;
    for (const part of file.parts) {
      // The part's newest page, so a search engine can tell which parts to read again (dates are W3C's, which sort as text).
      let newest: string | undefined;
      for (let i = part.from; i < part.to; i++) {
        const updated = lastUpdated(pages[i]!);
        if (updated && (!newest || updated > newest)) newest = updated;
      }
      yield `  <sitemap>\n    <loc>${abs(part.file)}</loc>\n${newest ? `    <lastmod>${newest}</lastmod>\n` : ""}  </sitemap>\n`;
    }
    yield `</sitemapindex>\n`;
    return;
  }
  yield SITEMAP_HEAD;
  for (let i = file.from; i < file.to; i++) yield sitemapEntry(pages[i]!, abs);
  yield SITEMAP_FOOT;
}

export function robotsTxt({ config }: { config: SiteConfig }): string {
  return `User-agent: *\nAllow: ${withBase(basePathOf(config.url), "/")}\n\nSitemap: ${config.url}/sitemap.xml\n`;
}

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

export function atomFeed(locale: UiLocale, { model, config }: SiteData): string {
  const pages = model.pages.document.filter((page) => page.locale === locale && page.view.doc.meta.date !== "unknown");
  return renderFeed(
    {
      locale,
      title: t(locale, "feed.title"),
      subtitle: t(locale, "site.tagline"),
      selfPath: feedUrl(locale),
      alternatePath: `${LOCALES[locale].prefix}/`,
      entries: pages.slice(0, FEED_SIZE),
    },
    config,
  );
}

export function listingAtomFeed(feed: ListingFeed, { config }: { config: SiteConfig }): string {
  return renderFeed(
    {
      locale: feed.locale,
      title: t(feed.locale, "feed.listingTitle", { name: feed.name }),
      subtitle: t(feed.locale, "site.tagline"),
      selfPath: feed.url,
      alternatePath: feed.listingUrl,
      entries: feed.documents.filter((page) => page.view.doc.meta.date !== "unknown").slice(0, FEED_SIZE),
    },
    config,
  );
}

interface FeedSpec {
  locale: UiLocale;
  title: string;
  subtitle: string;
  selfPath: string;
  alternatePath: string;
  /** Dated document pages, newest first. */
  entries: readonly DocumentPage[];
}

function renderFeed(spec: FeedSpec, config: SiteConfig): string {
  const abs = (path: string) => `${config.url}${path}`;
  const { locale, entries } = spec;
  // Dated by the newest document (undated ones have no place in a feed of news); an empty feed by the epoch.
  const updated = entries.length ? rfc3339(entries[0]!.view.doc.meta.date) : "1970-01-01T00:00:00Z";
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
  for (const page of entries) lines.push(...feedEntry(page, abs));
  lines.push(`</feed>`, "");
  return lines.join("\n");
}

function entryUpdated(page: DocumentPage): string {
  const { meta } = page.view.doc;
  return page.publish.lastUpdated && page.publish.lastUpdated > meta.date ? rfc3339(page.publish.lastUpdated) : rfc3339(meta.date);
}

function feedEntry(page: DocumentPage, abs: (path: string) => string): string[] {
  const { meta } = page.view.doc;
  const url = escapeXml(abs(page.url));
  const published = rfc3339(meta.date);
  const updated = entryUpdated(page);
  return [
    `  <entry>`,
    `    <title xml:lang="${page.titleLang}">${escapeXml(page.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${url}"/>`,
    `    <id>${url}</id>`,
    `    <published>${published}</published>`,
    `    <updated>${updated}</updated>`,
    `    <author><name>${escapeXml(page.publisherName)}</name></author>`,
    ...page.topics.map((topic) => `    <category term="${escapeXml(abs(topic.url))}" label="${escapeXml(topic.label)}"/>`),
    `    <summary xml:lang="${meta.language}">${escapeXml(meta.summary ?? `${page.typeLabel} · ${page.publisherName} · ${page.dateText}`)}</summary>`,
    `  </entry>`,
  ];
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

export function sitemapXml({ model, config }: SiteData): string {
  const abs = (path: string) => escapeXml(`${config.url}${path}`);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`,
  ];
  for (const page of sitemapPages(model)) {
    lines.push(`  <url>`, `    <loc>${abs(page.url)}</loc>`);
    const updated = (page as Partial<DocumentPage>).publish?.lastUpdated;
    if (updated) lines.push(`    <lastmod>${updated}</lastmod>`);
    for (const alternate of page.alternates) lines.push(`    <xhtml:link rel="alternate" hreflang="${alternate.hreflang}" href="${abs(alternate.url)}"/>`);
    const fallback = page.alternates.find((alternate) => alternate.locale === UI_LOCALES[0]);
    if (fallback) lines.push(`    <xhtml:link rel="alternate" hreflang="x-default" href="${abs(fallback.url)}"/>`);
    lines.push(`  </url>`);
  }
  lines.push(`</urlset>`, "");
  return lines.join("\n");
}

export function robotsTxt({ config }: { config: SiteConfig }): string {
  return `User-agent: *\nAllow: ${withBase(basePathOf(config.url), "/")}\n\nSitemap: ${config.url}/sitemap.xml\n`;
}

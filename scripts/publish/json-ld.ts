/**
 * schema.org JSON-LD for a document page, embedded as
 * <script type="application/ld+json">: data, never executed, so a strict CSP
 * allows it. Text is escaped so that nothing in a title can close the element.
 */
import { LOCALES } from "../i18n/locales.ts";
import { t } from "../i18n/strings.ts";
import type { SiteConfig } from "../site/config.ts";
import type { DocumentPage } from "../site/views.ts";

const TYPES: Record<string, string> = {
  presentation: "PresentationDigitalDocument",
  report: "Report",
  survey: "Report",
};

const MIME: Record<string, string> = {
  PDF: "application/pdf",
  PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  PPT: "application/vnd.ms-powerpoint",
  DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  DOC: "application/msword",
  XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ODP: "application/vnd.oasis.opendocument.presentation",
  ODT: "application/vnd.oasis.opendocument.text",
};

/** JSON that is safe inside <script>: <, >, & and line separators are \u-escaped. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function documentJsonLd(p: DocumentPage, config: SiteConfig): Record<string, unknown> {
  const { meta } = p.view.doc;
  const abs = (sitePath: string) => `${config.url}${sitePath}`;
  const people = (roles: Array<string | undefined>) =>
    meta.people
      .filter((person) => roles.includes(person.role))
      .map((person) => ({ "@type": "Person", name: person.name, ...(person.title ? { jobTitle: person.title } : {}) }));
  const authors = people(["presenter", "author"]);
  const contributors = people(["contributor", undefined]);
  const data: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": TYPES[meta.type] ?? "DigitalDocument",
    "@id": `${abs(p.url)}#document`,
    url: abs(p.url),
    name: p.title,
    headline: meta.title,
    ...(p.originalTitle ? { alternateName: p.originalTitle } : {}),
    inLanguage: meta.language,
    ...(meta.date !== "unknown" ? { datePublished: meta.date } : {}),
    ...(p.publish.lastUpdated ? { dateModified: p.publish.lastUpdated } : {}),
    ...(meta.summary ? { description: meta.summary } : {}),
    image: { "@type": "ImageObject", url: abs(p.publish.card.url), width: p.publish.card.width, height: p.publish.card.height },
    publisher: {
      "@type": "GovernmentOrganization",
      name: p.publisherName,
      url: abs(p.publisherUrl),
      ...(p.view.publisher.website ? { sameAs: p.view.publisher.website } : {}),
    },
    ...(authors.length ? { author: authors } : {}),
    ...(contributors.length ? { contributor: contributors } : {}),
    ...(p.topics.length
      ? {
          about: p.topics.map((topic) => ({ "@type": "DefinedTerm", name: topic.label, url: abs(topic.url) })),
          keywords: p.topics.map((topic) => topic.label).join(", "),
        }
      : {}),
    ...(meta.event ? { recordedAt: { "@type": "Event", name: meta.event } } : {}),
    ...(meta.source?.url ? { isBasedOn: meta.source.url } : {}),
    ...(p.publish.attachments.length
      ? {
          associatedMedia: p.publish.attachments.map((attachment) => ({
            "@type": "MediaObject",
            name: attachment.title,
            contentUrl: abs(attachment.url),
            contentSize: `${attachment.size} B`,
            ...(MIME[attachment.type] ? { encodingFormat: MIME[attachment.type] } : {}),
          })),
        }
      : {}),
    isPartOf: { "@type": "WebSite", name: t(p.locale, "site.name"), url: abs(`${LOCALES[p.locale].prefix}/`) },
  };
  return data;
}

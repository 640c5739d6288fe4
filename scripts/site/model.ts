/**
 * Assembles what the templates show: one view per document (shared by every
 * locale, so its body is rendered once) and a flat list of pages per kind and
 * locale, each with its URL, translated title and language alternates.
 */
import type { LoadedDocument, SiteContent } from "../content/load.ts";
import type { DocumentType, Publisher, Topic } from "../content/schema.ts";
import { DOCUMENT_TYPES } from "../content/schema.ts";
import { formatPartialDate } from "../i18n/format.ts";
import { LOCALES, UI_LOCALES, type UiLocale } from "../i18n/locales.ts";
import { alternatesFor, urlFor, type Alternate, type Route } from "../i18n/routes.ts";
import { t } from "../i18n/strings.ts";
import { keyFigureRows, type KeyFigureRow } from "./key-figures.ts";

export interface DocumentView {
  id: string;
  doc: LoadedDocument;
  publisher: Publisher;
  year: string | null;
  /** Title per UI locale: the translation where one exists, else the original. */
  titles: Record<UiLocale, string>;
  /** The original title when it differs from the shown one. */
  urls: Record<UiLocale, string>;
  topics: Topic[];
  isPresentation: boolean;
}

export interface PageBase {
  locale: UiLocale;
  /** BCP 47 tag for <html lang>. */
  lang: string;
  url: string;
  title: string;
  alternates: Alternate[];
  /** Breadcrumb trail, not including the current page. */
  crumbs: Array<{ title: string; url: string }>;
}

export interface DocumentListItem {
  view: DocumentView;
  title: string;
  /** Language of the shown title: the locale for a translation, else the body's language. */
  titleLang: string;
  url: string;
  dateText: string;
  typeLabel: string;
  publisherName: string;
}

export interface ListPage extends PageBase {
  kind: string;
  intro?: string;
  items: DocumentListItem[];
}

export interface DocumentPage extends PageBase {
  view: DocumentView;
  dateText: string;
  typeLabel: string;
  languageLabel: string;
  publisherName: string;
  publisherUrl: string;
  topics: Array<{ label: string; url: string }>;
  figures: KeyFigureRow[];
  /** The original title when the shown one is a translation. */
  originalTitle: string | null;
  titleLang: string;
}

export interface PublisherPage extends ListPage {
  publisher: Publisher;
  kindLabel: string;
  countryLabel: string;
  parent: { title: string; url: string } | null;
  children: Array<{ title: string; url: string }>;
}

export interface IndexEntry { title: string; url: string; count: number; group?: string }
export interface IndexPage extends PageBase { entries: IndexEntry[]; groups?: Array<{ title: string; entries: IndexEntry[] }> }

export interface SiteModel {
  locales: readonly UiLocale[];
  documents: DocumentView[];
  pages: {
    home: ListPage[];
    document: DocumentPage[];
    publishers: IndexPage[];
    publisher: PublisherPage[];
    topics: IndexPage[];
    topic: ListPage[];
    types: IndexPage[];
    type: ListPage[];
    years: IndexPage[];
    year: ListPage[];
    notFound: PageBase[];
  };
}

const HOME_LATEST = 20;

function base(locale: UiLocale, route: Route, title: string, crumbs: PageBase["crumbs"] = []): PageBase {
  return { locale, lang: locale, url: urlFor(locale, route), title, alternates: alternatesFor(route), crumbs };
}

export function publisherName(publisher: Publisher, locale: UiLocale): string {
  return publisher.names[locale];
}

export function documentDateText(locale: UiLocale, date: string): string {
  return date === "unknown" ? t(locale, "doc.dateUnknown") : formatPartialDate(locale, date) ?? date;
}

function titleLang(view: DocumentView, locale: UiLocale): string {
  return view.doc.meta.titleTranslations?.[locale] ? locale : view.doc.meta.language;
}

export function buildSiteModel(content: SiteContent): SiteModel {
  const publishersById = new Map(content.publishers.map((publisher) => [publisher.id, publisher]));
  const topicsById = new Map(content.topics.map((topic) => [topic.id, topic]));
  const indicatorsById = new Map(content.indicators.map((indicator) => [indicator.id, indicator]));

  const views: DocumentView[] = content.documents.map((doc) => {
    const { meta } = doc;
    const route: Route = { kind: "document", publisher: meta.publisher, slug: doc.slug };
    return {
      id: `${meta.publisher}/${doc.slug}`,
      doc,
      publisher: publishersById.get(meta.publisher)!,
      year: meta.date === "unknown" ? null : meta.date.slice(0, 4),
      titles: Object.fromEntries(UI_LOCALES.map((locale) => [locale, meta.titleTranslations?.[locale] ?? meta.title])) as Record<UiLocale, string>,
      urls: Object.fromEntries(UI_LOCALES.map((locale) => [locale, urlFor(locale, route)])) as Record<UiLocale, string>,
      topics: meta.topics.map((id) => topicsById.get(id)!),
      isPresentation: meta.type === "presentation",
    };
  });

  const item = (locale: UiLocale) => (view: DocumentView): DocumentListItem => ({
    view,
    title: view.titles[locale],
    titleLang: titleLang(view, locale),
    url: view.urls[locale],
    dateText: documentDateText(locale, view.doc.meta.date),
    typeLabel: t(locale, `type.${view.doc.meta.type}`),
    publisherName: publisherName(view.publisher, locale),
  });

  // A city lists its districts' documents too.
  const descendants = (id: string): Set<string> => {
    const ids = new Set([id]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const publisher of content.publishers) {
        if (publisher.parent && ids.has(publisher.parent) && !ids.has(publisher.id)) {
          ids.add(publisher.id);
          grew = true;
        }
      }
    }
    return ids;
  };

  const years = [...new Set(views.map((view) => view.year))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? 1 : -1));
  const usedTypes = DOCUMENT_TYPES.filter((type) => views.some((view) => view.doc.meta.type === type));

  const pages: SiteModel["pages"] = {
    home: [], document: [], publishers: [], publisher: [], topics: [], topic: [], types: [], type: [], years: [], year: [], notFound: [],
  };

  for (const locale of UI_LOCALES) {
    const toItem = item(locale);
    const home = { title: t(locale, "nav.home"), url: urlFor(locale, { kind: "home" }) };
    const publishersCrumb = [home, { title: t(locale, "list.publishers"), url: urlFor(locale, { kind: "publishers" }) }];
    const topicsCrumb = [home, { title: t(locale, "list.topics"), url: urlFor(locale, { kind: "topics" }) }];
    const typesCrumb = [home, { title: t(locale, "list.types"), url: urlFor(locale, { kind: "types" }) }];
    const yearsCrumb = [home, { title: t(locale, "list.years"), url: urlFor(locale, { kind: "years" }) }];

    pages.home.push({
      ...base(locale, { kind: "home" }, t(locale, "site.name")),
      kind: "home",
      intro: t(locale, "home.count", { count: views.length, publishers: new Set(views.map((view) => view.publisher.id)).size }),
      items: views.slice(0, HOME_LATEST).map(toItem),
    });

    for (const view of views) {
      const { meta } = view.doc;
      const publisherRoute: Route = { kind: "publisher", id: view.publisher.id };
      const title = view.titles[locale];
      pages.document.push({
        ...base(locale, { kind: "document", publisher: meta.publisher, slug: view.doc.slug }, title,
          [home, publishersCrumb[1]!, { title: publisherName(view.publisher, locale), url: urlFor(locale, publisherRoute) }]),
        view,
        dateText: documentDateText(locale, meta.date),
        typeLabel: t(locale, `type.${meta.type}`),
        languageLabel: t(locale, `lang.${meta.language}`),
        publisherName: publisherName(view.publisher, locale),
        publisherUrl: urlFor(locale, publisherRoute),
        topics: view.topics.map((topic) => ({ label: topic.labels[locale], url: urlFor(locale, { kind: "topic", id: topic.id }) })),
        figures: keyFigureRows(locale, meta, indicatorsById, view.isPresentation),
        originalTitle: title === meta.title ? null : meta.title,
        titleLang: titleLang(view, locale),
      });
    }

    const publisherEntries: IndexEntry[] = [];
    for (const publisher of content.publishers) {
      const ids = descendants(publisher.id);
      const items = views.filter((view) => ids.has(view.publisher.id)).map(toItem);
      const parent = publisher.parent ? publishersById.get(publisher.parent) : undefined;
      const name = publisherName(publisher, locale);
      const url = urlFor(locale, { kind: "publisher", id: publisher.id });
      publisherEntries.push({ title: name, url, count: items.length, group: `${t(locale, `country.${publisher.country}`)}${publisher.region ? ` – ${publisher.region}` : ""}` });
      pages.publisher.push({
        ...base(locale, { kind: "publisher", id: publisher.id }, name, publishersCrumb),
        kind: "publisher",
        items,
        publisher,
        kindLabel: t(locale, `kind.${publisher.kind}`),
        countryLabel: t(locale, `country.${publisher.country}`),
        parent: parent ? { title: publisherName(parent, locale), url: urlFor(locale, { kind: "publisher", id: parent.id }) } : null,
        children: content.publishers.filter((child) => child.parent === publisher.id)
          .map((child) => ({ title: publisherName(child, locale), url: urlFor(locale, { kind: "publisher", id: child.id }) })),
      });
    }
    const groupNames = [...new Set(publisherEntries.map((entry) => entry.group!))].sort((a, b) => a.localeCompare(b, LOCALES[locale].intl));
    pages.publishers.push({
      ...base(locale, { kind: "publishers" }, t(locale, "list.publishers"), [home]),
      entries: publisherEntries,
      groups: groupNames.map((group) => ({
        title: group,
        entries: publisherEntries.filter((entry) => entry.group === group).sort((a, b) => a.title.localeCompare(b.title, LOCALES[locale].intl)),
      })),
    });

    const topicEntries: IndexEntry[] = [];
    for (const topic of content.topics) {
      const items = views.filter((view) => view.doc.meta.topics.includes(topic.id)).map(toItem);
      const url = urlFor(locale, { kind: "topic", id: topic.id });
      topicEntries.push({ title: topic.labels[locale], url, count: items.length });
      pages.topic.push({ ...base(locale, { kind: "topic", id: topic.id }, topic.labels[locale], topicsCrumb), kind: "topic", items });
    }
    pages.topics.push({
      ...base(locale, { kind: "topics" }, t(locale, "list.topics"), [home]),
      entries: topicEntries.sort((a, b) => a.title.localeCompare(b.title, LOCALES[locale].intl)),
    });

    const typeEntries: IndexEntry[] = [];
    for (const type of usedTypes) {
      const items = views.filter((view) => view.doc.meta.type === type).map(toItem);
      const label = t(locale, `type.${type satisfies DocumentType}`);
      typeEntries.push({ title: label, url: urlFor(locale, { kind: "type", id: type }), count: items.length });
      pages.type.push({ ...base(locale, { kind: "type", id: type }, label, typesCrumb), kind: "type", items });
    }
    pages.types.push({ ...base(locale, { kind: "types" }, t(locale, "list.types"), [home]), entries: typeEntries });

    const yearEntries: IndexEntry[] = [];
    for (const year of years) {
      const items = views.filter((view) => view.year === year).map(toItem);
      const label = year ?? t(locale, "list.undated");
      yearEntries.push({ title: label, url: urlFor(locale, { kind: "year", year }), count: items.length });
      pages.year.push({ ...base(locale, { kind: "year", year }, label, yearsCrumb), kind: "year", items });
    }
    pages.years.push({ ...base(locale, { kind: "years" }, t(locale, "list.years"), [home]), entries: yearEntries });

    pages.notFound.push({
      locale, lang: locale, url: `${LOCALES[locale].prefix}/404.html`, title: t(locale, "notFound.title"),
      alternates: UI_LOCALES.map((other) => ({ locale: other, hreflang: other, url: urlFor(other, { kind: "home" }) })), crumbs: [],
    });
  }

  return { locales: UI_LOCALES, documents: views, pages };
}

/**
 * Assembles what the templates show: one view per document (shared by every
 * locale, so its body is rendered once) and a flat list of pages per kind and
 * locale, each with its URL, translated title and language alternates.
 */
import type { LoadedDocument, SiteContent } from "../content/loaded.ts";
import type { DocumentType, Publisher } from "../content/schema.ts";
import { DOCUMENT_TYPES } from "../content/schema.ts";
import { formatPartialDate, languageLabel } from "../i18n/format.ts";
import { LOCALES, UI_LOCALES, type UiLocale } from "../i18n/locales.ts";
import { alternatesFor, urlFor, type Route } from "../i18n/routes.ts";
import { t } from "../i18n/strings.ts";
import { movedPublisherPage, type MovedPage } from "../publish/moved.ts";
import { preparePublishing, type Publishing, type PublishEnv } from "../publish/document.ts";
import { documentView } from "./document-view.ts";
import { homeCrumb, pageBase } from "./page-base.ts";
import { paginated } from "./pagination.ts";
import { assembleKeyFigures, type Download, type IndicatorPage, type KeyFigureModel, type KeyFiguresPage } from "../keyfigures/assemble.ts";
import { buildSearchPages, type SearchPage } from "../search/page.ts";
import { buildSearchRecord, buildSearchRecords, recordRegistries, type SearchRecord, type SearchRecordStore } from "../search/records.ts";
import { buildGuidePages, type GuidePage } from "../docs/guide.ts";
import type {
  DocumentView,
  PageBase,
  DocumentListItem,
  DocumentPublishing,
  ListPage,
  DocumentPage,
  PublisherPage,
  IndexEntry,
  IndexPage,
  ListingFeed,
} from "./views.ts";
export type { DocumentView, PageBase, DocumentListItem, ListPage, DocumentPage, PublisherPage, IndexEntry, IndexPage } from "./views.ts";

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
    accessibility: PageBase[];
    keyFigures: KeyFiguresPage[];
    indicator: IndicatorPage[];
    search: SearchPage[];
    /** The editor guide (docs/editor-guide.*.md with the front-matter reference). */
    guide: GuidePage[];
  };
  /** Files written beside the pages: key-figure CSV and JSON. */
  downloads: Download[];
  /** An Atom feed per publisher and per topic, in every locale. */
  feeds: ListingFeed[];
  /**
   * The pages at renamed publishers' old addresses (their `movedFrom`), in every locale. Not among `pages`,
   * which the sitemap lists: these are not indexed. (A moved document's are made from its page: publish/moved.ts.)
   */
  movedPublishers: MovedPage[];
  /**
   * One search record per document, indexed by the build's search phase; empty when `ModelEnv.onSearchRecords`
   * took them (a build's search thread), so the main thread does not hold them while it renders the pages.
   */
  searchRecords: SearchRecord[];
}

const HOME_LATEST = 20;

/** What every document page of one model makes its fields from on each read. */
interface DocumentPageSources {
  keyFigures: KeyFigureModel;
  publishing: Publishing;
  items: Record<UiLocale, (view: DocumentView) => DocumentListItem>;
}

/**
 * A document page of the model. Links, topics, key-figure rows and publishing
 * data are made on each read (the renderer reads a page whole once, see
 * fullDocumentPage): held for every page of a large archive at once, they
 * were a fifth of the model. They are getters of the class, not of each page:
 * as getters of an object literal they gave every page five closures and a
 * dictionary of its properties, about 1 KB a page (docs/performance-log.md).
 */
class ModelDocumentPage implements DocumentPage {
  readonly lang: string;
  readonly url: string;
  readonly title: string;
  readonly dateText: string;
  readonly typeLabel: string;
  readonly languageLabel: string;
  readonly publisherName: string;
  readonly publisherUrl: string;
  readonly originalTitle: string | null;
  readonly titleLang: string;
  readonly movedFrom: readonly string[];

  constructor(
    readonly locale: UiLocale,
    readonly view: DocumentView,
    private readonly sources: DocumentPageSources,
  ) {
    const { meta } = view.doc;
    this.lang = locale;
    this.url = view.urls[locale];
    this.title = view.titles[locale];
    this.dateText = documentDateText(locale, meta.date);
    this.typeLabel = t(locale, `type.${meta.type}`);
    this.languageLabel = languageLabel(locale, meta.language);
    this.publisherName = publisherName(view.publisher, locale);
    this.publisherUrl = urlFor(locale, { kind: "publisher", id: view.publisher.id });
    this.originalTitle = this.title === meta.title ? null : meta.title;
    this.titleLang = titleLang(view, locale);
    this.movedFrom = sources.publishing.movedFrom(view);
  }

  get alternates(): PageBase["alternates"] {
    return alternatesFor({ kind: "document", publisher: this.view.doc.meta.publisher, slug: this.view.doc.slug });
  }

  get crumbs(): PageBase["crumbs"] {
    const { locale } = this;
    return [
      homeCrumb(locale),
      { title: t(locale, "list.publishers"), url: urlFor(locale, { kind: "publishers" }) },
      { title: this.publisherName, url: this.publisherUrl },
    ];
  }

  get topics(): DocumentPage["topics"] {
    const { locale } = this;
    return this.view.topics.map((topic) => ({ label: topic.labels[locale], url: urlFor(locale, { kind: "topic", id: topic.id }) }));
  }

  get figures(): DocumentPage["figures"] {
    return this.sources.keyFigures.documentRows(this.locale, this.view.id);
  }

  get firstPublished(): string | null {
    return this.sources.publishing.pageInputs(this.view).firstPublished;
  }

  get publish(): DocumentPublishing {
    return this.sources.publishing.document(this.locale, this.view, this.sources.items[this.locale]);
  }

  /** The page's JSON is its whole page's (its page-cache key hashes it). */
  toJSON(): DocumentPage {
    return fullDocumentPage(this);
  }
}

export function publisherName(publisher: Publisher, locale: UiLocale): string {
  return publisher.names[locale];
}

export function documentDateText(locale: UiLocale, date: string): string {
  return date === "unknown" ? t(locale, "doc.dateUnknown") : (formatPartialDate(locale, date) ?? date);
}

function titleLang(view: DocumentView, locale: UiLocale): string {
  return view.doc.meta.titleTranslations?.[locale] ? locale : view.doc.meta.language;
}

/** What buildSiteModel may be given besides the content: PublishEnv, a cache of unchanged documents' search records, and a spool for their texts. */
export interface ModelEnv extends PublishEnv {
  /** The build's `.cache/lysark/records/` (search/record-cache.ts); none with `--no-cache` or in the dev server. */
  searchRecords?: SearchRecordStore;
  /** Where a build puts the search records' parts while the model holds the rest (search/record-spool.ts); without it records are kept whole. */
  recordSpool?: { put(record: SearchRecord): SearchRecord };
  /**
   * Called with the search records as soon as they are built, before the rest of the model: a build starts indexing
   * them then. It takes them: the model's `searchRecords` is then empty (a fifth of the model's heap at 5,000 documents).
   */
  onSearchRecords?: (records: readonly SearchRecord[]) => void;
}

/** `env` gives the project root (for git dates) and site settings (edit links, page size). */
export function buildSiteModel(content: SiteContent, env: ModelEnv = {}): SiteModel {
  const pageSize = env.config?.pageSize ?? 20;
  // The publishers and indicators by id, for the views and the search records alike.
  const registries = recordRegistries(content);
  const { publishersById } = registries;
  const topicsById = new Map(content.topics.map((topic) => [topic.id, topic]));

  const views: DocumentView[] = content.documents.map((doc) => documentView(doc, publishersById, topicsById));

  const item =
    (locale: UiLocale) =>
    (view: DocumentView): DocumentListItem => ({
      view,
      title: view.titles[locale],
      titleLang: titleLang(view, locale),
      url: view.urls[locale],
      dateText: documentDateText(locale, view.doc.meta.date),
      typeLabel: t(locale, `type.${view.doc.meta.type}`),
      publisherName: publisherName(view.publisher, locale),
    });

  // A city lists its districts' documents too, and a publisher those of the ones merged into it (their successor).
  const descendants = (id: string): Set<string> => {
    const ids = new Set([id]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const publisher of content.publishers) {
        const below = (publisher.parent !== undefined && ids.has(publisher.parent)) || (publisher.successor !== undefined && ids.has(publisher.successor));
        if (below && !ids.has(publisher.id)) {
          ids.add(publisher.id);
          grew = true;
        }
      }
    }
    return ids;
  };

  const years = [...new Set(views.map((view) => view.year))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? 1 : -1));
  const usedTypes = DOCUMENT_TYPES.filter((type) => views.some((view) => view.doc.meta.type === type));

  // Built once and first: the search pages' facets and the build's search phase both use them, and that phase
  // runs on its own thread while the rest of the model is assembled here.
  const searchRecords = buildSearchRecords(views, registries, env.searchRecords, env.recordSpool);
  env.onSearchRecords?.(searchRecords);
  const keyFigures = assembleKeyFigures(content, views, pageSize);
  const pages: SiteModel["pages"] = {
    home: [],
    document: [],
    publishers: [],
    publisher: [],
    topics: [],
    topic: [],
    types: [],
    type: [],
    years: [],
    year: [],
    notFound: [],
    accessibility: [],
    keyFigures: keyFigures.pages.keyFigures,
    indicator: keyFigures.pages.indicator,
    search: buildSearchPages(searchRecords, content.publishers, content.topics),
    guide: buildGuidePages({ repository: env.config?.repository, branch: env.config?.editBranch }),
  };

  const feeds: ListingFeed[] = [];
  const movedPublishers: MovedPage[] = [];
  const publishing = preparePublishing(content, views, env);
  const made: DocumentPageSources = {
    keyFigures,
    publishing,
    items: Object.fromEntries(UI_LOCALES.map((locale) => [locale, item(locale)])) as DocumentPageSources["items"],
  };
  const documentPage = (locale: UiLocale, view: DocumentView): DocumentPage => new ModelDocumentPage(locale, view, made);
  for (const locale of UI_LOCALES) {
    const toItem = item(locale);
    const home = homeCrumb(locale);
    const publishersCrumb = [home, { title: t(locale, "list.publishers"), url: urlFor(locale, { kind: "publishers" }) }];
    const topicsCrumb = [home, { title: t(locale, "list.topics"), url: urlFor(locale, { kind: "topics" }) }];
    const typesCrumb = [home, { title: t(locale, "list.types"), url: urlFor(locale, { kind: "types" }) }];
    const yearsCrumb = [home, { title: t(locale, "list.years"), url: urlFor(locale, { kind: "years" }) }];

    pages.home.push({
      ...pageBase(locale, { kind: "home" }, t(locale, "site.name")),
      kind: "home",
      intro: t(locale, "home.count", {
        documents: t(locale, "home.count.documents", { count: views.length }),
        publishers: t(locale, "home.count.publishers", { count: new Set(views.map((view) => view.publisher.id)).size }),
      }),
      items: views.slice(0, HOME_LATEST).map(toItem),
    });

    const documentPages = new Map<DocumentView, DocumentPage>();
    for (const view of views) {
      const page = documentPage(locale, view);
      documentPages.set(view, page);
      pages.document.push(page);
    }
    // A listing's feed, beside its first page (scripts/publish/feeds.ts writes it).
    const listingFeed = (route: Route, name: string, listed: readonly DocumentView[], movedFrom: readonly Route[] = []) => {
      const listingUrl = urlFor(locale, route);
      const feed: ListingFeed = {
        locale,
        name,
        url: `${listingUrl}feed.xml`,
        listingUrl,
        documents: listed.map((view) => documentPages.get(view)!),
        movedFrom: movedFrom.map((old) => `${urlFor(locale, old)}feed.xml`),
      };
      feeds.push(feed);
      return { url: feed.url, title: t(locale, "feed.listingLink", { name }) };
    };

    const publisherEntries: IndexEntry[] = [];
    for (const publisher of content.publishers) {
      const ids = descendants(publisher.id);
      const listed = views.filter((view) => ids.has(view.publisher.id));
      const parent = publisher.parent ? publishersById.get(publisher.parent) : undefined;
      const successor = publisher.successor ? publishersById.get(publisher.successor) : undefined;
      const name = publisherName(publisher, locale);
      const url = urlFor(locale, { kind: "publisher", id: publisher.id });
      // A district without a region of its own is grouped with its city.
      const region = publisher.region ?? parent?.region;
      publisherEntries.push({
        title: name,
        url,
        count: listed.length,
        group: `${t(locale, `country.${publisher.country}`)}${region ? ` – ${region}` : ""}`,
        // A merged municipality says where it went, beside the one it went to.
        ...(successor ? { note: `${t(locale, "publisher.successor")} ${publisherName(successor, locale)}` } : {}),
      });
      const oldRoutes = publisher.movedFrom.map((old): Route => ({ kind: "publisher", id: old }));
      const feed = listingFeed({ kind: "publisher", id: publisher.id }, name, listed, oldRoutes);
      for (const old of publisher.movedFrom) movedPublishers.push(movedPublisherPage(locale, old, publisher.id, name));
      pages.publisher.push(
        ...paginated<PublisherPage>(locale, { kind: "publisher", id: publisher.id }, name, publishersCrumb, listed, toItem, pageSize, (page) => ({
          ...page,
          kind: "publisher",
          feed,
          publisher,
          kindLabel: t(locale, `kind.${publisher.kind}`),
          countryLabel: t(locale, `country.${publisher.country}`),
          parent: parent ? { title: publisherName(parent, locale), url: urlFor(locale, { kind: "publisher", id: parent.id }) } : null,
          children: content.publishers
            .filter((child) => child.parent === publisher.id)
            .map((child) => ({ title: publisherName(child, locale), url: urlFor(locale, { kind: "publisher", id: child.id }) })),
          successor: successor ? { title: publisherName(successor, locale), url: urlFor(locale, { kind: "publisher", id: successor.id }) } : null,
          predecessors: content.publishers
            .filter((earlier) => earlier.successor === publisher.id)
            .map((earlier) => ({ title: publisherName(earlier, locale), url: urlFor(locale, { kind: "publisher", id: earlier.id }) })),
          // Shown on the first page of the listing alone, so made for it alone: made for every page, they cost each
          // page time in proportion to the publisher's documents, and a build time in their square (20,000
          // documents: 27 s of the pages phase; docs/performance-log.md, "a publisher's key figures once").
          get keyFigures() {
            return page.pagination && page.pagination.page > 1 ? null : keyFigures.publisher(locale, publisher.id);
          },
        })),
      );
    }
    const groupNames = [...new Set(publisherEntries.map((entry) => entry.group!))].sort((a, b) => a.localeCompare(b, LOCALES[locale].intl));
    pages.publishers.push({
      ...pageBase(locale, { kind: "publishers" }, t(locale, "list.publishers"), [home]),
      entries: publisherEntries,
      groups: groupNames.map((group) => ({
        title: group,
        entries: publisherEntries.filter((entry) => entry.group === group).sort((a, b) => a.title.localeCompare(b.title, LOCALES[locale].intl)),
      })),
    });

    const topicEntries: IndexEntry[] = [];
    for (const topic of content.topics) {
      const listed = views.filter((view) => view.doc.meta.topics.includes(topic.id));
      const url = urlFor(locale, { kind: "topic", id: topic.id });
      topicEntries.push({ title: topic.labels[locale], url, count: listed.length });
      const feed = listingFeed({ kind: "topic", id: topic.id }, topic.labels[locale], listed);
      pages.topic.push(
        ...paginated(locale, { kind: "topic", id: topic.id }, topic.labels[locale], topicsCrumb, listed, toItem, pageSize, (page) => ({
          ...page,
          kind: "topic",
          feed,
        })),
      );
    }
    pages.topics.push({
      ...pageBase(locale, { kind: "topics" }, t(locale, "list.topics"), [home]),
      entries: topicEntries.sort((a, b) => a.title.localeCompare(b.title, LOCALES[locale].intl)),
    });

    const typeEntries: IndexEntry[] = [];
    for (const type of usedTypes) {
      const listed = views.filter((view) => view.doc.meta.type === type);
      const label = t(locale, `type.${type satisfies DocumentType}`);
      typeEntries.push({ title: label, url: urlFor(locale, { kind: "type", id: type }), count: listed.length });
      pages.type.push(...paginated(locale, { kind: "type", id: type }, label, typesCrumb, listed, toItem, pageSize, (page) => ({ ...page, kind: "type" })));
    }
    pages.types.push({ ...pageBase(locale, { kind: "types" }, t(locale, "list.types"), [home]), entries: typeEntries });

    const yearEntries: IndexEntry[] = [];
    for (const year of years) {
      const listed = views.filter((view) => view.year === year);
      const label = year ?? t(locale, "list.undated");
      yearEntries.push({ title: label, url: urlFor(locale, { kind: "year", year }), count: listed.length });
      pages.year.push(...paginated(locale, { kind: "year", year }, label, yearsCrumb, listed, toItem, pageSize, (page) => ({ ...page, kind: "year" })));
    }
    pages.years.push({ ...pageBase(locale, { kind: "years" }, t(locale, "list.years"), [home]), entries: yearEntries });

    pages.notFound.push({
      locale,
      lang: locale,
      url: `${LOCALES[locale].prefix}/404.html`,
      title: t(locale, "notFound.title"),
      alternates: UI_LOCALES.map((other) => ({ locale: other, hreflang: other, url: urlFor(other, { kind: "home" }) })),
      crumbs: [],
    });
    pages.accessibility.push(pageBase(locale, { kind: "accessibility" }, t(locale, "a11y.title"), [home]));
  }

  const model: SiteModel = {
    locales: UI_LOCALES,
    documents: views,
    pages,
    downloads: keyFigures.downloads,
    feeds,
    movedPublishers,
    searchRecords: env.onSearchRecords ? [] : searchRecords,
  };
  documentPageBuilders.set(model, {
    documentPage,
    searchRecord: (view) => buildSearchRecord(view, registries),
    refreshRelated: publishing.refreshRelated,
    pageInputs: publishing.pageInputs,
  });
  return model;
}

/**
 * A document page with everything made once, for rendering it: the model's
 * document pages make their key-figure rows, citation, embed snippet and
 * related list on each read, so that the site's pages do not hold them all at
 * once (docs/performance-log.md); a template reads them many times, so the
 * renderer reads them once here. The copy's JSON is the page's JSON.
 */
export function fullDocumentPage(page: DocumentPage): DocumentPage {
  // Each field read once, in the order the page's JSON has always had (its page-cache key hashes it).
  return {
    locale: page.locale,
    lang: page.lang,
    url: page.url,
    title: page.title,
    alternates: page.alternates,
    crumbs: page.crumbs,
    view: page.view,
    dateText: page.dateText,
    typeLabel: page.typeLabel,
    languageLabel: page.languageLabel,
    publisherName: page.publisherName,
    publisherUrl: page.publisherUrl,
    topics: page.topics,
    figures: page.figures,
    originalTitle: page.originalTitle,
    titleLang: page.titleLang,
    firstPublished: page.firstPublished,
    movedFrom: page.movedFrom,
    // Citation, embed and related list read once here too.
    publish: { ...page.publish },
  };
}

/**
 * Fields of a document shown outside its own pages: in listings, other
 * documents' related lists, key-figure tables, feeds, cards and the search
 * page's facets. A change to any of them needs the whole model rebuilt; a
 * change to anything else (body, people, event, source …) only the
 * document's own pages (see `replaceDocument`).
 */
export const SITE_WIDE_FIELDS = [
  "title",
  "titleTranslations",
  "type",
  "publisher",
  "date",
  "language",
  "topics",
  "summary",
  "keyFigures",
  // Change notes go into the feeds.
  "changes",
  // Earlier addresses are pages of their own (publish/moved.ts): a whole-site render adds them and removes the ones
  // no longer named, as it does a removed document's pages.
  "movedFrom",
] as const satisfies ReadonlyArray<keyof LoadedDocument["meta"]>;

/** True when `before` and `after` differ only in what their own pages show. */
export function onlyOwnPagesDiffer(before: LoadedDocument, after: LoadedDocument): boolean {
  return (
    before.file === after.file &&
    before.slug === after.slug &&
    SITE_WIDE_FIELDS.every((field) => JSON.stringify(before.meta[field]) === JSON.stringify(after.meta[field]))
  );
}

const documentPageBuilders = new WeakMap<
  SiteModel,
  {
    documentPage: (locale: UiLocale, view: DocumentView) => DocumentPage;
    searchRecord: (view: DocumentView) => SearchRecord;
    refreshRelated: () => DocumentView[];
    pageInputs: Publishing["pageInputs"];
  }
>();

/**
 * Puts a new version of a document into `model` in place, for the dev server:
 * its view, its page in every locale and its search record are replaced,
 * everything else is kept. Only valid when `onlyOwnPagesDiffer(old, doc)`.
 * Returns the new pages. Related lists are left as they were: the dev server
 * scores them again afterwards, in the background (`refreshRelatedDocuments`).
 */
export function replaceDocument(model: SiteModel, doc: LoadedDocument): DocumentPage[] {
  const build = documentPageBuilders.get(model);
  const index = model.documents.findIndex((candidate) => candidate.doc.file === doc.file);
  const view = model.documents[index];
  if (!build || !view) throw new Error(`replaceDocument: ${doc.file} is not in this model`);
  // Listing items and related lists hold the view itself, so they see the new version too.
  view.doc = doc;
  // Search records are built in the order of model.documents.
  model.searchRecords[index] = build.searchRecord(view);
  const pages: DocumentPage[] = [];
  model.pages.document.forEach((page, index) => {
    if (page.view !== view) return;
    const fresh = build.documentPage(page.locale, view);
    model.pages.document[index] = fresh;
    pages.push(fresh);
  });
  return pages;
}

/**
 * What `view`'s pages are made from besides its own document, the registries and the settings (`Publishing.pageInputs`),
 * or undefined for a model buildSiteModel did not make.
 */
export function documentPageInputs(model: SiteModel, view: DocumentView): ReturnType<Publishing["pageInputs"]> | undefined {
  return documentPageBuilders.get(model)?.pageInputs(view);
}

/**
 * Scores every document's related list again from the documents' current
 * words, for the dev server after `replaceDocument` (an edited body changes
 * the words every list is scored on), and returns the pages of the documents
 * whose list changed, to be rendered again: then the preview lists what
 * `npm run build` would. Their page objects read the list when rendered.
 */
export function refreshRelatedDocuments(model: SiteModel): DocumentPage[] {
  const build = documentPageBuilders.get(model);
  if (!build) throw new Error("refreshRelatedDocuments: not a model built by buildSiteModel");
  const changed = new Set(build.refreshRelated());
  return model.pages.document.filter((page) => changed.has(page.view));
}

/**
 * What the templates see: one view per document and the shapes of the pages
 * built from it. Types only, in a module of their own that imports no stage,
 * so every stage can name them without an import cycle (docs/architecture.md).
 */
import type { LoadedDocument } from "../content/loaded.ts";
import type { Publisher, Topic } from "../content/schema.ts";
import type { UiLocale } from "../i18n/locales.ts";
import type { Alternate } from "../i18n/routes.ts";
import type { Chart } from "../keyfigures/svg.ts";

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
  /** Made on each read on the listings that grow with the archive (site/pagination.ts). */
  readonly items: DocumentListItem[];
  /** Documents in the whole listing, on every page (set on paginated listings). */
  total?: number;
  /** Null or absent when the listing fits on one page. */
  pagination?: Pagination | null;
  /** The listing's own Atom feed (publishers and topics), with its link title. */
  feed?: { url: string; title: string };
}

export interface DocumentPage extends PageBase {
  view: DocumentView;
  dateText: string;
  typeLabel: string;
  languageLabel: string;
  publisherName: string;
  publisherUrl: string;
  topics: Array<{ label: string; url: string }>;
  /** Made on each read, like the publishing data's heavy parts. */
  readonly figures: FigureRowView[];
  /** The original title when the shown one is a translation. */
  originalTitle: string | null;
  titleLang: string;
  /** When the document's file was first committed ("YYYY-MM-DD", from git), or null; a feed orders by it. */
  readonly firstPublished: string | null;
  /** The addresses it had, where pages send readers on to it (publish/moved.ts): see `Publishing.pageInputs`. */
  readonly movedFrom: readonly string[];
  /** Related documents, attachments, provenance, last-updated date, edit link, social card. */
  publish: DocumentPublishing;
}

export interface PublisherPage extends ListPage {
  publisher: Publisher;
  kindLabel: string;
  countryLabel: string;
  parent: { title: string; url: string } | null;
  children: Array<{ title: string; url: string }>;
  /** The publisher this one became part of (its `successor`), and the ones that became part of it. */
  successor: { title: string; url: string } | null;
  predecessors: Array<{ title: string; url: string }>;
  /**
   * Latest key figures and their history, or null when the publisher states none, and on every page of its listing but
   * the first, where they are shown. Made on each read.
   */
  readonly keyFigures: PublisherFigures | null;
}

export interface IndexEntry {
  title: string;
  url: string;
  count: number;
  group?: string;
  /** A short note after the count (a merged publisher's successor). */
  note?: string;
}

export interface IndexPage extends PageBase {
  entries: IndexEntry[];
  groups?: Array<{ title: string; entries: IndexEntry[] }>;
}

export interface PageLink {
  n: number;
  url: string;
  current: boolean;
}

export interface Pagination {
  page: number;
  pages: number;
  prev: string | null;
  next: string | null;
  /** Links to show: first, last and the pages around the current one; null marks a gap. */
  links: Array<PageLink | null>;
  /** 1-based positions of the first and last item on this page. */
  from: number;
  to: number;
}

export interface AttachmentView {
  title: string;
  file: string;
  url: string;
  type: string;
  sizeText: string;
  size: number;
}

/** `related`, `citation` and `embed` are made on each read in a build's model: read them from `fullDocumentPage` (site/model.ts). */
export interface DocumentPublishing {
  readonly related: DocumentListItem[];
  attachments: AttachmentView[];
  /** "YYYY-MM-DD" of the last change to the document's file. */
  lastUpdated: string | null;
  lastUpdatedText: string | null;
  /** "YYYY-MM-DD" of the commit that added the document's file, when git has its whole history. */
  firstPublished: string | null;
  firstPublishedText: string | null;
  /** The front-matter's public change notes, newest first. */
  changes: ChangeView[];
  editUrl: string | null;
  retrievedText: string | null;
  /** The source note in the page's language where the document gives one, with the language it is in. */
  sourceNote: { text: string; lang: string } | null;
  card: SocialCard;
  /** "Cite this document": the reference's parts, download paths and meta tags. */
  readonly citation: Citation;
  /** "Embed this document": the embed view, its <iframe> snippet and the oEmbed file. */
  readonly embed: EmbedLinks;
}

export interface EmbedLinks {
  /** Site path of the chrome-less embed view. */
  url: string;
  /** The <iframe> HTML to copy, with absolute addresses. */
  snippet: string;
  /** Site path of the JSON oEmbed file. */
  oembedUrl: string;
}

/** One public change note (front-matter `changes:`), as a page and the feeds show it. */
export interface ChangeView {
  /** As written: "YYYY-MM-DD", "YYYY-MM" or "YYYY". */
  date: string;
  dateText: string;
  note: string;
  /** Language of the note. */
  lang: string;
}

export interface SocialCard {
  /** Site path of the PNG. */
  url: string;
  width: number;
  height: number;
  alt: string;
}

export interface BreakdownRowView {
  label: string;
  /** Language of the label: the page's locale for a translation, else the document's language. */
  lang: string;
  valueText: string;
}

export interface BreakdownView {
  /** Id of the breakdown table, the chart's text alternative. */
  tableId: string;
  caption: string;
  /** Each label in the page's language where the document translates it, else as the source has it; `lang` says which. */
  rows: BreakdownRowView[];
  /** "Labels in Norwegian Bokmål, as in the source", when some label is not in the page's language; else "". */
  sourceLanguageNote: string;
  readonly svg: string;
  /** What JSON (the page cache's key) holds: the other fields and the chart's spec instead of its SVG (see chart() in keyfigures/svg.ts). */
  toJSON(): object;
}

export interface FigureRowView {
  /** Unique on its page: the <tr> id, and the prefix of its charts' ids. */
  id: string;
  indicatorId: string;
  label: string;
  indicatorUrl: string;
  publisherId: string;
  publisherName: string;
  publisherUrl: string;
  /** Language of text taken from the document (scope, breakdown and comparison labels). */
  lang: string;
  scope: string;
  /** "" when the source states only the parts (see breakdown). */
  valueText: string;
  /** The reference date as stated ("" when none). */
  refDateText: string;
  /** The date the figure describes: refDate, else the document's date. */
  dateIso: string;
  dateText: string;
  dateFromDocument: boolean;
  comparisonText: string;
  documentTitle: string;
  documentTitleLang: string;
  documentUrl: string;
  /** Anchor on the document page ("#slide-4"), and the full link to it. */
  slideAnchor: string;
  slideUrl: string;
  slideText: string;
  /** The slide (or section) number alone, "" when unknown. */
  slideNumber: string;
  breakdown: BreakdownRowView[];
  breakdownView: BreakdownView | null;
  /**
   * The breakdown's figure on the document page ("" without a breakdown): where a table links when its page does not
   * draw the breakdowns itself (an indicator's values, a publisher's history).
   */
  breakdownUrl: string;
  /** Bar chart of the value against its comparison, when it has one. */
  comparisonChart: Chart | null;
}

export interface DownloadLinks {
  csv: string;
  json: string;
}

export interface PublisherFigures {
  latest: FigureRowView[];
  /** The newest values (HISTORY_PER_SERIES at most) of each series that has more than one, newest first. */
  history: FigureRowView[];
  /** A bar chart per series with more than one value, of the values `history` shows. */
  historyCharts: Chart[];
  /** How many values those series have in all. */
  historyCount: number;
  /** The values `history` shows of each series (HISTORY_PER_SERIES) when it leaves some out; null when it shows them all. */
  historyCapped: number | null;
  downloads: DownloadLinks;
}

/** "Cite this document" (scripts/publish/cite.ts): the reference's parts, download paths and meta tags. */
export interface Citation {
  /** People named as presenter or author; empty when the publisher is the author. */
  people: string[];
  /** Who the reference names first: the people, else the publisher. */
  authors: string[];
  /** The document's year, or null when its date is unknown. */
  year: string | null;
  /** The year, or the locale's "no date" ("u.å.", "n.d."). */
  yearText: string;
  /** The title as the source gives it, in the document's language. */
  title: string;
  /** The title in the page's locale when it is a translation, else null. */
  translatedTitle: string | null;
  language: string;
  typeLabel: string;
  publisherName: string;
  /** Absolute address of the page cited. */
  url: string;
  /** Site paths of the downloads. */
  bibtexUrl: string;
  cslUrl: string;
  /** Highwire and Dublin Core meta tags, in order. */
  metaTags: Array<{ name: string; content: string }>;
}

/** The Atom feed of one publisher's or topic's listing in one locale (written by scripts/publish/feeds.ts). */
export interface ListingFeed {
  locale: UiLocale;
  /** The publisher's name or the topic's label. */
  name: string;
  /** Site path of the feed: the listing's first page + "feed.xml". */
  url: string;
  /** Site path of the listing's first page. */
  listingUrl: string;
  /** The listing's document pages in this locale, newest first (the feed takes the newest dated ones). */
  documents: DocumentPage[];
  /**
   * Site paths of the same feed at a renamed or merged publisher's old addresses (its `movedFrom`): a feed reader
   * follows no refresh, so the feed itself is kept there, and `_redirects` moves it where hosts read that file.
   */
  movedFrom: readonly string[];
}

/**
 * What a document page shows beyond its content: related documents,
 * attachments with type and size, provenance, the last-updated date from git
 * and an "edit this page" link, and its social card. Computed once per build,
 * then per locale.
 */
import type { SiteContent } from "../content/loaded.ts";
import type { Publisher } from "../content/schema.ts";
import { RELEASED_TERMS } from "../content/terms.ts";
import { oldAddressesByDocument } from "../content/moved.ts";
import { formatPartialDate } from "../i18n/format.ts";
import { DEFAULT_LOCALE, type UiLocale } from "../i18n/locales.ts";
import { t } from "../i18n/strings.ts";
import { relatedDocuments } from "../related/related.ts";
import type { SiteConfig } from "../site/config.ts";
import type { DocumentListItem, DocumentView } from "../site/views.ts";
import { formatFileSize } from "./attachments.ts";
import { CARD_HEIGHT, CARD_WIDTH } from "./card-layout.ts";
import { documentCitation } from "./cite.ts";
import { OEMBED_FILE } from "../content/page-files.ts";
import { embedSnippet, embedUrl } from "./embed.ts";
import { shownText } from "./free-text.ts";
import { formatProblem } from "../content/problems.ts";
import { fileDates, type FileDates } from "./git-dates.ts";
import type { ChangeView, DocumentPublishing } from "../site/views.ts";
export type { AttachmentView, ChangeView, DocumentPublishing, SocialCard } from "../site/views.ts";

export interface PublishEnv {
  /** Project root: enables git dates. */
  root?: string;
  config?: SiteConfig;
  /** Where build warnings go (console.warn by default). */
  warn?: (message: string) => void;
  /**
   * The related lists are scored once and never again (a build; the dev server scores them again after an edit):
   * each document's words are released then, about 2.6 KB a document the main thread held to the end.
   */
  scoreRelatedOnce?: boolean;
}

/** True when partial date `a` is after `b` at the precision both share ("2026" is not after "2026-05-01"). */
export function dateIsAfter(a: string, b: string): boolean {
  const shared = Math.min(a.length, b.length);
  return a.slice(0, shared) > b.slice(0, shared);
}

/**
 * Change notes dated after the file last changed: the note describes a change git
 * has not seen yet (a date in the future, or a typo). A warning, not an error:
 * `check` cannot know the git date, and a passing check must mean a passing build.
 */
export function changesAfterLastUpdate(views: readonly DocumentView[], lastUpdated: ReadonlyMap<string, string>): string[] {
  const warnings: string[] = [];
  for (const view of views) {
    const updated = lastUpdated.get(view.doc.file);
    if (!updated) continue;
    view.doc.meta.changes.forEach((change, index) => {
      if (!dateIsAfter(change.date, updated)) return;
      const field = ["changes", index, "date"];
      const { line, col } = view.doc.fieldAt(field);
      warnings.push(
        formatProblem({
          file: view.doc.file,
          line,
          col,
          field: field.join("."),
          severity: "warning",
          message: `${change.date} is after ${updated}, when the file last changed. Date a change when it is published, not ahead of time.`,
        }),
      );
    });
  }
  return warnings;
}

/** A document's change notes, newest first, in the page's locale. */
export function changeViews(locale: UiLocale, view: DocumentView): ChangeView[] {
  return view.doc.meta.changes
    .map((change) => {
      const note = shownText(change.note, locale, view.doc.meta.language);
      return { date: change.date, dateText: formatPartialDate(locale, change.date) ?? change.date, note: note.text, lang: note.lang };
    })
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

export { CARD_HEIGHT, CARD_WIDTH };

/** Site path of a document's social card. */
export function cardUrl(view: Pick<DocumentView, "doc">): string {
  return `/social/${view.doc.meta.publisher}/${view.doc.slug}.png`;
}

/** Site path of the card for pages that are not documents. */
export function siteCardUrl(locale: UiLocale): string {
  return `/social/site-${locale}.png`;
}

/** The UI locale a document's card is written in: English for English documents, else the default. */
export function cardLocale(view: Pick<DocumentView, "doc">): UiLocale {
  return view.doc.meta.language === "en" ? "en" : DEFAULT_LOCALE;
}

/** Shared by the documents that never moved: most of them. */
const NO_ADDRESSES: readonly string[] = Object.freeze([]);

/**
 * Publishers that count as close to `publisher` for relatedness: its parent, its districts and its siblings, and the
 * publisher it became part of and those that became part of it (`successor`: a municipality before and after a merger).
 */
export function relativesOf(publisher: Publisher, publishers: readonly Publisher[]): string[] {
  const out = new Set<string>();
  for (const other of publishers) {
    if (other.id === publisher.id) continue;
    if (other.id === publisher.parent || other.parent === publisher.id || (publisher.parent && other.parent === publisher.parent)) out.add(other.id);
    if (other.id === publisher.successor || other.successor === publisher.id) out.add(other.id);
  }
  return [...out].sort();
}

/** Base of the "edit this page" links: repository web address, /edit/, branch. GitHub, GitLab and Gitea understand it. */
function editBase(config: SiteConfig | undefined): string | null {
  if (!config?.repository) return null;
  return `${config.repository.replace(/\/+$/, "").replace(/\.git$/, "")}/edit/${config.editBranch}/`;
}

export interface Publishing {
  /** Related document views per document id, best first. */
  related: Map<string, DocumentView[]>;
  /**
   * Scores the related lists again from the documents' current words (the dev server, after a document's body
   * was replaced in place: its words change every document's scores) and returns the views whose list changed.
   */
  refreshRelated(): DocumentView[];
  lastUpdated(view: DocumentView): string | null;
  /** A document's old addresses, where pages send readers on to it: see `pageInputs`. */
  movedFrom(view: DocumentView): readonly string[];
  /**
   * What a document's pages (page, embed view, oEmbed, citations) are made from besides its own document, the
   * registries and the settings: its related documents and its dates from git. `npm start` keys a document's pages
   * again only when these or the document changed (scripts/editor/dev-pages.ts), so a document page that comes to
   * show more of other documents must name it here (tests/publish/document-page-inputs.test.ts checks the views).
   */
  pageInputs(view: DocumentView): {
    related: readonly DocumentView[];
    lastUpdated: string | null;
    firstPublished: string | null;
    /** Its old addresses: its own `movedFrom`, and its publisher's with its file name, unless another document lists one. */
    movedFrom: readonly string[];
  };
  document(locale: UiLocale, view: DocumentView, toItem: (view: DocumentView) => DocumentListItem): DocumentPublishing;
}

/** Each view's related views, best first, parallel to `views`. */
function relatedViews(content: SiteContent, views: readonly DocumentView[]): DocumentView[][] {
  const indexes = relatedDocuments(
    views.map((view) => ({
      id: view.id,
      terms: view.doc.terms,
      topics: view.doc.meta.topics,
      publisher: view.publisher.id,
      relatives: relativesOf(view.publisher, content.publishers),
    })),
  );
  return indexes.map((list) => list.map((other) => views[other]!));
}

export function preparePublishing(content: SiteContent, views: readonly DocumentView[], env: PublishEnv = {}): Publishing {
  const related = new Map<string, DocumentView[]>();
  // Fills the map the first time; then keeps the lists that did not change and names the views whose list did.
  const refreshRelated = () => {
    const changed: DocumentView[] = [];
    relatedViews(content, views).forEach((list, index) => {
      const view = views[index]!;
      const before = related.get(view.id);
      if (before && list.length === before.length && list.every((other, at) => other === before[at])) return;
      related.set(view.id, list);
      changed.push(view);
    });
    return changed;
  };
  refreshRelated();
  if (env.scoreRelatedOnce) for (const view of views) view.doc.terms = RELEASED_TERMS;

  const warn = env.warn ?? console.warn;
  const history: FileDates = env.root
    ? fileDates(
        env.root,
        views.map((view) => view.doc.file),
        "content",
        warn,
      )
    : { lastUpdated: new Map(), firstPublished: new Map() };
  const dates = history.lastUpdated;
  for (const warning of changesAfterLastUpdate(views, dates)) warn(warning);
  const edit = editBase(env.config);
  const lastUpdated = (view: DocumentView) => dates.get(view.doc.file) ?? null;
  const firstPublished = (view: DocumentView) => history.firstPublished.get(view.doc.file) ?? null;
  const oldAddresses = oldAddressesByDocument(content);
  const movedFrom = (view: DocumentView): readonly string[] => oldAddresses.get(view.id) ?? NO_ADDRESSES;

  return {
    related,
    refreshRelated,
    lastUpdated,
    movedFrom,
    pageInputs: (view) => ({
      related: related.get(view.id)!,
      lastUpdated: lastUpdated(view),
      firstPublished: firstPublished(view),
      movedFrom: movedFrom(view),
    }),
    document(locale, view, toItem) {
      const { meta } = view.doc;
      const updated = lastUpdated(view);
      const first = firstPublished(view);
      const documentDir = view.urls[DEFAULT_LOCALE];
      const local = cardLocale(view);
      const pdfUrls = view.doc.assets.attachments
        .filter((attachment) => attachment.type === "PDF" || attachment.file.toLowerCase().endsWith(".pdf"))
        .map((attachment) => `${env.config?.url ?? ""}${documentDir}${attachment.file.split("/").map(encodeURIComponent).join("/")}`);
      return {
        // The citation, embed snippet and related list are made when read (the renderer reads each once,
        // see fullDocumentPage in site/model.ts), not held for every page of the site at once.
        get citation() {
          return documentCitation(locale, view, view.urls[locale], env.config?.url ?? "", { pdfUrls });
        },
        get embed() {
          return {
            url: embedUrl(locale, view),
            snippet: embedSnippet(`${env.config?.url ?? ""}${embedUrl(locale, view)}`, view.titles[locale], locale),
            oembedUrl: `${view.urls[locale]}${OEMBED_FILE}`,
          };
        },
        get related() {
          return related.get(view.id)!.map(toItem);
        },
        attachments: view.doc.assets.attachments.map((attachment) => ({
          title: attachment.title ?? attachment.file.split("/").pop()!,
          file: attachment.file,
          url: `${documentDir}${attachment.file.split("/").map(encodeURIComponent).join("/")}`,
          type: attachment.type,
          size: attachment.size,
          sizeText: formatFileSize(locale, attachment.size),
        })),
        lastUpdated: updated,
        lastUpdatedText: updated ? formatPartialDate(locale, updated) : null,
        firstPublished: first,
        firstPublishedText: first ? formatPartialDate(locale, first) : null,
        changes: changeViews(locale, view),
        editUrl: edit ? `${edit}${view.doc.file.split("/").map(encodeURIComponent).join("/")}` : null,
        retrievedText: meta.source?.retrieved ? formatPartialDate(locale, meta.source.retrieved) : null,
        sourceNote: meta.source?.note === undefined ? null : shownText(meta.source.note, locale, meta.language),
        card:
          env.config?.socialCards === "site"
            ? { url: siteCardUrl(locale), width: CARD_WIDTH, height: CARD_HEIGHT, alt: `${t(locale, "site.name")}: ${t(locale, "site.tagline")}` }
            : {
                url: cardUrl(view),
                width: CARD_WIDTH,
                height: CARD_HEIGHT,
                alt: t(locale, "social.cardAlt", { title: view.titles[local], publisher: view.publisher.names[local] }),
              },
      };
    },
  };
}

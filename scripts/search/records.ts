/**
 * What goes into the search index, as pure data: one record per document,
 * built from the document's single rendered body (never from the per-locale
 * pages). index.ts hands each record to Pagefind; docs/search.md explains the
 * choices.
 *
 * A record becomes a small synthetic HTML page in the body's own language:
 *   <html lang="sv">  … <meta data-pagefind-meta/filter/sort …>
 *   <h1>original title</h1>
 *   <p>titles in the UI languages, topic labels + keywords in every language, publisher names, key figures …</p>
 *     (the registries' words last, after <div id="terms"></div>; a paragraph per language, <div id="lang-en"></div>
 *     before one in another language than the one before it)
 *   <div id="index-only"></div><p>compound parts</p><p>word forms</p>   (indexed, never shown: INDEX_ONLY_ANCHOR)
 *   <h2 id="slide-3" data-pagefind-title="slide-3">slide title</h2><p>slide text and notes</p> …
 * Pagefind turns each `<h2 id>` into an anchor, and the search UI into a
 * sub-result that links straight to `#slide-N` on the document page.
 */
import path from "node:path";
import { readBody } from "../content/body-store.ts";
import type { RenderedBody } from "../content/markdown.ts";
import type { Indicator, Publisher, Topic } from "../content/schema.ts";
import { wordCharBefore } from "../content/terms.ts";
import { CONTENT_LANGUAGES, type ContentLanguage, UI_LOCALES, type UiLocale } from "../i18n/locales.ts";
import type { DocumentView } from "../site/views.ts";

/** Site path of the one Pagefind bundle that holds every document, whatever its language. */
export const SEARCH_BUNDLE = "/pagefind/";

/** SEARCH_BUNDLE as the caches name a folder of the site: relative, forward slashes ("pagefind"). */
export const SEARCH_BUNDLE_NAME = SEARCH_BUNDLE.split("/").filter(Boolean).join("/");

/** The folder of SEARCH_BUNDLE in the output folder `outputDir`. */
export function searchBundleDir(outputDir: string): string {
  return path.join(outputDir, ...SEARCH_BUNDLE_NAME.split("/"));
}

/** The folder a slice of the index is written to before the slices are joined (index.ts): beside the bundle's, removed once joined. */
export function searchSliceDir(outputDir: string, slice: number): string {
  return `${searchBundleDir(outputDir)}.slice-${slice}`;
}

/**
 * The folder `npm start` writes each new index into (slices and bundle, as a build writes them into its output), and
 * the one the bundle it replaces is moved to: beside the bundle's, so both are renamed within one file system
 * (../editor/dev-search.ts).
 */
export function searchStagingDirs(outputDir: string): { next: string; old: string } {
  const bundle = searchBundleDir(outputDir);
  return { next: `${bundle}.next`, old: `${bundle}.old` };
}

/**
 * Whether `name`, a top-level entry of the output folder, is the search index's: its bundle's folder, a slice's, or
 * `npm start`'s staging folders (which a server stopped mid-index leaves).
 */
export function isSearchOutput(name: string): boolean {
  return (
    name === SEARCH_BUNDLE_NAME ||
    name.startsWith(`${SEARCH_BUNDLE_NAME}.slice-`) ||
    name === `${SEARCH_BUNDLE_NAME}.next` ||
    name === `${SEARCH_BUNDLE_NAME}.old`
  );
}

/** Filter keys, in the order the search page shows them. */
export const FACETS = ["publisher", "topic", "type", "year", "language"] as const;
export type Facet = (typeof FACETS)[number];

/** Sort keys: unknown dates go last in both directions (Pagefind drops records that lack the key). */
export const SORT_NEWEST = "newest";
export const SORT_OLDEST = "oldest";
const UNKNOWN_NEWEST = "0000";
const UNKNOWN_OLDEST = "9999";

/** Year filter value of a document whose date is "unknown". */
export const UNDATED = "unknown";

/**
 * Content weights (Pagefind's data-pagefind-weight; a paragraph is 1, an h1 7).
 * Translated titles count nearly as much as the title; topics are a strong
 * signal but must not drown a slide that talks about the subject.
 */
export const WEIGHTS = {
  translatedTitle: 5,
  topics: 3,
  publisher: 2,
  summary: 2,
  people: 1,
  keyFigures: 1,
  slideTopics: 1,
  compoundParts: 0.5,
  wordForms: 0.5,
} as const;

export interface SearchBlock {
  text: string;
  /** Language of the text when it is not the body's. */
  lang?: string;
  weight?: number;
  /** Words from the registries (topic labels and keywords, publisher names, indicator labels), not the document's own. */
  terms?: boolean;
}

export interface SearchPart {
  /** Anchor on the document page: `slide-N` or `section-N`. */
  anchor: string;
  title: string;
  /** Slide or section text after its title, speaker notes included. */
  text: string;
  /** Labels of the document's topics this part mentions, in the languages it does not use: a block per language. */
  topics: SearchBlock[];
}

/**
 * Start of the id of the empty anchor before a block whose language differs from the text before it ("lang-en"; the
 * record's own language where it resumes). The search page reads them to give such words their own `lang`
 * (WCAG 3.1.2; LANGUAGE_ANCHOR in assets/search-explain.js). Like INDEX_ONLY_ANCHOR, they add no word and move none.
 */
export const LANGUAGE_ANCHOR = "lang-";

/**
 * Id of the empty anchor before a record's registry words (SearchBlock.terms), the last of its head: they run to the
 * first anchor after them that is not a language anchor. The search page takes a result's excerpt from the
 * document's own words when the query matched any (TERMS_ANCHOR in assets/search-explain.js).
 */
const TERMS_ANCHOR = "terms";

/**
 * The anchor to put before each of `blocks`, which follow text in `language`: where a block's language (the record's
 * `language` when it names none) differs from the one before it.
 */
export function languageAnchors(blocks: readonly SearchBlock[], language: string): Array<string | undefined> {
  let current = language;
  return blocks.map((block) => {
    const lang = block.lang ?? language;
    if (lang === current) return undefined;
    current = lang;
    return `${LANGUAGE_ANCHOR}${lang}`;
  });
}

/**
 * The ids of the empty anchors before each of `blocks`, which follow text in `language`: TERMS_ANCHOR before the first
 * registry block where `withTerms` (a record's head), then the block's language anchor (languageAnchors). recordHtml
 * and Lysark's own index writer (index-page.ts) both place them from here.
 */
export function anchorsBefore(blocks: readonly SearchBlock[], language: string, withTerms = false): string[][] {
  const languages = languageAnchors(blocks, language);
  const terms = withTerms ? blocks.findIndex((block) => block.terms) : -1;
  return blocks.map((_, i) => [...(i === terms ? [TERMS_ANCHOR] : []), ...(languages[i] ? [languages[i]] : [])]);
}

/**
 * Blocks of terms at one weight: the terms in the document's own language with any that every UI language shares
 * (names such as "EU" or "Region Gävleborg" are of no one language), then each UI language's, its `lang` set. Each
 * term once, ignoring case, where it first comes.
 */
function languageBlocks(own: readonly string[], ofLocale: (locale: UiLocale) => readonly string[], weight: number): SearchBlock[] {
  const lists = UI_LOCALES.map(ofLocale);
  const keys = lists.map((list) => new Set(list.map((term) => term.toLocaleLowerCase())));
  const everywhere = lists[0]!.filter((term) => keys.every((set) => set.has(term.toLocaleLowerCase())));
  const seen = new Set<string>();
  const fresh = (terms: readonly string[]) =>
    terms.filter((term) => {
      const key = term.toLocaleLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const blocks: SearchBlock[] = [];
  const ownTerms = fresh([...own, ...everywhere]);
  if (ownTerms.length) blocks.push({ text: ownTerms.join(" · "), weight, terms: true });
  UI_LOCALES.forEach((locale, i) => {
    const terms = fresh(lists[i]!);
    if (terms.length) blocks.push({ text: terms.join(" · "), lang: locale, weight, terms: true });
  });
  return blocks;
}

/** Where a record made by record-spool.ts keeps the hash of its whole JSON (a symbol, so JSON leaves it out). */
export const RECORD_HASH: unique symbol = Symbol("lysark.recordHash");

export interface SearchRecord {
  /** `<publisher>/<slug>`: the UI turns it into the document URL of its own locale. */
  id: string;
  /** URL Pagefind stores (the default locale's); the UI maps it per locale from `id`. */
  url: string;
  /** Language of the body: the `lang` of the record and the language filter. */
  /** The body's BCP 47 language; only CONTENT_LANGUAGES have a stemmer. */
  language: string;
  title: string;
  /** Pagefind metadata, returned with each result. Every value is searchable too, so no URLs here. */
  meta: Record<string, string>;
  filters: Record<Facet, string[]>;
  sort: Record<string, string>;
  /** Searchable text about the document, before its first slide. */
  head: SearchBlock[];
  /** Slides or sections that have text; empty ones cannot match anything. In a build, read back from disk on each access (record-spool.ts). */
  readonly parts: SearchPart[];
  readonly [RECORD_HASH]?: string;
}

/**
 * A publisher and the publishers above it: a district, then its city, and the publisher a merged one became part of
 * (its successor), whose listing holds its documents too.
 */
export function publisherChain(id: string, publishersById: ReadonlyMap<string, Publisher>): Publisher[] {
  const chain: Publisher[] = [];
  const seen = new Set<string>();
  const visit = (next: string | undefined) => {
    const publisher = next === undefined ? undefined : publishersById.get(next);
    if (!publisher || seen.has(publisher.id)) return;
    seen.add(publisher.id);
    chain.push(publisher);
  };
  visit(id);
  // Breadth first: the publisher's own parent and successor before theirs.
  for (let index = 0; index < chain.length; index++) {
    visit(chain[index]!.parent);
    visit(chain[index]!.successor);
  }
  return chain;
}

/** Topic labels in every UI language, then the registry's keywords, without repeats. */
export function topicTerms(topic: Topic): string[] {
  const terms = [...UI_LOCALES.map((locale) => topic.labels[locale]), ...UI_LOCALES.flatMap((locale) => topic.keywords?.[locale] ?? [])];
  return unique(terms);
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLocaleLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** True when `term` starts a word in `text` ("likestilling" is in "likestillingsutvalg"), ignoring case. */
export function mentions(text: string, term: string): boolean {
  // One RegExp per term, not per call: compiling them was seconds of a large build (docs/performance-log.md).
  let pattern = mentionPatterns.get(term);
  if (!pattern) mentionPatterns.set(term, (pattern = new RegExp(escapeRegExp(term), "giu")));
  return matchesAtWordStart(pattern, text);
}
const mentionPatterns = new Map<string, RegExp>();

/**
 * Whether the global, case-insensitive `pattern` matches in `text` where no letter or digit comes
 * before: what `(?<![\p{L}\p{N}])` in front of it would say, but V8 scans about three times faster
 * for a pattern that starts with its terms than for one that starts with a lookbehind (every
 * slide against its document's topics was about 1 s of pass 1's CPU at N = 5000, docs/performance-log.md).
 */
function matchesAtWordStart(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (!wordCharBefore(text, match.index)) return true;
    pattern.lastIndex = match.index + ((text.codePointAt(match.index) ?? 0) > 0xffff ? 2 : 1);
  }
  return false;
}

/** What slideTopicLabels asks of one topic, made once per topic rather than per slide. */
interface TopicPatterns {
  /** Any of the topic's terms (matchesAtWordStart): one pattern instead of one test per term. */
  anyTerm: RegExp;
}
const topicPatterns = new WeakMap<Topic, TopicPatterns>();

function patternsOf(topic: Topic): TopicPatterns {
  let patterns = topicPatterns.get(topic);
  if (!patterns) {
    const terms = topicTerms(topic);
    topicPatterns.set(topic, (patterns = { anyTerm: new RegExp(`(?:${terms.map(escapeRegExp).join("|")})`, "giu") }));
  }
  return patterns;
}

/**
 * Topic labels to attach to one slide: for each of the document's topics that
 * the slide mentions (by a label or keyword in any UI language), its labels
 * in the other UI languages, a block per language (languageBlocks). "Gender
 * equality" then finds the Norwegian slide that says "likestilling", and links
 * to that slide, not just the document.
 */
export function slideTopicLabels(text: string, topics: readonly Topic[]): SearchBlock[] {
  const mentioned = topics.filter((topic) => matchesAtWordStart(patternsOf(topic).anyTerm, text));
  if (!mentioned.length) return [];
  return languageBlocks([], (locale) => mentioned.map((topic) => topic.labels[locale]).filter((label) => !mentions(text, label)), WEIGHTS.slideTopics);
}

/** Plain text of markdown-it output (which escapes only & < > "). */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** Text of a part after its title (BodyPart.text is title + body + notes). */
function partBodyText(text: string, title: string): string {
  return title && text.startsWith(title) ? text.slice(title.length).trim() : text;
}

/** What a record names besides its document: its publishers (and the ones above them) and its key figures' indicators. */
export interface RecordRegistries {
  publishersById: ReadonlyMap<string, Publisher>;
  indicatorsById: ReadonlyMap<string, Indicator>;
}

export function recordRegistries(registries: { publishers: readonly Publisher[]; indicators: readonly Indicator[] }): RecordRegistries {
  return {
    publishersById: new Map(registries.publishers.map((publisher) => [publisher.id, publisher])),
    indicatorsById: new Map(registries.indicators.map((indicator) => [indicator.id, indicator])),
  };
}

/**
 * The words of a document's key figures: each indicator's labels in every UI language (so "nationalities" finds a
 * Norwegian document's "nasjonaliteter"), and the figures' own words, scope, comparison and breakdown labels with
 * their translations ("Polen", "Poland").
 */
function keyFigureBlocks(view: DocumentView, indicatorsById: ReadonlyMap<string, Indicator>): SearchBlock[] {
  const figures = view.doc.meta.keyFigures;
  // The scope and the breakdown's labels are in the source's words: the document's language.
  const own = figures.flatMap((figure) => [...(figure.scope ? [figure.scope] : []), ...(figure.breakdown ?? []).map((part) => part.label)]);
  return languageBlocks(
    own,
    (locale) =>
      figures.flatMap((figure) =>
        [
          indicatorsById.get(figure.indicator)?.labels[locale],
          figure.comparison?.label?.[locale],
          ...(figure.breakdown ?? []).map((part) => part.labelTranslations?.[locale]),
        ].filter((term): term is string => Boolean(term)),
      ),
    WEIGHTS.keyFigures,
  );
}

/** `body` is the document's full rendered body (the view holds only its outline). */
export function buildSearchRecord(
  view: DocumentView,
  { publishersById, indicatorsById }: RecordRegistries,
  body: RenderedBody = readBody(view.doc),
): SearchRecord {
  const { meta } = view.doc;
  const chain = publisherChain(view.publisher.id, publishersById);

  const metaFields: Record<string, string> = { title: meta.title, doc: view.id, publisher: view.publisher.id };
  for (const locale of UI_LOCALES) {
    const translated = meta.titleTranslations?.[locale];
    if (translated && translated !== meta.title) metaFields[`title_${locale}`] = translated;
  }
  if (meta.date !== "unknown") metaFields.date = meta.date;

  const head: SearchBlock[] = [];
  for (const locale of UI_LOCALES) {
    const translated = metaFields[`title_${locale}`];
    if (translated) head.push({ text: translated, lang: locale, weight: WEIGHTS.translatedTitle });
  }
  if (meta.summary) head.push({ text: meta.summary, weight: WEIGHTS.summary });
  const people = meta.people.map((person) => [person.name, person.title].filter(Boolean).join(", "));
  const about = [...people, meta.event].filter((value): value is string => Boolean(value));
  if (about.length) head.push({ text: about.join(" · "), weight: WEIGHTS.people });
  const preamble = htmlToText(body.preambleHtml);
  if (preamble) head.push({ text: preamble });
  // The registries' words last, after the document's own (TERMS_ANCHOR).
  head.push(
    ...languageBlocks([], (locale) => view.topics.flatMap((topic) => [topic.labels[locale], ...(topic.keywords?.[locale] ?? [])]), WEIGHTS.topics),
    ...languageBlocks([], (locale) => chain.map((publisher) => publisher.names[locale]), WEIGHTS.publisher),
    ...keyFigureBlocks(view, indicatorsById),
  );

  const parts: SearchPart[] = body.parts
    .filter((part) => !part.empty)
    .map((part) => ({
      anchor: part.anchor,
      title: part.titleText,
      text: partBodyText(part.text, part.titleText),
      topics: slideTopicLabels(part.text, view.topics),
    }));

  return {
    id: view.id,
    url: view.urls[UI_LOCALES[0]],
    language: meta.language,
    title: meta.title,
    meta: metaFields,
    filters: {
      publisher: chain.map((publisher) => publisher.id),
      topic: [...meta.topics],
      type: [meta.type],
      year: [view.year ?? UNDATED],
      language: [meta.language],
    },
    sort: {
      [SORT_NEWEST]: meta.date === "unknown" ? UNKNOWN_NEWEST : meta.date,
      [SORT_OLDEST]: meta.date === "unknown" ? UNKNOWN_OLDEST : meta.date,
    },
    head,
    parts,
  };
}

/** What buildSearchRecords asks of a record cache (./record-cache.ts). */
export interface SearchRecordStore {
  get(view: DocumentView): SearchRecord | undefined;
  set(view: DocumentView, record: SearchRecord): void;
}

/**
 * One record per view. With a `cache` (./record-cache.ts), unchanged documents' records come from it
 * and new ones go into it; with a `spool`, each record's parts then go to disk (record-spool.ts).
 */
export function buildSearchRecords(
  views: readonly DocumentView[],
  registries: RecordRegistries,
  cache?: SearchRecordStore,
  spool?: { put(record: SearchRecord): SearchRecord },
): SearchRecord[] {
  return views.map((view) => {
    let record = cache?.get(view);
    if (!record) {
      record = buildSearchRecord(view, registries);
      cache?.set(view, record);
    }
    return spool ? spool.put(record) : record;
  });
}

/**
 * Pagefind's stemmer for each body language. Nynorsk has no stemmer of its own:
 * Pagefind 1.6 stems "nn" with the same Norwegian stemmer as "nb" (its
 * wasm.nn and wasm.nb are the same WebAssembly, and both index a Nynorsk text
 * to the same words), so they count as one.
 */
export const STEMMER: Record<ContentLanguage, ContentLanguage> = { nb: "nb", nn: "nb", sv: "sv", da: "da", en: "en" };

/**
 * The language whose stemmer indexes every document, and stems every query: the
 * stemmer of the most documents (ties go to the earlier in CONTENT_LANGUAGES, so
 * the choice is stable). One stemmer means one WebAssembly module for the browser
 * to load; docs/search.md weighs this against a stemmer per language.
 */
export function stemmerLanguage(records: ReadonlyArray<{ language: string }>): ContentLanguage | undefined {
  const counts = new Map<ContentLanguage, number>();
  for (const record of records) {
    // A body in another language (de, pl …) has no stemmer of its own: it is indexed with the chosen one.
    const stem = (CONTENT_LANGUAGES as readonly string[]).includes(record.language) ? STEMMER[record.language as ContentLanguage] : undefined;
    if (stem) counts.set(stem, (counts.get(stem) ?? 0) + 1);
  }
  let best: ContentLanguage | undefined;
  for (const language of CONTENT_LANGUAGES) {
    if ((counts.get(language) ?? 0) > (best ? counts.get(best)! : 0)) best = language;
  }
  return best;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Id of the empty anchor before a record's index-only words (compound parts and word forms): they run
 * from it to the next anchor (the first slide's) or the end of the page's content. Read by
 * assets/search-explain.js (INDEX_ONLY there), which keeps them out of the excerpts a reader sees.
 */
export const INDEX_ONLY_ANCHOR = "index-only";

/**
 * The record as the HTML Pagefind indexes. Only Pagefind reads it; it is
 * never written to the site. Text is escaped, so markup typed into a document
 * stays text in the index and in excerpts.
 */
export interface IndexedExtras {
  /** Inner and final parts of the record's compounds (compounds.ts), indexed at WEIGHTS.compoundParts. */
  compoundParts?: string[];
  /** Inflected forms of the record's words its stemmer cannot join (inflections.ts), indexed at WEIGHTS.wordForms. */
  wordForms?: string[];
}

export function recordHtml(record: SearchRecord, extras: IndexedExtras = {}): string {
  const tags: string[] = [];
  for (const [key, value] of Object.entries(record.meta)) {
    tags.push(`<meta data-pagefind-meta="${escapeHtml(key)}[content]" content="${escapeHtml(value)}">`);
  }
  for (const [key, values] of Object.entries(record.filters)) {
    for (const value of values) tags.push(`<meta data-pagefind-filter="${escapeHtml(key)}[content]" content="${escapeHtml(value)}">`);
  }
  for (const [key, value] of Object.entries(record.sort)) {
    tags.push(`<meta data-pagefind-sort="${escapeHtml(key)}[content]" content="${escapeHtml(value)}">`);
  }
  const blocks = (list: readonly SearchBlock[], withTerms = false) => {
    const anchors = anchorsBefore(list, record.language, withTerms);
    return list.map((block, i) => {
      const anchor = anchors[i]!.map((id) => `<div id="${escapeHtml(id)}"></div>`).join("");
      const lang = block.lang && block.lang !== record.language ? ` lang="${escapeHtml(block.lang)}"` : "";
      const weight = block.weight && block.weight !== 1 ? ` data-pagefind-weight="${block.weight}"` : "";
      return `${anchor}<p${lang}${weight}>${escapeHtml(block.text)}</p>`;
    });
  };
  const head = blocks(record.head, true);
  // data-pagefind-title makes every slide an anchor, even one whose heading is empty,
  // so its text is never credited to the slide before it.
  const parts = record.parts.map(
    (part) =>
      `<h2 id="${escapeHtml(part.anchor)}" data-pagefind-title="${escapeHtml(part.anchor)}">${escapeHtml(part.title)}</h2>` +
      (part.text ? `<p>${escapeHtml(part.text)}</p>` : "") +
      blocks(part.topics).join(""),
  );
  // Before the slides, so the parts never end up in a slide's excerpt or are credited to a slide.
  const compounds = extras.compoundParts?.length
    ? [`<p data-pagefind-weight="${WEIGHTS.compoundParts}" data-pagefind-compound-parts>${escapeHtml(extras.compoundParts.join(" "))}</p>`]
    : [];
  const forms = extras.wordForms?.length
    ? [`<p data-pagefind-weight="${WEIGHTS.wordForms}" data-pagefind-word-forms>${escapeHtml(extras.wordForms.join(" "))}</p>`]
    : [];
  // Pagefind still puts them in the page's content, which its page excerpt is taken from: an empty
  // element with an id marks where they start (they end at the first slide's anchor), and the search
  // page leaves them out of the excerpt (assets/search-explain.js). It adds no word, moves none and,
  // without a title, makes no sub-result.
  const marker = compounds.length || forms.length ? [`<div id="${INDEX_ONLY_ANCHOR}"></div>`] : [];
  return [
    `<!doctype html><html lang="${escapeHtml(record.language)}"><head><meta charset="utf-8">`,
    ...tags,
    `</head><body><h1>${escapeHtml(record.title)}</h1>`,
    ...head,
    ...marker,
    ...compounds,
    ...forms,
    ...parts,
    `</body></html>`,
  ].join("\n");
}

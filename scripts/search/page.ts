/**
 * The search page of each locale: facet options with translated labels (so
 * the browser script never needs a label table), the Pagefind bundle to
 * query, the document URL pattern of the locale, and the UI strings the
 * script shows, all handed over as data- attributes (no inline script).
 */
import type { Publisher, Topic } from "../content/schema.ts";
import { DOCUMENT_TYPES } from "../content/schema.ts";
import { CONTENT_LANGUAGES, LOCALES, UI_LOCALES, type UiLocale } from "../i18n/locales.ts";
import { urlFor } from "../i18n/routes.ts";
import { t } from "../i18n/strings.ts";
import { homeCrumb, pageBase } from "../site/page-base.ts";
import type { PageBase } from "../site/views.ts";
import { FACETS, SEARCH_BUNDLE, UNDATED, type Facet, type SearchRecord } from "./records.ts";

export interface SearchFacetOption {
  value: string;
  label: string;
  /**
   * Topics only: the label and keywords in each UI locale, `|`-separated, as
   * `data-terms-<locale>`; the script names the topic a result matched through
   * (assets/search-explain.js).
   */
  terms?: Array<[UiLocale, string]>;
}

export interface SearchFacet {
  key: Facet;
  legend: string;
  /** The options shown: all of them, or of a long facet the FACET_SHOWN with the most documents (the newest years). */
  options: SearchFacetOption[];
  /** A long facet's other options, behind "Show all" (empty otherwise); each list in the facet's own order. */
  more: SearchFacetOption[];
}

/**
 * A facet of more options than FACET_LONG shows FACET_SHOWN of them, the rest behind a "Show all" disclosure: the
 * filters come before the results, and the publisher facet of the bench corpus at 5,000 documents was 297 checkboxes
 * a keyboard had to pass to reach the first result.
 */
export const FACET_SHOWN = 10;
const FACET_LONG = 12;

/** `options` (in the facet's order) split into the FACET_SHOWN that `rank` puts first, and the rest, each in that order. */
function splitLong(options: SearchFacetOption[], rank: (a: SearchFacetOption, b: SearchFacetOption) => number): Pick<SearchFacet, "options" | "more"> {
  if (options.length <= FACET_LONG) return { options, more: [] };
  const shown = new Set([...options].sort(rank).slice(0, FACET_SHOWN));
  return { options: options.filter((option) => shown.has(option)), more: options.filter((option) => !shown.has(option)) };
}

export interface SearchPage extends PageBase {
  /** BCP 47 tag for number and date formatting in the browser. */
  intl: string;
  facets: SearchFacet[];
  /**
   * Site path of the Pagefind bundle: one entry, none without documents. A list
   * because the template writes it as `data-bundles`; the script uses the first.
   */
  bundles: string[];
  /** Document URL in this locale with `{publisher}` and `{slug}` to fill in. */
  documentUrl: string;
  /** Pages to browse instead when search cannot run. */
  browse: Array<{ title: string; url: string }>;
  /** UI strings for the script: [data attribute suffix, text]. */
  strings: Array<[string, string]>;
}

/** Strings the script needs, by data attribute suffix (`data-t-results-one`). */
export const SCRIPT_STRINGS: Record<string, string> = {
  "results-zero": "search.results.zero",
  "results-one": "search.results.one",
  "results-many": "search.results.many",
  "browse-zero": "search.browse.zero",
  "browse-one": "search.browse.one",
  "browse-many": "search.browse.many",
  prompt: "search.prompt",
  loading: "search.loading",
  "load-error": "search.loadError",
  more: "search.more",
  "slide-matches": "search.slideMatches",
  "section-matches": "search.sectionMatches",
  slide: "doc.slide",
  section: "search.section",
  "date-unknown": "doc.dateUnknown",
  showing: "search.showing",
  "why-topic": "search.whyTopic",
  "why-compound": "search.whyCompound",
};

function byLabel(locale: UiLocale) {
  return (a: SearchFacetOption, b: SearchFacetOption) => a.label.localeCompare(b.label, LOCALES[locale].intl);
}

/** Search pages per locale; the facets offer only values the records (built once by the model) use. */
export function buildSearchPages(records: readonly SearchRecord[], publishers: readonly Publisher[], topics: readonly Topic[]): SearchPage[] {
  // Documents per value of each facet: the values used, and a long facet shows those with the most.
  const counts = new Map<Facet, Map<string, number>>(FACETS.map((facet) => [facet, new Map()]));
  for (const record of records)
    for (const facet of FACETS) {
      const ofFacet = counts.get(facet)!;
      for (const value of record.filters[facet]) ofFacet.set(value, (ofFacet.get(value) ?? 0) + 1);
    }
  const used = (facet: Facet): ReadonlySet<string> => new Set(counts.get(facet)!.keys());
  const byCount = (facet: Facet) => (a: SearchFacetOption, b: SearchFacetOption) =>
    (counts.get(facet)!.get(b.value) ?? 0) - (counts.get(facet)!.get(a.value) ?? 0);
  // Years are in their own order, newest first: a long list of them shows the newest.
  const inOrder = () => 0;
  const usedPublishers = used("publisher");
  const usedTopics = used("topic");
  const usedTypes = used("type");
  const usedYears = used("year");
  const usedLanguages = used("language");
  const years = [...usedYears].sort((a, b) => (a === UNDATED ? 1 : b === UNDATED ? -1 : a < b ? 1 : -1));
  const bundles = records.length ? [SEARCH_BUNDLE] : [];

  return UI_LOCALES.map((locale): SearchPage => {
    const options: Record<Facet, SearchFacetOption[]> = {
      publisher: publishers
        .filter((publisher) => usedPublishers.has(publisher.id))
        .map((publisher) => ({ value: publisher.id, label: publisher.names[locale] }))
        .sort(byLabel(locale)),
      topic: topics
        .filter((topic) => usedTopics.has(topic.id))
        .map((topic) => ({
          value: topic.id,
          label: topic.labels[locale],
          terms: UI_LOCALES.map((termLocale): [UiLocale, string] => [
            termLocale,
            [topic.labels[termLocale], ...(topic.keywords?.[termLocale] ?? [])].join("|"),
          ]),
        }))
        .sort(byLabel(locale)),
      type: DOCUMENT_TYPES.filter((type) => usedTypes.has(type)).map((type) => ({ value: type, label: t(locale, `type.${type}`) })),
      year: years.map((year) => ({ value: year, label: year === UNDATED ? t(locale, "list.undated") : year })),
      language: CONTENT_LANGUAGES.filter((language) => usedLanguages.has(language)).map((language) => ({
        value: language,
        label: t(locale, `lang.${language}`),
      })),
    };
    const route = { kind: "search" } as const;
    return {
      ...pageBase(locale, route, t(locale, "search.title"), [homeCrumb(locale)]),
      intl: LOCALES[locale].intl,
      facets: FACETS.map((key) => ({ key, legend: t(locale, `search.facet.${key}`), ...splitLong(options[key], key === "year" ? inOrder : byCount(key)) })),
      bundles,
      documentUrl: urlFor(locale, { kind: "document", publisher: "{publisher}", slug: "{slug}" }),
      browse: [
        { title: t(locale, "list.topics"), url: urlFor(locale, { kind: "topics" }) },
        { title: t(locale, "list.publishers"), url: urlFor(locale, { kind: "publishers" }) },
      ],
      strings: Object.entries(SCRIPT_STRINGS).map(([name, key]) => [name, t(locale, key)]),
    };
  });
}

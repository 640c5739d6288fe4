/**
 * The search page of each locale: facet options with translated labels (so
 * the browser script never needs a label table), the Pagefind bundle to
 * query, the document URL pattern of the locale, and the UI strings the
 * script shows, all handed over as data- attributes (no inline script).
 */
import type { Publisher, Topic } from "../content/schema.ts";
import { DOCUMENT_TYPES } from "../content/schema.ts";
import { CONTENT_LANGUAGES, LOCALES, UI_LOCALES, type UiLocale } from "../i18n/locales.ts";
import { alternatesFor, urlFor } from "../i18n/routes.ts";
import { t } from "../i18n/strings.ts";
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
  options: SearchFacetOption[];
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
  const used = (facet: Facet) => new Set(records.flatMap((record) => record.filters[facet]));
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
      locale,
      lang: locale,
      url: urlFor(locale, route),
      title: t(locale, "search.title"),
      alternates: alternatesFor(route),
      crumbs: [{ title: t(locale, "nav.home"), url: urlFor(locale, { kind: "home" }) }],
      intl: LOCALES[locale].intl,
      facets: FACETS.map((key) => ({ key, legend: t(locale, `search.facet.${key}`), options: options[key] })),
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

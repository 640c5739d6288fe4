// How Lysark runs a query on its Pagefind bundle: the search page (assets/search.js) and the
// search benchmark (bench/search/) both use this module, so the benchmark scores what people get.
// See docs/search.md, "Languages".
import { newStemmer } from "./search-stemmers.js";

const EXCERPT_WORDS = 26;
/**
 * Pagefind stems every text and query with one stemmer (the bundle's, Norwegian for Lysark's
 * content). Each query word is also stemmed here as Swedish, Danish and English would stem it,
 * and each such variant is searched too: Pagefind matches a query word at the start of indexed
 * words, so "kommun" (Swedish stem of "kommunerna") finds "kommunen" and "kommuner" as well.
 */
const VARIANT_LANGUAGES = ["swedish", "danish", "english"];
/** A document found only through a variant ranks a little below one the query itself finds. */
const VARIANT_WEIGHT = 0.9;
/** Shorter stems match too many words to be worth a search. */
const MIN_STEM = 3;

let stemmers;

/** The query as each of VARIANT_LANGUAGES would stem it, without the query itself or repeats. */
export function queryVariants(query) {
  stemmers ??= VARIANT_LANGUAGES.map((language) => newStemmer(language));
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const original = words.join(" ");
  const variants = new Set();
  for (const stemmer of stemmers) {
    const stemmed = words.map((word) => {
      const stem = stemmer.stem(word);
      return stem.length >= MIN_STEM ? stem : word;
    }).join(" ");
    if (stemmed !== original) variants.add(stemmed);
  }
  return [...variants];
}

/**
 * Opens the bundle at `basePath` with `pagefind` (the module imported from its pagefind.js) and
 * returns `run(query, options)`, which resolves like Pagefind's own search(): { results, filters }.
 */
export async function createSearch(pagefind, basePath) {
  // termSimilarity: Pagefind falls back to the longest indexed word a query word starts with
  // ("in" for "integrationen"); weigh such partial matches well below a real match.
  const instance = pagefind.createInstance({ basePath, excerptLength: EXCERPT_WORDS, ranking: { termSimilarity: 3 } });
  await instance.init();

  const run = async (query, options = {}) => {
    // A sorted search is ordered by a date Pagefind gives only with each result's data, so
    // variants (which would have to be merged into that order) are left out there.
    if (!query || options.sort) return instance.search(query, options);
    const variants = queryVariants(query);
    const [found, ...others] = await Promise.all([query, ...variants].map((term) => instance.search(term, options)));
    if (!others.length) return found;
    const best = new Map(found.results.map((hit) => [hit.id, { hit, score: hit.score }]));
    for (const other of others) {
      for (const hit of other.results) {
        const score = hit.score * VARIANT_WEIGHT;
        const known = best.get(hit.id);
        if (!known) best.set(hit.id, { hit, score, variant: true });
        else if (score > known.score) known.score = score;
      }
    }
    const results = [...best.values()].sort((a, b) => b.score - a.score).map((entry) => entry.hit);
    // Facet counts of a union cannot be added up without the documents; the largest count of
    // any one search is the closest figure that never counts a document twice.
    const filters = {};
    for (const { filters: counts } of [found, ...others]) {
      for (const [facet, values] of Object.entries(counts ?? {})) {
        filters[facet] ??= {};
        for (const [value, count] of Object.entries(values)) filters[facet][value] = Math.max(filters[facet][value] ?? 0, count);
      }
    }
    return { ...found, results, filters };
  };

  return { instance, run, filters: () => instance.filters() };
}

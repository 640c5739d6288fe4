// How Lysark runs a query on its Pagefind bundle: the search page (assets/search.js) and the
// search benchmark (bench/search/) both use this module, so the benchmark scores what people get.
// See docs/search.md, "Languages".
import { newStemmer } from "./search-stemmers.js";

/** Words in an excerpt (Pagefind's excerptLength; the page's excerpt is made in search-explain.js). */
export const EXCERPT_WORDS = 26;
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

/** A query holding a quoted phrase, which Pagefind searches exactly. */
const PHRASE = /"[^"]*\S[^"]*"/;

/** At most this many documents found only through a variant join the results. */
const VARIANT_ONLY = 20;

/**
 * A result's place by date, from its page's name (scripts/search/fragments.ts names each page
 * `<build>/<rank>`, its rank in newest-first order in base 36, `_` before it when undated).
 */
export function dateRank(id) {
  const match = /\/(_?)([0-9a-z]+)$/.exec(String(id ?? ""));
  // A name of another form (a bundle Lysark did not rename) goes last, as if undated.
  if (!match) return { rank: Number.MAX_SAFE_INTEGER, undated: true };
  return { rank: Number.parseInt(match[2], 36), undated: match[1] === "_" };
}

/** `results` ordered "newest" or "oldest" first by their names (dateRank); undated documents last either way. */
export function byDate(results, order) {
  const keyed = results.map((hit) => ({ hit, ...dateRank(hit.id) }));
  const direction = order === "oldest" ? -1 : 1;
  keyed.sort((a, b) => Number(a.undated) - Number(b.undated) || (a.undated ? a.rank - b.rank : direction * (a.rank - b.rank)));
  return keyed.map((entry) => entry.hit);
}

/** The Snowball stemmer of each language Pagefind can index a bundle with (its pagefind-entry.json). */
const BUNDLE_STEMMERS = { nb: "norwegian", nn: "norwegian", no: "norwegian", sv: "swedish", da: "danish", en: "english" };
/** Endings a stemmer cuts; tried after a query word to find a form it stems to the whole word. */
const LITERAL_ENDINGS = ["et", "en", "er", "e", "a", "s"];

let stemmers;

/**
 * Facet counts of the merged results: Pagefind's counts of the query's own results, plus the
 * filter values of each document only a variant found (from its data, which Pagefind caches
 * for showing the result). So a count is exactly what ticking that box would list.
 */
async function mergedCounts(counts, variantOnly) {
  const merged = {};
  for (const [facet, values] of Object.entries(counts ?? {})) merged[facet] = { ...values };
  const data = await Promise.all(variantOnly.map((entry) => entry.hit.data()));
  for (const hit of data) {
    for (const [facet, values] of Object.entries(hit.filters ?? {})) {
      // Pagefind counts only the facets whose filter data it has loaded; so do these counts.
      if (!merged[facet]) continue;
      for (const value of values) merged[facet][value] = (merged[facet][value] ?? 0) + 1;
    }
  }
  return merged;
}

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
 * The query kept whole: each word the bundle's stemmer (`stemmer`, as Pagefind stems the query)
 * would cut short is replaced by a form the stemmer cuts back to the whole word ("lager" →
 * "lageret", stemmed "lager"), so the search matches indexed words that start with the word as
 * typed. Pagefind would otherwise search the stem, and the Norwegian stemmer makes "lager" "lag",
 * a word hundreds of documents hold. Undefined when no word changes.
 */
export function literalVariant(query, stemmer) {
  let changed = false;
  const words = query
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      if (stemmer.stem(word) === word) return word;
      const form = LITERAL_ENDINGS.map((ending) => word + ending).find((candidate) => stemmer.stem(candidate) === word);
      if (!form) return word;
      changed = true;
      return form;
    });
  return changed ? words.join(" ") : undefined;
}

/** The stemmer Pagefind indexed the bundle at `basePath` with (one language: Lysark forces it), if known. */
async function bundleStemmer(basePath) {
  try {
    const response = await fetch(`${basePath}pagefind-entry.json`);
    const languages = Object.keys((await response.json()).languages ?? {});
    const name = languages.length === 1 ? BUNDLE_STEMMERS[languages[0]] : undefined;
    return name ? newStemmer(name) : undefined;
  } catch {
    // Without it the query is searched as before, with the other variants only.
    return undefined;
  }
}

/**
 * Opens the bundle at `basePath` with `pagefind` (the module imported from its pagefind.js) and
 * returns `run(query, options)`, which resolves like Pagefind's own search(): { results, filters }.
 * The facet counts (`filters`) cover the merged results only with `options.counts`, which loads
 * the data of the documents only a variant found; without it they are the query's own counts.
 * `options.sort` ("newest" or "oldest") orders the results by date instead of by score.
 */
export async function createSearch(pagefind, basePath) {
  // termSimilarity: Pagefind falls back to the longest indexed word a query word starts with
  // ("in" for "integrationen"); weigh such partial matches well below a real match.
  const instance = pagefind.createInstance({ basePath, excerptLength: EXCERPT_WORDS, ranking: { termSimilarity: 3 } });
  const [stemmer] = await Promise.all([bundleStemmer(basePath), instance.init()]);

  const run = async (query, { counts, sort, ...options } = {}) => {
    // A search sorted by date runs the query alone, as Pagefind's own sorted search did (its sort
    // table is no longer in the bundle: see byDate), and keeps every result in date order.
    if (sort) {
      const found = await instance.search(query || null, options);
      return { ...found, results: byDate(found.results, sort) };
    }
    if (!query) return instance.search(query, options);
    // Searched beside the query itself, not after it.
    const loose = PHRASE.test(query) ? instance.search(query.replaceAll('"', " ").trim(), options) : undefined;
    const found = await merged(query, { counts, ...options });
    return loose ? { ...found, results: byRelevance(found.results, await loose) } : found;
  };

  const merged = async (query, { counts, ...options }) => {
    const variants = queryVariants(query);
    const literal = stemmer && literalVariant(query, stemmer);
    const terms = literal && !variants.includes(literal) ? [query, ...variants, literal] : [query, ...variants];
    const [found, ...others] = await Promise.all(terms.map((term) => instance.search(term, options)));
    if (!others.length) return found;
    const best = new Map(found.results.map((hit) => [hit.id, { hit, score: hit.score }]));
    others.forEach((other, i) => {
      // The query kept whole only reorders what the query found: a word no document holds whole
      // makes Pagefind fall back to a short word it starts with ("för" for "förskollärare").
      const onlyReorders = terms[i + 1] === literal;
      for (const hit of other.results) {
        const score = hit.score * VARIANT_WEIGHT;
        const known = best.get(hit.id);
        if (!known) {
          if (!onlyReorders) best.set(hit.id, { hit, score, variant: true });
        } else if (score > known.score) known.score = score;
      }
    });
    // Documents found only through a variant: the best VARIANT_ONLY ones are kept (any of them
    // that would rank in the first ten is among them), so counting them stays cheap.
    const variantOnly = [...best.values()].filter((entry) => entry.variant).sort((a, b) => b.score - a.score);
    for (const dropped of variantOnly.slice(VARIANT_ONLY)) best.delete(dropped.hit.id);
    const results = [...best.values()].sort((a, b) => b.score - a.score).map((entry) => entry.hit);
    const filters = counts ? await mergedCounts(found.filters, variantOnly.slice(0, VARIANT_ONLY)) : found.filters;
    return { ...found, results, filters };
  };

  /**
   * The results of a query with a "quoted phrase" (the documents holding it exactly, its variants' included) ordered
   * by the relevance of its words searched without the quotes. Pagefind gives every exact-phrase hit the same score
   * (1), which left them in the bundle's order, newest first, a title holding the phrase 25th of 30.
   */
  const byRelevance = (results, loose) => {
    const relevance = new Map(loose.results.map((hit) => [hit.id, hit.score]));
    return results
      .map((hit, order) => ({ hit, order, score: relevance.get(hit.id) ?? 0 }))
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .map((entry) => entry.hit);
  };

  return { instance, run, filters: () => instance.filters() };
}

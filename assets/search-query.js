// How Lysark runs a query on its Pagefind bundle: the search page (assets/search.js) and the
// search benchmark (bench/search/) both use this module, so the benchmark scores what people get.
// See docs/search.md.

const EXCERPT_WORDS = 26;

/**
 * Opens the bundle at `basePath` with `pagefind` (the module imported from its pagefind.js) and
 * returns `run(query, options)`, which resolves like Pagefind's own search(): { results, filters }.
 */
export async function createSearch(pagefind, basePath) {
  // termSimilarity: Pagefind falls back to the longest indexed word a query word starts with
  // ("in" for "integrationen"); weigh such partial matches well below a real match.
  const instance = pagefind.createInstance({ basePath, excerptLength: EXCERPT_WORDS, ranking: { termSimilarity: 3 } });
  await instance.init();
  return {
    instance,
    run: (query, options) => instance.search(query, options),
    filters: () => instance.filters(),
  };
}

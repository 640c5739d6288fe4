/** What `npm run build`'s last line says the build took from .cache/lysark/ (kept apart from the command so tests can check it). */
import type { CacheReport } from "../content/build-code.ts";

/** "; from .cache/lysark: …", or nothing for a build without the cache. */
export function cacheSummary(cache: CacheReport): string {
  if (cache.documentsReused === undefined) return "";
  const documents = `${cache.documentsReused} of ${cache.documentsReused + (cache.documentsLoaded ?? 0)} documents`;
  const pagesReused = cache.pagesReused ?? 0;
  // The kept pages read and hashed before use: those whose stamp changed, or every one with --verify-cache.
  const checked = cache.pagesChecked ? ` (${cache.pagesChecked} kept pages read and checked first)` : "";
  const pages = `${pagesReused} of ${pagesReused + (cache.pagesRendered ?? 0)} pages${checked}`;
  const search =
    cache.searchReused === undefined
      ? ""
      : cache.searchReused
        ? ", the search index"
        : `, search index rebuilt${cache.searchSlices ? ` (${cache.searchSlicesReused ?? 0} of its ${cache.searchSlices} slices kept)` : ""}`;
  const siteChecked = cache.siteFilesChecked ? `; ${cache.siteFilesChecked} of its files read and checked first` : "";
  const site = cache.siteReused ? ` (the whole site, nothing changed${siteChecked})` : "";
  const unsound = cache.unsound ? `, ${cache.unsound} unsound entries made again` : "";
  return `; from .cache/lysark: ${documents}, ${pages}${search}${site}${unsound}`;
}

/**
 * Splits a listing (by publisher, topic, type or year) into pages of
 * `pageSize` documents, newest first as given: page 1 at the listing's own
 * URL, then `…/side/2/` (nb) or `…/page/2/` (en), with prev/next links and a
 * short list of page links for the pagination nav.
 */
import type { UiLocale } from "../i18n/locales.ts";
import { alternatesFor, pagedUrlFor, type Route } from "../i18n/routes.ts";
import { t } from "../i18n/strings.ts";
import type { DocumentListItem, DocumentView, ListPage, PageBase } from "./views.ts";
import type { Pagination } from "./views.ts";
export type { PageLink, Pagination } from "./views.ts";

/** Page numbers to link: 1, last, and current ± 2, with null for each gap. */
export function pageWindow(page: number, pages: number): Array<number | null> {
  const shown = new Set([1, pages]);
  for (let n = page - 2; n <= page + 2; n++) if (n >= 1 && n <= pages) shown.add(n);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: Array<number | null> = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1]! > 1) out.push(null);
    out.push(n);
  });
  return out;
}

/** Page `n` of `pages` of a paginated `route`, showing items `from` + 1 to `to` (1-based), for its nav and head links. */
function pagination(locale: UiLocale, route: Route, n: number, pages: number, from: number, to: number): Pagination {
  return {
    page: n,
    pages,
    prev: n > 1 ? pagedUrlFor(locale, route, n - 1) : null,
    next: n < pages ? pagedUrlFor(locale, route, n + 1) : null,
    links: pageWindow(n, pages).map((m) => (m === null ? null : { n: m, url: pagedUrlFor(locale, route, m), current: m === n })),
    from: to > from ? from + 1 : 0,
    to,
  };
}

/** What every page of a paginated route has: its address, title, alternates and crumbs, and its nav (null on a page of one). */
export type PagedFrame = PageBase & { pagination: Pagination | null };

/**
 * `items` in pages of `pageSize` (one page when there are none), each made by `make` from its frame, its part of the
 * items, where that part starts and its number: page 1 at the route's own URL and title, then `…/side/2/` (nb) or
 * `…/page/2/` (en), titled "<title> – side 2", with a crumb back to page 1. The listings and an indicator's values.
 */
export function inPages<I, T>(
  locale: UiLocale,
  route: Route,
  title: string,
  crumbs: PageBase["crumbs"],
  items: readonly I[],
  pageSize: number,
  make: (frame: PagedFrame, shown: readonly I[], from: number, n: number) => T,
): T[] {
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  const first = pagedUrlFor(locale, route, 1);
  const out: T[] = [];
  for (let n = 1; n <= pages; n++) {
    const from = (n - 1) * pageSize;
    const shown = items.slice(from, from + pageSize);
    const frame: PagedFrame = {
      locale,
      lang: locale,
      url: pagedUrlFor(locale, route, n),
      title: n === 1 ? title : t(locale, "pagination.titlePage", { title, n }),
      alternates: alternatesFor(route, n),
      crumbs: n === 1 ? crumbs : [...crumbs, { title, url: first }],
      pagination: pages > 1 ? pagination(locale, route, n, pages, from, from + shown.length) : null,
    };
    out.push(make(frame, shown, from, n));
  }
  return out;
}

/**
 * One page object per chunk of `views`; `make` adds the listing's own fields (kind …) to a page without
 * its items. Each page's `items` are made from its views on each read (the renderer reads a page whole
 * once): held for every listing of a large archive at once, they were a tenth of the site model.
 */
export function paginated<T extends ListPage>(
  locale: UiLocale,
  route: Route,
  title: string,
  crumbs: PageBase["crumbs"],
  views: readonly DocumentView[],
  toItem: (view: DocumentView) => DocumentListItem,
  pageSize: number,
  make: (page: Omit<ListPage, "items">) => Omit<T, "items">,
): T[] {
  return inPages(locale, route, title, crumbs, views, pageSize, ({ pagination, ...frame }, shown) => {
    const page = make({ ...frame, kind: "", total: views.length, pagination });
    return Object.defineProperty(page, "items", { get: () => shown.map(toItem), enumerable: true, configurable: true }) as T;
  });
}

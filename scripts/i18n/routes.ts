import { LOCALES, UI_LOCALES, type UiLocale } from "./locales.ts";
import { t } from "./strings.ts";

/**
 * Every page the site has, named independently of language. A route turns
 * into a URL per locale with translated path segments (`/tema/` ↔ `/en/topics/`).
 */
export type Route =
  | { kind: "home" }
  | { kind: "document"; publisher: string; slug: string }
  /** A document's chrome-less view for an <iframe> on another site; a section of its own, so only it may be framed. */
  | { kind: "embed"; publisher: string; slug: string }
  | { kind: "publishers" }
  | { kind: "publisher"; id: string }
  | { kind: "topics" }
  | { kind: "topic"; id: string }
  | { kind: "types" }
  | { kind: "type"; id: string }
  | { kind: "years" }
  | { kind: "year"; year: string | null }
  | { kind: "search" }
  | { kind: "keyFigures" }
  | { kind: "indicator"; id: string }
  | { kind: "accessibility" }
  | { kind: "guide" };

function segment(locale: UiLocale, key: string): string {
  return t(locale, `path.${key}`);
}

export function urlFor(locale: UiLocale, route: Route): string {
  const prefix = LOCALES[locale].prefix;
  const parts: string[] = (() => {
    switch (route.kind) {
      case "home":
        return [];
      case "document":
        return [segment(locale, "documents"), route.publisher, route.slug];
      case "embed":
        return [segment(locale, "embed"), route.publisher, route.slug];
      case "publishers":
        return [segment(locale, "publishers")];
      case "publisher":
        return [segment(locale, "publishers"), route.id];
      case "topics":
        return [segment(locale, "topics")];
      case "topic":
        return [segment(locale, "topics"), route.id];
      case "types":
        return [segment(locale, "types")];
      case "type":
        return [segment(locale, "types"), t(locale, `typeSlug.${route.id}`)];
      case "years":
        return [segment(locale, "years")];
      case "year":
        return [segment(locale, "years"), route.year ?? segment(locale, "undated")];
      case "search":
        return [segment(locale, "search")];
      case "keyFigures":
        return [segment(locale, "keyFigures")];
      case "indicator":
        return [segment(locale, "keyFigures"), route.id];
      case "accessibility":
        return [segment(locale, "accessibility")];
      case "guide":
        return [segment(locale, "guide")];
    }
  })();
  // One join, one flat string: V8 keeps a template string of this length as a tree of its pieces, and the site model
  // holds every page's URL to the end of the build (docs/performance-log.md, "stamps joined, not templated").
  return [prefix, ...parts, ""].join("/");
}

/** Page `page` (1-based) of a paginated listing: page 1 is the route itself, then `…/side/2/` (nb), `…/page/2/` (en). */
export function pagedUrlFor(locale: UiLocale, route: Route, page: number): string {
  const url = urlFor(locale, route);
  return page <= 1 ? url : [url.slice(0, -1), segment(locale, "page"), page, ""].join("/");
}

export interface Alternate {
  locale: UiLocale;
  hreflang: string;
  url: string;
}

/** The same page in every locale, for the language switcher and hreflang links. */
export function alternatesFor(route: Route, page = 1): Alternate[] {
  return UI_LOCALES.map((locale) => ({ locale, hreflang: locale, url: pagedUrlFor(locale, route, page) }));
}

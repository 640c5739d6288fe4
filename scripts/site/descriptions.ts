/**
 * The `<meta name="description">` (and `og:description`) of the pages that list things: listings, indexes and
 * indicators. It is what a search engine shows under the title and a shared link under its card, and Lighthouse counts
 * a page without one against its SEO score. Each is made from what its page shows (the count and the first names on
 * it), so it says nothing the page does not, and the pages of one listing are told apart by the documents they list.
 */
import type { IndicatorPage } from "../keyfigures/assemble.ts";
import { t } from "../i18n/strings.ts";
import type { IndexPage, ListPage, PublisherPage } from "./views.ts";

/** About what search engines show of a description; the names stop at the last one that fits. */
export const DESCRIPTION_LENGTH = 160;

/**
 * `lead` followed by as many of `names` as fit in `DESCRIPTION_LENGTH` characters, joined by `separator`, with "…" when
 * some are left out. A first name too long for the room is cut at a word.
 */
export function withNames(lead: string, names: Iterable<string>, separator: string): string {
  let text = lead;
  let first = true;
  for (const name of names) {
    const next = `${text}${first ? "" : separator}${name}`;
    if (next.length > DESCRIPTION_LENGTH) {
      if (!first) return `${text} …`;
      const room = DESCRIPTION_LENGTH - text.length - 2;
      const cut = name.slice(0, room + 1);
      const word = cut.lastIndexOf(" ");
      return `${text}${(word > 0 ? cut.slice(0, word) : name.slice(0, room)).trimEnd()} …`;
    }
    text = next;
    first = false;
  }
  return text;
}

/** A topic's, type's or year's listing: "3 dokumenter: A; B; C". */
export function listingDescription(page: ListPage): string {
  return documentsOn(page, "");
}

/** A publisher's listing: what kind of publisher, where, then its documents as `listingDescription` says them. */
export function publisherDescription(page: PublisherPage): string {
  const region = page.publisher.region ? ` (${page.publisher.region})` : "";
  return documentsOn(page, `${page.kindLabel}, ${page.countryLabel}${region}. `);
}

/** An index of publishers, topics, types or years: "Tema i arkivet (12): A, B, C …", `key` naming the lead. */
export function indexDescription(key: string) {
  return (page: IndexPage): string => {
    const entries = page.groups ? page.groups.flatMap((group) => group.entries) : page.entries;
    return withNames(
      `${t(page.locale, key, { count: entries.length })}: `,
      entries.map((entry) => entry.title),
      ", ",
    );
  };
}

/** An indicator's pages: its name (and page), how many values from how many publishers. */
export function indicatorDescription(page: IndicatorPage): string {
  if (!page.valueCount) return `${page.title}: ${t(page.locale, "kf.noValues")}`;
  return t(page.locale, "describe.indicator", {
    name: page.title,
    values: t(page.locale, "describe.indicator.values", { count: page.valueCount }),
    publishers: t(page.locale, "describe.indicator.publishers", { count: page.publisherCount }),
  });
}

/** `lead`, then the listing's count and the titles its page shows, in its order. */
function documentsOn(page: ListPage, lead: string): string {
  // Made on each read on a paginated listing (site/pagination.ts): read once.
  const items = page.items;
  const count = page.total ?? items.length;
  if (count === 0) return `${lead}${t(page.locale, "list.empty")}`;
  return withNames(
    `${lead}${t(page.locale, "list.count", { count })}: `,
    items.map((item) => item.title),
    "; ",
  );
}

/**
 * One document's view (./views.ts): what every page and record of the document
 * shares. Made from the document and the registries alone, so pass 1's workers
 * can make the same view for a document's search record that the site model
 * makes for its pages (../search/record-cache.ts).
 */
import type { LoadedDocument } from "../content/loaded.ts";
import type { Publisher, Topic } from "../content/schema.ts";
import { UI_LOCALES, type UiLocale } from "../i18n/locales.ts";
import { urlFor, type Route } from "../i18n/routes.ts";
import type { DocumentView } from "./views.ts";

export function documentView(doc: LoadedDocument, publishersById: ReadonlyMap<string, Publisher>, topicsById: ReadonlyMap<string, Topic>): DocumentView {
  const { meta } = doc;
  const route: Route = { kind: "document", publisher: meta.publisher, slug: doc.slug };
  return {
    id: `${meta.publisher}/${doc.slug}`,
    doc,
    publisher: publishersById.get(meta.publisher)!,
    year: meta.date === "unknown" ? null : meta.date.slice(0, 4),
    titles: Object.fromEntries(UI_LOCALES.map((locale) => [locale, meta.titleTranslations?.[locale] ?? meta.title])) as Record<UiLocale, string>,
    urls: Object.fromEntries(UI_LOCALES.map((locale) => [locale, urlFor(locale, route)])) as Record<UiLocale, string>,
    topics: meta.topics.map((id) => topicsById.get(id)!),
    isPresentation: meta.type === "presentation",
  };
}

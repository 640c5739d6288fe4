/** What every page of the site has (PageBase), made one way for every kind that is not a paginated listing. */
import type { UiLocale } from "../i18n/locales.ts";
import { alternatesFor, urlFor, type Route } from "../i18n/routes.ts";
import { t } from "../i18n/strings.ts";
import type { PageBase } from "./views.ts";

/** A page at `route` in `locale`, titled `title`, with its alternates in every locale and `crumbs` before it. */
export function pageBase(locale: UiLocale, route: Route, title: string, crumbs: PageBase["crumbs"] = []): PageBase {
  return { locale, lang: locale, url: urlFor(locale, route), title, alternates: alternatesFor(route), crumbs };
}

/** The crumb every trail starts with: the home page. */
export function homeCrumb(locale: UiLocale): PageBase["crumbs"][number] {
  return { title: t(locale, "nav.home"), url: urlFor(locale, { kind: "home" }) };
}

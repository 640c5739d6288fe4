/**
 * The template filters every Lysark page uses, in one place: the page
 * renderer (./pages.ts) adds them to its Nunjucks environment, the one that
 * renders every page (docs/architecture.md).
 */
import { createRequire } from "node:module";
import { basePathOf, withBase } from "../content/base-path.ts";
import type { UiLocale } from "../i18n/locales.ts";
import { urlFor, type Route } from "../i18n/routes.ts";
import { t } from "../i18n/strings.ts";
import type { SiteConfig } from "../site/config.ts";
import type { DocumentPage } from "../site/model.ts";
import { siteCardUrl } from "../publish/document.ts";
import { feedUrl } from "../publish/feeds.ts";
import { documentJsonLd, scriptSafeJson } from "../publish/json-ld.ts";

/** Nunjucks' own autoescape, so markup made here escapes exactly as `{{ }}` in a template does. */
const { escape: autoescape } = (createRequire(import.meta.url)("nunjucks") as { lib: { escape(text: string): string } }).lib;
/** A value as `{{ value }}` prints it with autoescape on: nothing for null and undefined. */
const printed = (value: unknown) => (value === undefined || value === null ? "" : autoescape(String(value)));

/** OpenGraph locale names. */
const OG_LOCALES: Record<string, string> = { nb: "nb_NO", en: "en_GB", sv: "sv_SE", da: "da_DK", nn: "nn_NO" };

export const templateFilters = {
  t: (key: string, locale: UiLocale, vars?: Record<string, string | number>) => t(locale, key, vars),
  route: (kind: Route["kind"], locale: UiLocale) => urlFor(locale, { kind } as Route),
  feedUrl: (locale: UiLocale) => feedUrl(locale),
  jsonLd: (page: DocumentPage, config: SiteConfig) => scriptSafeJson(documentJsonLd(page, config)),
  ogLocale: (locale: string) => OG_LOCALES[locale] ?? locale,
  siteCardUrl: (locale: UiLocale) => siteCardUrl(locale),
  /** A site path as it is published, under the base path: for an attribute the renderer does not rebase (a refresh's URL). */
  published: (sitePath: string, config: SiteConfig) => withBase(basePathOf(config.url), sitePath),
  /**
   * A document page's Highwire Press and Dublin Core tags, one `<meta>` line each (about 18 a page): the
   * text a template loop over them printed, made without the loop's eight variables per tag. Escaped here,
   * so the template marks the result `| safe`.
   */
  metaTags: (tags: ReadonlyArray<{ name: string; content: string }>) =>
    tags.map((tag) => `<meta name="${printed(tag.name)}" content="${printed(tag.content)}">\n`).join(""),
} satisfies Record<string, (...args: any[]) => unknown>;

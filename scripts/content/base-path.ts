/**
 * The site's base path: the path part of `url` in site.config.json, so a site
 * can live at `<owner>.github.io/<repo>/` or under `kommune.no/arkiv/`.
 *
 * Inside Lysark every URL is a *site path* ("/tema/likestilling/"): where the
 * page's file sits in `_site` and what the page table, the output plan and
 * the views hold. Only what is published carries the base:
 * - HTML pages: the renderer passes each page through `rebaseHtml`, so a
 *   template writes `href="{{ p.url }}"` and never thinks of the base;
 * - absolute URLs (feeds, sitemap, canonical, og:image, citations) are
 *   `config.url + sitePath`, and `config.url` already ends in the base;
 * - any other text that names a site path calls `withBase`.
 * With no path part the base is "" and every function here returns its input.
 */

/** Characters a base path may hold: they need no escaping in HTML, XML, CSS or a _headers pattern. */
export const BASE_PATH_CHARACTERS = /^[A-Za-z0-9\-._~%/]*$/;

/** "" for https://example.org, "/lysark" for https://example.github.io/lysark/ (never a trailing slash). */
export function basePathOf(siteUrl: string): string {
  return new URL(siteUrl).pathname.replace(/\/+$/, "");
}

/**
 * A site path as it is published: "/tema/" → "/lysark/tema/". Anything that
 * is not a site path (an absolute or protocol-relative URL, "#anchor", a
 * relative path, "") is returned as it is.
 */
export function withBase(base: string, url: string): string {
  return base && url.startsWith("/") && !url.startsWith("//") ? `${base}${url}` : url;
}

/** Attributes whose whole value is one URL. */
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "poster", "cite", "data"]);
/** Attributes holding a list of "URL width" candidates. */
const SRCSET_ATTRIBUTES = new Set(["srcset", "imagesrcset"]);
const START_TAG = /<[A-Za-z][^>]*>/g;
const ATTRIBUTE = /(\s)([A-Za-z_:][-A-Za-z0-9_:.]*)="([^"]*)"/g;
const SITE_PATH = /^\/(?!\/)\S*$/;

function rebaseAttribute(base: string, name: string, value: string): string {
  const lower = name.toLowerCase();
  if (URL_ATTRIBUTES.has(lower)) return withBase(base, value);
  if (SRCSET_ATTRIBUTES.has(lower)) {
    return value.replace(/(^|,)(\s*)(\S+)/g, (_, comma: string, space: string, url: string) => `${comma}${space}${withBase(base, url)}`);
  }
  // A data- attribute that scripts read as site paths (the search page's bundle and document URL, the dev server's
  // problems): rebased when every word in it is one, so text that merely starts with "/" is left alone.
  if (lower.startsWith("data-")) {
    const words = value.split(" ");
    if (words.every((word) => SITE_PATH.test(word))) return words.map((word) => withBase(base, word)).join(" ");
  }
  return value;
}

/**
 * Every site path in the attributes of `html`'s tags with the base in front:
 * links, scripts, stylesheets, images and their srcset, form actions, and
 * data- attributes holding site paths. Lysark's pages are safe to rewrite
 * this way: every attribute is double-quoted, and `<`, `>` and `"` in text
 * and values are escaped (Nunjucks autoescape, markdown-it), so a match is
 * always a real attribute of a real tag. JSON-LD holds absolute URLs only.
 */
export function rebaseHtml(html: string, base: string): string {
  if (!base) return html;
  return html.replace(START_TAG, (tag) =>
    tag.replace(ATTRIBUTE, (whole, space: string, name: string, value: string) => {
      const rebased = rebaseAttribute(base, name, value);
      return rebased === value ? whole : `${space}${name}="${rebased}"`;
    }),
  );
}

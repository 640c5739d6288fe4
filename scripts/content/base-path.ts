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

const isSpace = (code: number) => code === 32 || code === 10 || code === 9 || code === 13 || code === 12;
const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
/** Ends an attribute name or an unquoted value. */
const endsName = (code: number) => isSpace(code) || code === 61 /* = */ || code === 62 /* > */ || code === 47; /* / */

/**
 * Every site path in the attributes of `html`'s tags with the base in front:
 * links, scripts, stylesheets, images and their srcset, form actions, and
 * data- attributes holding site paths. It reads each start tag the way a
 * browser does, attribute after attribute with quoted values whole (eleventy-img
 * writes alt text with ">" in it as it is), so text is never touched: `<` in
 * text is always escaped (Nunjucks autoescape, markdown-it with raw HTML off),
 * and JSON-LD escapes it too. A hand-written scanner: a regular expression
 * per tag cost ten times as much, about 1 ms a page.
 */
export function rebaseHtml(html: string, base: string): string {
  if (!base) return html;
  const length = html.length;
  let out = "";
  let copied = 0;
  let at = html.indexOf("<");
  while (at !== -1 && at < length) {
    let i = at + 1;
    if (!isLetter(html.charCodeAt(i))) {
      at = html.indexOf("<", i);
      continue;
    }
    while (i < length && !endsName(html.charCodeAt(i))) i++; // the tag's name
    for (;;) {
      while (i < length && (isSpace(html.charCodeAt(i)) || html.charCodeAt(i) === 47)) i++;
      if (i >= length || html.charCodeAt(i) === 62) break;
      const nameStart = i;
      while (i < length && !endsName(html.charCodeAt(i))) i++;
      if (i === nameStart) i++; // a stray "=": step over it
      const nameEnd = i;
      let j = i;
      while (j < length && isSpace(html.charCodeAt(j))) j++;
      if (html.charCodeAt(j) !== 61) continue; // no value
      j++;
      while (j < length && isSpace(html.charCodeAt(j))) j++;
      const quote = html.charCodeAt(j);
      let valueStart: number;
      let valueEnd: number;
      if (quote === 34 || quote === 39) {
        valueStart = j + 1;
        valueEnd = html.indexOf(quote === 34 ? '"' : "'", valueStart);
        if (valueEnd === -1) valueEnd = length;
        i = valueEnd + 1;
      } else {
        valueStart = j;
        valueEnd = j;
        while (valueEnd < length && !isSpace(html.charCodeAt(valueEnd)) && html.charCodeAt(valueEnd) !== 62) valueEnd++;
        i = valueEnd;
      }
      // Only a value starting with "/" (or a srcset, whose later candidates may) can change: skip the rest unread.
      if (html.charCodeAt(valueStart) !== 47 && !html.slice(nameStart, nameEnd).toLowerCase().endsWith("srcset")) continue;
      const value = html.slice(valueStart, valueEnd);
      const rebased = rebaseAttribute(base, html.slice(nameStart, nameEnd), value);
      if (rebased !== value) {
        const quoted = quote === 34 || quote === 39;
        out += html.slice(copied, valueStart) + (quoted ? rebased : `"${rebased}"`);
        copied = valueEnd;
      }
    }
    at = i < length ? html.indexOf("<", i + 1) : -1;
  }
  return copied === 0 ? html : out + html.slice(copied);
}

/**
 * The editor guide as site pages (/veiledning/, /en/guide/): the Markdown in
 * docs/editor-guide.<locale>.md followed by the generated front-matter
 * reference, rendered with markdown-it at build time. The same files read
 * well on GitHub; links between them are rewritten for the site.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import MarkdownIt from "markdown-it";
import anchor from "markdown-it-anchor";
import type { Token } from "markdown-it";
import { slugify } from "../content/slug.ts";
import { DEFAULT_LOCALE, UI_LOCALES, type UiLocale } from "../i18n/locales.ts";
import { type alternatesFor, urlFor } from "../i18n/routes.ts";
import { t } from "../i18n/strings.ts";
import { homeCrumb, pageBase } from "../site/page-base.ts";
import { renderReference } from "./reference.ts";

const docsDir = fileURLToPath(new URL("../../docs/", import.meta.url));

export interface GuidePage {
  locale: UiLocale;
  lang: string;
  url: string;
  title: string;
  alternates: ReturnType<typeof alternatesFor>;
  crumbs: Array<{ title: string; url: string }>;
  /** The guide's body (its own "#" title left out: the page has one). */
  html: string;
  /** The front-matter reference, its headings one level down, under the id "front-matter-reference". */
  referenceHtml: string;
}

export interface GuideOptions {
  /** Repository web address (site.config.json), for links to other files in the repository. */
  repository?: string;
  branch?: string;
  /** The folder of the guide files (docs/). */
  docsDir?: string;
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).use(anchor, {
  slugify: (text: string) => slugify(text) || "section",
  tabIndex: false,
});

// A table wider than a phone scrolls inside its own box, named by the heading above it,
// so the page itself never scrolls sideways (WCAG 2.1 1.4.10 Reflow); tabindex lets keyboards scroll it.
md.renderer.rules.table_open = (tokens, idx) => {
  let label = "";
  for (let i = idx - 1; i >= 0 && !label; i--) if (tokens[i]!.type === "heading_open") label = String(tokens[i]!.attrGet("id") ?? "");
  return `<div class="table-scroll" tabindex="0" role="group"${label ? ` aria-labelledby="${md.utils.escapeHtml(label)}"` : ""}>\n<table>\n`;
};
md.renderer.rules.table_close = () => "</table>\n</div>\n";

/**
 * Where a long name in a table cell may break, and where it may not. A table column is never narrower than its longest
 * unbreakable run, so the reference's tables were wider than a desktop screen until their paths could break between
 * parts, as <wbr>: in code before a dot or a slash and after "//" (`keyFigures[].<wbr>breakdown[].<wbr>labelTranslations`,
 * `https://<wbr>www<wbr>.example…`), in text before a slash (content<wbr>/_registries). A word with a hyphen or dash
 * (`new-publisher`, `2026-11-01`, YYYY-MM-DD, 0–9) is kept on one line (.nowrap), where a browser would break it.
 */
export function breakOpportunities(escaped: string, code: boolean): string {
  return escaped
    .split(/(\s+)/)
    .map((word) => {
      if (/[-‐–—]/.test(word)) return `<span class="nowrap">${word}</span>`;
      return code ? word.replace(/(?<=\/\/)(?=[^/])|(?<=[^/:])(?=\/[^/])|(?<=[\w\]])(?=\.[A-Za-z_])/g, "<wbr>") : word.replace(/(?<=\w)(?=\/[\w.])/g, "<wbr>");
    })
    .join("");
}

// Text and code inside table cells are marked by a core rule; the renderers add the break opportunities to them only.
md.core.ruler.push("table_cell_breaks", (state) => {
  let inCell = false;
  for (const token of state.tokens) {
    if (token.type === "td_open" || token.type === "th_open") inCell = true;
    else if (token.type === "td_close" || token.type === "th_close") inCell = false;
    else if (inCell && token.type === "inline") for (const child of token.children ?? []) child.meta = { ...child.meta, inTableCell: true };
  }
});
md.renderer.rules.code_inline = (tokens, idx) => {
  const token = tokens[idx]!;
  const escaped = md.utils.escapeHtml(token.content);
  return `<code>${token.meta?.inTableCell ? breakOpportunities(escaped, true) : escaped}</code>`;
};
md.renderer.rules.text = (tokens, idx) => {
  const token = tokens[idx]!;
  const escaped = md.utils.escapeHtml(token.content);
  return token.meta?.inTableCell ? breakOpportunities(escaped, false) : escaped;
};

/** The guide file for a locale; a locale without its own guide gets the English one. */
export function guideFile(locale: UiLocale, dir = docsDir): string {
  const own = path.join(dir, `editor-guide.${locale}.md`);
  return existsSync(own) ? own : path.join(dir, "editor-guide.en.md");
}

/** Where a link in docs/*.md should point on the site, or null to drop the link and keep its text. */
function siteHref(href: string, options: GuideOptions): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("#") || href.startsWith("/")) return href;
  const [file = "", hash] = href.split("#");
  const name = path.posix.normalize(path.posix.join("docs", file));
  if (name === "docs/front-matter-reference.md") return "#front-matter-reference";
  const guide = /^docs\/editor-guide\.([a-z]+)\.md$/.exec(name);
  if (guide && (UI_LOCALES as readonly string[]).includes(guide[1]!)) {
    return `${urlFor(guide[1] as UiLocale, { kind: "guide" })}${hash ? `#${hash}` : ""}`;
  }
  if (!options.repository) return null;
  return `${options.repository.replace(/\/+$/, "")}/blob/${options.branch ?? "main"}/${name}${hash ? `#${hash}` : ""}`;
}

function rewriteLinks(tokens: Token[], options: GuideOptions): void {
  for (const token of tokens) {
    const children = token.children;
    if (!children) continue;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.type !== "link_open") continue;
      const href = siteHref(String(child.attrGet("href") ?? ""), options);
      if (href === null) {
        // Keep the text, drop the link: remove this link_open and its matching link_close.
        const close = children.findIndex((other, j) => j > i && other.type === "link_close");
        children.splice(close, 1);
        children.splice(i, 1);
        i--;
        continue;
      }
      child.attrSet("href", href);
      if (/^https?:/.test(href)) child.attrSet("rel", "noopener noreferrer");
    }
  }
}

function render(source: string, options: GuideOptions, env: Record<string, unknown>, transform: (tokens: Token[]) => Token[]): string {
  const tokens = transform(md.parse(source, env));
  rewriteLinks(tokens, options);
  return md.renderer.render(tokens, md.options, env);
}

/** Drops the first "#" heading (the page prints its own title). */
function dropTitle(tokens: Token[]): Token[] {
  const start = tokens.findIndex((token) => token.type === "heading_open" && token.tag === "h1");
  return start === -1 ? tokens : [...tokens.slice(0, start), ...tokens.slice(start + 3)];
}

/** Moves every heading one level down (h1 → h2 …), to sit below the guide's own sections. */
function shiftHeadings(tokens: Token[]): Token[] {
  for (const token of tokens) {
    if ((token.type === "heading_open" || token.type === "heading_close") && /^h[1-5]$/.test(token.tag)) {
      token.tag = `h${Number(token.tag.slice(1)) + 1}`;
    }
  }
  return tokens;
}

export function buildGuidePages(options: GuideOptions = {}): GuidePage[] {
  // The "generated, do not edit" comment is for the file in the repository, not for readers.
  const reference = renderReference().replace(/^<!--.*-->\n\n?/m, "");
  return UI_LOCALES.map((locale) => {
    const env: Record<string, unknown> = {};
    const file = guideFile(locale, options.docsDir);
    const own = render(readFileSync(file, "utf8"), options, env, dropTitle);
    // A locale without a guide of its own shows the English one, marked as English for screen readers (WCAG 3.1.2).
    const html = file.endsWith(`.${locale}.md`) ? own : `<div lang="en">\n${own}</div>\n`;
    let referenceBody = render(reference, options, env, shiftHeadings);
    const firstId = /^<h2 id="([^"]*)">/.exec(referenceBody)?.[1];
    if (firstId !== undefined)
      referenceBody = referenceBody
        .replaceAll(`id="${firstId}"`, 'id="front-matter-reference"')
        .replaceAll(`aria-labelledby="${firstId}"`, 'aria-labelledby="front-matter-reference"');
    const note = `<p class="lead" lang="${locale}">${md.utils.escapeHtml(t(locale, "guide.referenceNote"))}</p>\n`;
    const referenceHtml = referenceBody.replace(/<\/h2>\n/, (close) => `${close}${note}`);
    return {
      ...pageBase(locale, { kind: "guide" }, t(locale, "guide.title"), [homeCrumb(locale)]),
      html,
      referenceHtml,
    };
  });
}

/** The default locale's guide URL, for the README and messages. */
export const GUIDE_URL = urlFor(DEFAULT_LOCALE, { kind: "guide" });

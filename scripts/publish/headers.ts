/**
 * Response headers for the static hosts that read a `_headers` file in the
 * published folder (Netlify, Cloudflare Pages). GitHub Pages sends no custom
 * headers: there the pages carry the same policy in a CSP <meta> (see README,
 * "Security", for what a <meta> cannot do).
 *
 * Both hosts apply every rule whose pattern matches a path, but combine a
 * header set by two matching rules differently: Cloudflare Pages joins the
 * values with ", " (for CSP: two policies, both enforced), Netlify keeps the
 * later rule's value. So the rules are arranged to mean the same on both:
 * - `/*` sets what every response gets, with no framing restriction;
 * - the site's own sections (home, documents, topics …, per locale) each get a
 *   rule that repeats the full policy and forbids framing.
 * The embed views (`/innebygd/*`, `/en/embed/*`, scripts/publish/embed.ts) are in no
 * listed section, so their own rule, a CSP with `frame-ancestors *`, allows framing there only.
 */
import { withBase } from "../content/base-path.ts";
import { LOCALES, UI_LOCALES } from "../i18n/locales.ts";
import { urlFor, type Route } from "../i18n/routes.ts";

/** The policy of every page; layouts/base.njk carries the same in a <meta> (a test keeps them equal). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";
export const REFERRER_POLICY = "strict-origin-when-cross-origin";
/** Framing is refused with CSP (current browsers) and X-Frame-Options (older ones); a <meta> can do neither. */
export const NO_FRAMING_POLICY = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

export interface HeaderRule {
  pattern: string;
  headers: Array<[name: string, value: string]>;
}

/** The sections every page of the site lives in: route kinds other than home, by their first path segment. */
const SECTION_ROUTES: Route[] = [
  { kind: "document", publisher: "p", slug: "s" },
  { kind: "publishers" },
  { kind: "topics" },
  { kind: "types" },
  { kind: "years" },
  { kind: "search" },
  { kind: "keyFigures" },
  { kind: "accessibility" },
  { kind: "guide" },
];

/** Path patterns of the documents' embed views, per locale, under the base path `base`: the one section that other sites may frame. */
export function embedPatterns(base = ""): string[] {
  return UI_LOCALES.map((locale) => {
    const prefix = LOCALES[locale].prefix;
    const first = urlFor(locale, { kind: "embed", publisher: "p", slug: "s" }).slice(prefix.length).split("/").filter(Boolean)[0]!;
    return withBase(base, `${prefix}/${first}/*`);
  });
}

/** The policy of an embed view: every page's, and any site may frame it. */
export const EMBED_POLICY = `${CONTENT_SECURITY_POLICY}; frame-ancestors *`;

/** Path patterns of the site's own pages (not assets, not the embed views), per locale, under the base path `base`. */
export function pagePatterns(base = ""): string[] {
  const patterns = new Set<string>();
  for (const locale of UI_LOCALES) {
    const prefix = LOCALES[locale].prefix;
    patterns.add(withBase(base, `${prefix}/`));
    patterns.add(withBase(base, `${prefix}/index.html`));
    patterns.add(withBase(base, `${prefix}/404.html`));
    for (const route of SECTION_ROUTES) {
      const first = urlFor(locale, route).slice(prefix.length).split("/").filter(Boolean)[0]!;
      patterns.add(withBase(base, `${prefix}/${first}/*`));
    }
  }
  return [...patterns];
}

/** The rules for a site published under the base path `base` ("" at a domain's root, "/lysark" …). */
export function headerRules(base = ""): HeaderRule[] {
  return [
    {
      pattern: withBase(base, "/*"),
      headers: [
        ["X-Content-Type-Options", "nosniff"],
        ["Referrer-Policy", REFERRER_POLICY],
        ["Content-Security-Policy", CONTENT_SECURITY_POLICY],
      ],
    },
    ...pagePatterns(base).map(
      (pattern): HeaderRule => ({
        pattern,
        headers: [
          ["Content-Security-Policy", NO_FRAMING_POLICY],
          ["X-Frame-Options", "DENY"],
        ],
      }),
    ),
    // After /*: Netlify keeps this value, Cloudflare enforces both (the first does not restrict framing).
    ...embedPatterns(base).map((pattern): HeaderRule => ({ pattern, headers: [["Content-Security-Policy", EMBED_POLICY]] })),
  ];
}

/** The `_headers` file. */
export function headersFile(rules = headerRules()): string {
  const lines = [
    "# Response headers for Netlify and Cloudflare Pages, written by Lysark (scripts/publish/headers.ts).",
    "# Every rule matching a path applies. Framing is refused per section, not in /*, so that the",
    "# embed views' own rule can allow it on both hosts.",
  ];
  for (const rule of rules) {
    lines.push(rule.pattern, ...rule.headers.map(([name, value]) => `  ${name}: ${value}`));
  }
  return `${lines.join("\n")}\n`;
}

/** Reads a `_headers` file back into rules (comments and blank lines skipped). */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: [] });
    else {
      const colon = line.indexOf(":");
      rules[rules.length - 1]!.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return rules;
}

function matches(pattern: string, path: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return regex.test(path);
}

/**
 * The headers a host sends for `path`: every matching rule in order; a header
 * set twice is joined with ", " on Cloudflare Pages and replaced on Netlify.
 * Names are compared case-insensitively and returned in lower case.
 */
export function effectiveHeaders(rules: HeaderRule[], path: string, host: "netlify" | "cloudflare"): Record<string, string> {
  const result: Record<string, string> = {};
  for (const rule of rules) {
    if (!matches(rule.pattern, path)) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      result[key] = host === "cloudflare" && result[key] !== undefined ? `${result[key]}, ${value}` : value;
    }
  }
  return result;
}

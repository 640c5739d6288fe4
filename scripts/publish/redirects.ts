/**
 * `_redirects` for the static hosts that read one (Cloudflare Pages, Netlify): a permanent redirect (301) from each of
 * a moved document's old addresses (`movedFrom`, publish/moved.ts), its page and its embed view in every locale, and
 * from a renamed publisher's old page and feed, to where each is now, under the base path. The pages and feeds at
 * those addresses stay: they serve wherever the file is not read (GitHub Pages), and where a rule is not applied.
 * - Cloudflare Pages applies a rule before it looks for a file, so there a reader, a crawler and an <iframe> get a 301.
 *   It reads at most 2,000 rules without a splat, and 100 with one, counted from the first: a renamed publisher's
 *   addresses of one kind are one splat rule, written last (`redirectsFile`). Past those it leaves the rest to the pages.
 * - Netlify serves a file that exists at the address before a rule, unless the rule is forced ("301!"), a status
 *   Cloudflare Pages would refuse with the line; so there the pages answer, as on GitHub Pages.
 * Written only when something has moved.
 */
import { withBase } from "../content/base-path.ts";
import type { Move, PrefixMove } from "./moved.ts";

export const REDIRECTS_FILE = "/_redirects";

/** Cloudflare Pages reads at most 100 rules with a splat, counted from the first: Lysark writes them after every other. */
export const SPLAT_RULES = 100;

/** Whether `prefix` sends `move`'s old address where `move` does. */
const covers = (prefix: PrefixMove, move: Move) => move.url.startsWith(prefix.from) && move.movedTo === prefix.to + move.url.slice(prefix.from.length);

/**
 * The `_redirects` file for `moves` (every old address of the site) under the base path `base`. A renamed publisher's
 * addresses of one kind (`prefixes`) become one splat rule each, last, for the prefixes that cover the most moves, up
 * to SPLAT_RULES; the moves they cover are left out, so a renamed publisher of thousands of documents stays within
 * Cloudflare's 2,000 other rules. A move a prefix does not cover (a document renamed as it moved) comes first, and wins.
 */
export function redirectsFile(moves: readonly Move[], base = "", prefixes: readonly PrefixMove[] = []): string {
  const splats = prefixes
    .map((prefix) => ({ prefix, covered: moves.filter((move) => covers(prefix, move)).length }))
    .filter(({ covered }) => covered > 0)
    .sort((a, b) => b.covered - a.covered || (a.prefix.from < b.prefix.from ? -1 : a.prefix.from > b.prefix.from ? 1 : 0))
    .slice(0, SPLAT_RULES)
    .map(({ prefix }) => prefix);
  const lines = [
    "# Permanent redirects from the old addresses of moved documents and publishers, for Cloudflare Pages and Netlify,",
    "# written by Lysark (scripts/publish/redirects.ts). A page at each old address sends readers on where these are not applied.",
    ...moves.filter((move) => !splats.some((prefix) => covers(prefix, move))).map((move) => `${withBase(base, move.url)} ${withBase(base, move.movedTo)} 301`),
    ...splats.map((prefix) => `${withBase(base, prefix.from)}* ${withBase(base, prefix.to)}:splat 301`),
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * `_redirects` for the static hosts that read one (Cloudflare Pages, Netlify): a permanent redirect (301) from each of
 * a moved document's old addresses (`movedFrom`, publish/moved.ts), its page and its embed view in every locale, and
 * from a renamed or merged publisher's old page and feed, to where each is now, under the base path. The pages and
 * feeds at those addresses stay: they serve wherever the file is not read (GitHub Pages), and where a rule is not applied.
 * - Cloudflare Pages applies a rule before it looks for a file, so there a reader, a crawler and an <iframe> get a 301.
 *   It reads at most 2,000 such rules; past that it leaves the rest to the pages.
 * - Netlify serves a file that exists at the address before a rule, unless the rule is forced ("301!"), a status
 *   Cloudflare Pages would refuse with the line; so there the pages answer, as on GitHub Pages.
 * Written only when something has moved.
 */
import { withBase } from "../content/base-path.ts";
import type { Move } from "./moved.ts";

export const REDIRECTS_FILE = "/_redirects";

/** The `_redirects` file for `moves` (every old address of the site) under the base path `base`. */
export function redirectsFile(moves: readonly Move[], base = ""): string {
  const lines = [
    "# Permanent redirects from the old addresses of moved documents and publishers, for Cloudflare Pages and Netlify,",
    "# written by Lysark (scripts/publish/redirects.ts). A page at each old address sends readers on where these are not applied.",
    ...moves.map((move) => `${withBase(base, move.url)} ${withBase(base, move.movedTo)} 301`),
  ];
  return `${lines.join("\n")}\n`;
}

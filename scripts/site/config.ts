import { readFileSync } from "node:fs";
import { z } from "zod";
import { LIMITS } from "../content/limits.ts";

const webAddress = z.url({ protocol: /^https?$/, error: "must be a web address starting with https://" });

/** Site-wide settings an operator changes once (site.config.json). */
export const siteConfigSchema = z.object({
  /** Public address of the site, without trailing slash; used for hreflang, feeds and sitemap. */
  url: webAddress.transform((url) => url.replace(/\/+$/, "")),
  repository: webAddress.optional(),
  editBranch: z.string().default("main"),
  /** Documents per page on the listings by publisher, topic, type and year. */
  pageSize: z.number().int().min(1).max(LIMITS.pageSize).default(20),
  /**
   * "documents": a social card (1200×630 PNG with the title) per document, the
   * largest CPU cost of a build without a warm .cache/ (docs/performance.md);
   * "site": every page shares the site's card, for archives where that cost
   * matters more than a title on shared links.
   */
  socialCards: z.enum(["documents", "site"]).default("documents"),
}).strict();
export type SiteConfig = z.infer<typeof siteConfigSchema>;

export function readSiteConfig(file = "site.config.json"): SiteConfig {
  const result = siteConfigSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return result.data;
}

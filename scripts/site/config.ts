import { readFileSync } from "node:fs";
import { siteConfigSchema, type SiteConfig } from "../content/site-config.ts";

// The schema lives with its check in the content stage (scripts/content/site-config.ts).
export { siteConfigSchema, type SiteConfig } from "../content/site-config.ts";

export function readSiteConfig(file = "site.config.json"): SiteConfig {
  const result = siteConfigSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return result.data;
}

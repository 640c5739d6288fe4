import path from "node:path";
import { formatProblem } from "../content/problems.ts";
import { loadSiteConfig, SITE_CONFIG_FILE, type SiteConfig } from "../content/site-config.ts";

// The schema lives with its check in the content stage (scripts/content/site-config.ts).
export { siteConfigSchema, type SiteConfig } from "../content/site-config.ts";

/**
 * The site config for callers that stop on a bad one (dev server, search bench): the same check as the
 * build's, so a mistake reads `site.config.json:line:col field: message` everywhere.
 */
export function readSiteConfig(file = SITE_CONFIG_FILE): SiteConfig {
  if (path.basename(file) !== SITE_CONFIG_FILE) throw new Error(`${file}: the site config must be named ${SITE_CONFIG_FILE}`);
  const { config, problems } = loadSiteConfig(path.dirname(path.resolve(file)));
  if (!config) throw new Error(problems.map(formatProblem).join("\n"));
  return config;
}

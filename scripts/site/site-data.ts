/**
 * The data every template sees as `lysark`: the site model and the site
 * settings. The build and the dev server each make it once per render and
 * hand it to the renderer; nothing keeps it between calls.
 */
import path from "node:path";
import { loadContent } from "../content/load.ts";
import { formatProblem, type Problem } from "../content/problems.ts";
import { buildSiteModel, type SiteModel } from "./model.ts";
import { readSiteConfig, type SiteConfig } from "./config.ts";

export interface SiteData {
  model: SiteModel;
  config: SiteConfig;
}

export class ContentErrors extends Error {
  constructor(readonly problems: Problem[]) {
    super(`${problems.filter((p) => p.severity === "error").length} problem(s) in content:\n${problems.map(formatProblem).join("\n")}`);
  }
}

export function loadSiteData(root: string): SiteData {
  const { site, problems } = loadContent(path.join(root, "content"), { root });
  if (problems.some((problem) => problem.severity === "error")) throw new ContentErrors(problems);
  const config = readSiteConfig(path.join(root, "site.config.json"));
  return { model: buildSiteModel(site, { root, config }), config };
}

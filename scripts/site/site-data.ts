/**
 * The data Eleventy's templates see as `lysark`. The build command validates
 * first and hands its model over, so content is loaded and rendered once;
 * the dev server loads it fresh on every rebuild.
 */
import path from "node:path";
import { loadContent } from "../content/load.ts";
import { formatProblem, type Problem } from "../content/problems.ts";
import { buildSiteModel, type SiteModel } from "./model.ts";
import { readSiteConfig, type SiteConfig } from "./config.ts";

export interface SiteData { model: SiteModel; config: SiteConfig }

export class ContentErrors extends Error {
  constructor(readonly problems: Problem[]) {
    super(`${problems.filter((p) => p.severity === "error").length} problem(s) in content:\n${problems.map(formatProblem).join("\n")}`);
  }
}

let preset: SiteData | undefined;

export function presetSiteData(data: SiteData | undefined): void {
  preset = data;
}

export function loadSiteData(root: string): SiteData {
  const { site, problems } = loadContent(path.join(root, "content"), { root });
  if (problems.some((problem) => problem.severity === "error")) throw new ContentErrors(problems);
  const config = readSiteConfig(path.join(root, "site.config.json"));
  return { model: buildSiteModel(site, { root, config }), config };
}

export function getSiteData(root: string): SiteData {
  return preset ?? loadSiteData(root);
}

/**
 * `npm run check`'s work, shared with the tests that hold it to "a passing
 * check means the build succeeds": site.config.json, every document loaded as
 * the build loads them (on every core from 2,000 documents, ./pool.ts), and
 * every body image decoded (./verify-images.ts). Only each body's outline is
 * kept: a check renders no page, so its memory grows with the documents'
 * metadata, not their text, and it writes nothing.
 */
import path from "node:path";
import type { SiteContent } from "./loaded.ts";
import { loadContentInParallel } from "./pool.ts";
import { sortProblems, type Problem } from "./problems.ts";
import { loadSiteConfig } from "./site-config.ts";
import { verifyImages } from "./verify-images.ts";
import type { Progress } from "../progress/progress.ts";

export async function checkProject(root: string, progress?: Progress): Promise<{ site: SiteContent; problems: Problem[] }> {
  const config = loadSiteConfig(root);
  const { site, problems } = await loadContentInParallel(path.join(root, "content"), { root, outlineOnly: true, progress });
  return { site, problems: sortProblems([...config.problems, ...problems, ...(await verifyImages(site.documents))]) };
}

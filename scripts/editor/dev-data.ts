/**
 * The site data behind the dev server (`npm start`). Each rebuild re-reads the
 * content through a cache, so only documents whose bytes changed are parsed
 * again. Content with errors never stops the server: the templates get the
 * last good model (or, before there was one, the valid part of the content)
 * plus the problems, which base.njk shows in a banner on every page and the
 * terminal prints. Fixing the file brings the site back on the next rebuild.
 */
import path from "node:path";
import { ContentCache, loadContent } from "../content/load.ts";
import type { Problem } from "../content/problems.ts";
import { readSiteConfig } from "../site/config.ts";
import { buildSiteModel } from "../site/model.ts";
import type { SiteData } from "../site/site-data.ts";

export interface DevState {
  /** Every problem of the current content, errors first by file and line. */
  problems: Problem[];
  errors: number;
  /** True when the pages show the last good content, not the current files. */
  stale: boolean;
}

/** What templates see as `lysark` in the dev server: the usual data plus `dev`. */
export interface DevSiteData extends SiteData { dev: DevState }

export interface Rebuild {
  data: DevSiteData;
  /** Documents parsed again and reused from the cache in this rebuild. */
  parsed: number;
  reused: number;
  ms: number;
}

export class DevSiteDataSource {
  readonly cache = new ContentCache();
  private lastGood: SiteData | undefined;
  private lastErrors = 0;

  constructor(
    readonly root: string,
    private readonly log: { problems(problems: Problem[]): void; info(message: string): void } = { problems: () => {}, info: () => {} },
  ) {}

  /** Loads the content again and returns what the templates should show. */
  rebuild(): Rebuild {
    const start = performance.now();
    const { site, problems } = loadContent(path.join(this.root, "content"), { root: this.root, cache: this.cache });
    const errors = problems.filter((problem) => problem.severity === "error").length;
    const ordered = [...problems.filter((problem) => problem.severity === "error"), ...problems.filter((problem) => problem.severity === "warning")];
    const config = readSiteConfig(path.join(this.root, "site.config.json"));
    let data: DevSiteData;
    if (errors === 0) {
      this.lastGood = { model: buildSiteModel(site, { root: this.root, config }), config };
      data = { ...this.lastGood, dev: { problems: ordered, errors, stale: false } };
    } else if (this.lastGood) {
      data = { ...this.lastGood, dev: { problems: ordered, errors, stale: true } };
    } else {
      // No good version yet (the server started on broken content): show what is valid.
      data = { model: buildSiteModel(site, { root: this.root, config }), config, dev: { problems: ordered, errors, stale: false } };
    }
    if (problems.length) this.log.problems(problems);
    if (errors) this.log.info(`Content has ${errors} error(s): the preview shows ${data.dev.stale ? "the last good version" : "only the valid documents"}, with the problems listed on every page. Fix and save to update.`);
    else if (this.lastErrors) this.log.info("Content is valid again.");
    this.lastErrors = errors;
    return { data, parsed: this.cache.misses, reused: this.cache.hits, ms: performance.now() - start };
  }
}

/**
 * The pages whose number grows with the archive are rendered here, not by
 * Eleventy: document pages (two per document) and the paginated listings by
 * publisher, topic, type and year. Same Nunjucks templates (layouts/pages/<kind>.njk
 * inside layouts/base.njk) and filters as Eleventy's pages, but one page at a
 * time, written to disk at once and then dropped: Eleventy keeps every page it
 * renders in memory until the end of its build, which on a large archive is
 * most of the build's memory. It also lets the dev server re-render just the
 * pages of the one document that changed (scripts/editor/dev-site.ts).
 * Eleventy renders the rest: the home page, indexes, key figures, search,
 * guide, feeds and sitemap, a fixed set of pages. See docs/performance.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DocumentPage, PageBase, SiteModel } from "../site/model.ts";
import type { SiteData } from "../site/site-data.ts";
import { templateFilters } from "./filters.ts";
import { silentProgress, type Progress, type ProgressPhase } from "../progress/progress.ts";

export const LAYOUTS_DIR = fileURLToPath(new URL("../../layouts/", import.meta.url));
/** base.njk wraps each page body, as Eleventy's layout chain does for its own pages. */
const LAYOUT = "base.njk";

/** The kinds of page rendered here, each from layouts/pages/<kind>.njk. */
export const STREAMED_KINDS = ["document", "publisher", "topic", "type", "year"] as const satisfies ReadonlyArray<keyof SiteModel["pages"]>;
export type StreamedKind = (typeof STREAMED_KINDS)[number];
/**
 * Pages rendered between yields to the event loop (about 20 ms of work), so the
 * social cards and the search index, which need the main thread for a moment
 * after each card or record, keep moving while pages render.
 */
const BATCH = 8;

// Nunjucks ships no TypeScript types; these are the few calls used here.
interface NunjucksTemplate { render(context: object): string }
export interface NunjucksEnvironment {
  addFilter(name: string, filter: (...args: any[]) => unknown): void;
  getTemplate(name: string, eagerCompile?: boolean): NunjucksTemplate;
}
interface Nunjucks {
  Environment: new (loader: unknown, options: object) => NunjucksEnvironment;
  FileSystemLoader: new (dirs: string | string[], options?: object) => unknown;
}
const nunjucks = createRequire(import.meta.url)("nunjucks") as Nunjucks;

/** The options Eleventy's Nunjucks environment gets in .eleventy.ts, so both render alike. */
export const NUNJUCKS_OPTIONS = { autoescape: true, trimBlocks: true, lstripBlocks: true } as const;

/** The `<meta name="description">` of a document page: its summary, else its title. */
export function documentDescription(page: DocumentPage): string {
  return page.view.doc.meta.summary || page.title;
}

/** The output file of a page, under `outputDir`. */
export function pageFile(outputDir: string, url: string): string {
  return path.join(outputDir, ...url.split("/").filter(Boolean), "index.html");
}

/**
 * A Nunjucks environment over layouts/ with Lysark's filters. Each one reads
 * the templates afresh (then caches them): the dev server makes a new one
 * when a template changes.
 */
export function templateEnvironment(): NunjucksEnvironment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(LAYOUTS_DIR), NUNJUCKS_OPTIONS);
  for (const [name, filter] of Object.entries(templateFilters)) env.addFilter(name, filter);
  return env;
}

export interface PageRenderer {
  render(kind: StreamedKind, page: PageBase): string;
  /** Renders and writes each page of one kind; returns the files written. */
  write(kind: StreamedKind, pages: readonly PageBase[], outputDir: string): Promise<string[]>;
  /** Every page of every streamed kind in `data.model`. */
  writeAll(outputDir: string, progress?: Progress): Promise<string[]>;
}

/** `data` is what the templates see as `lysark` (the dev server adds its problems to it). */
export function pageRenderer(data: SiteData, env = templateEnvironment()): PageRenderer {
  const layout = env.getTemplate(LAYOUT, true);
  const bodies = new Map<StreamedKind, NunjucksTemplate>();
  const body = (kind: StreamedKind) => {
    let template = bodies.get(kind);
    if (!template) bodies.set(kind, (template = env.getTemplate(`pages/${kind}.njk`, true)));
    return template;
  };

  const render = (kind: StreamedKind, page: PageBase): string => {
    const description = kind === "document" ? documentDescription(page as DocumentPage) : undefined;
    const context = { p: page, lysark: data, description };
    return layout.render({ ...context, content: body(kind).render(context) });
  };
  const write = async (kind: StreamedKind, pages: readonly PageBase[], outputDir: string, rendered?: ProgressPhase) => {
    const files: string[] = [];
    for (let i = 0; i < pages.length; i++) {
      const page = pages[i]!;
      const file = pageFile(outputDir, page.url);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, render(kind, page));
      files.push(file);
      rendered?.tick();
      if (i % BATCH === BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    return files;
  };
  return {
    render,
    write,
    async writeAll(outputDir, progress = silentProgress) {
      const files: string[] = [];
      const rendered = progress.phase("rendered", STREAMED_KINDS.reduce((sum, kind) => sum + data.model.pages[kind].length, 0), "pages");
      for (const kind of STREAMED_KINDS) files.push(...(await write(kind, data.model.pages[kind], outputDir, rendered)));
      rendered.done();
      return files;
    },
  };
}

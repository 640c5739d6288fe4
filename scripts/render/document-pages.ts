/**
 * Document pages are rendered here, not by Eleventy: the same Nunjucks
 * templates (layouts/document.njk inside layouts/base.njk) and filters, but
 * one page at a time, written to disk at once and then dropped. Eleventy
 * keeps every page it renders in memory until the end of the build; document
 * pages are two per document, most of a large site, so this keeps memory flat
 * as the archive grows. It also lets the dev server re-render just the pages
 * of the one document that changed (scripts/editor/dev-server.ts).
 * See docs/performance.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DocumentPage } from "../site/model.ts";
import type { SiteData } from "../site/site-data.ts";
import { templateFilters } from "./filters.ts";

export const LAYOUTS_DIR = fileURLToPath(new URL("../../layouts/", import.meta.url));
/** The page body; base.njk wraps it as Eleventy's layout chain does for the other pages. */
export const DOCUMENT_TEMPLATE = "document.njk";
const LAYOUT = "base.njk";
/** Pages rendered between yields to the event loop, so cards and the search index keep moving. */
const BATCH = 25;

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

export interface DocumentPageRenderer {
  render(page: DocumentPage): string;
  /** Renders and writes each page; returns the files written. */
  write(pages: readonly DocumentPage[], outputDir: string): Promise<string[]>;
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

/** `data` is what the templates see as `lysark` (the dev server adds its problems to it). */
export function documentPageRenderer(data: SiteData, env = templateEnvironment()): DocumentPageRenderer {
  const body = env.getTemplate(DOCUMENT_TEMPLATE, true);
  const layout = env.getTemplate(LAYOUT, true);

  const render = (page: DocumentPage): string => {
    const context = { p: page, lysark: data, description: documentDescription(page) };
    return layout.render({ ...context, content: body.render(context) });
  };
  return {
    render,
    async write(pages, outputDir) {
      const files: string[] = [];
      for (let i = 0; i < pages.length; i++) {
        const page = pages[i]!;
        const file = pageFile(outputDir, page.url);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, render(page));
        files.push(file);
        if (i % BATCH === BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
      }
      return files;
    },
  };
}

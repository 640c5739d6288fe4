/**
 * Lysark's one renderer: every page of the page table (scripts/site/page-table.ts)
 * through one Nunjucks environment over layouts/, with the filters of
 * ./filters.ts. Each template is compiled once per environment (Nunjucks'
 * own cache), and pages are rendered one at a time, written to disk and
 * dropped, so memory follows the content, not the rendered site. Why this
 * and not Eleventy's pagination: docs/architecture.md.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { basePathOf, rebaseHtml } from "../content/base-path.ts";
import { PAGE_TABLE, pageKind, type PageKind } from "../site/page-table.ts";
import type { SiteData } from "../site/site-data.ts";
import type { DocumentPage, DocumentView } from "../site/views.ts";
import { fullDocumentPage } from "../site/model.ts";
import { readBody } from "../content/body-store.ts";
import { encodeUtf8, writePieces } from "../content/hashed-file.ts";
import type { LoadedDocument } from "../content/loaded.ts";
import type { RenderedBody } from "../content/markdown.ts";
import { templateFilters } from "./filters.ts";
import { InlinePartials } from "./inline-partials.ts";
import { silentProgress, type Progress, type ProgressPhase } from "../progress/progress.ts";
import type { PageReuse } from "./page-cache.ts";

export { documentDescription } from "../site/page-table.ts";

export const LAYOUTS_DIR = fileURLToPath(new URL("../../layouts/", import.meta.url));
/** base.njk wraps each page body, unless its kind names another layout. */
const LAYOUT = "base.njk";
/**
 * Pages rendered between yields to the event loop (about 20 ms of work), so the
 * social cards and the search index, which need the main thread for a moment
 * after each card or record, keep moving while pages render.
 */
const BATCH = 8;

// Nunjucks ships no TypeScript types; these are the few calls used here.
interface NunjucksTemplate {
  render(context: object): string;
}
export interface NunjucksEnvironment {
  addFilter(name: string, filter: (...args: any[]) => unknown): void;
  addExtension(name: string, extension: object): void;
  opts: object;
  extensionsList: unknown[];
  getTemplate(name: string, eagerCompile?: boolean): NunjucksTemplate;
}
interface Nunjucks {
  Environment: new (loader: unknown, options: object) => NunjucksEnvironment;
  FileSystemLoader: new (dirs: string | string[], options?: object) => unknown;
}
const nunjucks = createRequire(import.meta.url)("nunjucks") as Nunjucks;

/** Document pages grouped by their document, in the order each document first appears. */
function documentPagesByView(pages: readonly DocumentPage[]): DocumentPage[][] {
  const groups = new Map<DocumentView, DocumentPage[]>();
  for (const page of pages) {
    const group = groups.get(page.view);
    if (group) group.push(page);
    else groups.set(page.view, [page]);
  }
  return [...groups.values()];
}

export const NUNJUCKS_OPTIONS = { autoescape: true, trimBlocks: true, lstripBlocks: true } as const;

/** The output file of a site path ("/a/b/index.html" → <outputDir>/a/b/index.html). */
export function outputFile(outputDir: string, sitePath: string): string {
  return path.join(outputDir, ...sitePath.split("/").filter(Boolean));
}

/** A file's name in the site, as the renderer returns it and the page records list it: "/a/b/index.html" → "a/b/index.html". */
function siteName(sitePath: string): string {
  return sitePath.split("/").filter(Boolean).join("/");
}

/** The output file of an HTML page at `url`, under `outputDir`. */
export function pageFile(outputDir: string, url: string): string {
  return path.join(outputDir, ...url.split("/").filter(Boolean), "index.html");
}

/**
 * A Nunjucks environment over layouts/ with Lysark's filters and its
 * `{% inline %}` tag (./inline-partials.ts). Each one reads
 * the templates afresh (then caches them): the dev server makes a new one
 * when a template changes.
 */
export function templateEnvironment(): NunjucksEnvironment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(LAYOUTS_DIR), NUNJUCKS_OPTIONS);
  for (const [name, filter] of Object.entries(templateFilters)) env.addFilter(name, filter);
  env.addExtension("InlinePartials", new InlinePartials(LAYOUTS_DIR, env));
  return env;
}

export interface PageRenderer {
  /** The text of one page of kind `kind` (a name in the page table). */
  render(kind: string, page: unknown): string;
  /** Renders and writes the given pages of one kind; returns the files written. */
  write(kind: string, pages: readonly unknown[], outputDir: string): Promise<string[]>;
  /** Every page made per document (page, embed view, oEmbed, citations) of the given document pages; returns the files written. */
  writeDocuments(pages: readonly DocumentPage[], outputDir: string): Promise<string[]>;
  /**
   * Every page of every kind in the page table (with `select`, those whose site path it accepts); returns the names of
   * the files written, relative to `outputDir` with forward slashes (as `filesUnder` lists them): the list of their full
   * paths was 6.7 MiB of the main thread's live heap at the end of the pages of a 5,000-document site.
   */
  writeAll(outputDir: string, select?: (sitePath: string) => boolean, progress?: Progress): Promise<string[]>;
  /**
   * The time spent writing each kind of page so far, in milliseconds of the main thread's wall time (less its yields
   * to the event loop): the bench's growth run names a kind whose time grows faster than the archive.
   */
  readonly kindTimes: ReadonlyMap<string, number>;
}

export interface PageRendererOptions {
  /**
   * The folder is served as it is written (npm start): each page replaces its file (written beside it and renamed)
   * instead of being written into it. A page of a site `npm run build` wrote there is a hard link into
   * .cache/lysark/pages/, and writing into it changed the kept page: 44 of the test fixture's 74 after one start,
   * each then found unsound and rendered again by the next build.
   */
  replaceFiles?: boolean;
}

/**
 * `data` is what the templates see as `lysark` (the dev server adds its problems to it).
 * With a `cache`, a templated page whose render input is unchanged is taken from it (./page-cache.ts).
 */
export function pageRenderer(data: SiteData, env = templateEnvironment(), cache?: PageReuse, options: PageRendererOptions = {}): PageRenderer {
  // Templates and views hold site paths; the published page carries the base path of `url` (content/base-path.ts).
  const base = basePathOf(data.config.url);
  const layouts = new Map<string, NunjucksTemplate>();
  const layout = (name = LAYOUT) => {
    let compiled = layouts.get(name);
    if (!compiled) layouts.set(name, (compiled = env.getTemplate(name, true)));
    return compiled;
  };
  const bodies = new Map<string, NunjucksTemplate>();
  const body = (template: string) => {
    let compiled = bodies.get(template);
    if (!compiled) bodies.set(template, (compiled = env.getTemplate(`pages/${template}.njk`, true)));
    return compiled;
  };

  // The last document's full body: its pages (both locales, page and embed view) are rendered one after another.
  let lastBody: { document: LoadedDocument; body: RenderedBody } | undefined;
  const bodyOf = (document: LoadedDocument) => {
    if (lastBody?.document !== document) lastBody = { document, body: readBody(document) };
    return lastBody.body;
  };
  /** A page's text, or its pieces (site/page-table.ts, `text`). */
  const renderPieces = (spec: PageKind, page: unknown): string | Iterable<string> => {
    if (spec.text) return spec.text(page, data);
    if (!spec.template) throw new Error(`Page kind "${spec.kind}" has neither a template nor a text function`);
    const context = { p: page, lysark: data, description: spec.description?.(page), robots: spec.robots, body: spec.bodyOf && bodyOf(spec.bodyOf(page)) };
    return rebaseHtml(layout(spec.layout).render({ ...context, content: body(spec.template).render(context) }), base);
  };
  /** A page's whole text (`render`): its pieces joined. */
  const renderKind = (spec: PageKind, page: unknown): string => {
    const text = renderPieces(spec, page);
    return typeof text === "string" ? text : [...text].join("");
  };
  // Fields that grow with the archive (listing items, key-figure rows, a publisher's figures) are made on each read
  // of the model's page: read each once here, for both the page's key and its text. Document pages come made whole.
  const whole = (spec: PageKind, page: unknown): unknown => (spec.template && !spec.ofDocument ? { ...(page as object) } : page);
  // Folders made lately: one mkdir per folder, not one per page (13,000 pages at N = 5000). Only lately: a page's
  // folder is a slice of its file's path and kept that whole path, 80,000 of them (17.6 MiB of the main thread's
  // heap) at N = 20,000, and a document's pages, or a listing's, are written one after another.
  const folders = new Set<string>();
  const RECENT_FOLDERS = 1024;
  const kindTimes = new Map<string, number>();
  let sinceYield = 0;
  /** One more page (or document left in place) done: every BATCH of them the event loop turns. The time it took, in ms. */
  const turnAfterBatch = async (): Promise<number> => {
    if (++sinceYield < BATCH) return 0;
    sinceYield = 0;
    const before = performance.now();
    await new Promise((resolve) => setImmediate(resolve));
    return performance.now() - before;
  };
  /** Writes `pages` of `spec`'s kind; returns the names of the files written (relative to outputDir, forward slashes). */
  const writeKind = async (spec: PageKind, pages: readonly unknown[], outputDir: string, select?: (sitePath: string) => boolean, rendered?: ProgressPhase) => {
    const names: string[] = [];
    let started = performance.now();
    for (let i = 0; i < pages.length; i++) {
      // The site path is a plain field: a page another slice writes is not made whole.
      const sitePath = spec.file(pages[i]!);
      if (select && !select(sitePath)) continue;
      // A page keyed by what it is made from (`cacheKey`) is made whole only to be rendered.
      const keyed = spec.cacheKey?.(pages[i]!);
      let page = keyed ? undefined : whole(spec, pages[i]!);
      const file = outputFile(outputDir, sitePath);
      // The file's name in the site: what writeAll returns, and what the page cache lists it by for the whole-site cache.
      const name = siteName(sitePath);
      const key = !cache ? undefined : keyed ? cache.key(spec.kind, keyed.data, keyed.part) : spec.template ? cache.key(spec.kind, page) : undefined;
      // A page taken from the cache makes its own folder (npm start's pages left in place need none).
      if (!(key && cache!.use(key, file, name))) {
        const folder = path.dirname(file);
        if (!folders.has(folder)) {
          mkdirSync(folder, { recursive: true });
          if (folders.size === RECENT_FOLDERS) folders.clear();
          folders.add(folder);
        }
        const text = renderPieces(spec, (page ??= whole(spec, pages[i]!)));
        const written = options.replaceFiles ? `${file}.${process.pid}.tmp` : file;
        if (typeof text === "string") {
          const bytes = encodeUtf8(text);
          writeFileSync(written, bytes);
          if (written !== file) renameSync(written, file);
          if (key) cache!.keep(key, file, name, bytes);
        } else {
          const hash = writePieces(written, text);
          if (written !== file) renameSync(written, file);
          if (key) cache!.keepHashed(key, file, name, hash);
        }
      }
      names.push(name);
      rendered?.tick();
      // What the event loop runs meanwhile (a thread's results, a collection) is not this kind's.
      started += await turnAfterBatch();
    }
    kindTimes.set(spec.kind, (kindTimes.get(spec.kind) ?? 0) + performance.now() - started);
    return names;
  };
  const filesOf = (names: readonly string[], outputDir: string) => names.map((name) => outputFile(outputDir, name));
  return {
    kindTimes,
    render: (kind, page) => {
      const spec = pageKind(kind);
      return renderKind(spec, whole(spec, page));
    },
    write: async (kind, pages, outputDir) => filesOf(await writeKind(pageKind(kind), pages, outputDir), outputDir),
    async writeDocuments(pages, outputDir) {
      const files: string[] = [];
      const full = pages.map(fullDocumentPage);
      // One by one, not spread into push(): a kind's files at 50,000 documents are too many arguments for the stack.
      for (const spec of PAGE_TABLE)
        if (spec.ofDocument) for (const file of filesOf(await writeKind(spec, full.flatMap(spec.ofDocument), outputDir), outputDir)) files.push(file);
      return files;
    },
    async writeAll(outputDir, select, progress = silentProgress) {
      const files: string[] = [];
      const rendered = progress.phase(
        "rendered",
        PAGE_TABLE.reduce((sum, spec) => sum + spec.pages(data).length, 0),
        "pages",
      );
      // The kinds made per document go document by document, both locales together, so each body is read from disk once.
      const perDocument = PAGE_TABLE.filter((spec) => spec.ofDocument);
      for (const group of documentPagesByView(data.model.pages.document)) {
        // Named from the model's pages, which give their files without being made whole.
        const kept = cache?.keptDocument?.(group[0]!.view, () =>
          perDocument
            .flatMap((spec) => group.flatMap(spec.ofDocument!).map((page) => spec.file(page)))
            .filter((sitePath) => !select || select(sitePath))
            .map(siteName),
        );
        if (kept) {
          for (const name of kept) files.push(name);
          rendered.tick(kept.length);
          // Much cheaper than a page, but thousands of them still hold the thread: the dev server answers meanwhile.
          await turnAfterBatch();
          continue;
        }
        // Made whole here, once, and dropped after this document (site/model.ts fullDocumentPage).
        const pages = group.map(fullDocumentPage);
        for (const spec of perDocument)
          for (const file of await writeKind(spec, pages.flatMap(spec.ofDocument!), outputDir, select, rendered)) files.push(file);
      }
      for (const spec of PAGE_TABLE)
        if (!spec.ofDocument) for (const file of await writeKind(spec, spec.pages(data), outputDir, select, rendered)) files.push(file);
      rendered.done();
      return files;
    },
  };
}

/**
 * What `npm start` does after each save: ask the dev data source what changed
 * (scripts/editor/dev-data.ts) and render no more than that. An edit to a
 * document's body or to its own fields re-renders only that document's pages,
 * in well under a second on a site of thousands of documents; a change shown
 * site-wide (a title, date or topic, a registry, a publisher, the site config,
 * a template, CSS or script) renders the whole site again, as `npm run build`
 * does, into the served folder. Content problems are served separately
 * (`problemsHtml`, fetched by assets/dev-problems.js), so they show on every
 * page without re-rendering any. The search index is rebuilt in the
 * background after each change, so search works in the preview too, a few
 * seconds behind the pages on a large site. After a document-only update the
 * related lists are scored again in the background too (an edited body
 * changes every list's scores; about 0.5 s at 5,000 documents), and the
 * documents whose list changed are rendered again.
 */
import { readdirSync, rmdirSync, rmSync } from "node:fs";
import path from "node:path";
import { turnsAfter } from "../content/event-loop-turns.ts";
import { filesUnderIfPresent } from "../content/files-under.ts";
import { writeSite } from "../build/write-site.ts";
import { UI_LOCALES, type UiLocale } from "../i18n/locales.ts";
import { writePublishAssets } from "../publish/assets.ts";
import { pageRenderer, templateEnvironment, type NunjucksEnvironment } from "../render/pages.ts";
import { refreshRelatedDocuments } from "../site/model.ts";
import type { DocumentPage } from "../site/views.ts";
import { writeSearchBundles } from "../search/index.ts";
import { sliceCacheDir } from "../search/slices.ts";
import { isSearchOutput, type SearchRecord, searchStagingDirs } from "../search/records.ts";
import type { Problem } from "../content/problems.ts";
import { buildCode } from "../content/build-code.ts";
import { DevSiteDataSource, type DevSiteData } from "./dev-data.ts";
import { RecordingStopped, WrittenPages } from "./dev-pages.ts";
import { swapSearchBundle } from "./dev-search.ts";

export interface DevUpdate {
  /** "site": the whole site rendered again (its pages that are as they were are left in place); "pages": only `files`; "none": no page changed. */
  kind: "site" | "pages" | "none";
  /** Output files written. */
  files: string[];
  /**
   * Of a whole-site render's files, how many the folder held already and were left as they were: pages whose key is
   * the one last written there (./dev-pages.ts), and cards linked to their drawing in the card cache.
   */
  unchanged?: number;
  ms: number;
}

/** True for a Markdown document under content/<publisher>/, the only files an edit of which can stay local. */
function isDocument(root: string, file: string): boolean {
  const relative = path.relative(path.join(root, "content"), path.resolve(root, file));
  const parts = relative.split(path.sep);
  return parts.length === 2 && !relative.startsWith("..") && parts[1]!.endsWith(".md") && !parts[0]!.startsWith("_");
}

export interface DevSiteLog {
  problems(problems: Problem[]): void;
  info(message: string): void;
  /** Output files written in the background after an update returned (related lists that caught up), to reload. */
  written?(files: string[]): void;
}

export interface DevSiteOptions {
  /** False: nothing read or written in .cache/lysark/; cards and processed images are made afresh into the output (`--no-cache`). */
  cache?: boolean;
  /**
   * What a page is rendered from besides its data, taken again for each whole-site render: by default the build
   * code's `pages` hash (Lysark's code, templates and assets, the registries, publishers and site.config.json).
   */
  pageCode?: (root: string) => string;
}

export class DevSite {
  readonly source: DevSiteDataSource;
  private data: DevSiteData | undefined;
  /** The search index being written, and whether the pages changed again meanwhile. */
  private indexing: Promise<void> | undefined;
  private indexAgain = false;
  /** The files of the search index last swapped in (./dev-search.ts), kept through the next one for a search page open meanwhile. */
  private searchFiles: Set<string> | undefined;
  /** The related lists being scored again after a document-only update (./dev-site.ts refreshRelated). */
  private relating: Promise<void> | undefined;
  /** The update running, if any: the search index waits for it at its next turn. */
  private updating: Promise<DevUpdate> | undefined;
  /** Each search record's words, kept across rebuilds: an edit reads only the changed records' words again. */
  private readonly wordSets = new WeakMap<SearchRecord, Set<string>>();
  /**
   * The templates as the last whole-site render compiled them, kept for the document-only updates after it
   * (compiling them again was about a third of such an update; 77 ms of 242 ms of the first edit after a start, N = 5000);
   * every whole-site render, which is what a template edit gets, starts with a new one.
   */
  private env: NunjucksEnvironment | undefined;
  /** The pages written into the served folder, by key (./dev-pages.ts), and the page build code of the last whole-site render. */
  private readonly pages = new WrittenPages();
  private pageCode = "";
  /** The keys of the pages a first render wrote, recorded after it in the background; the next update stops it. */
  private recording: { done: Promise<void>; stop: boolean } | undefined;
  /**
   * Whether an update stopped that recording before its end: the pages it had not reached have no key, and the next
   * whole-site render would write them all again (54,000 files and 31 s for a title edit at 5,000 documents, when a
   * body edit came first). It is taken up again after such an update.
   */
  private recordingStopped = false;

  constructor(
    readonly root: string,
    readonly outputDir: string,
    private readonly log: DevSiteLog = { problems: () => {}, info: () => {} },
    private readonly options: DevSiteOptions = {},
  ) {
    this.source = new DevSiteDataSource(root, log);
  }

  /** The project whose .cache/lysark/ keeps cards, images and search slices between updates; none with --no-cache. */
  private get cacheRoot(): string | undefined {
    return this.options.cache === false ? undefined : this.root;
  }

  /** Resolves when the related lists have caught up with the last update. */
  async relatedRefreshed(): Promise<void> {
    while (this.relating) await this.relating;
  }

  /**
   * Scores the related lists again after a document-only update, in the background (caught up about 1 s after
   * an edit at 5,000 documents, the edit itself under 0.1 s), and renders the documents whose list changed, the
   * edited one included. The next update waits for it, so the two never write at once.
   */
  private refreshRelated(data: DevSiteData, env: NunjucksEnvironment): void {
    this.relating = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      try {
        const pages = refreshRelatedDocuments(data.model);
        if (pages.length === 0) return;
        const files = await this.writeDocuments(data, env, pages);
        const documents = new Set(pages.map((page) => page.view)).size;
        this.log.info(`Related documents updated on ${documents} document(s)`);
        this.log.written?.(files);
      } catch (error) {
        this.log.info(`Related documents not updated: ${(error as Error).message}`);
      } finally {
        this.relating = undefined;
      }
    })();
  }

  /** Resolves when the search index has caught up with the last update. */
  async searchIndexed(): Promise<void> {
    while (this.indexing) await this.indexing;
  }

  /** Rebuilds the search index in the background; changes that arrive meanwhile are indexed right after. */
  private indexSearch(): void {
    if (this.indexing) {
      this.indexAgain = true;
      return;
    }
    this.indexing = (async () => {
      // Not before the update has returned and been reported: the index's start (reading every record's
      // words, the word lists) runs on this thread and held the edit's own pages back (docs/performance-log.md).
      await new Promise((resolve) => setImmediate(resolve));
      // Nor beside the related lists' refresh, which the next update waits for: interleaved with the index, it took 1–2.5 s at N = 5000.
      await this.relatedRefreshed();
      do {
        this.indexAgain = false;
        const start = performance.now();
        try {
          // Written beside the served index and swapped in whole (./dev-search.ts).
          const staging = searchStagingDirs(this.outputDir).next;
          rmSync(staging, { recursive: true, force: true });
          // A large site's slices whose pages an edit did not change come from the build cache (search/slices.ts).
          const stats = await writeSearchBundles(this.data!.model.searchRecords, staging, {
            wordSets: this.wordSets,
            sliceCache: this.cacheRoot && sliceCacheDir(this.cacheRoot),
            // Joined after the last slice: spread over the index build, the join held the next edit's pages back.
            joinWhileIndexing: false,
            // Its loops stop at their next step while an update or the related lists' refresh runs, which the editor waits
            // for: it held the thread for 3 s at its start at 5,000 documents, and an edit saved 2 s after the first
            // build took 1.5–3.8 s instead of 0.2 s.
            turn: turnsAfter(() => this.updating ?? this.relating),
          });
          this.searchFiles = swapSearchBundle(this.outputDir, staging, this.searchFiles);
          this.log.info(`Search index updated: ${stats.documents} document(s) in ${((performance.now() - start) / 1000).toFixed(1)} seconds`);
        } catch (error) {
          this.log.info(`Search index not updated: ${(error as Error).message}`);
        }
      } while (this.indexAgain);
      this.indexing = undefined;
    })();
  }

  /**
   * Renders what the changed files need (`changed` relative to the project or
   * absolute). Without `changed`, the whole site (the first build).
   */
  async update(changed?: readonly string[]): Promise<DevUpdate> {
    const running = this.render(changed);
    this.updating = running;
    try {
      return await running;
    } finally {
      if (this.updating === running) this.updating = undefined;
    }
  }

  private async render(changed?: readonly string[]): Promise<DevUpdate> {
    const start = performance.now();
    await this.pagesRecorded(true);
    await this.relatedRefreshed();
    // The first load: every document parsed while the server answers requests, then loaded from the cache.
    if (!this.data) await this.source.warm();
    const contentOnly = changed?.every((file) => isDocument(this.root, file));
    // Only documents changed: only they are read again. Anything else re-reads all content and renders the whole site.
    const { data, change } = this.source.rebuild(contentOnly ? { changed } : { force: true });
    this.data = data;
    let files: string[] = [];
    let unchanged: number | undefined;
    if (change.kind === "site") {
      this.env = templateEnvironment();
      // A template, an asset, a registry or a publisher changed this, and with it every page's key.
      this.pageCode = (this.options.pageCode ?? ((root) => buildCode(root).pages))(this.root);
      ({ files, unchanged } = await this.renderSite(data, this.env));
    } else if (change.kind === "pages") {
      this.env ??= templateEnvironment();
      files = await this.writeDocuments(data, this.env, change.pages);
      const views = [...new Set(change.pages.map((page) => page.view))];
      await writePublishAssets(data, this.outputDir, { root: this.cacheRoot, only: views });
      this.refreshRelated(data, this.env);
    }
    if (change.kind !== "none") this.indexSearch();
    // A whole-site render keys every page itself; after any other update, the stopped recording starts again.
    if (change.kind === "site") this.recordingStopped = false;
    else if (this.recordingStopped) this.recordAgain(data);
    return { kind: change.kind, files, ...(unchanged === undefined ? {} : { unchanged }), ms: performance.now() - start };
  }

  /**
   * The whole site, as `npm run build` writes it (without the search index, which follows in the background).
   * Files the plan no longer has (a removed document's pages, a listing page fewer) are removed, so the
   * served folder holds what a fresh start would write.
   */
  private async renderSite(data: DevSiteData, env: NunjucksEnvironment): Promise<{ files: string[]; unchanged: number }> {
    // What the folder holds before: the pages found there are left as they are, and the files the site no longer has
    // are removed after (a site writes only files of its plan). The search index's folders are its own to replace
    // (./dev-search.ts), one of them perhaps being written now.
    const held = filesUnderIfPresent(this.outputDir, (name) => !isSearchOutput(name));
    // With nothing recorded of the folder (the first render), no page can be left: their keys are made afterwards.
    const first = this.pages.isEmpty(this.outputDir);
    const writtenPages = first ? undefined : this.pages.track(this.outputDir, this.pageCode, data, new Set(held));
    // Cards already linked to their drawing in the card cache stay: they are neither placed again nor said to be written.
    const cardsInPlace = new Set<string>();
    let plan: Awaited<ReturnType<typeof writeSite>>;
    try {
      plan = await writeSite(data, this.outputDir, {
        root: this.root,
        cacheCardsAndImages: this.options.cache !== false,
        search: false,
        env,
        writtenPages,
        // The folder is served as it is written, and may hold a build's pages, linked into its page cache.
        replaceFiles: true,
        leftInPlace: cardsInPlace,
      });
    } finally {
      writtenPages?.release();
    }
    if (first) this.recordPages(data, env);
    const gone: string[] = [];
    for (const file of held) {
      if (plan.sourceOf(`/${file}`) !== undefined) continue;
      gone.push(file);
      let folder = path.join(this.outputDir, file);
      rmSync(folder);
      // And the folders that held nothing else.
      while ((folder = path.dirname(folder)) !== this.outputDir && readdirSync(folder).length === 0) rmdirSync(folder);
    }
    this.pages.forget(gone);
    // The files written: the pages and cards the folder held already are not.
    const unchanged = writtenPages?.unchanged ?? new Set<string>();
    const files = plan
      .claimedFiles()
      .map((file) => file.split("/").filter(Boolean))
      .filter((parts) => !unchanged.has(parts.join("/")))
      .map((parts) => path.join(this.outputDir, ...parts))
      .filter((file) => !cardsInPlace.has(file));
    return { files, unchanged: unchanged.size + cardsInPlace.size };
  }

  /**
   * Records again, once the related lists have caught up, the keys of every page (`recordingStopped`). Every file the
   * folder holds is what the current data renders (each update writes what it changed, the related lists' refresh
   * the pages whose list changed), so keys made from that data are the keys of those files.
   */
  private recordAgain(data: DevSiteData): void {
    const recording = { stop: false, done: Promise.resolve() };
    recording.done = (async () => {
      await this.relatedRefreshed();
      if (recording.stop || this.data !== data || !this.env) {
        if (this.recording === recording) this.recording = undefined;
        return;
      }
      // Its own recording, which the next update stops as it stops this one.
      this.recordPages(data, this.env);
      await this.recording?.done;
    })();
    this.recording = recording;
  }

  /** Records the keys of the pages the render of `data` has just written, in the background (`WrittenPages.recorder`). */
  private recordPages(data: DevSiteData, env: NunjucksEnvironment): void {
    const recording = { stop: false, done: Promise.resolve() };
    recording.done = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      const recorder = this.pages.recorder(this.outputDir, this.pageCode, data, () => recording.stop);
      try {
        await pageRenderer(data, env, recorder).writeAll(this.outputDir);
        this.recordingStopped = false;
      } catch (error) {
        // Stopped by an update: the pages recorded so far are as the render wrote them; the rest are recorded again after it.
        if (error instanceof RecordingStopped) this.recordingStopped = true;
        else this.log.info(`Pages not recorded: ${(error as Error).message}`);
      } finally {
        recorder.release();
        if (this.recording === recording) this.recording = undefined;
      }
    })();
    this.recording = recording;
  }

  /**
   * Resolves when the keys of the first render's pages are recorded (a whole-site render after it then leaves the pages
   * it did not change), or, with `stop`, once their recording has stopped where it was.
   */
  async pagesRecorded(stop = false): Promise<void> {
    const { recording } = this;
    if (!recording) return;
    if (stop) recording.stop = true;
    await recording.done;
  }

  /** Writes the pages of the documents `pages` are of (an edited document's, those whose related list changed). */
  private async writeDocuments(data: DevSiteData, env: NunjucksEnvironment, pages: readonly DocumentPage[]): Promise<string[]> {
    const writtenPages = this.pages.track(this.outputDir, this.pageCode, data);
    try {
      const files = await pageRenderer(data, env, writtenPages, { replaceFiles: true }).writeDocuments(pages, this.outputDir);
      const { unchanged } = writtenPages;
      return files.filter((file) => !unchanged.has(path.relative(this.outputDir, file).split(path.sep).join("/")));
    } finally {
      writtenPages.release();
    }
  }

  /** The problem banner for pages in `locale`, empty when the content has no problems. */
  problemsHtml(locale: string): string {
    const dev = this.data?.dev;
    if (!dev || dev.problems.length === 0) return "";
    const L: UiLocale = (UI_LOCALES as readonly string[]).includes(locale) ? (locale as UiLocale) : UI_LOCALES[0];
    return templateEnvironment().getTemplate("partials/dev-problems.njk").render({ L, lysark: this.data });
  }
}

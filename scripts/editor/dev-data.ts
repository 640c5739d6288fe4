/**
 * The site data behind the dev server (`npm start`). A rebuild after a save
 * of known documents reads only those files again (reloadDocuments); any other
 * change re-reads the content through a cache, so only documents whose bytes
 * changed are parsed again. It says what has to be rendered again: nothing,
 * the pages of the documents that changed, or the whole site
 * (scripts/editor/dev-site.ts).
 * Content with errors never stops the server: the pages keep the last good
 * model (or, before there was one, the valid part of the content) and the
 * problems are printed and shown in a banner on every page. Fixing the file
 * brings the site back on the next rebuild.
 */
import path from "node:path";
import { ContentCache, loadContent, reloadDocuments, warmContentCache, type LoadedDocument, type SiteContent } from "../content/load.ts";
import { type DocumentPlaces, documentPlaces, unlistedMovesSince } from "../content/moved.ts";
import { formatProblem, type Problem } from "../content/problems.ts";
import { loadSiteConfig } from "../content/site-config.ts";
import type { SearchRecord, SearchRecordStore } from "../search/records.ts";
import { buildSiteModel, onlyOwnPagesDiffer, replaceDocument, type DocumentPage } from "../site/model.ts";
import type { SiteData } from "../site/site-data.ts";
import type { DocumentView } from "../site/views.ts";

export interface DevState {
  /** Every problem of the current content, errors first by file and line. */
  problems: Problem[];
  errors: number;
  /** True when the pages show the last good content, not the current files. */
  stale: boolean;
}

/** What templates see as `lysark` in the dev server: the usual data plus `dev`. */
export interface DevSiteData extends SiteData {
  dev: DevState;
}

/** What a rebuild changed in the pages. */
export type DevChange =
  /** Everything must be rendered again (first build, or something shown site-wide changed). */
  | { kind: "site" }
  /** Only these pages (the changed documents' own) must be rendered again. */
  | { kind: "pages"; pages: DocumentPage[] }
  /** No page changed (e.g. content is broken and the last good site stays); the problems may have. */
  | { kind: "none" };

export interface Rebuild {
  data: DevSiteData;
  change: DevChange;
  /** Documents parsed again and reused from the cache in this rebuild. */
  parsed: number;
  reused: number;
  ms: number;
}

/**
 * The search records of the documents the dev server holds, kept between whole-model rebuilds. A change shown
 * site-wide (a title at 5,000 documents) made every record again, about 0.8 s of a 9 s update, though one document
 * changed. A record is made from its document and the publishers, topics and indicators it names (../search/record-cache.ts).
 * The content cache hands back the same parsed front matter and body for a file whose bytes did not change, and the
 * dev server changes neither after a load, so a record is reused while its document's file, front matter and body
 * are the objects it was made from and the registries are as they were.
 */
export class LoadedDocumentRecords implements SearchRecordStore {
  private byMeta = new WeakMap<LoadedDocument["meta"], { file: string; body: LoadedDocument["body"]; record: SearchRecord }>();
  private registries = "";
  /** Records made afresh and reused since the last `under`. */
  made = 0;
  reused = 0;

  /** The store for a model of `site`: every record is forgotten when its publishers, topics or indicators differ from the last site's. */
  under(site: Pick<SiteContent, "publishers" | "topics" | "indicators">): this {
    const registries = JSON.stringify([site.publishers, site.topics, site.indicators]);
    if (registries !== this.registries) {
      this.byMeta = new WeakMap();
      this.registries = registries;
    }
    this.made = this.reused = 0;
    return this;
  }

  get(view: DocumentView): SearchRecord | undefined {
    const { file, meta, body } = view.doc;
    const kept = this.byMeta.get(meta);
    if (kept && kept.file === file && kept.body === body) {
      this.reused++;
      return kept.record;
    }
    this.made++;
    return undefined;
  }

  set(view: DocumentView, record: SearchRecord): void {
    const { file, meta, body } = view.doc;
    this.byMeta.set(meta, { file, body, record });
  }
}

export class DevSiteDataSource {
  readonly cache = new ContentCache();
  /** Unchanged documents' search records, for the next whole-model rebuild. */
  readonly records = new LoadedDocumentRecords();
  private lastGood: SiteData | undefined;
  /** The content `lastGood` was built from (patched along with it). */
  private lastGoodContent: SiteContent | undefined;
  private lastErrors = 0;
  /** Where each document was when the server started: a file renamed since then without `movedFrom` gets a warning. */
  private startPlaces: DocumentPlaces | undefined;

  constructor(
    readonly root: string,
    private readonly log: { problems(problems: Problem[]): void; info(message: string): void } = { problems: () => {}, info: () => {} },
  ) {}

  /** Parses every document into the content cache without holding the thread: the first rebuild is then mostly checks. */
  async warm(): Promise<void> {
    await warmContentCache(path.join(this.root, "content"), { root: this.root, cache: this.cache });
  }

  /**
   * Loads the content again and returns what the templates should show and what changed.
   * `changed` (paths of the files the watcher saw change, relative to the project or absolute):
   * when every one is a document the last load read, only those are read again
   * (reloadDocuments); otherwise, and without it, every file is.
   */
  rebuild(options: { force?: boolean; changed?: readonly string[] } = {}): Rebuild {
    const start = performance.now();
    const contentDir = path.join(this.root, "content");
    const changed = options.changed?.map((file) => path.resolve(this.root, file));
    const loaded =
      (changed && reloadDocuments(contentDir, changed, { root: this.root, cache: this.cache })) ??
      loadContent(contentDir, { root: this.root, cache: this.cache });
    const { site } = loaded;
    // A broken site.config.json is listed with the content's problems, in the banner too, while the last good site
    // (and its config) is served; with none yet, there is nothing to serve, and the update fails as before.
    const settings = loadSiteConfig(this.root);
    const config = settings.config ?? this.lastGood?.config;
    if (!config) throw new Error(settings.problems.map(formatProblem).join("\n"));
    this.startPlaces ??= documentPlaces(site.documents);
    const problems = [
      ...settings.problems,
      ...loaded.problems,
      ...unlistedMovesSince(this.startPlaces, site, "when npm start began (it has that title and date)"),
    ];
    const errors = problems.filter((problem) => problem.severity === "error").length;
    const ordered = [...problems.filter((problem) => problem.severity === "error"), ...problems.filter((problem) => problem.severity === "warning")];
    let data: DevSiteData;
    let change: DevChange;
    if (errors === 0) {
      const pages = options.force || !this.lastGood || JSON.stringify(config) !== JSON.stringify(this.lastGood.config) ? undefined : this.patch(site);
      if (pages) {
        change = pages.length ? { kind: "pages", pages } : { kind: "none" };
      } else {
        this.lastGood = { model: buildSiteModel(site, { root: this.root, config, searchRecords: this.records.under(site) }), config };
        change = { kind: "site" };
      }
      this.lastGoodContent = site;
      data = { ...this.lastGood!, dev: { problems: ordered, errors, stale: false } };
    } else if (this.lastGood) {
      data = { ...this.lastGood, dev: { problems: ordered, errors, stale: true } };
      change = options.force ? { kind: "site" } : { kind: "none" };
    } else {
      // No good version yet (the server started on broken content): show what is valid.
      data = { model: buildSiteModel(site, { root: this.root, config }), config, dev: { problems: ordered, errors, stale: false } };
      change = { kind: "site" };
    }
    if (problems.length) this.log.problems(problems);
    if (errors)
      this.log.info(
        `Content has ${errors} error(s): the preview shows ${data.dev.stale ? "the last good version" : "only the valid documents"}, with the problems listed on every page. Fix and save to update.`,
      );
    else if (this.lastErrors) this.log.info("Content is valid again.");
    this.lastErrors = errors;
    return { data, change, parsed: this.cache.misses, reused: this.cache.hits, ms: performance.now() - start };
  }

  /**
   * Brings the last good model up to date in place when only documents' own
   * pages differ from it, and returns those pages; undefined when something
   * shown site-wide changed (registries, publishers, which documents exist,
   * or a field in SITE_WIDE_FIELDS), which needs a new model.
   */
  private patch(site: SiteContent): DocumentPage[] | undefined {
    const before = this.lastGoodContent;
    if (!before || !this.lastGood) return undefined;
    const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
    if (!same(site.topics, before.topics) || !same(site.indicators, before.indicators) || !same(site.publishers, before.publishers)) return undefined;
    if (site.documents.length !== before.documents.length) return undefined;
    // The cache hands back the same parsed body for unchanged bytes, so identity finds the edits.
    const changed: LoadedDocument[] = [];
    for (const [index, doc] of site.documents.entries()) {
      const old = before.documents[index]!;
      if (doc.body === old.body && doc.meta === old.meta) continue;
      if (!onlyOwnPagesDiffer(old, doc)) return undefined;
      changed.push(doc);
    }
    return changed.flatMap((doc) => replaceDocument(this.lastGood!.model, doc));
  }
}

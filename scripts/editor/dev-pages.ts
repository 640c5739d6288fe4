/**
 * What `npm start` last wrote at each page of the served folder, by the page's key (../render/page-cache.ts,
 * `PageKeys`): a whole-site render (a document's title, date or topics changed, a document added or removed) renders
 * and writes only the pages whose key changed, as a warm build takes the rest from its page cache. It rendered every
 * page before: 9.4–10.2 s for a title edited at 1,500 documents, now 2.7–3.3 s (docs/performance-log.md, "the dev
 * server: a whole-site render writes only what changed"). Every write of a page goes through it
 * (whole-site renders, an edited document's pages, the related lists caught up after), so what it records is what
 * the folder holds; a file gone from the folder is written again. The build code is part of every key, so a changed
 * template, asset, registry or publisher renders every page again.
 *
 * A document's own pages (page, embed view, oEmbed, citations) are not even keyed while their inputs are as they were
 * when their keys were last recorded: the document itself, its related documents and its dates from git
 * (`documentPageInputs` in ../site/model.ts), under the same build code and settings. Keying every document's pages
 * was most of a title edit's render at 5,000 documents, though one document's pages and the few that list it change
 * (docs/performance-log.md, "a title edit keys only the documents it can change").
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { PageKeys, type PageReuse } from "../render/page-cache.ts";
import type { LoadedDocument } from "../content/loaded.ts";
import { documentPageInputs } from "../site/model.ts";
import type { SiteData } from "../site/site-data.ts";
import type { DocumentView } from "../site/views.ts";

/** One render's use of the record: the renderer's `PageReuse`, then the pages it left as they were. */
export interface PagesTracked extends PageReuse {
  /** The pages found in place, as the site names them. */
  readonly unchanged: ReadonlySet<string>;
  /** Takes the document views' key tokens away again (`PageKeys.release`). */
  release(): void;
}

/** Which folder `dir` is: a build swapped in beside a running dev server is another folder under the same name. */
function folderIdentity(dir: string): string {
  try {
    const { dev, ino } = statSync(dir);
    return `${dev}:${ino}`;
  } catch {
    return "";
  }
}

/** Ends a recorder's walk (`WrittenPages.recorder`). */
export class RecordingStopped extends Error {
  override name = "RecordingStopped";
}

/** What a document's pages were last keyed from: their inputs' JSON, their names and the keys recorded for them then. */
interface DocumentRecord {
  inputs: string;
  names: readonly string[];
  keys: readonly string[];
}

export class WrittenPages {
  /** Each page's name in the site → the key of the page last written there, in the folder `folder` names. */
  private readonly written = new Map<string, string>();
  private folder = "";
  /** Each loaded document's hash, for the keys, while its object lives (a load keeps an unchanged document's). */
  private readonly documentHashes = new WeakMap<LoadedDocument, string>();
  /** Per document id, what its pages were keyed from, under the build code and settings `documentsUnder` names. */
  private readonly documents = new Map<string, DocumentRecord>();
  private documentsUnder = "";

  /**
   * The record as the page renderer takes it, for the pages of `data` under page build code `code` written into
   * `outputDir` (the record starts afresh when that is another folder than the last time). `present`: the
   * files the folder holds, as the site names them, when the caller has listed them (a whole-site render lists them
   * for its clean-up anyway: a look at each of 18,000 files was 0.24 s of a 3.8 s render); otherwise each is looked at.
   */
  track(outputDir: string, code: string, data: SiteData, present?: ReadonlySet<string>): PagesTracked {
    const { folder, key, keptDocument, touched, release } = this.keysFor(outputDir, code, data);
    // `npm run build` of the same project swapped in its own site meanwhile: none of its pages is one written here.
    if (folder !== this.folder) this.written.clear();
    const unchanged = new Set<string>();
    const isPresent = (name: string, file?: string) => (present ? present.has(name) : existsSync(file ?? path.join(outputDir, ...name.split("/"))));
    const keep = (pageKey: string, _file: string, name: string) => {
      this.written.set(name, pageKey);
      touched.add(name);
    };
    return {
      unchanged,
      key,
      use: (pageKey, file, name) => {
        if (this.written.get(name) !== pageKey || !isPresent(name, file)) return false;
        unchanged.add(name);
        touched.add(name);
        return true;
      },
      keep,
      keepHashed: keep,
      keptDocument: (view, names) => {
        const kept = keptDocument(view, names, isPresent);
        if (kept) for (const name of kept) unchanged.add(name);
        return kept;
      },
      release,
    };
  }

  /**
   * The keys of `data`'s pages under page build code `code`, and the documents whose pages are as they were
   * (`keptDocument`, given how to tell a page's file is in place). `touched`: the pages this render put or found in place
   * with their key; `release` records what each document's pages were keyed from, for the documents whose every page it
   * touched, and `outputDir` as the folder written.
   */
  private keysFor(
    outputDir: string,
    code: string,
    data: SiteData,
  ): {
    folder: string;
    key: PageReuse["key"];
    keptDocument(view: DocumentView, names: () => readonly string[], present: (name: string) => boolean): readonly string[] | undefined;
    touched: Set<string>;
    release(): void;
  } {
    const folder = folderIdentity(outputDir);
    const keys = new PageKeys(code, data, this.documentHashes);
    // The documents' records hold for one build code and one set of settings (both in every page's key).
    const under = `${code}\0${JSON.stringify(data.config)}`;
    if (under !== this.documentsUnder || folder !== this.folder) {
      this.documents.clear();
      this.documentsUnder = under;
    }
    const touched = new Set<string>();
    const keyed: Array<{ id: string; inputs: string; names: readonly string[] }> = [];
    return {
      folder,
      key: (kind, page, part) => keys.key(kind, page, part),
      keptDocument: (view, names, present) => {
        const pageInputs = documentPageInputs(data.model, view);
        if (!pageInputs) return undefined;
        // The views in it stand for their documents' hashes (PageKeys), as in the pages' keys. Its pages' names follow
        // from the document and the page code, so the record's are theirs while both are unchanged.
        const inputs = JSON.stringify([view, pageInputs]);
        const record = this.documents.get(view.id);
        if (record?.inputs === inputs && record.names.every((name, index) => this.written.get(name) === record.keys[index] && present(name)))
          return record.names;
        this.documents.delete(view.id);
        keyed.push({ id: view.id, inputs, names: names() });
        return undefined;
      },
      touched,
      release: () => {
        keys.release();
        this.folder = folder;
        for (const { id, inputs, names } of keyed)
          if (names.every((name) => touched.has(name))) this.documents.set(id, { inputs, names, keys: names.map((name) => this.written.get(name)!) });
      },
    };
  }

  /** Whether nothing is recorded of `outputDir` (the first render, or a build swapped in another folder meanwhile). */
  isEmpty(outputDir: string): boolean {
    return this.written.size === 0 || folderIdentity(outputDir) !== this.folder;
  }

  /**
   * Records the key of every page the renderer walks, without rendering or writing any: the pages of `data` that a
   * render of the same `data` has just written into `outputDir`. Making the keys during that render was a tenth of the
   * dev server's first build (1,500 documents); made after it, they cost the first build nothing. Each page asks
   * `stopped` first, and the walk ends (with `RecordingStopped`) once it says so: an update must not write a page
   * whose key the walk then records from the earlier data.
   */
  recorder(outputDir: string, code: string, data: SiteData, stopped: () => boolean): PageReuse & { release(): void } {
    this.written.clear();
    this.documents.clear();
    // Released, it records the folder the render wrote: a build that swaps in its own meanwhile leaves the records to that one.
    const { key, keptDocument, touched, release } = this.keysFor(outputDir, code, data);
    const unused = () => {
      throw new Error("a recorder writes no page");
    };
    return {
      key,
      use: (pageKey, _file, name) => {
        if (stopped()) throw new RecordingStopped();
        this.written.set(name, pageKey);
        touched.add(name);
        return true;
      },
      keep: unused,
      keepHashed: unused,
      // Nothing is recorded yet: every document's pages are keyed, and what they were keyed from recorded with them.
      keptDocument: (view, names) => keptDocument(view, names, () => false),
      release,
    };
  }

  /** Forgets the pages whose files are gone from the folder (`names` as the site names them). */
  forget(names: Iterable<string>): void {
    for (const name of names) this.written.delete(name);
  }
}

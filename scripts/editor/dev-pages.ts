/**
 * What `npm start` last wrote at each page of the served folder, by the page's key (../render/page-cache.ts,
 * `PageKeys`): a whole-site render (a document's title, date or topics changed, a document added or removed) renders
 * and writes only the pages whose key changed, as a warm build takes the rest from its page cache. It rendered every
 * page before: 9.4–10.2 s for a title edited at 1,500 documents, now 2.7–3.3 s (docs/performance.md, "the dev
 * server: a whole-site render writes only what changed"). Every write of a page goes through it
 * (whole-site renders, an edited document's pages, the related lists caught up after), so what it records is what
 * the folder holds; a file gone from the folder is written again. The build code is part of every key, so a changed
 * template, asset, registry or publisher renders every page again.
 */
import { existsSync, statSync } from "node:fs";
import { PageKeys, type PageReuse } from "../render/page-cache.ts";
import type { LoadedDocument } from "../content/loaded.ts";
import type { SiteData } from "../site/site-data.ts";

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

export class WrittenPages {
  /** Each page's name in the site → the key of the page last written there, in the folder `folder` names. */
  private readonly written = new Map<string, string>();
  private folder = "";
  /** Each loaded document's hash, for the keys, while its object lives (a load keeps an unchanged document's). */
  private readonly documentHashes = new WeakMap<LoadedDocument, string>();

  /**
   * The record as the page renderer takes it, for the pages of `data` under page build code `code` written into
   * `outputDir` (the record starts afresh when that is another folder than the last time). `present`: the
   * files the folder holds, as the site names them, when the caller has listed them (a whole-site render lists them
   * for its clean-up anyway: a look at each of 18,000 files was 0.24 s of a 3.8 s render); otherwise each is looked at.
   */
  track(outputDir: string, code: string, data: SiteData, present?: ReadonlySet<string>): PagesTracked {
    const { folder, key, release } = this.keysFor(outputDir, code, data);
    // `npm run build` of the same project swapped in its own site meanwhile: none of its pages is one written here.
    if (folder !== this.folder) this.written.clear();
    const unchanged = new Set<string>();
    const keep = (pageKey: string, _file: string, name: string) => {
      this.written.set(name, pageKey);
    };
    return {
      unchanged,
      key,
      use: (pageKey, file, name) => {
        if (this.written.get(name) !== pageKey || !(present ? present.has(name) : existsSync(file))) return false;
        unchanged.add(name);
        return true;
      },
      keep,
      keepHashed: keep,
      release,
    };
  }

  /** The keys of `data`'s pages under page build code `code`; `release` also records `outputDir` as the folder written. */
  private keysFor(outputDir: string, code: string, data: SiteData): { folder: string; key: PageReuse["key"]; release(): void } {
    const folder = folderIdentity(outputDir);
    const keys = new PageKeys(code, data, this.documentHashes);
    return {
      folder,
      key: (kind, page, part) => keys.key(kind, page, part),
      release: () => {
        keys.release();
        this.folder = folder;
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
    // Released, it records the folder the render wrote: a build that swaps in its own meanwhile leaves the records to that one.
    const { key, release } = this.keysFor(outputDir, code, data);
    const unused = () => {
      throw new Error("a recorder writes no page");
    };
    return {
      key,
      use: (pageKey, _file, name) => {
        if (stopped()) throw new RecordingStopped();
        this.written.set(name, pageKey);
        return true;
      },
      keep: unused,
      keepHashed: unused,
      release,
    };
  }

  /** Forgets the pages whose files are gone from the folder (`names` as the site names them). */
  forget(names: Iterable<string>): void {
    for (const name of names) this.written.delete(name);
  }
}

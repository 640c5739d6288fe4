/**
 * Pass 2's part of the build cache (.cache/lysark/pages/): each page rendered
 * from a template, keyed by a hash of its render input (the page's data, the
 * site settings, the page build code of scripts/content/build-code.ts), so a
 * warm build re-renders only the pages whose input changed: an edited
 * document's own pages and the pages that show it (listings, related lists).
 *
 * A page's data holds document views; each stands in the key for its
 * document's `sourceHash` (set by the document cache: its bytes, path, images,
 * attachments and the build code), so the key is computed without
 * serialising every body the page links to. The views get a `toJSON` giving
 * that token while the cache is in use (`release` takes it away): plain
 * `JSON.stringify` is about 20× faster than one with a replacer function,
 * which made a key cost as much as rendering the page. Page data must be
 * plain JSON data (no Map, Set or function: `JSON.stringify` would drop
 * what they hold from the key).
 *
 * Files are kept by the hash of their content (`<sha256>.html`) and checked
 * against it before use: a corrupt or truncated file is removed and the page
 * rendered again, never published. A file is read and hashed for that check
 * only when its stamp (size, modification time, inode) differs from the one
 * the manifest recorded when the file was last written or checked, as git's
 * index and make trust a file's stat: any write, truncation or replacement
 * changes one of the three, and reading and hashing the 53,000 kept pages of a
 * 5,000-document site was about a tenth of a warm build's main thread
 * (docs/performance-log.md, "kept pages trusted by their stamp"). A change that
 * keeps all three is not seen: a tool that writes in place and sets the old
 * modification time back, or the disk itself. A file system that keeps times
 * to the second (FAT, HFS+, ext3) would hide a same-size change made within
 * the second of the write, so a stamp whose time has no fraction of a second
 * is never trusted: such a file is read and hashed each time. `npm run build
 * -- --verify-cache` reads and hashes every kept page whatever its stamp (and
 * records fresh stamps for the builds after it); `--no-cache`, or removing
 * `.cache/`, builds without the cache. A manifest (key → content hash,
 * content hash → stamp) with its own integrity hash is written after the
 * pages; the files no manifest entry names are then removed. A hit is
 * hard-linked into the output (copied where the two folders are on different
 * file systems), which changes none of the three.
 *
 * Text kinds that name a `cacheKey` in the page table (oEmbed files and
 * citations: their text comes from the document page and the settings alone)
 * are kept the same way: linking a kept file costs a tenth of writing a new
 * one (docs/performance-log.md, "Warm rebuild with one edit, fourth pass"). The
 * hash of a page's data is computed once per page object, so a document
 * page's oEmbed files and citations reuse its own. Every file published or
 * kept is listed with its content hash (`published`), which the whole-site
 * cache takes instead of reading and hashing the file again.
 */
import { createHash, type Hash } from "node:crypto";
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileStamp } from "../content/file-stamp.ts";
import { HashedFile, writeJoined } from "../content/hashed-file.ts";
import type { LoadedDocument } from "../content/loaded.ts";
import type { DocumentView } from "../site/views.ts";
import type { SiteData } from "../site/site-data.ts";

const MANIFEST = "manifest.json";
const STARTED_MANIFEST = /^manifest\.json\.\d+\.tmp$/;
const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/**
 * The manifest's last line: the build code, and the SHA-256 of the two lines before it (each with its line
 * break): page key → content hash, and content hash → the kept file's stamp when it was last written or
 * checked (`stampOf` in ../content/file-stamp.ts), each a JSON object. The entries are written as the pages
 * are, into a temporary file, so the header, whose hash is known only at the end, comes last. Held in a Map
 * until the end, the entries were 200,000 keys of 64 letters (about 23 MiB of the main thread's heap) at
 * N = 20,000, and writing them made an object and a text of them all at once.
 */
interface ManifestHeader {
  code: string;
  integrity: string;
}

const integrityOf = (entries: string, stamps: string) => sha256(`${entries}\n${stamps}\n`);

/**
 * The hash of a document loaded without the build cache: of all it holds, but for its outline and its words when its
 * rendered body is held with it, as both are made from that body (half of its JSON).
 */
function documentHash(doc: LoadedDocument): string {
  return sha256(JSON.stringify("kept" in doc.bodyRef ? { ...doc, body: undefined, terms: undefined } : doc));
}

/**
 * The key of each page: SHA-256 of the page build code, the site settings, the page's kind and its data, in which
 * each document view stands for its document (its `sourceHash`, or, for a document loaded without the build cache,
 * the hash of the whole loaded document, made when a key first needs it). The views get that token as their `toJSON`
 * until `release`. Used by the build's page cache and by `npm start`'s record of the pages it wrote
 * (../editor/dev-pages.ts).
 */
export class PageKeys {
  private readonly views: DocumentView[] = [];
  /** SHA-256 of the page code and site settings, the start of every key: hashed once, copied for each page. */
  private readonly prefix: Hash;
  /** SHA-256 of each page object's JSON, once per object (a document page stands in the keys of its oEmbed files and citations). */
  private readonly dataHashes = new WeakMap<object, string>();

  /**
   * `documentHashes`: the hashes of documents loaded without the build cache, by document object, for a caller that
   * keeps them across sets of keys (npm start, whose loads keep an unchanged document's object: hashing every
   * document again was 0.86 s of a 3.8 s whole-site render at 1,500 documents). The dev server changes no loaded
   * document after its load (a build releases each document's words once related documents are found, but its
   * documents have a `sourceHash`).
   */
  constructor(code: string, data: SiteData, documentHashes = new WeakMap<LoadedDocument, string>()) {
    for (const view of data.model.documents) {
      const { doc } = view;
      let token = doc.sourceHash === undefined ? undefined : `document ${view.id} ${doc.sourceHash}`;
      const hashOf = () => {
        let hash = documentHashes.get(doc);
        if (hash === undefined) documentHashes.set(doc, (hash = documentHash(doc)));
        return hash;
      };
      const toJSON = () => (token ??= `document ${view.id} ${hashOf()}`);
      Object.defineProperty(view, "toJSON", { value: toJSON, configurable: true, enumerable: false, writable: false });
      this.views.push(view);
    }
    this.prefix = createHash("sha256").update(`${code}\0${JSON.stringify(data.config)}\0`);
  }

  /**
   * The key of a page of `kind` made from `page` (`part` tells apart the pages of one kind made from one
   * object), or undefined when its data cannot be hashed (the page is then rendered and not kept).
   */
  key(kind: string, page: unknown, part = ""): string | undefined {
    try {
      const memo = typeof page === "object" && page !== null;
      let data = memo ? this.dataHashes.get(page) : undefined;
      if (data === undefined) {
        data = sha256(JSON.stringify(page) ?? "undefined");
        if (memo) this.dataHashes.set(page, data);
      }
      return this.prefix.copy().update(`${kind}\0${part}\0${data}`).digest("hex");
    } catch {
      return undefined;
    }
  }

  /** Takes the views' `toJSON` away again: the site model is as it was. */
  release(): void {
    for (const view of this.views.splice(0)) delete (view as { toJSON?: unknown }).toJSON;
  }
}

/**
 * What the page renderer asks of a record of pages already made (../render/pages.ts): a page's key, whether the page
 * of that key is put (or already is) at its file, and what was written there under which key.
 */
export type PageReuse = Pick<PageCache, "key" | "use" | "keep" | "keepHashed"> & {
  /**
   * The pages of `view`'s document, as the site names them, when every one is in place as it was last written and
   * their inputs are unchanged since: the renderer then neither makes, keys nor writes them. Undefined when they are
   * to be keyed (`names` gives their names then). Only `npm start`'s record has it (../editor/dev-pages.ts); the
   * build's page cache keys every page.
   */
  keptDocument?(view: DocumentView, names: () => readonly string[]): readonly string[] | undefined;
};

export interface PageCacheOptions {
  /** Read and hash every kept file before it is used, ignoring the stamps recorded (`--verify-cache`). */
  verify?: boolean;
}

export class PageCache {
  /** Pages copied from the cache, rendered afresh, and files found unsound (corrupt, truncated) in this run. */
  hits = 0;
  misses = 0;
  rejected = 0;
  /** Kept files read and hashed in this run (the others were linked on their stamp alone). */
  verified = 0;
  private readonly previous: Map<string, string>;
  /** This run's manifest, its entries written as pages are put in place or kept (`save` ends it), and how many. */
  private manifest: HashedFile | undefined;
  private entries = 0;
  /** Content hash → stamp of its kept file: from the manifest, and as this run writes or checks them. */
  private readonly stamps: Map<string, string>;
  private readonly keys: PageKeys;
  /** Cache folders made in this run. */
  private readonly folders = new Set<string>();
  /**
   * For every page this cache put in place or kept: its name in the site (relative, forward slashes, as the output plan
   * and the whole-site cache name files) → SHA-256 of its content. Named by the caller, not made from the file's path:
   * `path.relative` for each of a site's 54,000 pages was 0.45 s of the main thread at N = 5000.
   */
  readonly published = new Map<string, string>();

  /** `dir` is the cache folder (.cache/lysark/pages), `code` the page build code. */
  constructor(
    readonly dir: string,
    readonly code: string,
    data: SiteData,
    options: PageCacheOptions = {},
  ) {
    ({ entries: this.previous, stamps: this.stamps } = this.readManifest());
    // Without the recorded stamps every kept file is read and hashed once; the stamps taken then are recorded as usual.
    if (options.verify) this.stamps.clear();
    this.keys = new PageKeys(code, data);
  }

  private readManifest(): { entries: Map<string, string>; stamps: Map<string, string> } {
    try {
      const [entries, stamps, last] = readFileSync(path.join(this.dir, MANIFEST), "utf8").split("\n");
      const header = JSON.parse(last!) as ManifestHeader;
      // Written by other build code (a template or Lysark changed): not this build's, and not unsound either.
      if (header.code !== this.code) return { entries: new Map(), stamps: new Map() };
      if (entries !== undefined && stamps !== undefined && integrityOf(entries, stamps) === header.integrity) {
        return {
          entries: new Map(Object.entries(JSON.parse(entries) as Record<string, string>)),
          stamps: new Map(Object.entries(JSON.parse(stamps) as Record<string, string>)),
        };
      }
      this.rejected++;
    } catch {
      // No manifest yet, or an unreadable one: every page is rendered.
    }
    return { entries: new Map(), stamps: new Map() };
  }

  /**
   * The key of a page of `kind` made from `page` (`part` tells apart the pages of one kind made from one
   * object), or undefined when its data cannot be hashed (the page is then rendered and not kept).
   */
  key(kind: string, page: unknown, part = ""): string | undefined {
    return this.keys.key(kind, page, part);
  }

  private contentFile(hash: string): string {
    return keptPageFile(this.dir, hash);
  }

  /** Puts the cached page for `key` at `file`, named `name` in the site; false when there is none or it fails its check. */
  use(key: string, file: string, name: string): boolean {
    const hash = this.previous.get(key);
    if (!hash) {
      this.misses++;
      return false;
    }
    const cached = this.contentFile(hash);
    const stamp = fileStamp(cached);
    if (stamp === undefined) {
      this.misses++;
      return false;
    }
    let bytes: Buffer | undefined;
    if (stamp !== this.stamps.get(hash)) {
      try {
        bytes = readFileSync(cached);
      } catch {
        this.misses++;
        return false;
      }
      this.verified++;
      if (sha256(bytes) !== hash) {
        this.rejected++;
        this.misses++;
        this.stamps.delete(hash);
        rmSync(cached, { force: true });
        return false;
      }
      this.record(hash, stamp);
    }
    try {
      linkSync(cached, file);
    } catch (error) {
      // The page's folder not made yet (the renderer makes one only for a page it writes), or another file system: copied.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") mkdirSync(path.dirname(file), { recursive: true });
      try {
        linkSync(cached, file);
      } catch {
        writeFileSync(file, bytes ?? readFileSync(cached));
      }
    }
    this.entry(key, hash);
    this.published.set(name, hash);
    this.hits++;
    return true;
  }

  /** Keeps the page just written at `file`, named `name` in the site, under `key`; `content` is its text or its bytes. */
  keep(key: string, file: string, name: string, content: string | Buffer): void {
    this.keepHashed(key, file, name, sha256(content));
  }

  /** `keep` for a page written in pieces (../content/hashed-file.ts), given the SHA-256 of the bytes written into `file`. */
  keepHashed(key: string, file: string, name: string, hash: string): void {
    this.entry(key, hash);
    this.published.set(name, hash);
    const cached = this.contentFile(hash);
    // One mkdir per cache folder (256 of them), not one per page kept.
    const folder = path.dirname(cached);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    try {
      linkSync(file, cached);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") {
        // The same page text from an earlier build (or another page): check it, replace it when unsound.
        const stamp = fileStamp(cached);
        if (stamp !== undefined && stamp === this.stamps.get(hash)) return;
        try {
          if (sha256(readFileSync(cached)) === hash) {
            this.record(hash, stamp);
            return;
          }
        } catch {}
        rmSync(cached, { force: true });
      }
      const temporary = `${cached}.${process.pid}.tmp`;
      copyFileSync(file, temporary);
      renameSync(temporary, cached);
    }
    this.record(hash, fileStamp(cached));
  }

  /**
   * The stamp recorded for the kept file of `hash` when it was last written or found sound, if any: the whole-site
   * cache (../build/site-cache.ts) records it for the pages it names here, instead of a stat of each.
   */
  stampOfKept(hash: string): string | undefined {
    return this.stamps.get(hash);
  }

  /** Adds `key` → `hash` to this run's manifest (page keys and content hashes are hex: nothing to escape). */
  private entry(key: string, hash: string): void {
    (this.manifest ?? this.beginManifest()).write(`${this.entries++ === 0 ? "" : ","}"${key}":"${hash}"`);
  }

  /** Starts this run's manifest in its temporary file: the opening of its entries. */
  private beginManifest(): HashedFile {
    mkdirSync(this.dir, { recursive: true });
    this.manifest = new HashedFile(this.temporaryManifest());
    this.manifest.write("{");
    return this.manifest;
  }

  private temporaryManifest(): string {
    return path.join(this.dir, `${MANIFEST}.${process.pid}.tmp`);
  }

  /** Records the stamp of the kept file of `hash` just written or found sound; one that says nothing is forgotten. */
  private record(hash: string, stamp: string | undefined): void {
    if (stamp) this.stamps.set(hash, stamp);
    else this.stamps.delete(hash);
  }

  /** Takes the views' `toJSON` away again: the site model is as it was. */
  release(): void {
    this.keys.release();
  }

  /** Ends this run without a manifest (its pages were not all written): the one begun is removed, the last one kept. */
  discard(): void {
    if (!this.manifest) return;
    this.manifest.close();
    this.manifest = undefined;
    rmSync(this.temporaryManifest(), { force: true });
  }

  /** Writes the manifest of this run's pages and removes the files it does not name. */
  save(): void {
    const out = this.manifest ?? this.beginManifest();
    this.manifest = undefined;
    // Every page put in place or kept is published under its content hash: those are the files kept.
    const kept = new Set(this.published.values());
    try {
      out.write("}\n{");
      const stamped = [...kept].filter((hash) => this.stamps.has(hash));
      writeJoined(out.write, stamped, (hash) => `"${hash}":${JSON.stringify(this.stamps.get(hash))}`);
      out.write("}\n");
      const header: ManifestHeader = { code: this.code, integrity: out.digest() };
      out.write(`${JSON.stringify(header)}\n`);
    } finally {
      out.close();
    }
    renameSync(this.temporaryManifest(), path.join(this.dir, MANIFEST));
    for (const folder of readdirSync(this.dir, { withFileTypes: true })) {
      // A manifest another run began and never ended (it stopped with an error).
      if (folder.isFile() && STARTED_MANIFEST.test(folder.name)) rmSync(path.join(this.dir, folder.name), { force: true });
      if (!folder.isDirectory()) continue;
      for (const name of readdirSync(path.join(this.dir, folder.name)))
        if (!(name.endsWith(".html") && kept.has(name.slice(0, -5)))) rmSync(path.join(this.dir, folder.name, name), { force: true });
    }
  }
}

/** The kept file of the content `hash` in the page cache folder `dir` (the whole-site cache names pages there, ../build/site-cache.ts). */
export function keptPageFile(dir: string, hash: string): string {
  return `${dir}${path.sep}${hash.slice(0, 2)}${path.sep}${hash}.html`;
}

/** The folder of the page cache under a project's root. */
export function pageCacheDir(root: string): string {
  return path.join(root, ".cache", "lysark", "pages");
}

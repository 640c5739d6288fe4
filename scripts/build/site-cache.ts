/**
 * The whole-site part of the build cache (.cache/lysark/site/): every file of
 * the last good build's output, kept by the hash of its content, with the
 * problems (warnings) and the output plan that build reported. When a build's
 * inputs hash the same as that build's (`siteInputKey`), the site is linked
 * from here without loading, assembling or rendering anything: a warm build
 * with nothing changed costs hashing the inputs and checking and linking the
 * files (docs/performance-log.md). Any other build falls through to the document,
 * page and search caches, and its output becomes the new entry.
 *
 * The key covers everything a build reads: the page build code
 * (scripts/content/build-code.ts: Lysark's code, lock file, templates, assets,
 * guide, site.config.json, registries, publishers, where the content is), the
 * name and bytes of every file under content/, what the dates on the pages
 * come from (the commits that touched content/, and the modification day of
 * each file git does not track: scripts/publish/git-dates.ts) and the current year (validation
 * refuses dates after it). A build checks its inputs again once it has read them all, and keeps its site only
 * when they are unchanged (`siteInputsUnchanged`: on the files' stamps, taken as the key was, when every one
 * vouches for its file).
 *
 * A page the page cache keeps (../render/page-cache.ts) is not linked into
 * this folder again: the manifest names it among `keptPages`, and a restore takes
 * it from the page cache's folder, as the same build left both (a cold build
 * at N = 5000 linked its 53,000 pages a second time, about a second of its
 * last, one-core stretch). Every other file is kept here by its hash.
 *
 * Every file is checked against the hash the manifest holds for it before
 * anything is linked, and the manifest against its own integrity hash: a
 * corrupt, truncated or missing file is removed and counted, and the build
 * then runs in full, so a damaged entry is never published. A file is read
 * and hashed for that check only when its stamp (size, modification time,
 * inode: ../content/file-stamp.ts) is not the one recorded when it was last
 * written or checked, as the page cache does for its pages; reading and
 * hashing a 5,000-document site's 65,000 files (about 1 GiB) was most of a
 * warm build with nothing changed (docs/performance-log.md, "the whole site
 * trusted by its stamps"). The stamps of the pages come from the page
 * cache, which took them as it wrote or checked each page; those of the
 * files hashed here are taken as they are linked; a file whose hash was
 * given (the cards) gets its stamp once a restore has read it. `restore`
 * with `verify` (`--verify-cache`) reads every file whatever its stamp.
 */
import { spawnSync } from "node:child_process";
import { createHash, type Hash } from "node:crypto";
import {
  type BigIntStats,
  type Dirent,
  linkSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import path from "node:path";
import { fileStamp, stampOf } from "../content/file-stamp.ts";
import { HashedFile, writeJoined } from "../content/hashed-file.ts";
import { filesUnder } from "../content/files-under.ts";
import { mayBeInGitRepository } from "../content/git-repository.ts";
import { hashFiles } from "./hash-files.ts";
import type { Problem } from "../content/problems.ts";
import { keptPageFile } from "../render/page-cache.ts";
import { OutputPlan, type PlanEntries } from "./plan.ts";

const MANIFEST = "manifest.json";
const FILES = "files";
const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** What a restored build reports, as the build that wrote the entry did. */
export interface SiteSnapshot {
  problems: Problem[];
  /** Messages the site model printed (console.warn), printed again on reuse. */
  warnings: string[];
  plan: PlanEntries;
  /** Documents and templated pages of the site, for the cache report. */
  documents: number;
  pages: number;
}

/**
 * The manifest, three lines: `body` and `stamps`, each a JSON text, then a JSON header (this interface but for `body`
 * and `stamps`). Lines rather than one JSON object holding the two as strings, which escaped every quote of a 17 MB
 * text at N = 5000 and parsed it twice: reading a manifest took about a third less. The header comes last because
 * `save` writes the body out a piece at a time and knows its hash only at the end: the body is about 3.8 MB of text
 * a thousand documents, which as one string, beside what it was made from, was the main thread's largest heap.
 */
interface Manifest {
  key: string;
  integrity: string;
  /** `Body` as JSON text (what `integrity` hashes). */
  body: string;
  /** `Stamps` as JSON text. */
  stamps: string;
  /** SHA-256 of `integrity` and `stamps`: stamps that fail it are ignored (every file is read and hashed). */
  stampsIntegrity: string;
}

/** Content hash → the stamp of its kept file when it was last written or found sound, in each of the two folders. */
interface Stamps {
  files: Record<string, string>;
  pages: Record<string, string>;
}

const stampsIntegrityOf = (integrity: string, stamps: string) => sha256(`${integrity}\0${stamps}`);

/** The stamps a manifest holds, or none when they are absent or fail their hash. */
function stampsOf(manifest: Manifest): Stamps {
  const none: Stamps = { files: {}, pages: {} };
  if (manifest.stampsIntegrity !== stampsIntegrityOf(manifest.integrity, manifest.stamps)) return none;
  try {
    const stamps = JSON.parse(manifest.stamps) as Stamps;
    return { files: stamps.files ?? {}, pages: stamps.pages ?? {} };
  } catch {
    return none;
  }
}

export interface RestoreOptions {
  /** Read and hash every file, ignoring the stamps recorded (`--verify-cache`). */
  verify?: boolean;
}

export interface SaveOptions {
  /**
   * The pages the page cache keeps in `pagesDir` (site-relative path → SHA-256 of the bytes the build wrote there):
   * named, not linked here again.
   */
  keptPages?: ReadonlyMap<string, string>;
  /** Content hash → the stamp the page cache recorded for that kept page (`PageCache.stampOfKept`). */
  keptPageStamps?: ReadonlyMap<string, string>;
  /**
   * Site-relative path → SHA-256 of the bytes the build wrote there (e.g. the cards it drew), taken as given
   * instead of read and hashed again; such a file gets no stamp until a restore has read it.
   */
  knownHashes?: ReadonlyMap<string, string>;
}

export interface KeepOptions extends SaveOptions {
  /** The top-level entries of the site's folder whose files are kept by the last step, not the first (SiteCache.keep). */
  later?: (name: string) => boolean;
}

interface Body extends SiteSnapshot {
  /** Site-relative path (forward slashes) → content hash, of the files kept in this folder. */
  files: Record<string, string>;
  /** The same, of the pages kept in the page cache's folder (absent in entries written before it was). */
  keptPages?: Record<string, string>;
}

function sortedEntries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

/**
 * What the dates of the files under `folder` come from in git: every commit that touched it
 * (scripts/publish/git-dates.ts reads their dates) and whether the clone is shallow; and the
 * files git tracks (relative to `root`, forward slashes). Undefined outside a repository.
 * A commit that touches nothing under `folder` leaves it unchanged.
 */
function gitState(root: string, folder: string): { history: string; tracked: Set<string> } | undefined {
  if (!mayBeInGitRepository(root)) return undefined;
  const run = (args: string[]) =>
    spawnSync("git", ["-c", "core.quotePath=false", ...args], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    });
  const log = run(["log", "--format=%H %cs", "--no-renames", "--", folder]);
  if (log.status !== 0) return undefined;
  const shallow = run(["rev-parse", "--is-shallow-repository"]);
  const files = run(["ls-files", "-z", "--", folder]);
  return {
    history: sha256(`${shallow.stdout.trim()}\n${log.stdout}`),
    tracked: new Set(files.stdout.split("\0").filter(Boolean)),
  };
}

/**
 * Every file's name and stamp under a folder, in the order `addTree` walks it, hashed: a build holds one hash of
 * them, not a stamp per file (20,000 of them at N = 20,000). `trusted` turns false at a stamp that says nothing.
 */
interface StampWalk {
  hash: Hash;
  trusted: boolean;
}

/**
 * Adds every file under `dir` (name, bytes, and the modification day of those git does not track) to `hash`; with
 * `stamps`, adds each file's name and stamp to it, taken before the file is read. Without `hash`, only the stamps:
 * no file is read (`siteInputsUnchanged`).
 */
function addTree(hash: Hash | undefined, dir: string, relative: string, tracked: ReadonlySet<string>, stamps?: StampWalk): void {
  for (const entry of sortedEntries(dir)) {
    const full = path.join(dir, entry.name);
    const name = `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      addTree(hash, full, name, tracked, stamps);
      continue;
    }
    hash?.update(`\0${name}\0`);
    // A link names its target; what it points at is hashed as well (validation decides whether it may).
    const link = entry.isSymbolicLink() ? readlinkSync(full) : undefined;
    if (link !== undefined) hash?.update(`link ${link}\0`);
    try {
      const stat = statSync(full, { bigint: true });
      if (stat.isDirectory()) {
        addTree(hash, full, name, tracked, stamps);
        continue;
      }
      if (stamps) addStamp(stamps, name, inputStamp(stat, link));
      if (!hash) continue;
      if (!tracked.has(name)) hash.update(`modified ${stat.mtime.toISOString().slice(0, 10)}\0`);
      hash.update(readFileSync(full));
    } catch {
      hash?.update("\0unreadable\0");
      if (stamps) addStamp(stamps, name, "");
    }
  }
}

/** A content file's stamp (../content/file-stamp.ts), with the target a link names; empty when the stamp says nothing. */
const inputStamp = (stats: BigIntStats, link: string | undefined): string => {
  const stamp = stampOf(stats);
  return stamp ? `${link ?? ""}\0${stamp}` : "";
};

function addStamp(stamps: StampWalk, name: string, stamp: string): void {
  if (!stamp) stamps.trusted = false;
  stamps.hash.update(`${name}\0${stamp}\0`);
}

/** git's part of the inputs, as a text that changes when the key's use of it can: its history and the files it tracks. */
function gitText(git: ReturnType<typeof gitState>): string {
  return git ? sha256(`${git.history}\0${[...git.tracked].sort().join("\0")}`) : "none";
}

/**
 * What a build's inputs were when it took their key: the key, and what tells later, without reading every file
 * again, that they are still the same.
 */
export interface SiteInputs {
  key: string;
  /** The page build code and the year the key was taken with. */
  code: string;
  year: number;
  /** git's part (`gitText`). */
  git: string;
  /** SHA-256 of each content file's name and stamp (taken before it was read); undefined when a stamp says nothing. */
  stamps: string | undefined;
}

/** The inputs' key (`siteInputKey`) with what `siteInputsUnchanged` needs to tell later that they are the same. */
export function readSiteInputs(root: string, pagesCode: string, now = new Date()): SiteInputs {
  const stamps: StampWalk = { hash: createHash("sha256"), trusted: true };
  const { key, git } = inputKey(root, pagesCode, now, stamps);
  const digest = stamps.hash.digest("hex");
  return { key, code: pagesCode, year: now.getUTCFullYear(), git: gitText(git), stamps: stamps.trusted ? digest : undefined };
}

/**
 * Whether a build's inputs are still those `inputs` was read from. When every file's stamp vouched for it and
 * the stamps, git's part, the code and the year are all the same, no file is read again (the last check of a
 * build, once it has read them all: 66–100 ms for the bench corpus at N = 5000, where taking the key again took
 * 280–363 ms); else the key is taken again and compared, so a file touched but not changed still counts as the same.
 */
export function siteInputsUnchanged(root: string, inputs: SiteInputs, pagesCode: string, now = new Date()): boolean {
  if (pagesCode !== inputs.code || now.getUTCFullYear() !== inputs.year) return false;
  if (inputs.stamps && gitText(gitState(root, "content")) === inputs.git) {
    const stamps: StampWalk = { hash: createHash("sha256"), trusted: true };
    addTree(undefined, path.join(root, "content"), "content", new Set(), stamps);
    if (stamps.trusted && stamps.hash.digest("hex") === inputs.stamps) return true;
  }
  return siteInputKey(root, pagesCode, now) === inputs.key;
}

function inputKey(root: string, pagesCode: string, now: Date, stamps?: StampWalk) {
  const hash = createHash("sha256").update(`lysark-site-1\0${pagesCode}\0${now.getUTCFullYear()}\0`);
  const git = gitState(root, "content");
  hash.update(`git ${git?.history ?? "none"}\0`);
  addTree(hash, path.join(root, "content"), "content", git?.tracked ?? new Set(), stamps);
  return { key: hash.digest("hex"), git };
}

/** The key of everything a build of the project at `root` reads, given its page build code. `now` gives the year. */
export function siteInputKey(root: string, pagesCode: string, now = new Date()): string {
  return inputKey(root, pagesCode, now).key;
}

/** A hard link, or a copy where the two folders are on different file systems. */
function place(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw error;
    copyFileSync(from, to);
  }
}

export class SiteCache {
  /** Files or manifests found unsound (corrupt, truncated, missing) in this run. */
  rejected = 0;
  /** Files read and hashed by `restore` in this run (the others were taken on their stamp). */
  checked = 0;

  /** Where the kept files are, each in the folder named by its hash's first two characters. */
  private readonly filesDir: string;

  /** `dir` is the cache folder (.cache/lysark/site); `pagesDir` the page cache's (.cache/lysark/pages), whose kept pages are not kept again here. */
  constructor(
    readonly dir: string,
    readonly pagesDir?: string,
  ) {
    this.filesDir = path.join(dir, FILES);
  }

  /** Joined as a string: path.join for each of a site's 65,000 files was a quarter of `save`'s loop. */
  private contentFile(hash: string): string {
    return this.filesDir + path.sep + hash.slice(0, 2) + path.sep + hash;
  }

  /** The manifest as written, or undefined when there is none or it is not three lines, the last a JSON header. */
  private readManifest(): Manifest | undefined {
    try {
      const text = readFileSync(path.join(this.dir, MANIFEST), "utf8");
      const bodyEnd = text.indexOf("\n");
      const stampsEnd = text.indexOf("\n", bodyEnd + 1);
      if (bodyEnd === -1 || stampsEnd === -1 || text.indexOf("\n", stampsEnd + 1) !== text.length - 1) return undefined;
      const header = JSON.parse(text.slice(stampsEnd + 1, -1)) as Omit<Manifest, "body" | "stamps">;
      // Not this layout (an older Lysark wrote the header first): another build's entry, not a damaged one.
      if (typeof header?.integrity !== "string") return undefined;
      return { ...header, body: text.slice(0, bodyEnd), stamps: text.slice(bodyEnd + 1, stampsEnd) };
    } catch {
      return undefined;
    }
  }

  private readBody(key: string): { manifest: Manifest; body: Body } | undefined {
    const manifest = this.readManifest();
    if (!manifest) return undefined;
    if (sha256(manifest.body) !== manifest.integrity) {
      this.rejected++;
      return undefined;
    }
    // Another build's inputs: not unsound, just not this build's.
    if (manifest.key !== key) return undefined;
    return { manifest, body: JSON.parse(manifest.body) as Body };
  }

  /**
   * Writes a manifest for `key`: `writeBody` gives its body a piece at a time, then `stamps` follow and the header,
   * into a temporary file renamed into place, so a build stopped half way leaves the last manifest whole.
   */
  private writeManifest(key: string, writeBody: (write: (text: string) => void) => void, stamps: Stamps): void {
    const temporary = path.join(this.dir, `${MANIFEST}.${process.pid}.tmp`);
    const out = new HashedFile(temporary);
    try {
      writeBody(out.write);
      const integrity = out.digest();
      out.write("\n");
      out.rehash(`${integrity}\0`);
      writeJsonRecordsOf(stamps, out.write);
      const stampsIntegrity = out.digest();
      const header: Omit<Manifest, "body" | "stamps"> = { key, integrity, stampsIntegrity };
      out.write(`\n${JSON.stringify(header)}\n`);
      out.close();
    } catch (error) {
      out.close();
      rmSync(temporary, { force: true });
      throw error;
    }
    renameSync(temporary, path.join(this.dir, MANIFEST));
  }

  /**
   * Links the cached site for `key` into `outputDir` (empty) and returns what its build reported;
   * undefined, with nothing written, when there is none or any file fails its check.
   * Synchronous on purpose: many links at a time through promises cost twice the CPU
   * time and did not shorten the wall time on a busy disk (docs/performance-log.md).
   */
  restore(key: string, outputDir: string, options: RestoreOptions = {}): SiteSnapshot | undefined {
    const read = this.readBody(key);
    if (!read) return undefined;
    const { manifest, body } = read;
    const keptPages = Object.entries(body.keptPages ?? {});
    const pagesDir = this.pagesDir;
    // Written with the page cache's folder, read without it: nowhere to take those pages from.
    if (keptPages.length && pagesDir === undefined) return undefined;
    const stamps = stampsOf(manifest);
    const entries: Array<[name: string, file: string, hash: string, stamps: Record<string, string>]> = [];
    for (const [name, hash] of Object.entries(body.files)) entries.push([name, this.contentFile(hash), hash, stamps.files]);
    for (const [name, hash] of keptPages) entries.push([name, keptPageFile(pagesDir!, hash), hash, stamps.pages]);
    // Every file is checked before any is linked, so a failed check leaves the output folder empty.
    let restamped = false;
    for (const [, file, hash, recorded] of entries) {
      const stamp = fileStamp(file);
      if (!options.verify && stamp && recorded[hash] === stamp) continue;
      let sound = false;
      try {
        sound = sha256(readFileSync(file)) === hash;
      } catch {}
      this.checked++;
      if (!sound) {
        this.rejected++;
        rmSync(file, { force: true });
        return undefined;
      }
      // Found sound: its stamp now vouches for it, for the builds after this one.
      if (stamp && recorded[hash] !== stamp) {
        recorded[hash] = stamp;
        restamped = true;
      }
    }
    const folders = new Set<string>();
    for (const [name, file] of entries) {
      const target = path.join(outputDir, ...name.split("/"));
      const folder = path.dirname(target);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      place(file, target);
    }
    if (restamped) this.writeManifest(manifest.key, (write) => write(manifest.body), stamps);
    const { files: _files, keptPages: _keptPages, ...snapshot } = body;
    return snapshot;
  }

  /**
   * Keeps every file of the site in `outputDir` under `key`, with what the build reported; removes the last entry's other files.
   * The pages the page cache keeps (`options.keptPages`) are named, not linked here again; every other file is hashed and
   * linked here, unless its hash is given (`options.knownHashes`). A wrong hash cannot be published: `restore` checks
   * every file against its hash before it links any, by its stamp when one was recorded.
   */
  async save(key: string, outputDir: string, snapshot: SnapshotToKeep, options: SaveOptions = {}): Promise<void> {
    return (await this.keep(outputDir, options)).save(key, snapshot);
  }

  /**
   * `save` in two steps: this one hashes and links the files of `outputDir`, but for those under the top-level entries
   * `options.later` accepts, which may still be being written (the search index's folder while its last slices are
   * joined); the step it returns takes those, then writes the entry and removes the last entry's other files. Until that
   * step the last entry stands, whatever becomes of this build: the files linked before are kept under their content
   * hash alone, and the next entry removes those it does not name.
   */
  async keep(outputDir: string, options: KeepOptions = {}): Promise<SiteToKeep> {
    const { keptPages, knownHashes, later } = options;
    // What the last entry recorded, for the files this one keeps again: a stamp still vouches for what it did.
    const previous = this.readManifest();
    const before = previous ? stampsOf(previous) : { files: {}, pages: {} };
    const stamps: Stamps = { files: {}, pages: {} };
    // A file of the same content is already kept: its stamp from the last entry, if any, else it is read when next used.
    const keptBefore = (hash: string) => {
      const stamp = before.files[hash];
      if (stamp && !(hash in stamps.files)) stamps.files[hash] = stamp;
    };
    const kept: Array<[name: string, hash: string]> = [];
    // The files already kept, read once per folder instead of a stat per output file (65,000 at N = 5000).
    const present = new Map<string, Set<string>>();
    const keptIn = (prefix: string) => {
      let names = present.get(prefix);
      if (!names) {
        const folder = this.filesDir + path.sep + prefix;
        try {
          names = new Set(readdirSync(folder));
        } catch {
          mkdirSync(folder, { recursive: true });
          names = new Set();
        }
        present.set(prefix, names);
      }
      return names;
    };
    const names: string[] = [];
    const hashes: string[] = [];
    const sourceOf = (name: string) => outputDir + path.sep + (path.sep === "/" ? name : name.split("/").join(path.sep));
    /** Keeps the files `listed` (site-relative paths); `hashed` gives the hashes of some, read from them this build. */
    const add = async (listed: readonly string[], hashed?: ReadonlyMap<string, string>) => {
      const from = names.length;
      for (const name of listed) {
        const page = this.pagesDir === undefined ? undefined : keptPages?.get(name);
        if (page === undefined) names.push(name);
        else {
          kept.push([name, page]);
          const stamp = options.keptPageStamps?.get(page);
          if (stamp) stamps.pages[page] = stamp;
        }
      }
      const added = names.slice(from);
      const given = (name: string) => knownHashes?.get(name) ?? hashed?.get(name);
      const read = await hashFiles(added.flatMap((name) => (given(name) === undefined ? [sourceOf(name)] : [])));
      let next = 0;
      for (const name of added) hashes.push(given(name) ?? read[next++]!);
      read.length = 0;
      for (let i = from; i < names.length; i++) {
        const name = names[i]!;
        const source = sourceOf(name);
        const hash = hashes[i]!;
        const prefix = hash.slice(0, 2);
        const keptHere = keptIn(prefix);
        if (keptHere.has(hash)) {
          keptBefore(hash);
          continue;
        }
        keptHere.add(hash);
        const cached = this.contentFile(hash);
        // A hard link is whole or absent, so it goes straight to its name; a copy (another file system) is renamed into place.
        try {
          linkSync(source, cached);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "EEXIST") {
            keptBefore(hash);
            continue;
          }
          const temporary = `${cached}.${process.pid}.tmp`;
          copyFileSync(source, temporary);
          renameSync(temporary, cached);
        }
        // Hashed from these very bytes in this build (here, or by the search cache: `hashed`); a hash given as known
        // (the cards') is not vouched for until a restore has read the file.
        if (!knownHashes?.has(name)) {
          const stamp = fileStamp(cached);
          if (stamp) stamps.files[hash] = stamp;
        }
      }
    };
    await add(filesUnder(outputDir, later && ((name) => !later(name))));
    return {
      save: async (key, snapshot, saving = {}) => {
        if (later) {
          await add(filesUnder(outputDir, later), saving.hashed);
          // Listed as one walk over the whole folder lists them, as an entry kept in one step is.
          inWalkOrder(names, hashes);
          kept.sort(([a], [b]) => compareNames(a, b));
        }
        // Body's fields, the long ones written an entry at a time.
        const { plan, ...rest } = snapshot;
        this.writeManifest(
          key,
          (write) => {
            const planEntries = plan instanceof OutputPlan ? { files: plan.fileEntries(), folders: plan.folderEntries() } : plan;
            write(JSON.stringify(rest).slice(0, -1));
            write(',"plan":{"files":[');
            writeJoined(write, planEntries.files, (entry) => JSON.stringify(entry));
            write(`],"folders":${JSON.stringify(planEntries.folders)}},"files":{`);
            writeJoined(write, names.entries(), ([i, name]) => `${JSON.stringify(name)}:"${hashes[i]}"`);
            write('},"keptPages":{');
            writeJoined(write, kept, ([name, hash]) => `${JSON.stringify(name)}:"${hash}"`);
            write("}}");
          },
          stamps,
        );
        const inFolder = new Set(hashes);
        for (const folder of sortedEntries(this.filesDir)) {
          if (!folder.isDirectory()) continue;
          const full = path.join(this.filesDir, folder.name);
          for (const name of present.get(folder.name) ?? readdirSync(full)) if (!inFolder.has(name)) rmSync(path.join(full, name), { force: true });
        }
      },
    };
  }
}

/** What `filesUnder` sorts by: UTF-16 code units, as Array.prototype.sort compares strings. */
const compareNames = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts `names` as `filesUnder` does, and `hashes` (one per name) with them. */
function inWalkOrder(names: string[], hashes: string[]): void {
  const order = names.map((_, i) => i).sort((a, b) => compareNames(names[a]!, names[b]!));
  const sortedNames = order.map((i) => names[i]!);
  const sortedHashes = order.map((i) => hashes[i]!);
  // Assigned one by one: spread into splice, the 650,000 names of a 50,000-document site would overflow the stack.
  sortedNames.forEach((name, i) => {
    names[i] = name;
    hashes[i] = sortedHashes[i]!;
  });
}

/** `save`'s last step (SiteCache.keep): the files left for later, then the entry under `key`. */
export interface SiteToKeep {
  /**
   * `options.hashed`: site-relative path → SHA-256 of files left for later, read from those files in this build (the
   * search cache's, as it kept the index): taken instead of reading them again, and stamped like the files read here.
   */
  save(key: string, snapshot: SnapshotToKeep, options?: { hashed?: ReadonlyMap<string, string> }): Promise<void>;
}

/** What `save` keeps: a snapshot, whose plan may be the plan itself (written out an entry at a time). */
export type SnapshotToKeep = Omit<SiteSnapshot, "plan"> & { plan: PlanEntries | OutputPlan };

/** `stamps` as JSON text (what JSON.stringify writes), given to `write` a record's entry at a time. */
function writeJsonRecordsOf(stamps: Stamps, write: (text: string) => void): void {
  const entry = (record: Record<string, string>) => (hash: string) => `${JSON.stringify(hash)}:${JSON.stringify(record[hash])}`;
  write('{"files":{');
  writeJoined(write, Object.keys(stamps.files), entry(stamps.files));
  write('},"pages":{');
  writeJoined(write, Object.keys(stamps.pages), entry(stamps.pages));
  write("}}");
}

/** Hashes by absolute file under `outputDir`, keyed instead by site-relative path (forward slashes), as `save` takes them. */
export function bySitePath(hashes: Iterable<readonly [string, string]>, outputDir: string): Map<string, string> {
  const relative = new Map<string, string>();
  for (const [file, hash] of hashes) relative.set(path.relative(outputDir, file).split(path.sep).join("/"), hash);
  return relative;
}

/** The folder of the whole-site cache under a project's root. */
export function siteCacheDir(root: string): string {
  return path.join(root, ".cache", "lysark", "site");
}

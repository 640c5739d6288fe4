/**
 * Pass 1's part of the build cache (.cache/lysark/documents/): each document's
 * result (its record: metadata, rendered body, assets; and its problems,
 * warnings included) keyed by a hash of the file's bytes, its path and the
 * content build code (./build-code.ts). A warm build reads a document's bytes
 * and this entry instead of parsing, validating and rendering it again.
 *
 * An entry carries a hash of its own payload and the code it was written by:
 * a truncated, corrupt or stale entry is counted, removed and the document
 * loaded again, never used. Only documents without errors are kept (a failing
 * document costs a parse each build, and its messages may name files it could
 * not find); one that shows images or brings attachments is kept with a hash
 * of each of those files, checked before the entry is used.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Problem } from "./problems.ts";
import { isRunning } from "./temporary-files.ts";
import { bodySound, type BodyRef } from "./body-store.ts";

/**
 * The shape of a document task's result (DocumentTaskResult in ./load.ts) that
 * the cache needs, named here so the loader can import the cache without a cycle.
 */
export interface CachedResult {
  problems: Problem[];
  record: { assets: { images: Array<{ source: string }>; attachments: Array<{ source: string }> }; sourceHash?: string; bodyRef?: BodyRef } | undefined;
}

interface Dependency {
  /** Absolute realpath of an image or attachment the record describes. */
  source: string;
  sha256: string;
}

interface Payload {
  result: CachedResult;
  dependencies: Dependency[];
}

/**
 * An entry file's first line: what wrote it and a hash of the rest of the file,
 * the payload as JSON (kept apart so the payload is written and parsed once,
 * not escaped again inside the header).
 */
interface Header {
  code: string;
  file: string;
  integrity: string;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

function fileHash(file: string): string | undefined {
  try {
    return sha256(readFileSync(file));
  } catch {
    return undefined;
  }
}

function dependenciesOf(record: NonNullable<CachedResult["record"]>): Dependency[] | undefined {
  const sources = [...new Set([...record.assets.images.map((image) => image.source), ...record.assets.attachments.map((attachment) => attachment.source)])];
  const dependencies: Dependency[] = [];
  for (const source of sources.sort()) {
    const hash = fileHash(source);
    if (hash === undefined) return undefined;
    dependencies.push({ source, sha256: hash });
  }
  return dependencies;
}

export interface CacheLookup<R extends CachedResult> {
  /** The cached result, when a sound entry for these bytes exists. */
  result: R | undefined;
  /** Keeps a freshly loaded result for the next build. */
  store(result: R): void;
}

export class DocumentCache {
  /** Documents taken from the cache, loaded afresh, and entries found unsound (corrupt, truncated, stale) in this run. */
  hits = 0;
  misses = 0;
  rejected = 0;
  private readonly used = new Set<string>();
  /** Names of the body files (./body-store.ts) the used entries point at. */
  private readonly usedBodies = new Set<string>();
  private written = 0;

  /**
   * `dir` is the cache folder (.cache/lysark/documents), `code` the content build code;
   * `bodyDir` (.cache/lysark/bodies) holds the rendered bodies the entries point at.
   */
  constructor(
    readonly dir: string,
    readonly code: string,
    readonly bodyDir?: string,
  ) {}

  private useBody(result: CachedResult): void {
    const ref = result.record?.bodyRef;
    if (ref && "file" in ref) this.usedBodies.add(path.basename(ref.file));
  }

  private entryFile(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The entry for `task`'s file as it is now on disk; read the bytes once, here. */
  lookup<R extends CachedResult>(task: { root: string; file: string }): CacheLookup<R> {
    const file = path.relative(task.root, task.file).split(path.sep).join("/");
    let bytes: Buffer;
    try {
      bytes = readFileSync(task.file);
    } catch {
      // Loading reports the problem; nothing to keep.
      this.misses++;
      return { result: undefined, store: () => {} };
    }
    // Hashed in two updates rather than over a concatenated copy of the file's bytes: the same digest.
    const key = createHash("sha256").update(`${this.code}\0${file}\0`).update(bytes).digest("hex");
    this.used.add(key);
    const entryFile = this.entryFile(key);
    const result = this.read(entryFile, file) as R | undefined;
    if (result) {
      this.hits++;
      this.useBody(result);
      return { result, store: () => {} };
    }
    this.misses++;
    return {
      result: undefined,
      store: (fresh) => {
        this.useBody(fresh);
        this.write(key, entryFile, file, fresh);
      },
    };
  }

  private read(entryFile: string, file: string): CachedResult | undefined {
    let text: string;
    try {
      text = readFileSync(entryFile, "utf8");
    } catch {
      return undefined;
    }
    try {
      const newline = text.indexOf("\n");
      const header = JSON.parse(text.slice(0, newline)) as Header;
      const body = text.slice(newline + 1);
      if (newline < 0 || header.code !== this.code || header.file !== file || sha256(body) !== header.integrity) throw new Error("unsound entry");
      const payload = JSON.parse(body) as Payload;
      // An image or attachment changed since: load the document again.
      if (payload.dependencies.some((dependency) => fileHash(dependency.source) !== dependency.sha256)) return undefined;
      // The rendered body is a file of its own: missing or damaged, the entry is unsound and the document loaded again.
      const bodyRef = payload.result.record?.bodyRef;
      if (bodyRef && !bodySound(bodyRef)) {
        if ("file" in bodyRef) rmSync(bodyRef.file, { force: true });
        throw new Error("unsound body");
      }
      return payload.result;
    } catch {
      this.rejected++;
      rmSync(entryFile, { force: true });
      return undefined;
    }
  }

  private write(key: string, entryFile: string, file: string, result: CachedResult): void {
    if (!result.record || result.problems.some((problem) => problem.severity === "error")) return;
    const dependencies = dependenciesOf(result.record);
    if (!dependencies) return;
    // Names everything the record was made from, so the page cache can stand it for the whole record.
    result.record.sourceHash = sha256(`${key}\0${JSON.stringify(dependencies)}`);
    const payload = JSON.stringify({ result, dependencies } satisfies Payload);
    const header: Header = { code: this.code, file, integrity: sha256(payload) };
    mkdirSync(path.dirname(entryFile), { recursive: true });
    // Written beside and renamed, so a killed build leaves no half entry under the real name.
    const temporary = `${entryFile}.${process.pid}.${this.written++}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(header)}\n${payload}`);
    renameSync(temporary, entryFile);
  }

  /** Removes every entry this run did not use (older versions of documents, other build code), and the bodies only they named. */
  prune(): number {
    let removed = 0;
    if (this.bodyDir) {
      let names: string[] = [];
      try {
        names = readdirSync(this.bodyDir);
      } catch {
        // No bodies kept yet.
      }
      for (const name of names) {
        const temporary = /\.(\d+)\.[a-z0-9]+\.tmp$/.exec(name);
        if (temporary ? Number(temporary[1]) !== process.pid && !isRunning(Number(temporary[1])) : !this.usedBodies.has(name)) {
          rmSync(path.join(this.bodyDir, name), { force: true });
          removed++;
        }
      }
    }
    let folders: string[];
    try {
      folders = readdirSync(this.dir);
    } catch {
      return 0;
    }
    for (const folder of folders) {
      const folderPath = path.join(this.dir, folder);
      let names: string[];
      try {
        names = readdirSync(folderPath);
      } catch {
        continue;
      }
      for (const name of names) {
        const temporary = /\.(\d+)\.\d+\.tmp$/.exec(name);
        if (temporary ? Number(temporary[1]) !== process.pid && !isRunning(Number(temporary[1])) : !this.used.has(name.replace(/\.json$/, ""))) {
          rmSync(path.join(folderPath, name), { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}

/** The folder of the document cache under a project's root. */
export function documentCacheDir(root: string): string {
  return path.join(root, ".cache", "lysark", "documents");
}

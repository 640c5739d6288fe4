/**
 * A folder kept in the build cache: its files hard-linked (copied across file
 * systems) under `files/`, with a manifest naming each file's SHA-256 and the
 * manifest's own hash. The search index's cache (../build/search-cache.ts) keeps
 * the last Pagefind folder this way, the slices' cache (./slices.ts) each slice's.
 * A kept folder is only handed out when its manifest and every file check out,
 * so a damaged one is made again, never published.
 */
import { createHash } from "node:crypto";
import { copyFileSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { filesUnderIfPresent } from "../content/files-under.ts";

const MANIFEST = "manifest.json";
const FILES = "files";

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

interface Manifest {
  integrity: string;
  /** JSON text: `{ note, files: { relative path: sha256 } }` (what `integrity` hashes). */
  body: string;
}

interface ManifestBody<Note> {
  /** What the keeper wants back with the folder (the search cache its key, a slice its word count). */
  note: Note;
  files: Record<string, string>;
}

/** A hard link, or a copy where the two folders are on different file systems. */
export function place(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/**
 * Keeps the files of `source` as `entry`, with `note`: written beside it and renamed into place, so an entry is
 * whole or absent. When another build replaced `entry` meanwhile, theirs is kept. Returns each file's SHA-256
 * (path relative to `source`, forward slashes), read from the file itself.
 */
export function keepFolder<Note>(source: string, entry: string, note: Note): Record<string, string> {
  const fresh = `${entry}.${process.pid}.tmp`;
  rmSync(fresh, { recursive: true, force: true });
  const files: Record<string, string> = {};
  try {
    // None from a missing folder: a site with no records has no index.
    for (const file of filesUnderIfPresent(source)) {
      place(path.join(source, file), path.join(fresh, FILES, file));
      files[file] = sha256(readFileSync(path.join(source, file)));
    }
    mkdirSync(fresh, { recursive: true });
    const body = JSON.stringify({ note, files } satisfies ManifestBody<Note>);
    writeFileSync(path.join(fresh, MANIFEST), JSON.stringify({ integrity: sha256(body), body } satisfies Manifest));
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    throw error;
  }
  try {
    rmSync(entry, { recursive: true, force: true });
    renameSync(fresh, entry);
  } catch {
    rmSync(fresh, { recursive: true, force: true });
  }
  return files;
}

/**
 * The note and files of the folder kept as `entry` (with each file's SHA-256, each read and checked here) when its
 * manifest is sound, `accept` takes its note, and every file is sound; undefined otherwise. `accept` is asked
 * first, so an entry of other inputs is not read.
 */
export function keptFolder<Note>(
  entry: string,
  accept: (note: Note) => boolean = () => true,
): { note: Note; files: string[]; hashes: Record<string, string> } | undefined {
  try {
    const manifest = JSON.parse(readFileSync(path.join(entry, MANIFEST), "utf8")) as Manifest;
    if (sha256(manifest.body) !== manifest.integrity) return undefined;
    const body = JSON.parse(manifest.body) as ManifestBody<Note>;
    if (!accept(body.note)) return undefined;
    for (const [file, hash] of Object.entries(body.files)) if (sha256(readFileSync(path.join(entry, FILES, file))) !== hash) return undefined;
    return { note: body.note, files: Object.keys(body.files), hashes: body.files };
  } catch {
    return undefined;
  }
}

/** Links the files of a sound kept folder (`keptFolder`'s) into `target`. */
export function placeKept(entry: string, files: readonly string[], target: string): void {
  for (const file of files) place(path.join(entry, FILES, file), path.join(target, file));
}

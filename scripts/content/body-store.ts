/**
 * Where a document's rendered body lives after pass 1. The body (slides' and
 * sections' HTML, their plain text) is most of a document's weight, and the
 * main thread needs it only while it renders that document's pages or builds
 * its search record; so a build writes it to disk from pass 1 (a worker or the
 * main thread), named by the SHA-256 of its JSON, and the loaded document keeps
 * its outline (anchors, links, images) and a reference. The dev server
 * and small callers keep the body in memory instead (`{ kept }`).
 *
 * Build with the cache: `.cache/lysark/bodies/` (checked and pruned by the
 * document cache); `--no-cache`: a folder beside the staging folder, removed
 * with it.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BodyPart, RenderedBody } from "./markdown.ts";

/** What the main thread keeps of a part: its place and anchor (links and key figures point at them); no titles, HTML or text. */
export type PartOutline = Pick<BodyPart, "n" | "anchor" | "empty">;

/** What the main thread keeps of a rendered body: enough for links, anchors and key figures (the pages read the full body). */
export type BodyOutline = Omit<RenderedBody, "preambleHtml" | "parts"> & { parts: PartOutline[] };

/**
 * One frozen object for each outline part seen in a load (`slide-3`, with text), shared by every document that has
 * it: each document's parts came from its worker as objects and strings of their own, 257,000 of them (20 MiB of the
 * main thread's heap) at N = 20,000, where a document has about thirteen parts and most are alike.
 */
export class SharedOutlineParts {
  private readonly known = new Map<string, PartOutline>();

  /** `parts` with each part replaced by the shared one of the same place, anchor and emptiness. */
  share(parts: readonly PartOutline[]): PartOutline[] {
    return parts.map((part) => {
      const key = `${part.n}\0${part.anchor}\0${part.empty}`;
      let shared = this.known.get(key);
      if (!shared) this.known.set(key, (shared = Object.freeze({ n: part.n, anchor: part.anchor, empty: part.empty })));
      return shared;
    });
  }
}

/** The full body: kept in memory, a file named by the hash of its content, or not kept at all (a check renders no page). */
export type BodyRef = { kept: RenderedBody } | { file: string; sha256: string } | { dropped: true };

/** The reference of a body loaded for its checks only (LoadOptions.outlineOnly). */
export const DROPPED_BODY: BodyRef = Object.freeze({ dropped: true as const });

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

export function outlineOf(body: RenderedBody): BodyOutline {
  const { preambleHtml: _preamble, parts, ...rest } = body;
  return { ...rest, parts: parts.map(({ n, anchor, empty }) => ({ n, anchor, empty })) };
}

/** Writes `body` into `dir` (once per content) and returns its reference. */
export function writeBody(dir: string, body: RenderedBody): BodyRef {
  const json = JSON.stringify(body);
  const hash = sha256(json);
  const file = path.join(dir, `${hash}.json`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // Written beside and renamed: two workers writing the same body, or a killed build, never leave half a file under the name.
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temporary, json);
    renameSync(temporary, file);
  }
  return { file, sha256: hash };
}

/** True when the body file of `ref` is there and has the content its name says. */
export function bodySound(ref: BodyRef): boolean {
  if ("kept" in ref) return true;
  if ("dropped" in ref) return false;
  try {
    return sha256(readFileSync(ref.file)) === ref.sha256;
  } catch {
    return false;
  }
}

export class BodyReadError extends Error {}

/** The full body of a loaded document, read back from disk when it is not kept. */
export function readBody(document: { file: string; bodyRef: BodyRef }): RenderedBody {
  const { bodyRef } = document;
  if ("kept" in bodyRef) return bodyRef.kept;
  if ("dropped" in bodyRef) throw new BodyReadError(`${document.file}: its body was loaded for its checks only (outlineOnly), so there is none to read.`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(bodyRef.file);
  } catch (error) {
    throw new BodyReadError(
      `${document.file}: its rendered body ${bodyRef.file} is gone (${(error as Error).message}). Build again; with the cache, remove .cache/lysark/ first.`,
    );
  }
  // Checked again here: the file was sound when pass 1 or the cache lookup vouched for it, and nothing unsound is published.
  // The bytes read are hashed, not the text made of them: encoding a body's text again for its hash was a fifth of reading it.
  if (sha256(bytes) !== bodyRef.sha256) {
    throw new BodyReadError(`${document.file}: its rendered body ${bodyRef.file} was changed during the build. Build again.`);
  }
  return JSON.parse(bytes.toString("utf8")) as RenderedBody;
}

/** The folder of the bodies kept by the build cache under a project's root. */
export function bodyCacheDir(root: string): string {
  return path.join(root, ".cache", "lysark", "bodies");
}

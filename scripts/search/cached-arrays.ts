/**
 * Typed arrays kept in a cache file, used straight from its bytes: the
 * dictionaries' word lists (dictionaries.ts) and their entries' suffix flags
 * (inflections.ts), made once from an installed package and read by later
 * builds without parsing it.
 *
 * A file is a header (a magic of its kind, its format, the arrays' lengths,
 * the key it was made from, a SHA-256 of the payload), then the arrays as they
 * lie in memory, the 32-bit ones first so that every array is aligned. A file
 * is kept in several places at once (the project's `.cache/lysark/`, and
 * `node_modules/.cache/` of the install the packages came from): a build takes
 * the first sound one, and writes it where it was missing.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";

/** The arrays' kinds, in the order they are kept: every Uint32Array before any Uint16Array. */
export type ArrayKind = typeof Uint32Array | typeof Uint16Array;
type Arrays = Array<Uint32Array | Uint16Array>;

const MAX_ARRAYS = 8;
/** Magic (8 bytes), format, the arrays' count and lengths, then the key and the payload's SHA-256 (32 bytes each). */
const KEY_AT = 16 + MAX_ARRAYS * 4;
const HASH_AT = KEY_AT + 32;
const HEADER_BYTES = HASH_AT + 32;

/** The file's bytes for `arrays`, made from `key` (32 bytes). */
export function arraysFileBytes(magic: string, format: number, key: Buffer, arrays: Arrays): Buffer {
  if (arrays.length > MAX_ARRAYS || Buffer.byteLength(magic) !== 8 || key.length !== 32) throw new Error("cached-arrays: bad layout");
  const payload = Buffer.concat(arrays.map((array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength)));
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(magic, 0, "latin1");
  header.writeUInt32LE(format, 8);
  header.writeUInt32LE(arrays.length, 12);
  for (const [i, array] of arrays.entries()) header.writeUInt32LE(array.length, 16 + i * 4);
  key.copy(header, KEY_AT);
  createHash("sha256").update(payload).digest().copy(header, HASH_AT);
  return Buffer.concat([header, payload]);
}

/** The arrays of `bytes` when they are a sound file of this magic and format made from `key`, with arrays of `kinds`; undefined otherwise. */
export function readArraysFile(bytes: Buffer, magic: string, format: number, key: Buffer, kinds: readonly ArrayKind[]): Arrays | undefined {
  if (bytes.length < HEADER_BYTES || bytes.toString("latin1", 0, 8) !== magic || bytes.readUInt32LE(8) !== format) return undefined;
  if (bytes.readUInt32LE(12) !== kinds.length || !bytes.subarray(KEY_AT, HASH_AT).equals(key)) return undefined;
  const lengths = kinds.map((_, i) => bytes.readUInt32LE(16 + i * 4));
  const size = kinds.reduce((sum, kind, i) => sum + kind.BYTES_PER_ELEMENT * lengths[i]!, 0);
  if (bytes.length !== HEADER_BYTES + size) return undefined;
  const payload = bytes.subarray(HEADER_BYTES);
  if (!createHash("sha256").update(payload).digest().equals(bytes.subarray(HASH_AT, HEADER_BYTES))) return undefined;
  // Typed arrays need aligned offsets; a file read whole starts its own buffer, but make sure.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  let offset = aligned.byteOffset + HEADER_BYTES;
  return kinds.map((Kind, i) => {
    const array = new Kind(aligned.buffer as ArrayBuffer, offset, lengths[i]);
    offset += array.byteLength;
    return array;
  });
}

/** How a value was had: from one of its cache files, or made (and then written into them). */
export type CachedSource = "cache" | "made";

/**
 * The value kept in the first of `files` that `read` accepts; `make`'s otherwise. A file before the one read, and
 * every file when the value was made, is (re)written beside and renamed into place: a file that cannot be written
 * costs a later build time, never this one's result.
 */
export function cachedInFiles<T>(
  files: readonly string[],
  read: (bytes: Buffer) => T | undefined,
  make: () => T,
  bytesOf: (value: T) => Buffer,
): { value: T; source: CachedSource } {
  for (const [i, file] of files.entries()) {
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(file);
    } catch {
      // Not kept there yet.
    }
    const value = bytes && read(bytes);
    if (value === undefined) continue;
    if (i > 0) writeEach(files.slice(0, i), bytes!);
    return { value, source: "cache" };
  }
  const value = make();
  if (files.length) writeEach(files, bytesOf(value));
  return { value, source: "made" };
}

function writeEach(files: readonly string[], bytes: Buffer): void {
  for (const file of files) {
    // Named by the thread too: the cache of an install is shared, and two threads of one process may write one file.
    const temporary = `${file}.${process.pid}-${threadId}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(temporary, bytes);
      renameSync(temporary, file);
    } catch {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Its folder is not one (a file stands there): nothing was written.
      }
    }
  }
}

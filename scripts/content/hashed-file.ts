/**
 * A file written a piece at a time while its SHA-256 is taken, for a text too large to hold whole: the whole-site
 * cache's manifest (../build/site-cache.ts) and the key-figure downloads and sitemap (../render/pages.ts), each tens
 * of megabytes at N = 20,000.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";

/** Bytes a buffer holds before they are hashed and written: what the joined pieces were flushed at before. */
const BUFFER_BYTES = 65536;
/** Buffers of closed files, for the next file: 1,240 key-figure downloads at N = 5000 are written one after another. */
const spareBuffers: Buffer[] = [];
const MAX_SPARE_BUFFERS = 4;

/** A UTF-16 code unit that starts a surrogate pair: its letter is only whole with the next unit. */
const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

/**
 * A file written a piece at a time with a SHA-256 of what was written since the last `digest` (or `rehash`, which
 * starts it over from a given text without writing that text). Each piece is encoded straight into one buffer of
 * BUFFER_BYTES, hashed and written when full: joining the pieces and encoding the joined text into a new buffer
 * took 2.5 times as long for the downloads' 1.4 million rows (docs/performance-log.md, thirty-third session).
 */
export class HashedFile {
  private readonly fd: number;
  private hash = createHash("sha256");
  private buffer = spareBuffers.pop() ?? Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  /** The first half of a surrogate pair that ended the last piece: encoded with the next, as in the joined text. */
  private carried = "";

  constructor(file: string) {
    this.fd = openSync(file, "w");
  }

  readonly write = (piece: string): void => {
    let text = this.carried ? this.carried + piece : piece;
    this.carried = "";
    if (text.length > 0 && isHighSurrogate(text.charCodeAt(text.length - 1))) {
      this.carried = text.slice(-1);
      text = text.slice(0, -1);
    }
    // A UTF-16 code unit is at most three bytes of UTF-8 (a pair, two units, is four).
    if (this.used + text.length * 3 > this.buffer.length) {
      this.flush();
      if (text.length * 3 > this.buffer.length) {
        this.put(Buffer.from(text));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used);
  };

  digest(): string {
    this.flushAll();
    const hex = this.hash.digest("hex");
    this.hash = createHash("sha256");
    return hex;
  }

  rehash(prefix: string): void {
    this.flushAll();
    this.hash = createHash("sha256").update(prefix);
  }

  close(): void {
    try {
      this.flushAll();
    } finally {
      closeSync(this.fd);
      if (this.buffer.length === BUFFER_BYTES && spareBuffers.length < MAX_SPARE_BUFFERS) spareBuffers.push(this.buffer);
      this.buffer = Buffer.alloc(0);
    }
  }

  /** Everything written so far, a half pair at the end included (written as the joined text would end). */
  private flushAll(): void {
    if (this.carried) {
      const last = this.carried;
      this.carried = "";
      this.flush();
      this.put(Buffer.from(last));
    }
    this.flush();
  }

  private flush(): void {
    if (this.used === 0) return;
    const bytes = this.buffer.subarray(0, this.used);
    this.used = 0;
    this.put(bytes);
  }

  private put(bytes: Buffer): void {
    this.hash.update(bytes);
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written);
  }
}

/** The buffer encodeUtf8 reuses: a document page is about 200 KB of UTF-8 at most, a rare larger text gets its own. */
const SHARED_ENCODING_BYTES = 1 << 20;
let sharedEncoding: Buffer | undefined;

/**
 * `text` as UTF-8, in a buffer this module reuses: valid only until the next call, so it is written and hashed
 * before anything else encodes. One encoding for a page's file and its hash instead of one for each, and no new
 * buffer per page (docs/performance-log.md, thirty-third session).
 */
export function encodeUtf8(text: string): Buffer {
  // A UTF-16 code unit is at most three bytes of UTF-8.
  const most = text.length * 3;
  if (most > SHARED_ENCODING_BYTES) return Buffer.from(text);
  sharedEncoding ??= Buffer.allocUnsafe(SHARED_ENCODING_BYTES);
  return sharedEncoding.subarray(0, sharedEncoding.write(text, 0));
}

/** The text of each of `items` given to `write`, with commas between: the entries of a JSON array or object. */
export function writeJoined<T>(write: (text: string) => void, items: Iterable<T>, text: (item: T) => string): void {
  let first = true;
  for (const item of items) {
    write(first ? text(item) : `,${text(item)}`);
    first = false;
  }
}

/** Writes `pieces` into `file` and returns the SHA-256 (hex) of the bytes written, as sha256 of the joined text would be. */
export function writePieces(file: string, pieces: Iterable<string>): string {
  const out = new HashedFile(file);
  try {
    for (const piece of pieces) out.write(piece);
    return out.digest();
  } finally {
    out.close();
  }
}

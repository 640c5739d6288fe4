/**
 * A file written a piece at a time while its SHA-256 is taken, for a text too large to hold whole: the whole-site
 * cache's manifest (../build/site-cache.ts) and the key-figure downloads and sitemap (../render/pages.ts), each tens
 * of megabytes at N = 20,000.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";

/**
 * A file written a piece at a time, in pieces of about 64 KiB, with a SHA-256 of what was written since the last
 * `digest` (or `rehash`, which starts it over from a given text without writing that text).
 */
export class HashedFile {
  private readonly fd: number;
  private hash = createHash("sha256");
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(file: string) {
    this.fd = openSync(file, "w");
  }

  readonly write = (text: string): void => {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= 65536) this.flush();
  };

  digest(): string {
    this.flush();
    const hex = this.hash.digest("hex");
    this.hash = createHash("sha256");
    return hex;
  }

  rehash(prefix: string): void {
    this.flush();
    this.hash = createHash("sha256").update(prefix);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.pendingLength === 0) return;
    const bytes = Buffer.from(this.pending.join(""));
    this.pending = [];
    this.pendingLength = 0;
    this.hash.update(bytes);
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written);
  }
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

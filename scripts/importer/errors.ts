/**
 * The one error type the importer throws for bad input. It always names the
 * file and, where there is one, a concrete fix the editor can apply.
 */
export type ImportErrorCode =
  | "empty"
  | "binary"
  | "encoding"
  | "no-slides"
  | "amp"
  | "publisher"
  | "exists"
  | "io"
  | "usage"
  | "protected"
  | "legacy"
  | "corrupt"
  | "zip-bomb"
  | "macros"
  | "embedded"
  | "too-large"
  | "scanned"
  | "alt-text"
  | "unsupported";

export class ImportError extends Error {
  readonly file: string;
  readonly code: ImportErrorCode;
  readonly fix: string | undefined;

  constructor(file: string, code: ImportErrorCode, message: string, fix?: string) {
    super(message);
    this.name = "ImportError";
    this.file = file;
    this.code = code;
    this.fix = fix;
  }

  /** "file: message\n  fix: …" — what the CLI prints. */
  format(): string {
    const head = this.file ? `${this.file}: ${this.message}` : this.message;
    return this.fix ? `${head}\n  fix: ${this.fix}` : head;
  }
}

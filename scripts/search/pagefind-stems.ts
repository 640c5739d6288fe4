/**
 * Stems as Pagefind 1.6 makes them, asked of Pagefind itself. Its Snowball stemmers
 * are not the snowball-stemmers package's: Pagefind's Norwegian keeps "tvers",
 * "hovers", "kapers" and "toppers" whole, where the package (and Snowball 2.2, whose
 * source Pagefind's repository holds) takes "ers" or "s" off, and no rule found
 * explains which words it keeps (docs/search.md, "An index writer of Lysark's own").
 * An index that stems otherwise than the search page's WebAssembly does would miss
 * words, so the writer (index-page.ts) takes each stem from Pagefind: the words go
 * into one page of an index of their own, one word a position, and each position's
 * word in the index is that word's stem. The index written the first time also gives
 * the bundle Pagefind's library and WebAssembly.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { removeStaleFolders } from "../content/temporary-files.ts";
import { arrayItems, cborHead, readPagefindFile, stringAt } from "./chunks.ts";
import { withoutDiacritics } from "./index-page.ts";
import type { Stemmer } from "./inflections.ts";
import { escapeHtml } from "./records.ts";

type Pagefind = typeof import("pagefind");

/** Letters and digits only: Pagefind indexes such a word as one word (no parts, nothing dropped), so its stem is the one word at its place. */
const PLAIN_WORD = /^[\p{Alphabetic}\p{N}]+$/u;

/** Whether Pagefind can be asked for `word`'s stem (letters and digits, in lower case, with no diacritics to fold). */
export const stemmable = (word: string) => PLAIN_WORD.test(word) && word === word.toLowerCase() && withoutDiacritics(word) === undefined;

/** A character outside Unicode's basic plane (an emoji): two UTF-16 units to JavaScript, one character to Rust. */
const ASTRAL = /[\u{10000}-\u{10ffff}]/gu;
/** What stands in for one while a word is stemmed: a private-use character, which no stemmer takes for a vowel or a suffix. */
const STAND_IN = "\ue000";

/**
 * `stemmer`'s stem of `word`, each character counted once as Pagefind's (Rust) Snowball counts it: the JavaScript port
 * counts UTF-16 units, so "e😀e" lost its last "e" where Pagefind keeps it.
 */
function stemByCharacters(stemmer: Stemmer, word: string): string {
  const astral = word.match(ASTRAL);
  if (!astral || word.includes(STAND_IN)) return stemmer.stem(word);
  let next = 0;
  return stemmer.stem(word.replace(ASTRAL, STAND_IN)).replaceAll(STAND_IN, () => astral[next++]!);
}

/** The folders a PagefindStems makes: `<prefix><kind>-<pid>-…`. */
const FOLDER_KINDS = ["stems", "pagefind-library"];

/**
 * Whether `dir` is gone. Its removal fails (ENOTEMPTY) while a Pagefind process still writes into it: a writer process
 * whose build went away mid-request removed it, threw, and printed the stack as it exited. Such a folder carries this
 * process's id, and the next PagefindStems removes it once this process is gone (`removeStaleFolders`).
 */
function removed(dir: string): boolean {
  try {
    rmSync(dir, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}

/** What Pagefind writes besides the index: its library, worker and WebAssembly (and ready-made UIs, which the build drops). */
const isLibraryFile = (name: string) => !name.endsWith(".pf_meta") && name !== "pagefind-entry.json";

export class PagefindStems implements Stemmer {
  private readonly known = new Map<string, string>();
  /** A folder holding the library files of the first index written. */
  private library: string | undefined;
  /** The folder of the index being written, if any: `dispose` removes it when the process stops meanwhile. */
  private writing: string | undefined;
  private disposed = false;

  /**
   * @param pagefind Pagefind's module (a process of its own; the caller closes it)
   * @param language the bundle's one stemmer (forceLanguage)
   * @param fallback for words Pagefind cannot be asked about (`stemmable`): parts with dashes or quotes in them
   * @param folderPrefix what its folders' paths start with (the system's temporary folder unless given; the build's
   *   output folder was tried and left, docs/search.md)
   */
  constructor(
    private readonly pagefind: Pagefind,
    private readonly language: string,
    private readonly fallback: Stemmer | undefined,
    private readonly folderPrefix = path.join(os.tmpdir(), "lysark-"),
  ) {
    // A process stopped in the middle of a request left its folders: each carries its process's id.
    removeStaleFolders(
      path.dirname(folderPrefix),
      FOLDER_KINDS.map((kind) => `${path.basename(folderPrefix)}${kind}-`),
    );
  }

  stem(word: string): string {
    return this.known.get(word) ?? (this.fallback ? stemByCharacters(this.fallback, word) : word);
  }

  get size(): number {
    return this.known.size;
  }

  /** Asks Pagefind for the stems of `words` not yet known (one index of one page, whatever their number). */
  async add(words: Iterable<string>): Promise<void> {
    const list: string[] = [];
    for (const word of new Set(words)) if (!this.known.has(word) && stemmable(word)) list.push(word);
    if (!list.length && this.library) return;
    if (this.disposed) throw new Error("the stems' Pagefind index was asked for after it was disposed");
    const dir = mkdtempSync(`${this.folderPrefix}stems-${process.pid}-`);
    this.writing = dir;
    try {
      const { index, errors } = await this.pagefind.createIndex({ forceLanguage: this.language });
      if (!index) throw new Error(`Pagefind did not start: ${errors.join("; ")}`);
      // A last word not asked about: Pagefind ends a paragraph's last word with a full stop.
      const content = `<html lang="${escapeHtml(this.language)}"><body><p>${list.join(" ")} x</p></body></html>`;
      const added = await index.addHTMLFile({ url: "/", content });
      if (added.errors.length) throw new Error(`Pagefind could not read the words to stem: ${added.errors.join("; ")}`);
      const written = await index.writeFiles({ outputPath: dir });
      if (written.errors.length) throw new Error(`Pagefind could not write the words' index: ${written.errors.join("; ")}`);
      await index.deleteIndex();
      this.read(dir, list);
      // Not once disposed (the process stopping while Pagefind wrote): the folder would be left behind.
      if (!this.library && !this.disposed) {
        this.library = mkdtempSync(`${this.folderPrefix}pagefind-library-${process.pid}-`);
        for (const name of readdirSync(dir, { withFileTypes: true }))
          if (name.isFile() && isLibraryFile(name.name)) copyFileSync(path.join(dir, name.name), path.join(this.library, name.name));
      }
    } finally {
      // Left named for `dispose` when its Pagefind process still writes into it (the request failed as it was closed).
      if (removed(dir)) this.writing = undefined;
    }
  }

  /** The stem at each position of the one page indexed in `dir`: `list[position]`'s. */
  private read(dir: string, list: readonly string[]): void {
    const entry = JSON.parse(readFileSync(path.join(dir, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { hash: string }> };
    const meta = readPagefindFile(path.join(dir, `pagefind.${Object.values(entry.languages)[0]!.hash}.pf_meta`));
    // The metadata file: [version, pages, chunks, …]; a chunk: [from, to, hash].
    for (const [chunkAt] of arrayItems(meta, arrayItems(meta, 0)[2]![0])) {
      const bytes = readPagefindFile(path.join(dir, "index", `${stringAt(meta, arrayItems(meta, chunkAt)[2]![0])}.pf_index`));
      // A chunk: [[word, pages, variants]…]; the one page: [0, locations, metadata locations].
      for (const [wordAt] of arrayItems(bytes, arrayItems(bytes, 0)[0]![0])) {
        const [stemAt, pagesAt] = arrayItems(bytes, wordAt).map(([at]) => at);
        const stem = stringAt(bytes, stemAt!);
        for (const [pageAt] of arrayItems(bytes, pagesAt!)) {
          let position = -1;
          for (const [at] of arrayItems(bytes, arrayItems(bytes, pageAt)[1]![0])) {
            const item = cborHead(bytes, at);
            // A weight marker (negative), then the first position, then steps.
            if (item.type === 1) position = -1;
            else {
              position = position < 0 ? item.value : position + item.value;
              if (position < list.length) this.known.set(list[position]!, stem);
            }
          }
        }
      }
    }
  }

  /** Copies Pagefind's library, worker and WebAssembly into `dir` (asking Pagefind once if it was not yet). */
  async copyLibrary(dir: string): Promise<void> {
    if (!this.library) await this.add(["x"]);
    for (const name of readdirSync(this.library!)) copyFileSync(path.join(this.library!, name), path.join(dir, name));
  }

  /** Removes the library's folder, and the folder of an index being written. */
  dispose(): void {
    this.disposed = true;
    for (const dir of [this.library, this.writing]) if (dir) removed(dir);
    this.library = undefined;
    this.writing = undefined;
  }
}

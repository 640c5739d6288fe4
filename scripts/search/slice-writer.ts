/**
 * Writes slices of the search index with Lysark's writer (index-page.ts, index-writer.ts): one word table and one
 * Pagefind process (for the stems, pagefind-stems.ts) for every slice it writes, since a site repeats its words. A
 * large site's slices are written in processes of their own (index-writer-process.ts); a site of one slice is written
 * where its index is built, without starting a process for it (index.ts).
 */
import { snowballStemmer } from "./inflections.ts";
import { indexPage, WordTable } from "./index-page.ts";
import { writeIndexBundle } from "./index-writer.ts";
import { PagefindStems } from "./pagefind-stems.ts";
import type { IndexedExtras, SearchRecord } from "./records.ts";

/** One slice to write: its records with the compound parts and word forms they are also found by, and the bundle's stemmer. */
export interface SliceTask {
  dir: string;
  language: string;
  pages: Array<{ record: SearchRecord; extras: IndexedExtras }>;
  /** A slice to be joined: its word chunks uncompressed (index-writer.ts). */
  plainChunks?: boolean;
}

export class SliceWriter {
  private stems: PagefindStems | undefined;
  private readonly table = new WordTable(undefined);

  /** @param pagefind Pagefind's module, whose process gives the stems (the caller closes it) */
  constructor(private readonly pagefind: () => Promise<typeof import("pagefind")>) {}

  /** Writes `task`'s bundle into its folder; returns the words on its pages. */
  async write(task: SliceTask): Promise<number> {
    this.stems ??= new PagefindStems(await this.pagefind(), task.language, snowballStemmer(task.language));
    const { stems, table } = this;
    const pages = task.pages.map(({ record, extras }) => indexPage(record, extras, table));
    await stems.add(table.wordsOf(pages));
    const written = writeIndexBundle(pages, task.dir, task.language, { table, stem: (word) => stems.stem(word), plainChunks: task.plainChunks });
    await stems.copyLibrary(task.dir);
    return written.pageWords;
  }

  /** Removes the stems' temporary folders. */
  dispose(): void {
    this.stems?.dispose();
  }
}

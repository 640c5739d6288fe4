/**
 * A process that writes slices of the search index with Lysark's writer
 * (index-page.ts, index-writer.ts), one slice a message, as a Pagefind process
 * indexes one: the build's search phase starts one per core it may take
 * (index.ts). A process of its own, not a thread, for the same reason Pagefind's
 * were: the writer's garbage and its heap stay out of the build's process, whose
 * own peak at 20,000 documents is one of the build's limits, and the collector of
 * that large heap does not have to sweep it (docs/search.md, "An index writer of
 * Lysark's own"). It asks its own Pagefind process for the stems (pagefind-stems.ts).
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
}

export type SliceReply = { words: number } | { error: string };

let pagefind: typeof import("pagefind") | undefined;
let stems: PagefindStems | undefined;
// Kept from slice to slice: a site repeats its words.
const table = new WordTable(undefined);

async function writeSlice(task: SliceTask): Promise<number> {
  pagefind ??= await import("pagefind");
  stems ??= new PagefindStems(pagefind, task.language, snowballStemmer(task.language));
  const pages = task.pages.map(({ record, extras }) => indexPage(record, extras, table));
  await stems.add(table.wordsOf(pages));
  const stemsOf = stems;
  const written = writeIndexBundle(pages, task.dir, task.language, { table, stem: (word) => stemsOf.stem(word) });
  await stems.copyLibrary(task.dir);
  return written.pageWords;
}

process.on("message", (task: SliceTask) => {
  writeSlice(task).then(
    (words) => process.send!({ words } satisfies SliceReply),
    (error: unknown) => process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies SliceReply),
  );
});

// The build closes the channel when the index is written, or when it stops.
process.on("disconnect", () => {
  stems?.dispose();
  void (pagefind?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});

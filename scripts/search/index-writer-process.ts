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
import { childrenExited, PAGEFIND_PROCESS } from "./child-processes.ts";
import { type SliceTask, SliceWriter } from "./slice-writer.ts";

export type SliceReply = { words: number } | { error: string };

let pagefind: typeof import("pagefind") | undefined;
const writer = new SliceWriter(async () => {
  pagefind ??= await import("pagefind");
  return pagefind;
});

process.on("message", (task: SliceTask) => {
  writer.write(task).then(
    (words) => process.send!({ words } satisfies SliceReply),
    (error: unknown) => process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies SliceReply),
  );
});

// The build closes the channel when the index is written, or when it stops.
process.on("disconnect", () => {
  writer.dispose();
  void (pagefind?.close() ?? Promise.resolve()).then(() => childrenExited(PAGEFIND_PROCESS, 1000)).finally(() => process.exit(0));
});

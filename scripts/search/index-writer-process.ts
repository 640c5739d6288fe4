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
import { readFileSync } from "node:fs";
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

/** This process's child processes still running or not yet waited for (Linux; none known elsewhere). */
function children(): string[] {
  try {
    return readFileSync(`/proc/self/task/${process.pid}/children`, "utf8").split(" ").filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * Waits (a second at most) until Pagefind's process, told to stop, has exited and been waited for: Pagefind's `close`
 * does not wait, and a process that exits first leaves it to the system, its CPU time counted in no build's.
 */
async function pagefindExited(): Promise<void> {
  const until = performance.now() + 1000;
  while (children().length && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
}

// The build closes the channel when the index is written, or when it stops.
process.on("disconnect", () => {
  writer.dispose();
  void (pagefind?.close() ?? Promise.resolve()).then(pagefindExited).finally(() => process.exit(0));
});

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
import { childProcesses, childrenExited, PAGEFIND_PROCESS } from "./child-processes.ts";
import { type SliceTask, SliceWriter } from "./slice-writer.ts";

export type SliceReply = { words: number } | { error: string };

let pagefind: typeof import("pagefind") | undefined;
const writer = new SliceWriter(async () => {
  pagefind ??= await import("pagefind");
  return pagefind;
});

/**
 * Tells the build how a slice went, unless the build has gone meanwhile (stopped, or `npm start` ended by a signal
 * while its search index was written): a reply on a closed channel was an uncaught error event, and its stack was
 * printed into the terminal the build had left. A callback takes a channel that closes while the reply is on its way.
 */
function reply(message: SliceReply): void {
  if (process.connected) process.send!(message, undefined, {}, () => {});
}

process.on("message", (task: SliceTask) => {
  writer.write(task).then(
    (words) => reply({ words }),
    (error: unknown) => reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});

// The build closes the channel when the index is written, or when it stops. Pagefind's process goes first, then the
// stems' folders: one removed while that process still wrote into it could not be (ENOTEMPTY).
let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  // Killed before Pagefind's `close` destroys its pipes: a stems request still running then answered into a closed
  // pipe, and the process printed its panic ("Broken pipe") into the terminal the build had left (a CI run, once).
  for (const pid of childProcesses(PAGEFIND_PROCESS)) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      // Gone since the list was read.
    }
  }
  void (pagefind?.close() ?? Promise.resolve())
    .then(() => childrenExited(PAGEFIND_PROCESS, 1000))
    .then(() => writer.dispose())
    .finally(() => process.exit(0));
}
process.on("disconnect", stop);
// A signal to the whole process group reaches the writer too: Ctrl-C in the terminal of `npm start`, or a tool that
// stops the build's group with SIGTERM (the benchmark's dev server). Stopped by it unhandled, the writer left its
// stems' folders in the temporary folder until the next build's writer swept them.
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

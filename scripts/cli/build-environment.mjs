/**
 * What a build's process is started with. glibc's malloc gives each thread
 * that allocates an arena of its own (up to eight per core) and keeps what an
 * arena once held; a build runs a dozen threads (pages, cards, search, V8's
 * own), and at 20,000 documents those arenas held about 90 MiB of Node's peak
 * (docs/performance.md, "malloc arenas set by the launcher"). glibc reads
 * MALLOC_ARENA_MAX only when a process starts, so the launcher (./run.mjs)
 * starts a build as a child process with it set, and the benchmark starts its
 * builds with the same environment. Plain JavaScript, as the launcher is.
 */

/** The variables a build's process gets, beside the caller's. */
export const BUILD_ENVIRONMENT = Object.freeze({ MALLOC_ARENA_MAX: "2" });

/**
 * The environment `command` is to run in, when it needs a process of its own to get it: a build, on Linux
 * (glibc; musl ignores the variable), unless the caller set MALLOC_ARENA_MAX already, in which case the
 * command runs in the launcher's process as it is. Undefined when no process of its own is needed.
 */
export function ownProcessEnvironment(command, env = process.env, platform = process.platform) {
  if (command !== "build" || platform !== "linux" || env.MALLOC_ARENA_MAX !== undefined) return undefined;
  return { ...env, ...BUILD_ENVIRONMENT };
}

/**
 * What a build's process is started with. glibc's malloc gives each thread
 * that allocates an arena of its own (up to eight per core) and keeps what an
 * arena once held; a build runs a dozen threads (pages, cards, search, V8's
 * own), and at 20,000 documents those arenas held about 90 MiB of Node's peak
 * (docs/performance-log.md, "malloc arenas set by the launcher"). glibc reads
 * MALLOC_ARENA_MAX only when a process starts, so the launcher (./run.mjs)
 * starts a build as a child process with it set, and the benchmark starts its
 * builds with the same environment. Plain JavaScript, as the launcher is.
 *
 * That process also gets no more of V8's platform threads (its background
 * compilers and garbage collectors, four by default) than the machine has
 * cores: on two cores, eleven cold pairs at N = 5000 were quicker in eight,
 * median 49.05 s → 48.27 s, CPU ÷ wall higher in nine (docs/performance-log.md,
 * "V8's platform threads, one per core").
 */
import { availableParallelism } from "node:os";

/** The variables a build's process gets, beside the caller's. */
export const BUILD_ENVIRONMENT = Object.freeze({ MALLOC_ARENA_MAX: "2" });

/** The platform threads Node starts V8 with unless told otherwise. */
const V8_DEFAULT_POOL_SIZE = 4;

/** The V8 option a build's process gets on a machine of `cores` cores: one platform thread per core, where that is fewer than V8's default. */
export function v8PoolOption(cores = availableParallelism()) {
  return cores < V8_DEFAULT_POOL_SIZE ? `--v8-pool-size=${Math.max(1, cores)}` : undefined;
}

/**
 * The environment `command` is to run in, when it needs a process of its own to get it: a build, on Linux
 * (glibc; musl ignores the variable), unless the caller set MALLOC_ARENA_MAX already, in which case the
 * command runs in the launcher's process as it is. Undefined when no process of its own is needed. NODE_OPTIONS
 * gets `v8PoolOption` after the caller's options, unless they set the pool's size themselves.
 */
export function ownProcessEnvironment(command, env = process.env, platform = process.platform, cores = availableParallelism()) {
  if (command !== "build" || platform !== "linux" || env.MALLOC_ARENA_MAX !== undefined) return undefined;
  const pool = /--v8-pool-size\b/.test(env.NODE_OPTIONS ?? "") ? undefined : v8PoolOption(cores);
  return { ...env, ...BUILD_ENVIRONMENT, ...(pool ? { NODE_OPTIONS: [env.NODE_OPTIONS, pool].filter(Boolean).join(" ") } : {}) };
}

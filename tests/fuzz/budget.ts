/**
 * The fuzz tests' budget: a few seeded runs in `npm test`, or, with LYSARK_FUZZ_SECONDS (`.ci/run`), as many as fit
 * in each test's share of that time from a fresh seed, printed in the test's name so a failure can be replayed with
 * LYSARK_FUZZ_SEED.
 */
import type fc from "fast-check";

export const SECONDS = Number(process.env.LYSARK_FUZZ_SECONDS ?? 0);
export const SEED = process.env.LYSARK_FUZZ_SEED ? Number(process.env.LYSARK_FUZZ_SEED) : SECONDS ? Date.now() % 2 ** 31 : 20261130;
/** Options for fc.assert: a fixed number of runs, or as many as fit in `share` of the time budget. */
export function runs(smallRuns: number, share: number): fc.Parameters<unknown> {
  return SECONDS
    ? { seed: SEED, numRuns: 1_000_000, interruptAfterTimeLimit: SECONDS * 1000 * share, markInterruptAsFailure: false, endOnFailure: true }
    : { seed: SEED, numRuns: smallRuns, endOnFailure: true };
}

/**
 * A property's runs, and a way to wait for the last one. With a time budget, fast-check stops waiting for the run in
 * progress when the time is up (interruptAfterTimeLimit), but that run goes on: a build went on into the next tests
 * and, when the test process ended first, left its staging folder in the temporary folder.
 */
export function settledRuns<T>(run: (value: T) => Promise<void>): { run: (value: T) => Promise<void>; settled: () => Promise<void> } {
  let last: Promise<unknown> = Promise.resolve();
  return {
    run: (value) => {
      const current = run(value);
      // Its failure, if any, is fast-check's to report; here it is only waited for.
      last = current.catch(() => undefined);
      return current;
    },
    settled: async () => {
      await last;
    },
  };
}

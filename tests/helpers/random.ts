/**
 * Seeded random numbers for the tests that try many generated inputs: the same seed gives the same cases on every
 * run. The stream is the bench corpus's (mulberry32, bench/corpus.ts), not a linear congruential one-liner, whose
 * low bits repeat with a short period (`seed % 2` alternates), so `random(n)` for a small `n` would try few cases.
 */
import { prng } from "../../bench/corpus.ts";

/** `random(n)`: an integer from 0 to n − 1, from a stream seeded with `seed`. */
export function randomBelow(seed: number): (n: number) => number {
  const next = prng(seed);
  return (n) => Math.floor(next() * n);
}

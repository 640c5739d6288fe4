/**
 * Vitest's toEqual compares two Buffers element by element through its generic rules, about 5 µs a
 * byte on this machine: one 1.1 MB buffer took 6 s, fifty 22 KB pages 4.8 s. Tests that compare
 * whole sites or search bundles byte for byte spent most of their time there. This tester compares
 * two byte arrays of the same kind at once and leaves every other pair to Vitest's rules, so a
 * failing comparison still prints Vitest's own diff. vitest.config.ts loads it before every file.
 */
import { expect } from "vitest";

export function sameBytes(a: unknown, b: unknown): boolean | undefined {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array) || a.constructor !== b.constructor) return undefined;
  return Buffer.compare(a, b) === 0;
}

// Files that share a worker's modules (vitest.config.ts) share its testers too: add this one once.
const added = Symbol.for("lysark.tests.sameBytes");
const scope = globalThis as { [added]?: true };
if (!scope[added]) {
  expect.addEqualityTesters([sameBytes]);
  scope[added] = true;
}

/** Folders a test process may not write in, for the messages a build or command gives then. */
import { spawnSync } from "node:child_process";
import { chmodSync } from "node:fs";
import type { TestContext } from "vitest";

/**
 * Makes `folder` one this process may not write in: read-only for a user, immutable for root (whom permissions do
 * not stop); undefined where neither can be done. Returns the function that undoes it.
 */
export function unwritable(folder: string): (() => void) | undefined {
  if (process.getuid?.() !== 0) {
    chmodSync(folder, 0o555);
    return () => chmodSync(folder, 0o755);
  }
  if (spawnSync("chattr", ["+i", folder]).status !== 0) return undefined;
  return () => void spawnSync("chattr", ["-i", folder]);
}

/**
 * Runs `run` while `folder` is one this process may not write in, and makes it writable again afterwards, whatever
 * `run` did; skips the test where no folder can be made so here.
 */
export async function whileUnwritable(folder: string, context: TestContext, run: () => unknown): Promise<void> {
  const undo = unwritable(folder);
  if (!undo) return context.skip("no way here to make a folder this process may not write in");
  try {
    await run();
  } finally {
    undo();
  }
}

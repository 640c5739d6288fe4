/** Folders a test process may not write in, for the messages a build or command gives then. */
import { spawnSync } from "node:child_process";
import { chmodSync } from "node:fs";

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

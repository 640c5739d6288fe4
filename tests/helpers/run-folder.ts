/**
 * Vitest's global setup: a temp folder for the whole test run, removed when the run ends. What the files of a worker
 * share (the publishing fixture's builds, tests/publish/helpers.ts) is made in it, since no file can tell whether it
 * is the last to need them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    runFolder: string;
  }
}

export default function setup(project: TestProject): () => void {
  const folder = mkdtempSync(path.join(os.tmpdir(), "lysark-test-run-"));
  project.provide("runFolder", folder);
  return () => rmSync(folder, { recursive: true, force: true });
}

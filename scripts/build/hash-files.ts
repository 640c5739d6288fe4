/**
 * SHA-256 of many files' bytes, on this thread and one more. The whole-site cache hashes the
 * files it keeps at the very end of a cold build (Pagefind's files, the downloads; the cards the
 * build drew come with their hashes), when nothing else is left to run and the other core waits.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";

/** Below this many files a thread's start costs more than it saves. */
export const HASH_THREAD_FROM = 2000;

/** Plain JavaScript and no loader flags (execArgv: []), so the thread starts in tens of milliseconds. */
const HASHER = `
const { parentPort, workerData } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
parentPort.postMessage(workerData.files.map((file) => createHash("sha256").update(readFileSync(file)).digest("hex")));
`;

function hashHere(files: readonly string[]): string[] {
  return files.map((file) => createHash("sha256").update(readFileSync(file)).digest("hex"));
}

function hashOnThread(files: readonly string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASHER, { eval: true, execArgv: [], workerData: { files } });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the hashing thread stopped (exit ${code}) before it answered`)));
  });
}

/**
 * Each file's SHA-256 as hex, in the order given. Every other file is read and hashed on a thread of
 * its own meanwhile: alternate files rather than halves, as a site's files come folder by folder and
 * one folder (the cards) holds most of the bytes.
 */
export async function hashFiles(files: readonly string[]): Promise<string[]> {
  if (files.length < HASH_THREAD_FROM) return hashHere(files);
  const other = hashOnThread(files.filter((_, i) => i % 2 === 1));
  // Hashed here while the thread starts and hashes its share; its failure is seen only after ours.
  let mine: string[];
  try {
    mine = hashHere(files.filter((_, i) => i % 2 === 0));
  } catch (error) {
    await other.catch(() => undefined);
    throw error;
  }
  const theirs = await other;
  return files.map((_, i) => (i % 2 === 0 ? mine[i / 2]! : theirs[(i - 1) / 2]!));
}

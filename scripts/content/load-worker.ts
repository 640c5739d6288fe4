/**
 * A worker thread of the content pool (./pool.ts): one document's own checks per
 * task. What every task of the load shares (root, content folder, registries'
 * ids, body folder) comes once, as the pool's workerData; a task is then only its
 * file and folder. A whole task (without workerData) runs as it is.
 */
import { workerData } from "piscina";
import { documentTaskRunner, loadDocumentTask, type DocumentTask, type DocumentTaskResult } from "./load.ts";
import type { PoolWorkerData } from "./pool.ts";

const runShared = workerData ? documentTaskRunner((workerData as PoolWorkerData).shared) : undefined;

export default function run(task: DocumentTask | Pick<DocumentTask, "file" | "folder">): DocumentTaskResult {
  return "root" in task ? loadDocumentTask(task) : runShared!(task);
}

/**
 * The build's worker for pass 1's pool (../content/pool.ts): each document is
 * loaded as ../content/load-worker.ts loads it, and then, while its full body is
 * still in memory, its search record is made and written into the record cache
 * (../search/record-cache.ts, `prepareRecordEntry`). The main thread then has
 * no body to read back and no record to make while it assembles the site model,
 * the stretch of a cold build in which the other core had nothing to do
 * (docs/performance-log.md). Started by ./pass1.ts.
 */
import { workerData } from "piscina";
import { documentTaskRunner, loadDocumentTask, type DocumentTask, type DocumentTaskResult } from "../content/load.ts";
import type { PoolWorkerData } from "../content/pool.ts";
import { recordPreparer } from "../search/record-cache.ts";
import type { Pass1WorkerData } from "./pass1.ts";

const { shared, data } = workerData as PoolWorkerData;
const { recordDir } = data as Pass1WorkerData;
const runShared = documentTaskRunner(shared, recordPreparer(recordDir, shared.registries));

export default function run(task: DocumentTask | Pick<DocumentTask, "file" | "folder">): DocumentTaskResult {
  return "root" in task ? loadDocumentTask(task, recordPreparer(recordDir, task.registries)) : runShared(task);
}

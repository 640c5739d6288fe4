/** A worker thread of the content pool (./pool.ts): one document's own checks per task. */
import { loadDocumentTask } from "./load.ts";

export default loadDocumentTask;

/**
 * A site's folder: the one holding content/ (and site.config.json). Lysark's commands run there (npm runs them in the
 * package's folder); run anywhere else, or after content/ was moved away, they stop at once with a message that says
 * so, instead of a file system error from deep inside the build.
 */
import { statSync } from "node:fs";
import path from "node:path";

/** Thrown by the build for a folder that is not a site's. */
export class NotAProjectError extends Error {
  override name = "NotAProjectError";
}

/** What is wrong with `root` as a site's folder, or undefined when it has a content/ folder. */
export function projectFolderProblem(root: string): string | undefined {
  const content = path.join(root, "content");
  try {
    if (statSync(content).isDirectory()) return undefined;
    return `${content} is a file, not a folder: Lysark reads each publisher's documents from the folders under content/. Move the file away and put the folder back.`;
  } catch {
    return `No content/ folder in ${root}. Lysark's commands run in a site's folder, the one with content/ and site.config.json: run them there (npm run does), or put content/ back (git checkout -- content).`;
  }
}

/** Throws NotAProjectError when `root` is not a site's folder. */
export function assertProjectFolder(root: string): void {
  const problem = projectFolderProblem(root);
  if (problem) throw new NotAProjectError(problem);
}

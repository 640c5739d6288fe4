/**
 * A site's folder: the one holding content/ (and site.config.json). Lysark's commands run there (npm runs them in the
 * package's folder); run anywhere else, or after content/ was moved away, they stop at once with a message that says
 * so, instead of a file system error from deep inside the build.
 */
import { realpathSync, statSync } from "node:fs";
import path from "node:path";

/** Thrown by the build for a folder that is not a site's. */
export class NotAProjectError extends Error {
  override name = "NotAProjectError";
}

/** What is wrong with `root` as a site's folder, or undefined when it has a content/ folder. */
export function projectFolderProblem(root: string): string | undefined {
  const content = path.join(root, "content");
  try {
    if (!statSync(content).isDirectory())
      return `${content} is a file, not a folder: Lysark reads each publisher's documents from the folders under content/. Move the file away and put the folder back.`;
  } catch {
    return `No content/ folder in ${root}. Lysark's commands run in a site's folder, the one with content/ and site.config.json: run them there (npm run does), or put content/ back (git checkout -- content).`;
  }
  // Every file a site publishes must lie inside content/'s real folder. A content/ that is a link to the project's own
  // folder (or above it, or outside it) made .git/config a file "inside the content folder", published as an attachment.
  const project = realpathSync(root);
  const real = realpathSync(content);
  if (!real.startsWith(project + path.sep))
    return `${content} is a symbolic link to ${real}, which is ${real === project || project.startsWith(real + path.sep) ? "the site's own folder or one above it" : "outside the site's folder"}: through it every file there (the repository's .git/ among them) would count as content. Make content/ a folder of its own (or a link to a folder inside ${project}).`;
  return undefined;
}

/** Throws NotAProjectError when `root` is not a site's folder. */
export function assertProjectFolder(root: string): void {
  const problem = projectFolderProblem(root);
  if (problem) throw new NotAProjectError(problem);
}

/**
 * Content is untrusted input: a pull request can add a symbolic link to any
 * file on the build machine (/etc/passwd, a CI secret). Every file the build
 * reads from content/ or copies into the site is resolved with realpath first
 * and must lie inside the content folder's own realpath.
 */
import { lstatSync, readlinkSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

export type ResolvedFile = { ok: true; real: string } | { ok: false; problem: string };

/** The content folder as realpath; every resolved file must be inside it. */
export function contentRealRoot(contentDir: string): string {
  return realpathSync(path.resolve(contentDir));
}

/** Whether the absolute path `real` is `root` or lies inside it. */
export function inside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * Resolves `file` (an existing path under content/) to its realpath and checks
 * that it is a regular file inside `root`. `what` names it in the message ("the image").
 */
export function resolveContentFile(root: string, file: string, what = "the file"): ResolvedFile {
  let link: string | undefined;
  try {
    if (lstatSync(file).isSymbolicLink()) link = readlinkSync(file);
  } catch {
    return { ok: false, problem: `${what} does not exist.` };
  }
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return { ok: false, problem: `${what} is a symbolic link to "${link}", which does not exist. Replace the link with the file itself.` };
  }
  if (!inside(root, real)) {
    return {
      ok: false,
      problem: `${what} is a symbolic link to "${link ?? real}", outside the content folder. Only files inside content/ are published: copy the file into content/ instead of linking to it.`,
    };
  }
  if (!statSync(real).isFile()) {
    return { ok: false, problem: `${what} is a folder (or another special entry), not a file. Rename or remove it.` };
  }
  return { ok: true, real };
}

/** Like resolveContentFile, for a folder (a publisher folder that is a link). */
export function resolveContentFolder(root: string, folder: string): ResolvedFile {
  let real: string;
  try {
    real = realpathSync(folder);
  } catch {
    return { ok: false, problem: `is a symbolic link to a folder that does not exist. Remove the link.` };
  }
  if (!inside(root, real))
    return {
      ok: false,
      problem: `is a symbolic link to a folder outside the content folder. Only files inside content/ are published: move the folder into content/.`,
    };
  if (!statSync(real).isDirectory()) return { ok: false, problem: "is not a folder." };
  return { ok: true, real };
}

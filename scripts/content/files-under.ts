import { readdirSync } from "node:fs";
import path from "node:path";

/**
 * Every file under `dir`, sorted, as forward-slash paths relative to it (the form the output plan and the caches name files in);
 * with `topLevel`, only under the entries of `dir` whose names it accepts.
 */
export function filesUnder(dir: string, topLevel?: (name: string) => boolean): string[] {
  const files: string[] = [];
  collect(dir, "", files, topLevel);
  return files.sort();
}

/** `filesUnder`, but none while `dir` is not there (yet, or any more). */
export function filesUnderIfPresent(dir: string, topLevel?: (name: string) => boolean): string[] {
  try {
    return filesUnder(dir, topLevel);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/**
 * Adds the files under `dir` to `files` one by one: spreading a folder's list into push() passes each
 * name as an argument on the stack, which overflowed on the 650,000 files of a 50,000-document site.
 * Paths are joined as strings: path.join and path.relative for each file were most of the time taken
 * to list a 65,000-file site (docs/performance-log.md, "kept pages trusted by their stamp").
 */
function collect(dir: string, prefix: string, files: string[], accept?: (name: string) => boolean): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (accept && !accept(entry.name)) continue;
    if (entry.isDirectory()) collect(dir + path.sep + entry.name, `${prefix}${entry.name}/`, files);
    else files.push(prefix + entry.name);
  }
}

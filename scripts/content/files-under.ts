import { readdirSync } from "node:fs";
import path from "node:path";

/** Every file under `dir`, sorted, as forward-slash paths relative to it (the form the output plan and the caches name files in). */
export function filesUnder(dir: string): string[] {
  const files: string[] = [];
  collect(dir, dir, files);
  return files.sort();
}

/**
 * Adds the files under `dir` to `files` one by one: spreading a folder's list into push() passes each
 * name as an argument on the stack, which overflowed on the 650,000 files of a 50,000-document site.
 */
function collect(dir: string, base: string, files: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) collect(full, base, files);
    else files.push(path.relative(base, full).split(path.sep).join("/"));
  }
}

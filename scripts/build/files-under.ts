import { readdirSync } from "node:fs";
import path from "node:path";

/** Every file under `dir`, sorted, as forward-slash paths relative to it (the form the output plan and the caches name files in). */
export function filesUnder(dir: string, base = dir): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(full, base));
    else files.push(path.relative(base, full).split(path.sep).join("/"));
  }
  return dir === base ? files.sort() : files;
}

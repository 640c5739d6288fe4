/**
 * `npm start`'s search index, swapped in whole. Written into the served bundle, each index left the last one's files
 * beside its own (1,876 files after the first index of 1,500 documents, 3,560 after one save), and a server stopped
 * while it indexed left slice folders in the output folder. Now each index is written into a folder of its own
 * (`searchStagingDirs`) and renamed into place. A search page opened before the swap has loaded the last index's
 * entry and asks for that index's files as it is used, so the files of the index before are kept for one index more.
 */
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { filesUnderIfPresent } from "../content/files-under.ts";
import { place } from "../search/kept-folder.ts";
import { isSearchOutput, SEARCH_BUNDLE_NAME, searchBundleDir, searchStagingDirs } from "../search/records.ts";

/**
 * Makes the bundle written under `staging` (`searchStagingDirs(outputDir).next`) the served one in `outputDir`, with
 * those of `previous` (the files the last swap returned) that it does not have, and removes every other search folder
 * in `outputDir`: the replaced bundle, the staging folder, slice folders a stopped server left. Returns the files of
 * the bundle written, relative to it, for the next swap. A site with no records has no bundle afterwards.
 */
export function swapSearchBundle(outputDir: string, staging: string, previous: ReadonlySet<string> | undefined): Set<string> {
  const bundle = searchBundleDir(outputDir);
  const fresh = searchBundleDir(staging);
  const written = new Set(filesUnderIfPresent(fresh));
  if (written.size > 0) {
    for (const file of previous ?? []) {
      if (written.has(file)) continue;
      try {
        place(path.join(bundle, ...file.split("/")), path.join(fresh, ...file.split("/")));
      } catch {
        // Gone already (removed by hand, or a server stopped between the two indexes): nothing to keep.
      }
    }
  }
  const { old } = searchStagingDirs(outputDir);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(bundle)) renameSync(bundle, old);
  if (written.size > 0) renameSync(fresh, bundle);
  for (const name of readdirSync(outputDir)) {
    if (name !== SEARCH_BUNDLE_NAME && isSearchOutput(name)) rmSync(path.join(outputDir, name), { recursive: true, force: true });
  }
  return written;
}

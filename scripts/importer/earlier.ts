/**
 * The documents an input was imported as before, told by the importer's own source note ("Imported from
 * <name>"). A transcript whose title changed since it was imported gets another file name, so without a word
 * the archive would hold it twice, and the first address, which links may already use, would stay or go by
 * chance. The import names the earlier document in its report, with what to do; it deletes nothing itself.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { splitFrontMatter, normalizeText } from "../content/front-matter.ts";

const NOTE = /Imported from (.+?)\s*$/mu;

export class EarlierImports {
  /** Per publisher folder: input file name → the documents whose note names it. Read once a run. */
  private readonly folders = new Map<string, Map<string, string[]>>();

  /** The documents in `folder` (absolute paths) imported from a file named `name`, other than `target`. */
  of(folder: string, name: string, target: string): string[] {
    let notes = this.folders.get(folder);
    if (!notes) {
      notes = new Map();
      this.folders.set(folder, notes);
      let files: string[] = [];
      try {
        files = readdirSync(folder).filter((file) => file.endsWith(".md"));
      } catch {
        // A folder that is not there yet (a publisher this run creates) holds no document.
      }
      for (const file of files.sort()) {
        let note: string | undefined;
        try {
          note = NOTE.exec(splitFrontMatter(normalizeText(readFileSync(path.join(folder, file), "utf8"))).frontMatter)?.[1];
        } catch {
          // A document without readable front matter is the check's to report.
        }
        if (note) notes.set(note, [...(notes.get(note) ?? []), path.join(folder, file)]);
      }
    }
    return (notes.get(name) ?? []).filter((file) => file !== target);
  }
}

/** The report's line for earlier imports of the same file, and the review reason; both empty when there is none. */
export function earlierImportNotes(earlier: readonly string[], rel: (file: string) => string): { lines: string[]; review: string[] } {
  if (!earlier.length) return { lines: [], review: [] };
  const addresses = earlier.map((file) => `${path.basename(path.dirname(file))}/${path.basename(file, ".md")}`);
  const files = earlier.map(rel).join(", ");
  return {
    lines: [
      `  imported before: ${files}: if this document replaces it, delete that file and add "movedFrom: [${addresses.join(", ")}]" here, so links to it still lead somewhere (docs/content-model.md, "Moved documents")`,
    ],
    review: [`imported before as ${files}`],
  };
}

/**
 * Documents that moved: a file renamed, or moved to another publisher's folder, names the addresses it had in
 * `movedFrom` (schema.ts), and the site keeps a page at each that sends readers on (publish/moved.ts). An old address
 * leads to one document only, and never to one that another document has now: this check says so with file and line,
 * so a passing check means the build's output plan gets one page for each address.
 */
import type { LoadedDocument } from "./loaded.ts";
import type { Problem } from "./problems.ts";

/** A document's address within the site: "<publisher>/<slug>", as `movedFrom` names its earlier ones. */
export function documentAddress(doc: LoadedDocument): string {
  return `${doc.meta.publisher}/${doc.slug}`;
}

export function checkMovedDocuments(documents: readonly LoadedDocument[]): Problem[] {
  const problems: Problem[] = [];
  const current = new Map(documents.map((doc) => [documentAddress(doc), doc]));
  const claimed = new Map<string, { doc: LoadedDocument; index: number }>();
  const inFileOrder = [...documents].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const doc of inFileOrder) {
    doc.meta.movedFrom.forEach((address, index) => {
      const problem = (message: string) => {
        const { line, col } = doc.fieldAt(["movedFrom", index]);
        problems.push({ file: doc.file, line, col, field: `movedFrom.${index}`, severity: "error", message });
      };
      const holder = current.get(address);
      const earlier = claimed.get(address);
      if (holder === doc) problem(`"${address}" is this document's own address. List only the addresses it had before.`);
      else if (holder)
        problem(`"${address}" is the address of ${holder.file}, so it cannot lead here. Remove it, or rename that document if this one took its place.`);
      else if (earlier)
        problem(
          `"${address}" is also in movedFrom of ${earlier.doc.file}:${earlier.doc.fieldLine(["movedFrom", earlier.index])}. An old address leads to one document: keep it where the document that had it is now.`,
        );
      else claimed.set(address, { doc, index });
    });
  }
  return problems;
}

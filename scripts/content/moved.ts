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

/** Every old address some document's `movedFrom` lists: one that still leads somewhere. */
export function movedFromAddresses(documents: readonly LoadedDocument[]): Set<string> {
  return new Set(documents.flatMap((doc) => doc.meta.movedFrom));
}

/**
 * The warning for a document at a new address (`file`) whose `movedFrom` does not list the one it had (`old`, in
 * `fromFile`; `when` says how that is known): every link, citation and embedded frame made before would lead nowhere.
 * A warning, since a document never published may move freely.
 */
export function unlistedMove(file: string, fromFile: string, old: string, when: string): Problem {
  return {
    file,
    line: 1,
    col: 1,
    field: "movedFrom",
    message: `this document was ${fromFile} ${when}, and links to its old address would lead nowhere. Add "movedFrom: [${old}]" to its front matter: the site then keeps a page there that sends readers on (docs/content-model.md, "Moved documents").`,
    severity: "warning",
  };
}

/**
 * What tells a renamed document from another without git: its title and date together, which a rename keeps and
 * two yearly reports of one title ("Årsrapport") do not share.
 */
const identity = (doc: LoadedDocument) => `${doc.meta.title}\0${doc.meta.date}`;

/** Where each document was, by address: its file, and its title and date. */
export type DocumentPlaces = ReadonlyMap<string, { file: string; identity: string }>;

export function documentPlaces(documents: readonly LoadedDocument[]): DocumentPlaces {
  return new Map(documents.map((doc) => [documentAddress(doc), { file: doc.file, identity: identity(doc) }]));
}

/**
 * The documents at an address `before` did not have, with the title and date of one whose address is gone and that
 * no document's `movedFrom` lists: a file renamed or moved (without git, that is what tells).
 */
export function unlistedMovesSince(before: DocumentPlaces, documents: readonly LoadedDocument[], when: string): Problem[] {
  const now = new Set(documents.map(documentAddress));
  const listed = movedFromAddresses(documents);
  const gone = new Map<string, { address: string; file: string }>();
  for (const [address, was] of before) if (!now.has(address) && !listed.has(address)) gone.set(was.identity, { address, file: was.file });
  if (gone.size === 0) return [];
  return documents.flatMap((doc) => {
    const was = before.has(documentAddress(doc)) ? undefined : gone.get(identity(doc));
    return was ? [unlistedMove(doc.file, was.file, was.address, when)] : [];
  });
}

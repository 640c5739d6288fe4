/**
 * Documents that moved: a file renamed, or moved to another publisher's folder, names the addresses it had in
 * `movedFrom` (schema.ts), and the site keeps a page at each that sends readers on (publish/moved.ts). A publisher
 * whose folder was renamed, or into which others were merged, names the old ids in its own `movedFrom`: each of its
 * documents then had "<old id>/<slug>" too. An old address leads to one document only, and never to one that another
 * document has now; an old publisher id to one publisher, and never to a folder there is now. These checks say so with
 * file and line, so a passing check means the build's output plan gets one page for each address.
 */
import type { LoadedDocument, SiteContent } from "./loaded.ts";
import type { Problem } from "./problems.ts";
import type { Publisher } from "./schema.ts";

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
      else if (earlier?.doc === doc) problem(`"${address}" is listed twice. Remove one.`);
      else if (earlier)
        problem(
          `"${address}" is also in movedFrom of ${earlier.doc.file}:${earlier.doc.fieldLine(["movedFrom", earlier.index])}. An old address leads to one document: keep it where the document that had it is now.`,
        );
      else claimed.set(address, { doc, index });
    });
  }
  return problems;
}

/**
 * Every old address that leads to a document now, and that document: first the addresses documents list in their
 * `movedFrom` (the first file's, where two list one: the check refuses the second), then "<old id>/<slug>" of each
 * document whose publisher lists that old id in its own `movedFrom` (a folder renamed, or publishers merged), unless a
 * document lists that address itself: a file renamed as it moved says where it went more exactly than its folder does.
 */
export function movedAddresses(documents: readonly LoadedDocument[], publishers: readonly Publisher[]): Map<string, LoadedDocument> {
  const current = new Set(documents.map(documentAddress));
  const moved = new Map<string, LoadedDocument>();
  const inFileOrder = [...documents].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const doc of inFileOrder) for (const address of doc.meta.movedFrom) if (!current.has(address) && !moved.has(address)) moved.set(address, doc);
  const oldIds = new Map(publishers.map((publisher) => [publisher.id, publisher.movedFrom]));
  for (const doc of inFileOrder) {
    for (const old of oldIds.get(doc.meta.publisher) ?? []) {
      const address = `${old}/${doc.slug}`;
      if (!current.has(address) && !moved.has(address)) moved.set(address, doc);
    }
  }
  return moved;
}

/** What tells where documents were: the documents, and their publishers' `movedFrom`. */
export type MovedContent = Pick<SiteContent, "documents" | "publishers">;

/** Every old address that still leads somewhere: listed in a document's `movedFrom`, or its publisher's. */
export function movedFromAddresses({ documents, publishers }: MovedContent): Set<string> {
  return new Set(movedAddresses(documents, publishers).keys());
}

/** The old addresses (`movedAddresses`) of each document that has any, by its address now: its own first, then its publisher's. */
export function oldAddressesByDocument({ documents, publishers }: MovedContent): Map<string, string[]> {
  const byDocument = new Map<string, string[]>();
  for (const [old, doc] of movedAddresses(documents, publishers)) {
    const address = documentAddress(doc);
    const list = byDocument.get(address);
    if (list) list.push(old);
    else byDocument.set(address, [old]);
  }
  return byDocument;
}

/** A problem with one entry of a publisher's `movedFrom`: which publisher, which entry, and what is wrong. */
export interface MovedPublisherProblem {
  publisher: string;
  index: number;
  message: string;
}

/**
 * A publisher's `movedFrom` names ids whose folders are gone: not its own, not a folder in content/ now (`folders`,
 * broken ones too), and each in one publisher's list only, so each old address leads to one place.
 */
export function checkMovedPublishers(publishers: readonly Publisher[], folders: ReadonlySet<string>): MovedPublisherProblem[] {
  const problems: MovedPublisherProblem[] = [];
  const claimed = new Map<string, { publisher: string; index: number }>();
  for (const publisher of [...publishers].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    publisher.movedFrom.forEach((old, index) => {
      const problem = (message: string) => problems.push({ publisher: publisher.id, index, message });
      const earlier = claimed.get(old);
      if (old === publisher.id) problem(`"${old}" is this publisher's own id. List only the ids it had before.`);
      else if (folders.has(old))
        problem(
          `"${old}" is the folder content/${old}/, so its addresses are still in use. If its documents moved here, move the rest and delete that folder; if not, remove "${old}" from movedFrom.`,
        );
      else if (earlier?.publisher === publisher.id) problem(`"${old}" is listed twice. Remove one.`);
      else if (earlier)
        problem(
          `"${old}" is also in movedFrom of content/${earlier.publisher}/_publisher.yaml (entry ${earlier.index + 1}). An old id leads to one publisher: keep it in the one that took most of its documents, and give each document that went elsewhere its own movedFrom (docs/content-model.md, "Moved publishers").`,
        );
      else claimed.set(old, { publisher: publisher.id, index });
    });
  }
  return problems;
}

/** Where an old publisher id leads now, as every message about one says it (the check, the importer, the scaffolds). */
export function publisherMovedNote(old: string, now: string): string {
  return `"${old}" has moved to ${now} (content/${now}/_publisher.yaml lists it in movedFrom)`;
}

/** The publisher each old id leads to now (`movedFrom` of a publisher). */
export function movedPublisherIds(publishers: readonly Publisher[]): Map<string, string> {
  return new Map(publishers.flatMap((publisher) => publisher.movedFrom.map((old) => [old, publisher.id] as const)));
}

/**
 * The warning for a document at a new address (`file`) whose `movedFrom` does not list the one it had (`old`, in
 * `fromFile`; `when` says how that is known): every link, citation and embedded frame made before would lead nowhere.
 * A warning, since a document never published may move freely.
 */
export function unlistedMove(file: string, fromFile: string, old: string, when: string, site: MovedContent): Problem {
  const oldPublisher = old.split("/")[0]!;
  const publisher = file.split(/[\\/]/).at(-2);
  // Moved with its whole folder, now gone (a publisher renamed, or merged into another): one line in the publisher covers them all.
  const wholeFolder =
    publisher && publisher !== oldPublisher && !site.publishers.some((other) => other.id === oldPublisher)
      ? ` If all of content/${oldPublisher}/ moved to content/${publisher}/, add "movedFrom: [${oldPublisher}]" to content/${publisher}/_publisher.yaml instead: that covers every document that kept its file name (docs/content-model.md, "Moved publishers").`
      : "";
  return {
    file,
    line: 1,
    col: 1,
    field: "movedFrom",
    message: `this document was ${fromFile} ${when}, and links to its old address would lead nowhere. Add "movedFrom: [${old}]" to its front matter: the site then keeps a page there that sends readers on (docs/content-model.md, "Moved documents").${wholeFolder}`,
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
export function unlistedMovesSince(before: DocumentPlaces, site: MovedContent, when: string): Problem[] {
  const { documents } = site;
  const now = new Set(documents.map(documentAddress));
  const listed = movedFromAddresses(site);
  const gone = new Map<string, { address: string; file: string }>();
  for (const [address, was] of before) if (!now.has(address) && !listed.has(address)) gone.set(was.identity, { address, file: was.file });
  if (gone.size === 0) return [];
  return documents.flatMap((doc) => {
    const was = before.has(documentAddress(doc)) ? undefined : gone.get(identity(doc));
    return was ? [unlistedMove(doc.file, was.file, was.address, when, site)] : [];
  });
}

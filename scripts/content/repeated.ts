/**
 * One document loaded twice: a transcript imported again under another title (so another file name), or a file
 * copied and left as it was. The archive then lists it twice, and whether the first address, which links may already
 * use, stays is left to chance. Told by what a copy keeps: its publisher, its date and its slides' (or sections') text
 * word for word. A deck given again at another event has another date or names that event, and stays two documents.
 */
import type { BodyPart } from "./markdown.ts";
import type { LoadedDocument } from "./loaded.ts";
import type { Problem } from "./problems.ts";

/** A part with fewer characters than this, spacing aside, tells nothing ("Takk for meg", "Spørsmål?"). */
export const PRINTED_PART_CHARS = 40;
/** The share of the larger document's printed parts two documents must have word for word to be one. */
export const SAME_PARTS_SHARE = 0.8;

/**
 * How many characters from each end of a part its print reads. Two parts that begin and end alike are one for this
 * check, and reading the whole text cost a third of rendering it (14 KB a document in the bench corpus).
 */
const PRINT_WINDOW = 128;

const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13) || code === 0xa0;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a (32 bits, as 8 hex digits) of the part's first and last PRINT_WINDOW characters, each run of spacing read as
 * one space; undefined for a part with fewer than PRINTED_PART_CHARS. A collision within one publisher's documents of
 * one date is not to be feared.
 */
function printOf(text: string): string | undefined {
  const head: Reading = { hash: 0x811c9dc5, kept: 0, at: 0 };
  read(text, head, 1, text.length);
  // The end, read backwards, apart from the beginning.
  const tail: Reading = { hash: Math.imul(head.hash, FNV_PRIME), kept: 0, at: text.length - 1 };
  read(text, tail, -1, head.at - 1);
  return head.kept + tail.kept >= PRINTED_PART_CHARS ? (tail.hash >>> 0).toString(16).padStart(8, "0") : undefined;
}

interface Reading {
  hash: number;
  /** Characters hashed, spacing aside. */
  kept: number;
  /** The next character to read. */
  at: number;
}

/** Hashes `text` from `reading.at` a character at a time in `step`'s direction, up to `stop` or PRINT_WINDOW characters kept. */
function read(text: string, reading: Reading, step: 1 | -1, stop: number): void {
  let space = false;
  for (; reading.at !== stop && reading.kept < PRINT_WINDOW; reading.at += step) {
    const code = text.charCodeAt(reading.at);
    if (isSpace(code)) space = reading.kept > 0;
    else {
      if (space) reading.hash = Math.imul(reading.hash ^ 32, FNV_PRIME);
      reading.hash = Math.imul(reading.hash ^ code, FNV_PRIME);
      reading.kept++;
      space = false;
    }
  }
}

/** A print of each part with text enough to tell it by, each once, in order, joined by spaces (about 9 bytes a part). */
export function partPrints(parts: readonly Pick<BodyPart, "text">[]): string {
  const prints = new Set<string>();
  for (const part of parts) {
    const print = printOf(part.text);
    if (print) prints.add(print);
  }
  return [...prints].join(" ");
}

/**
 * A warning on each document that repeats an earlier one (in the order given: the loader's, by file) of the same
 * publisher, date and event, naming it.
 */
export function checkRepeatedDocuments(documents: readonly LoadedDocument[]): Problem[] {
  const groups = new Map<string, LoadedDocument[]>();
  for (const doc of documents) {
    if (!doc.partPrints) continue;
    // The event too: the same deck given at two events on one day is two documents, once each says where.
    const key = `${doc.meta.publisher}\0${doc.meta.date}\0${doc.meta.event ?? ""}`;
    const group = groups.get(key);
    if (group) group.push(doc);
    else groups.set(key, [doc]);
  }
  const problems: Problem[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    // Which earlier documents have each print: only those sharing one are compared, not every pair.
    const holders = new Map<string, number[]>();
    const sizes: number[] = [];
    group.forEach((doc, index) => {
      const prints = doc.partPrints.split(" ");
      sizes.push(prints.length);
      const shared = new Map<number, number>();
      for (const print of prints) for (const earlier of holders.get(print) ?? []) shared.set(earlier, (shared.get(earlier) ?? 0) + 1);
      for (const [earlier, count] of shared) {
        if (count < SAME_PARTS_SHARE * Math.max(prints.length, sizes[earlier]!)) continue;
        problems.push(repeated(doc, group[earlier]!, count, prints.length));
        break;
      }
      for (const print of prints) {
        const list = holders.get(print);
        if (list) list.push(index);
        else holders.set(print, [index]);
      }
    });
  }
  return problems;
}

function repeated(doc: LoadedDocument, first: LoadedDocument, shared: number, parts: number): Problem {
  const kind = doc.meta.type === "presentation" ? "slides" : "sections";
  return {
    file: doc.file,
    line: 1,
    col: 1,
    field: "",
    severity: "warning",
    message: `reads as ${first.file} again: the same publisher, date and event, and word for word the same text on ${shared} of its ${parts} ${kind} that hold more than a few words. If it is one document twice (a transcript imported again under another title, say), keep one: delete the other file, and if its address was published, list it in movedFrom of the one you keep, so links to it still lead there (docs/content-model.md, "Moved documents"). If they are two (one deck given at two events), give each its event.`,
  };
}

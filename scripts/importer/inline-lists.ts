/**
 * A numbered list a transcript glued onto one line ("Nuläge: 1. Hur ska …?
 * 2. När …? 3. Behöver …?"), which Markdown would read as one list item
 * holding the rest. It is split into list items only on strong evidence: the
 * markers run 1, 2, 3 … in order, at least MIN_ITEMS of them, each a number
 * with a full stop after a space (or at the start) and before a capital
 * letter. The words are kept exactly; only the line breaks are new.
 */

export const MIN_ITEMS = 3;

export interface InlineList {
  /** Text before "1." (a lead-in such as "Nuläge:"), empty when the list starts the paragraph. */
  before: string;
  /** The items' text, without their numbers, in order. */
  items: string[];
}

/** A marker: start or a space, 1–2 digits, a full stop, spaces, then a capital letter. */
const MARKER = /(?<=^|\s)(\d{1,2})\.\s+(?=\p{Lu})/gu;

export function splitInlineList(paragraph: string): InlineList | undefined {
  const markers = [...paragraph.matchAll(MARKER)];
  const first = markers.findIndex((m) => m[1] === "1");
  if (first < 0) return undefined;
  // The run 1, 2, 3 …: other numbers in between ("kl. 10. Mars") stay text.
  const run: RegExpExecArray[] = [];
  for (const m of markers.slice(first)) if (Number(m[1]) === run.length + 1) run.push(m as RegExpExecArray);
  if (run.length < MIN_ITEMS) return undefined;
  const items = run.map((m, i) => paragraph.slice(m.index + m[0].length, run[i + 1]?.index ?? paragraph.length).trim());
  if (items.some((t) => !t)) return undefined;
  return { before: paragraph.slice(0, run[0]!.index).trim(), items };
}

/** The paragraph as Markdown list lines ("1. …\n2. …"), after its lead-in paragraph if it has one. */
export function inlineListParagraphs(list: InlineList): string[] {
  return [...(list.before ? [list.before] : []), list.items.map((t, i) => `${i + 1}. ${t}`).join("\n")];
}

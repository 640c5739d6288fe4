/**
 * Which publisher a transcript belongs to.
 *
 * With an explicit id it must be a known publisher (else: "did you mean").
 * Without one, the running header and the title are searched for the
 * publishers' names in every language ("Oslo kommune Bydel Sagene" contains
 * "Bydel Sagene" → oslo-sagene, and "Oslo kommune" → oslo). A publisher whose
 * child also matched is dropped (the district is more specific than its city).
 * Exactly one publisher must remain. When none does, a new publisher is
 * proposed from the names the text states (publisher-proposal.ts); only when
 * the text names none is the editor asked for --publisher, with the
 * publishers the body mentions as hints.
 */
import { publisherMovedNote } from "../content/moved.ts";
import { ImportError } from "./errors.js";
import { proposePublisher, type ProposedPublisher } from "./publisher-proposal.js";
import { escapeRegExp } from "./text.js";

export interface PublisherInfo {
  id: string;
  names: Record<string, string>;
  parent?: string | undefined;
  /** Ids it had before (its `movedFrom`): a folder renamed, or publishers merged into it. */
  movedFrom?: string[] | undefined;
}

/** The publisher an old id leads to now (the one whose `movedFrom` lists it), and how to say so. */
export function movedTo(id: string, publishers: readonly PublisherInfo[]): { id: string; why: string } | undefined {
  const now = publishers.find((p) => p.movedFrom?.includes(id));
  return now && { id: now.id, why: publisherMovedNote(id, now.id) };
}

export interface PublisherChoice {
  id: string;
  how: string;
  /** Set when no known publisher matched: the publisher proposed from the names the text states. */
  proposed?: ProposedPublisher | undefined;
}

export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** Known ids closest to `id` (edit distance at most a third of its length, or a prefix/substring). */
export function didYouMean(id: string, known: string[]): string[] {
  const scored = known
    .map((k) => ({ k, d: k.includes(id) || id.includes(k) ? 0.5 : levenshtein(id.toLowerCase(), k.toLowerCase()) }))
    .filter(({ d }) => d <= Math.max(2, Math.ceil(id.length / 3)))
    .sort((x, y) => x.d - y.d || x.k.localeCompare(y.k));
  return scored.slice(0, 3).map(({ k }) => k);
}

function mentions(text: string, name: string): number {
  if (!name.trim()) return 0;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name.trim()).replace(/\s+/gu, "\\s+")}(?![\\p{L}\\p{N}])`, "giu");
  return (text.match(re) ?? []).length;
}

function matching(text: string, publishers: PublisherInfo[]): PublisherInfo[] {
  const hits = publishers.filter((p) => Object.values(p.names).some((n) => mentions(text, n) > 0));
  // Drop a publisher whose child also matched (Oslo vs Bydel Sagene).
  return hits.filter((p) => !hits.some((q) => q.parent === p.id));
}

export function knownIdsText(publishers: PublisherInfo[]): string {
  return publishers.length
    ? publishers
        .map((p) => p.id)
        .sort()
        .join(", ")
    : "(none)";
}

export function choosePublisher(
  file: string,
  explicit: string | undefined,
  known: PublisherInfo[] | undefined,
  texts: { runningHeader?: string | undefined; title: string; body: string },
  language = "nb",
): PublisherChoice {
  const publishers = known ?? [];
  const ids = publishers.map((p) => p.id);
  if (explicit !== undefined) {
    if (known === undefined || ids.includes(explicit)) {
      return { id: explicit, how: "given with --publisher" };
    }
    const moved = movedTo(explicit, publishers);
    if (moved) return { id: moved.id, how: `given with --publisher: ${moved.why}` };
    const near = didYouMean(explicit, ids);
    throw new ImportError(
      file,
      "publisher",
      `unknown publisher "${explicit}"${near.length ? ` — did you mean ${near.map((n) => `"${n}"`).join(" or ")}?` : ""}`,
      `use one of the known publisher ids (${knownIdsText(publishers)}), or create content/${explicit}/_publisher.yaml first`,
    );
  }
  for (const [where, text] of [
    ["running header", texts.runningHeader ?? ""],
    ["title", texts.title],
  ] as const) {
    if (!text) continue;
    const found = matching(text, publishers);
    if (found.length === 1) {
      const p = found[0]!;
      const name = Object.values(p.names).find((n) => mentions(text, n) > 0)!;
      return { id: p.id, how: `matched "${name}" in the ${where}` };
    }
    if (found.length > 1) {
      throw new ImportError(
        file,
        "publisher",
        `the ${where} "${text}" matches several publishers (${found.map((p) => p.id).join(", ")})`,
        `choose one with --publisher ${found[0]!.id}`,
      );
    }
  }
  // Hints only: publishers the body mentions.
  const hints = publishers
    .map((p) => ({ p, n: Object.values(p.names).reduce((a, name) => a + mentions(texts.body, name), 0) }))
    .filter(({ n }) => n > 0)
    .sort((a, b) => b.n - a.n);
  const hint = hints.length
    ? ` The slides mention ${hints
        .slice(0, 3)
        .map(({ p, n }) => `${p.id} (${n}×)`)
        .join(", ")}.`
    : "";
  // An unknown publisher does not stop the work: propose one from the names the text states.
  // A proposal that is a known publisher's id is no new publisher: ask instead (the hints name it).
  const proposed = proposePublisher(texts, language);
  // A merged or renamed publisher is no new one: its documents go where it went.
  const moved = proposed && movedTo(proposed.id, publishers);
  if (proposed && moved) return { id: moved.id, how: `found "${proposed.names.nb}" in the text: ${moved.why}` };
  if (proposed && !ids.includes(proposed.id)) {
    return { id: proposed.id, how: `proposed from "${proposed.names.nb}" in the text — not a known publisher yet`, proposed };
  }
  throw new ImportError(
    file,
    "publisher",
    `cannot tell the publisher: neither the running header nor the title names one of the known publishers.${hint}`,
    `add --publisher ID (known ids: ${knownIdsText(publishers)})`,
  );
}

/**
 * `--force` over a document that exists: what the import says replaces what the document said, and what only the
 * document says is kept. An editor chooses a document's topics, writes its summary, its titleTranslations, its
 * key figures, its corrections (`changes`) and its movedFrom; the importer writes none of them (`topics: []`), so a
 * re-import, after the importer improved or the transcript was corrected, used to wipe them out. Recursively: a map
 * both have (`source`) keeps the keys only the document has (`source.url`). A field both have with another value
 * takes the import's, and is listed with what the document said, for the report.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Document, isMap, isScalar, isSeq, Pair, parseDocument, type YAMLMap } from "yaml";
import { normalizeText, splitFrontMatter } from "../content/front-matter.ts";
import { type EarlierImports, earlierImportNotes } from "./earlier.js";
import { ImportError } from "./errors.js";

export interface Replacement {
  /** Fields (dotted paths) taken from the document the import replaces. */
  kept: string[];
  /** Fields the import gave another value, with the value the document had, as JSON. */
  replaced: { field: string; was: string }[];
  /** Pictures whose description the document had and the import has not, kept. */
  keptAltTexts: number;
  /** Lines of the document's body that the import's body does not have (an editor's edits, or the source's). */
  bodyLinesReplaced: number;
}

/** A picture in a body: its description and address. */
const PICTURE = /!\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)/gu;

/**
 * The imported body with the descriptions an editor wrote for its pictures (the report asks for them) where the import
 * has none, the picture being the same file; and how many of the document's lines the result still lacks.
 */
function keepBody(existingBody: string, importedBody: string): { body: string; keptAltTexts: number; bodyLinesReplaced: number } {
  const described = new Map<string, string>();
  for (const [, alt, src] of existingBody.matchAll(PICTURE)) if (alt!.trim()) described.set(src!, alt!);
  let keptAltTexts = 0;
  const body = importedBody.replace(PICTURE, (whole, alt: string, src: string) => {
    const theirs = described.get(src);
    if (alt.trim() || theirs === undefined) return whole;
    keptAltTexts++;
    return `![${theirs}](${src})`;
  });
  const ours = new Set(body.split("\n").map((line) => line.trim()));
  const bodyLinesReplaced = existingBody.split("\n").filter((line) => line.trim() && !ours.has(line.trim())).length;
  return { body, keptAltTexts, bodyLinesReplaced };
}

const emptyValue = (node: unknown) =>
  node === undefined ||
  node === null ||
  (isScalar(node) && (node.value === null || node.value === "")) ||
  ((isSeq(node) || isMap(node)) && node.items.length === 0);

const json = (node: unknown) => JSON.stringify(node && typeof node === "object" && "toJSON" in node ? (node as { toJSON(): unknown }).toJSON() : node);

const keyOf = (pair: Pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));
const cloned = <T>(node: T): T => (node as { clone?: () => T }).clone?.() ?? node;

/** A kept field goes after the one it followed in the document, where the import has that one, so the editor's order stays. */
function keep(into: YAMLMap, from: YAMLMap, at: string, result: Replacement): void {
  let previous: string | undefined;
  for (const pair of from.items) {
    const key = keyOf(pair);
    const field = at ? `${at}.${key}` : key;
    const theirs = pair.value;
    const ours = into.get(key, true);
    if (emptyValue(theirs)) {
      if (ours !== undefined) previous = key;
      continue;
    }
    if (ours === undefined) {
      const after = previous === undefined ? -1 : into.items.findIndex((item) => keyOf(item) === previous);
      into.items.splice(after + 1, 0, new Pair(cloned(pair.key), cloned(theirs)));
      result.kept.push(field);
    } else if (emptyValue(ours)) {
      into.set(key, cloned(theirs));
      result.kept.push(field);
    } else if (isMap(ours) && isMap(theirs)) keep(ours, theirs, field, result);
    else if (json(ours) !== json(theirs)) result.replaced.push({ field, was: json(theirs) });
    previous = key;
  }
}

/**
 * The imported document (`imported`, front matter and body) with what only the existing one (`existing`, the
 * file's text) says kept in its front matter. Throws an ImportError (for `input`, shown as `shown`) when the
 * existing front matter cannot be read: fields would be lost.
 */
export function keepEditorFields(existing: string, imported: string, input: string, shown: string): { markdown: string; replacement: Replacement } {
  const ours = splitFrontMatter(imported);
  let theirs: Document.Parsed;
  try {
    theirs = parseDocument(splitFrontMatter(normalizeText(existing)).frontMatter);
    if (theirs.errors.length) throw new Error(theirs.errors[0]!.message);
  } catch (error) {
    throw new ImportError(
      input,
      "exists",
      `${shown} would be replaced, but its front matter cannot be read (${(error as Error).message.split("\n")[0]}), so what an editor wrote there would be lost`,
      "fix the file (npm run check names the line), or delete it to import afresh",
    );
  }
  const { body, keptAltTexts, bodyLinesReplaced } = keepBody(splitFrontMatter(normalizeText(existing)).body, ours.body);
  const result: Replacement = { kept: [], replaced: [], keptAltTexts, bodyLinesReplaced };
  const doc = parseDocument(ours.frontMatter);
  if (isMap(doc.contents) && isMap(theirs.contents)) keep(doc.contents, theirs.contents, "", result);
  if (!result.kept.length && !keptAltTexts) return { markdown: imported, replacement: result };
  // splitFrontMatter's body is the text's end, so the rest is the import's front matter as it wrote it.
  const frontMatter = result.kept.length ? `---\n${doc.toString({ lineWidth: 0 })}---\n` : imported.slice(0, imported.length - ours.body.length);
  return { markdown: `${frontMatter}${body}`, replacement: result };
}

/** The report's lines for a replacement (empty when the document was new). */
function formatReplacement(replacement: Replacement | undefined, shown: string): string[] {
  if (!replacement) return [];
  const lines = [`  replaces:        ${shown} (--force)`];
  if (replacement.kept.length) lines.push(`  kept from it:    ${replacement.kept.join(", ")}`);
  if (replacement.keptAltTexts) lines.push(`  kept from it:    the description of ${replacement.keptAltTexts} picture(s)`);
  for (const { field, was } of replacement.replaced) lines.push(`  changed:         ${field} (was ${was})`);
  if (replacement.bodyLinesReplaced)
    lines.push(
      `  body replaced:   ${replacement.bodyLinesReplaced} line(s) of its body are not in this import (an editor's corrections of headings, text or notes among them?): compare with git diff and copy back what should stay`,
    );
  return lines;
}

/** Why a replacement needs review (the import changed what the document said), as a list of one; empty when it changed nothing. */
function replacementReview(replacement: Replacement | undefined): string[] {
  if (!replacement) return [];
  return [
    ...(replacement.replaced.length ? [`changes what the document it replaces said in ${replacement.replaced.map((entry) => entry.field).join(", ")}`] : []),
    ...(replacement.bodyLinesReplaced ? [`replaces ${replacement.bodyLinesReplaced} line(s) of the body of the document it replaces`] : []),
  ];
}

/**
 * What an import of `input` meets in the content folder, for transcripts and originals alike: the document at its
 * `target` (replaced with --force, its editor's fields kept) and any it made from the same file under another name
 * (./earlier.ts). Returns the markdown to write, the report's lines and the review reasons; nothing met with --stdout.
 */
export function meetExisting(
  target: string,
  markdown: string,
  input: string,
  rel: (file: string) => string,
  earlierImports: EarlierImports,
  stdout: boolean,
): { markdown: string; lines: string[]; review: string[] } {
  if (stdout) return { markdown, lines: [], review: [] };
  let replacement: Replacement | undefined;
  if (existsSync(target)) ({ markdown, replacement } = keepEditorFields(readFileSync(target, "utf8"), markdown, input, rel(target)));
  const earlier = earlierImportNotes(earlierImports.of(path.dirname(target), path.basename(input), target), rel);
  return {
    markdown,
    lines: [...formatReplacement(replacement, rel(target)), ...earlier.lines],
    review: [...replacementReview(replacement), ...earlier.review],
  };
}

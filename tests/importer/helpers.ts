/** Shared helpers for the importer tests. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { importTranscript, type ImportOptions, type ImportResult } from "../../scripts/importer/index.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const fixturesDir = path.join(repoRoot, "tests/fixtures/transcripts");
/** The seed transcripts, kept in the repository as the bundled documents' provenance. */
export const seedsDir = path.join(repoRoot, "tests/fixtures/seeds");

export function fixture(name: string): Buffer {
  return readFileSync(path.join(fixturesDir, name));
}

export function seed(name: string): Buffer {
  return readFileSync(path.join(seedsDir, name));
}

/** Import with a dummy publisher unless options say otherwise. */
export function imp(input: string | Uint8Array, options: Partial<ImportOptions> = {}): ImportResult {
  return importTranscript(input, { fileName: "test.txt", publisher: "test", ...options });
}

/** A transcript in the nb site chrome around the given slide paragraphs. */
export function nbTranscript(title: string, slides: string[]): string {
  return [
    "Presentasjon lastes. Vennligst vent",
    "",
    "Presentasjon lastes. Vennligst vent",
    "",
    title,
    "",
    "Liknende presentasjoner",
    "",
    "",
    `Presentasjon om: "${title}"— Utskrift av presentasjonen:`,
    "",
    slides.join("\n\n"),
    "",
    "",
    `Laste ned ppt "${title}"`,
    "",
    "Liknende presentasjoner",
    "",
    "",
    "Annonser fra Google",
  ].join("\n");
}

/** Body of the Markdown (after the front-matter). */
export function bodyOf(markdown: string): string {
  const end = markdown.indexOf("\n---\n", 4);
  return markdown.slice(end + 5);
}

/** The `##` headings of a Markdown body, in order ('' for an empty heading). */
export function headings(markdown: string): string[] {
  return bodyOf(markdown)
    .split("\n")
    .filter((l) => /^##(\s|$)/u.test(l))
    .map((l) => l.replace(/^##\s?/u, ""));
}

/** Paragraphs of the body that are neither headings nor container fences. */
export function paragraphs(markdown: string): string[] {
  return bodyOf(markdown)
    .split(/\n{2,}/u)
    .flatMap((block) => block.split("\n"))
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("##") && !l.startsWith(":::"));
}

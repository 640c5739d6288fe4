/**
 * The build's "search" phase: indexes every document once with Pagefind's
 * Node API and writes one bundle per body language into the output folder
 * (`pagefind/nb/`, `pagefind/sv/` …). Pagefind never crawls the rendered
 * pages, so the nb and en page of a document do not become two records.
 * See docs/search.md.
 */
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import * as pagefind from "pagefind";
import type { ContentLanguage } from "../i18n/locales.ts";
import { bundleLanguages, recordHtml, SEARCH_BUNDLE_ROOT, type SearchRecord } from "./records.ts";

/** Files Pagefind writes for its ready-made UIs; Lysark has its own (assets/search.js). */
const UNUSED_FILES = /^pagefind-(?:component-ui|modular-ui|ui|highlight)\.(?:js|css)$/;

export interface SearchIndexStats {
  documents: number;
  languages: Array<{ language: ContentLanguage; documents: number; words: number; bytes: number }>;
  bytes: number;
}

export class SearchIndexError extends Error {}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : statSync(full).size;
  }
  return total;
}

/**
 * Drops what a browser never loads from a bundle: Pagefind's ready-made UIs, and
 * the WebAssembly builds of languages the bundle does not use (it always writes
 * a generic "unknown" one too).
 */
function removeUnusedFiles(bundle: string): void {
  const entry = JSON.parse(readFileSync(path.join(bundle, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { wasm?: string | null }> };
  const wasm = new Set(Object.values(entry.languages).map((language) => `wasm.${language.wasm ?? "unknown"}.pagefind`));
  for (const name of readdirSync(bundle)) {
    if (UNUSED_FILES.test(name) || (/^wasm\..+\.pagefind$/.test(name) && !wasm.has(name))) rmSync(path.join(bundle, name));
  }
}

/** Indexes `records` into `<outputDir>/pagefind/<language>/`. */
export async function writeSearchBundles(records: readonly SearchRecord[], outputDir: string): Promise<SearchIndexStats> {
  const root = path.join(outputDir, ...SEARCH_BUNDLE_ROOT.split("/").filter(Boolean));
  const stats: SearchIndexStats = { documents: records.length, languages: [], bytes: 0 };
  try {
    for (const language of bundleLanguages(records)) {
      const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
      if (!index) throw new SearchIndexError(`Pagefind could not start: ${errors.join("; ")}`);
      let words = 0;
      const inLanguage = records.filter((record) => record.language === language);
      for (const record of inLanguage) {
        const added = await index.addHTMLFile({ url: record.url, content: recordHtml(record) });
        if (added.errors.length) throw new SearchIndexError(`Pagefind could not index ${record.id}: ${added.errors.join("; ")}`);
        words += added.file.uniqueWords;
      }
      const bundle = path.join(root, language);
      const written = await index.writeFiles({ outputPath: bundle });
      if (written.errors.length) throw new SearchIndexError(`Pagefind could not write ${bundle}: ${written.errors.join("; ")}`);
      await index.deleteIndex();
      removeUnusedFiles(bundle);
      const bytes = folderBytes(bundle);
      stats.languages.push({ language, documents: inLanguage.length, words, bytes });
      stats.bytes += bytes;
    }
  } finally {
    await pagefind.close();
  }
  return stats;
}

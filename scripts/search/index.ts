/**
 * The build's "search" phase: indexes every document once with Pagefind's
 * Node API into one bundle, `pagefind/`, whatever the language of its body.
 * Pagefind never crawls the rendered pages, so the nb and en page of a
 * document do not become two records. See docs/search.md.
 */
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { CONTENT_LANGUAGES, type ContentLanguage } from "../i18n/locales.ts";
import { splitHeavyChunks } from "./chunks.ts";
import { buildVocabulary, recordCompoundParts, recordWords, withDictionary } from "./compounds.ts";
import { renameFragments } from "./fragments.ts";
import { dictionariesFor } from "./dictionaries.ts";
import {
  affixDictionariesFor,
  baseForms,
  ownLanguageStemmer,
  ownLanguageStems,
  queryStemmers,
  recordBaseFormsFrom,
  recordFormsFrom,
  type Stemmer,
} from "./inflections.ts";
import { recordHtml, SEARCH_BUNDLE, stemmerLanguage, type SearchRecord } from "./records.ts";
import { baseFormCacheFile, formTracer, siteBaseForms, siteVocabularyStems, siteWordForms, wordFormCacheFile } from "./site-forms.ts";
import { RecordWordSets } from "./word-sets.ts";
import { silentProgress, type Progress } from "../progress/progress.ts";

/** Records sent to Pagefind before waiting for its answers (docs/performance.md). */
const IN_FLIGHT = 64;

/** Files Pagefind writes for its ready-made UIs; Lysark has its own (assets/search.js). */
const UNUSED_FILES = /^pagefind-(?:component-ui|modular-ui|ui|highlight)\.(?:js|css)$/;

export interface SearchIndexStats {
  documents: number;
  /** The language whose stemmer indexed every document (none without documents). */
  stemmer: ContentLanguage | undefined;
  /** Documents per body language. */
  languages: Array<{ language: ContentLanguage; documents: number }>;
  words: number;
  bytes: number;
}

export interface SearchBundleOptions {
  /** Index as before issue 17: every text with one stemmer and nothing added (the benchmark's "today"). */
  plain?: boolean;
  /** Counts records as Pagefind takes them (`npm run build`'s progress line). */
  progress?: Progress;
  /** Where the word lists' compact form is kept between builds (`.cache/lysark/word-lists`, dictionaries.ts). */
  wordListCache?: string;
  /** Where each language's inflected forms are kept between builds (`.cache/lysark/word-forms`, site-forms.ts). */
  wordFormCache?: string;
  /**
   * Each record's words (`recordWords`) from an earlier call, by record object: the dev server keeps one
   * across rebuilds, so an edit reads the words of the records that changed only. A record must not be
   * changed in place once it is in here.
   */
  wordSets?: WeakMap<SearchRecord, Set<string>>;
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
 * Drops what a browser never loads from the bundle: Pagefind's ready-made UIs,
 * and the WebAssembly builds of languages the bundle does not use (it always
 * writes a generic "unknown" one too).
 */
function removeUnusedFiles(bundle: string): void {
  const entry = JSON.parse(readFileSync(path.join(bundle, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { wasm?: string | null }> };
  const wasm = new Set(Object.values(entry.languages).map((language) => `wasm.${language.wasm ?? "unknown"}.pagefind`));
  for (const name of readdirSync(bundle)) {
    if (UNUSED_FILES.test(name) || (/^wasm\..+\.pagefind$/.test(name) && !wasm.has(name))) rmSync(path.join(bundle, name));
  }
}

/**
 * Indexes `records` into `<outputDir>/pagefind/`, every text with one stemmer
 * (`stemmerLanguage`): one bundle, so a query loads one WebAssembly module, one
 * set of index chunks and one set of filters, not one per language. Without
 * records nothing is written, and the search page says search is unavailable.
 */
export async function writeSearchBundles(records: readonly SearchRecord[], outputDir: string, options: SearchBundleOptions = {}): Promise<SearchIndexStats> {
  const progress = options.progress ?? silentProgress;
  const bundle = path.join(outputDir, ...SEARCH_BUNDLE.split("/").filter(Boolean));
  const stemmer = stemmerLanguage(records);
  const stats: SearchIndexStats = {
    documents: records.length,
    stemmer,
    languages: CONTENT_LANGUAGES.map((language) => ({ language, documents: records.filter((record) => record.language === language).length })).filter(
      (language) => language.documents > 0,
    ),
    words: 0,
    bytes: 0,
  };
  if (!stemmer) return stats;
  // Imported when needed: a static import of Pagefind's package stops tsx's loader from loading the importing module in a
  // worker thread (the search phase runs on one, ../build/search-thread.ts), where a dynamic import works.
  const pagefind = await import("pagefind");
  const indexed = progress.phase("indexed", records.length, "documents");
  try {
    // forceLanguage overrides each record's <html lang> (the body's language, kept for
    // the language filter and excerpts), so every text and every query is stemmed alike.
    // Pagefind's process starts while this thread reads the words and the word lists below.
    const starting = pagefind.createIndex({ forceLanguage: stemmer });
    // Compound parts come from the whole site's vocabulary (compounds.ts).
    const known = options.wordSets;
    // Held compactly (word-sets.ts): every record's words are needed until the last record is indexed.
    const wordSets = new RecordWordSets();
    if (!options.plain) {
      for (const record of records) {
        let found = known?.get(record);
        if (!found) {
          found = recordWords(record);
          known?.set(record, found);
        }
        wordSets.add(found);
      }
    }
    // The site's distinct words, in the order a walk over every record meets them: what both need, without a Set per record.
    const siteWords = wordSets.distinct();
    const vocabulary = options.plain ? undefined : buildVocabulary([new Set(siteWords)], siteVocabularyStems(siteWords, options.wordFormCache).stems);
    // Inflected forms the bundle's stemmer cannot join, from each body language's dictionaries
    // (inflections.ts): each distinct word traced once for the site, or read from the cache (site-forms.ts).
    const formStemmers = queryStemmers(stemmer);
    const siteForms = new Map<string, Map<string, string[]>>();
    // Each language's base forms of the site's words and compound parts, found once or read from the cache (site-forms.ts).
    const siteBases = new Map<string, (word: string) => readonly string[]>();
    const basesFound = new Map<string, Map<string, string[]>>();
    // Each body language's own stemmer where it is not the bundle's, and the stems it gave.
    const ownStemmers = new Map<string, Stemmer>();
    const stemsFound = new Map<string, Map<string, string | undefined>>();
    // Each language's compound splits, word → parts (compounds.ts).
    const splits = new Map<string, Map<string, string[]>>();
    // Each record's compound parts, found before the dictionaries are cut, so that the parts'
    // base forms ("møllerne" → "mølle") are among the entries kept.
    const partsOf: string[][] = [];
    if (vocabulary) {
      for (const language of new Set(records.map((record) => record.language))) {
        // One lexicon per body language: the site's words and that language's word lists.
        const lexicon = withDictionary(vocabulary, dictionariesFor(language, options.wordListCache));
        const split = new Map<string, string[]>();
        splits.set(language, split);
        const words = new Set<string>();
        const ownWords = new Set<string>();
        records.forEach((record, i) => {
          if (record.language !== language) return;
          const own = wordSets.get(i);
          partsOf[i] = recordCompoundParts(own, lexicon, split);
          for (const word of own) {
            words.add(word);
            ownWords.add(word);
          }
          for (const part of partsOf[i]!) words.add(part);
        });
        const tracer = formTracer(language, stemmer);
        if (tracer) {
          const cacheFile = options.wordFormCache ? wordFormCacheFile(options.wordFormCache, language, stemmer) : undefined;
          siteForms.set(language, siteWordForms(ownWords, tracer, cacheFile).forms);
          // Every part of every split is among `words`; one that is not (none was seen) is looked up alone.
          for (const wordParts of split.values()) for (const part of wordParts) words.add(part);
          const bases = siteBaseForms(words, tracer, options.wordFormCache ? baseFormCacheFile(options.wordFormCache, language, stemmer) : undefined).bases;
          siteBases.set(language, (word) => bases.get(word) ?? baseForms(word, affixDictionariesFor(language, [word]), tracer.stemmers));
        }
        basesFound.set(language, new Map());
        stemsFound.set(language, new Map());
        const languageStemmer = ownLanguageStemmer(language, stemmer);
        if (languageStemmer) ownStemmers.set(language, languageStemmer);
      }
    }
    const { index, errors } = await starting;
    if (!index) throw new SearchIndexError(`Pagefind could not start: ${errors.join("; ")}`);
    // Records go to Pagefind's process IN_FLIGHT at a time, not one round trip each: the
    // main thread is busy rendering pages meanwhile, and every round trip waited for it.
    for (let start = 0; start < records.length; start += IN_FLIGHT) {
      await Promise.all(
        records.slice(start, start + IN_FLIGHT).map(async (record, offset) => {
          const parts = partsOf[start + offset];
          const own = parts ? wordSets.get(start + offset) : new Set<string>();
          const bases = siteBases.get(record.language);
          const extras = parts
            ? {
                compoundParts: parts,
                wordForms: formStemmers
                  ? [
                      ...new Set([
                        ...(siteForms.has(record.language) ? recordFormsFrom(own, siteForms.get(record.language)!) : []),
                        ...(bases
                          ? recordBaseFormsFrom(
                              own,
                              parts,
                              (word) => splits.get(record.language)!.get(word),
                              bases,
                              formStemmers,
                              basesFound.get(record.language),
                            )
                          : []),
                        ...(ownStemmers.has(record.language)
                          ? ownLanguageStems(own, ownStemmers.get(record.language)!, formStemmers, stemsFound.get(record.language))
                          : []),
                      ]),
                    ]
                  : [],
              }
            : {};
          const added = await index.addHTMLFile({ url: record.url, content: recordHtml(record, extras) });
          if (added.errors.length) throw new SearchIndexError(`Pagefind could not index ${record.id}: ${added.errors.join("; ")}`);
          stats.words += added.file.uniqueWords;
          indexed.tick();
        }),
      );
    }
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length) throw new SearchIndexError(`Pagefind could not write ${bundle}: ${written.errors.join("; ")}`);
    await index.deleteIndex();
  } finally {
    indexed.done();
    await pagefind.close();
  }
  removeUnusedFiles(bundle);
  // A frequent word's chunk is loaded only by queries for it (chunks.ts).
  if (!options.plain) splitHeavyChunks(bundle);
  // Pages named by their rank by date, and no sort table: a smaller metadata file for every query (fragments.ts).
  if (!options.plain) renameFragments(bundle);
  stats.bytes = folderBytes(bundle);
  return stats;
}

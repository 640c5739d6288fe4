/**
 * The build's "search" phase: indexes every document once into one Pagefind
 * bundle, `pagefind/`, whatever the language of its body, written by Lysark's
 * own writer (index-writer.ts, with Pagefind's stems) or by Pagefind's Node API.
 * Nothing crawls the rendered pages, so the nb and en page of a document do
 * not become two records. See docs/search.md.
 */
import { type ChildProcess, fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { workerModule } from "../content/worker-bundle.ts";
import { CONTENT_LANGUAGES, type ContentLanguage } from "../i18n/locales.ts";
import { splitHeavyChunks } from "./chunks.ts";
import { childProcesses, childrenExited, PAGEFIND_PROCESS } from "./child-processes.ts";
import { buildVocabulary, recordCompoundParts, recordWords, withDictionary } from "./compounds.ts";
import { renameFragments } from "./fragments.ts";
import type { SliceReply } from "./index-writer-process.ts";
import { type SliceTask, SliceWriter } from "./slice-writer.ts";
import { BundleJoin } from "./merge.ts";
import { eventLoopTurns } from "../content/event-loop-turns.ts";
import { dictionariesFor } from "./dictionaries.ts";
import { recordKeyboardForms } from "./keyboard-forms.ts";
import { baseForms, ownLanguageStemmer, ownLanguageStems, queryStemmers, recordBaseFormsFrom, recordFormsFrom, type Stemmer } from "./inflections.ts";
import { recordHashOf } from "./record-spool.ts";
import { recordHtml, searchBundleDir, searchSliceDir, stemmerLanguage, type SearchRecord } from "./records.ts";
import { baseFormCacheFile, formTracer, siteBaseForms, siteVocabularyStems, siteWordForms, wordFormCacheFile } from "./site-forms.ts";
import { inSliceOrder, SliceCache, sliceBounds, sliceKey } from "./slices.ts";
import { RecordWordSets } from "./word-sets.ts";
import { silentProgress, type Progress } from "../progress/progress.ts";

const WRITER_PROCESS = new URL("./index-writer-process.ts", import.meta.url).href;

/** Part of a kept slice's key when Lysark's writer wrote it: raise it when the writer writes otherwise. */
const INDEX_WRITER_VERSION = 5;

/** Records sent to Pagefind before waiting for its answers (docs/performance-log.md). */
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
  /** Pagefind processes started (0 without records, or when every slice came from the cache). */
  processes: number;
  /** Slices the records were indexed in (slices.ts), and how many of them came from the cache. */
  slices: number;
  slicesReused: number;
}

export interface SearchBundleOptions {
  /** Index as before issue 17: every text with one stemmer and nothing added (the benchmark's "today"). */
  plain?: boolean;
  /**
   * Who writes each slice's bundle: Lysark's writer (the default; index-writer.ts in processes of its own,
   * index-writer-process.ts), which writes the bundle Pagefind writes and takes only the stems from Pagefind, or
   * Pagefind's own processes ("pagefind", `LYSARK_INDEXER=pagefind`), which tokenise each record's HTML again and
   * took about twice the writer's CPU (docs/search.md, "An index writer of Lysark's own"). `plain` is always Pagefind's.
   */
  indexer?: "lysark" | "pagefind";
  /** Counts records as Pagefind takes them (`npm run build`'s progress line). */
  progress?: Progress;
  /**
   * How the loops over every record, and the join of every slice, let the event loop turn: by default once 20 ms
   * of work has passed (../content/event-loop-turns.ts), so a dev server indexing on its main thread still answers
   * an edit. Tests count the calls.
   */
  turn?: () => Promise<void> | undefined;
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
  /**
   * Pagefind processes that index the records' slices (slices.ts) at the same time, their
   * bundles joined into one (merge.ts). Default: `indexProcesses` of the records.
   */
  processes?: number;
  /**
   * Once `when` settles, the slices still waiting are indexed on up to `upTo` processes (default `indexProcesses` of
   * the records: one per core) when `processes` is fewer. A cold build starts one, as rendering its pages keeps the
   * other core busy, and takes another for the slices left once the pages are written (docs/search.md).
   */
  moreProcesses?: { upTo?: number; when: PromiseLike<unknown> };
  /** Records in a slice on average (slices.ts, SLICE_RECORDS); a site of fewer than four slices' worth is one slice. */
  sliceRecords?: number;
  /**
   * Join each slice's bundle as soon as it and the slices before it are in place, while later ones are
   * indexed (default), or only after the last one. The dev server indexes on the thread that renders an
   * edit's pages and takes the latter: the join's work, spread over the whole index build, held an edit's
   * pages back (0.15 s became 1.1–1.6 s at N = 5000, docs/search.md).
   */
  joinWhileIndexing?: boolean;
  /** Where each slice's bundle is kept between builds (`.cache/lysark/search-slices`, slices.ts). */
  sliceCache?: string;
  /**
   * The records array is the caller's to give up (the search thread's own copy, ../build/search-worker.ts): each entry
   * is set to undefined once its slice's pages are made, so the records are not all held until the index is written.
   */
  releaseRecords?: boolean;
}

/** The fewest records a Pagefind process of its own is started for: below, the process and the join cost more than they save. */
export const SLICE_MIN_RECORDS = 500;

/** How many Pagefind processes index `records` records: one per core, each with SLICE_MIN_RECORDS records or more. */
export function indexProcesses(records: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores, Math.floor(records / SLICE_MIN_RECORDS)));
}

export class SearchIndexError extends Error {}

const INDEXERS = ["lysark", "pagefind"] as const;

/** The indexer `LYSARK_INDEXER` names (Lysark's writer when it is not set); a misspelt name fails rather than being ignored. */
export function indexerFromEnvironment(value = process.env.LYSARK_INDEXER): (typeof INDEXERS)[number] {
  if (value === undefined || value === "") return "lysark";
  const indexer = INDEXERS.find((name) => name === value);
  if (!indexer) throw new SearchIndexError(`LYSARK_INDEXER is "${value}": use "lysark" (the default) or "pagefind", or leave it unset.`);
  return indexer;
}

/**
 * The URL of Pagefind's module, found where Node would look for the package. Not `import.meta.resolve`:
 * tsx loads this file as CommonJS on the build's search thread, where it is missing.
 */
function pagefindPackage(): { dir: string; version: string; entry: string } {
  for (const dir of createRequire(import.meta.url).resolve.paths("pagefind") ?? []) {
    const manifest = path.join(dir, "pagefind", "package.json");
    if (!existsSync(manifest)) continue;
    const { version, exports } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string; exports?: { ".": { import: string } } };
    const entry = exports?.["."].import;
    if (entry) return { dir: path.join(dir, "pagefind"), version, entry };
  }
  throw new SearchIndexError("Pagefind's package was not found: run npm install");
}

function pagefindUrl(): string {
  const { dir, entry } = pagefindPackage();
  return pathToFileURL(path.join(dir, entry)).href;
}

/** Pagefind's version: part of a kept slice's key, as another version may index the same page otherwise. */
const pagefindVersion = () => pagefindPackage().version;

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
  const bundle = searchBundleDir(outputDir);
  const stemmer = stemmerLanguage(records);
  const stats: SearchIndexStats = {
    documents: records.length,
    stemmer,
    languages: CONTENT_LANGUAGES.map((language) => ({ language, documents: records.filter((record) => record.language === language).length })).filter(
      (language) => language.documents > 0,
    ),
    words: 0,
    bytes: 0,
    processes: 0,
    slices: 0,
    slicesReused: 0,
  };
  if (!stemmer) return stats;
  // Imported when needed: a static import of Pagefind's package stops tsx's loader from loading the importing module in a
  // worker thread (the search phase runs on one, ../build/search-thread.ts), where a dynamic import works.
  const pagefind = await import("pagefind");
  const indexed = progress.phase("indexed", records.length, "documents");
  const closers: Array<() => Promise<unknown>> = [];
  // Pagefind's processes already running (another index's): the ones this call starts are waited for at its end.
  const otherPagefinds = new Set(childProcesses(PAGEFIND_PROCESS));
  const bounds = options.plain
    ? [[0, records.length] as [number, number]]
    : sliceBounds(
        records.map((record) => record.url),
        options.sliceRecords,
      );
  // The folders the slices' bundles are written to or restored in, when there is more than one (removed once joined).
  const sliceDirs = bounds.length > 1 ? bounds.map((_, k) => searchSliceDir(outputDir, k)) : [bundle];
  const cache = bounds.length > 1 && options.sliceCache ? new SliceCache(options.sliceCache) : undefined;
  // The slices' bundles joined into the one a single index would have written (merge.ts).
  const join = bounds.length > 1 ? new BundleJoin(bundle) : undefined;
  let sortOf: Map<string, SearchRecord["sort"]> | undefined;
  stats.slices = bounds.length;
  try {
    try {
      // Processes asked for (default one per core for a large site), at least one and no more than the slices.
      const processesFor = (asked: number | undefined) => Math.max(1, Math.min(asked ?? indexProcesses(records.length), bounds.length));
      const processes = options.plain ? 1 : processesFor(options.processes);
      // Pagefind processes, started when a slice first needs one; each copy of Pagefind's module (another URL,
      // so another module) starts a process of its own.
      const modules: Array<Promise<typeof pagefind>> = [];
      const moduleFor = (k: number) => {
        if (!modules[k]) {
          modules[k] = k === 0 ? Promise.resolve(pagefind) : (import(/* @vite-ignore */ `${pagefindUrl()}?slice=${k}`) as Promise<typeof pagefind>);
          closers.push(async () => (await modules[k]!).close());
        }
        return modules[k]!;
      };
      // forceLanguage overrides each record's <html lang> (the body's language, kept for
      // the language filter and excerpts), so every text and every query is stemmed alike.
      // What a kept slice's key names besides its pages: only read when there is a cache to key.
      const ownWriter = !options.plain && (options.indexer ?? indexerFromEnvironment()) === "lysark";
      const indexer = cache && `${ownWriter ? `lysark-writer ${INDEX_WRITER_VERSION} stems of ` : ""}pagefind ${pagefindVersion()} forceLanguage=${stemmer}`;
      // Compound parts come from the whole site's vocabulary (compounds.ts).
      const known = options.wordSets;
      // Held compactly (word-sets.ts): every record's words are needed until the last record is indexed.
      const wordSets = new RecordWordSets();
      // The loops over every record let the event loop turn: in the dev server this runs on the thread that answers an edit.
      const turn = options.turn ?? eventLoopTurns();
      if (!options.plain) {
        for (const record of records) {
          let found = known?.get(record);
          if (!found) {
            found = recordWords(record);
            known?.set(record, found);
          }
          wordSets.add(found);
          await turn();
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
      const partsOf: Array<string[] | undefined> = [];
      if (vocabulary) {
        for (const language of new Set(records.map((record) => record.language))) {
          // One lexicon per body language: the site's words and that language's word lists.
          const lexicon = withDictionary(vocabulary, dictionariesFor(language, options.wordListCache));
          await turn();
          const split = new Map<string, string[]>();
          splits.set(language, split);
          const words = new Set<string>();
          const ownWords = new Set<string>();
          for (const [i, record] of records.entries()) {
            if (record.language !== language) continue;
            const own = wordSets.get(i);
            partsOf[i] = recordCompoundParts(own, lexicon, split);
            for (const word of own) {
              words.add(word);
              ownWords.add(word);
            }
            for (const part of partsOf[i]!) words.add(part);
            await turn();
          }
          const tracer = formTracer(language, stemmer, options.wordListCache);
          if (tracer) {
            const cacheFile = options.wordFormCache ? wordFormCacheFile(options.wordFormCache, language, stemmer) : undefined;
            siteForms.set(language, siteWordForms(ownWords, tracer, cacheFile).forms);
            await turn();
            // Every part of every split is among `words`; one that is not (none was seen) is looked up alone.
            for (const wordParts of split.values()) for (const part of wordParts) words.add(part);
            const bases = siteBaseForms(words, tracer, options.wordFormCache ? baseFormCacheFile(options.wordFormCache, language, stemmer) : undefined).bases;
            siteBases.set(language, (word) => bases.get(word) ?? baseForms(word, tracer.dictionaries([word]), tracer.stemmers));
            await turn();
          }
          basesFound.set(language, new Map());
          stemsFound.set(language, new Map());
          const languageStemmer = ownLanguageStemmer(language, stemmer);
          if (languageStemmer) ownStemmers.set(language, languageStemmer);
        }
      }
      /** The page Pagefind is given for record `i`: its text, with the compound parts and word forms (keyboard forms among them) it is also found by. */
      const pageOf = (i: number) => {
        const record = records[i]!;
        const parts = partsOf[i];
        const own = parts ? wordSets.get(i) : new Set<string>();
        const bases = siteBases.get(record.language);
        const extras = parts
          ? {
              compoundParts: parts,
              wordForms: formStemmers
                ? [
                    ...new Set([
                      ...recordKeyboardForms(own),
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
                : recordKeyboardForms(own),
            }
          : {};
        // Lysark's writer reads the record itself, not the HTML, and a slice's key needs only what its bundle is made
        // of: the record (its hash covers its text) and what is added to it. A spooled record reads its texts from disk
        // at each access (record-spool.ts): a slice taken from the cache reads none of them, a slice written reads them
        // once, as its message to the writer is made.
        if (ownWriter)
          return { id: record.id, url: record.url, own: { record, extras }, html: undefined, made: `${recordHashOf(record)}\0${JSON.stringify(extras)}` };
        const html = recordHtml(record, extras);
        return { id: record.id, url: record.url, own: undefined, html, made: html };
      };
      // Lysark's writer: a process of its own per slot (index-writer-process.ts), started when a slice first needs it.
      const writers: ChildProcess[] = [];
      const writerFor = (k: number) => {
        if (!writers[k]) {
          const { filename, execArgv, bundled } = workerModule(WRITER_PROCESS);
          // fork takes a path: without a bundle the entry is named by its file URL, as a worker thread takes it.
          const child = fork(bundled ? filename : fileURLToPath(filename), [], {
            execArgv,
            serialization: "advanced",
            stdio: ["ignore", "inherit", "inherit", "ipc"],
          });
          writers[k] = child;
          closers.push(
            () =>
              new Promise<void>((resolve) => {
                if (child.exitCode !== null || child.signalCode !== null) return resolve();
                child.once("exit", () => resolve());
                child.disconnect();
              }),
          );
        }
        return writers[k]!;
      };
      // A site of one slice is written here: a process started for it cost more than its writing (0.2 s of a 3.5 s
      // build of the bundled content). Its stems come from a Pagefind process of this call's own (a copy of the module
      // under a URL of its own): two indexes built at once in one process (two dev sites in a test) shared module 0's,
      // and one's close, or a request of one to the process the other's close had replaced, left the other waiting.
      let hereWriter: SliceWriter | undefined;
      const writeHere = async (pages: ReadonlyArray<ReturnType<typeof pageOf>>, dir: string) => {
        if (!hereWriter) {
          const stemsModule = import(/* @vite-ignore */ `${pagefindUrl()}?stems=${randomUUID()}`) as Promise<typeof pagefind>;
          const writer = new SliceWriter(() => stemsModule);
          hereWriter = writer;
          closers.push(async () => {
            writer.dispose();
            await (await stemsModule).close();
          });
        }
        const words = await hereWriter.write({ dir, language: stemmer, pages: pages.map((page) => page.own!) });
        indexed.tick(pages.length);
        return words;
      };
      /** Writes one slice's bundle into `dir` on writer process `k`; returns the words on its pages. */
      const writeSlice = (k: number, pages: ReadonlyArray<ReturnType<typeof pageOf>>, dir: string) =>
        new Promise<number>((resolve, reject) => {
          const child = writerFor(k);
          const exited = (code: number | null, signal: string | null) =>
            reject(new SearchIndexError(`The search index's writer stopped (${signal ?? `status ${code}`}) while it wrote ${dir}`));
          child.once("exit", exited);
          child.once("message", (reply: SliceReply) => {
            child.off("exit", exited);
            if ("error" in reply) reject(new SearchIndexError(`The search index's writer could not write ${dir}: ${reply.error}`));
            else {
              indexed.tick(pages.length);
              resolve(reply.words);
            }
          });
          // A channel already closed (the process stopped) is reported here rather than as an uncaught error event.
          const task: SliceTask = { dir, language: stemmer, pages: pages.map((page) => page.own!), plainChunks: true };
          child.send(task, (error) => {
            if (error) reject(new SearchIndexError(`The search index's writer could not be sent ${dir}: ${error.message}`));
          });
        });
      /** Indexes one slice's pages on process `k` into `dir`; returns the words Pagefind counted. */
      const indexSlice = async (k: number, pages: ReadonlyArray<ReturnType<typeof pageOf>>, dir: string) => {
        const { index, errors } = await (await moduleFor(k)).createIndex({ forceLanguage: stemmer });
        if (!index) throw new SearchIndexError(`Pagefind could not start: ${errors.join("; ")}`);
        let words = 0;
        // IN_FLIGHT records at a time, not one round trip each: the main thread is busy rendering pages meanwhile,
        // and every round trip waited for it.
        for (let start = 0; start < pages.length; start += IN_FLIGHT) {
          await Promise.all(
            pages.slice(start, start + IN_FLIGHT).map(async (page) => {
              const added = await index.addHTMLFile({ url: page.url, content: page.html! });
              if (added.errors.length) throw new SearchIndexError(`Pagefind could not index ${page.id}: ${added.errors.join("; ")}`);
              words += added.file.uniqueWords;
              indexed.tick();
            }),
          );
        }
        const written = await index.writeFiles({ outputPath: dir });
        if (written.errors.length) throw new SearchIndexError(`Pagefind could not write ${dir}: ${written.errors.join("; ")}`);
        await index.deleteIndex();
        return words;
      };
      // Each slice's pages are made in turn and handed to the first free process, so no more than one slice per
      // process is held at once; a slice whose pages hash as a kept bundle's is restored instead (slices.ts).
      const free = Array.from({ length: processes }, (_, k) => k);
      const waiting: Array<() => void> = [];
      const more = options.plain ? undefined : options.moreProcesses;
      const most = more ? processesFor(more.upTo) : processes;
      if (more && most > processes)
        more.when.then(
          () => {
            for (let k = processes; k < most; k++) {
              free.push(k);
              waiting.shift()?.();
            }
          },
          // One that fails says nothing: the slices go on with the processes they have.
          () => undefined,
        );
      const running: Array<Promise<void>> = [];
      let failed: unknown;
      // Each slice's bundle is joined (merge.ts) once it and every slice before it are in place, while later
      // slices are still being indexed: only the joined word index, filters and metadata wait for the last slice.
      // Each writer's slice's URLs in page order, so the join need not read them from its fragments.
      const sliceUrls: Array<string[] | undefined> = [];
      const joining = join && options.joinWhileIndexing !== false ? inSliceOrder((k) => join.add(sliceDirs[k]!, sliceUrls[k])) : undefined;
      // What the join asks of a record at the end, taken now: the records themselves may be let go of slice by slice.
      sortOf = join && new Map(records.map((record) => [record.url, record.sort] as const));
      for (const [k, [from, to]] of bounds.entries()) {
        failed ??= joining?.failed;
        if (failed) break;
        const pages = Array.from({ length: to - from }, (_, i) => pageOf(from + i));
        if (ownWriter) sliceUrls[k] = pages.map((page) => page.url);
        // A slice's pages are all it needs of its records from here on.
        for (let i = from; i < to; i++) {
          partsOf[i] = undefined;
          if (options.releaseRecords) (records as Array<SearchRecord | undefined>)[i] = undefined;
        }
        const key = cache && sliceKey({ indexer: indexer!, pages });
        const restored = key === undefined ? undefined : cache!.restore(key, sliceDirs[k]!);
        if (restored !== undefined) {
          stats.words += restored;
          stats.slicesReused++;
          indexed.tick(pages.length);
          joining?.placed(k);
          continue;
        }
        while (!free.length) await new Promise<void>((resolve) => waiting.push(resolve));
        const slot = free.shift()!;
        running.push(
          (!ownWriter ? indexSlice(slot, pages, sliceDirs[k]!) : bounds.length === 1 ? writeHere(pages, sliceDirs[k]!) : writeSlice(slot, pages, sliceDirs[k]!))
            .then((words) => {
              stats.words += words;
              if (key !== undefined) cache!.store(key, sliceDirs[k]!, words);
              joining?.placed(k);
            })
            .catch((error: unknown) => {
              failed ??= error;
            })
            .finally(() => {
              free.push(slot);
              waiting.shift()?.();
            }),
        );
      }
      await Promise.all(running);
      if (!failed && join && !joining) await join.addAll(sliceDirs, sliceUrls, turn);
      await joining?.done();
      failed ??= joining?.failed;
      if (failed) throw failed;
      // Lysark's writer written here: its one process is Pagefind's for the stems.
      stats.processes = ownWriter ? writers.length || (hereWriter ? 1 : 0) : modules.length;
    } finally {
      indexed.done();
      // Before the join's last step, which holds the whole word index: Pagefind's processes hold memory until they exit.
      for (const close of closers) await close();
      // Pagefind's `close` kills its process without waiting: a build that ended first left it running.
      await childrenExited(PAGEFIND_PROCESS, 1000, otherPagefinds);
    }
    if (join) {
      // The joined bundle's word index is cut into chunks as splitHeavyChunks cuts Pagefind's (merge.ts).
      await join.finish((url, key) => {
        const value = sortOf?.get(url)?.[key];
        if (value === undefined) throw new SearchIndexError(`Pagefind's bundle has a page ${url} with a sort key "${key}" that no record gave it`);
        return value;
      });
      cache?.prune();
    }
  } finally {
    // Once the processes are stopped, whether the build failed or the slices were joined.
    for (const dir of sliceDirs) if (dir !== bundle) rmSync(dir, { recursive: true, force: true });
  }
  removeUnusedFiles(bundle);
  // A frequent word's chunk is loaded only by queries for it (chunks.ts); a merged bundle's already is.
  if (!options.plain && bounds.length < 2) splitHeavyChunks(bundle);
  // Pages named by their rank by date, and no sort table: a smaller metadata file for every query (fragments.ts).
  if (!options.plain) renameFragments(bundle);
  stats.bytes = folderBytes(bundle);
  return stats;
}

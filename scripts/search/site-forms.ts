/**
 * The inflected forms of a site's words (inflections.ts), traced once per
 * distinct word for the whole site, and kept between builds in the build cache
 * (`.cache/lysark/word-forms/<language>-<stemmer>.json`); so are the stems each
 * word brings to the compound splitter's vocabulary (compounds.ts,
 * `vocabulary-stems.json`).
 *
 * A word's forms depend on the word, its language's dictionaries and the
 * bundle's stemmer only, never on the other words of the site, so a word traced
 * once serves every record that holds it, and a later build with the same
 * dictionaries, stemmers and code. A build whose words are all in the cache
 * reads neither the `.dic` files nor any affix rule; a build with new words
 * traces only those. The index is the same with and without the cache.
 *
 * The file is one line of header (format, key, SHA-256 of the rest), then the
 * words as JSON. The key covers the language, the stemmer, the dictionary
 * files (path, size, time, package version), the stemmers' package and this
 * code (inflections.ts and this file); an entry whose key or hash does not
 * match, or that does not parse, is traced again and rewritten, never used.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inVocabulary, vocabularyStems } from "./compounds.ts";
import {
  affixDictionariesFor,
  affixFiles,
  baseForms,
  mayHaveForms,
  queryStemmers,
  type AffixDictionary,
  type QueryStemmers,
  unjoinedForms,
} from "./inflections.ts";

/** Bump when the file's layout changes (what it holds is keyed by the code itself). */
const FORMAT = 1;

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** How one language's words are traced: what the forms depend on (`key`), and the tracing itself. */
export interface FormTracer {
  /** Everything a word's forms depend on besides the word. */
  key: string;
  stemmers: QueryStemmers;
  /** The dictionaries, asked for only when some words (`words`) are not cached. */
  dictionaries(words: readonly string[]): readonly AffixDictionary[];
}

/** Where the cache entry of bodies in `language` in a bundle stemmed as `stemmer` is kept. */
export function wordFormCacheFile(cacheDir: string, language: string, stemmer: string): string {
  return path.join(cacheDir, `${language}-${stemmer}.json`);
}

const require = createRequire(import.meta.url);

function packageVersion(file: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(path.dirname(file), "package.json"), "utf8")) as { version?: string }).version ?? "";
  } catch {
    return "";
  }
}

const codeHashes = new Map<string, string>();
/** The hash of this file's and the named modules' code (what they compute is keyed by it). */
function codeOf(...modules: string[]): string {
  const name = modules.join(",");
  let hash = codeHashes.get(name);
  if (!hash) {
    const files = [fileURLToPath(import.meta.url), ...modules.map((module) => fileURLToPath(new URL(`./${module}`, import.meta.url)))];
    codeHashes.set(name, (hash = sha256(files.map((file) => readFileSync(file, "utf8")).join("\0"))));
  }
  return hash;
}

function snowballPackage(): [string, string] {
  const snowball = require.resolve("snowball-stemmers");
  return [snowball, packageVersion(snowball)];
}

/**
 * The tracer for bodies in `language` in a bundle stemmed as `stemmer`, from the
 * dictionary packages (inflections.ts, their entries kept in `cacheDir` too); none when either has no dictionary or stemmer.
 */
export function formTracer(language: string, stemmer: string, cacheDir?: string): FormTracer | undefined {
  const stemmers = queryStemmers(stemmer);
  const files = affixFiles(language);
  if (!stemmers || !files.length) return undefined;
  const key = sha256(
    JSON.stringify([
      FORMAT,
      language,
      stemmer,
      files.map((file) => {
        const { size, mtimeMs } = statSync(file);
        return [path.resolve(file), packageVersion(file), size, mtimeMs];
      }),
      snowballPackage(),
      // inflections.ts reads the dictionaries through dictionaries.ts (where a .dic line's word ends, which words are plain).
      codeOf("inflections.ts", "dictionaries.ts"),
    ]),
  );
  return { key, stemmers, dictionaries: () => affixDictionariesFor(language, cacheDir) };
}

/** The values a sound cache entry with this key holds; undefined for a missing, stale or damaged one. */
function readCached(file: string, key: string): Map<string, string[]> | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const newline = text.indexOf("\n");
  if (newline < 0) return undefined;
  try {
    const header = JSON.parse(text.slice(0, newline)) as { format?: unknown; key?: unknown; sha256?: unknown };
    const body = text.slice(newline + 1);
    if (header.format !== FORMAT || header.key !== key || header.sha256 !== sha256(body)) return undefined;
    const words = JSON.parse(body) as unknown;
    if (!words || typeof words !== "object" || Array.isArray(words)) return undefined;
    const forms = new Map<string, string[]>();
    for (const [word, list] of Object.entries(words as Record<string, unknown>)) {
      if (!Array.isArray(list) || !list.every((form) => typeof form === "string")) return undefined;
      forms.set(word, list as string[]);
    }
    return forms;
  } catch {
    return undefined;
  }
}

/** Writes the entry beside and renames it into place; a cache that cannot be written costs the next build time, never this one's output. */
function writeCached(file: string, key: string, forms: ReadonlyMap<string, readonly string[]>): void {
  const body = JSON.stringify(Object.fromEntries(forms));
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify({ format: FORMAT, key, sha256: sha256(body) })}\n${body}`);
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/** How a site's values were had: all from the cache, some traced, or all traced. */
export type FormSource = "cache" | "partly" | "traced";

/** One value per word, computed once for the site or read from the cache. */
interface PerWord {
  key: string;
  /** Whether a word has a value at all (the others are neither computed nor kept). */
  wanted(word: string): boolean;
  /** How to compute the values of the words the cache does not hold. */
  compute(missing: readonly string[]): (word: string) => string[];
}

/** Each wanted word of `words`, in order, with its value: from `cacheFile` when it holds it; the entry rewritten with exactly these words when any had to be computed. */
function perWord(words: Iterable<string>, what: PerWord, cacheFile: string | undefined): { values: Map<string, string[]>; source: FormSource } {
  const cached = cacheFile ? readCached(cacheFile, what.key) : undefined;
  const values = new Map<string, string[]>();
  const missing: string[] = [];
  for (const word of words) {
    if (!what.wanted(word) || values.has(word)) continue;
    const known = cached?.get(word);
    if (known) values.set(word, known);
    else {
      // Held in order: a placeholder now, the computed value below.
      values.set(word, []);
      missing.push(word);
    }
  }
  if (!missing.length) return { values, source: "cache" };
  const compute = what.compute(missing);
  for (const word of missing) values.set(word, compute(word));
  if (cacheFile) writeCached(cacheFile, what.key, values);
  return { values, source: missing.length === values.size ? "traced" : "partly" };
}

/**
 * Each word of `words` that may have forms, with the forms to add for it (inflections.ts
 * `unjoinedForms`), each traced once. With `cacheFile`, the words it holds are taken from it, and
 * when any word had to be traced the entry is rewritten with exactly this site's words.
 */
export function siteWordForms(words: Iterable<string>, tracer: FormTracer, cacheFile?: string): { forms: Map<string, string[]>; source: FormSource } {
  const { values, source } = perWord(
    words,
    {
      key: tracer.key,
      wanted: mayHaveForms,
      compute: (missing) => {
        const dictionaries = tracer.dictionaries(missing);
        return (word) => unjoinedForms(word, dictionaries, tracer.stemmers);
      },
    },
    cacheFile,
  );
  return { forms: values, source };
}

/** Where the base forms of bodies in `language` in a bundle stemmed as `stemmer` are kept. */
export function baseFormCacheFile(cacheDir: string, language: string, stemmer: string): string {
  return path.join(cacheDir, `${language}-${stemmer}-base.json`);
}

/**
 * Each word of `words` (a site's words and compound parts) with its base forms (inflections.ts
 * `baseForms`), each found once, kept in `cacheFile` as the forms are: a build whose words are all
 * there reads no dictionary for them.
 */
export function siteBaseForms(words: Iterable<string>, tracer: FormTracer, cacheFile?: string): { bases: Map<string, string[]>; source: FormSource } {
  const { values, source } = perWord(
    words,
    {
      key: sha256(`${tracer.key}\0base-forms`),
      wanted: () => true,
      compute: (missing) => {
        const dictionaries = tracer.dictionaries(missing);
        return (word) => baseForms(word, dictionaries, tracer.stemmers);
      },
    },
    cacheFile,
  );
  return { bases: values, source };
}

/**
 * The stems each word of the site's vocabulary brings with it (compounds.ts `vocabularyStems`, three
 * Snowball stemmers a word), kept in `<cacheDir>/vocabulary-stems.json` like the forms.
 */
export function siteVocabularyStems(words: Iterable<string>, cacheDir?: string): { stems: Map<string, string[]>; source: FormSource } {
  const key = sha256(JSON.stringify([FORMAT, "vocabulary-stems", snowballPackage(), codeOf("compounds.ts")]));
  const { values, source } = perWord(
    words,
    { key, wanted: inVocabulary, compute: () => vocabularyStems },
    cacheDir && path.join(cacheDir, "vocabulary-stems.json"),
  );
  return { stems: values, source };
}

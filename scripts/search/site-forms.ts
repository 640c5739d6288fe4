/**
 * The inflected forms of a site's words (inflections.ts), traced once per
 * distinct word for the whole site, and kept between builds in the build cache
 * (`.cache/lysark/word-forms/<language>-<stemmer>.json`).
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
import { affixDictionariesFor, affixFiles, mayHaveForms, queryStemmers, type AffixDictionary, type QueryStemmers, unjoinedForms } from "./inflections.ts";

/** Bump when the file's layout changes (what it holds is keyed by the code itself). */
const FORMAT = 1;

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** How one language's words are traced: what the forms depend on (`key`), and the tracing itself. */
export interface FormTracer {
  /** Everything a word's forms depend on besides the word. */
  key: string;
  stemmers: QueryStemmers;
  /** The dictionaries cut to the entries `words` may be forms of (read only when some word is not cached). */
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

let codeHash: string | undefined;
/** The code that traces forms: this file and inflections.ts. */
function tracingCode(): string {
  codeHash ??= sha256(
    [fileURLToPath(import.meta.url), fileURLToPath(new URL("./inflections.ts", import.meta.url))].map((file) => readFileSync(file, "utf8")).join("\0"),
  );
  return codeHash;
}

/**
 * The tracer for bodies in `language` in a bundle stemmed as `stemmer`, from the
 * dictionary packages (inflections.ts); none when either has no dictionary or stemmer.
 */
export function formTracer(language: string, stemmer: string): FormTracer | undefined {
  const stemmers = queryStemmers(stemmer);
  const files = affixFiles(language);
  if (!stemmers || !files.length) return undefined;
  const snowball = require.resolve("snowball-stemmers");
  const key = sha256(
    JSON.stringify([
      FORMAT,
      language,
      stemmer,
      files.map((file) => {
        const { size, mtimeMs } = statSync(file);
        return [path.resolve(file), packageVersion(file), size, mtimeMs];
      }),
      [snowball, packageVersion(snowball)],
      tracingCode(),
    ]),
  );
  return { key, stemmers, dictionaries: (words) => affixDictionariesFor(language, words) };
}

/** The forms a sound cache entry with this key holds; undefined for a missing, stale or damaged one. */
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

/** How a site's forms were had: all from the cache, some traced, or all traced. */
export type FormSource = "cache" | "partly" | "traced";

/**
 * Each word of `words` that may have forms, with the forms to add for it (inflections.ts
 * `unjoinedForms`), each traced once. With `cacheFile`, the words it holds are taken from it, and
 * when any word had to be traced the entry is rewritten with exactly this site's words.
 */
export function siteWordForms(words: Iterable<string>, tracer: FormTracer, cacheFile?: string): { forms: Map<string, string[]>; source: FormSource } {
  const cached = cacheFile ? readCached(cacheFile, tracer.key) : undefined;
  const forms = new Map<string, string[]>();
  const missing: string[] = [];
  for (const word of words) {
    if (!mayHaveForms(word) || forms.has(word)) continue;
    const known = cached?.get(word);
    if (known) forms.set(word, known);
    else {
      // Held in order: a placeholder now, the traced forms below.
      forms.set(word, []);
      missing.push(word);
    }
  }
  if (!missing.length) return { forms, source: "cache" };
  const dictionaries = tracer.dictionaries(missing);
  for (const word of missing) forms.set(word, unjoinedForms(word, dictionaries, tracer.stemmers));
  if (cacheFile) writeCached(cacheFile, tracer.key, forms);
  return { forms, source: missing.length === forms.size ? "traced" : "partly" };
}

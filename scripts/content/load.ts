/**
 * Loads and validates everything under content/: registries, publishers and
 * documents. Every problem is collected (never just the first), and each
 * document body is rendered here exactly once.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { FrontMatterError, normalizeText, splitFrontMatter, type SplitFile } from "./front-matter.ts";
import { renderBody, type RenderedBody } from "./markdown.ts";
import { didYouMean, sortProblems, type Problem } from "./problems.ts";
import { decodeContentFile, TextFileError } from "./read-text.ts";
import { fnv1a } from "./fnv1a.ts";
import {
  documentSchema,
  ID_PATTERN,
  indicatorRegistrySchema,
  publisherSchema,
  topicRegistrySchema,
  type DocumentMeta,
  type Indicator,
  type Publisher,
  type Topic,
} from "./schema.ts";
import { checkKeyFigures } from "../keyfigures/rules.ts";
import { checkKeyFiguresAcrossDocuments } from "../keyfigures/cross-document.ts";
import { schemaProblems } from "./validate.ts";
import { parseYamlSource, type YamlSource } from "./yaml-source.ts";
import { checkMovedDocuments, checkMovedPublishers, documentAddress, movedAddresses, movedPublisherIds, publisherMovedNote } from "./moved.ts";
import { basePathOf } from "./base-path.ts";
import { loadSiteConfig } from "./site-config.ts";
import { checkRepeatedDocuments, partPrints } from "./repeated.ts";
import { slugify } from "./slug.ts";
import { UI_LOCALES } from "../i18n/locales.ts";
import { urlFor } from "../i18n/routes.ts";
import { createImageRenderer } from "../images/images.ts";
import { checkAttachments } from "../publish/attachments.ts";
import { silentProgress, type Progress } from "../progress/progress.ts";
import { forbiddenCharacter, forbiddenCharacterMessage, LIMITS } from "./limits.ts";
import { contentRealRoot, resolveContentFile, resolveContentFolder } from "./safe-path.ts";
import type { DocumentCache } from "./document-cache.ts";
import { DROPPED_BODY, outlineOf, SharedOutlineParts, writeBody } from "./body-store.ts";
import { documentTerms, relatedText } from "./terms.ts";

export type { LoadedDocument, SiteContent } from "./loaded.ts";
import type { LoadedDocument, Registries, SiteContent } from "./loaded.ts";

import { PUBLISHER_FILE, REGISTRY_DIR } from "./folder-names.ts";
export { PUBLISHER_FILE, REGISTRY_DIR };

export interface LoadResult {
  site: SiteContent;
  problems: Problem[];
}

export interface LoadOptions {
  /** Root that reported file paths are relative to (default: the content folder's parent). */
  root?: string;
  /** Reuse documents parsed by an earlier load whose bytes have not changed (the dev server's rebuilds). */
  cache?: ContentCache;
  /**
   * Called with each document that passed its own checks, and its publisher, as
   * soon as it is loaded (cross-document checks come after all are loaded), so
   * work on it can start while the rest load: the build draws social cards.
   * `extra` is what the pool's worker made of a document it loaded (PoolOptions.worker in ./pool.ts).
   */
  onDocument?: (document: LoadedDocument, publisher: Publisher, extra?: unknown) => void;
  /** Counts documents validated (npm run build and check show it). */
  progress?: Progress;
  /** The build cache on disk: a document whose bytes and build code are unchanged is not loaded again (./document-cache.ts). */
  documentCache?: DocumentCache;
  /**
   * Write each rendered body into this folder and keep only its outline and a
   * reference (./body-store.ts), so the loaded content holds metadata only;
   * without it, bodies stay in memory (the dev server, tests).
   */
  bodyDir?: string;
  /**
   * Keep only each body's outline, and drop the rest once the document's checks are done (`npm run
   * check`, which renders no page): the loaded content then holds metadata only without writing
   * bodies anywhere. `readBody` refuses such a document. Ignored with `bodyDir`.
   */
  outlineOnly?: boolean;
}

interface ParsedDocument {
  slug: string;
  split: ReturnType<typeof splitFrontMatter>;
  source: YamlSource;
  meta: DocumentMeta | undefined;
  raw: Record<string, unknown>;
  body: RenderedBody;
  images: ReturnType<typeof createImageRenderer>;
}

/**
 * Parsed documents (YAML, schema, Markdown) by file, with the problems parsing
 * found, reused while a file's bytes stay the same. Compared by content, not
 * by mtime: file systems with 1–2 s timestamps would miss a quick second save.
 * A body with images is not kept, as it also depends on the image files.
 */
export class ContentCache {
  readonly entries = new Map<string, { bytes: Buffer; problems: Problem[]; parsed: ParsedDocument | undefined }>();
  /** Documents reused and parsed by the last load. */
  hits = 0;
  misses = 0;
  /** What the last loadContent (or reloadDocuments) through this cache read, for reloadDocuments. */
  last: LastLoad | undefined;
}

/**
 * One whole load, kept by the dev server's cache: the registries, publishers and
 * their problems, and each document file's own result (its document and the
 * problems its own checks found), in the order loadContent reads them.
 */
interface LastLoad {
  contentDir: string;
  prepared: Prepared;
  /** Problems found before any document was read (registries, publishers, files that are not read). */
  prepareProblems: Problem[];
  files: Array<{ folder: string; file: string; document: LoadedDocument | undefined; problems: Problem[] }>;
  /** Each document file's place in `files`. */
  index: Map<string, number>;
  /** The documents as the load returned them, newest first. */
  sorted: LoadedDocument[];
}

class Collector {
  readonly problems: Problem[] = [];
  /** The content folder's realpath: no file outside it is read. */
  contentRoot = "";
  constructor(readonly root: string) {}
  rel(file: string): string {
    return path.relative(this.root, file).split(path.sep).join("/");
  }
  add(file: string, line: number, col: number, field: string, message: string, severity: Problem["severity"] = "error") {
    this.problems.push({ file: this.rel(file), line, col, field, message, severity });
  }
}

/** Reads a file inside the content folder as text; on failure records the problem and returns undefined. */
function readText(file: string, out: Collector, bytes?: Buffer, whenEmpty?: string): string | undefined {
  if (!bytes) {
    const resolved = resolveContentFile(out.contentRoot, file);
    if (!resolved.ok) {
      out.add(file, 1, 1, "", resolved.problem.replace(/^the file /, ""));
      return undefined;
    }
    file = resolved.real;
  }
  try {
    return normalizeText(decodeContentFile(bytes ?? readFileSync(file), whenEmpty));
  } catch (error) {
    if (error instanceof TextFileError) {
      out.add(file, error.line, 1, "", error.message);
      return undefined;
    }
    throw error;
  }
}

/**
 * Parses YAML, reporting syntax errors and characters that cannot be published. Undefined when it has either; with
 * `dirtyEntries`, a list whose entries hold such characters is still returned, their indexes added there.
 */
function parseYaml(file: string, text: string, firstLine: number, out: Collector, dirtyEntries?: Set<number>): YamlSource | undefined {
  const source = parseYamlSource(text, firstLine);
  for (const error of source.errors) out.add(file, error.line, error.col, "", `YAML syntax error: ${error.message}`);
  if (source.errors.length) return undefined;
  // YAML escapes ("\u0007") can produce characters the file itself does not show.
  let clean = true;
  const visit = (value: unknown, at: PropertyKey[]) => {
    if (typeof value === "string") {
      const found = forbiddenCharacter(value);
      if (found) {
        const where = source.locate(at);
        out.add(file, where.line, where.col, at.map(String).join("."), forbiddenCharacterMessage(found.code));
        clean = false;
        if (typeof at[0] === "number") dirtyEntries?.add(at[0]);
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(item, [...at, index]);
      });
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        if (forbiddenCharacter(key)) {
          const where = source.locate(at);
          out.add(file, where.line, where.col, at.map(String).join("."), `a field name ${forbiddenCharacterMessage(forbiddenCharacter(key)!.code)}`);
          clean = false;
          if (typeof at[0] === "number") dirtyEntries?.add(at[0]);
        }
        visit(item, [...at, key]);
      }
    }
  };
  visit(source.value, []);
  return clean || (dirtyEntries && Array.isArray(source.value)) ? source : undefined;
}

function validateYaml<T>(file: string, schema: z.ZodType<T>, source: YamlSource, out: Collector): T | undefined {
  const result = schema.safeParse(source.value ?? {});
  if (result.success) return result.data;
  for (const problem of schemaProblems(out.rel(file), schema, result.error.issues, source)) out.problems.push(problem);
  return undefined;
}

/** Ids of a registry's entries that have errors; "all" when the registry could not be read as a list at all. */
type BrokenIds = ReadonlySet<string> | "all";

/**
 * A registry's entries, and the ids of the entries that have errors. The good entries are kept when others are not:
 * one bad label used to throw the whole registry away, and every document then had an "unknown topic" error for each
 * of its topics (1 real error and 18 false ones for one control character).
 */
function loadRegistry<T extends { id: string }>(file: string, schema: z.ZodArray<z.ZodType<T>>, out: Collector): { entries: T[]; broken: BrokenIds } {
  const broken = new Set<string>();
  // A registry that cannot be read as a list has no entry to name: every reference to it waits for the fix.
  const unreadable: { entries: T[]; broken: BrokenIds } = { entries: [], broken: "all" };
  try {
    statSync(file);
  } catch {
    out.add(file, 1, 1, "", `registry file is missing. Create it (a YAML list of entries with id and labels); see docs/content-model.md.`);
    return unreadable;
  }
  const text = readText(
    file,
    out,
    undefined,
    "is empty. Write its entries as a YAML list, each with an id and labels (see docs/content-model.md), or [] for none.",
  );
  if (text === undefined) return unreadable;
  const dirty = new Set<number>();
  const source = parseYaml(file, text, 1, out, dirty);
  if (!source) return unreadable;
  if (!Array.isArray(source.value)) {
    validateYaml(file, schema, source, out);
    return unreadable;
  }
  // Entry by entry, each problem at its place in the list as the whole list's check would give it.
  const entries: Array<[number, T]> = [];
  source.value.forEach((item: unknown, index) => {
    const entry = dirty.has(index) ? undefined : schema.element.safeParse(item);
    if (entry?.success) {
      entries.push([index, entry.data]);
      return;
    }
    if (entry) {
      const issues = entry.error.issues.map((issue) => ({ ...issue, path: [index, ...issue.path] }));
      out.problems.push(...schemaProblems(out.rel(file), schema, issues, source));
    }
    if (item && typeof item === "object" && typeof (item as { id?: unknown }).id === "string") broken.add((item as { id: string }).id);
  });
  const seen = new Set<string>();
  for (const [index, entry] of entries) {
    if (seen.has(entry.id)) {
      const at = source.locate([index, "id"]);
      out.add(file, at.line, at.col, `${index}.id`, `duplicate id "${entry.id}". Each id must appear once.`);
    }
    seen.add(entry.id);
  }
  return { entries: entries.map(([, entry]) => entry), broken };
}

/**
 * A document's reference to a registry entry that has errors of its own: the entry's problem is reported, and the
 * document is not loaded, but "unknown topic" would be false (the topic is listed, with a mistake in it).
 */
function namesBrokenEntry(problem: Problem, broken: Prepared["brokenIds"]): boolean {
  const named = /^unknown (topic|indicator|publisher) "([^"]*)"/u.exec(problem.message);
  if (!named) return false;
  const among = (ids: BrokenIds) => ids === "all" || ids.has(named[2]!);
  if (named[1] === "topic") return /^topics\.\d+$/u.test(problem.field) && among(broken.topics);
  // A document's publisher, or a publisher's parent or successor.
  if (named[1] === "publisher")
    return (problem.field === "publisher" || problem.field === "parent" || problem.field === "successor") && among(broken.publishers);
  return /^keyFigures\.\d+\.indicator$/u.test(problem.field) && among(broken.indicators);
}

function byDateDesc(a: LoadedDocument, b: LoadedDocument): number {
  const da = a.meta.date === "unknown" ? "" : a.meta.date;
  const db = b.meta.date === "unknown" ? "" : b.meta.date;
  if (da !== db) return da < db ? 1 : -1;
  if (a.meta.title !== b.meta.title) return a.meta.title < b.meta.title ? -1 : 1;
  return a.file < b.file ? -1 : 1;
}

/** Registries, publishers and the list of document files: what every document's own checks need. */
interface Prepared {
  out: Collector;
  root: string;
  topics: Topic[];
  indicators: Indicator[];
  publishers: Publisher[];
  publishersById: Map<string, Publisher>;
  known: Known;
  documentFiles: Array<{ folder: string; file: string }>;
  /**
   * Ids of registry entries with errors (loadRegistry), and the folders whose publisher file is missing or has errors:
   * a document (or a publisher's parent) naming one gets no "unknown" problem for it, its own error being reported.
   */
  brokenIds: { topics: BrokenIds; indicators: BrokenIds; publishers: ReadonlySet<string> };
}

function prepareContent(contentDir: string, options: LoadOptions): Prepared {
  const root = options.root ?? path.dirname(path.resolve(contentDir));
  const out = new Collector(root);
  out.contentRoot = contentRealRoot(contentDir);
  const registryDir = path.join(contentDir, REGISTRY_DIR);
  warnUnreadRegistryFiles(registryDir, out);
  const { entries: topics, broken: brokenTopics } = loadRegistry(path.join(registryDir, "topics.yaml"), topicRegistrySchema, out);
  const { entries: indicators, broken: brokenIndicators } = loadRegistry(path.join(registryDir, "indicators.yaml"), indicatorRegistrySchema, out);
  const topicIds = new Set(topics.map((topic) => topic.id));

  const publishers: Publisher[] = [];
  const publisherSources = new Map<string, { file: string; source: YamlSource }>();
  const brokenPublishers = new Set<string>();
  const documentFiles: Array<{ folder: string; file: string }> = [];

  const folders = publisherFolders(contentDir, out);

  for (const folder of folders) {
    const folderPath = path.join(contentDir, folder);
    const entries = readdirSync(folderPath, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const publisherFile = path.join(folderPath, PUBLISHER_FILE);
    if (!entries.some((entry) => entry.name === PUBLISHER_FILE)) {
      brokenPublishers.add(folder);
      out.add(
        publisherFile,
        1,
        1,
        "",
        ID_PATTERN.test(folder)
          ? `publisher folder "${folder}" has no ${PUBLISHER_FILE}. Create it with id: ${folder}, names, country and kind (see docs/content-model.md), or run npm run new-publisher.`
          : // Its name cannot be an id, so "id: <folder>" would be refused in turn.
            `folder "${folder}" has no ${PUBLISHER_FILE}, and its name cannot be a publisher's id (lowercase letters, digits and single "-"). A folder in content/ is a publisher's: rename it (e.g. "${slugify(folder) || "publisher"}") and add ${PUBLISHER_FILE}, or move it out of content/.`,
      );
    } else {
      const text = readText(
        publisherFile,
        out,
        undefined,
        `is empty. Write id: ${folder}, names, country and kind in it (see docs/content-model.md), or run npm run new-publisher.`,
      );
      const source = text === undefined ? undefined : parseYaml(publisherFile, text, 1, out);
      const publisher = source && validateYaml(publisherFile, publisherSchema, source, out);
      if (!publisher || publisher.id !== folder) brokenPublishers.add(folder);
      if (source && publisher) {
        if (publisher.id !== folder) {
          const at = source.locate(["id"]);
          out.add(
            publisherFile,
            at.line,
            at.col,
            "id",
            `is "${publisher.id}" but the folder is "${folder}". The folder name is the publisher id: make them the same.`,
          );
        } else {
          publishers.push(publisher);
          publisherSources.set(publisher.id, { file: publisherFile, source });
        }
      }
    }
    for (const entry of entries) {
      const file = path.join(folderPath, entry.name);
      if (entry.name.endsWith(".md")) {
        // A folder named *.md, or a link that leads nowhere or out of content/, is an error, not a crash.
        const resolved = resolveContentFile(out.contentRoot, file, "this entry");
        if (resolved.ok) documentFiles.push({ folder, file });
        else out.add(file, 1, 1, "", resolved.problem.replace(/^this entry /, ""));
      } else if (isMarkdownName(entry.name)) {
        warnUnread(file, out, `is not read: a document's name ends in ".md" (lower case). Rename it to "${entry.name.replace(/\.[^.]+$/, ".md")}".`);
      } else if (entry.isDirectory()) {
        warnMarkdownBelow(file, out);
      }
    }
  }

  const publisherIds = new Set(publishers.map((publisher) => publisher.id));
  for (const { publisher, index, message } of checkMovedPublishers(publishers, new Set(folders))) {
    const { file, source } = publisherSources.get(publisher)!;
    const at = source.locate(["movedFrom", index]);
    out.add(file, at.line, at.col, `movedFrom.${index}`, message);
  }
  const movedPublishers = movedPublisherIds(publishers);
  // A publisher's links to another: the city a district belongs to, and the publisher a merged one became part of.
  const links = [
    { field: "parent", loop: "A parent must not be one of its own districts." },
    { field: "successor", loop: "A publisher cannot become part of one that became part of it." },
  ] as const;
  for (const { field, loop } of links) {
    for (const publisher of publishers) {
      const linked = publisher[field];
      if (linked === undefined) continue;
      const { file, source } = publisherSources.get(publisher.id)!;
      const at = () => source.locate([field]);
      if (!publisherIds.has(linked)) {
        const movedTo = movedPublishers.get(linked);
        out.add(
          file,
          at().line,
          at().col,
          field,
          movedTo ? `${publisherMovedNote(linked, movedTo)}. Write ${field}: ${movedTo}.` : `unknown publisher "${linked}".${didYouMean(linked, publisherIds)}`,
        );
        continue;
      }
      // Walk the chain: a publisher must not be its own ancestor, nor its own successor's. A loop further up that
      // this one does not belong to is said on each publisher in it, not here.
      const seen = new Set([publisher.id]);
      for (let next: string | undefined = linked; next; next = publishers.find((p) => p.id === next)?.[field]) {
        if (seen.has(next)) {
          if (next === publisher.id) out.add(file, at().line, at().col, field, `publishers form a loop (${[...seen, next].join(" → ")}). ${loop}`);
          break;
        }
        seen.add(next);
      }
    }
  }

  const publishersById = new Map(publishers.map((publisher) => [publisher.id, publisher]));
  return {
    out,
    root,
    topics,
    indicators,
    publishers,
    publishersById,
    known: { topicIds, publisherIds, movedPublishers, indicators },
    documentFiles,
    brokenIds: { topics: brokenTopics, indicators: brokenIndicators, publishers: brokenPublishers },
  };
}

/** The cross-document checks, on documents in the order of their files (which one a conflict is reported on depends on it). */
function finishContent(prepared: Prepared, documents: LoadedDocument[], nearlySorted?: LoadedDocument[]): LoadResult {
  const { out, topics, indicators, publishers } = prepared;
  checkDocumentLinks(documents, publishers, out, prepared.root);
  out.problems.push(...checkKeyFiguresAcrossDocuments(documents));
  out.problems.push(...checkMovedDocuments(documents));
  out.problems.push(...checkRepeatedDocuments(documents));

  return {
    site: {
      topics,
      indicators,
      publishers: publishers.sort((a, b) => (a.id < b.id ? -1 : 1)),
      // The same documents in another order (reloadDocuments: the last load's) sort to the same list, byDateDesc being a total order.
      documents: (nearlySorted ?? documents).sort(byDateDesc),
    },
    problems: sortProblems(out.problems.filter((problem) => !namesBrokenEntry(problem, prepared.brokenIds))),
  };
}

/** Names an editor may use for a Markdown file that Lysark would not read as a document. */
function isMarkdownName(name: string): boolean {
  return /\.(?:md|markdown|mdown|mkdn?|mdwn|mdtxt|mdtext)$/i.test(name) && !name.endsWith(".md");
}

/** The registries are topics.yaml and indicators.yaml: any other file there (a "topics.yml") is said not to be read. */
function warnUnreadRegistryFiles(registryDir: string, out: Collector): void {
  let names: string[];
  try {
    names = readdirSync(registryDir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    if (name === "topics.yaml" || name === "indicators.yaml" || name.startsWith(".")) continue;
    const like = /^(topics|indicators)\./iu.exec(name)?.[1]?.toLowerCase();
    warnUnread(
      path.join(registryDir, name),
      out,
      `is not read: the registries are ${REGISTRY_DIR}/topics.yaml and ${REGISTRY_DIR}/indicators.yaml.${like ? ` Rename it to ${like}.yaml, or merge it into that file.` : " Move it out of this folder."}`,
    );
  }
}

function warnUnread(file: string, out: Collector, message: string): void {
  out.add(file, 1, 1, "", message, "warning");
}

/** Markdown files in a publisher's subfolders are not documents: say so instead of ignoring them. */
function warnMarkdownBelow(folder: string, out: Collector, depth = 0): void {
  if (depth > 8) return;
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) warnMarkdownBelow(file, out, depth + 1);
    else if (/\.(?:md|markdown|mdown|mkdn?|mdwn|mdtxt|mdtext)$/i.test(entry.name)) {
      warnUnread(
        file,
        out,
        `is not read: documents must be directly in a publisher folder (content/<publisher>/<slug>.md). Move it up, or rename it if it is meant as an attachment's notes.`,
      );
    }
  }
}

/**
 * The publisher folders under content/, sorted. A link to a folder inside
 * content/ is followed; a link out of it, or to nothing, is an error; Markdown
 * files directly in content/ are not read, with a warning.
 */
function publisherFolders(contentDir: string, out: Collector): string[] {
  const folders: string[] = [];
  for (const entry of readdirSync(contentDir, { withFileTypes: true })) {
    if (entry.name === REGISTRY_DIR || entry.name.startsWith(".")) continue;
    const full = path.join(contentDir, entry.name);
    if (entry.isDirectory()) folders.push(entry.name);
    else if (entry.isSymbolicLink()) {
      const resolved = resolveContentFolder(out.contentRoot, full);
      if (resolved.ok) folders.push(entry.name);
      // A link to a file inside content/ is left alone like any other file here.
      else if (resolved.problem !== "is not a folder.") out.add(full, 1, 1, "", resolved.problem);
    } else if (/\.(?:md|markdown|mdown|mkdn?|mdwn|mdtxt|mdtext)$/i.test(entry.name)) {
      warnUnread(full, out, `is not read: documents must be in a publisher folder (content/<publisher>/<slug>.md). Move it into its publisher's folder.`);
    }
  }
  return folders.sort();
}

export function loadContent(contentDir: string, options: LoadOptions = {}): LoadResult {
  const prepared = prepareContent(contentDir, options);
  const { out, documentFiles, publishersById, known } = prepared;
  const documents: LoadedDocument[] = [];
  const cache = options.cache;
  if (cache) {
    cache.hits = cache.misses = 0;
    const present = new Set(documentFiles.map(({ file }) => file));
    for (const file of cache.entries.keys()) if (!present.has(file)) cache.entries.delete(file);
  }
  const last: LastLoad | undefined = cache && {
    contentDir: path.resolve(contentDir),
    prepared,
    prepareProblems: [...out.problems],
    files: [],
    index: new Map(),
    sorted: [],
  };
  const validated = (options.progress ?? silentProgress).phase("validated", documentFiles.length, "documents");
  const base = taskBase(prepared, options);
  const runTask = documentTaskRunner(base);
  for (const { folder, file } of documentFiles) {
    const before = out.problems.length;
    const document =
      options.documentCache || options.bodyDir || options.outlineOnly
        ? loadThroughCache(options.documentCache, { ...base, file, folder }, runTask, out)
        : loadDocument(file, folder, out, known, cache);
    validated.tick();
    if (last) {
      last.index.set(path.resolve(file), last.files.length);
      last.files.push({ folder, file, document, problems: out.problems.slice(before) });
    }
    if (!document) continue;
    documents.push(document);
    const publisher = publishersById.get(document.meta.publisher);
    const clean = out.problems.slice(before).every((problem) => problem.severity !== "error");
    if (options.onDocument && publisher && clean) options.onDocument(document, publisher);
  }
  validated.done();
  const result = finishContent(prepared, documents);
  if (last) {
    last.sorted = result.site.documents;
    cache!.last = last;
  }
  return result;
}

/**
 * Parses every document of `contentDir` into `cache`, as loadContent through it would, letting the event loop run
 * after every `batch` documents; resolves when all are parsed. The dev server's first load then finds each document
 * parsed and only checks them against each other, so its thread is not held for the whole parse (about 9 s at 5,000
 * documents), and requests are answered meanwhile. A document that shows images is parsed again by the load, as
 * the cache does not keep it.
 */
export async function warmContentCache(contentDir: string, options: { root?: string; cache: ContentCache }, batch = 20): Promise<void> {
  const { out, documentFiles } = prepareContent(contentDir, { root: options.root });
  for (const [index, { file }] of documentFiles.entries()) {
    parseDocumentCached(file, out, options.cache);
    if (index % batch === batch - 1) await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * loadContent again after the files `changed` (absolute paths) were edited, for
 * the dev server: only those files are read again; every other document, the
 * registries and the publishers are taken from the last load through `cache`,
 * and the cross-document checks run on the whole content again. The result is
 * what loadContent would return as long as nothing else changed, so it returns
 * undefined (call loadContent) unless every changed file is a document of the
 * last load that is still a file of its own: an added or removed document, a
 * registry, a publisher, an image, an attachment or any other file needs a
 * whole load.
 */
export function reloadDocuments(contentDir: string, changed: readonly string[], options: { root?: string; cache: ContentCache }): LoadResult | undefined {
  const { cache } = options;
  const last = cache.last;
  const root = options.root ?? path.dirname(path.resolve(contentDir));
  if (!last || last.contentDir !== path.resolve(contentDir) || last.prepared.root !== root || changed.length === 0) return undefined;
  const places = new Set<number>();
  for (const file of changed) {
    const place = last.index.get(path.resolve(file));
    if (place === undefined) return undefined;
    // Gone, or now a link out of content/, a folder …: loadContent reports it (or forgets the document).
    if (!resolveContentFile(last.prepared.out.contentRoot, last.files[place]!.file, "this entry").ok) return undefined;
    places.add(place);
  }
  cache.hits = cache.misses = 0;
  const reader = new Collector(root);
  reader.contentRoot = last.prepared.out.contentRoot;
  /** Each reloaded document's last version, and its new one (undefined: it has errors now). */
  const versions = new Map<LoadedDocument, LoadedDocument | undefined>();
  const valid: LoadedDocument[] = [];
  for (const place of places) {
    const { folder, file, document: previous } = last.files[place]!;
    const before = reader.problems.length;
    const document = loadDocument(file, folder, reader, last.prepared.known, cache);
    last.files[place] = { folder, file, document, problems: reader.problems.slice(before) };
    if (previous) versions.set(previous, document);
    else if (document) valid.push(document);
  }
  cache.hits = last.files.length - cache.misses;
  // The problems in the order loadContent collects them, so sorting them gives the same list.
  const out = new Collector(root);
  out.contentRoot = reader.contentRoot;
  out.problems.push(...last.prepareProblems);
  const documents: LoadedDocument[] = [];
  for (const { document, problems } of last.files) {
    out.problems.push(...problems);
    if (document) documents.push(document);
  }
  // The last order with each new version in its old version's place: sorting it again is quick.
  const nearlySorted = last.sorted.flatMap((document) => {
    if (!versions.has(document)) return [document];
    const version = versions.get(document);
    return version ? [version] : [];
  });
  const result = finishContent({ ...last.prepared, out }, documents, [...nearlySorted, ...valid]);
  last.sorted = result.site.documents;
  return result;
}

/** One document's checks, as a task for a worker thread: plain data in and out. */
export interface DocumentTask {
  file: string;
  folder: string;
  root: string;
  /** The content folder's real path: every file a document names must resolve inside it. */
  contentRoot: string;
  indicators: Indicator[];
  /** Where the rendered body goes (LoadOptions.bodyDir); without it the body comes back with the record. */
  bodyDir?: string;
  /** LoadOptions.outlineOnly: without `bodyDir`, only the body's outline comes back. */
  outlineOnly: boolean;
  /** The topics and publishers: the ids a document may name, and what a DocumentHook may need of them. */
  registries: Registries;
}

/**
 * More work on a document that passed its own checks, where it was loaded and while its full body is
 * still in memory (a pool's worker: ./pool.ts); what it returns comes back as the result's `extra`.
 */
export type DocumentHook = (document: LoadedDocument, body: RenderedBody, registries: Registries) => unknown;

/** What every document's task shares: where the content is and the registries it may name. */
function taskBase(prepared: Prepared, { bodyDir, outlineOnly = false }: Pick<LoadOptions, "bodyDir" | "outlineOnly">): Omit<DocumentTask, "file" | "folder"> {
  const { out, known, root } = prepared;
  return {
    root,
    contentRoot: out.contentRoot,
    indicators: known.indicators,
    bodyDir,
    outlineOnly,
    registries: { topics: prepared.topics, publishers: prepared.publishers, indicators: prepared.indicators },
  };
}

/** One document through the build cache (if any) on this thread: the cached result, else loaded as a worker would and kept. */
function loadThroughCache(
  cache: DocumentCache | undefined,
  task: DocumentTask,
  runTask: (task: DocumentTask) => DocumentTaskResult,
  out: Collector,
): LoadedDocument | undefined {
  const lookup = cache?.lookup<DocumentTaskResult>(task);
  const result = lookup?.result ?? runTask(task);
  if (lookup && !lookup.result) lookup.store(result);
  out.problems.push(...result.problems);
  return result.record && documentFromRecord(result.record, task);
}

/** A loaded document without its closures, with the front-matter text to find field positions again. */
export type DocumentRecord = Omit<LoadedDocument, "fieldLine" | "fieldAt"> & { frontMatter: string; frontMatterLine: number };

export interface DocumentTaskResult {
  problems: Problem[];
  record: DocumentRecord | undefined;
  /** What a DocumentHook made of the document (not kept by the document cache). */
  extra?: unknown;
}

/** What the tasks of one load share (everything but the file): a worker pool sends it to each thread once. */
export type SharedTaskData = Omit<DocumentTask, "file" | "folder">;

/** The part of `task` every task of its load shares. */
export function sharedTaskData(task: DocumentTask): SharedTaskData {
  const { file: _file, folder: _folder, ...shared } = task;
  return shared;
}

/**
 * Runs the tasks that share `shared` (with the ids as sets, made once): a worker
 * (./load-worker.ts) gets the shared part once and then only each task's file.
 */
export function documentTaskRunner(shared: SharedTaskData, hook?: DocumentHook): (task: Pick<DocumentTask, "file" | "folder">) => DocumentTaskResult {
  const { topics, publishers } = shared.registries;
  const known: Known = {
    topicIds: new Set(topics.map((topic) => topic.id)),
    publisherIds: new Set(publishers.map((publisher) => publisher.id)),
    movedPublishers: movedPublisherIds(publishers),
    indicators: shared.indicators,
  };
  return (task) => runDocumentTask({ ...shared, file: task.file, folder: task.folder }, known, hook);
}

/** Runs in a worker (./load-worker.ts): reads, parses, validates and renders one document. */
export function loadDocumentTask(task: DocumentTask, hook?: DocumentHook): DocumentTaskResult {
  return documentTaskRunner(task, hook)(task);
}

function runDocumentTask(task: DocumentTask, known: Known, hook?: DocumentHook): DocumentTaskResult {
  const out = new Collector(task.root);
  out.contentRoot = task.contentRoot;
  const loaded = loadDocumentWithSource(task.file, task.folder, out, known);
  if (!loaded) return { problems: out.problems, record: undefined };
  const { document, split, body } = loaded;
  const { fieldLine: _line, fieldAt: _at, ...plain } = document;
  // The body goes to disk here, on the worker, so only its outline crosses to the main thread.
  if (task.bodyDir) Object.assign(plain, { body: outlineOf(body), bodyRef: writeBody(task.bodyDir, body) });
  else if (task.outlineOnly) Object.assign(plain, { body: outlineOf(body), bodyRef: DROPPED_BODY });
  const clean = out.problems.every((problem) => problem.severity !== "error");
  const extra = hook && clean ? hook(document, body, task.registries) : undefined;
  return {
    problems: out.problems,
    record: { ...plain, frontMatter: split.frontMatter, frontMatterLine: split.frontMatterLine },
    ...(extra === undefined ? {} : { extra }),
  };
}

/** Where a loaded document's front-matter is, to find a field's position in it again when a message needs one. */
interface FrontMatterPlace {
  root: string;
  contentRoot: string;
  line: number;
  /** FNV-1a of the front-matter text it was loaded from: a file edited since is not used for positions. */
  fingerprint: number;
}

const FRONT_MATTER = Symbol("lysark.frontMatter");
type RecordDocument = LoadedDocument & { [FRONT_MATTER]: FrontMatterPlace };

/** The line and column of `field` in the front-matter the document was loaded from, read from its file again. */
function locateAgain(doc: RecordDocument, field: ReadonlyArray<PropertyKey>): { line: number; col: number } {
  const place = doc[FRONT_MATTER];
  // Read as loading reads it (readText: the content folder's checks, decoding, line endings); its problems are not this message's.
  const out = new Collector(place.root);
  out.contentRoot = place.contentRoot;
  try {
    const text = readText(path.resolve(place.root, doc.file), out);
    if (text !== undefined) {
      const { frontMatter, frontMatterLine } = splitFrontMatter(text);
      if (fnv1a(frontMatter) === place.fingerprint) {
        const { line, col } = parseYamlSource(frontMatter, frontMatterLine).locate(field);
        return { line, col };
      }
    }
  } catch {
    // Unreadable now, or no front-matter any more: the front-matter's first line below.
  }
  // The file changed (or went) since it was loaded: its front-matter's first line, not a line of another version.
  return { line: place.line, col: 1 };
}

/**
 * What every document loaded from a record shares: its position methods. The record's front-matter text is not kept
 * (with a closure for each method it was about 2 KB a document, a twentieth of the main thread's heap at N = 5000):
 * positions are asked for only by messages, and the file is read again then.
 */
const RECORD_DOCUMENT = {
  fieldLine(this: RecordDocument, field: ReadonlyArray<PropertyKey>): number {
    return locateAgain(this, field).line;
  },
  fieldAt(this: RecordDocument, field: ReadonlyArray<PropertyKey>): { line: number; col: number } {
    return locateAgain(this, field);
  },
};

/** A document record back from a worker; field positions are found by reading its file again, only when asked. */
export function documentFromRecord(record: DocumentRecord, where: { root: string; contentRoot: string }, outlineParts?: SharedOutlineParts): LoadedDocument {
  const { frontMatter, frontMatterLine, ...plain } = record;
  // An outline's parts only: a body kept whole (no body folder) has each part's HTML and text.
  if (outlineParts && !("kept" in plain.bodyRef)) plain.body = { ...plain.body, parts: outlineParts.share(plain.body.parts) };
  const place: FrontMatterPlace = { root: where.root, contentRoot: where.contentRoot, line: frontMatterLine, fingerprint: fnv1a(frontMatter) };
  return Object.assign(Object.create(RECORD_DOCUMENT) as RecordDocument, plain, { [FRONT_MATTER]: place });
}

/**
 * loadContent with each document's own work (read, parse, validate, render the
 * body) on a pool of worker threads (`runTask`, e.g. piscina's `run`); the
 * cross-document checks run here afterwards, on documents in the same order as
 * loadContent's, so the result and the problems are the same. With a document
 * cache, the pool is used only once `poolFrom` documents have been found missing
 * from it: fewer load on this thread, after the cache has been looked up for
 * every document, as starting the pool costs more than they do (a warm build
 * with one document edited started two threads for it).
 */
export async function loadContentWith(
  runTask: (task: DocumentTask) => Promise<DocumentTaskResult>,
  contentDir: string,
  options: Omit<LoadOptions, "cache"> = {},
  poolFrom = 0,
): Promise<LoadResult> {
  const prepared = prepareContent(contentDir, options);
  const { out, documentFiles, publishersById } = prepared;
  const base = taskBase(prepared, options);
  const cache = options.documentCache;
  // The documents the cache lacks, held until there are `poolFrom` of them (then all go to the pool) or the lookups end.
  const held: Array<{ task: DocumentTask; settle: (result: Promise<DocumentTaskResult>) => void }> = [];
  let pooled = poolFrom <= 0;
  const runUncached = (task: DocumentTask): Promise<DocumentTaskResult> => {
    if (pooled) return runTask(task);
    return new Promise((resolve) => {
      held.push({ task, settle: resolve });
      if (held.length >= poolFrom) {
        pooled = true;
        for (const { task, settle } of held.splice(0)) settle(runTask(task));
      }
    });
  };
  // A cached document is not sent to the pool at all.
  const run = cache
    ? async (task: DocumentTask) => {
        const lookup = cache.lookup<DocumentTaskResult>(task);
        if (lookup.result) return lookup.result;
        const result = await runUncached(task);
        // The hook's result belongs to this build only.
        const { extra: _extra, ...kept } = result;
        lookup.store(kept);
        return result;
      }
    : runTask;
  const validated = (options.progress ?? silentProgress).phase("validated", documentFiles.length, "documents");
  const outlineParts = new SharedOutlineParts();
  const pending = Promise.all(
    documentFiles.map(async ({ folder, file }) => {
      const result = await run({ ...base, file, folder });
      validated.tick();
      out.problems.push(...result.problems);
      if (!result.record) return undefined;
      const document = documentFromRecord(result.record, base, outlineParts);
      const publisher = publishersById.get(document.meta.publisher);
      // A record comes back only for a document without errors of its own.
      if (options.onDocument && publisher) options.onDocument(document, publisher, result.extra);
      return document;
    }),
  );
  // Every document has been looked up (each map callback runs to its first await at once): fewer than `poolFrom`
  // were missing, so this thread loads them, in order.
  if (held.length) {
    const runHere = documentTaskRunner(base);
    for (const { task, settle } of held.splice(0)) {
      try {
        settle(Promise.resolve(runHere(task)));
      } catch (error) {
        settle(Promise.reject(error));
      }
    }
  }
  const loaded = await pending;
  validated.done();
  return finishContent(
    prepared,
    loaded.filter((document): document is LoadedDocument => document !== undefined),
  );
}

interface Known {
  topicIds: Set<string>;
  publisherIds: Set<string>;
  /** Old publisher ids, and the publisher whose movedFrom lists each. */
  movedPublishers: Map<string, string>;
  indicators: Indicator[];
}

/** Reads, splits and parses one document: everything that depends only on its own bytes. */
function parseDocument(file: string, out: Collector, bytes?: Buffer): ParsedDocument | undefined {
  const text = readText(file, out, bytes);
  if (text === undefined) return undefined;
  const slug = path.basename(file, ".md");
  if (!ID_PATTERN.test(slug)) {
    const suggestion = `${slugify(slug) || "document"}.md`;
    // Two files whose names differ only in case or accents would claim the same address.
    const clash = existsSync(path.join(path.dirname(file), suggestion))
      ? ` It would have the same address as ${out.rel(path.join(path.dirname(file), suggestion))}: merge the two or give this one another name.`
      : ` Rename it to "${suggestion}".`;
    // Otherwise a name in NFD and one in NFC give two error lines that look the same.
    const decomposed =
      slug === slug.normalize("NFC")
        ? ""
        : " Its name is in decomposed Unicode (each accent a character of its own, as macOS may write names), so it can look like another file's name.";
    out.add(file, 1, 1, "", `file name "${slug}.md" is not a valid slug (it becomes the page address).${clash}${decomposed}`);
  } else if (slug.length > LIMITS.idLength) {
    // Files are named after it (its social card "<slug>.png"): a name past 251 characters failed the build, not the check.
    out.add(
      file,
      1,
      1,
      "",
      `file name "${slug.slice(0, 40)}….md" is ${slug.length} characters long before ".md"; at most ${LIMITS.idLength}, as the site names files after it. Rename it to "${slugify(slug)}.md".`,
    );
  }
  let split: SplitFile;
  try {
    split = splitFrontMatter(text);
  } catch (error) {
    if (error instanceof FrontMatterError) {
      out.add(file, error.line, 1, "", error.message);
      return undefined;
    }
    throw error;
  }
  const source = parseYaml(file, split.frontMatter, split.frontMatterLine, out);
  if (!source) return undefined;
  if (source.value === null || typeof source.value !== "object" || Array.isArray(source.value)) {
    out.add(file, split.frontMatterLine, 1, "", "front-matter must be YAML fields (key: value), e.g. title: …");
    return undefined;
  }
  const meta = validateYaml(file, documentSchema, source, out);
  const raw = source.value as Record<string, unknown>;
  const anchorPrefix = raw.type === "presentation" ? "slide" : "section";
  const images = createImageRenderer(file, out.contentRoot);
  const body = renderBody(split.body, anchorPrefix, { renderImage: images.render });
  for (const problem of body.problems) out.add(file, problem.line + split.bodyLine - 1, 1, "body", problem.message);
  // One scan of the whole body; lines are split only when something is found.
  if (forbiddenCharacter(split.body)) {
    split.body.split("\n").forEach((line, index) => {
      const found = forbiddenCharacter(line);
      if (found) out.add(file, split.bodyLine + index, found.index + 1, "body", forbiddenCharacterMessage(found.code));
    });
  }
  return { slug, split, source, meta, raw, body, images };
}

/** Reads a document through the cache: unchanged bytes give the earlier parse and its problems. */
function parseDocumentCached(file: string, out: Collector, cache: ContentCache | undefined): ParsedDocument | undefined {
  if (!cache) return parseDocument(file, out);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return parseDocument(file, out);
  }
  const hit = cache.entries.get(file);
  if (hit?.bytes.equals(bytes) && hit.problems.every((problem) => problem.file === out.rel(file))) {
    cache.hits++;
    out.problems.push(...hit.problems);
    return hit.parsed;
  }
  cache.misses++;
  const before = out.problems.length;
  const parsed = parseDocument(file, out, bytes);
  if (parsed && parsed.body.images.length > 0) cache.entries.delete(file);
  else cache.entries.set(file, { bytes, problems: out.problems.slice(before), parsed });
  return parsed;
}

function loadDocument(file: string, folder: string, out: Collector, known: Known, cache?: ContentCache): LoadedDocument | undefined {
  return loadDocumentWithSource(file, folder, out, known, cache)?.document;
}

function loadDocumentWithSource(
  file: string,
  folder: string,
  out: Collector,
  known: Known,
  cache?: ContentCache,
): { document: LoadedDocument; split: ParsedDocument["split"]; body: RenderedBody } | undefined {
  const problemsBefore = out.problems.length;
  const parsed = parseDocumentCached(file, out, cache);
  if (!parsed) return undefined;
  const { slug, split, source, meta, raw, body, images } = parsed;

  // Cross-reference checks run on the raw values too, so one pass reports every problem.
  const at = (field: ReadonlyArray<PropertyKey>) => source.locate(field);
  // Positions are looked up only for a problem: a clean file never needs its positioned parse.
  if (typeof raw.publisher === "string" && ID_PATTERN.test(raw.publisher)) {
    const where = () => at(["publisher"]);
    const movedTo = known.movedPublishers.get(raw.publisher);
    if (!known.publisherIds.has(raw.publisher) && movedTo) {
      out.add(
        file,
        where().line,
        where().col,
        "publisher",
        `${publisherMovedNote(raw.publisher, movedTo)}. Write publisher: ${movedTo}, with the file in content/${movedTo}/.`,
      );
    } else if (!known.publisherIds.has(raw.publisher)) {
      out.add(
        file,
        where().line,
        where().col,
        "publisher",
        `unknown publisher "${raw.publisher}".${didYouMean(raw.publisher, known.publisherIds)} Publishers are the folders under content/ that have a ${PUBLISHER_FILE}.`,
      );
    } else if (raw.publisher !== folder) {
      out.add(
        file,
        where().line,
        where().col,
        "publisher",
        // A folder whose name cannot be an id (content/_utkast/) is no publisher to name here.
        `is "${raw.publisher}" but the file is in content/${folder}/. Move the file to content/${raw.publisher}/${ID_PATTERN.test(folder) ? ` or set publisher: ${folder}` : ""}.`,
      );
    }
  }
  if (Array.isArray(raw.topics)) {
    const firstAt = new Map<unknown, number>();
    raw.topics.forEach((topic: unknown, index) => {
      const first = firstAt.get(topic);
      if (typeof topic === "string" && first !== undefined) {
        const where = at(["topics", index]);
        out.add(file, where.line, where.col, `topics.${index}`, `"${topic}" is listed twice (also topics.${first}). Remove one.`);
      }
      if (first === undefined) firstAt.set(topic, index);
      if (typeof topic === "string" && ID_PATTERN.test(topic) && !known.topicIds.has(topic)) {
        const where = at(["topics", index]);
        out.add(
          file,
          where.line,
          where.col,
          `topics.${index}`,
          `unknown topic "${topic}".${didYouMean(topic, known.topicIds)} Topics are listed in content/${REGISTRY_DIR}/topics.yaml.`,
        );
      }
    });
  }
  if (!meta) return undefined;
  const attachments = checkAttachments(meta.attachments, file, out.contentRoot);
  for (const problem of attachments.problems) {
    const where = at(problem.path);
    out.add(file, where.line, where.col, problem.path.join("."), problem.message);
  }
  for (const problem of checkKeyFigures(meta, known.indicators, body.parts.length)) {
    const where = at(problem.path);
    out.add(file, where.line, where.col, problem.path.join("."), problem.message, problem.severity);
  }
  if (meta.type === "presentation" && body.parts.length === 0) {
    out.add(file, split.bodyLine, 1, "body", 'a presentation needs at least one slide: start each slide with a "##" heading.');
  }
  const hasErrors = out.problems.slice(problemsBefore).some((problem) => problem.severity === "error");
  if (hasErrors) return undefined;
  const document: LoadedDocument = {
    meta,
    slug,
    file: out.rel(file),
    // Kept whole (body is its own outline): the dev server tells edits apart by the body's identity.
    body,
    bodyRef: { kept: body },
    terms: documentTerms(relatedText(meta, body)),
    partPrints: partPrints(body.parts),
    bodyLine: split.bodyLine,
    fieldLine: (field) => at(field).line,
    fieldAt: (field) => {
      const { line, col } = at(field);
      return { line, col };
    },
    assets: { images: images.assets(), attachments: attachments.attachments },
  };
  return { document, split, body };
}

/**
 * The site path a body link names: a root-relative link as it is, an absolute one only on the site's own host and
 * under its base path (another municipality's site may have /dokumenter/ too); undefined for anything else.
 */
export function sitePathOf(href: string, siteUrl: string | undefined): string | undefined {
  if (href.startsWith("/") && !href.startsWith("//")) return href;
  if (!siteUrl || !/^(https?:)?\/\//iu.test(href)) return undefined;
  let url: URL;
  let site: URL;
  try {
    url = new URL(href, siteUrl);
    site = new URL(siteUrl);
  } catch {
    return undefined;
  }
  const base = basePathOf(siteUrl);
  if (url.host !== site.host || !(url.pathname === base || url.pathname.startsWith(`${base}/`))) return undefined;
  return `${url.pathname.slice(base.length) || "/"}${url.search}${url.hash}`;
}

/** "4 slides", "1 section", "0 slides". */
function partsCount(doc: LoadedDocument): string {
  const count = doc.body.parts.length;
  const noun = doc.meta.type === "presentation" ? "slide" : "section";
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * Links from one document to another must point at a document that exists
 * (and at a slide it has). Document URLs in any UI language are recognised.
 */
function checkDocumentLinks(documents: LoadedDocument[], publishers: readonly Publisher[], out: Collector, root: string): void {
  const byId = new Map(documents.map((doc) => [documentAddress(doc), doc]));
  const movedTo = new Map([...movedAddresses(documents, publishers)].map(([address, doc]) => [address, documentAddress(doc)]));
  const documentPaths = UI_LOCALES.map((locale) => urlFor(locale, { kind: "document", publisher: "PUB", slug: "SLUG" }).replace("PUB/SLUG/", ""));
  const siteUrl = loadSiteConfig(root).config?.url;
  for (const doc of documents) {
    for (const link of doc.body.links) {
      // A link to one of its own slides or sections ("#slide-3"); another anchor may be a heading's, unchecked here.
      const own = /^#((?:slide|section)-\d+)$/u.exec(link.href)?.[1];
      if (own && !doc.body.parts.some((part) => part.anchor === own)) {
        out.add(path.join(root, doc.file), link.line + doc.bodyLine - 1, 1, "body", `links to #${own} in this document, which has ${partsCount(doc)}.`);
        continue;
      }
      const href = sitePathOf(link.href, siteUrl);
      const prefix = href === undefined ? undefined : documentPaths.find((candidate) => href.startsWith(candidate));
      if (href === undefined || !prefix) continue;
      const [target, anchor] = href.slice(prefix.length).split("#") as [string, string | undefined];
      const id = target.replace(/\?.*$/su, "").replace(/\/+$/, "");
      const file = path.join(root, doc.file);
      const line = link.line + doc.bodyLine - 1;
      const linked = byId.get(id);
      if (!linked && movedTo.has(id)) {
        out.add(file, line, 1, "body", `links to "${id}", which has moved to "${movedTo.get(id)}". Link to its new address.`);
      } else if (!linked) {
        out.add(file, line, 1, "body", `links to the document "${id}", which does not exist.${didYouMean(id, byId.keys())}`);
      } else if (anchor && !linked.body.parts.some((part) => part.anchor === anchor)) {
        out.add(file, line, 1, "body", `links to #${anchor} in "${id}", which has ${partsCount(linked)}.`);
      }
    }
  }
}

/**
 * Shorter page names and no sort table in the Pagefind bundle's metadata file,
 * which every query loads whole. Pagefind names each page's fragment by 7 hex
 * digits of a hash of its content ("nb_34a6a13") and keeps, for each sort key,
 * every page in that key's order. At 5,000 documents these were 40 and 13 KB of
 * the file's 61 KB (gzip), against 8 KB for the chunk table.
 *
 * After Pagefind (and chunks.ts) has written the bundle, each page is renamed
 * `<build>/<rank>`: its place in the "newest" order Pagefind computed (base 36,
 * `_` before it for an undated document), in a folder named by a hash of every
 * page's original name. Names that count up compress to a fraction of random
 * hex digits; the folder changes whenever any page does, so a browser or proxy
 * that cached a fragment under an earlier build's name never shows it for
 * another document. The search page orders results by date from their names
 * (assets/search-query.js, `dateRank`), so Pagefind's sort table is dropped.
 * The words' postings and the filters refer to pages by number, not by name:
 * only the metadata file changes, and the fragments move.
 * See docs/search.md, "Size and cost".
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { array, arrayItems, cborHead, hashedName, header, packPagefindFile, readPagefindFile, stringAt, text } from "./chunks.ts";
import { SORT_NEWEST, UNDATED } from "./records.ts";

/** Marks the name of an undated document's page: it goes last whichever way the results are ordered by date. */
export const UNDATED_MARK = "_";

/** The page numbers of a CBOR array of numbers. */
function numbers(bytes: Buffer, offset: number): number[] {
  return arrayItems(bytes, offset).map(([at]) => cborHead(bytes, at).value);
}

/** The pages filed under `value` of the filter `name` (from its filter file), or none. */
function filterPages(bundle: string, meta: Buffer, filtersAt: number, name: string, value: string): Set<number> {
  for (const [start] of arrayItems(meta, filtersAt)) {
    const [filterAt, hashAt] = arrayItems(meta, start).map(([at]) => at);
    if (stringAt(meta, filterAt!) !== name) continue;
    const filter = readPagefindFile(path.join(bundle, "filter", `${stringAt(meta, hashAt!)}.pf_filter`));
    // A filter file: [name, [[value, [page…]]…]].
    for (const [valueStart] of arrayItems(filter, arrayItems(filter, 0)[1]![0])) {
      const [valueAt, pagesAt] = arrayItems(filter, valueStart).map(([at]) => at);
      if (stringAt(filter, valueAt!) === value) return new Set(numbers(filter, pagesAt!));
    }
  }
  return new Set();
}

/** The name of the page at `rank` of the newest-first order. */
export function pageName(build: string, rank: number, undated: boolean): string {
  return `${build}/${undated ? UNDATED_MARK : ""}${rank.toString(36)}`;
}

export interface FragmentRename {
  pages: number;
  /** The folder under fragment/ that holds this build's fragments. */
  build: string;
}

/**
 * Renames every page of `bundle` (a Pagefind output folder whose records have the sort key
 * SORT_NEWEST and the year filter) by its rank in the newest-first order, and drops the sort
 * table from the metadata file, in place.
 */
export function renameFragments(bundle: string): FragmentRename {
  const entryFile = path.join(bundle, "pagefind-entry.json");
  const entry = JSON.parse(readFileSync(entryFile, "utf8")) as { languages: Record<string, { hash: string }> };
  const renamed: FragmentRename = { pages: 0, build: "" };
  for (const [language, info] of Object.entries(entry.languages)) {
    const metaFile = path.join(bundle, `pagefind.${info.hash}.pf_meta`);
    const meta = readPagefindFile(metaFile);
    // The metadata: [version, pages, index chunks, filters, sorts, meta fields]; a page is [name, word count, fragment group].
    const fields = arrayItems(meta, 0);
    if (fields.length < 5) throw new Error(`${metaFile}: not the metadata layout of Pagefind 1.6`);
    const pages = arrayItems(meta, fields[1]![0]).map(([start]) => arrayItems(meta, start));
    const names = pages.map((page) => stringAt(meta, page[0]![0]));
    if (pages.some((page) => page.length !== 3 || stringAt(meta, page[2]![0]) !== ""))
      throw new Error(`${metaFile}: a page in a fragment group, which Lysark does not write`);
    const sorts = new Map(
      arrayItems(meta, fields[4]![0]).map(([start]) => {
        const [nameAt, pagesAt] = arrayItems(meta, start).map(([at]) => at);
        return [stringAt(meta, nameAt!), numbers(meta, pagesAt!)] as const;
      }),
    );
    // Pagefind keeps a sort key's pages in ascending order of the value; an undated document's is the lowest.
    const ascending = sorts.get(SORT_NEWEST);
    if (!ascending || ascending.length !== pages.length) throw new Error(`${metaFile}: no "${SORT_NEWEST}" order of every page`);
    const undated = filterPages(bundle, meta, fields[3]![0], "year", UNDATED);
    const rank = new Array<number>(pages.length);
    [...ascending].reverse().forEach((page, i) => {
      rank[page] = i;
    });
    const build = createHash("sha256").update(names.join("\n")).digest("hex").slice(0, 8);
    const folder = path.join(bundle, "fragment", build);
    mkdirSync(folder, { recursive: true });
    const newNames = names.map((_, page) => pageName(build, rank[page]!, undated.has(page)));
    // Two pages with the same content share Pagefind's name and file: each gets a copy under its own.
    const moved = new Map<string, string>();
    names.forEach((name, page) => {
      const target = path.join(bundle, "fragment", `${newNames[page]}.pf_fragment`);
      const source = moved.get(name);
      if (source) copyFileSync(source, target);
      else {
        renameSync(path.join(bundle, "fragment", `${name}.pf_fragment`), target);
        moved.set(name, target);
      }
    });
    const newPages = array(
      pages.map((page, i) => array([text(newNames[i]!), meta.subarray(page[1]![0], page[1]![1]), meta.subarray(page[2]![0], page[2]![1])])),
    );
    const newMeta = packPagefindFile(
      Buffer.concat([header(4, fields.length), ...fields.map(([at, end], i) => (i === 1 ? newPages : i === 4 ? array([]) : meta.subarray(at, end)))]),
    );
    const metaHash = hashedName(language, newMeta, 10);
    writeFileSync(path.join(bundle, `pagefind.${metaHash}.pf_meta`), newMeta);
    if (metaHash !== info.hash && existsSync(metaFile)) rmSync(metaFile);
    info.hash = metaHash;
    renamed.pages += pages.length;
    renamed.build = build;
  }
  writeFileSync(entryFile, JSON.stringify(entry));
  return renamed;
}

/**
 * A Pagefind bundle as a browser's search reads it, by page URL and metadata field name instead
 * of page and field number, for tests that compare two bundles (the join, merge.test.ts; Lysark's
 * writer against Pagefind, index-writer.test.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { expect } from "vitest";
import { readPagefindFile } from "../../scripts/search/chunks.ts";
import { compareCodePoints } from "../../scripts/search/merge.ts";
import { decodeCbor } from "./cbor.ts";

export const readPagefindData = (file: string) => decodeCbor(readPagefindFile(file))[0] as unknown[];

type Posting = [number, number[], number[]];

/**
 * Each page's URL, fragment name, word count and group, and its fragment; each word's postings and
 * its variants' (as a set: Pagefind lists them in the order of a hash map, Lysark's writer by first
 * use); each filter value's pages, and each filter file as it is; the chunks' bounds; the sort
 * orders, field names and version; the entry file without the metadata file's name.
 */
export function bundleContent(bundle: string) {
  const entry = JSON.parse(readFileSync(path.join(bundle, "pagefind-entry.json"), "utf8"));
  const language = Object.values(entry.languages)[0] as { hash: string };
  const [version, pages, chunks, filters, sorts, fields] = readPagefindData(path.join(bundle, `pagefind.${language.hash}.pf_meta`)) as [
    string,
    Array<[string, number, string]>,
    Array<[string, string, string]>,
    Array<[string, string]>,
    Array<[string, number[]]>,
    string[],
  ];
  const fragments = pages.map(([name]) =>
    JSON.parse(
      gunzipSync(readFileSync(path.join(bundle, "fragment", `${name}.pf_fragment`)))
        .subarray(12)
        .toString("utf8"),
    ),
  );
  const urls = fragments.map((fragment) => fragment.url as string);
  const postings = (list: Posting[]) => {
    let page = 0;
    return list
      .map(([delta, locations, metaLocations]) => {
        page += delta;
        return [urls[page], locations, metaLocations.map((n) => (n < 0 ? `field ${fields[-n - 1]}` : n))];
      })
      .sort((a, b) => compareCodePoints(a[0] as string, b[0] as string));
  };
  const words: Record<string, unknown> = {};
  for (const [, , hash] of chunks) {
    const [list] = readPagefindData(path.join(bundle, "index", `${hash}.pf_index`)) as [Array<[string, Posting[], Array<[string, Posting[]]>]>];
    for (const [word, own, variants] of list) {
      expect(words[word], `${word} is in one chunk only`).toBeUndefined();
      words[word] = {
        own: postings(own),
        variants: variants.map(([variant, list]) => [variant, postings(list)]).sort(([a], [b]) => compareCodePoints(a as string, b as string)),
      };
    }
  }
  const filterFiles = filters.map(([name, hash]) => [name, readPagefindData(path.join(bundle, "filter", `${hash}.pf_filter`))] as const);
  const filterPages = Object.fromEntries(
    filterFiles.map(([name, [, values]]) => [
      name,
      Object.fromEntries((values as Array<[string, number[]]>).map(([value, list]) => [value, list.map((page) => urls[page]).sort()])),
    ]),
  );
  return {
    entry: { ...entry, languages: Object.fromEntries(Object.entries(entry.languages).map(([key, value]) => [key, { ...(value as object), hash: undefined }])) },
    version,
    fields,
    pages: pages.map(([name, wordCount, group], i) => ({ url: urls[i]!, name, wordCount, group })),
    fragments,
    words,
    filters: filterPages,
    filterFiles,
    chunkBounds: chunks.map(([from, to]) => [from, to]),
    sorts,
  };
}

/**
 * Pagefind 1.6 as the oracle for Lysark's index writer: the same records indexed by both, and the records whose
 * words (with their places, weights and written forms, in the text and in metadata) or fragments differ.
 * Used by tests/search/index-writer.test.ts and the writer's fuzz test (tests/fuzz/index-writer.test.ts).
 */
import path from "node:path";
import { indexPage, WordTable } from "../../scripts/search/index-page.ts";
import { writeIndexBundle } from "../../scripts/search/index-writer.ts";
import { snowballStemmer } from "../../scripts/search/inflections.ts";
import { PagefindStems } from "../../scripts/search/pagefind-stems.ts";
import { recordHtml, type IndexedExtras, type SearchRecord } from "../../scripts/search/records.ts";
import { bundleContent } from "./pagefind-bundle.ts";

/** A page's places for a word, as bundleContent gives them: its URL, its places in the text, its places in metadata. */
type Posting = [string, unknown, unknown];

/** The same records indexed by Pagefind and by Lysark's writer (stems asked of Pagefind), into `work`/pagefind and `work`/lysark. */
export async function indexBoth(work: string, records: readonly SearchRecord[], extras: (i: number) => IndexedExtras) {
  const pagefind = await import("pagefind");
  const stems = new PagefindStems(pagefind, "nb", snowballStemmer("nb"));
  // The words to stem: every one the writer would stem, found by a pass that stems none; stemmed as a writer process
  // stems them (slice-writer.ts), by the same Pagefind process, or by Snowball for a word Pagefind cannot be asked about.
  const asked = new Set<string>();
  try {
    const { index } = await pagefind.createIndex({ forceLanguage: "nb" });
    if (!index) throw new Error("Pagefind did not start");
    for (const [i, record] of records.entries()) await index.addHTMLFile({ url: record.url, content: recordHtml(record, extras(i)) });
    await index.writeFiles({ outputPath: path.join(work, "pagefind") });
    const recorder = new WordTable({
      stem: (word) => {
        asked.add(word);
        return word;
      },
    });
    for (const [i, record] of records.entries()) indexPage(record, extras(i), recorder);
    await stems.add(asked);
    const table = new WordTable(stems);
    writeIndexBundle(
      records.map((record, i) => indexPage(record, extras(i), table)),
      path.join(work, "lysark"),
      "nb",
      { table },
    );
  } finally {
    stems.dispose();
    await pagefind.close();
  }
  return { asked, stemsFromPagefind: stems.size };
}

/** The indexes in `records` of those whose words or fragment differ between `work`/pagefind and `work`/lysark (indexBoth). */
export function pagesThatDiffer(work: string, records: readonly SearchRecord[]): number[] {
  const wordsByPage = (bundle: string) => {
    const content = bundleContent(path.join(work, bundle));
    const byPage = new Map<string, string[]>();
    const add = (url: string, entry: unknown[]) => byPage.set(url, [...(byPage.get(url) ?? []), JSON.stringify(entry)]);
    for (const [word, { own, variants }] of Object.entries(content.words) as Array<[string, { own: Posting[]; variants: Array<[string, Posting[]]> }]>) {
      for (const [url, ...places] of own) add(url, [word, ...places]);
      for (const [variant, list] of variants) for (const [url, ...places] of list) add(url, [word, variant, ...places]);
    }
    const fragments = new Map((content.fragments as Array<{ url: string }>).map((fragment) => [fragment.url, JSON.stringify(fragment)]));
    return { byPage, fragments };
  };
  const theirs = wordsByPage("pagefind");
  const ours = wordsByPage("lysark");
  const words = (of: typeof theirs, url: string) => (of.byPage.get(url) ?? []).sort().join("\n");
  return records.flatMap((record, i) =>
    words(ours, record.url) !== words(theirs, record.url) || ours.fragments.get(record.url) !== theirs.fragments.get(record.url) ? [i] : [],
  );
}

/** A record whose one slide holds `text`, and whose title in metadata is "T" and `text`: the odd-word tests' records. */
export function textRecord(text: string, i: number): SearchRecord {
  return {
    id: `p/d${i}`,
    url: `/d/${i}/`,
    language: "nb",
    title: "T",
    meta: { title: `T ${text}` },
    filters: {} as SearchRecord["filters"],
    sort: {},
    head: [],
    parts: [{ anchor: "slide-1", title: "", text, topics: [] }],
  };
}

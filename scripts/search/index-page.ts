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
 * index-only, terms and language markers and headed slides. See docs/search.md, "An index writer of Lysark's own".
 */
import { decodeHTML } from "entities";
import type { Stemmer } from "./inflections.ts";
import { compareCodePoints } from "./merge.ts";
import { anchorsBefore, INDEX_ONLY_ANCHOR, type IndexedExtras, type SearchBlock, type SearchRecord, WEIGHTS } from "./records.ts";

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
const WORD_CHARACTER = /[\p{Alphabetic}\p{N}]/u;
const UPPERCASE = /\p{Uppercase}/u;
const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /\p{M}/gu;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export interface IndexAnchor {
  element: string;
  id: string;
  text: string;
  title?: string;
  location: number;
}

/** One record as Pagefind indexes it, its words as the terms of the WordTable that read it. */
export interface IndexPage {
  url: string;
  content: string;
  wordCount: number;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
  anchors: IndexAnchor[];
  sort: Record<string, string>;
  /** For each word of the text in order, each term Pagefind indexes for it: [term, position, weight (× 24), …]. */
  occurrences: Int32Array;
  /** For each word of the metadata: [term, field (in the page's sorted field names), position, …]. */
  metaOccurrences: Int32Array;
}

/** A list of integers kept in one typed array: a page has thousands of words, each a few numbers. */
class IntList {
  private values = new Int32Array(4096);
  length = 0;

  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.values.length) {
      const bigger = new Int32Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = a;
    this.values[this.length++] = b;
    this.values[this.length++] = c;
  }

  /** The integers pushed, without copying them. */
  view(): Int32Array {
    return this.values.subarray(0, this.length);
  }
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
    // The crate compares graphemes: "e" and a combining accent are one lower-case letter before a capital.
    const chars = NON_ASCII.test(piece) ? Array.from(GRAPHEMES.segment(piece), ({ segment }) => segment) : Array.from(piece);
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
  /** Indexed where the word is in the text, not where it is in a metadata field (what follows a full stop). */
  textOnly?: true;
}

/** `word` (normalized) as Pagefind indexes it: stemmed without its diacritics, which it keeps as the written form. */
function indexable(word: string, stemmer: Stemmer | undefined, compoundPart: boolean): IndexableWord {
  const folded = withoutDiacritics(word);
  const base = folded ?? word;
  return { stemmed: stemmer ? stemmer.stem(base) : base, original: folded === undefined ? undefined : word, compoundPart };
}

/** Whether a word may have parts: something besides letters and digits in it, or a capital after its first letter. */
function possiblyCompound(raw: string): boolean {
  let first = true;
  for (const c of raw) {
    if (!WORD_CHARACTER.test(c) || (!first && UPPERCASE.test(c))) return true;
    first = false;
  }
  return false;
}

/**
 * How much of what follows a full stop Pagefind reads: 64 characters (code points: not bytes, nor a letter with its
 * combining accent as one), its parts and its capitals looked for in those only. Read off its index, like the rest.
 */
const REST_CHARACTERS = 64;

/** The first `count` characters (code points) of `text`. */
function firstCharacters(text: string, count: number): string {
  if (text.length <= count) return text;
  let end = 0;
  for (let n = 0; n < count && end < text.length; n++) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
  return text.slice(0, end);
}

/** Pagefind's `get_indexable_words`: the word, the parts of a word joined by punctuation or case, and its emoji. */
export function indexableWords(raw: string, stemmer: Stemmer | undefined): IndexableWord[] {
  const results: IndexableWord[] = [];
  const normalized = normalizedWord(raw);
  if (normalized) results.push(indexable(normalized, stemmer, false));
  if (!possiblyCompound(raw)) return results;
  const parts = lowerCaseWords(raw.replace(ASCII_PUNCTUATION, " "));
  const joined = parts.join(" ");
  if (normalized && (parts.length > 1 || !normalized.startsWith(joined))) {
    for (const part of parts) {
      // Pagefind keeps parts of two bytes or more (in UTF-8): "a" goes, "å" stays.
      if (Buffer.byteLength(part) > 1) results.push(indexable(part, stemmer, true));
    }
  }
  if (normalized) {
    // What follows each full stop when that may have parts itself, normalized as the word is: "oslo.kommune.no"
    // also gives "kommuneno", "ab.cdEf" "cdef", "ola@x.no’" "no" (its part is "no’"), "x.no1" nothing, but "x.no1."
    // (a block's last word) "no1". Only in the text, not in a metadata field, and not when its stem is the word's,
    // a part's or such a word's already (".ab.cd", "cd.c.d", "ab..cd", "abl.a.bl." with "abla" stemmed "abl").
    // Read off Pagefind 1.6's index (tests/search/index-writer.test.ts): its source for this was not at hand.
    // Of what follows, only the first REST_CHARACTERS count ("b.c." then 70 letters gives "c" and 62 of them).
    const seen = new Set(results.map((word) => word.stemmed));
    for (let dot = raw.indexOf("."); dot >= 0; dot = raw.indexOf(".", dot + 1)) {
      const after = firstCharacters(raw.slice(dot + 1), REST_CHARACTERS);
      if (!possiblyCompound(after)) continue;
      const word = normalizedWord(after);
      // Two characters or more (not bytes, as for a part): "ab.§ø" gives no "ø".
      if (Array.from(word).length < 2) continue;
      const rest = indexable(word, stemmer, true);
      if (seen.has(rest.stemmed)) continue;
      seen.add(rest.stemmed);
      results.push({ ...rest, textOnly: true });
    }
  }
  if (PICTOGRAPH.test(raw)) {
    for (const { segment } of GRAPHEMES.segment(raw)) {
      if (PICTOGRAPH.test(segment)) results.push({ stemmed: segment, original: undefined, compoundPart: false });
    }
  }
  return results;
}

/** Pagefind's weight for `___PAGEFIND_WEIGHT___<value>`: × 24 in a byte, at least 1 unless 0 or less. */
function scaledWeight(text: string, automatic: boolean): number {
  const value = Number.parseFloat(text);
  const weight = Number.isNaN(value) ? 1 : value;
  if (!automatic && weight <= 0) return 0;
  const scaled = Math.trunc(Math.fround(Math.min(Math.max(weight, 0), WEIGHT_MAX) * WEIGHT_SCALE));
  return automatic ? scaled : Math.max(scaled, 1);
}

/** The words Pagefind indexes for one word as written: terms of the table, and how many are parts of the word. */
interface TableEntry {
  terms: Int32Array;
  /** The terms a metadata field's word gives: `terms` without the text's own (IndexableWord's `textOnly`). */
  metaTerms: Int32Array;
  /** 1 where the term is a part of the word: parts share its weight. */
  isPart: Uint8Array;
  parts: number;
}

/**
 * The words Pagefind indexes for each word of a text, kept by the word as written (a site repeats its words, and
 * stemming is most of the work), each a term: a word (stemmed by the table's stemmer, if any) and the written form
 * with diacritics that Pagefind files as a variant of it, if any. A writer process keeps one table for all its slices.
 */
export class WordTable {
  private readonly known = new Map<string, TableEntry>();
  private readonly termIds = new Map<string, number>();
  /** Each term's word. */
  readonly words: string[] = [];
  /** Each term's written form with diacritics, undefined for the word itself. */
  readonly forms: Array<string | undefined> = [];
  constructor(readonly stemmer: Stemmer | undefined) {}

  get size(): number {
    return this.words.length;
  }

  entry(raw: string): TableEntry {
    let entry = this.known.get(raw);
    if (!entry) {
      const words = indexableWords(raw, this.stemmer);
      const terms = Int32Array.from(words, (word) => this.term(word.stemmed, word.original));
      entry = {
        terms,
        metaTerms: words.some((word) => word.textOnly) ? terms.filter((_, i) => !words[i]!.textOnly) : terms,
        isPart: Uint8Array.from(words, (word) => (word.compoundPart ? 1 : 0)),
        parts: words.filter((word) => word.compoundPart).length,
      };
      this.known.set(raw, entry);
    }
    return entry;
  }

  private term(word: string, form: string | undefined): number {
    const key = form === undefined ? word : `${word}\u0000${form}`;
    let id = this.termIds.get(key);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.forms.push(form);
      this.termIds.set(key, id);
    }
    return id;
  }

  /** The words of `pages`' terms, each once. */
  wordsOf(pages: readonly IndexPage[]): Set<string> {
    const seen = new Uint8Array(this.size);
    const words = new Set<string>();
    for (const page of pages) {
      for (const list of [page.occurrences, page.metaOccurrences]) {
        for (let i = 0; i < list.length; i += 3) {
          const term = list[i]!;
          if (seen[term]) continue;
          seen[term] = 1;
          words.add(this.words[term]!);
        }
      }
    }
    return words;
  }
}

/** Text that is its words with one space between them: nothing of Pagefind's parser to apply but the full stop. */
const BUSY_TEXT = /^ | $| {2}|[\t\n\v\f\r\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000]|(?:^| )___/;
/**
 * A character after which Pagefind's parser adds a full stop to a block (Rust's `\w` and `')$*`). Its rule also names
 * `"`, but it reads the HTML as written, where recordHtml writes `"` as `&quot;`: a block ending in `"` gets none.
 */
const SENTENCE_END = /^[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}')$*]$/u;
const lastCharacter = (text: string) => {
  const code = text.charCodeAt(text.length - 1);
  return code >= 0xdc00 && code <= 0xdfff && text.length > 1 ? text.slice(-2) : text.slice(-1);
};

/**
 * A record's text read as Pagefind's parser reads `recordHtml`'s: block by block, each between spaces and closed with
 * a full stop after a word character, its weight and anchors given by markers in the text (`___PAGEFIND_WEIGHT___2`),
 * which Pagefind also obeys when a text itself holds them. No digest is made: each block's words are read in place.
 */
class PageReader {
  readonly occurrences = new IntList();
  readonly content: string[] = [];
  readonly anchors: IndexAnchor[] = [];
  position = 0;
  private readonly anchorText = new Map<string, string>();
  private anchorCount = 0;
  private readonly weights: Array<number | undefined> = [WEIGHT_SCALE];

  constructor(private readonly table: WordTable) {}

  /** A block of text at the current weight. */
  block(text: string): void {
    if (!text) return;
    const stop = SENTENCE_END.test(lastCharacter(text));
    if (!BUSY_TEXT.test(text)) {
      this.content.push(stop ? `${text}.` : text);
      const words = text.split(" ");
      if (stop) words[words.length - 1] += ".";
      for (const word of words) this.word(word);
      return;
    }
    const words = text.split(WHITESPACE_RUN);
    // The text ends with a word character: the full stop joins its last word.
    if (stop) words[words.length - 1] += ".";
    for (const word of words) this.token(word);
  }

  paragraph(text: string, weight?: number): void {
    const explicit = weight && weight !== 1 ? String(weight) : undefined;
    if (explicit) this.marker(`___PAGEFIND_WEIGHT___${explicit}`);
    this.block(text);
    if (explicit) this.marker("___END_PAGEFIND_WEIGHT___");
  }

  /** A heading without a weight of its own: Pagefind's automatic one for it. */
  heading(text: string, weight: number): void {
    this.marker(`___PAGEFIND_AUTO_WEIGHT___${weight}`);
    this.block(text);
    this.marker("___END_PAGEFIND_WEIGHT___");
  }

  anchor(element: string, id: string, text: string): void {
    const key = `${this.anchorCount++}:${id}`;
    this.anchorText.set(key, text);
    // Read as a text: an id with a space in it is two words to Pagefind too.
    for (const word of `___PAGEFIND_ANCHOR___${element}:${key}`.split(WHITESPACE_RUN)) this.token(word);
  }

  /** A word of a block that may be a marker, hold zero-width spaces, or be empty. */
  private token(word: string): void {
    if (!word) return;
    if (word.startsWith("___") && this.marker(word)) return;
    const base = word.includes("\u200b") ? word.replaceAll("\u200b", "") : word;
    if (!base) return;
    this.content.push(base);
    this.word(base);
  }

  /** Obeys `word` if it is one of Pagefind's markers. */
  private marker(word: string): boolean {
    const weights = this.weights;
    if (word.startsWith("___PAGEFIND_ANCHOR___")) {
      const rest = word.slice("___PAGEFIND_ANCHOR___".length);
      const colon = rest.indexOf(":");
      const key = rest.slice(colon + 1);
      const id = key.slice(key.indexOf(":") + 1);
      const text = normalizeContent(this.anchorText.get(key) ?? "");
      const element = rest.slice(0, colon);
      // recordHtml gives every slide heading data-pagefind-title (its anchor), and the index-only, terms and language markers none.
      this.anchors.push(element === "h2" ? { element, id, text, title: id, location: this.position } : { element, id, text, location: this.position });
      return true;
    }
    if (word.startsWith("___PAGEFIND_WEIGHT___")) weights.push(scaledWeight(word.slice("___PAGEFIND_WEIGHT___".length), false));
    else if (word.startsWith("___PAGEFIND_AUTO_WEIGHT___"))
      weights.push(weights.length === 1 ? scaledWeight(word.slice("___PAGEFIND_AUTO_WEIGHT___".length), true) : weights.at(-1));
    else if (word.startsWith("___END_PAGEFIND_WEIGHT___")) weights.pop();
    else return false;
    return true;
  }

  /** A word of the text at the next position, with each term Pagefind indexes for it. */
  private word(base: string): void {
    const weight = this.weights.at(-1) ?? 1;
    const { terms, isPart, parts } = this.table.entry(base);
    const partWeight = parts > 0 && weight > 0 ? Math.max(Math.trunc(weight / Math.min(parts, 255)), 1) : 0;
    for (let i = 0; i < terms.length; i++) this.occurrences.push3(terms[i]!, this.position, isPart[i] ? partWeight : weight);
    this.position++;
  }
}

/** One record as Pagefind 1.6 indexes it, with `table`'s stemmer for every word (the bundle's one stemmer, forceLanguage). */
export function indexPage(record: SearchRecord, extras: IndexedExtras, table: WordTable): IndexPage {
  const reader = new PageReader(table);
  reader.heading(record.title, TITLE_WEIGHT);
  const blocks = (list: readonly SearchBlock[], withTerms = false) => {
    const anchors = anchorsBefore(list, record.language, withTerms);
    list.forEach((block, i) => {
      for (const id of anchors[i]!) reader.anchor("div", id, "");
      reader.paragraph(block.text, block.weight);
    });
  };
  blocks(record.head, true);
  const compounds = extras.compoundParts?.length ? extras.compoundParts : undefined;
  const forms = extras.wordForms?.length ? extras.wordForms : undefined;
  if (compounds || forms) reader.anchor("div", INDEX_ONLY_ANCHOR, "");
  if (compounds) reader.paragraph(compounds.join(" "), WEIGHTS.compoundParts);
  if (forms) reader.paragraph(forms.join(" "), WEIGHTS.wordForms);
  for (const part of record.parts) {
    reader.anchor("h2", part.anchor, part.title);
    reader.heading(part.title, SLIDE_HEADING_WEIGHT);
    if (part.text) reader.paragraph(part.text);
    blocks(part.topics);
  }
  // Pagefind trims a metadata value and makes its runs of white space one space, but decodes nothing more.
  const meta = Object.fromEntries(
    Object.entries(record.meta)
      .sort(([a], [b]) => compareCodePoints(a, b))
      .map(([field, value]) => [field, normalizeSpace(value)]),
  );
  const metaOccurrences = new IntList();
  Object.values(meta).forEach((value, field) => {
    let wordIndex = 0;
    for (const word of value.split(WHITESPACE_RUN)) {
      if (!word) continue;
      for (const term of table.entry(word).metaTerms) metaOccurrences.push3(term, field, wordIndex);
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
    content: reader.content.join(" "),
    wordCount: Math.max(reader.position, 1),
    filters,
    meta,
    anchors: reader.anchors,
    sort: { ...record.sort },
    occurrences: reader.occurrences.view(),
    metaOccurrences: metaOccurrences.view(),
  };
}

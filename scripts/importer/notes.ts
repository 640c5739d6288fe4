/**
 * Speaker notes: long prose after a slide's short, bullet-like text.
 *
 * Transcripts glue a slide's bullets together without punctuation
 * ("Kommuneplan Åpenhets- og mangfoldserklæring Årlig statusrapport …
 * Mangfoldspris") and often append the speaker's notes as running prose
 * ("Under arbeid med kommuneplan inviterte kommunen … planen. Det ble …").
 * The heuristic looks for the point where bullets end and prose begins, and
 * wraps the prose in `::: notes` ONLY when all of these hold:
 *
 *  1. Candidate starts: the start of a sentence, a paragraph, or a "glue
 *     point" — a capitalised word right after a lower-case word that is not a
 *     function word and does not end a clause ("…integreringsarbeidet
 *     Mangfoldspris Under arbeid…"), unless the two words occur together
 *     elsewhere in the document (then it is a name: "bydel Sagene").
 *     Inside the first long sentence, the prose starts at the last glue point
 *     that leaves at least six words before the sentence end, preferring a
 *     capitalised function word ("Under", "Det", "Vi") that opens sentences.
 *  2. The part before it (the slide text) is non-empty, at most 600
 *     characters, and bullet-like: it has a glue point, a short sentence
 *     (under six words) or an unterminated fragment — not only full sentences.
 *  3. The prose is at least 300 characters, at least as long as the slide
 *     text, holds at least two terminated sentences of six or more words, and
 *     its first two sentences each have six or more words (so "Prioritering og
 *     vilje! Felles forståelse!" is slide text, not notes).
 *  4. It reads as prose: on average at least eight words per sentence, at
 *     least 60 % of its characters in terminated sentences, at most one glue
 *     point per 40 words (glued bullets have many), and at most a fifth of its
 *     sentences are quotations (a slide of quotes is slide text) and at most a
 *     quarter are questions or exclamations (a list of questions is slide text).
 *  5. Strong evidence only: the slide part has at least three words and does
 *     not end in a list marker ("4.") or a colon; the split is not between two
 *     capitalised words (inside a name: "Landstinget | Gävleborg") unless the
 *     prose opens with a function word; and the slide is not laid out as a
 *     list or table (two list markers, two lone capital labels "R Raushet …
 *     E Engasjement", a word hyphenated across a line "Anerkjen- nelse", or
 *     more than one word in ten holding a figure).
 * If no split point passes, the slide keeps all its text and gets no notes;
 * a long slide is flagged in the report instead.
 */
import { ROMAN } from "./headings.js";
import { isFunctionWord } from "./language.js";
import { bare, compareKey, endsLower, isCapitalised, words } from "./text.js";

export interface NotesSplit {
  slide: string[];
  notes: string[];
}

interface Tok {
  w: string;
  /** First word of a paragraph. */
  para: boolean;
}

const END = /[.!?…]+["“”»’')\]]*$/u;
const OPEN_QUOTE = /^["“”„«»‘’']/u;

export interface NotesContext {
  /** Lower-case word pairs that occur two or more times in the whole document. */
  knownPairs: Set<string>;
}

export function buildNotesContext(texts: string[]): NotesContext {
  const counts = new Map<string, number>();
  for (const t of texts) {
    const w = words(t).map(bare);
    for (let i = 0; i + 1 < w.length; i++) {
      if (!w[i] || !w[i + 1]) continue;
      const key = `${w[i]} ${w[i + 1]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return { knownPairs: new Set([...counts].filter(([, c]) => c >= 2).map(([k]) => k)) };
}

function isGlue(prev: string, word: string, ctx: NotesContext): boolean {
  return (
    isCapitalised(word) &&
    !ROMAN.test(word) && // "Jämresursen II": the numeral belongs to the name
    (endsLower(prev) || /\)$/u.test(prev)) &&
    !isFunctionWord(bare(prev)) &&
    !ctx.knownPairs.has(`${bare(prev)} ${bare(word)}`)
  );
}

/**
 * A split point between two capitalised words falls inside a name
 * ("Landstinget | Gävleborg") unless the second word is a function word that
 * opens a sentence ("Mangfoldspris | Under arbeid …").
 */
function splitsName(prev: string, word: string): boolean {
  return isCapitalised(prev) && !isFunctionWord(bare(word));
}

/** List markers ("1.", "2)", "a)") and lone capitals used as table labels ("R Raushet", "E Engasjement"). */
const LIST_MARKER = /^(?:\d{1,2}[.)]|[a-h]\))$/u;
const LONE_CAPITAL = /^\p{Lu}$/u;
const SINGLE_LETTER_WORDS = new Set(["i", "å", "ö", "o", "a"]);

/**
 * Layout that marks slide text rather than speech: a numbered list, table
 * labels, many figures, or a word hyphenated across a line break
 * ("Anerkjen- nelse"), which only happens in laid-out text.
 */
function looksLaidOut(toks: Tok[], from: number): boolean {
  const part = toks.slice(from).map((t) => t.w);
  if (part.filter((w) => LIST_MARKER.test(w)).length >= 2) return true;
  if (part.filter((w) => LONE_CAPITAL.test(w) && !SINGLE_LETTER_WORDS.has(w.toLowerCase())).length >= 2) return true;
  // "Anerkjen- nelse": a short lower-case tail that is no word of its own ("mangfolds- og", "kommune- inkludering" are not).
  const hyphenated = (w: string, next: string): boolean => /\p{L}{4}-$/u.test(w) && /^\p{Ll}{2,6}[.,;:]?$/u.test(next) && !isFunctionWord(bare(next));
  if (part.some((w, i) => hyphenated(w, part[i + 1] ?? ""))) return true;
  const figures = part.filter((w) => /\d/u.test(w)).length;
  return figures > part.length / 10;
}

/** The slide part must say something: at least three words with letters, not only a list marker ("4."). */
function substantial(toks: Tok[], S: number): boolean {
  const wordsWithLetters = toks.slice(0, S).filter((t) => /\p{L}{2,}/u.test(t.w)).length;
  return wordsWithLetters >= 3 && !LIST_MARKER.test(toks[S - 1]!.w) && !/:$/u.test(toks[S - 1]!.w);
}

/** Sentences as [start, end) token ranges; a sentence also ends at a paragraph break. */
function sentences(toks: Tok[], from = 0): [number, number][] {
  const out: [number, number][] = [];
  let start = from;
  for (let i = from; i < toks.length; i++) {
    const nextStartsPara = i + 1 < toks.length && toks[i + 1]!.para;
    const next = toks[i + 1]?.w;
    const ends = END.test(toks[i]!.w) && (next === undefined || isCapitalised(next) || OPEN_QUOTE.test(next) || /^\d/u.test(next));
    if (ends || nextStartsPara || i === toks.length - 1) {
      out.push([start, i + 1]);
      start = i + 1;
    }
  }
  return out;
}

const terminated = (toks: Tok[], [, e]: [number, number]): boolean => END.test(toks[e - 1]!.w);
const chars = (toks: Tok[], a: number, b: number): number =>
  toks
    .slice(a, b)
    .map((t) => t.w)
    .join(" ").length;

/** Bullet-like: a glue point, a short sentence (under six words) or an unterminated fragment. */
function bulletLike(toks: Tok[], S: number, ctx: NotesContext): boolean {
  for (let i = 1; i < S; i++) if (!toks[i]!.para && isGlue(toks[i - 1]!.w, toks[i]!.w, ctx)) return true;
  const parts = sentences(toks.slice(0, S));
  return parts.some((r) => r[1] - r[0] < 6 || !terminated(toks, r));
}

function confident(toks: Tok[], S: number, ctx: NotesContext): boolean {
  if (S <= 0 || !bulletLike(toks, S, ctx)) return false;
  if (!substantial(toks, S) || splitsName(toks[S - 1]!.w, toks[S]!.w)) return false;
  if (looksLaidOut(toks, 0)) return false;
  const slideChars = chars(toks, 0, S);
  const proseChars = chars(toks, S, toks.length);
  if (slideChars > 600 || proseChars < 300 || proseChars < slideChars) return false;
  const sents = sentences(toks, S);
  const len = (r: [number, number]): number => r[1] - r[0];
  if (sents.length < 2 || len(sents[0]!) < 6 || len(sents[1]!) < 6) return false;
  const full = sents.filter((r) => terminated(toks, r) && len(r) >= 6);
  if (full.length < 2) return false;
  const proseWords = toks.length - S;
  if (proseWords / sents.length < 8) return false;
  const termChars = sents.filter((r) => terminated(toks, r)).reduce((a, r) => a + chars(toks, r[0], r[1]), 0);
  if (termChars / proseChars < 0.6) return false;
  let glue = 0;
  for (let i = S + 1; i < toks.length; i++) if (!toks[i]!.para && isGlue(toks[i - 1]!.w, toks[i]!.w, ctx)) glue++;
  if (glue > proseWords / 40) return false;
  const quoted = sents.filter((r) => OPEN_QUOTE.test(toks[r[0]]!.w)).length;
  if (quoted > sents.length / 5) return false;
  // Questions and exclamations are slide text (a list of questions, "Tenk utradisjonelt!").
  const asks = sents.filter((r) => /[?!]["“”»’')\]]*$/u.test(toks[r[1] - 1]!.w)).length;
  if (asks > sents.length / 4) return false;
  return true;
}

/** Split a slide's paragraphs into slide text and speaker notes, when confident. */
export function splitNotes(paragraphs: string[], ctx: NotesContext): NotesSplit | undefined {
  const toks: Tok[] = [];
  for (const p of paragraphs) {
    words(p).forEach((w, i) => {
      toks.push({ w, para: i === 0 });
    });
  }
  if (toks.length < 20) return undefined;
  for (const [s, e] of sentences(toks)) {
    const candidates: number[] = [s];
    if (e - s >= 6 && terminated(toks, [s, e])) {
      const glue: number[] = [];
      for (let i = s + 1; i <= e - 6; i++) if (isGlue(toks[i - 1]!.w, toks[i]!.w, ctx)) glue.push(i);
      const openers = glue.filter((i) => isFunctionWord(bare(toks[i]!.w)));
      const pick = openers.at(-1) ?? glue.at(-1);
      if (pick !== undefined) candidates.unshift(pick);
    }
    for (const S of candidates) {
      if (confident(toks, S, ctx)) return rebuild(toks, S);
    }
  }
  return undefined;
}

function rebuild(toks: Tok[], S: number): NotesSplit {
  const group = (part: Tok[]): string[] => {
    const out: string[][] = [];
    part.forEach((t, i) => {
      if (t.para || i === 0) out.push([]);
      out[out.length - 1]!.push(t.w);
    });
    return out.map((ws) => ws.join(" ")).filter((p) => compareKey(p) !== "");
  };
  return { slide: group(toks.slice(0, S)), notes: group(toks.slice(S)) };
}

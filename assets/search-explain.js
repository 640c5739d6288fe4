// Why a search result matched, when the result itself does not show it: the query found the
// document only through a topic word in another language ("gender equality" for a Swedish
// document on jämställdhet) or only through part of a compound ("strategi" in
// "arbeidsgiverstrategi"). And the result's excerpts, without the words a record adds for the
// index only, each word in another language than the document's in a span with its own lang.
// See docs/search.md, "The search page".

/** Weight of the compound parts' paragraph in a record (WEIGHTS.compoundParts in scripts/search/records.ts). */
const PART_WEIGHT = 0.5;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
/** Id of the empty anchor before a record's index-only words (INDEX_ONLY_ANCHOR in scripts/search/records.ts). */
const INDEX_ONLY = "index-only";
/**
 * Id of the empty anchor where text in another language than the one before it starts, and its language
 * (LANGUAGE_ANCHOR in scripts/search/records.ts): "lang-en". The text runs to the next anchor but TERMS_ANCHOR.
 */
const LANGUAGE_ANCHOR = /^lang-([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)$/;
/**
 * Id of the empty anchor before a record's registry words: topic labels and keywords, publisher names, indicator
 * labels (TERMS_ANCHOR in scripts/search/records.ts). They run to the next anchor that is not a language anchor.
 */
const TERMS_ANCHOR = "terms";
/** A slide's or a section's anchor (scripts/search/records.ts): its kind and its number. */
export const PART_ANCHOR = /^(slide|section)-(\d+)$/;

const normalise = (word) => (word ?? "").toLocaleLowerCase().replace(NOT_WORD, "");
const NORDIC = /[øæœå]|aa/;
const LETTERS = /[øæœå]|aa/g;
const SPELLINGS = { ø: ["o", "oe"], æ: ["ae"], œ: ["oe"], å: ["å", "aa"], aa: ["aa", "å"] };
const MIXED_UP_TO = 3;

/**
 * A word (lower case) as typed without ø, æ, œ and å, or with å for its aa, as the index also holds it ("tromsø" →
 * ["tromso", "tromsoe"], "aarhus" → ["århus"]; keyboardForms in scripts/search/keyboard-forms.ts, which says how);
 * none for a word without them.
 */
export function keyboardForms(word) {
  if (!NORDIC.test(word)) return [];
  const pieces = word.split(LETTERS);
  const letters = word.match(LETTERS);
  const choices = letters.map((letter) => SPELLINGS[letter]);
  const twofold = choices.flatMap((spellings, i) => (spellings.length > 1 ? [i] : []));
  const mixes = [];
  if (twofold.length <= MIXED_UP_TO) {
    for (let mix = 0; mix < 2 ** twofold.length; mix++) {
      const picks = choices.map(() => 0);
      twofold.forEach((at, bit) => {
        picks[at] = (mix >> bit) & 1;
      });
      mixes.push(picks);
    }
  } else mixes.push(choices.map(() => 0), choices.map((spellings) => spellings.length - 1));
  const forms = new Set(mixes.map((picks) => pieces.map((piece, i) => (i < letters.length ? piece + choices[i][picks[i]] : piece)).join("")));
  forms.delete(word);
  return [...forms];
}

/** Nynorsk documents use the Bokmål topic labels as their own. */
const sameLanguage = (locale, body) => locale === body || (locale === "nb" && body === "nn");

/**
 * Where a run of a result's words that starts at position `from` ends: at the first of `anchors` after it that `passes`
 * does not let through, or at `count`.
 */
function runEnd(anchors, from, count, passes = () => false) {
  let end = count;
  for (const anchor of anchors) if (anchor.location > from && anchor.location < end && !passes(anchor)) end = anchor.location;
  return end;
}

/** Word positions [from, to) of a result's index-only words: from its INDEX_ONLY anchor to the next anchor or the end. */
function indexOnly(hit, count) {
  const anchors = hit.anchors ?? [];
  const from = anchors.find((anchor) => anchor.id === INDEX_ONLY)?.location ?? count;
  return [from, runEnd(anchors, from, count)];
}

/**
 * What the excerpts below read of a result (`hit`, Pagefind's data for it): its words as Pagefind splits them (`all`,
 * and the `joiner` that joins them again), where its index-only words run ([from, to)), what its index-only matches
 * stand for (`standIn`, standIns) and the language of each position (`languages`, languagesOf). search.js makes it once
 * for a result and hands it to each; called without it, each makes its own.
 */
export function resultText(hit) {
  const { all, joiner } = contentWords(hit);
  const [from, to] = indexOnly(hit, all.length);
  return { all, joiner, from, to, standIn: standIns(hit, all, from, to), languages: languagesOf(hit, all.length) };
}

/**
 * `hit` is a result's data from Pagefind (content, weighted_locations, filters); `topicTerms`
 * maps a topic id to its labels and keywords per UI locale ({ nb: [...], en: [...] });
 * `body` is the document's language. Returns { kind: "compound", word, part },
 * { kind: "topic", topic } or null (nothing to explain: the query's words are in the text).
 */
export function explainMatch(hit, topicTerms, body) {
  const located = hit.weighted_locations ?? [];
  if (!located.length) return null;
  const words = (hit.content ?? "").split(/\s+/);
  const matched = [...new Set(located.map((entry) => normalise(words[entry.location])))].filter(Boolean);
  if (!matched.length) return null;

  // A loop, not Math.max(...): a word a document repeats 120,000 times overflows the call stack as arguments.
  const [from, to] = indexOnly(hit, words.length);
  // A match among the document's own words needs no explanation, whatever its weight: Pagefind gives a quoted phrase's
  // words the lowest. (A record without the index-only anchor, from before it, has its parts anywhere: from is the end.)
  const ownWord = from < words.length && located.some((entry) => entry.location < from || entry.location >= to);
  if (!ownWord && located.every((entry) => entry.weight <= PART_WEIGHT)) {
    // Every match is a compound part: name the longest word of the text (not an index-only one) that holds the part.
    const textWords = [...new Set([...words.slice(0, from), ...words.slice(to)].map(normalise))];
    // A word typed without ø, æ or å ("tromso"): the excerpt marks the word of the text, which needs no explanation.
    const typed = new Set(textWords.flatMap(keyboardForms));
    if (matched.some((word) => typed.has(word))) return null;
    for (const part of matched) {
      const compound = textWords.filter((word) => word.length > part.length && word.includes(part)).sort((a, b) => b.length - a.length)[0];
      if (compound) return { kind: "compound", word: compound, part };
    }
    return null;
  }

  for (const topic of hit.filters?.topic ?? []) {
    for (const [locale, terms] of Object.entries(topicTerms[topic] ?? {})) {
      if (sameLanguage(locale, body)) continue;
      const termWords = new Set(terms.flatMap((term) => term.split(/\s+/).map(normalise)));
      if (matched.every((word) => termWords.has(word))) return { kind: "topic", topic };
    }
  }
  return null;
}

/**
 * The result's excerpt as Pagefind makes it (its calculate_excerpt_region and build_excerpt: the
 * `length` words around the densest matches, <mark> around each match, < and > escaped), from the
 * document's own words only. A record's compound parts and word forms run from its INDEX_ONLY anchor
 * to the next anchor or the end; they are left out. A match there counts as a match of the words of the
 * text it stands for (standIns): the word it is typed without ø, æ or å ("tromso" for "Tromsø"), the words
 * that hold it ("strategi" in "arbeidsgiverstrategien"), or the words it is another form of ("læremidla" for
 * "læremiddel"). When every match is index-only and stands for none, the excerpt is the document's opening words.
 * When any match is among the document's own words, the registry words the record ends its head with (termsRange) are
 * left out as well.
 */
export function pageExcerpt(hit, length, text = resultText(hit)) {
  const { all, joiner, from, to, standIn, languages } = text;
  const indexOnlyAt = (at) => at >= from && at < to;
  const scoreAt = [];
  for (const { location, balanced_score } of hit.weighted_locations ?? []) {
    if (!indexOnlyAt(location)) scoreAt[location] = (scoreAt[location] ?? 0) + balanced_score;
  }
  if (standIn) {
    all.forEach((word, at) => {
      if (indexOnlyAt(at) || scoreAt[at] !== undefined) return;
      const score = standIn(word);
      if (score !== undefined) scoreAt[at] = score;
    });
  }
  // The registry words say less of a document than its own: when the query matched any of its own, they are left out.
  const [termsFrom, termsTo] = termsRange(hit, all.length);
  const termsAt = (at) => at >= termsFrom && at < termsTo;
  const own = scoreAt.some((score, at) => score !== undefined && !termsAt(at));
  const shown = [];
  for (let at = 0; at < all.length; at++) if (!indexOnlyAt(at) && !(own && termsAt(at))) shown.push(at);
  const scores = [];
  shown.forEach((at, i) => {
    if (scoreAt[at] !== undefined) scores[i] = scoreAt[at];
  });
  const words = shown.map((at) => all[at]);
  return excerptHtml(words, scores, excerptStart(scores, length, words.length), length, joiner, (i) => languages(shown[i]));
}

/**
 * Word positions [from, to) of a result's registry words: from its TERMS_ANCHOR to the next anchor that is not a
 * language anchor, or the end; an empty range without one. They come before the index-only words.
 */
function termsRange(hit, count) {
  const anchors = hit.anchors ?? [];
  const from = anchors.find((anchor) => anchor.id === TERMS_ANCHOR)?.location;
  if (from === undefined) return [0, 0];
  return [from, runEnd(anchors, from, count, (anchor) => anchor.id === TERMS_ANCHOR || LANGUAGE_ANCHOR.test(anchor.id ?? ""))];
}

/**
 * A slide's or section's excerpt (`anchor` is the anchor of one of Pagefind's sub-results) as Pagefind's
 * calculate_sub_results makes it: the words from the anchor to the next titled anchor around the densest of the
 * result's matches there, each match marked; with the words of another language in spans of their own.
 */
export function partExcerpt(hit, anchor, length, text = resultText(hit)) {
  const { all, joiner, languages } = text;
  const titled = (hit.anchors ?? [])
    .filter((entry) => (entry.title?.length && /\S/.test(entry.title)) || (/h\d/i.test(entry.element ?? "") && entry.text?.length && /\S/.test(entry.text)))
    .sort((a, b) => a.location - b.location);
  const from = anchor.location;
  const end = titled.find((entry) => entry.location > from)?.location;
  const scores = [];
  for (const { location, balanced_score } of hit.weighted_locations ?? []) {
    if (location < from || (end !== undefined && location >= end)) continue;
    scores[location - from] = (scores[location - from] ?? 0) + balanced_score;
  }
  // Pagefind shortens an excerpt that would run into the next part, and moves back one that would run past the end.
  const region = excerptStart(scores, length, Number.POSITIVE_INFINITY);
  const endcap = end ?? all.length;
  const size = Math.min(end === undefined ? length : Math.min(end - from - region, length), endcap - from);
  const start = Math.max(Math.min(region, endcap - from - size), 0);
  return excerptHtml(all.slice(from, endcap), scores, start, size, joiner, (i) => languages(from + i));
}

/**
 * The slides (or sections) that hold a word of the text an index-only match stands for (standIns: the word typed
 * without ø, æ or å, a compound the match is a part of), in the shape of Pagefind's sub-results ({ anchor: { id, text },
 * excerpt }), in document order, the words marked. Pagefind credits such a match to no slide: the index-only words
 * come before the first one.
 */
export function standInPartResults(hit, length, text = resultText(hit)) {
  const { all, joiner, standIn, languages } = text;
  if (!standIn) return [];
  const anchors = [...(hit.anchors ?? [])].filter((anchor) => PART_ANCHOR.test(anchor.id ?? "")).sort((a, b) => a.location - b.location);
  const results = [];
  for (const anchor of anchors) {
    const end = runEnd(anchors, anchor.location, all.length);
    const words = all.slice(anchor.location, end);
    const scores = [];
    words.forEach((word, at) => {
      const score = standIn(word);
      if (score !== undefined) scores[at] = score;
    });
    if (!scores.length) continue;
    const start = excerptStart(scores, length, words.length);
    const excerpt = excerptHtml(words, scores, start, length, joiner, (at) => languages(anchor.location + at));
    results.push({ anchor: { id: anchor.id, text: anchor.text ?? "" }, excerpt });
  }
  return results;
}

/** A result's content as Pagefind splits it into words (< and > escaped), and what joins them again. */
function contentWords(hit) {
  const content = hit.raw_content ?? (hit.content ?? "").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const joiner = content.includes("\u200B") ? "" : " ";
  return { all: joiner ? content.split(/[^\S\uFEFF]+/) : content.split("\u200B"), joiner };
}

/** Index-only words (compound parts, inflected forms) shorter than this stand for no word of the text. */
const MIN_HELD = 4;

/**
 * Whether an inflected form and a word of the text look like forms of one word: at most two letters apart in length
 * (the index adds no form longer than that, docs/search.md "Inflected forms"), and alike but for the last two
 * letters of the shorter, four at least ("læremidla" and "læremiddel", "kommunar" and "kommune", "staging" and
 * "staged"; not "kommunar" and "kommunikasjon", "planleggar" and "planlagt", nor "mødre" and "møter").
 */
function formsOfOneWord(word, form) {
  if (word === form || Math.abs(word.length - form.length) > 2) return false;
  const need = Math.max(MIN_HELD, Math.min(word.length, form.length) - 2);
  for (let i = 0; i < need; i++) if (word[i] !== form[i]) return false;
  return true;
}

/**
 * What the index-only words (positions [from, to) of `all`) that matched stand for in the text: a function of a word
 * of the text that gives the best score of the matches that stand for it, or undefined; undefined when none matched.
 * A match that is a word of the text typed without ø, æ or å stands for that word alone ("for" for "før", not for
 * "forslag"); one that a longer word of the text holds (a compound's part) for each such word; any other (an
 * inflected form) for the words that look like forms of one word with it (formsOfOneWord).
 */
function standIns(hit, all, from, to) {
  const matched = new Map();
  for (const { location, balanced_score } of hit.weighted_locations ?? []) {
    if (location < from || location >= to) continue;
    const word = normalise(all[location]);
    matched.set(word, Math.max(matched.get(word) ?? 0, balanced_score));
  }
  if (!matched.size) return undefined;
  const textWords = [...new Set([...all.slice(0, from), ...all.slice(to)].map(normalise))];
  const typed = new Set(textWords.flatMap(keyboardForms));
  const untyped = [...matched].filter(([word]) => word.length >= MIN_HELD && !typed.has(word));
  const isHeld = ([part]) => textWords.some((word) => word.length > part.length && word.includes(part));
  const held = untyped.filter(isHeld);
  const forms = untyped.filter((entry) => !isHeld(entry));
  return (word) => {
    const own = normalise(word);
    let score;
    const better = (candidate) => !(score >= candidate);
    for (const form of keyboardForms(own)) if (matched.has(form) && better(matched.get(form))) score = matched.get(form);
    for (const [part, partScore] of held) if (own.length > part.length && own.includes(part) && better(partScore)) score = partScore;
    for (const [form, formScore] of forms) if (formsOfOneWord(own, form) && better(formScore)) score = formScore;
    return score;
  };
}

/**
 * Where Pagefind's calculate_excerpt_region starts an excerpt of `length` words among `count` words with a score at
 * each matched position: the middle one of the windows with the highest sum, moved back to end with the last word.
 */
function excerptStart(scores, length, count) {
  let start = 0;
  if (scores.length > length) {
    let sum = scores.slice(0, length).reduce((total, score) => total + score, 0);
    let best = sum;
    let bestAt = [0];
    for (let i = 0; i < scores.length; i++) {
      sum += (scores[i + length] ?? 0) - (scores[i] ?? 0);
      if (sum > best) [best, bestAt] = [sum, [i]];
      else if (sum === best && bestAt[bestAt.length - 1] === i - 1) bestAt.push(i);
    }
    start = bestAt[Math.floor(bestAt.length / 2)];
  }
  return Math.max(0, Math.min(start, count - length));
}

/**
 * Pagefind's build_excerpt: `length` of `words` from `start`, <mark> around each word with a score; and each run of
 * words whose language (`languageAt(i)`, undefined for the document's) is another in <span lang="…">.
 */
function excerptHtml(words, scores, start, length, joiner, languageAt) {
  const window = words.slice(start, start + length);
  const languages = window.map((_, i) => languageAt(start + i));
  return window
    .map((word, i) => {
      let html = scores[start + i] === undefined ? word : `<mark>${word}</mark>`;
      const lang = languages[i];
      if (lang && languages[i - 1] !== lang) html = `<span lang="${lang}">${html}`;
      if (lang && languages[i + 1] !== lang) html = `${html}</span>`;
      return html;
    })
    .join(joiner)
    .trim();
}

/**
 * The language of each word position of a result's content (`count` words) that is in another language than the
 * document's: from a language anchor to the next anchor but the registry words' (TERMS_ANCHOR). Returns a function of
 * the position, undefined for the document's own language.
 */
function languagesOf(hit, count) {
  const body = hit.filters?.language?.[0];
  const anchors = hit.anchors ?? [];
  const runs = [];
  for (const anchor of anchors) {
    const lang = LANGUAGE_ANCHOR.exec(anchor.id ?? "")?.[1];
    if (!lang || lang === body) continue;
    // The registry words' anchor changes no language: the record puts a language anchor beside it where one changes.
    runs.push({ from: anchor.location, to: runEnd(anchors, anchor.location, count, (next) => next.id === TERMS_ANCHOR), lang });
  }
  return (at) => runs.find((run) => at >= run.from && at < run.to)?.lang;
}

/**
 * An excerpt (pageExcerpt's or partExcerpt's: text with < and > escaped, <mark> around each matched word, <span
 * lang="…"> around words in another language) as pieces of text, each marked or not, each with its language or none.
 * Pagefind marks a word with the punctuation it touches ("likestilling:", "(heltid)"); that punctuation is moved
 * outside the mark, so only the word is highlighted.
 */
export function excerptPieces(html) {
  const pieces = [];
  let marked = false;
  let lang;
  const add = (text, mark) => {
    if (!text) return;
    const last = pieces[pieces.length - 1];
    if (last && last.marked === mark && last.lang === lang) last.text += text;
    else pieces.push(lang ? { text, marked: mark, lang } : { text, marked: mark });
  };
  for (const piece of html.split(/(<\/?mark>|<span lang="[^"<>]*">|<\/span>)/)) {
    if (piece === "<mark>") marked = true;
    else if (piece === "</mark>") marked = false;
    else if (piece.startsWith("<span lang=")) lang = piece.slice('<span lang="'.length, -2);
    else if (piece === "</span>") lang = undefined;
    else {
      const text = piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      const word = marked ? /^(\p{P}*)(.*?)(\p{P}*)$/su.exec(text) : null;
      if (word?.[2]) {
        add(word[1], false);
        add(word[2], true);
        add(word[3], false);
      } else add(text, marked);
    }
  }
  return pieces;
}

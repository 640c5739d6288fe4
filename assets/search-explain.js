// Why a search result matched, when the result itself does not show it: the query found the
// document only through a topic word in another language ("gender equality" for a Swedish
// document on jämställdhet) or only through part of a compound ("strategi" in
// "arbeidsgiverstrategi"). See docs/search.md, "The search page".

/** Weight of the compound parts' paragraph in a record (WEIGHTS.compoundParts in scripts/search/records.ts). */
const PART_WEIGHT = 0.5;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

const normalise = (word) => (word ?? "").toLocaleLowerCase().replace(NOT_WORD, "");
/** Nynorsk documents use the Bokmål topic labels as their own. */
const sameLanguage = (locale, body) => locale === body || (locale === "nb" && body === "nn");

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

  if (Math.max(...located.map((entry) => entry.weight)) <= PART_WEIGHT) {
    // Every match is a compound part: name the longest word of the text that holds the part.
    const textWords = [...new Set(words.map(normalise))];
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

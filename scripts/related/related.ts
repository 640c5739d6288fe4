/**
 * Related documents, computed once per build.
 *
 * Method. Each document is scored against candidate documents as
 *
 *   score = 0.6 · text + 0.3 · topics + 0.1 · publisher
 *
 * - text: TF-IDF cosine similarity of the documents' words (title, summary and
 *   the plain `text` of every slide or section). Words are lower-cased runs of
 *   letters and digits of at least three characters that are not pure numbers
 *   and not common function words (nb, nn, sv, da, en). A word's weight in a
 *   document is (1 + ln tf) · ln(N / df); each document keeps only its TOP_TERMS
 *   heaviest words that occur in at least two documents (a word in one document
 *   cannot make two documents alike), scaled by the norm of its full vector, so
 *   the score is the cosine restricted to those words.
 * - topics: Jaccard overlap of the topic ids (shared / union).
 * - publisher: 1 for the same publisher, 0.5 for a close relative (parent,
 *   district or sibling district), else 0.
 * A document needs a score of at least MIN_SCORE to be listed, so a related
 * publisher alone does not make two documents related.
 *
 * Each document's words and their counts are found in pass 1, on the worker
 * that renders its body (scripts/content/terms.ts), so the main thread never
 * reads a body back or tokenises it here.
 *
 * Scale. Nothing is compared pairwise. An inverted index maps each kept word to
 * the documents that kept it, heaviest first and capped at POSTINGS_PER_TERM;
 * a document's text scores are accumulated over its own kept words' postings
 * only. Documents sharing a topic or a publisher are added as candidates from
 * per-topic and per-publisher lists sorted by date, at most NEIGHBOURS of each,
 * the ones nearest in date. Each document's best `limit` are kept in a small
 * sorted buffer, never a full sort. So given the documents' words,
 * time is O(n · (TOP_TERMS · POSTINGS_PER_TERM + topics · NEIGHBOURS)) and the
 * index takes O(n · TOP_TERMS) memory, never O(n²). Scores through very common
 * words are approximate (capped postings); documents that share rarer words are
 * always found. Given the words, about 0.1 ms per document on one core, as much at
 * 50,000 documents as at 5,000 (bench corpus: 0.34–0.50 s for 5,000, 1.6–2.0 s
 * for 20,000, 4.7–5.2 s for 50,000).
 *
 * Determinism. Everything iterates in a fixed order (documents in input order,
 * words numbered by first use), ties between words are broken by the word and
 * ties in score by document id, so the same input always gives the same lists.
 */
import { termWords, type DocumentTerms } from "../content/terms.ts";

export interface RelatedInput {
  id: string;
  /** The words to compare and their counts (title, summary, slide text …: scripts/content/terms.ts, made in pass 1). */
  terms: DocumentTerms;
  topics: readonly string[];
  publisher: string;
  /** Publishers counted as close relatives (parent, districts, siblings); not the publisher itself. */
  relatives: readonly string[];
}

export interface RelatedOptions {
  /** How many related documents per document (default 5). */
  limit?: number;
}

export const TOP_TERMS = 20;
export const POSTINGS_PER_TERM = 40;
export const NEIGHBOURS = 12;
const WEIGHTS = { text: 0.6, topics: 0.3, publisher: 0.1 };
/** Below this nothing is shared but a related publisher: not enough to call two documents related. */
const MIN_SCORE = 0.06;

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * For each input document, the indexes of up to `limit` related documents,
 * best first. The result is parallel to `docs`.
 */
export function relatedDocuments(docs: readonly RelatedInput[], options: RelatedOptions = {}): number[][] {
  const limit = options.limit ?? 5;
  const n = docs.length;
  if (n < 2) return docs.map(() => []);

  // Pass 1: words get numbers in order of first use; each document brings its
  // distinct words with their counts, and every word gets its document frequency.
  const termIds = new Map<string, number>();
  const words: string[] = [];
  const df: number[] = [];
  const docTerms: Int32Array[] = [];
  const docCounts: Int32Array[] = [];
  for (const doc of docs) {
    const docWords = termWords(doc.terms);
    const { counts } = doc.terms;
    const terms = new Int32Array(docWords.length);
    docWords.forEach((word, i) => {
      let id = termIds.get(word);
      if (id === undefined) {
        id = words.length;
        termIds.set(word, id);
        words.push(word);
        df.push(0);
      }
      terms[i] = id;
      df[id]!++;
    });
    docTerms.push(terms);
    docCounts.push(Int32Array.from(counts));
  }

  // Pass 2: each document's TF-IDF weights, reduced to its TOP_TERMS heaviest
  // shared words (ties by word), scaled by the norm of the full vector.
  const topTerms: Int32Array[] = [];
  const topWeights: Float64Array[] = [];
  const heavier = (wa: number, a: number, wb: number, b: number) => wa > wb || (wa === wb && words[a]! < words[b]!);
  const bufferTerms = new Int32Array(TOP_TERMS);
  const bufferWeights = new Float64Array(TOP_TERMS);
  for (let d = 0; d < n; d++) {
    const terms = docTerms[d]!;
    const counts = docCounts[d]!;
    let norm = 0;
    let size = 0;
    for (let i = 0; i < terms.length; i++) {
      const id = terms[i]!;
      const weight = (1 + Math.log(counts[i]!)) * Math.log(n / df[id]!);
      norm += weight * weight;
      if (df[id]! < 2 || weight <= 0) continue;
      if (size === TOP_TERMS && !heavier(weight, id, bufferWeights[size - 1]!, bufferTerms[size - 1]!)) continue;
      // Insertion into the small sorted buffer, heaviest first.
      let at = size < TOP_TERMS ? size++ : size - 1;
      while (at > 0 && heavier(weight, id, bufferWeights[at - 1]!, bufferTerms[at - 1]!)) {
        bufferWeights[at] = bufferWeights[at - 1]!;
        bufferTerms[at] = bufferTerms[at - 1]!;
        at--;
      }
      bufferWeights[at] = weight;
      bufferTerms[at] = id;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    topTerms.push(bufferTerms.slice(0, size));
    topWeights.push(bufferWeights.slice(0, size).map((weight) => weight * scale));
  }
  docTerms.length = 0;
  docCounts.length = 0;

  // Inverted index over the kept words, heaviest postings first (ties by
  // document order), capped at POSTINGS_PER_TERM: each word's heaviest kept in a
  // small sorted buffer as the documents come in order, never a sort of all of them.
  const postingDocs: number[][] = words.map(() => []);
  const postingWeights: number[][] = words.map(() => []);
  for (let d = 0; d < n; d++) {
    const terms = topTerms[d]!;
    const weights = topWeights[d]!;
    for (let i = 0; i < terms.length; i++) {
      const list = postingDocs[terms[i]!]!;
      const listWeights = postingWeights[terms[i]!]!;
      const weight = weights[i]!;
      if (list.length === POSTINGS_PER_TERM && !(weight > listWeights[POSTINGS_PER_TERM - 1]!)) continue;
      // A later document of the same weight goes after the earlier ones.
      let at = list.length < POSTINGS_PER_TERM ? list.length : POSTINGS_PER_TERM - 1;
      while (at > 0 && weight > listWeights[at - 1]!) {
        list[at] = list[at - 1]!;
        listWeights[at] = listWeights[at - 1]!;
        at--;
      }
      list[at] = d;
      listWeights[at] = weight;
    }
  }

  // Topics and publishers as numbers, and what a candidate is scored on in flat arrays: read for every candidate
  // (550–800 a document), where strings and small arrays spread over the heap made each candidate dearer as the site
  // grew (0.13 µs at 5,000 documents, 0.20 µs at 20,000; docs/performance-log.md, "related documents in flat arrays").
  const topicNumbers = new Map<string, number>();
  const publisherNumbers = new Map<string, number>();
  const numberIn = (numbers: Map<string, number>, name: string) => {
    let id = numbers.get(name);
    if (id === undefined) numbers.set(name, (id = numbers.size));
    return id;
  };
  const topicsOf = docs.map((doc) => [...new Set(doc.topics)].sort());
  const topicStart = new Int32Array(n + 1);
  for (let d = 0; d < n; d++) topicStart[d + 1] = topicStart[d]! + topicsOf[d]!.length;
  const topicIds = new Int32Array(topicStart[n]!);
  topicsOf.forEach((topics, d) => {
    for (const [i, topic] of topics.entries()) topicIds[topicStart[d]! + i] = numberIn(topicNumbers, topic);
  });
  const publisherOf = Int32Array.from(docs, (doc) => numberIn(publisherNumbers, doc.publisher));
  const relativesOf = docs.map((doc) => Int32Array.from(doc.relatives, (id) => numberIn(publisherNumbers, id)));
  // The topics and relatives of the document being scored, marked by number (and unmarked after it).
  const ownTopic = new Uint8Array(topicNumbers.size);
  const relative = new Uint8Array(publisherNumbers.size);

  // Per-topic and per-publisher lists keep input order (the site sorts by date); each document remembers its place
  // in them, for the date window: in its topics' lists beside its topics (topicPlace), in its publisher's list.
  const topicLists: number[][] = Array.from({ length: topicNumbers.size }, () => []);
  const publisherLists: number[][] = Array.from({ length: publisherNumbers.size }, () => []);
  const topicPlace = new Int32Array(topicIds.length);
  const publisherPlace = new Int32Array(n);
  for (let d = 0; d < n; d++) {
    for (let i = topicStart[d]!; i < topicStart[d + 1]!; i++) {
      const list = topicLists[topicIds[i]!]!;
      topicPlace[i] = list.length;
      list.push(d);
    }
    const list = publisherLists[publisherOf[d]!]!;
    publisherPlace[d] = list.length;
    list.push(d);
  }

  const textScore = new Float64Array(n);
  const seenAt = new Int32Array(n).fill(-1);
  const candidates: number[] = [];
  /** The NEIGHBOURS documents nearest in date to place `at` of `list`, as candidates for `d`. */
  const nearest = (list: readonly number[], at: number, d: number) => {
    const from = Math.max(0, Math.min(at - NEIGHBOURS / 2, list.length - NEIGHBOURS - 1));
    const to = Math.min(list.length - 1, from + NEIGHBOURS);
    for (let i = from; i <= to; i++) {
      const other = list[i]!;
      if (other !== d && seenAt[other] !== d) {
        seenAt[other] = d;
        textScore[other] = 0;
        candidates.push(other);
      }
    }
  };

  const bestDocs = new Int32Array(limit);
  const bestScores = new Float64Array(limit);
  const better = (score: number, doc: number, than: number, thanDoc: number) =>
    score > than || (score === than && compareIds(docs[doc]!.id, docs[thanDoc]!.id) < 0);
  const result: number[][] = [];
  for (let d = 0; d < n; d++) {
    candidates.length = 0;
    const terms = topTerms[d]!;
    const weights = topWeights[d]!;
    for (let i = 0; i < terms.length; i++) {
      const list = postingDocs[terms[i]!]!;
      const listWeights = postingWeights[terms[i]!]!;
      for (let j = 0; j < list.length; j++) {
        const other = list[j]!;
        if (other === d) continue;
        if (seenAt[other] !== d) {
          seenAt[other] = d;
          textScore[other] = 0;
          candidates.push(other);
        }
        textScore[other] = textScore[other]! + weights[i]! * listWeights[j]!;
      }
    }
    const topicsFrom = topicStart[d]!;
    const topicsTo = topicStart[d + 1]!;
    const relatives = relativesOf[d]!;
    const publisher = publisherOf[d]!;
    for (let i = topicsFrom; i < topicsTo; i++) nearest(topicLists[topicIds[i]!]!, topicPlace[i]!, d);
    nearest(publisherLists[publisher]!, publisherPlace[d]!, d);
    // A relative's list holds the document only when it names its own publisher; otherwise the window is at its start.
    for (let i = 0; i < relatives.length; i++) nearest(publisherLists[relatives[i]!]!, relatives[i] === publisher ? publisherPlace[d]! : 0, d);

    for (let i = topicsFrom; i < topicsTo; i++) ownTopic[topicIds[i]!] = 1;
    for (let i = 0; i < relatives.length; i++) relative[relatives[i]!] = 1;
    let found = 0;
    for (let c = 0; c < candidates.length; c++) {
      const other = candidates[c]!;
      const theirsFrom = topicStart[other]!;
      const theirsTo = topicStart[other + 1]!;
      let shared = 0;
      for (let i = theirsFrom; i < theirsTo; i++) shared += ownTopic[topicIds[i]!]!;
      const union = topicsTo - topicsFrom + (theirsTo - theirsFrom) - shared;
      const topicScore = union ? shared / union : 0;
      const theirPublisher = publisherOf[other]!;
      const publisherScore = theirPublisher === publisher ? 1 : relative[theirPublisher] ? 0.5 : 0;
      const score = WEIGHTS.text * Math.min(1, textScore[other]!) + WEIGHTS.topics * topicScore + WEIGHTS.publisher * publisherScore;
      if (score < MIN_SCORE) continue;
      if (found === limit && !better(score, other, bestScores[limit - 1]!, bestDocs[limit - 1]!)) continue;
      let at = found < limit ? found++ : limit - 1;
      while (at > 0 && better(score, other, bestScores[at - 1]!, bestDocs[at - 1]!)) {
        bestScores[at] = bestScores[at - 1]!;
        bestDocs[at] = bestDocs[at - 1]!;
        at--;
      }
      bestScores[at] = score;
      bestDocs[at] = other;
    }
    for (let i = topicsFrom; i < topicsTo; i++) ownTopic[topicIds[i]!] = 0;
    for (let i = 0; i < relatives.length; i++) relative[relatives[i]!] = 0;
    result.push(Array.from(bestDocs.subarray(0, found)));
  }
  return result;
}

/**
 * Each record's distinct words (compounds.ts `recordWords`) for the length of
 * the search phase, held as indexes into one table of the site's words: a Set
 * of strings per record was about 12 KB a document (bench/model-memory.ts's
 * way of measuring, N = 2000), the same words as 4 bytes each are about
 * 0.5 KB. `get` makes a record's Set again, its words in the order they were
 * added, so everything computed from it is the same.
 */
export class RecordWordSets implements Iterable<Set<string>> {
  private readonly words: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly records: Uint32Array[] = [];

  /** Adds the next record's words. */
  add(words: ReadonlySet<string>): void {
    const ids = new Uint32Array(words.size);
    let at = 0;
    for (const word of words) {
      let id = this.ids.get(word);
      if (id === undefined) {
        id = this.words.length;
        this.words.push(word);
        this.ids.set(word, id);
      }
      ids[at++] = id;
    }
    this.records.push(ids);
  }

  /** Every word of every record, each once, in the order first added: the order a walk over all records meets them. */
  distinct(): readonly string[] {
    return this.words;
  }

  get length(): number {
    return this.records.length;
  }

  /** The words of the record added `index`-th, as a new Set. */
  get(index: number): Set<string> {
    const ids = this.records[index];
    if (!ids) throw new RangeError(`No word set for record ${index} (${this.records.length} added)`);
    const words = new Set<string>();
    for (const id of ids) words.add(this.words[id]!);
    return words;
  }

  *[Symbol.iterator](): Iterator<Set<string>> {
    for (let index = 0; index < this.records.length; index++) yield this.get(index);
  }
}

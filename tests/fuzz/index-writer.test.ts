/**
 * Lysark's index writer against Pagefind 1.6 on random texts (issue 14; docs/search.md): punctuation, full stops
 * inside words, case, digits, diacritics and other scripts, run together at random, each text in a slide and in the
 * title. Every record must be indexed word for word as Pagefind indexes it. In `npm test` a few seeded runs;
 * `.ci/run` runs it for part of LYSARK_FUZZ_SECONDS from a fresh seed, printed on failure (replay with LYSARK_FUZZ_SEED).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indexBoth, pagesThatDiffer, textRecord } from "../helpers/writer-oracle.ts";
import { runs, SECONDS, SEED, settledRuns } from "./budget.ts";

/** This file's share of the budget: it runs beside check-build.test.ts, on a worker of its own. */
const SHARE = 0.3;

const units = [
  "ǅ",
  "😀",
  "👍🏽",
  "a",
  "b",
  "k",
  "ø",
  "æ",
  "å",
  "Å",
  "Ø",
  "Ö",
  "é",
  "ü",
  "e\u0301",
  "1",
  "0",
  "9",
  " ",
  ".",
  ".",
  ",",
  ";",
  ":",
  "!",
  "?",
  "-",
  "–",
  "_",
  "'",
  "’",
  '"',
  "«",
  "»",
  "(",
  ")",
  "/",
  "&",
  "<",
  ">",
  "@",
  "#",
  "%",
  "§",
  "+",
  "*",
  "\u00a0",
  "\u2009",
  "\t",
  "ж",
  "Ω",
  "ع",
  "A",
  "Z",
  "K",
  "kommune",
  "Plan",
  "planLegging",
  "bl.a.",
  "e-post",
  "1 000",
  "3,5",
  "3.5",
  "01.02.2024",
  "https://x.no/a",
  "ola@x.no",
  "C++",
  "x86_64",
  "İ",
  "ß",
  "ﬁ",
  "²",
  "kr.",
  "f.eks.",
  "Nord-Trøndelag",
  "中",
];
const text = fc.array(fc.constantFrom(...units), { minLength: 1, maxLength: 10 }).map((parts) => parts.join(""));

describe(`the index writer against Pagefind (seed ${SEED}${SECONDS ? `, ${Math.round(SECONDS * SHARE)} s` : ""})`, () => {
  it(
    "indexes random texts word for word as Pagefind does",
    async () => {
      let texts = 0;
      // The run in progress when the time is up is waited for: its folder would be left in the temporary folder.
      const batches = settledRuns(async (batch: string[]) => {
        const work = mkdtempSync(path.join(os.tmpdir(), "lysark-fuzz-writer-"));
        try {
          const records = batch.map(textRecord);
          await indexBoth(work, records, () => ({}));
          texts += batch.length;
          expect(pagesThatDiffer(work, records).map((i) => batch[i])).toEqual([]);
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
      });
      await fc.assert(fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 25 }), batches.run), runs(4, SHARE));
      await batches.settled();
      console.log(`fuzz: the writer and Pagefind indexed ${texts} generated texts alike`);
    },
    SECONDS ? SECONDS * 1000 : 120_000,
  );
});

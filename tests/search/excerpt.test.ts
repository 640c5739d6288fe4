/**
 * A result's excerpt on the search page (pageExcerpt in assets/search-explain.js): Pagefind's own
 * choice of words and marks, from the document's words only, never from the compound parts and
 * word forms a record adds for the index (recordHtml's index-only anchor, scripts/search/records.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readPagefindFile } from "../../scripts/search/chunks.ts";
import { INDEX_ONLY_ANCHOR, recordHtml, type SearchRecord } from "../../scripts/search/records.ts";
import { randomBelow } from "../helpers/random.ts";

const { excerptPieces, pageExcerpt, partExcerpt, standInPartResults } = await import("../../assets/search-explain.js" as string);

interface Anchor {
  id: string;
  location: number;
  text?: string;
  title?: string;
  element?: string;
}

/** Pagefind's result data: the text, its anchors and the matched positions (`[position, balanced score]`). */
function hit(content: string, matches: Array<[number, number]>, anchors: Anchor[] = []) {
  return { content, anchors, weighted_locations: matches.map(([location, score]) => ({ weight: score, balanced_score: score, location })) };
}

/** `n` numbered words from `from`: "w0 w1 …". */
function numbered(n: number, from = 0, prefix = "w"): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${from + i}`);
}

describe("a result's excerpt", () => {
  it("is the words around the densest matches, each match marked, as Pagefind makes it", () => {
    const content = numbered(60).join(" ");
    expect(pageExcerpt(hit(content, [[2, 1]]), 5)).toBe("w0 w1 <mark>w2</mark> w3 w4");
    // The middle one of the windows that hold the most, as Pagefind's calculate_excerpt_region counts them.
    expect(pageExcerpt(hit(content, [[40, 1]]), 5)).toBe("w37 w38 w39 <mark>w40</mark> w41");
    expect(
      pageExcerpt(
        hit(content, [
          [30, 1],
          [50, 1],
          [52, 2],
        ]),
        5,
      ),
    ).toBe("w48 w49 <mark>w50</mark> w51 <mark>w52</mark>");
    // Near the end the window stops at the last word.
    expect(pageExcerpt(hit(content, [[59, 1]]), 5)).toBe("w55 w56 w57 w58 <mark>w59</mark>");
  });

  it("escapes < and > (the page's excerpt() turns them back into text) and keeps a short text whole", () => {
    expect(pageExcerpt(hit("Plan <b> og <i>", [[0, 1]]), 26)).toBe("<mark>Plan</mark> &lt;b&gt; og &lt;i&gt;");
    expect(pageExcerpt({ content: "Plan <b>", raw_content: "Plan &lt;b&gt;", weighted_locations: [] }, 26)).toBe("Plan &lt;b&gt;");
  });

  it("leaves out the index-only words, from their anchor to the next one, and marks the text's matches", () => {
    // Title and head (0–3), index-only words (4–7), a slide (8–): "plan" matches in both.
    const content = "Reguleringsplan for sentrum. Likestilling. plan sentrum legging. dagen. Første lysark. Plan for dagen.";
    const anchors = [
      { id: INDEX_ONLY_ANCHOR, location: 4 },
      { id: "slide-1", location: 8 },
    ];
    const both = hit(
      content,
      [
        [4, 0.5],
        [10, 1],
      ],
      anchors,
    );
    // The index-only "plan" (a compound's part) marks the word of the text that holds it.
    expect(pageExcerpt(both, 26)).toBe("<mark>Reguleringsplan</mark> for sentrum. Likestilling. Første lysark. <mark>Plan</mark> for dagen.");
    expect(pageExcerpt(both, 3)).toBe("Første lysark. <mark>Plan</mark>");
  });

  it("is the document's opening words when every match is index-only", () => {
    const content = [...numbered(40), ...numbered(10, 0, "x"), ...numbered(40, 40)].join(" ");
    const anchors = [
      { id: INDEX_ONLY_ANCHOR, location: 40 },
      { id: "slide-1", location: 50 },
    ];
    const excerpt = pageExcerpt(
      hit(
        content,
        [
          [42, 0.5],
          [49, 0.5],
        ],
        anchors,
      ),
      5,
    );
    expect(excerpt).toBe("w0 w1 w2 w3 w4");
    // A match after them counts from where the text goes on.
    expect(
      pageExcerpt(
        hit(
          content,
          [
            [42, 0.5],
            [70, 1],
          ],
          anchors,
        ),
        5,
      ),
    ).toBe("w57 w58 w59 <mark>w60</mark> w61");
  });

  it("marks the word of the text that an index-only match typed without ø or æ stands for", () => {
    // Title (0–2), index-only words (3–4: "ostensjo", the keyboard form of "Østensjø"), a slide (5–).
    const content = "Forankring fryder! Stavanger. ostensjo baerekraft Rådmann Inger Østensjø, om bærekraft og Østensjø.";
    const anchors = [
      { id: INDEX_ONLY_ANCHOR, location: 3 },
      { id: "slide-1", location: 5 },
    ];
    expect(pageExcerpt(hit(content, [[3, 0.5]], anchors), 26)).toBe(
      "Forankring fryder! Stavanger. Rådmann Inger <mark>Østensjø,</mark> om bærekraft og <mark>Østensjø.</mark>",
    );
    // An index-only word no word of the text holds (an inflected form) marks nothing of the text.
    const form = [
      { id: INDEX_ONLY_ANCHOR, location: 1 },
      { id: "slide-1", location: 2 },
    ];
    expect(pageExcerpt(hit("Tittel. planene Reguleringsplan for Østensjø.", [[1, 0.5]], form), 26)).toBe("Tittel. Reguleringsplan for Østensjø.");
  });

  it("marks the word of the text that an index-only match spelled with aa for å and oe for ø stands for, and that word alone", () => {
    // Title (0), index-only words (1–2: the two-letter spellings of "pårørende" and "hovudmål"), a slide (3–).
    const content = "Tittel. paaroerende hovudmaal Om pårørende, Pårørenderådet og påske på hovudmål.";
    const anchors = [
      { id: INDEX_ONLY_ANCHOR, location: 1 },
      { id: "slide-1", location: 3 },
    ];
    expect(pageExcerpt(hit(content, [[1, 0.5]], anchors), 26)).toBe("Tittel. Om <mark>pårørende,</mark> Pårørenderådet og påske på hovudmål.");
    expect(pageExcerpt(hit(content, [[2, 0.5]], anchors), 26)).toBe("Tittel. Om pårørende, Pårørenderådet og påske på <mark>hovudmål.</mark>");
  });

  it("marks the words of the text that hold an index-only match, a compound's part, but not for a word typed without ø", () => {
    // Title (0–1), index-only words (2–3: the part "strategi", the keyboard form "mote" of "Møte"), a slide (4–).
    const content = "Ny plan. strategi mote Arbeidsgiverstrategien vår. Møte om promotering av strategiene.";
    const anchors = [
      { id: INDEX_ONLY_ANCHOR, location: 2 },
      { id: "slide-1", location: 4 },
    ];
    expect(pageExcerpt(hit(content, [[2, 0.5]], anchors), 26)).toBe(
      "Ny plan. <mark>Arbeidsgiverstrategien</mark> vår. Møte om promotering av <mark>strategiene.</mark>",
    );
    // "mote" stands for "Møte" alone, not for "promotering"; a part shorter than four letters ("ny") for no word.
    expect(pageExcerpt(hit(content, [[3, 0.5]], anchors), 26)).toBe("Ny plan. Arbeidsgiverstrategien vår. <mark>Møte</mark> om promotering av strategiene.");
    const short = [
      { id: INDEX_ONLY_ANCHOR, location: 1 },
      { id: "slide-1", location: 2 },
    ];
    expect(pageExcerpt(hit("Tittel. ny Nyheter.", [[1, 0.5]], short), 26)).toBe("Tittel. Nyheter.");
  });

  it("marks the word an index-only match spelled with å for the text's aa stands for, and lists its slide", () => {
    // Title (0–2), index-only words (3), slide 1 (4–7): a reader types «Århus», the text spells it «Aarhus».
    const content = "Cykelstier i København. århus Broerne. Aarhus bygger sine.";
    const anchors = [
      { id: INDEX_ONLY_ANCHOR, location: 3, text: "" },
      { id: "slide-1", location: 4, text: "Broerne." },
    ];
    expect(pageExcerpt(hit(content, [[3, 0.5]], anchors), 26)).toBe("Cykelstier i København. Broerne. <mark>Aarhus</mark> bygger sine.");
    expect(standInPartResults(hit(content, [[3, 0.5]], anchors), 26)).toEqual([
      { anchor: { id: "slide-1", text: "Broerne." }, excerpt: "Broerne. <mark>Aarhus</mark> bygger sine." },
    ]);
  });

  it("lists the slides that hold the word an index-only match typed without ø or æ stands for, as Pagefind lists sub-results", () => {
    // Title (0–1), index-only words (2–3), slide 1 (4–7), slide 2 (8–10), slide 3 (11–14).
    const content = "Forankring fryder! ostensjo baerekraft Velkommen. Rådmann Inger Østensjø. Bærekraft i byen. Hei. Slutt med Østensjø.";
    const anchors = [
      { id: INDEX_ONLY_ANCHOR, location: 2, text: "" },
      { id: "slide-1", location: 4, text: "Velkommen." },
      { id: "slide-2", location: 8, text: "Bærekraft i byen." },
      { id: "slide-3", location: 11, text: "Hei." },
    ];
    expect(standInPartResults(hit(content, [[2, 0.5]], anchors), 26)).toEqual([
      { anchor: { id: "slide-1", text: "Velkommen." }, excerpt: "Velkommen. Rådmann Inger <mark>Østensjø.</mark>" },
      { anchor: { id: "slide-3", text: "Hei." }, excerpt: "Hei. Slutt med <mark>Østensjø.</mark>" },
    ]);
    // Both forms matched: each slide with either, its excerpt of `length` words around the match.
    expect(
      standInPartResults(
        hit(
          content,
          [
            [2, 0.5],
            [3, 0.5],
          ],
          anchors,
        ),
        2,
      ).map((part: { excerpt: string }) => part.excerpt),
    ).toEqual(["Inger <mark>Østensjø.</mark>", "<mark>Bærekraft</mark> i", "med <mark>Østensjø.</mark>"]);
    // A match in the text itself, or an index-only word that stands for no word of the text, lists none.
    expect(standInPartResults(hit(content, [[6, 1]], anchors), 26)).toEqual([]);
    expect(
      standInPartResults(
        hit(
          "Tittel. læremidla Planen.",
          [[1, 0.5]],
          [
            { id: INDEX_ONLY_ANCHOR, location: 1 },
            { id: "slide-1", location: 2 },
          ],
        ),
        26,
      ),
    ).toEqual([]);
  });

  it("marks the words an index-only inflected form is another form of, and lists their slides", () => {
    // Title (0–1), the index-only form "læremidla" (2), slide 1 (3–5), slide 2 (6–8).
    const content = "Digitale læremidler. læremidla Innkjøp av læremiddel. Læremidlene og kommunikasjon.";
    const anchors = [
      { id: INDEX_ONLY_ANCHOR, location: 2, text: "" },
      { id: "slide-1", location: 3, text: "Innkjøp av læremiddel." },
      { id: "slide-2", location: 6, text: "Læremidlene og kommunikasjon." },
    ];
    const formHit = hit(content, [[2, 0.5]], anchors);
    // "læremidler", "læremiddel" and "Læremidlene" are within two letters of it and alike but for the last three.
    expect(pageExcerpt(formHit, 26)).toBe("Digitale <mark>læremidler.</mark> Innkjøp av <mark>læremiddel.</mark> <mark>Læremidlene</mark> og kommunikasjon.");
    expect(standInPartResults(formHit, 26)).toEqual([
      { anchor: { id: "slide-1", text: "Innkjøp av læremiddel." }, excerpt: "Innkjøp av <mark>læremiddel.</mark>" },
      { anchor: { id: "slide-2", text: "Læremidlene og kommunikasjon." }, excerpt: "<mark>Læremidlene</mark> og kommunikasjon." },
    ]);
    // Alike in their first letters only: "kommunar" is not a form of "kommunikasjon", "planleggar" of "planlagt", nor
    // "mødre" of "møter".
    const unlike = hit(
      "Tittel. kommunar planleggar mødre Om kommunikasjon, planlagt og møter.",
      [
        [1, 0.5],
        [2, 0.5],
        [3, 0.5],
      ],
      [
        { id: INDEX_ONLY_ANCHOR, location: 1 },
        { id: "slide-1", location: 4 },
      ],
    );
    expect(pageExcerpt(unlike, 26)).toBe("Tittel. Om kommunikasjon, planlagt og møter.");
    expect(standInPartResults(unlike, 26)).toEqual([]);
  });

  it("lists the slides that hold a word an index-only match is a part of", () => {
    // Title (0–1), index-only part (2), slide 1 (3–5), slide 2 (6–8).
    const content = "Grue kommune. strategi Arbeidsgiverstrategi: Innledning. Samling for ansatte.";
    const anchors = [
      { id: INDEX_ONLY_ANCHOR, location: 2, text: "" },
      { id: "slide-1", location: 3, text: "Arbeidsgiverstrategi: Innledning." },
      { id: "slide-2", location: 5, text: "Samling for ansatte." },
    ];
    expect(standInPartResults(hit(content, [[2, 0.5]], anchors), 26)).toEqual([
      { anchor: { id: "slide-1", text: "Arbeidsgiverstrategi: Innledning." }, excerpt: "<mark>Arbeidsgiverstrategi:</mark> Innledning." },
    ]);
  });

  it("leaves out index-only words that run to the end of a record without slides", () => {
    const content = "Tittel. Ingress her. plan legging";
    expect(pageExcerpt(hit(content, [[3, 0.5]], [{ id: INDEX_ONLY_ANCHOR, location: 3 }]), 26)).toBe("Tittel. Ingress her.");
  });

  it("is Pagefind's excerpt of the whole text for a record without index-only words", () => {
    const content = numbered(30).join(" ");
    expect(pageExcerpt(hit(content, [[12, 1]], [{ id: "slide-1", location: 3 }]), 5)).toBe("w9 w10 w11 <mark>w12</mark> w13");
    expect(pageExcerpt({ content: "" }, 5)).toBe("");
  });
});

describe("the index-only and language anchors in Pagefind's index", () => {
  const record: SearchRecord = {
    id: "testby/plan",
    url: "/dokumenter/testby/plan/",
    language: "nb",
    title: "Reguleringsplan for sentrum",
    meta: { doc: "testby/plan" },
    filters: { publisher: [], topic: [], type: [], year: [], language: [] },
    sort: {},
    head: [
      { text: "Likestilling", weight: 3, terms: true },
      { text: "Gender equality", lang: "en", weight: 3, terms: true },
    ],
    parts: [
      { anchor: "slide-1", title: "Første lysark", text: "Arbeidsgiverstrategi og planlegging i kommunen.", topics: [{ text: "Gender equality", lang: "en" }] },
    ],
  };
  const extras = { compoundParts: ["strategi", "legging"], wordForms: ["planen", "planene"] };

  async function indexed(html: string) {
    const pagefind = await import("pagefind");
    const dir = mkdtempSync(path.join(os.tmpdir(), "lysark-excerpt-"));
    try {
      const { index } = await pagefind.createIndex({ forceLanguage: "nb" });
      await index!.addHTMLFile({ url: record.url, content: html });
      await index!.writeFiles({ outputPath: dir });
      await index!.deleteIndex();
      const [fragment] = readdirSync(path.join(dir, "fragment")).map((file) => JSON.parse(readPagefindFile(path.join(dir, "fragment", file)).toString("utf8")));
      return { chunks: readdirSync(path.join(dir, "index")).sort(), fragment, library: readFileSync(path.join(dir, "pagefind.js"), "utf8") };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it("add no word and move none, mark where the index-only words, the registry words and English start, and make no sub-result", async () => {
    const html = recordHtml(record, extras);
    const marker = `<div id="${INDEX_ONLY_ANCHOR}"></div>\n`;
    const english = '<div id="lang-en"></div>';
    const terms = '<div id="terms"></div>';
    expect(html).toContain(marker);
    expect(html.split(english)).toHaveLength(3);
    expect(html).toContain(`${terms}<p data-pagefind-weight="3">Likestilling</p>`);
    const [withMarker, without] = [await indexed(html), await indexed(html.replace(marker, "").replaceAll(english, "").replace(terms, ""))];
    // Index chunks are named by a hash of their content: the same words at the same positions and weights.
    expect(withMarker.chunks).toEqual(without.chunks);
    expect(withMarker.fragment.content).toBe(without.fragment.content);
    expect(withMarker.fragment.word_count).toBe(without.fragment.word_count);
    const words = withMarker.fragment.content.split(/\s+/);
    const anchor = withMarker.fragment.anchors.find((entry: { id: string }) => entry.id === INDEX_ONLY_ANCHOR);
    expect(words[anchor.location]).toBe("strategi");
    // No title: Pagefind's sub-results skip it, so a match among the parts stays the page's own.
    expect(anchor.title).toBeUndefined();
    const slide = withMarker.fragment.anchors.find((entry: { id: string }) => entry.id === "slide-1");
    const languages = withMarker.fragment.anchors.filter((entry: { id: string }) => entry.id === "lang-en");
    expect(languages.map((entry: { location: number }) => words[entry.location])).toEqual(["Gender", "Gender"]);
    expect(languages.every((entry: { title?: string }) => entry.title === undefined)).toBe(true);
    const registry = withMarker.fragment.anchors.find((entry: { id: string }) => entry.id === "terms");
    expect(words[registry.location]).toBe("Likestilling.");
    expect(registry.title).toBeUndefined();
    expect(words.slice(anchor.location, slide.location).join(" ")).toBe("strategi legging. planen planene.");
    // A query for "legging" matches only there: the excerpt shows none of the parts, and marks the word that holds it,
    // a word of the document's own, so the registry words are left out too.
    const legging = words.indexOf("legging.");
    expect(pageExcerpt({ ...withMarker.fragment, weighted_locations: [{ weight: 0.5, balanced_score: 1, location: legging }] }, 26)).toBe(
      'Reguleringsplan for sentrum. Første lysark. Arbeidsgiverstrategi og <mark>planlegging</mark> i kommunen. <span lang="en">Gender equality.</span>',
    );

    // Without index-only words, the excerpt is the one Pagefind's own functions (from the pagefind.js it wrote) make.
    const source = withMarker.library;
    const from = source.indexOf("var calculate_excerpt_region=");
    const to = source.indexOf("var calculate_sub_results=");
    expect(from, "Pagefind's excerpt functions in pagefind.js").toBeGreaterThan(-1);
    expect(to).toBeGreaterThan(from);
    const pagefindExcerpt = new Function(
      "content",
      "weighted",
      "length",
      `var word_separators=/[^\\S\\uFEFF]+/g;${source.slice(from, to)}
       return build_excerpt(content, calculate_excerpt_region(weighted, length), length, weighted.map((l) => l.location)).excerpt;`,
    ) as (content: string, weighted: unknown[], length: number) => string;
    const random = randomBelow(17);
    for (let round = 0; round < 200; round++) {
      const count = 1 + random(80);
      const content = Array.from({ length: count }, (_, i) => (random(9) ? `ord${i}` : `<b>${i}.`)).join(" ");
      const raw = content.replace(/</g, "&lt;").replace(/>/g, "&gt;");
      const weighted = Array.from({ length: random(6) }, () => ({ weight: 1, balanced_score: 1 + random(40) / 4, location: random(count) }));
      const length = 1 + random(30);
      expect(pageExcerpt({ content, weighted_locations: weighted, anchors: [{ id: "slide-1", location: random(count) }] }, length)).toBe(
        pagefindExcerpt(raw, weighted, length),
      );
    }
  });
});

describe("a result's excerpt and the registry words", () => {
  // Title (0–1), the document's summary (2–5), the registry words (6–9: a topic's words in nb, then in en), index-only
  // (10), a slide (11–).
  const content = "Ny plan. Kort om planen her. Planlegging kommuneplan Planning actionplan planer Velkommen. Arbeidet med planen går videre.";
  const anchors: Anchor[] = [
    { id: "terms", location: 6 },
    { id: "lang-en", location: 8 },
    { id: INDEX_ONLY_ANCHOR, location: 10 },
    { id: "slide-1", location: 11, element: "h2", text: "Velkommen.", title: "slide-1" },
  ];
  const nb = (matches: Array<[number, number]>) => ({ ...hit(content, matches, anchors), filters: { language: ["nb"] } });

  it("leaves the registry words out when the query matched any of the document's own", () => {
    // The topic's words match thrice at weight 3; the slide's "planen" once: the excerpt is the slide's.
    expect(
      pageExcerpt(
        nb([
          [6, 9],
          [7, 9],
          [8, 9],
          [14, 1],
        ]),
        4,
      ),
    ).toBe("Arbeidet med <mark>planen</mark> går");
    // The words before them and after them are shown together, as around the index-only words.
    expect(
      pageExcerpt(
        nb([
          [5, 1],
          [6, 9],
        ]),
        4,
      ),
    ).toBe("om planen <mark>her.</mark> Velkommen.");
  });

  it("keep the language of the words before them: their anchor ends no language", () => {
    // A Swedish record whose last own words are its Norwegian title (3–4), its registry words Norwegian too (5–6).
    const swedish = "Planer i Umeå. Planer Umeå. Planlegging kommuneplan";
    const marks = [
      { id: "lang-nb", location: 3 },
      { id: "terms", location: 5 },
    ];
    expect(pageExcerpt({ ...hit(swedish, [[5, 3]], marks), filters: { language: ["sv"] } }, 26)).toBe(
      'Planer i Umeå. <span lang="nb">Planer Umeå. <mark>Planlegging</mark> kommuneplan</span>',
    );
  });

  it("is around the registry words when the query matched nothing else", () => {
    expect(
      pageExcerpt(
        nb([
          [8, 9],
          [9, 9],
        ]),
        4,
      ),
    ).toBe('Planlegging kommuneplan <span lang="en"><mark>Planning</mark> <mark>actionplan</mark></span>');
  });
});

describe("words in another language than the document's", () => {
  // Title (0–2), English title (3–6), topics nb (7), topics en (8–9), the summary (10–11), index-only (12), slide 1
  // (13–17) with its topic label in English (16–17), slide 2 (18–19).
  const content =
    "Likestilling i Testby. Gender equality in Testby. Likestilling Gender equality. Kort sammendrag. likestillinga Velkommen. Om likestilling. Gender equality. Slutt. Takk.";
  const anchors: Anchor[] = [
    { id: "lang-en", location: 3 },
    { id: "lang-nb", location: 7 },
    { id: "lang-en", location: 8 },
    { id: "lang-nb", location: 10 },
    { id: INDEX_ONLY_ANCHOR, location: 12 },
    { id: "slide-1", location: 13, element: "h2", text: "Velkommen.", title: "slide-1" },
    { id: "lang-en", location: 16 },
    { id: "slide-2", location: 18, element: "h2", text: "Slutt.", title: "slide-2" },
  ];
  const nb = (matches: Array<[number, number]>) => ({ ...hit(content, matches, anchors), filters: { language: ["nb"] } });

  it("are in a span with their own lang in a result's excerpt, from their anchor to the next one", () => {
    expect(pageExcerpt(nb([[4, 5]]), 10)).toBe(
      'Likestilling i Testby. <span lang="en">Gender <mark>equality</mark> in Testby.</span> Likestilling <span lang="en">Gender equality.</span>',
    );
    // Leaving the index-only words out moves the slide's English words, not their language.
    expect(pageExcerpt(nb([[17, 1]]), 5)).toBe('Om likestilling. <span lang="en">Gender <mark>equality.</mark></span> Slutt.');
    // A "lang-" anchor of the document's own language starts no span; without a language filter each one does.
    expect(pageExcerpt(nb([[0, 7]]), 3)).toBe("<mark>Likestilling</mark> i Testby.");
    expect(pageExcerpt(hit(content, [[7, 3]], anchors), 3)).toBe('<span lang="en">in Testby.</span> <span lang="nb"><mark>Likestilling</mark></span>');
  });

  it("are in a span with their own lang in a slide's excerpt, which is Pagefind's", () => {
    const slide = anchors[5]!;
    expect(partExcerpt(nb([[17, 1]]), slide, 26)).toBe('Velkommen. Om likestilling. <span lang="en">Gender <mark>equality.</mark></span>');
    expect(partExcerpt(nb([[16, 1]]), slide, 3)).toBe('Om likestilling. <span lang="en"><mark>Gender</mark></span>');
    expect(partExcerpt(nb([[19, 1]]), anchors[7]!, 26)).toBe("Slutt. <mark>Takk.</mark>");
  });

  it("are in a span with their own lang in a slide an index-only match typed without ø or æ lists", () => {
    const typed = "Tittel. ostensjo Velkommen. Østensjø bydel. Østensjø district. Slutt.";
    const marked: Anchor[] = [
      { id: INDEX_ONLY_ANCHOR, location: 1 },
      { id: "slide-1", location: 2, text: "Velkommen." },
      { id: "lang-en", location: 5 },
      { id: "slide-2", location: 7, text: "Slutt." },
    ];
    // The language anchor inside slide 1 does not end it.
    expect(standInPartResults({ ...hit(typed, [[1, 0.5]], marked), filters: { language: ["nb"] } }, 26)).toEqual([
      {
        anchor: { id: "slide-1", text: "Velkommen." },
        excerpt: 'Velkommen. <mark>Østensjø</mark> bydel. <span lang="en"><mark>Østensjø</mark> district.</span>',
      },
    ]);
  });

  it("become pieces with their language, the marks inside", () => {
    expect(excerptPieces('a <span lang="en">b <mark>c.</mark></span> <mark>d</mark>')).toEqual([
      { text: "a ", marked: false },
      { text: "b ", marked: false, lang: "en" },
      { text: "c", marked: true, lang: "en" },
      { text: ".", marked: false, lang: "en" },
      { text: " ", marked: false },
      { text: "d", marked: true },
    ]);
    // Text that looks like a span is escaped in an excerpt, so it stays text.
    expect(excerptPieces('&lt;span lang="en"&gt;x')).toEqual([{ text: '<span lang="en">x', marked: false }]);
  });
});

describe("a slide's excerpt against Pagefind's own", () => {
  it("has the words and marks of Pagefind's sub-result, on random texts with language anchors among the slides", async () => {
    const pagefind = await import("pagefind");
    const dir = mkdtempSync(path.join(os.tmpdir(), "lysark-excerpt-"));
    let source: string;
    try {
      const { index } = await pagefind.createIndex({ forceLanguage: "nb" });
      await index!.addHTMLFile({ url: "/a/", content: '<html lang="nb"><body><h1>Tittel</h1><p>Tekst.</p></body></html>' });
      await index!.writeFiles({ outputPath: dir });
      await index!.deleteIndex();
      source = readFileSync(path.join(dir, "pagefind.js"), "utf8");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const from = source.indexOf("var calculate_excerpt_region=");
    const to = source.indexOf("var asyncSleep=");
    expect(from, "Pagefind's excerpt and sub-result functions in pagefind.js").toBeGreaterThan(-1);
    expect(source.slice(from, to)).toContain("var calculate_sub_results=");
    const subResults = new Function(
      "fragment",
      "length",
      `var word_separators=/[^\\S\\uFEFF]+/g;${source.slice(from, to)}
       return calculate_sub_results(fragment, length);`,
    ) as (fragment: unknown, length: number) => Array<{ anchor?: Anchor; excerpt: string }>;
    const random = randomBelow(29);
    let compared = 0;
    for (let round = 0; round < 300; round++) {
      const count = 2 + random(90);
      const content = Array.from({ length: count }, (_, i) => (random(9) ? `ord${i}` : `<b>${i}.`)).join(" ");
      const positions = [...new Set(Array.from({ length: 1 + random(5) }, () => 1 + random(count - 1)))].sort((a, b) => a - b);
      const anchors: Anchor[] = positions.map((location, i) => ({ id: `slide-${i + 1}`, element: "h2", title: `slide-${i + 1}`, text: "", location }));
      // Language anchors inside the slides end no slide.
      for (let i = random(4); i > 0; i--) anchors.push({ id: "lang-en", element: "div", text: "", location: random(count) });
      const located = [...new Set(Array.from({ length: random(8) }, () => random(count)))].sort((a, b) => a - b);
      const weighted_locations = located.map((location) => ({ weight: 1, balanced_score: 1 + random(40) / 4, location }));
      const length = 1 + random(30);
      const raw_content = content.replace(/</g, "&lt;").replace(/>/g, "&gt;");
      const fragment = { url: "/a/", meta: { title: "Tittel" }, content, raw_content, anchors, weighted_locations, filters: { language: ["nb"] } };
      for (const sub of subResults(structuredClone(fragment), length)) {
        if (!sub.anchor) continue;
        const ours = partExcerpt(fragment, sub.anchor, length) as string;
        expect(ours.replace(/<span lang="en">|<\/span>/g, ""), JSON.stringify({ round, anchor: sub.anchor.id })).toBe(sub.excerpt);
        compared++;
      }
    }
    // Enough slides with matches for the comparison to mean something.
    expect(compared).toBeGreaterThan(300);
  });
});

describe("an excerpt's highlights", () => {
  const shown = (html: string) =>
    (excerptPieces(html) as Array<{ text: string; marked: boolean }>).map(({ text, marked }) => (marked ? `[${text}]` : text)).join("");

  it("mark the word, not the punctuation Pagefind marks with it", () => {
    expect(shown("arbeid med <mark>likestilling:</mark> Resultater")).toBe("arbeid med [likestilling]: Resultater");
    expect(shown("for <mark>likestilling,</mark> eller")).toBe("for [likestilling], eller");
    expect(shown("«<mark>(heltid)»</mark> og")).toBe("«([heltid])» og");
    expect(shown("<mark>17,7</mark> % og <mark>«Likestilling»!</mark>")).toBe("[17,7] % og «[Likestilling]»!");
    // A word's own hyphen and apostrophe stay marked; a mark of punctuation alone stays as it is.
    expect(shown("<mark>helse-</mark> og <mark>Stavanger's</mark> <mark>–</mark>")).toBe("[helse]- og [Stavanger's] [–]");
  });

  it("keep the text whole and unescape < and >", () => {
    const html = "a &lt;b&gt; <mark>c.</mark><mark>d</mark> e";
    expect(shown(html)).toBe("a <b> [c].[d] e");
    expect((excerptPieces(html) as Array<{ text: string }>).map((piece) => piece.text).join("")).toBe("a <b> c.d e");
    expect(excerptPieces("")).toEqual([]);
  });
});

/**
 * The transcript importer: `importTranscript(text, options)` turns a scraped
 * slide transcript into a Lysark Markdown document and a report of what it
 * guessed. Pure: no file system, no clock; the same input gives the same
 * output.
 *
 * Pipeline: decode (input checks) → boilerplate (site chrome) → slides
 * (numbered paragraphs) → running header → trailing page numbers → per slide:
 * collapse repeated passages, heading, heading echo, speaker notes → drop
 * paragraphs seen three times → language, metadata, publisher, key-figure
 * suggestions → Markdown. See docs/importer.md.
 */
import { looksLikeAmp, stripBoilerplate } from "./boilerplate.js";
import { decodeTranscript } from "./decode.js";
import { collapseRepeats, dropConsecutiveDuplicates, dropHeadingEcho, dropTriplicates } from "./dedupe.js";
import { ImportError } from "./errors.js";
import { headSlide } from "./headings.js";
import { suggestFigures, type FigureSuggestion, type LostFigure } from "./key-figures.js";
import { detectLanguage, type Lang } from "./language.js";
import { inlineListParagraphs, splitInlineList } from "./inline-lists.js";
import { checkDocumentSize, importedFromNote, toMarkdown, type DocSlide } from "./markdown.js";
import { guessMetadata } from "./metadata.js";
import { buildNotesContext, splitNotes } from "./notes.js";
import type { DateCandidate } from "./dates.js";
import type { Person } from "./people.js";
import { choosePublisher, type PublisherChoice, type PublisherInfo } from "./publisher.js";
import { newPublisherCommand } from "./publisher-proposal.js";
import { detectRunningHeader, stripRunningHeader, type RunningHeader } from "./running-header.js";
import { slugify } from "../content/slug.ts";
import { slideLines, splitSlides, stripRunningFooters, stripTrailingPageNumbers } from "./slides.js";
import { clip, ranges } from "./text.js";

export { ImportError } from "./errors.js";
export type { PublisherInfo } from "./publisher.js";
export type { ProposedPublisher } from "./publisher-proposal.js";

export interface ImportOptions {
  /** Name of the input file, used in errors and in `source.note`. */
  fileName: string;
  /** Publisher id (from --publisher). */
  publisher?: string | undefined;
  /** Known publishers: to validate `publisher`, or to match one when it is not given. */
  publishers?: PublisherInfo[] | undefined;
}

export interface ImportReport {
  file: string;
  slug: string;
  publisher: PublisherChoice;
  language: Lang;
  languageSource: string;
  title: string;
  titleNotes: string[];
  people: Person[];
  event: string | undefined;
  date: string;
  dateReason: string;
  dateCandidates: DateCandidate[];
  slideCount: number;
  splitMode: "paragraph" | "line";
  emptySlides: number[];
  excerptHeadings: number[];
  runningHeader: RunningHeader | undefined;
  pageNumbersDropped: number[];
  /** Repeated footers removed: a short tag ("IW") and page labels ("Folie 3"). */
  footers: { tag: string | undefined; tagSlides: number[]; labelSlides: number[] };
  headingEchoes: number[];
  repeats: { slide: number; words: number; copies: number; sample: string }[];
  triplicates: { text: string; slides: number[] }[];
  notesSlides: number[];
  longSlidesWithoutNotes: number[];
  /** Numbered lists glued onto one line ("1. … 2. … 3. …"), split into list items. */
  inlineLists: { slide: number; items: number }[];
  boilerplate: string[];
  preamble: string[];
  keyFigures: FigureSuggestion[];
  lostFigures: LostFigure[];
  /** What the editor must still check. */
  checks: string[];
  /** Why this import needs a closer look than the usual checks (empty: none); batch mode reports it as "needs review". */
  review: string[];
}

export interface ImportResult {
  markdown: string;
  report: ImportReport;
}

const LONG_SLIDE = 600;

/**
 * A capital after a lower-case word ends a title only in languages that do
 * not capitalise inside titles: not English (title case), not German (nouns).
 */
const CAPITALISING = new Set(["en", "de", "lb"]);
const capitalBoundaries = (language: string): boolean => !CAPITALISING.has(language.split("-")[0]!);

function basename(file: string): string {
  return file.split(/[\\/]/u).pop() || file;
}

export function importTranscript(input: string | Uint8Array, options: ImportOptions): ImportResult {
  const file = options.fileName;
  const { text } = decodeTranscript(input, file);
  const chrome = stripBoilerplate(text);
  const split = splitSlides(chrome.bodyLines);
  const slides = split.slides;
  if (slides.length === 0 && looksLikeAmp(text)) {
    throw new ImportError(
      file,
      "amp",
      "is an AMP page (the mobile copy of a slide-hosting page), which carries no transcript",
      'open the ordinary page instead (the address without "/amp/" or "amp=1") and save its text, which has the numbered slides',
    );
  }
  if (slides.length === 0 || (slides.length === 1 && !chrome.introFound)) {
    throw new ImportError(
      file,
      "no-slides",
      slides.length === 0
        ? 'has no numbered slides: no paragraph starts with "1 "'
        : 'has only a "1" and no slide 2: this does not look like a numbered slide transcript',
      'a transcript must give each slide as a paragraph starting with its number ("1 Title …", "2 …"); check that this is a slide transcript and that the numbers were not lost',
    );
  }

  const header = detectRunningHeader(slides);
  if (header) stripRunningHeader(slides, header);
  const footers = stripRunningFooters(slides);
  const pageNumbersDropped = stripTrailingPageNumbers(slides);
  if (pageNumbersDropped.length && !footers.tag) {
    // "… IW 3": the tag shows only once the page number is gone.
    const again = stripRunningFooters(slides);
    footers.tag = again.tag;
    footers.tagSlides = again.tagSlides;
  }

  const allText = slides.flatMap(slideLines).join("\n");
  const lang = detectLanguage(allText, chrome.siteLanguage);
  const notesCtx = buildNotesContext([...slides.map((s) => slideLines(s).join(" ")), chrome.title ?? "", header?.value ?? ""]);

  const repeats: ImportReport["repeats"] = [];
  const headingEchoes: number[] = [];
  const excerptHeadings: number[] = [];
  const notesSlides: number[] = [];
  const longSlidesWithoutNotes: number[] = [];
  const inlineLists: ImportReport["inlineLists"] = [];
  const firstLines = slides.map((s) => slideLines(s)[0] ?? "");
  const docSlides: DocSlide[] = slides.map((s, i) => {
    const lines = slideLines(s).map((l) => {
      const c = collapseRepeats(l);
      for (const r of c.removed) repeats.push({ slide: s.number, ...r });
      return c.text;
    });
    const headed = headSlide(lines, capitalBoundaries(lang.language), [firstLines[i - 1] ?? "", firstLines[i + 1] ?? ""]);
    if (headed.how === "excerpt") excerptHeadings.push(s.number);
    let paragraphs = headed.paragraphs;
    if (headed.how === "line") {
      const echo = dropHeadingEcho(headed.heading, paragraphs);
      if (echo.dropped) headingEchoes.push(s.number);
      paragraphs = echo.paragraphs;
    }
    paragraphs = dropConsecutiveDuplicates(paragraphs);
    let notes: string[] = [];
    const n = splitNotes(paragraphs, notesCtx);
    if (n) {
      paragraphs = n.slide;
      notes = n.notes;
      notesSlides.push(s.number);
    } else if (paragraphs.join(" ").length > LONG_SLIDE) {
      longSlidesWithoutNotes.push(s.number);
    }
    paragraphs = paragraphs.flatMap((p) => {
      const list = splitInlineList(p);
      if (!list) return [p];
      inlineLists.push({ slide: s.number, items: list.items.length });
      return inlineListParagraphs(list);
    });
    return { number: s.number, heading: headed.heading, paragraphs, notes };
  });
  const triplicates = dropTriplicates(docSlides);

  const slideText = (s: DocSlide): string => [s.heading, ...s.paragraphs, ...s.notes].join("\n");
  const bodyText = docSlides.map(slideText).join("\n");

  const lowerSeen = new Set((allText.match(/\p{L}+/gu) ?? []).filter((w) => /^\p{Ll}/u.test(w)));
  const slide1 = slides[0]!;
  const meta = guessMetadata({
    quotedTitle: chrome.title,
    slide1: slideLines(slide1),
    slideTexts: docSlides.map((s) => ({ number: s.number, text: slideText(s) })),
    lowerSeen,
    runningHeader: header?.value,
  });

  if (!meta.title) {
    // Neither the site chrome nor slide 1 gave a title: use the first heading, and say so.
    meta.title = docSlides.find((s) => s.heading)?.heading.replace(/ …$/u, "") ?? basename(file).replace(/\.[^.]*$/u, "");
    meta.titleNotes.push("no title in the transcript; taken from the first heading — improve it");
  }

  // Slide 1 opens with the title: the title is its heading, the rest (presenter …) its text.
  const first = docSlides[0];
  if (first && first.notes.length === 0 && first.heading !== meta.title) {
    const text = [excerptHeadings.includes(1) ? "" : first.heading, ...first.paragraphs].filter(Boolean).join(" ");
    if (text.startsWith(meta.title) && meta.title.length < text.length && /^[\s.,:;–—-]/u.test(text.slice(meta.title.length))) {
      first.heading = meta.title;
      first.paragraphs = [
        text
          .slice(meta.title.length)
          .replace(/^[\s.,:;–—-]+/u, "")
          .trim(),
      ].filter(Boolean);
      if (excerptHeadings.includes(1)) excerptHeadings.splice(excerptHeadings.indexOf(1), 1);
    }
  }

  const publisher = choosePublisher(
    file,
    options.publisher,
    options.publishers,
    {
      runningHeader: header ? [header.value, ...header.forms].join(" | ") : undefined,
      title: meta.title,
      body: bodyText,
    },
    lang.language,
  );

  const keyFigures: FigureSuggestion[] = [];
  const lostFigures: LostFigure[] = [];
  for (const s of docSlides) {
    const f = suggestFigures(slideText(s), s.number);
    keyFigures.push(...f.figures);
    lostFigures.push(...f.lost);
  }

  const markdown = toMarkdown(
    {
      title: meta.title,
      publisher: publisher.id,
      date: meta.date,
      language: lang.language,
      people: meta.people.map((p) => (p.title ? { name: p.name, role: "presenter" as const, title: p.title } : { name: p.name, role: "presenter" as const })),
      event: meta.event,
      runningHeader: header?.value,
      sourceNote: importedFromNote(basename(file)),
    },
    docSlides,
  );
  checkDocumentSize(markdown, file, "split the transcript into parts (a file for each run of slides) and import them one at a time");

  const emptySlides = docSlides.filter((s) => !s.heading && s.paragraphs.length === 0 && s.notes.length === 0).map((s) => s.number);
  const checks: string[] = [];
  checks.push("topics: none set — add ids from content/_registries/topics.yaml");
  checks.push(`publisher: ${publisher.id} (${publisher.how}) — confirm`);
  if (meta.date === "unknown") {
    const c = meta.dates.map((d) => `${d.text} (slide ${d.slide})`);
    checks.push(
      `date: unknown (${meta.dateReason})${c.length ? ` — candidates: ${c.join(", ")}` : ""}; set it only if the source says when the presentation was given`,
    );
  } else {
    checks.push(`date: ${meta.date} taken from ${meta.dateReason} — confirm`);
  }
  if (notesSlides.length) checks.push(`notes: speaker notes guessed on slide(s) ${ranges(notesSlides)} — confirm that this text was not on the slide`);
  if (longSlidesWithoutNotes.length)
    checks.push(`notes: slide(s) ${ranges(longSlidesWithoutNotes)} have long text left on the slide — move speaker notes into ::: notes if there are any`);
  if (meta.people.length) checks.push(`people: ${meta.people.map((p) => p.name).join(", ")} from slide 1, role set to presenter — confirm`);
  else checks.push("people: nobody found on slide 1 — add presenters/authors if the source names them");
  if (meta.event) checks.push(`event: "${meta.event}" from slide 1 — confirm`);
  if (/weak|default|not conclusive/u.test(lang.source)) checks.push(`language: ${lang.language} (${lang.source}) — confirm`);
  if (excerptHeadings.length)
    checks.push(`headings: slide(s) ${ranges(excerptHeadings)} have no title in the transcript; their heading is an excerpt ending in "…" — improve it`);
  if (emptySlides.length) checks.push(`slides ${ranges(emptySlides)} have no text (images only in the original?) — add a heading if you know it`);
  if (lostFigures.length)
    checks.push(
      `figures lost from the transcript: ${lostFigures.map((f) => `"${f.text}" (slide ${f.slide})`).join(", ")} — leave them out unless the original states them`,
    );
  if (keyFigures.length) checks.push(`keyFigures: none added — ${keyFigures.length} suggestion(s) listed above`);
  for (const gap of split.missing)
    checks.push(
      `slides: no paragraph starts with ${gap.number}, but one on slide ${gap.slide} starts with ${gap.number + 1} ("${clip(gap.line, 50)}"): slide ${gap.number} is missing from the transcript, so the slides after it were read as slide ${gap.slide}'s text — add the missing slide (or its number) and import again with --force`,
    );
  if (chrome.preamble.length) checks.push(`text before slide 1 was dropped: ${chrome.preamble.map((l) => `"${clip(l, 50)}"`).join(", ")}`);
  for (const n of meta.titleNotes) checks.push(`title: ${n}`);
  if (publisher.proposed) {
    const p = publisher.proposed;
    checks.push(
      `publisher: "${p.id}" is not known yet; proposed ${p.kind} in ${p.country}, names nb "${p.names.nb}", en "${p.names.en}" (${p.reasons.join("; ")}) — create it with --create-publisher or: ${newPublisherCommand(p)}`,
    );
  }

  const review: string[] = [];
  if (publisher.proposed) review.push(`new publisher ${publisher.proposed.id} proposed`);
  if (longSlidesWithoutNotes.length) review.push(`long text kept on slide(s) ${ranges(longSlidesWithoutNotes)} (notes not guessed)`);
  if (excerptHeadings.length) review.push(`excerpt heading(s) on slide(s) ${ranges(excerptHeadings)}`);
  if (/weak|default|not conclusive/u.test(lang.source)) review.push(`language ${lang.language} uncertain`);
  if (meta.titleNotes.some((n) => n.startsWith("no title"))) review.push("no title in the transcript");
  for (const gap of split.missing) review.push(`slide ${gap.number} missing from the transcript`);

  return {
    markdown,
    report: {
      file,
      slug: slugify(meta.title) || "dokument",
      publisher,
      language: lang.language,
      languageSource: lang.source,
      title: meta.title,
      titleNotes: meta.titleNotes,
      people: meta.people,
      event: meta.event,
      date: meta.date,
      dateReason: meta.dateReason,
      dateCandidates: meta.dates,
      slideCount: docSlides.length,
      splitMode: split.mode,
      emptySlides,
      excerptHeadings,
      runningHeader: header,
      pageNumbersDropped,
      footers,
      headingEchoes,
      inlineLists,
      repeats,
      triplicates,
      notesSlides,
      longSlidesWithoutNotes,
      boilerplate: chrome.removed,
      preamble: chrome.preamble,
      keyFigures,
      lostFigures,
      checks,
      review,
    },
  };
}

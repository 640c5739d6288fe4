/**
 * Document metadata guessed from the transcript: title, people, event, date.
 *
 * - Title: the quoted title of the site chrome (the page's own title), else
 *   slide 1's text, cleaned alike by `cleanTitle`: no running header, no
 *   presenter ("v/ …", a job title + name found on slide 1), no date at the
 *   end, no unclosed bracket, no final full stop, at most 120 characters.
 * - Date: chosen only when confident — exactly one full date (or month) on
 *   slide 1, and slide 1 also names a person or an event. Otherwise
 *   `unknown`, with every candidate listed in the report.
 * - Event: on slide 1, the words right before or after that date (at most
 *   eight, not part of the title or a name) when they contain an event word
 *   ("nettverk", "konferanse", "seminar" …).
 */
import { latestYear, LIMITS } from "../content/limits.ts";
import { findDates, type DateCandidate } from "./dates.js";
import { findPeople, type Person } from "./people.js";
import { clip, compareKey, escapeRegExp, squash, words } from "./text.js";

const EVENT_WORDS =
  /(nettverk|konferanse|seminar|samling|fagdag|møte|forum|kurs|workshop|messe|konferens|nätverk|seminarium|möte|träff|mässa|konference|netværk|møde|temadag|conference|network|meeting|summit|symposium|congress|webinar)/iu;

export interface Metadata {
  title: string;
  titleNotes: string[];
  people: Person[];
  dates: DateCandidate[];
  date: string;
  dateReason: string;
  event: string | undefined;
  eventCandidate: string | undefined;
}

export interface MetadataInput {
  quotedTitle: string | undefined;
  /** Slide 1's lines after chrome and running-header removal (heading line first). */
  slide1: string[];
  /** Text of every slide, by number (for date candidates). */
  slideTexts: { number: number; text: string }[];
  /** Words seen in lower case anywhere in the document. */
  lowerSeen: Set<string>;
  /** The running header, which is no part of the title. */
  runningHeader?: string | undefined;
}

const MAX_TITLE = 120;

/** Where a presenter is introduced: "v/ Anne …", "ved Anne …" is too common a word to trust. */
const PRESENTER_MARK = /\s+(?:v\/|v\.\s|presented by|presentert av|presenterad av)\s*/iu;

/** Cut at the last unclosed "(" or "[": "… oppvekst (tidligere." → "… oppvekst". */
function closeBrackets(title: string): string {
  for (const [open, close] of [
    ["(", ")"],
    ["[", "]"],
  ] as const) {
    let depth = 0;
    let cut = -1;
    for (let i = 0; i < title.length; i++) {
      if (title[i] === open) {
        if (depth === 0) cut = i;
        depth++;
      } else if (title[i] === close && depth > 0) depth--;
    }
    if (depth > 0 && cut >= 0) title = title.slice(0, cut).trim();
  }
  return title;
}

/** At most MAX_TITLE characters, cut at the last separator (" - ", ": ", "! " …) that fits, else at a word with "…". */
function shorten(title: string): string {
  if (title.length <= MAX_TITLE) return title;
  const head = title.slice(0, MAX_TITLE + 1);
  const seps = [...head.matchAll(/\s[-–—]\s|[:!?.;]\s/gu)].map((m) => m.index + (/^\s/u.test(m[0]) ? 0 : 1));
  const sep = seps.filter((i) => i >= 20 && i <= MAX_TITLE).at(-1);
  if (sep !== undefined) return title.slice(0, sep).replace(/[\s,;:–—-]+$/u, "");
  const cut = title.slice(0, MAX_TITLE - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ")).replace(/[\s,;:–—-]+$/u, "")} …`;
}

/**
 * A title without what is not its title: the running header, a presenter
 * ("v/ Anne Berit Gullikstad Kommunalsjef oppvekst", a job title + name found
 * on slide 1), a date at the end, an unclosed bracket, a final full stop;
 * at most 120 characters. Every change is noted for the report.
 */
export function cleanTitle(raw: string, people: Person[], runningHeader?: string): { title: string; notes: string[] } {
  let title = squash(raw);
  const notes: string[] = [];
  const change = (next: string, note: string): void => {
    next = next.replace(/[\s,;:–—-]+$/u, "").trim();
    if (next && next !== title) {
      title = next;
      notes.push(note);
    }
  };
  // The header stands above the title on the slide, so only a leading copy goes.
  if (runningHeader) {
    const re = new RegExp(`^\\s*${escapeRegExp(runningHeader).replace(/\s+/gu, "\\s+")}\\s*`, "iu");
    change(title.replace(re, ""), `removed the running header "${runningHeader}"`);
  }
  const mark = PRESENTER_MARK.exec(title);
  if (mark && mark.index > 0) change(title.slice(0, mark.index), `removed the presenter "${clip(title.slice(mark.index).trim(), 60)}"`);
  for (const p of people) {
    const at = title.indexOf(p.source) >= 0 ? title.indexOf(p.source) : title.indexOf(p.name);
    if (at > 0 && (p.title || at + (title.indexOf(p.source) >= 0 ? p.source : p.name).length >= title.length - 1)) {
      change(title.slice(0, at), `removed "${clip(title.slice(at), 60)}" (a person on slide 1) from the title`);
    }
  }
  const dates = findDates(title, 1).filter((d) => d.precision === "day" || d.precision === "month");
  const last = dates.at(-1);
  if (
    last &&
    last.index > 0 &&
    title
      .slice(last.index + last.text.length)
      .trim()
      .replace(/[.)\]]/gu, "") === ""
  ) {
    change(title.slice(0, last.index), `removed the date "${last.text}"`);
  }
  change(closeBrackets(title), "removed an unclosed bracket and what followed it");
  if (/[^.]\.$/u.test(title) && !/\b\p{L}{1,3}\.$/u.test(title)) title = title.slice(0, -1);
  change(shorten(title), `shortened to at most ${MAX_TITLE} characters`);
  return { title, notes };
}

function findEvent(slide1: string, date: DateCandidate, title: string, people: Person[]): string | undefined {
  // Text of slide 1 with the title and names blanked out, split at the date.
  let text = slide1;
  const blank = (s: string): void => {
    if (!s) return;
    text = text.replace(new RegExp(escapeRegExp(s), "giu"), (m) => "\u0000".repeat(m.length));
  };
  blank(title);
  for (const p of people) blank(p.source);
  const before = text.slice(0, date.index).split("\u0000").at(-1)!.trim();
  const after = text
    .slice(date.index + date.text.length)
    .split("\u0000")[0]!
    .trim();
  for (const part of [before, after]) {
    const w = words(part);
    if (w.length >= 1 && w.length <= 8 && EVENT_WORDS.test(part)) return part.replace(/[,;:–—-]+$/u, "").trim();
  }
  return undefined;
}

export function guessMetadata(input: MetadataInput): Metadata {
  const slide1Text = input.slide1.join("\n");
  const people = findPeople(input.slide1, input.lowerSeen);
  const rawTitle = input.quotedTitle ?? input.slide1[0] ?? "";
  const { title, notes } = cleanTitle(rawTitle || input.slide1.join(" "), people, input.runningHeader);

  const dates = input.slideTexts.flatMap((s) => findDates(s.text, s.number));
  const onSlide1 = findDates(slide1Text, 1).filter((d) => d.precision === "day" || d.precision === "month");

  let event: string | undefined;
  let eventCandidate: string | undefined;
  let date = "unknown";
  let dateReason: string;
  if (onSlide1.length === 1) {
    const d = onSlide1[0]!;
    // Blank out the title only when slide 1 repeats it.
    const t = compareKey(slide1Text).includes(compareKey(title)) ? title : "";
    eventCandidate = findEvent(slide1Text.replace(/\n/gu, " "), d, t, people);
    const year = Number(d.iso!.slice(0, 4));
    if (year < LIMITS.earliestYear || year > latestYear()) {
      // The check would refuse it ("03.04.49" read as 2049, a typo): left unknown, with the reason.
      dateReason = `"${d.text}" on slide 1 is not a plausible date for the document (the check takes ${LIMITS.earliestYear} to next year)`;
    } else if (people.length > 0 || eventCandidate) {
      date = d.iso!;
      event = eventCandidate;
      dateReason = `"${d.text}" on slide 1, next to ${people.length ? "the presenter" : "the event"}`;
    } else {
      dateReason = `"${d.text}" is on slide 1, but slide 1 names no presenter or event`;
    }
  } else if (onSlide1.length > 1) {
    dateReason = `slide 1 has ${onSlide1.length} dates`;
  } else if (dates.length > 0) {
    dateReason = "no date on slide 1; the dates elsewhere are about the content, not the presentation";
  } else {
    dateReason = "no date in the transcript";
  }
  return { title, titleNotes: notes, people, dates, date, dateReason, event, eventCandidate };
}

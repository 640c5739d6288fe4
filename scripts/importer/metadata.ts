/**
 * Document metadata guessed from the transcript: title, people, event, date.
 *
 * - Title: the quoted title of the site chrome, else slide 1's text. A job
 *   title + name found on slide 1 at the end of the title ("… Rådmann Inger
 *   Østensjø") is removed from it, and so is a lone trailing full stop.
 * - Date: chosen only when confident — exactly one full date (or month) on
 *   slide 1, and slide 1 also names a person or an event. Otherwise
 *   `unknown`, with every candidate listed in the report.
 * - Event: on slide 1, the words right before or after that date (at most
 *   eight, not part of the title or a name) when they contain an event word
 *   ("nettverk", "konferanse", "seminar" …).
 */
import { findDates, type DateCandidate } from './dates.js';
import { findPeople, type Person } from './people.js';
import { compareKey, escapeRegExp, squash, words } from './text.js';

const EVENT_WORDS = /(nettverk|konferanse|seminar|samling|fagdag|møte|forum|kurs|workshop|messe|konferens|nätverk|seminarium|möte|träff|mässa|konference|netværk|møde|temadag|conference|network|meeting|summit|symposium|congress|webinar)/iu;

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
}

function cleanTitle(raw: string, people: Person[]): { title: string; notes: string[] } {
  let title = squash(raw);
  const notes: string[] = [];
  for (const p of people) {
    const re = new RegExp(`\\s*[-–—,]?\\s*${escapeRegExp(p.source)}\\s*$`, 'u');
    if (p.title && re.test(title) && title.replace(re, '').trim()) {
      title = title.replace(re, '').trim();
      notes.push(`removed "${p.source}" (a person on slide 1) from the end of the title`);
    }
  }
  if (/[^.]\.$/u.test(title) && !/\b\p{L}{1,3}\.$/u.test(title)) title = title.slice(0, -1);
  return { title, notes };
}

function findEvent(slide1: string, date: DateCandidate, title: string, people: Person[]): string | undefined {
  // Text of slide 1 with the title and names blanked out, split at the date.
  let text = slide1;
  const blank = (s: string): void => {
    if (!s) return;
    text = text.replace(new RegExp(escapeRegExp(s), 'giu'), (m) => '\u0000'.repeat(m.length));
  };
  blank(title);
  for (const p of people) blank(p.source);
  const before = text.slice(0, date.index).split('\u0000').at(-1)!.trim();
  const after = text.slice(date.index + date.text.length).split('\u0000')[0]!.trim();
  for (const part of [before, after]) {
    const w = words(part);
    if (w.length >= 1 && w.length <= 8 && EVENT_WORDS.test(part)) return part.replace(/[,;:–—-]+$/u, '').trim();
  }
  return undefined;
}

export function guessMetadata(input: MetadataInput): Metadata {
  const slide1Text = input.slide1.join('\n');
  const people = findPeople(input.slide1, input.lowerSeen);
  const rawTitle = input.quotedTitle ?? input.slide1[0] ?? '';
  const { title, notes } = cleanTitle(rawTitle || input.slide1.join(' '), people);

  const dates = input.slideTexts.flatMap((s) => findDates(s.text, s.number));
  const onSlide1 = findDates(slide1Text, 1).filter((d) => d.precision === 'day' || d.precision === 'month');

  let event: string | undefined;
  let eventCandidate: string | undefined;
  let date = 'unknown';
  let dateReason: string;
  if (onSlide1.length === 1) {
    const d = onSlide1[0]!;
    // Blank out the title only when slide 1 repeats it.
    const t = compareKey(slide1Text).includes(compareKey(title)) ? title : '';
    eventCandidate = findEvent(slide1Text.replace(/\n/gu, ' '), d, t, people);
    if (people.length > 0 || eventCandidate) {
      date = d.iso!;
      event = eventCandidate;
      dateReason = `"${d.text}" on slide 1, next to ${people.length ? 'the presenter' : 'the event'}`;
    } else {
      dateReason = `"${d.text}" is on slide 1, but slide 1 names no presenter or event`;
    }
  } else if (onSlide1.length > 1) {
    dateReason = `slide 1 has ${onSlide1.length} dates`;
  } else if (dates.length > 0) {
    dateReason = 'no date on slide 1; the dates elsewhere are about the content, not the presentation';
  } else {
    dateReason = 'no date in the transcript';
  }
  return { title, titleNotes: notes, people, dates, date, dateReason, event, eventCandidate };
}

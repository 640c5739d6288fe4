/**
 * Which of a file's properties to trust. Office fills them in by itself: a
 * deck made from a template keeps the template's title and author; a file
 * copied or exported by a tool gets the copy's date as both "created" and
 * "modified". Such values are reported to the editor, never written.
 */
import type { FileProperties } from "./model.js";
import { LIMITS } from "../../content/limits.ts";

/** Authors that name a machine, a program or a template, not a person. */
const PLACEHOLDER_AUTHORS =
  /^(user|bruker|användare|bruger|admin(istrator)?|owner|eier|ägare|microsoft office( user| bruker| användare)?|windows( user| bruker)?|office|unknown|ukjent|okänd|author|forfatter|författare|pptxgenjs|python-docx|docx|apache poi|libreoffice|default|standard|test|\d+)$/iu;

/** Titles Office or a template puts in by itself. */
const PLACEHOLDER_TITLES =
  /^(powerpoint[- ]?(presentation|presentasjon|presentation)|presentasjon\s*\d*|presentation\s*\d*|presentationen?\s*\d*|præsentation\s*\d*|lysbilde\s*\d+|slide\s*\d+|bild\s*\d+|dokument\s*\d*|document\s*\d*|word[- ]dokument|untitled|uten tittel|namnlös|unavngivet|title|tittel|rubrik|overskrift|presentasjonstittel|klikk for å legge inn tittel|click to add title|(.*\s)?(template|mal|malen))$/iu;

export interface TrustedProperties {
  title: string | undefined;
  author: string | undefined;
  /** YYYY-MM-DD, when the file's dates look true. */
  date: string | undefined;
  dateReason: string;
  /** What was stated but not trusted, and why, for the report. */
  distrusted: string[];
}

function isoDay(value: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(value ?? "");
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** True when "YYYY-MM-DD" names a day of the calendar ("2021-02-29" does not). */
function calendarDay(day: string): boolean {
  const [year = 0, month = 0, date = 0] = day.split("-").map(Number);
  const utc = new Date(Date.UTC(year, month - 1, date));
  return utc.getUTCMonth() === month - 1 && utc.getUTCDate() === date;
}

/** `fileName` is the original's name; `now` the import time (dates after it are not true). */
export function trustProperties(props: FileProperties, fileName: string, now: Date): TrustedProperties {
  const distrusted: string[] = [];
  const base = fileName
    .split(/[\\/]/u)
    .pop()!
    .replace(/\.[^.]*$/u, "");

  let title = props.title?.trim() || undefined;
  if (title && (PLACEHOLDER_TITLES.test(title) || title.toLowerCase() === base.toLowerCase())) {
    distrusted.push(`title "${title}" from the file's properties looks like a default or the file name, not the document's title`);
    title = undefined;
  } else if (title && title.length > LIMITS.titleLength) {
    // Not cut short: a title is the document's words, and the check refuses a longer one.
    distrusted.push(`title from the file's properties is ${title.length} characters long, more than the ${LIMITS.titleLength} a title may have`);
    title = undefined;
  }

  const created = props.created ? new Date(props.created) : undefined;
  const modified = props.modified ? new Date(props.modified) : undefined;
  const valid = (d: Date | undefined): d is Date => d !== undefined && !Number.isNaN(d.getTime());
  const years = valid(created) && valid(modified) ? (modified.getTime() - created.getTime()) / (365.25 * 24 * 3600 * 1000) : 0;

  let author = props.author?.trim() || undefined;
  if (author && author.length > LIMITS.textLength) {
    distrusted.push(`author from the file's properties is ${author.length} characters long, more than the ${LIMITS.textLength} a name may have`);
    author = undefined;
  } else if (author && PLACEHOLDER_AUTHORS.test(author)) {
    distrusted.push(`author "${author}" from the file's properties names a program or account, not a person`);
    author = undefined;
  } else if (author && props.company && author.toLowerCase() === props.company.trim().toLowerCase()) {
    distrusted.push(`author "${author}" is the organisation's name, not a person`);
    author = undefined;
  } else if (author && props.lastModifiedBy && props.lastModifiedBy.trim() !== author && years > 1) {
    // Made years earlier by someone else: the author of the template the deck was built on.
    distrusted.push(
      `author "${author}" created the file ${Math.floor(years)} year(s) before "${props.lastModifiedBy.trim()}" last changed it; probably the template's author`,
    );
    author = undefined;
  }

  let date: string | undefined;
  let dateReason: string;
  const day = isoDay(props.modified);
  if (!valid(modified) || !day) {
    dateReason = "the file states no modification date";
  } else if (!calendarDay(day)) {
    // "2021-02-29": Date rolls it over to 1 March, and the check refuses the day as written.
    dateReason = `the file's modification date ${day} is not a real calendar date`;
    distrusted.push(`modified date ${day} does not exist`);
  } else if (modified.getTime() > now.getTime()) {
    dateReason = `the file's modification date ${day} is in the future`;
    distrusted.push(`modified date ${day} is after today`);
  } else if (modified.getUTCFullYear() < 1995) {
    dateReason = `the file's modification date ${day} is before such files existed`;
    distrusted.push(`modified date ${day} is before 1995`);
  } else if (valid(created) && created.getTime() > modified.getTime()) {
    dateReason = `the file says it was created (${isoDay(props.created)}) after it was last changed (${day}): the dates of a copy`;
    distrusted.push(`created ${isoDay(props.created)} / modified ${day}: created after modified, a copy's dates`);
  } else if (valid(created) && created.getTime() === modified.getTime()) {
    dateReason = `created and modified are the same instant (${props.modified}): the date of a copy or an export, not of the document`;
    distrusted.push(`created = modified = ${props.modified}: a copy's or an export's date`);
  } else {
    date = day;
    dateReason = `the file was last changed on ${day}${valid(created) ? ` (created ${isoDay(props.created)})` : ""}`;
  }
  return { title, author, date, dateReason, distrusted };
}

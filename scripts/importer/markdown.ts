/**
 * Emit a Lysark document (docs/content-model.md): YAML front-matter written
 * with the `yaml` package, then one `##` heading per slide, its text, and
 * speaker notes in a `::: notes` container. Slide text is escaped so that it
 * shows as written: inline markup (`*`, `_`, `[`, `<`, `` ` ``, `\\`) and what
 * would change the structure (a line starting with "#", ":::", a fence, a
 * setext underline, a bullet or a quote marker).
 */
import { Document } from "yaml";
import { LIMITS } from "../content/limits.ts";
import { ImportError } from "./errors.js";
import type { Lang } from "./language.js";

export interface DocSlide {
  number: number;
  heading: string;
  paragraphs: string[];
  notes: string[];
}

export interface FrontMatter {
  title: string;
  publisher: string;
  date: string;
  language: Lang;
  people: { name: string; role?: "presenter" | "author" | "contributor"; title?: string }[];
  event?: string | undefined;
  runningHeader?: string | undefined;
  sourceNote: ImportedNote;
}

/** The importer's own note on where a document came from, in each UI language (its words, not the source's). */
export type ImportedNote = { nb: string; en: string };
export function importedFromNote(fileName: string): ImportedNote {
  return { nb: `Importert fra ${fileName}`, en: `Imported from ${fileName}` };
}

/**
 * Characters Markdown reads as markup anywhere in a line: emphasis (`*`, `_`),
 * a link or image (`[`), raw HTML or an autolink (`<`), code (`` ` ``),
 * strikethrough (`~~`), and the escape character itself. Escaped with a backslash so the page shows what the
 * transcript says ("*viktig*" stays "*viktig*", "<tom>" stays "<tom>").
 */
const INLINE_MARKUP = /[\\`*_[\]<>~]/gu;

export function escapeInline(text: string): string {
  return text.replace(INLINE_MARKUP, (c) => `\\${c}`);
}

/** Escape what would turn slide text into Markdown structure, then inline markup. */
export function escapeLine(text: string): string {
  let t = escapeInline(text.trim());
  if (/^#/u.test(t)) t = `\\${t}`;
  else if (/^:::/u.test(t)) t = `\\${t}`;
  else if (/^(~{3,})/u.test(t)) t = `\\${t}`;
  else if (/^(=+|-+)$/u.test(t)) t = `\\${t}`;
  else if (/^ {0,3}(-)( *\1){2,} *$/u.test(t)) t = `\\${t}`;
  else if (/^[-+] /u.test(t))
    t = `\\${t}`; // a bullet the transcript did not mean as a list
  else if (/^>/u.test(t)) t = `\\${t}`;
  // "15. mars Oppstart" would be a list numbered from 15 (and the next lines 16., 17.): the dot keeps its place.
  else t = t.replace(/^(\d+)([.)])(\s|$)/u, "$1\\$2$3");
  return t;
}

export function escapeHeading(text: string): string {
  // A run of "#" at the end (or as the whole heading) would be read as the heading's closing sequence and dropped.
  return escapeInline(text.trim()).replace(/(^|\s)(#+)$/u, "$1\\$2");
}

export function frontMatter(fm: FrontMatter): string {
  const data: Record<string, unknown> = {
    title: fm.title,
    type: "presentation",
    publisher: fm.publisher,
    date: fm.date,
    language: fm.language,
  };
  if (fm.people.length) data.people = fm.people;
  if (fm.event) data.event = fm.event;
  data.topics = [];
  if (fm.runningHeader) data.runningHeader = fm.runningHeader;
  data.source = { kind: "transcript", note: fm.sourceNote };
  const doc = new Document(data);
  // ISO dates are quoted so that no YAML 1.1 parser turns them into Date objects.
  if (/^\d{4}(-\d{2}){0,2}$/u.test(fm.date)) {
    const node = doc.get("date", true) as { type?: string } | undefined;
    if (node) node.type = "QUOTE_DOUBLE";
  }
  return `---\n${doc.toString({ lineWidth: 0 })}---\n`;
}

/**
 * A paragraph's Markdown. One of several lines is a numbered list the importer made of a line a transcript glued
 * together (inline-lists.ts): its markers stay list markers, and each item's text is escaped as a line.
 */
function paragraph(text: string): string {
  if (!text.includes("\n")) return escapeLine(text);
  return text
    .split("\n")
    .map((line) => {
      const item = /^(\d+\. )(.*)$/su.exec(line);
      return item ? `${item[1]}${escapeLine(item[2]!)}` : escapeLine(line);
    })
    .join("\n");
}

export function body(slides: DocSlide[]): string {
  const out: string[] = [];
  for (const s of slides) {
    out.push(s.heading ? `## ${escapeHeading(s.heading)}` : "##", "");
    for (const p of s.paragraphs) out.push(paragraph(p), "");
    if (s.notes.length) {
      out.push("::: notes");
      s.notes.forEach((p, i) => {
        if (i > 0) out.push("");
        out.push(escapeLine(p));
      });
      out.push(":::", "");
    }
  }
  return out.join("\n");
}

export function toMarkdown(fm: FrontMatter, slides: DocSlide[]): string {
  return `${frontMatter(fm)}\n${body(slides)}`;
}

/**
 * `npm run check` refuses a document file of more than `LIMITS.documentBytes`: an import that would write one stops
 * here with the fix, and nothing is written.
 */
export function checkDocumentSize(markdown: string, file: string, fix: string): void {
  const bytes = Buffer.byteLength(markdown);
  if (bytes <= LIMITS.documentBytes) return;
  const mb = (n: number) => `${Number((n / 1024 / 1024).toFixed(1))} MB`;
  throw new ImportError(file, "too-large", `makes a document of ${mb(bytes)}, more than the ${mb(LIMITS.documentBytes)} one document file may have`, fix);
}

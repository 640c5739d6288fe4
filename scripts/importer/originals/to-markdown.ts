/**
 * Document model → Lysark Markdown, shared by every original format.
 *
 * Front-matter only from what the file states and what looks true (see
 * properties.ts); `topics: []`, `source.kind: original`, and the original as
 * the document's attachment. The body: one `##` per slide or section (an
 * empty `##` when a slide has no text), a marker line on hidden slides, the
 * text with its lists, tables as Markdown tables, pictures as images in a
 * folder named after the document, and speaker notes in `::: notes`.
 * A picture without a description is written without alt text, so that
 * `npm run check` points at the line until the editor describes it; it is
 * never given an invented description.
 */
import { createHash } from "node:crypto";
import { Document } from "yaml";
import { LIMITS } from "../../content/limits.ts";
import { slugify } from "../../content/slug.ts";
import { suggestFigures, type FigureSuggestion, type LostFigure } from "../key-figures.js";
import { detectLanguage, type Lang } from "../language.js";
import { checkDocumentSize, escapeHeading, escapeInline, escapeLine, importedFromNote } from "../markdown.js";
import type { ImportReport } from "../index.js";
import { choosePublisher, type PublisherInfo } from "../publisher.js";
import { ranges } from "../text.js";
import type { Block, OriginalDocument, Section } from "./model.js";
import { trustProperties } from "./properties.js";

export interface OriginalImportOptions {
  fileName: string;
  publisher?: string | undefined;
  publishers?: PublisherInfo[] | undefined;
  /** Import time: dates after it are not true. */
  now: Date;
  /** A picture of each whole slide (PNG, index 0 = slide 1), when LibreOffice made them. */
  slidePictures?: Uint8Array[] | undefined;
}

/** A file to write next to the document, relative to the publisher folder. */
export interface OutputFile {
  path: string;
  data: Uint8Array;
}

export interface PictureReport {
  where: string;
  file: string;
  alt: string | undefined;
}

/** The transcript importer's report fields where they apply (batch mode reads them), plus what only originals have. */
export interface OriginalReport
  extends Pick<
    ImportReport,
    | "file"
    | "slug"
    | "publisher"
    | "language"
    | "languageSource"
    | "title"
    | "titleNotes"
    | "date"
    | "dateReason"
    | "slideCount"
    | "emptySlides"
    | "notesSlides"
    | "keyFigures"
    | "lostFigures"
    | "checks"
    | "review"
  > {
  format: OriginalDocument["format"];
  type: OriginalDocument["type"];
  people: { name: string; role: "presenter" | "author" }[];
  event: undefined;
  hiddenSlides: number[];
  headingSources: { slide: number; source: string }[];
  tables: number[];
  /** Slides or sections with a chart imported as a table. */
  charts: number[];
  pictures: PictureReport[];
  picturesWithoutAlt: PictureReport[];
  slidePictures: string;
  properties: OriginalDocument["properties"];
  distrusted: string[];
  readingNotes: string[];
  attachment: string;
}

export interface OriginalImportResult {
  markdown: string;
  report: OriginalReport;
  /** Files to write into the publisher folder besides the document: the original and its pictures. */
  files: OutputFile[];
}

/** The line put on a hidden slide, in the document's language. */
export const HIDDEN_MARKER: Record<"nb" | "nn" | "sv" | "da" | "en", string> & Partial<Record<Lang, string>> = {
  nb: "*Skjult lysbilde i originalen.*",
  nn: "*Skjult lysbilete i originalen.*",
  sv: "*Dold bild i originalet.*",
  da: "*Skjult dias i originalen.*",
  en: "*Hidden slide in the original.*",
};

/** "Slide" in the document's language, for a slide picture's alt text. */
const SLIDE_WORD: Record<"nb" | "nn" | "sv" | "da" | "en", string> & Partial<Record<Lang, string>> = {
  nb: "Lysbilde",
  nn: "Lysbilete",
  sv: "Bild",
  da: "Dias",
  en: "Slide",
};

/** The line above a chart's table: where the figures come from, in the document's language. */
const CHART_NOTE: Record<"nb" | "nn" | "sv" | "da" | "en", string> & Partial<Record<Lang, string>> = {
  nb: "Tallene er hentet fra et diagram i originalen",
  nn: "Tala er henta frå eit diagram i originalen",
  sv: "Siffrorna är hämtade från ett diagram i originalet",
  da: "Tallene er hentet fra et diagram i originalen",
  en: "The figures are taken from a chart in the original",
};

/** Alt text of a slide picture: the slide's number and its text, as the slide states it. */
function slidePictureAlt(s: Section, lang: Lang): string {
  const text = s.heading || s.blocks.map(blockText).find(Boolean) || "";
  const short = text.length > 120 ? `${text.slice(0, 117).replace(/\s+\S*$/u, "")} …` : text;
  return `${SLIDE_WORD[lang] ?? SLIDE_WORD.en} ${s.number}${short ? `: ${short}` : ""}`.replace(/([[\]\\])/gu, "\\$1");
}

/** Inline text: block-structure escapes (escapeLine escapes a leading "1." and "-" too), and a leading "+" or "*". */
function inline(text: string): string {
  return escapeLine(text).replace(/^([-+*])(\s)/u, "\\$1$2");
}

/** A table cell shows its text as the original has it: inline markup escaped as in a paragraph, and the column bar. */
function cell(text: string): string {
  return escapeInline(text.replace(/\s+/gu, " ").trim()).replace(/\|/gu, "\\|");
}

function tableMarkdown(rows: string[][]): string {
  const width = Math.max(...rows.map((r) => r.length));
  const pad = (r: string[]) => Array.from({ length: width }, (_, i) => cell(r[i] ?? ""));
  const line = (r: string[]) => `| ${r.join(" | ")} |`;
  return [line(pad(rows[0]!)), line(Array.from({ length: width }, () => "---")), ...rows.slice(1).map((r) => line(pad(r)))].join("\n");
}

function listMarkdown(block: Extract<Block, { kind: "list" }>): string {
  return block.items.map((item) => `${"    ".repeat(item.level)}${block.ordered ? "1." : "-"} ${escapeLine(item.text)}`).join("\n");
}

function blockText(block: Block): string {
  if (block.kind === "paragraph") return block.text;
  if (block.kind === "list") return block.items.map((i) => i.text).join("\n");
  if (block.kind === "table") return block.rows.map((r) => r.join(" ")).join("\n");
  if (block.kind === "chart") return [block.title ?? "", ...block.rows.map((r) => r.join(" "))].join("\n");
  if (block.kind === "heading") return block.text;
  return block.image.alt ?? "";
}

function sectionText(s: Section): string {
  return [s.heading, ...s.blocks.map(blockText), ...s.notes].join("\n");
}

function frontMatter(data: Record<string, unknown>): string {
  const doc = new Document(data);
  const date = data.date as string;
  if (/^\d{4}(-\d{2}){0,2}$/u.test(date)) {
    const node = doc.get("date", true) as { type?: string } | undefined;
    if (node) node.type = "QUOTE_DOUBLE";
  }
  return `---\n${doc.toString({ lineWidth: 0 })}---\n`;
}

export function originalToMarkdown(original: OriginalDocument, bytes: Uint8Array, options: OriginalImportOptions): OriginalImportResult {
  const file = options.fileName;
  const base = file.split(/[\\/]/u).pop()!;
  const sections = original.sections;
  const trusted = trustProperties(original.properties, file, options.now);

  const allText = [...original.preamble.map(blockText), ...sections.map(sectionText)].join("\n");
  const lang = detectLanguage(allText);
  const titleNotes: string[] = [];
  const headingKind = original.type === "presentation" ? "slide" : "section";
  // In this order, the first that is there and that the check allows; a longer one is named, and not cut short.
  const candidates: Array<[string | undefined, string, string]> = [
    [original.documentTitle, "the document's own title", "taken from the document's own title — confirm"],
    [trusted.title, "the file's properties' title", "taken from the file's properties — confirm"],
    [
      sections.find((s) => s.heading)?.heading,
      `the first ${headingKind}'s heading`,
      `taken from the first ${headingKind}'s heading (the file's properties give no usable title) — confirm`,
    ],
  ];
  let title: string | undefined;
  for (const [candidate, what, note] of candidates) {
    if (!candidate) continue;
    if (candidate.length > LIMITS.titleLength) {
      titleNotes.push(`${what} is ${candidate.length} characters long, more than the ${LIMITS.titleLength} a title may have: not used`);
      continue;
    }
    title = candidate;
    titleNotes.push(note);
    break;
  }
  if (title === undefined) {
    title = base.replace(/\.[^.]*$/u, "");
    titleNotes.push("taken from the file name: the file has no title and no headings the check allows — improve it");
  }
  const slug = slugify(title) || "dokument";
  const publisher = choosePublisher(file, options.publisher, options.publishers, { runningHeader: undefined, title, body: allText });

  const files: OutputFile[] = [];
  const ext = original.format;
  const attachment = `${slug}.${ext}`;
  files.push({ path: attachment, data: bytes });

  const pictures: PictureReport[] = [];
  const tables: number[] = [];
  const charts: number[] = [];
  const body: string[] = [];
  const isDeck = original.type === "presentation";
  // The same picture again (a logo on each slide, a picture a report refers to many times) is written once.
  const written = new Map<string, string>();
  const writeBlocks = (blocks: Block[], number: number): void => {
    let count = 0;
    for (const block of blocks) {
      if (block.kind === "paragraph") body.push(inline(block.text), "");
      else if (block.kind === "heading") body.push(`${"#".repeat(block.level)} ${escapeHeading(block.text)}`, "");
      else if (block.kind === "list") body.push(listMarkdown(block), "");
      else if (block.kind === "table") {
        body.push(tableMarkdown(block.rows), "");
        if (!tables.includes(number)) tables.push(number);
      } else if (block.kind === "chart") {
        const note = CHART_NOTE[lang.language] ?? CHART_NOTE.en;
        body.push(`*${escapeLine(`${note}${block.title ? `: ${block.title}` : ""}.`)}*`, "", tableMarkdown(block.rows), "");
        if (!charts.includes(number)) charts.push(number);
      } else {
        count++;
        const key = `${block.image.ext}:${createHash("sha256").update(block.image.data).digest("hex")}`;
        let name = written.get(key);
        if (name === undefined) {
          name = `${slug}/${number === 0 ? "intro" : `${isDeck ? "slide" : "section"}-${number}`}-${count}.${block.image.ext}`;
          written.set(key, name);
          files.push({ path: name, data: block.image.data });
        }
        pictures.push({
          where: number === 0 ? `before the first section, ${block.image.where}` : block.image.where.replace(/^picture/u, `section ${number}, picture`),
          file: name,
          alt: block.image.alt,
        });
        body.push(`![${(block.image.alt ?? "").replace(/([[\]\\])/gu, "\\$1")}](${name})`, "");
      }
    }
  };
  writeBlocks(original.preamble, 0);
  for (const s of sections) {
    body.push(s.heading ? `## ${escapeHeading(s.heading)}` : "##", "");
    // A language without a marker of its own (de, pl …) gets the English one.
    if (s.hidden) body.push(HIDDEN_MARKER[lang.language] ?? HIDDEN_MARKER.en, "");
    const slidePicture = options.slidePictures?.[s.number - 1];
    if (slidePicture) {
      // First in the slide, so the page can show it beside the slide's text.
      const name = `${slug}/slide-${s.number}.png`;
      files.push({ path: name, data: slidePicture });
      body.push(`![${slidePictureAlt(s, lang.language)}](${name})`, "");
    }
    writeBlocks(s.blocks, s.number);
    if (s.notes.length) body.push("::: notes", s.notes.map(inline).join("\n\n"), ":::", "");
  }

  const people = trusted.author ? [{ name: trusted.author, role: isDeck ? ("presenter" as const) : ("author" as const) }] : [];
  const data: Record<string, unknown> = {
    title,
    type: original.type,
    publisher: publisher.id,
    date: trusted.date ?? "unknown",
    language: lang.language,
  };
  if (people.length) data.people = people;
  data.topics = [];
  data.source = { kind: "original", note: importedFromNote(base) };
  data.attachments = [{ file: attachment }];
  const markdown = `${frontMatter(data)}\n${body.join("\n")}`;
  checkDocumentSize(markdown, file, "split it into parts (one per chapter or volume) and import them one at a time");

  const keyFigures: FigureSuggestion[] = [];
  const lostFigures: LostFigure[] = [];
  for (const s of sections) {
    const f = suggestFigures(sectionText(s), s.number);
    keyFigures.push(...f.figures);
    lostFigures.push(...f.lost);
  }
  const unit = isDeck ? "slide" : "section";
  const emptySlides = sections.filter((s) => !s.heading && s.blocks.length === 0 && s.notes.length === 0).map((s) => s.number);
  const hiddenSlides = sections.filter((s) => s.hidden).map((s) => s.number);
  const notesSlides = sections.filter((s) => s.notes.length).map((s) => s.number);
  const picturesWithoutAlt = pictures.filter((p) => !p.alt);
  const guessedHeadings = sections.filter((s) => s.heading && s.headingSource !== "title placeholder" && s.headingSource !== "heading style");

  const checks: string[] = [];
  checks.push("topics: none set — add ids from content/_registries/topics.yaml");
  checks.push(`publisher: ${publisher.id} (${publisher.how}) — confirm`);
  checks.push(
    trusted.date
      ? `date: ${trusted.date} (${trusted.dateReason}) — set it to the day the document was presented or published if you know it`
      : `date: unknown (${trusted.dateReason}); set it only if the document says when it was presented or published`,
  );
  if (people.length) checks.push(`people: ${people[0]!.name} from the file's properties, role ${people[0]!.role} — confirm`);
  else checks.push("people: nobody trusted from the file's properties — add presenters/authors if the document names them");
  for (const d of trusted.distrusted) checks.push(`not used: ${d}`);
  if (picturesWithoutAlt.length)
    checks.push(
      `pictures without a description (alt text): ${picturesWithoutAlt.map((p) => `${p.where} → ${p.file}`).join("; ")} — write what each shows between the brackets of ![…] (npm run check fails until you do)`,
    );
  if (guessedHeadings.length)
    checks.push(
      `headings: ${unit}(s) ${ranges(guessedHeadings.map((s) => s.number))} have no marked title; their heading was taken from the largest/topmost text — confirm`,
    );
  if (emptySlides.length) checks.push(`${unit}s ${ranges(emptySlides)} have no text — add a heading if you know it`);
  if (charts.length)
    checks.push(
      `charts: the figures on ${unit}(s) ${ranges(charts)} are the values the chart itself keeps, as a table — compare them with the chart in the original`,
    );
  if (hiddenSlides.length) checks.push(`hidden slides ${ranges(hiddenSlides)} are imported and marked; delete them if they should not be published`);
  if (lostFigures.length)
    checks.push(
      `figures without their number: ${lostFigures.map((f) => `"${f.text}" (${unit} ${f.slide})`).join(", ")} — leave them out unless the document states them`,
    );
  if (keyFigures.length) checks.push(`keyFigures: none added — ${keyFigures.length} suggestion(s) listed above`);
  if (/weak|default|not conclusive/u.test(lang.source)) checks.push(`language: ${lang.language} (${lang.source}) — confirm`);
  for (const n of original.notes) checks.push(n);
  for (const n of titleNotes) checks.push(`title: ${n}`);
  // What batch mode reports as "needs review", as the transcript importer's report does.
  const review: string[] = [];
  if (publisher.proposed) review.push(`new publisher ${publisher.proposed.id} proposed`);
  if (picturesWithoutAlt.length) review.push(`${picturesWithoutAlt.length} picture(s) without a description`);
  if (original.unreadPages?.length) review.push(`page(s) ${ranges(original.unreadPages)} scanned, their text not imported`);

  return {
    markdown,
    files,
    report: {
      file,
      format: original.format,
      type: original.type,
      slug,
      publisher,
      language: lang.language,
      languageSource: lang.source,
      title,
      titleNotes,
      people,
      event: undefined,
      date: trusted.date ?? "unknown",
      dateReason: trusted.dateReason,
      slideCount: sections.length,
      emptySlides,
      hiddenSlides,
      headingSources: sections.map((s) => ({ slide: s.number, source: s.headingSource })),
      notesSlides,
      tables,
      charts,
      pictures,
      picturesWithoutAlt,
      slidePictures: "",
      properties: original.properties,
      distrusted: trusted.distrusted,
      readingNotes: original.notes,
      keyFigures,
      lostFigures,
      attachment,
      checks,
      review,
    },
  };
}

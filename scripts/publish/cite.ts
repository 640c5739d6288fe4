/**
 * "Cite this document": a reference in the page's locale, BibTeX and
 * CSL-JSON downloads, and the Highwire (`citation_*`) and Dublin Core meta
 * tags reference managers such as Zotero read. Everything comes from the
 * front-matter: a missing date stays missing ("u.å." / "n.d." in the
 * reference, no year field in the downloads), and there is no access date,
 * as a static build cannot know one and its output must stay reproducible.
 */
import type { DocumentType } from "../content/schema.ts";
import type { UiLocale } from "../i18n/locales.ts";
import { t } from "../i18n/strings.ts";
import { BIBTEX_FILE, CSL_FILE } from "../content/page-files.ts";
import type { Citation, DocumentView } from "../site/views.ts";
export type { Citation } from "../site/views.ts";

/** Roles whose people are the authors of a document; without any, the publisher is. */
const AUTHOR_ROLES = new Set(["presenter", "author"]);

/** The citation of one document page. `siteUrl` has no trailing slash. */
export function documentCitation(locale: UiLocale, view: DocumentView, pageUrl: string, siteUrl: string, extra: { pdfUrls?: string[] } = {}): Citation {
  const { meta } = view.doc;
  const people = meta.people.filter((person) => person.role && AUTHOR_ROLES.has(person.role)).map((person) => person.name);
  const publisherName = view.publisher.names[locale];
  const year = meta.date === "unknown" ? null : meta.date.slice(0, 4);
  const translated = meta.titleTranslations?.[locale];
  const url = `${siteUrl}${pageUrl}`;
  const citation: Citation = {
    people,
    authors: people.length ? people : [publisherName],
    year,
    yearText: year ?? t(locale, "cite.noDate"),
    title: meta.title,
    translatedTitle: translated && translated !== meta.title ? translated : null,
    language: meta.language,
    typeLabel: t(locale, `type.${meta.type}`),
    publisherName,
    url,
    bibtexUrl: `${pageUrl}${BIBTEX_FILE}`,
    cslUrl: `${pageUrl}${CSL_FILE}`,
    metaTags: [],
  };
  citation.metaTags = metaTags(locale, citation, view, extra.pdfUrls ?? []);
  return citation;
}

/** "2011-03-15" → "2011/03/15", the form Highwire Press tags use. */
function highwireDate(date: string): string {
  return date.replaceAll("-", "/");
}

function metaTags(locale: UiLocale, citation: Citation, view: DocumentView, pdfUrls: string[]): Citation["metaTags"] {
  const { meta } = view.doc;
  const tags: Citation["metaTags"] = [];
  const add = (name: string, content: string | undefined | null) => {
    if (content) tags.push({ name, content });
  };
  add("citation_title", citation.title);
  for (const author of citation.authors) add("citation_author", author);
  if (meta.date !== "unknown") add("citation_publication_date", highwireDate(meta.date));
  add("citation_publisher", citation.publisherName);
  // Zotero reads a report's institution from this tag and files the item as a report.
  if (meta.type !== "presentation") add("citation_technical_report_institution", citation.publisherName);
  add("citation_language", citation.language);
  add("citation_abstract_html_url", citation.url);
  add("citation_public_url", citation.url);
  for (const pdf of pdfUrls) add("citation_pdf_url", pdf);
  if (view.topics.length) add("citation_keywords", view.topics.map((topic) => topic.labels[locale]).join("; "));
  add("DC.title", citation.title);
  for (const author of citation.authors) add("DC.creator", author);
  if (meta.date !== "unknown") add("DC.date", meta.date);
  add("DC.publisher", citation.publisherName);
  add("DC.language", citation.language);
  add("DC.type", "Text");
  add("DC.format", "text/html");
  add("DC.identifier", citation.url);
  add("DC.description", meta.summary);
  return tags;
}

/** Escapes the characters BibTeX treats specially. */
export function escapeBibtex(text: string): string {
  // One pass, so the braces of the replacements are not escaped again.
  return text.replace(/[\\{}&%$#_~^]/g, (char) => BIBTEX_ESCAPES[char] ?? `\\${char}`);
}
const BIBTEX_ESCAPES: Record<string, string> = { "\\": "\\textbackslash{}", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}" };

/** A citation key from the document's id: "testby/likestilling" → "testby-likestilling". */
export function citationKey(view: DocumentView): string {
  return view.id.replace(/[^a-z0-9-]/g, "-");
}

const BIBTEX_TYPES: Record<DocumentType, string> = {
  presentation: "misc",
  report: "techreport",
  strategy: "techreport",
  plan: "techreport",
  survey: "techreport",
  other: "misc",
};

/** The BibTeX entry of a citation (BibLaTeX-friendly fields; UTF-8). */
export function bibtex(citation: Citation, view: DocumentView): string {
  const { meta } = view.doc;
  const type = BIBTEX_TYPES[meta.type];
  // A body as author goes in an extra pair of braces, so it is not split into first and last names; so does a name
  // with the word "and" in it, which BibTeX would read as two people.
  const person = (name: string) => (/(^|\s)and(\s|$)/iu.test(name) ? `{${escapeBibtex(name)}}` : escapeBibtex(name));
  const author = citation.people.length ? citation.people.map(person).join(" and ") : `{${escapeBibtex(citation.publisherName)}}`;
  const fields: Array<[string, string | null | undefined]> = [
    ["author", author],
    ["title", `{${escapeBibtex(citation.title)}}`],
    ["year", citation.year],
    ["month", meta.date !== "unknown" && meta.date.length >= 7 ? String(Number(meta.date.slice(5, 7))) : null],
    ["date", meta.date !== "unknown" ? meta.date : null],
    [type === "techreport" ? "institution" : "publisher", escapeBibtex(citation.publisherName)],
    ["type", escapeBibtex(citation.typeLabel)],
    [type === "misc" ? "howpublished" : "note", meta.event ? escapeBibtex(meta.event) : null],
    ["language", citation.language],
    ["url", citation.url],
  ];
  const lines = fields.filter((field): field is [string, string] => Boolean(field[1])).map(([name, value]) => `  ${name} = {${value}}`);
  return `@${type}{${citationKey(view)},\n${lines.join(",\n")}\n}\n`;
}

const CSL_TYPES: Record<DocumentType, string> = {
  presentation: "speech",
  report: "report",
  strategy: "report",
  plan: "report",
  survey: "report",
  other: "document",
};

/** The CSL-JSON of a citation: an array of one item, as citeproc and Zotero import it. */
export function cslJson(citation: Citation, view: DocumentView): string {
  const { meta } = view.doc;
  const item: Record<string, unknown> = {
    id: citationKey(view),
    type: CSL_TYPES[meta.type],
    title: citation.title,
    // Names stay as the source writes them ("literal"): splitting them into family and given would be a guess.
    author: citation.authors.map((name) => ({ literal: name })),
    publisher: citation.publisherName,
    genre: citation.typeLabel,
    language: citation.language,
    URL: citation.url,
  };
  if (meta.date !== "unknown") item.issued = { "date-parts": [meta.date.split("-").map(Number)] };
  if (meta.event) item["event-title"] = meta.event;
  if (meta.summary) item.abstract = meta.summary;
  return `${JSON.stringify([item], null, 2)}\n`;
}

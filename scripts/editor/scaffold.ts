/**
 * Scaffolding for editors: a new document or a new publisher, written so the
 * result passes `npm run check` as it is. Every input is checked first, with
 * a "did you mean" where a typo is likely; on any problem nothing is written.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { PUBLISHER_FILE, REGISTRY_DIR } from "../content/load.ts";
import { didYouMean } from "../content/problems.ts";
import { LIMITS } from "../content/limits.ts";
import { COUNTRIES, DOCUMENT_TYPES, documentDate, ID_PATTERN, PUBLISHER_KINDS, publisherSchema, type DocumentType } from "../content/schema.ts";
import { slugify } from "../content/slug.ts";
import { movedTo } from "../importer/publisher.ts";
import { readPublishers } from "../importer/publishers-io.ts";
import { CONTENT_LANGUAGES, UI_LOCALES, type ContentLanguage } from "../i18n/locales.ts";
import { urlFor } from "../i18n/routes.ts";
import { STRINGS } from "../i18n/strings.ts";

/** A problem with the editor's input: the message says what to do. */
export class EditorError extends Error {}

/** Publisher ids: the folders under content/ that have a _publisher.yaml. */
export function publisherIds(contentDir: string): string[] {
  if (!existsSync(contentDir)) return [];
  return readdirSync(contentDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== REGISTRY_DIR && existsSync(path.join(contentDir, entry.name, PUBLISHER_FILE)))
    .map((entry) => entry.name)
    .sort();
}

/** "2026-11-23" in the editor's own time zone. */
export function isoDate(day: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

function list(values: readonly string[]): string {
  return values.join(", ");
}

/** A value from a fixed list, or an error naming the closest one and all allowed. */
function choose<T extends string>(what: string, option: string, value: string, allowed: readonly T[], aliases: Record<string, T> = {}): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const alias = aliases[value.toLowerCase()];
  if (alias) return alias;
  throw new EditorError(`unknown ${what} "${value}" (${option}).${didYouMean(value, [...allowed, ...Object.keys(aliases)])} Use one of: ${list(allowed)}.`);
}

/** The publisher whose `movedFrom` lists `id` (a renamed publisher's old id), and how to say so. */
const movedPublisher = (contentDir: string, id: string) => movedTo(id, readPublishers(contentDir));

function requirePublisher(contentDir: string, id: string, option: string): void {
  const known = publisherIds(contentDir);
  if (known.includes(id)) return;
  const moved = movedPublisher(contentDir, id);
  if (moved) throw new EditorError(`${moved.why}: use ${option} ${moved.id}.`);
  const hint = known.length ? `${didYouMean(id, known)} Known publishers: ${list(known)}.` : " There are no publishers yet.";
  throw new EditorError(`unknown publisher "${id}" (${option}).${hint} To add one, run: npm run new-publisher -- --id ${slugify(id) || "ID"} …`);
}

// Placeholder text in the body's own language, so the file is valid and obviously unfinished.
const PLACEHOLDER: Record<ContentLanguage, { slide: string; section: string; text: string; notes: string }> = {
  nb: {
    slide: "Første lysbilde",
    section: "Innledning",
    text: "Skriv teksten her.",
    notes: "Talernotater (valgfritt – slett blokken om du ikke trenger den).",
  },
  nn: { slide: "Første lysbilete", section: "Innleiing", text: "Skriv teksten her.", notes: "Talarnotat (valfritt – slett blokka om du ikkje treng ho)." },
  sv: {
    slide: "Första bilden",
    section: "Inledning",
    text: "Skriv texten här.",
    notes: "Talaranteckningar (valfritt – ta bort blocket om du inte behöver det).",
  },
  da: {
    slide: "Første dias",
    section: "Indledning",
    text: "Skriv teksten her.",
    notes: "Talernoter (valgfrit – slet blokken, hvis du ikke har brug for den).",
  },
  en: {
    slide: "First slide",
    section: "Introduction",
    text: "Write the text here.",
    notes: "Speaker notes (optional – delete the block if you do not need it).",
  },
};

export interface NewDocumentInput {
  /** Project folder holding content/. */
  root: string;
  publisher: string;
  type: string;
  title: string;
  lang?: string;
  /** "YYYY-MM-DD", "YYYY-MM", "YYYY" or "unknown"; default: today. */
  date?: string;
  /** File name without .md; default: made from the title. */
  slug?: string;
  /** Today, for the default date (tests pass a fixed day). */
  today?: Date;
}

export interface Planned {
  file: string;
  text: string;
  url: string;
}

/** Checks the input and returns the file to write; throws EditorError with the reason otherwise. */
export function planDocument(input: NewDocumentInput): Planned {
  const contentDir = path.join(input.root, "content");
  const title = input.title.trim();
  if (!title) throw new EditorError('the title is empty. Give one with --title "…".');
  requirePublisher(contentDir, input.publisher, "--publisher");
  // Norwegian names of the types are accepted too: --type presentasjon.
  const typeAliases = Object.fromEntries(DOCUMENT_TYPES.map((type) => [STRINGS.nb[`typeSlug.${type}`] ?? type, type])) as Record<string, DocumentType>;
  const type = choose("document type", "--type", input.type, DOCUMENT_TYPES, typeAliases);
  const language = choose("language", "--lang", input.lang ?? "nb", CONTENT_LANGUAGES);
  const date = input.date ?? isoDate(input.today ?? new Date());
  const parsedDate = documentDate.safeParse(date);
  if (!parsedDate.success) {
    throw new EditorError(`--date "${date}" ${parsedDate.error.issues[0]?.message ?? "is not a date"}. Write it as YYYY-MM-DD (or YYYY-MM, YYYY, or unknown).`);
  }
  const slug = input.slug ?? slugify(title);
  if (!slug)
    throw new EditorError(`the title "${title}" has no letters or digits to make a file name from. Give one with --slug, e.g. --slug arsrapport-2024.`);
  if (!ID_PATTERN.test(slug))
    throw new EditorError(
      `--slug "${slug}" is not a valid file name: use lowercase a–z, digits and single hyphens, e.g. "${slugify(slug) || "arsrapport-2024"}".`,
    );
  if (slug.length > LIMITS.idLength)
    throw new EditorError(
      `--slug is ${slug.length} characters long; at most ${LIMITS.idLength}, as the site names files after it. Give a shorter one, e.g. --slug ${slugify(slug)}.`,
    );
  const file = path.join(contentDir, input.publisher, `${slug}.md`);
  if (existsSync(file)) {
    throw new EditorError(
      `content/${input.publisher}/${slug}.md already exists. Choose another title, or give the new document its own file name with --slug ${slug}-2.`,
    );
  }

  const words = PLACEHOLDER[language];
  const isPresentation = type === "presentation";
  const frontMatter = [
    stringify({ title }, { lineWidth: 0 }).trimEnd(),
    `type: ${type}`,
    `publisher: ${input.publisher}`,
    `date: ${parsedDate.data}`,
    `language: ${language}`,
    "topics: []   # topic ids from content/_registries/topics.yaml, e.g. [integrering, mangfold]",
    "# Optional fields: remove the # to use one. Every field is described in docs/front-matter-reference.md.",
    `# titleTranslations: { ${UI_LOCALES.filter((locale) => locale !== language)
      .map((locale) => `${locale}: Title in ${STRINGS.en[`lang.${locale}`] ?? locale}`)
      .join(", ")} }`,
    "# summary: One or two sentences about the document, in its own language.",
    "# event: The event where it was presented",
    "# people:",
    "#   - { name: Full Name, role: presenter, title: Job title }",
  ].join("\n");
  const body = isPresentation ? `## ${words.slide}\n\n${words.text}\n\n::: notes\n${words.notes}\n:::\n` : `## ${words.section}\n\n${words.text}\n`;
  return {
    file,
    text: `---\n${frontMatter}\n---\n\n${body}`,
    url: urlFor("nb", { kind: "document", publisher: input.publisher, slug }),
  };
}

/** Writes the planned file (making its folder); refuses to overwrite even if one appeared meanwhile. */
function writeNew(file: string, text: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text, { flag: "wx" });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === "EEXIST" && existsSync(file)) throw new EditorError(`${file} already exists; nothing was written.`);
    // A folder this user may not write, a read-only checkout, a full disk: said as a problem, not as a stack trace.
    if (code) throw new EditorError(`${file} could not be written (${message}). Check that you may write in ${path.dirname(file)} and that its disk has room.`);
    throw error;
  }
}

export function createDocument(input: NewDocumentInput): Planned {
  const planned = planDocument(input);
  writeNew(planned.file, planned.text);
  return planned;
}

export interface NewPublisherInput {
  root: string;
  id: string;
  /** Name per UI language. */
  names: Partial<Record<string, string>>;
  country: string;
  kind: string;
  parent?: string;
  /** The publisher a merged one became part of. */
  successor?: string;
  region?: string;
  website?: string;
}

export function planPublisher(input: NewPublisherInput): Planned {
  const contentDir = path.join(input.root, "content");
  const id = input.id.trim();
  if (!ID_PATTERN.test(id)) {
    throw new EditorError(
      `--id "${id}" is not a valid publisher id: use lowercase a–z, digits and single hyphens${slugify(id) ? `, e.g. --id ${slugify(id)}` : ""}. It becomes the folder name and the address /utgivere/<id>/.`,
    );
  }
  if (id === REGISTRY_DIR) throw new EditorError(`--id "${id}" is reserved.`);
  const file = path.join(contentDir, id, PUBLISHER_FILE);
  if (existsSync(file)) throw new EditorError(`content/${id}/${PUBLISHER_FILE} already exists: the publisher "${id}" is already there.`);
  const moved = movedPublisher(contentDir, id);
  if (moved)
    throw new EditorError(`${moved.why}, so its old addresses lead there. To make "${id}" a publisher of its own again, take it out of that movedFrom first.`);
  const missing = UI_LOCALES.filter((locale) => !input.names[locale]?.trim());
  if (missing.length) {
    throw new EditorError(`the publisher needs a name in every UI language; missing ${missing.map((locale) => `--name-${locale} "…"`).join(" and ")}.`);
  }
  const country = choose("country", "--country", input.country.toUpperCase(), COUNTRIES);
  // "län" is written lan in the file; any Nordic letters are spelled the way ids are.
  const kind = choose("publisher kind", "--kind", slugify(input.kind) || input.kind, PUBLISHER_KINDS);
  for (const [option, linked] of [
    ["--parent", input.parent],
    ["--successor", input.successor],
  ] as const) {
    if (linked === undefined) continue;
    if (linked === id) throw new EditorError(`${option} must be another publisher, not the new one itself.`);
    requirePublisher(contentDir, linked, option);
  }
  const publisher: Record<string, unknown> = {
    id,
    names: Object.fromEntries(UI_LOCALES.map((locale) => [locale, input.names[locale]!.trim()])),
    country,
    kind,
    ...(input.parent ? { parent: input.parent } : {}),
    ...(input.successor ? { successor: input.successor } : {}),
    ...(input.region?.trim() ? { region: input.region.trim() } : {}),
    ...(input.website?.trim() ? { website: input.website.trim() } : {}),
  };
  // The schema has the last word, so whatever it would reject is refused here. What is written is what was given:
  // the schema's defaults (an empty movedFrom) would only be noise in a new file.
  const result = publisherSchema.safeParse(publisher);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new EditorError(`${issue.path.join(".") || "publisher"}: ${issue.message}`);
  }
  const text = `# Publisher: see docs/front-matter-reference.md for every field.\n${stringify(publisher, { lineWidth: 0 })}`;
  return { file, text, url: urlFor("nb", { kind: "publisher", id }) };
}

export function createPublisher(input: NewPublisherInput): Planned {
  const planned = planPublisher(input);
  writeNew(planned.file, planned.text);
  return planned;
}

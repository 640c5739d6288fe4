/**
 * The content model: one zod schema per kind of file, and the TypeScript types
 * inferred from them. Nothing else in the code base declares these shapes.
 * See docs/content-model.md for the editor's view.
 */
import { z } from "zod";
import { CONTENT_LANGUAGES, UI_LOCALES } from "../i18n/locales.ts";

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const id = (what: string) =>
  z.string({ error: `must be a ${what} id (text)` }).regex(ID_PATTERN, {
    error: `must be a ${what} id: lowercase letters a–z, digits and single hyphens (e.g. "oslo-sagene")`,
  });

function isRealDate(year: number, month?: number, day?: number): boolean {
  if (month === undefined) return true;
  if (month < 1 || month > 12) return false;
  if (day === undefined) return true;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "YYYY", "YYYY-MM" or "YYYY-MM-DD"; a bare year written without quotes is a number in YAML. */
export const partialDate = z.preprocess(
  (value) => (typeof value === "number" && Number.isInteger(value) ? String(value) : value),
  z.string({ error: 'must be a date written "YYYY-MM-DD", "YYYY-MM" or "YYYY"' })
    .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, { error: 'must be a date written "YYYY-MM-DD", "YYYY-MM" or "YYYY"' })
    .refine((value) => {
      const [year, month, day] = value.split("-").map(Number);
      return isRealDate(year!, month, day);
    }, { error: "is not a real calendar date" }),
);
export type PartialDate = z.infer<typeof partialDate>;

/** A document's date: a partial date, or "unknown" when the source does not say. */
export const documentDate = z.union([z.literal("unknown"), partialDate], {
  error: 'must be a date ("YYYY-MM-DD", "YYYY-MM", "YYYY") or "unknown" when the source does not state it',
});

const text = z.string({ error: "must be text" }).trim().min(1, { error: "must not be empty" });

/** Text in every UI language (labels of registries, publisher names). */
export const localized = z.object(
  Object.fromEntries(UI_LOCALES.map((locale) => [locale, text])) as Record<(typeof UI_LOCALES)[number], typeof text>,
).strict();
export type Localized = z.infer<typeof localized>;

/** Text in some UI languages (optional translations). */
export const partialLocalized = localized.partial();

export const COUNTRIES = ["NO", "SE", "DK", "FI"] as const;
export const PUBLISHER_KINDS = ["kommune", "bydel", "fylkeskommune", "region", "kommun", "stadsdel", "lan", "kunta", "maakunta"] as const;
export const DOCUMENT_TYPES = ["presentation", "report", "strategy", "plan", "survey", "other"] as const;
export const PERSON_ROLES = ["presenter", "author", "contributor"] as const;
export const SOURCE_KINDS = ["transcript", "original", "manual"] as const;
export const INDICATOR_KINDS = ["count", "percent", "per-mille", "currency", "ratio", "fte"] as const;

export const publisherSchema = z.object({
  id: id("publisher"),
  names: localized,
  country: z.enum(COUNTRIES),
  kind: z.enum(PUBLISHER_KINDS),
  parent: id("publisher").optional(),
  region: text.optional(),
  website: z.url({ protocol: /^https?$/, error: "must be a web address starting with https://" }).optional(),
}).strict();
export type Publisher = z.infer<typeof publisherSchema>;

export const topicSchema = z.object({
  id: id("topic"),
  labels: localized,
  /** Extra words that should find this topic in search, per UI language. */
  keywords: z.record(z.enum(UI_LOCALES), z.array(text)).optional(),
}).strict();
export type Topic = z.infer<typeof topicSchema>;
export const topicRegistrySchema = z.array(topicSchema);

export const indicatorSchema = z.object({
  id: id("indicator"),
  labels: localized,
  unit: id("unit"),
  kind: z.enum(INDICATOR_KINDS),
  /** Only whole numbers make sense (people, dwellings). */
  integer: z.boolean().default(false),
}).strict();
export type Indicator = z.infer<typeof indicatorSchema>;
export const indicatorRegistrySchema = z.array(indicatorSchema);

const figureValue = z.union([
  z.number({ error: "must be a number (write 32000, not \"32 000\")" }),
  z.object({ min: z.number(), max: z.number() }).strict()
    .refine((range) => range.min <= range.max, { error: "min must not be greater than max" }),
], { error: "must be a number (write 32000, not \"32 000\") or a range { min, max }" });

export const keyFigureSchema = z.object({
  indicator: id("indicator"),
  /** Left out when the source lost the number (e.g. only its breakdown survives). */
  value: figureValue.optional(),
  unit: id("unit").optional(),
  refDate: partialDate.optional(),
  approximate: z.boolean().default(false),
  comparison: z.object({ value: z.number(), label: partialLocalized.refine((l) => Object.keys(l).length > 0, { error: "needs a label in at least one language" }) }).strict().optional(),
  breakdown: z.array(z.object({ label: text, value: z.number() }).strict()).optional(),
  slide: z.number().int().min(1).optional(),
  /** What the figure covers when narrower than the publisher, in the source's words. */
  scope: text.optional(),
}).strict().refine((figure) => figure.value !== undefined || (figure.breakdown?.length ?? 0) > 0, {
  error: "needs a value, or a breakdown when the source states only the parts. Never fill in a number the source does not state.",
  path: ["value"],
});
export type KeyFigure = z.infer<typeof keyFigureSchema>;

export const personSchema = z.object({
  name: text,
  role: z.enum(PERSON_ROLES).optional(),
  title: text.optional(),
}).strict();
export type Person = z.infer<typeof personSchema>;

export const documentSchema = z.object({
  title: text,
  titleTranslations: partialLocalized.optional(),
  type: z.enum(DOCUMENT_TYPES),
  publisher: id("publisher"),
  date: documentDate,
  language: z.enum(CONTENT_LANGUAGES),
  people: z.array(personSchema).default([]),
  event: text.optional(),
  topics: z.array(id("topic")).default([]),
  summary: text.optional(),
  runningHeader: text.optional(),
  keyFigures: z.array(keyFigureSchema).default([]),
  source: z.object({
    kind: z.enum(SOURCE_KINDS),
    url: z.url({ protocol: /^https?$/, error: "must be a web address starting with https://" }).optional(),
    retrieved: partialDate.optional(),
    note: text.optional(),
  }).strict().optional(),
  attachments: z.array(z.object({ file: text, title: text.optional() }).strict()).default([]),
}).strict();
export type DocumentMeta = z.infer<typeof documentSchema>;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

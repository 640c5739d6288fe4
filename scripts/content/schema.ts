/**
 * The content model: one zod schema per kind of file, and the TypeScript types
 * inferred from them. Nothing else in the code base declares these shapes.
 * See docs/content-model.md for the editor's view.
 * Every field carries .meta({ description, examples }): docs/front-matter-reference.md is
 * generated from them (`npm run docs`), and a test fails when a field has none or the file is stale.
 */
import { z } from "zod";
import { UI_LOCALES } from "../i18n/locales.ts";
import { latestYear, LIMITS } from "./limits.ts";

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A document's address, "<publisher>/<slug>": two ids joined by a slash (a moved document's `movedFrom`). */
const ADDRESS_PATTERN = new RegExp(`^${ID_PATTERN.source.slice(1, -1)}/${ID_PATTERN.source.slice(1, -1)}$`);
const id = (what: string) =>
  z
    .string({ error: `must be a ${what} id (text)` })
    .regex(ID_PATTERN, {
      error: `must be a ${what} id: lowercase letters a–z, digits and single hyphens (e.g. "oslo-sagene")`,
    })
    .max(LIMITS.idLength, {
      error: (issue) =>
        `is ${String(issue.input).length} characters long; a ${what} id may have at most ${LIMITS.idLength}, as files are named after it. Shorten it.`,
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
  z
    .string({ error: 'must be a date written "YYYY-MM-DD", "YYYY-MM" or "YYYY"' })
    .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, { error: 'must be a date written "YYYY-MM-DD", "YYYY-MM" or "YYYY"' })
    .refine(
      (value) => {
        const [year, month, day] = value.split("-").map(Number);
        return isRealDate(year!, month, day);
      },
      { error: "is not a real calendar date" },
    )
    .refine(
      (value) => {
        const year = Number(value.slice(0, 4));
        return year >= LIMITS.earliestYear && year <= latestYear();
      },
      { error: `has an implausible year: dates go from ${LIMITS.earliestYear} to next year. Check for a typo` },
    ),
);
export type PartialDate = z.infer<typeof partialDate>;

/** A document's date: a partial date, or "unknown" when the source does not say. */
export const documentDate = z.union([z.literal("unknown"), partialDate], {
  error: 'must be a date ("YYYY-MM-DD", "YYYY-MM", "YYYY") or "unknown" when the source does not state it',
});

const VISIBLE = /[^\p{White_Space}\p{Cf}]/u;
const boundedText = (max: number) =>
  z
    .string({ error: "must be text" })
    .trim()
    .min(1, { error: "must not be empty" })
    // trim() leaves zero-width spaces and joiners, a soft hyphen, a byte-order mark: text of them alone shows nothing.
    .refine((value) => value.length === 0 || VISIBLE.test(value), { error: "must not be empty: it holds only invisible characters" })
    .max(max, { error: `is longer than ${max} characters. Shorten it` });
const text = boundedText(LIMITS.textLength);
const titleText = boundedText(LIMITS.titleLength);
const longText = boundedText(LIMITS.longTextLength);
const changeNote = boundedText(LIMITS.changeNoteLength);
/** A list of at most LIMITS.listLength entries. */
const list = <T extends z.ZodType>(element: T) =>
  z.array(element).max(LIMITS.listLength, { error: `has more than ${LIMITS.listLength} entries. Keep the most important ones` });
/** A number within ±LIMITS.magnitude: a larger one is a typo, and breaks formatting and charts. */
const magnitude = (error: string) =>
  z.number({ error }).refine((value) => Math.abs(value) <= LIMITS.magnitude, {
    error: `is implausibly large: numbers go up to ${LIMITS.magnitude.toExponential()}. Check for a typo`,
  });

/** Text in every UI language (labels of registries, publisher names). */
export const localized = z.object(Object.fromEntries(UI_LOCALES.map((locale) => [locale, text])) as Record<(typeof UI_LOCALES)[number], typeof text>).strict();
export type Localized = z.infer<typeof localized>;

/** Text in some UI languages (optional translations). */
export const partialLocalized = localized.partial();

/** Optional translations of a text into UI languages ({ en: … }), as titleTranslations and labelTranslations take them. */
const translations = <T extends z.ZodType>(value: T) =>
  z
    .object(Object.fromEntries(UI_LOCALES.map((locale) => [locale, value.optional()])) as Record<(typeof UI_LOCALES)[number], z.ZodOptional<T>>)
    .strict()
    .optional();

export const COUNTRIES = ["NO", "SE", "DK", "FI"] as const;
export const PUBLISHER_KINDS = ["kommune", "bydel", "fylkeskommune", "region", "kommun", "stadsdel", "lan", "kunta", "maakunta"] as const;
export const DOCUMENT_TYPES = ["presentation", "report", "strategy", "plan", "survey", "other"] as const;
export const PERSON_ROLES = ["presenter", "author", "contributor"] as const;
export const SOURCE_KINDS = ["transcript", "original", "manual"] as const;
export const INDICATOR_KINDS = ["count", "percent", "per-mille", "currency", "ratio", "fte"] as const;

export const publisherSchema = z
  .object({
    id: id("publisher").meta({ description: "The publisher's id. It must be the same as the name of its folder under content/.", examples: ["oslo-sagene"] }),
    names: localized.meta({
      description: "The publisher's name in every UI language, as the site shows it.",
      examples: [{ nb: "Bydel Sagene", en: "Sagene district" }],
    }),
    country: z.enum(COUNTRIES).meta({ description: "The country the publisher is in.", examples: ["NO"] }),
    kind: z.enum(PUBLISHER_KINDS).meta({
      description:
        "What kind of body it is. Norway: kommune, bydel (city district), fylkeskommune, region; Sweden: kommun, stadsdel, lan (län); Finland: kunta, maakunta.",
      examples: ["bydel"],
    }),
    parent: id("publisher")
      .optional()
      .meta({
        description: "Id of the publisher this one belongs to (a district's city). Its documents are then listed on the parent's page too.",
        examples: ["oslo"],
      }),
    region: text.optional().meta({ description: "County or region; groups the list of publishers.", examples: ["Oslo"] }),
    successor: id("publisher")
      .optional()
      .meta({
        description:
          "Id of the publisher this one became part of: a municipality merged into a new one keeps its own folder and documents, and names the new one here. Its page then links there, the new one's page names it, and the new one's list of documents includes its documents.",
        examples: ["faerder"],
      }),
    website: z
      .url({ protocol: /^https?$/, error: "must be a web address starting with https://" })
      .optional()
      .meta({ description: "The publisher's own website.", examples: ["https://www.oslo.kommune.no/"] }),
    movedFrom: list(id("publisher"))
      .default([])
      .meta({
        description:
          'Ids this publisher had before its folder was renamed (an id written wrong, or the body renamed), whose folders are gone. At each, the site keeps the old publisher page (sending readers on), the old feed, and a page at each of its documents\' old addresses (<old id>/<file name>) unless a document lists that address itself. A merged municipality keeps its own folder: its documents were published by it (docs/content-model.md, "Moved publishers").',
        examples: [["sentrum"]],
      }),
  })
  .strict();
export type Publisher = z.infer<typeof publisherSchema>;

export const topicSchema = z
  .object({
    id: id("topic").meta({
      description: "The topic's id, used in a document's topics list. Keep it stable: renaming it breaks the documents that use it.",
      examples: ["likestilling"],
    }),
    labels: localized.meta({ description: "The topic's name in every UI language.", examples: [{ nb: "Likestilling", en: "Gender equality" }] }),
    /** Extra words that should find this topic in search, per UI language. */
    keywords: z
      .record(z.enum(UI_LOCALES), list(text))
      .optional()
      .meta({
        description: "Extra words, per UI language, that should find documents with this topic in search.",
        examples: [{ nb: ["likeverd", "kjønn"], en: ["equality"] }],
      }),
  })
  .strict();
export type Topic = z.infer<typeof topicSchema>;
export const topicRegistrySchema = z.array(topicSchema);

export const indicatorSchema = z
  .object({
    id: id("indicator").meta({ description: "The indicator's id, used in a document's keyFigures.", examples: ["inhabitants"] }),
    labels: localized.meta({ description: "The indicator's name in every UI language.", examples: [{ nb: "Innbyggere", en: "Inhabitants" }] }),
    unit: id("unit").meta({
      description:
        "What a value is counted in: persons, percent, fte, or a currency as its ISO 4217 code in lowercase (nok, sek). A key figure's unit must be the same.",
      examples: ["persons"],
    }),
    kind: z.enum(INDICATOR_KINDS).meta({
      description: "How values are checked and shown: count, percent (0–100), per-mille (0–1000), currency, ratio, fte (full-time equivalents).",
      examples: ["count"],
    }),
    /** Only whole numbers make sense (people, dwellings). */
    integer: z
      .boolean()
      .default(false)
      .meta({ description: "Only whole numbers are allowed (people, dwellings).", examples: [true] }),
    /** A value may be a range { min, max } ("20–30 %"); otherwise one number. */
    range: z
      .boolean()
      .default(false)
      .meta({ description: 'A value may be a range { min, max } ("20–30 %"); otherwise it is one number.', examples: [false] }),
    /** Smallest and largest allowed value; by default percent is 0–100, per-mille 0–1000, count and fte ≥ 0. */
    min: magnitude("must be a number")
      .optional()
      .meta({ description: "Smallest allowed value. By default percent and per-mille start at 0, and so do count and fte.", examples: [0] }),
    max: magnitude("must be a number")
      .optional()
      .meta({ description: "Largest allowed value. By default percent ends at 100 and per-mille at 1000.", examples: [100] }),
  })
  .strict()
  .refine((indicator) => indicator.min === undefined || indicator.max === undefined || indicator.min <= indicator.max, {
    error: "min must not be greater than max",
    path: ["min"],
  })
  .refine((indicator) => indicator.kind !== "currency" || /^[a-z]{3}$/.test(indicator.unit), {
    error: 'a currency is measured in its ISO 4217 code in lowercase, e.g. "nok" or "sek"',
    path: ["unit"],
  });
export type Indicator = z.infer<typeof indicatorSchema>;
export const indicatorRegistrySchema = z.array(indicatorSchema);

const figureValue = z.union(
  [
    magnitude('must be a number (write 32000, not "32 000")'),
    z
      .object({ min: magnitude("must be a number"), max: magnitude("must be a number") })
      .strict()
      .refine((range) => range.min <= range.max, { error: "min must not be greater than max" }),
  ],
  { error: 'must be a number (write 32000, not "32 000") or a range { min, max }' },
);

/** One part of a figure, e.g. a country among the largest immigrant groups. */
const breakdownRow = z
  .object(
    {
      label: text.optional().meta({ description: "What the part is, in the source's words.", examples: ["Polen"], required: true }),
      labelTranslations: translations(text).meta({
        description:
          "The label translated into UI languages, as titleTranslations does for the title. A page without its language's translation shows the label as the source has it, and says so.",
        examples: [{ en: "Poland" }],
      }),
      value: magnitude('must be a number (write 2292, not "2 292")').meta({ description: "The part's number.", examples: [2292] }),
    },
    { error: "must be a row written { label: …, value: … }" },
  )
  .strict()
  .refine((row) => row.label !== undefined, { error: "has no label. Every breakdown row names its part, e.g. { label: Polen, value: 2292 }." })
  .transform((row) => ({ label: row.label!, ...(row.labelTranslations ? { labelTranslations: row.labelTranslations } : {}), value: row.value }));

export const keyFigureSchema = z
  .object({
    indicator: id("indicator").meta({ description: "Indicator id from content/_registries/indicators.yaml.", examples: ["inhabitants"] }),
    /** Left out when the source lost the number (e.g. only its breakdown survives). */
    value: figureValue.optional().meta({
      description:
        'The number as the source states it (32000, not "32 000"), or a range { min, max }. Leave it out when the source lost the number; never fill one in.',
      examples: [32000],
    }),
    unit: id("unit")
      .optional()
      .meta({ description: "Unit of the value; may be left out. When given, it must be the indicator's unit.", examples: ["persons"] }),
    refDate: partialDate.optional().meta({
      description: 'The date the figure describes ("per 1.1.2011"), when the source states it. Not later than the document\'s date.',
      examples: ["2011-01-01"],
    }),
    approximate: z
      .boolean()
      .default(false)
      .meta({ description: 'true when the source says "ca.", "about" or "nærmere".', examples: [true] }),
    comparison: z
      .object({
        value: magnitude("must be a number").meta({ description: "The number compared with.", examples: [4] }),
        label: partialLocalized
          .refine((l) => Object.keys(l).length > 0, { error: "needs a label in at least one language" })
          .meta({ description: "What the comparison is, in at least one UI language.", examples: [{ nb: "Oslo-snitt", en: "Oslo average" }] }),
      })
      .strict()
      .optional()
      .meta({ description: "A value to compare with, such as the city average.", examples: [{ value: 4, label: { nb: "Oslo-snitt", en: "Oslo average" } }] }),
    breakdown: list(breakdownRow)
      .optional()
      .meta({ description: "Parts of the figure, e.g. the largest immigrant groups by country.", examples: [[{ label: "Polen", value: 2292 }]] }),
    slide: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: "Number of the slide the figure came from.", examples: [4] }),
    /** What the figure covers when narrower than the publisher, in the source's words. */
    scope: text
      .optional()
      .meta({ description: "What the figure covers when narrower than the publisher, in the source's words.", examples: ["Barne- og ungdomsavdelingen"] }),
  })
  .strict()
  .refine((figure) => figure.value !== undefined || (figure.breakdown?.length ?? 0) > 0, {
    error: "needs a value, or a breakdown when the source states only the parts. Never fill in a number the source does not state.",
  });
export type KeyFigure = z.infer<typeof keyFigureSchema>;

export const personSchema = z
  .object({
    name: text.meta({ description: "The person's name as the source gives it.", examples: ["Tone Marie Hølmebakk"] }),
    role: z
      .enum(PERSON_ROLES)
      .optional()
      .meta({ description: "What the person did.", examples: ["presenter"] }),
    title: text.optional().meta({ description: "Job title as the source states it.", examples: ["Rådgiver"] }),
  })
  .strict();
export type Person = z.infer<typeof personSchema>;

/**
 * A BCP 47 language tag (language, optional script, region or variants):
 * "nb", "sv", "de", "pl", "cs", "pt-BR", "sr-Latn". Checked by
 * Intl.getCanonicalLocales, which knows the grammar; the canonical form
 * ("pt-BR", not "pt-br") is what the file must say.
 */
export const bodyLanguage = z.string({ error: "must be a language code such as nb, sv or de" }).superRefine((code, ctx) => {
  // "no" is Norwegian without saying which written standard: the site needs nb or nn.
  if (code === "no" || code === "nor") {
    ctx.addIssue({ code: "custom", message: `"${code}" is not allowed. Did you mean "nb"? Norwegian is written nb (bokmål) or nn (nynorsk).` });
    return;
  }
  let canonical: string | undefined;
  try {
    canonical = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(code) ? Intl.getCanonicalLocales(code)[0] : undefined;
  } catch {
    canonical = undefined;
  }
  if (canonical !== code) {
    ctx.addIssue({
      code: "custom",
      message: `must be a BCP 47 language code in its canonical form, e.g. "nb", "sv", "de" or "pt-BR"${canonical ? ` (write "${canonical}")` : ""}`,
    });
  }
});

/**
 * Free text an editor writes about a document (a source note, a change note), in one of three forms:
 * plain text, in the document's language; `{ text, lang }`, text in another language, which the page
 * marks up with its lang; or text per UI language (`{ nb: …, en: … }`), each page showing its own
 * language's text, else another one, marked up with its lang.
 */
const freeText = (base: typeof text) =>
  z.union(
    [
      base,
      z
        .object({
          text: base.optional(),
          lang: bodyLanguage.optional(),
          ...(Object.fromEntries(UI_LOCALES.map((locale) => [locale, base.optional()])) as Record<(typeof UI_LOCALES)[number], z.ZodOptional<typeof base>>),
        })
        .strict()
        .superRefine((value, ctx) => {
          const perLocale = UI_LOCALES.filter((locale) => value[locale] !== undefined);
          if (value.text !== undefined && perLocale.length) {
            ctx.addIssue({ code: "custom", message: `has both text and ${perLocale.join(", ")}: write either { text: …, lang: … } or one text per language.` });
          } else if (value.text !== undefined && value.lang === undefined) {
            ctx.addIssue({
              code: "custom",
              message: "has text but no lang: add the language it is written in, e.g. lang: en (or write plain text in the document's language).",
            });
          } else if (value.text === undefined && value.lang !== undefined) {
            ctx.addIssue({ code: "custom", message: "has lang but no text: add text: …" });
          } else if (value.text === undefined && !perLocale.length) {
            ctx.addIssue({ code: "custom", message: `has no text: write { text: …, lang: … }, or one text per language (${UI_LOCALES.join(", ")}).` });
          }
        }),
    ],
    { error: `must be text, { text: …, lang: … } or one text per language ({ ${UI_LOCALES.map((locale) => `${locale}: …`).join(", ")} })` },
  );
export type FreeText = string | ({ text?: string; lang?: string } & Partial<Record<(typeof UI_LOCALES)[number], string>>);

export const documentSchema = z
  .object({
    title: titleText.meta({
      description: "The title in the document's own language, as the source gives it.",
      examples: ["Internasjonal satsing i Bydel Sagene"],
    }),
    titleTranslations: z
      .object(
        Object.fromEntries(UI_LOCALES.map((locale) => [locale, titleText.optional()])) as Record<(typeof UI_LOCALES)[number], z.ZodOptional<typeof titleText>>,
      )
      .strict()
      .optional()
      .meta({
        description: "The title translated into UI languages; each language's pages show its translation.",
        examples: [{ en: "International work in Bydel Sagene" }],
      }),
    type: z.enum(DOCUMENT_TYPES).meta({
      description: "What kind of document it is. In a presentation each ## heading is a slide (#slide-N); other types have sections (#section-N).",
      examples: ["presentation"],
    }),
    publisher: id("publisher").meta({ description: "Id of the publisher: the folder under content/ the file is in.", examples: ["oslo-sagene"] }),
    date: documentDate.meta({
      description:
        "When the document was presented or published: YYYY-MM-DD, YYYY-MM or YYYY, as precisely as the source says; unknown when it does not say. Never guess.",
      examples: ["2009-09-09"],
    }),
    language: bodyLanguage.meta({
      description: "The language the body is written in: any BCP 47 code (nb, nn, sv, da, en, de, pl, cs …). The site's own texts stay nb/en.",
      examples: ["nb"],
    }),
    people: list(personSchema)
      .default([])
      .meta({ description: "Presenters and authors.", examples: [[{ name: "Tone Marie Hølmebakk", role: "presenter", title: "Rådgiver" }]] }),
    event: text.optional().meta({ description: "The event where the document was presented.", examples: ["KS' internasjonale nettverk"] }),
    topics: list(id("topic"))
      .default([])
      .meta({ description: "Topic ids from content/_registries/topics.yaml.", examples: [["internasjonalt-samarbeid", "integrering"]] }),
    summary: longText.optional().meta({
      description: "A short summary, in the body's language. Shown on the page and in search results.",
      examples: ["Hvordan bydelen arbeider med EU-prosjekter."],
    }),
    runningHeader: text.optional().meta({
      description: "A tagline the source repeats on every slide; written once here instead of on each slide.",
      examples: ["Oslo kommune Bydel Sagene"],
    }),
    keyFigures: list(keyFigureSchema)
      .default([])
      .meta({
        description: "Key figures the document states; see the key figure fields below.",
        examples: [[{ indicator: "inhabitants", value: 32000, refDate: "2009", slide: 2 }]],
      }),
    source: z
      .object({
        kind: z.enum(SOURCE_KINDS).meta({
          description: "transcript: text from a slide-hosting site; original: the original file; manual: typed in by hand.",
          examples: ["transcript"],
        }),
        url: z
          .url({ protocol: /^https?$/, error: "must be a web address starting with https://" })
          .optional()
          .meta({ description: "Where the source was found.", examples: ["https://www.example.org/sagene.pptx"] }),
        retrieved: partialDate.optional().meta({ description: "When the source was retrieved.", examples: ["2026-11-01"] }),
        note: freeText(longText)
          .optional()
          .meta({
            description:
              "Free text about the source, e.g. what a transcript lost. Plain text is taken to be in the document's language; write { text: …, lang: en } for another language, or one text per UI language ({ nb: …, en: … }).",
            examples: [{ nb: "Utskriften mistet tallene på lysbilde 4.", en: "The transcript lost the numbers on slide 4." }],
          }),
      })
      .strict()
      .optional()
      .meta({ description: "Where the text came from.", examples: [{ kind: "transcript", retrieved: "2026-11-01" }] }),
    changes: list(
      z
        .object({
          date: partialDate.meta({
            description: "When the change was published: YYYY-MM-DD (or YYYY-MM, YYYY). Not before the document's date.",
            examples: ["2026-11-20"],
          }),
          note: freeText(changeNote).meta({
            description: `What changed, for readers, in one or two sentences (at most ${LIMITS.changeNoteLength} characters): plain text in the document's language, { text: …, lang: … }, or one text per UI language.`,
            examples: ["Corrected the number of employees on slide 2."],
          }),
        })
        .strict(),
    )
      .default([])
      .meta({
        description:
          "Public notes on corrections and updates after publication. The page lists them with the dates from git; the feeds announce them as updates.",
        examples: [[{ date: "2026-11-20", note: "Corrected the number of employees on slide 2." }]],
      }),
    movedFrom: list(
      z
        .string({ error: 'must be an earlier address written "<publisher>/<slug>" (text)' })
        .max(2 * LIMITS.idLength + 1, { error: `is longer than an address can be (${2 * LIMITS.idLength + 1} characters)` })
        .regex(ADDRESS_PATTERN, {
          error: 'must be an earlier address written "<publisher>/<slug>": the folder and the file name (without .md) it had, e.g. "oslo/integrering-2009"',
        }),
    )
      .default([])
      .meta({
        description:
          "Addresses the document had before its file was renamed or moved to another publisher's folder: each the folder and the file name it had, without .md, joined by a slash (see the example). The site keeps a page at each old address, and at its embed view, that sends readers on to the document, so links and citations to it keep working.",
        examples: [["oslo/internasjonal-satsing"]],
      }),
    attachments: list(
      z
        .object({
          file: text.meta({ description: "File name, relative to the document.", examples: ["sagene.pptx"] }),
          title: text.optional().meta({ description: "What the file is.", examples: ["Original presentation"] }),
        })
        .strict(),
    )
      .default([])
      .meta({
        description: "Original files (e.g. the .pptx), placed next to the document.",
        examples: [[{ file: "sagene.pptx", title: "Original presentation" }]],
      }),
  })
  .strict()
  .superRefine((meta, ctx) => {
    if (meta.date === "unknown") return;
    meta.changes.forEach((change, index) => {
      // Compared at the precision both dates share: a change in "2011" is not before "2011-05-01".
      const shared = Math.min(change.date.length, meta.date.length);
      if (change.date.slice(0, shared) < meta.date.slice(0, shared)) {
        ctx.addIssue({
          code: "custom",
          path: ["changes", index, "date"],
          message: `${change.date} is before the document's date ${meta.date}. A change is dated when it was published, after the document.`,
        });
      }
    });
  });
export type DocumentMeta = z.infer<typeof documentSchema>;
export type DocumentChange = DocumentMeta["changes"][number];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

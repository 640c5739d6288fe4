import path from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { z } from "zod";
import { UI_LOCALES } from "../i18n/locales.ts";
import { documentSchema, ID_PATTERN, indicatorSchema, publisherSchema, topicSchema } from "../content/schema.ts";
import { renderLimits } from "../content/limits.ts";

type AnySchema = z.core.$ZodType;
interface Def {
  type: string;
  innerType?: AnySchema;
  defaultValue?: unknown;
  element?: AnySchema;
  shape?: Record<string, AnySchema>;
  options?: AnySchema[];
  in?: AnySchema;
  out?: AnySchema;
  entries?: Record<string, string | number>;
  values?: unknown[];
  keyType?: AnySchema;
  valueType?: AnySchema;
  format?: string;
  checks?: Array<{ _zod: { def: { check: string; format?: string; pattern?: RegExp; value?: number; inclusive?: boolean; minimum?: number } } }>;
}

const packageRoot = fileURLToPath(new URL("../../", import.meta.url));
export const REFERENCE_FILE = path.join(packageRoot, "docs", "front-matter-reference.md");

const DATE_PATTERN = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

export interface FieldRow {
  /** Dotted path; `[]` marks each item of a list (`people[].name`). */
  path: string;
  type: string;
  required: boolean;
  /** Allowed values of an enumeration, or [] when any value of the type goes. */
  allowed: string[];
  /** The value used when the field is left out, as YAML. */
  defaultValue?: string;
  description: string;
  /** Example as it is written in YAML. */
  example?: string;
  /** The example as a value, and the field's schema (tests check that every example is valid). */
  exampleValue?: unknown;
  schema: AnySchema;
}

const def = (schema: AnySchema): Def => schema._zod.def as unknown as Def;
/**
 * `.meta()` of a field: description, examples, and `required: true` for a field the schema
 * leaves optional only to give a clearer message of its own when it is missing.
 */
interface FieldMeta {
  description?: string;
  examples?: unknown[];
  required?: boolean;
}
const meta = (schema: AnySchema): FieldMeta | undefined => z.globalRegistry.get(schema as z.ZodType) as FieldMeta | undefined;

/** Strips wrappers that do not change what an editor writes (optional, default, preprocess, transform). */
function unwrap(schema: AnySchema): { inner: AnySchema; optional: boolean; defaultValue?: unknown; layers: AnySchema[] } {
  let current = schema;
  let optional = false;
  let defaultValue: unknown;
  const layers: AnySchema[] = [schema];
  for (;;) {
    const d = def(current);
    if (d.type === "optional" || d.type === "default" || d.type === "prefault" || d.type === "nullable") {
      optional ||= d.type !== "nullable";
      if (d.type === "default") defaultValue = d.defaultValue;
      current = d.innerType!;
    } else if (d.type === "pipe") {
      // z.preprocess(fn, schema) reads as the schema; schema.transform(fn) reads as the schema before it.
      current = def(d.in!).type === "transform" ? d.out! : d.in!;
    } else {
      return { inner: current, optional, defaultValue, layers };
    }
    layers.push(current);
  }
}

function isLocalized(d: Def): "all" | "some" | undefined {
  if (d.type !== "object" || !d.shape) return undefined;
  const keys = Object.keys(d.shape);
  if (keys.length !== UI_LOCALES.length || !UI_LOCALES.every((locale) => keys.includes(locale))) return undefined;
  return keys.every((key) => unwrap(d.shape![key]!).optional) ? "some" : "all";
}

/** A short, editor-facing name for what a value must be. */
export function typeName(schema: AnySchema): string {
  const { inner } = unwrap(schema);
  const d = def(inner);
  switch (d.type) {
    case "string": {
      if (d.format === "url") return "web address (https://…)";
      const patterns = (d.checks ?? []).map((check) => check._zod.def.pattern?.source).filter(Boolean);
      if (patterns.includes(ID_PATTERN.source)) return "id (a–z, 0–9, hyphens)";
      if (patterns.includes(DATE_PATTERN.source)) return "date (YYYY-MM-DD, YYYY-MM or YYYY)";
      return "text";
    }
    case "number": {
      const checks = (d.checks ?? []).map((check) => check._zod.def);
      const whole = checks.some((check) => check.format === "safeint" || check.format === "int32");
      const min = checks.find((check) => check.check === "greater_than");
      return `${whole ? "whole number" : "number"}${min ? ` ${min.inclusive ? "≥" : ">"} ${min.value}` : ""}`;
    }
    case "boolean":
      return "true or false";
    case "enum":
      return "one of the allowed values";
    case "literal":
      return (d.values ?? []).map((value) => `\`${String(value)}\``).join(" or ");
    case "union":
      return (d.options ?? []).map(typeName).join(", or ");
    case "array":
      return `list of: ${typeName(d.element!)}`;
    case "record":
      return `per ${allowedValues(d.keyType!).join("/")}: ${typeName(d.valueType!)}`;
    case "object": {
      const localized = isLocalized(d);
      if (localized === "all") return `text in every UI language (${UI_LOCALES.join(", ")})`;
      if (localized === "some") return `text in one or more UI languages (${UI_LOCALES.join(", ")})`;
      return `{ ${Object.keys(d.shape ?? {}).join(", ")} }`;
    }
    default:
      return d.type;
  }
}

/** Values an enumeration (or a union of literals, or a list of either) allows. */
function allowedValues(schema: AnySchema): string[] {
  const { inner } = unwrap(schema);
  const d = def(inner);
  if (d.type === "enum") return Object.values(d.entries ?? {}).map(String);
  if (d.type === "literal") return (d.values ?? []).map(String);
  if (d.type === "array") return allowedValues(d.element!);
  if (d.type === "union") return (d.options ?? []).flatMap(allowedValues);
  return [];
}

function yamlInline(value: unknown): string {
  return stringify(value, { collectionStyle: "flow", lineWidth: 0 }).trim();
}

/** Every field of an object schema, with nested objects and lists of objects flattened into dotted paths. */
export function describeFields(schema: AnySchema, prefix = ""): FieldRow[] {
  const d = def(unwrap(schema).inner);
  if (d.type !== "object" || !d.shape) throw new Error(`describeFields needs an object schema, got ${d.type}`);
  const rows: FieldRow[] = [];
  for (const [key, field] of Object.entries(d.shape)) {
    const { inner, optional, defaultValue, layers } = unwrap(field);
    const info: FieldMeta = layers.map(meta).find((m) => m?.description) ?? {};
    const fieldPath = `${prefix}${key}`;
    rows.push({
      path: fieldPath,
      type: typeName(field),
      required: !optional || info.required === true,
      allowed: allowedValues(field),
      ...(defaultValue !== undefined ? { defaultValue: yamlInline(defaultValue) } : {}),
      description: info.description ?? "",
      ...(info.examples?.length ? { example: yamlInline(info.examples[0]), exampleValue: info.examples[0] } : {}),
      schema: field,
    });
    // Nested structures are listed field by field, except the small per-language objects.
    const innerDef = def(inner);
    if (innerDef.type === "object" && !isLocalized(innerDef)) rows.push(...describeFields(inner, `${fieldPath}.`));
    if (innerDef.type === "array") {
      const element = def(unwrap(innerDef.element!).inner);
      if (element.type === "object" && !isLocalized(element)) rows.push(...describeFields(innerDef.element!, `${fieldPath}[].`));
    }
  }
  return rows;
}

export interface ReferenceSection {
  title: string;
  file: string;
  intro: string;
  schema: AnySchema;
}

export const SECTIONS: ReferenceSection[] = [
  {
    title: "Document",
    file: "content/<publisher>/<slug>.md",
    intro: "YAML front-matter between two `---` lines at the top of each document, followed by the Markdown body.",
    schema: documentSchema,
  },
  {
    title: "Publisher",
    file: "content/<id>/_publisher.yaml",
    intro: "One file per publisher folder. The folder name is the publisher id.",
    schema: publisherSchema,
  },
  {
    title: "Topic",
    file: "content/_registries/topics.yaml",
    intro: "A YAML list; each entry (`- id: …`) has these fields.",
    schema: topicSchema,
  },
  {
    title: "Indicator",
    file: "content/_registries/indicators.yaml",
    intro: "A YAML list of key-figure indicators; each entry has these fields.",
    schema: indicatorSchema,
  },
];

/** Fields whose schema has no description: the reference would have a hole. */
export function missingDescriptions(sections = SECTIONS): string[] {
  return sections.flatMap((section) =>
    describeFields(section.schema)
      .filter((row) => !row.description)
      .map((row) => `${section.title}: ${row.path}`),
  );
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}
function code(text: string): string {
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}

export function renderReference(sections = SECTIONS): string {
  const lines = [
    "# Front-matter reference",
    "",
    "<!-- Generated by `npm run docs` from the zod schemas in scripts/content/schema.ts. Do not edit by hand: a test fails when this file is out of date. -->",
    "",
    "Generated from the schemas that `npm run check` validates against, so it always matches what the check accepts.",
    "A field that is not listed is an error (the check suggests the closest allowed name).",
    "`[]` in a field name means each item of a list: `people[].name` is the `name` of every entry under `people`.",
    "",
  ];
  for (const section of sections) {
    lines.push(`## ${section.title} (\`${section.file}\`)`, "", section.intro, "");
    lines.push("| field | type | required | allowed values | description | example |", "| --- | --- | --- | --- | --- | --- |");
    for (const row of describeFields(section.schema)) {
      const required = row.required ? "yes" : row.defaultValue !== undefined ? `no (default ${code(row.defaultValue)})` : "no";
      const allowed = row.allowed.map(code).join(", ");
      lines.push(`| ${[code(row.path), row.type, required, allowed, row.description, row.example ? code(row.example) : ""].map(cell).join(" | ")} |`);
    }
    lines.push("");
  }
  lines.push(renderLimits());
  return `${lines.join("\n").trimEnd()}\n`;
}

/**
 * Turns schema failures into editor-facing problems: file, line, column,
 * field path, a message in plain words, and a "did you mean" where it helps.
 */
import type { z } from "zod";
import { didYouMean, type Problem } from "./problems.ts";
import type { YamlSource } from "./yaml-source.ts";

type AnySchema = z.core.$ZodType;

/** The field names an object schema allows at a path, for "did you mean" on unknown keys. */
function allowedKeysAt(schema: AnySchema, path: ReadonlyArray<PropertyKey>): string[] {
  let current: AnySchema | undefined = schema;
  const unwrap = (s: AnySchema | undefined): AnySchema | undefined => {
    while (s) {
      const def = s._zod.def as { type: string; innerType?: AnySchema; out?: AnySchema; in?: AnySchema; options?: AnySchema[] };
      if (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault") s = def.innerType;
      else if (def.type === "pipe") s = def.out?._zod.def.type === "transform" ? def.in : def.out;
      // Text or an object (free text): the keys are the object's.
      else if (def.type === "union") s = def.options?.find((option) => option._zod.def.type === "object");
      else return s;
    }
    return s;
  };
  for (const key of path) {
    current = unwrap(current);
    const def = current?._zod.def as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema } | undefined;
    if (def?.type === "object" && typeof key === "string") current = def.shape?.[key];
    else if (def?.type === "array") current = def.element;
    else return [];
  }
  const def = unwrap(current)?._zod.def as { type: string; shape?: Record<string, AnySchema> } | undefined;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

export function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join(".");
}

/**
 * A value a message can quote. A list or a mapping is named instead: String() of a YAML mapping with a key
 * "toString" or "valueOf" throws (the fuzzer found `type:` written as such a mapping), and it says nothing anyway.
 */
function isScalar(value: unknown): value is string | number | boolean | bigint | null {
  return value === null || (typeof value !== "object" && typeof value !== "function" && typeof value !== "symbol");
}

/** An editor wrote one value (or one entry) where a list belongs, the most likely slip in a list field. */
function notAList(path: ReadonlyArray<PropertyKey>, value: unknown, entryFields: readonly string[]): string {
  const name = String(path.at(-1) ?? "");
  if (entryFields.length && isScalar(value))
    return `is one value, not a list of entries with fields (${entryFields.join(", ")}). Write each entry on lines of its own, the first starting with "- ", e.g. "- ${entryFields[0]}: ${String(value)}" on the line below ${name}:.`;
  if (entryFields.length) return `is one entry, not a list of entries. Make it a list: put "- " before its first field, or [ ] around it.`;
  if (isScalar(value)) return `is one value, not a list. Write it as a list: ${name}: [${String(value)}]`;
  return `is a group of fields, not a list. Write it as a list: ${name}: [a, b]`;
}

export function schemaProblems(file: string, schema: AnySchema, issues: ReadonlyArray<z.core.$ZodIssue>, source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeysAt(schema, path);
      for (const key of issue.keys) {
        problems.push({
          file,
          ...source.locateKey(path, key),
          field: fieldName([...path, key]),
          severity: "error",
          message: `unknown field "${key}".${didYouMean(key, allowed)} Allowed here: ${allowed.join(", ")}.`,
        });
      }
      continue;
    }
    const where = source.locate(path);
    const value = valueAt(source.value, path);
    let message = issue.message;
    if (!where.exists && value === undefined) {
      message = "is required but missing. Add it.";
    } else if (issue.code === "invalid_value" && "values" in issue) {
      const allowed = issue.values.map(String);
      message = isScalar(value)
        ? `"${String(value)}" is not allowed.${didYouMean(String(value), allowed)} Use one of: ${allowed.join(", ")}.`
        : `is ${Array.isArray(value) ? "a list" : "a group of fields"}, not one value. Use one of: ${allowed.join(", ")}.`;
    } else if (issue.code === "invalid_type" && typeof value === "string" && issue.expected === "number") {
      message = `${issue.message}; got the text "${value}"`;
    } else if (issue.code === "invalid_type" && issue.expected === "array" && value !== null && value !== undefined) {
      message = notAList(path, value, allowedKeysAt(schema, [...path, 0]));
    } else if (issue.code === "invalid_type" && issue.expected === "object" && Array.isArray(value)) {
      const keys = allowedKeysAt(schema, path);
      message = `is a list, not one group of fields. Remove the "- " in front of its fields${keys.length ? ` (${keys.join(", ")})` : ""}.`;
    }
    problems.push({ file, line: where.line, col: where.col, field: fieldName(path), severity: "error", message });
  }
  return problems;
}

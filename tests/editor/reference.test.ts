import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { keyFigureSchema } from "../../scripts/content/schema.ts";
import { describeFields, missingDescriptions, REFERENCE_FILE, renderReference, SECTIONS } from "../../scripts/docs/reference.ts";

describe("the front-matter reference generated from the schemas", () => {
  it("is committed up to date (run `npm run docs` after changing scripts/content/schema.ts)", () => {
    expect(readFileSync(REFERENCE_FILE, "utf8")).toBe(renderReference());
  });

  it("has a description for every field of every schema", () => {
    expect(missingDescriptions()).toEqual([]);
  });

  it("shows only examples that the schema accepts", () => {
    for (const section of SECTIONS) {
      for (const row of describeFields(section.schema)) {
        expect(row.exampleValue, `${section.title}: ${row.path} has no example`).not.toBeUndefined();
        const result = z.safeParse(row.schema as z.ZodType, row.exampleValue);
        expect(result.success, `${section.title}: example of ${row.path} is invalid: ${JSON.stringify(row.exampleValue)}`).toBe(true);
      }
    }
  });

  it("lists type, required, default, allowed values, description and example, walking nested objects and lists", () => {
    const schema = z.object({
      name: z.string().meta({ description: "The name.", examples: ["Oslo"] }),
      kind: z
        .enum(["a", "b"])
        .optional()
        .meta({ description: "The kind.", examples: ["a"] }),
      count: z
        .number()
        .int()
        .min(1)
        .default(1)
        .meta({ description: "How many.", examples: [2] }),
      when: z.union([z.literal("unknown"), z.string()]).meta({ description: "When." }),
      rows: z.array(z.object({ label: z.string().meta({ description: "A label." }) })).meta({ description: "Rows." }),
      nested: z
        .object({ flag: z.boolean().meta({ description: "A flag." }) })
        .optional()
        .meta({ description: "Nested." }),
      hole: z.string().optional(),
    });
    const rows = describeFields(schema).map(({ schema: _schema, exampleValue: _value, ...row }) => row);
    expect(rows).toEqual([
      { path: "name", type: "text", required: true, allowed: [], description: "The name.", example: "Oslo" },
      { path: "kind", type: "one of the allowed values", required: false, allowed: ["a", "b"], description: "The kind.", example: "a" },
      { path: "count", type: "whole number ≥ 1", required: false, allowed: [], defaultValue: "1", description: "How many.", example: "2" },
      { path: "when", type: "`unknown`, or text", required: true, allowed: ["unknown"], description: "When." },
      { path: "rows", type: "list of: { label }", required: true, allowed: [], description: "Rows." },
      { path: "rows[].label", type: "text", required: true, allowed: [], description: "A label." },
      { path: "nested", type: "{ flag }", required: false, allowed: [], description: "Nested." },
      { path: "nested.flag", type: "true or false", required: true, allowed: [], description: "A flag." },
      { path: "hole", type: "text", required: false, allowed: [], description: "" },
    ]);
    expect(missingDescriptions([{ title: "Toy", file: "toy.yaml", intro: "", schema }])).toEqual(["Toy: hole"]);
  });

  it("renders a table per file kind, with enum values and escaped cells", () => {
    const text = renderReference();
    expect(text).toContain("## Document (`content/<publisher>/<slug>.md`)");
    expect(text).toContain("## Publisher (`content/<id>/_publisher.yaml`)");
    expect(text).toContain("## Topic (`content/_registries/topics.yaml`)");
    expect(text).toContain("## Indicator (`content/_registries/indicators.yaml`)");
    expect(text).toMatch(/\| `type` \| one of the allowed values \| yes \| `presentation`, `report`, `strategy`, `plan`, `survey`, `other` \|/);
    expect(text).toMatch(/\| `people` \| list of: \{ name, role, title \} \| no \(default `\[\]`\) \|/);
    const toy = renderReference([{ title: "Toy", file: "toy.yaml", intro: "Toy.", schema: z.object({ a: z.string().meta({ description: "x | y" }) }) }]);
    expect(toy).toContain("| `a` | text | yes |  | x \\| y |  |");
  });

  it("marks a field required when the schema checks its presence by a rule of its own", () => {
    const breakdown = describeFields(keyFigureSchema).find((row) => row.path === "breakdown[].label");
    expect(breakdown?.required).toBe(true);
    expect(keyFigureSchema.safeParse({ indicator: "inhabitants", breakdown: [{ value: 3 }] }).success).toBe(false);
  });
});

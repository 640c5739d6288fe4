import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeText, splitFrontMatter } from "../../scripts/content/front-matter.ts";
import { parsePositioned, parseYamlSource } from "../../scripts/content/yaml-source.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every YAML text the repository holds: registries, publishers and each document's front-matter. */
function repositoryYaml(): Array<{ file: string; text: string }> {
  const texts: Array<{ file: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".yaml")) texts.push({ file: full, text: normalizeText(readFileSync(full, "utf8")) });
      else if (name.endsWith(".md")) {
        try {
          texts.push({ file: full, text: splitFrontMatter(normalizeText(readFileSync(full, "utf8"))).frontMatter });
        } catch {
          // A file without front-matter has no YAML to compare.
        }
      }
    }
  };
  walk(path.join(ROOT, "content"));
  walk(path.join(ROOT, "tests/fixtures/site-basic/content"));
  return texts;
}

// Plain scalars where YAML 1.1, js-yaml's own core schema and YAML 1.2 disagree, plus
// every other shape front-matter uses; the fast path must read each as `yaml` does.
const TRICKY = [
  "a: 0b101",
  "a: -0x1F",
  "a: 0x1F",
  "a: 0o17",
  "a: +12",
  "a: -12",
  "a: 1_000",
  "a: 0777",
  "a: 007",
  "a: 1.",
  "a: .5",
  "a: 1.0",
  "a: 1e3",
  "a: 1E-3",
  "a: 12e",
  "a: -.inf",
  "a: .Inf",
  "a: .NaN",
  "a: .",
  "a: yes",
  "a: no",
  "a: on",
  "a: off",
  "a: y",
  "a: TRUE",
  "a: True",
  "a: tRue",
  "a: ~",
  "a:",
  "a: Null",
  "a: NULL",
  "a: nULL",
  "a: 2024-01-01",
  "a: 2024-01-01T10:00:00Z",
  "a: 12:30",
  "a: 1:2",
  "a: '1'",
  'a: "true"',
  "a: 'it''s'",
  'a: "\\u00e6"',
  "a: |\n  x\n  y\n",
  "a: >\n  x\n  y\n",
  "a: |-\n  x\n",
  "a: x\n  y",
  "- a\n- b",
  "1: a",
  "a: [1, b, 'c', 2.5, null]",
  "a: {x: 1, y: [true]}",
  "# only a comment",
  "",
  "a: b # comment",
  "a: b#c",
  "a: 'x' # c",
  "a: Helse & omsorg?",
  "title: Hva nå? Mer!",
  "a: 10 %",
  "a: 5 * 3",
  "a: 'Null: b'",
  "- id: x\n  labels: { nb: X, en: Y }",
  "a:\n- b\n c",
  "a: b\n  - c",
  "- a\n  b",
  "{a: 1}: b",
  "[a, b]: c",
  "a: {[x]: 1}",
  "null: a",
  "~: a",
  "true: a",
  "1.5: a",
  ".inf: a",
  "0x10: a",
  "0b1: a",
  "-0: a",
  "a: -0",
  "a:\n  null: 1",
  "{null: a}",
];

// Text `yaml` refuses; the fast path must leave every one of them to `yaml` so the wording stays.
const BROKEN = [
  "a: b: c",
  "a: -",
  "a:\n  - b\n  c: d",
  "a: [b]c",
  "a:\tb\n\tc: d",
  "a: 'unclosed",
  "a: [1, 2",
  "a: 1\na: 2",
  "a: }",
  "- a\nb: c",
  "x:\n  1: a\n  01: b",
  "x:\n  1: a\n  0x1: b",
  'a: "x"y',
  "key with\nnewline: 1",
  "a: @x",
  "a: `x`",
];

describe("parseYamlSource", () => {
  it("reads a clean file without the positioned parse, and positions it exactly when asked", () => {
    const text = "title: Strategi\ntopics:\n  - likestilling\n  - helse\nkeyFigures:\n  - indicator: innbyggere\n    value: 1200\n";
    const source = parseYamlSource(text, 2);
    expect(source.errors).toEqual([]);
    expect(source.value).toEqual({ title: "Strategi", topics: ["likestilling", "helse"], keyFigures: [{ indicator: "innbyggere", value: 1200 }] });
    expect(source.positioned).toBe(false);

    expect(source.locate(["topics", 1])).toEqual({ line: 5, col: 5, exists: true });
    expect(source.positioned).toBe(true);
    expect(source.locate(["keyFigures", 0, "value"])).toEqual({ line: 8, col: 12, exists: true });
    expect(source.locate(["keyFigures", 0, "unit"])).toEqual({ line: 7, col: 5, exists: false });
    expect(source.locateKey(["keyFigures", 0], "value")).toEqual({ line: 8, col: 5 });
  });

  it("positions a syntax error exactly as the positioned parse does", () => {
    const text = "title: Strategi\ntopics: [likestilling\n";
    const source = parseYamlSource(text, 2);
    expect(source.positioned).toBe(true);
    expect(source.value).toBeUndefined();
    expect(source.errors.length).toBeGreaterThan(0);
    expect(source.errors[0]).toMatchObject({ line: 4 });
    expect(source.errors).toEqual(parsePositioned(text, 2).errors);
  });

  it("leaves anchors and aliases to the positioned parse (it limits their expansion)", () => {
    const source = parseYamlSource("a: &x [1, 2]\nb: *x\n");
    expect(source.positioned).toBe(true);
    expect(source.value).toEqual({ a: [1, 2], b: [1, 2] });
  });

  it.each(TRICKY)("reads %j as the positioned parse does", (text) => {
    const fast = parseYamlSource(text);
    const full = parsePositioned(text);
    expect(fast.errors).toEqual(full.errors);
    expect(full.errors).toEqual([]);
    expect(fast.value).toEqual(full.value);
  });

  it.each(BROKEN)("reports %j with the positioned parse's own errors", (text) => {
    const fast = parseYamlSource(text, 2);
    const full = parsePositioned(text, 2);
    expect(full.errors.length).toBeGreaterThan(0);
    expect(fast.positioned).toBe(true);
    expect(fast.errors).toEqual(full.errors);
    expect(fast.value).toBeUndefined();
  });

  it("reads every YAML text in the repository as the positioned parse does", () => {
    const texts = repositoryYaml();
    expect(texts.length).toBeGreaterThan(10);
    for (const { file, text } of texts) {
      const fast = parseYamlSource(text);
      expect({ file, value: fast.value, errors: fast.errors }).toEqual({ file, ...(({ value, errors }) => ({ value, errors }))(parsePositioned(text)) });
    }
  });
});

/**
 * Every key-figure rule has a fixture that breaks it, and the exact message
 * (file:line:col field: text) an editor sees.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { doc, makeProject, useContentCheck, VALID_FRONT_MATTER } from "../helpers/fixture.ts";
import { REGISTRY, registryWithExtras } from "./fixture.ts";

const FILE = "content/testby/case.md";
const OTHER = "content/testby/other.md";

const { check, track } = useContentCheck((dir, changes) => {
  if (!(REGISTRY in changes)) writeFileSync(path.join(dir, REGISTRY), registryWithExtras());
});

/** A valid document (dated 2012-05-01) whose front-matter ends with `keyFigures:` + the given lines (from line 8). */
const withFigures = (figures: string, frontMatter = VALID_FRONT_MATTER) => doc(`${frontMatter}\nkeyFigures:\n${figures}`);

describe("key-figure rules: each breaks in a fixture with its exact message", () => {
  it("unknown indicator, with a suggestion", () => {
    const { lines } = check({ [FILE]: withFigures("  - indicator: inhabitans\n    value: 4900") });
    expect(lines).toEqual([
      `${FILE}:8:16 keyFigures.0.indicator: unknown indicator "inhabitans". Did you mean "inhabitants"? Indicators are listed in content/_registries/indicators.yaml.`,
    ]);
  });

  it("unit that does not match the indicator", () => {
    const { lines } = check({ [FILE]: withFigures("  - indicator: inhabitants\n    value: 4900\n    unit: percent") });
    expect(lines).toEqual([
      `${FILE}:10:11 keyFigures.0.unit: is "percent" but indicator "inhabitants" is measured in "persons". Remove the unit or write persons.`,
    ]);
  });

  it("percent outside 0–100", () => {
    const { lines } = check({ [FILE]: withFigures("  - indicator: immigrant-share\n    value: 177") });
    expect(lines).toEqual([
      `${FILE}:9:12 keyFigures.0.value: 177 is outside 0–100, but "immigrant-share" is a percentage. Write the percent number (6.8 for 6,8 %).`,
    ]);
  });

  it("percent comparison outside 0–100", () => {
    const { lines } = check({ [FILE]: withFigures("  - indicator: immigrant-share\n    value: 17\n    comparison: { value: 140, label: { nb: Snitt } }") });
    expect(lines).toEqual([
      `${FILE}:10:26 keyFigures.0.comparison.value: 140 is outside 0–100, but "immigrant-share" is a percentage. Write the percent number (6.8 for 6,8 %).`,
    ]);
  });

  it("non-numeric value", () => {
    const { lines } = check({ [FILE]: withFigures("  - indicator: inhabitants\n    value: ca. 4900") });
    expect(lines).toEqual([`${FILE}:9:12 keyFigures.0.value: must be a number (write 32000, not "32 000") or a range { min, max }`]);
  });

  it("a count that is not a whole number", () => {
    const { lines } = check({ [FILE]: withFigures("  - indicator: inhabitants\n    value: 4900.5") });
    expect(lines).toEqual([`${FILE}:9:12 keyFigures.0.value: 4900.5 is not a whole number, but "inhabitants" counts whole units.`]);
  });

  it("a negative count", () => {
    const { lines } = check({ [FILE]: withFigures("  - indicator: inhabitants\n    value: -4") });
    expect(lines).toEqual([`${FILE}:9:12 keyFigures.0.value: -4 is negative, which "inhabitants" cannot be.`]);
  });

  it("a value outside the bounds the registry sets", () => {
    const { lines } = check({ [FILE]: withFigures("  - indicator: satisfaction\n    value: 7.5") });
    expect(lines).toEqual([`${FILE}:9:12 keyFigures.0.value: 7.5 is outside 1–6, the values content/_registries/indicators.yaml allows for "satisfaction".`]);
  });

  it("a range where the indicator takes one number", () => {
    const { lines } = check({ [FILE]: withFigures("  - indicator: inhabitants\n    value: { min: 4800, max: 4900 }") });
    expect(lines).toEqual([
      `${FILE}:9:12 keyFigures.0.value: is a range, but "inhabitants" takes a single number. Write the one number the source states, or allow ranges with "range: true" for the indicator in content/_registries/indicators.yaml.`,
    ]);
  });

  it("a range is fine where the registry allows it", () => {
    const { problems } = check({ [FILE]: withFigures("  - indicator: satisfaction\n    value: { min: 4.2, max: 4.8 }") });
    expect(problems).toEqual([]);
  });

  it("reference date after the document's date", () => {
    const { lines } = check({ [FILE]: withFigures("  - indicator: inhabitants\n    value: 4900\n    refDate: 2012-06-01") });
    expect(lines).toEqual([
      `${FILE}:10:14 keyFigures.0.refDate: 2012-06-01 is after the document's date 2012-05-01. A figure cannot describe a later date than the document that states it.`,
    ]);
  });

  it("a reference year the same as the document's year is not after it", () => {
    const { problems } = check({ [FILE]: withFigures("  - indicator: inhabitants\n    value: 4900\n    refDate: 2012") });
    expect(problems).toEqual([]);
  });

  it("slide that the document does not have", () => {
    const { lines } = check({ [FILE]: withFigures("  - indicator: inhabitants\n    value: 4900\n    slide: 3") });
    expect(lines).toEqual([`${FILE}:10:12 keyFigures.0.slide: slide 3 does not exist: the document has 1 slides.`]);
  });

  it("neither a value nor a breakdown", () => {
    const { lines } = check({ [FILE]: withFigures("  - indicator: inhabitants\n    slide: 1") });
    expect(lines).toEqual([
      `${FILE}:8:5 keyFigures.0: needs a value, or a breakdown when the source states only the parts. Never fill in a number the source does not state.`,
    ]);
  });

  it("breakdown row with no label", () => {
    const { lines } = check({
      [FILE]: withFigures("  - indicator: immigrant-population\n    breakdown:\n      - { label: Polen, value: 310 }\n      - { value: 120 }"),
    });
    expect(lines).toEqual([`${FILE}:11:9 keyFigures.0.breakdown.1: has no label. Every breakdown row names its part, e.g. { label: Polen, value: 2292 }.`]);
  });

  it("breakdown row with an empty label", () => {
    const { lines } = check({ [FILE]: withFigures('  - indicator: immigrant-population\n    breakdown:\n      - { label: "", value: 120 }') });
    expect(lines).toEqual([`${FILE}:10:18 keyFigures.0.breakdown.0.label: must not be empty`]);
  });

  it("breakdown row that is not a row", () => {
    const { lines } = check({ [FILE]: withFigures("  - indicator: immigrant-population\n    breakdown:\n      - 120") });
    expect(lines).toEqual([`${FILE}:10:9 keyFigures.0.breakdown.0: must be a row written { label: …, value: … }`]);
  });

  it("breakdown rows adding up to more than their total: a warning, not an error", () => {
    const { lines, site } = check({
      [FILE]: withFigures(
        "  - indicator: immigrant-population\n    value: 400\n    breakdown:\n      - { label: Polen, value: 310 }\n      - { label: Somalia, value: 120 }",
      ),
    });
    expect(lines).toEqual([`${FILE}:11:7 warning: keyFigures.0.breakdown: rows add up to 430, more than the total 400. Check the numbers against the source.`]);
    expect(site.documents.map((d) => d.slug)).toContain("case");
  });

  it("breakdown of an amount adding up to more than its total", () => {
    const { lines } = check({
      [FILE]: withFigures(
        "  - indicator: budget\n    value: 1000\n    breakdown:\n      - { label: Drift, value: 800 }\n      - { label: Investering, value: 300 }",
      ),
    });
    expect(lines).toEqual([
      `${FILE}:11:7 warning: keyFigures.0.breakdown: rows add up to 1100, more than the total 1000. Check the numbers against the source.`,
    ]);
  });

  it("a breakdown of percentages is not summed against its total", () => {
    const { problems } = check({
      [FILE]: withFigures(
        "  - indicator: immigrant-share\n    value: 17\n    breakdown:\n      - { label: Menn, value: 18 }\n      - { label: Kvinner, value: 16 }",
      ),
    });
    expect(problems).toEqual([]);
  });
});

describe("the same indicator twice for one publisher and date", () => {
  const other = (figures: string, date = "2012-05-01") => withFigures(figures, VALID_FRONT_MATTER.replace("date: 2012-05-01", `date: ${date}`));

  it("with different values across documents is an error at the second, naming the first", () => {
    const { lines } = check({
      [FILE]: withFigures("  - indicator: inhabitants\n    value: 4900\n    refDate: 2011-01-01"),
      [OTHER]: other("  - indicator: immigrant-share\n    value: 17\n  - indicator: inhabitants\n    value: 4950\n    refDate: 2011-01-01"),
    });
    expect(lines).toEqual([
      `${OTHER}:11:12 keyFigures.1.value: "inhabitants" of testby for 2011-01-01 is 4950 here but 4900 in ${FILE}:9. A publisher has one value per indicator and date: correct one of them, or set refDate or scope if they describe different things.`,
    ]);
  });

  it("uses the document's date when there is no refDate", () => {
    const { lines } = check({
      [FILE]: withFigures("  - indicator: inhabitants\n    value: 4900"),
      [OTHER]: other("  - indicator: inhabitants\n    value: 5000\n    refDate: 2012-05-01"),
    });
    expect(lines).toEqual([
      `${OTHER}:9:12 keyFigures.0.value: "inhabitants" of testby for 2012-05-01 is 5000 here but 4900 in ${FILE}:9. A publisher has one value per indicator and date: correct one of them, or set refDate or scope if they describe different things.`,
    ]);
  });

  it("names the document's date as such when neither has a refDate", () => {
    const { lines } = check({
      [FILE]: withFigures("  - indicator: inhabitants\n    value: 4900"),
      [OTHER]: other("  - indicator: inhabitants\n    value: 5000"),
    });
    expect(lines.join("\n")).toContain(`for 2012-05-01 (the document's date; no refDate) is 5000 here but 4900 in ${FILE}:9.`);
  });

  it("within one document too", () => {
    const { lines } = check({ [FILE]: withFigures("  - indicator: inhabitants\n    value: 4900\n  - indicator: inhabitants\n    value: 4800") });
    expect(lines).toEqual([
      `${FILE}:11:12 keyFigures.1.value: "inhabitants" of testby for 2012-05-01 (the document's date; no refDate) is 4800 here but 4900 in ${FILE}:9. A publisher has one value per indicator and date: correct one of them, or set refDate or scope if they describe different things.`,
    ]);
  });

  it("names the scope when the figures have one", () => {
    const { lines } = check({
      [FILE]: withFigures("  - indicator: inhabitants\n    value: 4900\n    scope: Sentrum"),
      [OTHER]: other("  - indicator: inhabitants\n    value: 4800\n    scope: Sentrum"),
    });
    expect(lines.join("\n")).toContain(`keyFigures.0.value: "inhabitants" (scope "Sentrum") of testby for 2012-05-01`);
  });

  it("is fine when the values agree, the dates, scopes or publishers differ, or the date is unknown", () => {
    const { problems } = check({
      [FILE]: withFigures("  - indicator: inhabitants\n    value: 4900\n  - indicator: immigrant-share\n    value: 17\n    scope: Sentrum"),
      [OTHER]: other("  - indicator: inhabitants\n    value: 4900\n    approximate: true\n  - indicator: immigrant-share\n    value: 18"),
      "content/testby/third.md": other("  - indicator: inhabitants\n    value: 4000", "2010"),
      "content/testby/undated-a.md": other("  - indicator: inhabitants\n    value: 1", "unknown"),
      "content/testby/undated-b.md": other("  - indicator: inhabitants\n    value: 2", "unknown"),
      "content/testby-sentrum/sentrum.md": other("  - indicator: inhabitants\n    value: 1200").replace("publisher: testby", "publisher: testby-sentrum"),
    });
    expect(problems).toEqual([]);
  });

  it("fails npm run check with the message", () => {
    const dir = track(
      makeProject("site-basic", {
        [FILE]: withFigures("  - indicator: inhabitants\n    value: 4900\n    refDate: 2011-01-01"),
        [OTHER]: other("  - indicator: inhabitants\n    value: 4950\n    refDate: 2011-01-01"),
      }),
    );
    const result = runCli("check", dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${OTHER}:9:12 keyFigures.0.value: "inhabitants" of testby for 2011-01-01 is 4950 here but 4900 in ${FILE}:9.`);
  });
});

describe("indicator registry", () => {
  it("needs an ISO currency code as the unit of a currency", () => {
    const { lines } = check({ [REGISTRY]: "- id: budget\n  labels: { nb: Budsjett, en: Budget }\n  unit: kroner\n  kind: currency\n" });
    expect(lines).toContain(`${REGISTRY}:3:9 0.unit: a currency is measured in its ISO 4217 code in lowercase, e.g. "nok" or "sek"`);
  });

  it("refuses min above max and unknown kinds", () => {
    const { lines } = check({
      [REGISTRY]:
        "- id: a\n  labels: { nb: A, en: A }\n  unit: x\n  kind: ratio\n  min: 5\n  max: 1\n- id: b\n  labels: { nb: B, en: B }\n  unit: x\n  kind: procent\n",
    });
    expect(lines).toContain(`${REGISTRY}:5:8 0.min: min must not be greater than max`);
    expect(lines.join("\n")).toContain(`${REGISTRY}:10:9 1.kind: "procent" is not allowed. Did you mean "percent"?`);
  });
});

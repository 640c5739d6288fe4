/**
 * A registry with one bad entry keeps its good ones: only the bad entry is reported, and a document that names it is
 * not loaded, without a false "unknown topic" (one control character in one label gave 18 of those).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir, useContentCheck } from "../helpers/fixture.ts";

const registry = (name: string) => readFileSync(path.join(fixturesDir, "site-basic", "content", "_registries", name), "utf8");

describe("a registry with one bad entry", () => {
  const { check } = useContentCheck();

  it("reports that entry alone, and keeps the others and the documents that name them", () => {
    const topics = registry("topics.yaml").replace("labels: { nb: Likestilling,", 'labels: { nb: "Like\\u0001stilling",');
    const { lines, site } = check({ "content/_registries/topics.yaml": topics });
    expect(lines).toEqual([
      expect.stringMatching(/^content\/_registries\/topics\.yaml:2:\d+ 0\.labels\.nb: contains the invisible control character U\+0001/u),
    ]);
    expect(site.topics.map((topic) => topic.id)).toEqual(["integrering"]);
    expect(site.documents.map((doc) => doc.slug)).toEqual(["integrering-i-sentrum"]);
  });

  it("keeps the other indicators, and gives a key figure naming the bad one no false error", () => {
    const indicators = registry("indicators.yaml").replace(/(- id: inhabitants\n(?: {2}.*\n)*?) {2}kind: count/u, "$1  kind: antall");
    expect(indicators).toContain("kind: antall");
    const { lines, site } = check({ "content/_registries/indicators.yaml": indicators });
    expect(lines).toEqual([expect.stringMatching(/^content\/_registries\/indicators\.yaml:4:9 0\.kind: "antall" is not allowed\./u)]);
    expect(site.indicators.map((indicator) => indicator.id)).not.toContain("inhabitants");
    expect(site.indicators.length).toBeGreaterThan(0);
  });

  it("that is not a list still gets its one message", () => {
    expect(check({ "content/_registries/topics.yaml": "id: likestilling\n" }).lines[0]).toMatch(/^content\/_registries\/topics\.yaml:1:1 /u);
  });
});

describe("a registry that cannot be read as a list", () => {
  const { check } = useContentCheck();

  it.each([
    ["a label indented wrong", (text: string) => text.replace("  labels: { nb: Integrering", "   labels: { nb: Integrering")],
    ["a key twice in one entry", (text: string) => text.replace("- id: integrering\n", "- id: integrering\n  id: integrering\n")],
    ["a tab for indentation", (text: string) => text.replace("  labels: { nb: Integrering", "\tlabels: { nb: Integrering")],
  ])("reports its own error alone, not an unknown topic in every document: %s", (_name, edit) => {
    const topics = edit(registry("topics.yaml"));
    expect(topics).not.toBe(registry("topics.yaml"));
    const { lines, site } = check({ "content/_registries/topics.yaml": topics });
    expect(lines.filter((line) => line.startsWith("content/_registries/topics.yaml:")).length).toBeGreaterThan(0);
    expect(lines.filter((line) => /unknown topic/u.test(line))).toEqual([]);
    expect(site.documents).toEqual([]);
  });
});

describe("other files among the registries", () => {
  const { check } = useContentCheck();

  it("are said not to be read, a topics.yml with the name to give it", () => {
    const { lines } = check({ "content/_registries/topics.yml": "- id: ny\n  labels: { nb: Ny, en: New }\n", "content/_registries/notater.txt": "x" });
    expect(lines).toEqual([
      "content/_registries/notater.txt:1:1 warning: is not read: the registries are _registries/topics.yaml and _registries/indicators.yaml. Move it out of this folder.",
      "content/_registries/topics.yml:1:1 warning: is not read: the registries are _registries/topics.yaml and _registries/indicators.yaml. Rename it to topics.yaml, or merge it into that file.",
    ]);
  });
});

describe("a publisher whose file is missing or has errors", () => {
  const { check } = useContentCheck();
  const publisherFile = "content/testby/_publisher.yaml";
  const publisher = readFileSync(path.join(fixturesDir, "site-basic", publisherFile), "utf8");

  it.each([
    ["a value not allowed", publisher.replace("country: NO", "country: NOR"), /^content\/testby\/_publisher\.yaml:3:10 country: "NOR" is not allowed\./u],
    ["a YAML syntax error", publisher.replace("names: {", "names: [{"), /^content\/testby\/_publisher\.yaml:\d+:\d+ /u],
    [
      "an id that is not the folder's",
      publisher.replace("id: testby", "id: testbyen"),
      /^content\/testby\/_publisher\.yaml:1:5 id: is "testbyen" but the folder is "testby"/u,
    ],
    ["no file", null, /^content\/testby\/_publisher\.yaml:1:1 publisher folder "testby" has no _publisher\.yaml\./u],
  ])("reports its own error alone, not an unknown publisher in its documents and districts: %s", (_name, text, expected) => {
    expect(text).not.toBe(publisher);
    const { lines, site } = check({ [publisherFile]: text });
    expect(lines).toEqual([expect.stringMatching(expected)]);
    expect(site.documents.map((doc) => doc.meta.publisher)).toEqual(["testby-sentrum"]);
  });

  it("still reports a document or district naming a publisher that does not exist", () => {
    const district = readFileSync(path.join(fixturesDir, "site-basic", "content/testby-sentrum/_publisher.yaml"), "utf8");
    const { lines } = check({
      [publisherFile]: publisher.replace("country: NO", "country: NOR"),
      "content/testby-sentrum/_publisher.yaml": district.replace("parent: testby", "parent: testbyy"),
    });
    expect(lines).toEqual([
      expect.stringMatching(/^content\/testby-sentrum\/_publisher\.yaml:5:9 parent: unknown publisher "testbyy"\./u),
      expect.stringMatching(/^content\/testby\/_publisher\.yaml:3:10 country: /u),
    ]);
  });
});

/**
 * A document whose body is in a language the UI does not have (German, as
 * the importer now detects): it validates, builds in both locales, carries
 * lang="de" on its text and names its language in the UI's words (issue 16).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { doc, makeProject, readOutput, removeProject } from "../helpers/fixture.ts";

describe("a body in German", () => {
  let dir: string;
  beforeAll(async () => {
    dir = makeProject("site-basic", {
      "content/testby/wohnen.md": doc(
        "title: Wohnen in Testby\ntype: presentation\npublisher: testby\ndate: 2012-05-01\nlanguage: de",
        "## Ziele der Stadt\n\nMehr bezahlbare Wohnungen für alle.\n",
      ),
    });
    const result = await build({ root: dir });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });
  afterAll(() => removeProject(dir));

  it('is published in both locales with lang="de" and the language named by Intl', () => {
    const nb = readOutput(dir, "dokumenter/testby/wohnen/index.html");
    const en = readOutput(dir, "en/documents/testby/wohnen/index.html");
    for (const html of [nb, en]) {
      expect(html).toMatch(/<div class="doc-body[^"]*" lang="de"/);
      expect(html).toContain("Mehr bezahlbare Wohnungen für alle.");
    }
    expect(nb).toMatch(/<dd>Tysk<\/dd>/);
    expect(en).toMatch(/<dd>German<\/dd>/);
  });
});

/**
 * Pass 1 on a worker pool (scripts/content/pool.ts) gives what loadContent
 * gives on the main thread: the same documents, the same field positions, and
 * problems raised in the workers in the same `file:line:col field: message`.
 */
import { afterEach, describe, expect, it } from "vitest";
import path from "node:path";
import { loadContent } from "../../scripts/content/load.ts";
import { loadContentInParallel } from "../../scripts/content/pool.ts";
import { formatProblem } from "../../scripts/content/problems.ts";
import { doc, makeProject, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";

let dir: string | undefined;
afterEach(() => {
  if (dir) removeProject(dir);
});

describe("the content pool", () => {
  it("reports problems found in workers exactly as loadContent does, file:line:col field: message", async () => {
    dir = makeProject("site-basic", {
      // Errors of a document's own (in a worker) and across documents (on the main thread after).
      "content/testby/feil-type.md": doc(VALID_FRONT_MATTER.replace("type: presentation", "type: presentasjon")),
      "content/testby/ukjent-tema.md": doc(`${VALID_FRONT_MATTER}\ntopics: [likestiling]`),
      "content/testby/tall-1.md": doc(
        `${VALID_FRONT_MATTER.replace("Et dokument", "Tall en")}\nkeyFigures:\n  - indicator: inhabitants\n    value: 4900\n    refDate: 2011-01-01`,
      ),
      "content/testby/tall-2.md": doc(
        `${VALID_FRONT_MATTER.replace("Et dokument", "Tall to")}\nkeyFigures:\n  - indicator: inhabitants\n    value: 5100\n    refDate: 2011-01-01`,
      ),
    });
    const expected = loadContent(path.join(dir, "content"), { root: dir });
    const pooled = await loadContentInParallel(path.join(dir, "content"), { root: dir, threads: 2, minDocuments: 0 });
    const lines = pooled.problems.map(formatProblem);
    expect(lines).toEqual(expected.problems.map(formatProblem));
    expect(lines.some((line) => /^content\/testby\/feil-type\.md:\d+:\d+ type: "presentasjon" is not allowed/.test(line))).toBe(true);
    expect(lines.some((line) => /^content\/testby\/ukjent-tema\.md:\d+:\d+ topics\.0: unknown topic "likestiling"/.test(line))).toBe(true);
    expect(lines.some((line) => /^content\/testby\/tall-[12]\.md:\d+:\d+ keyFigures\.0\.value: /.test(line))).toBe(true);
  });

  it("loads the same documents, with field positions found again on the main thread", async () => {
    dir = makeProject();
    const expected = loadContent(path.join(dir, "content"), { root: dir });
    const pooled = await loadContentInParallel(path.join(dir, "content"), { root: dir, threads: 2, minDocuments: 0 });
    expect(pooled.problems).toEqual(expected.problems);
    const shape = (documents: typeof expected.site.documents) =>
      documents.map((document) => ({
        file: document.file,
        meta: document.meta,
        body: document.body,
        assets: document.assets,
        terms: document.terms,
        bodyLine: document.bodyLine,
        title: document.fieldAt(["title"]),
        figure: document.fieldLine(["keyFigures", 0, "value"]),
      }));
    expect(shape(pooled.site.documents)).toEqual(shape(expected.site.documents));
    expect(pooled.site.publishers).toEqual(expected.site.publishers);
  });
});

/**
 * Pass 1 on a worker pool (scripts/content/pool.ts) gives what loadContent
 * gives on the main thread: the same documents, the same field positions, and
 * problems raised in the workers in the same `file:line:col field: message`.
 * The build's worker also makes each document's search record, as the main
 * thread would.
 */
import { afterEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { PASS1_WORKER, type Pass1WorkerData } from "../../scripts/build/pass1.ts";
import { DocumentCache } from "../../scripts/content/document-cache.ts";
import { loadContent } from "../../scripts/content/load.ts";
import { loadContentInParallel } from "../../scripts/content/pool.ts";
import { formatProblem } from "../../scripts/content/problems.ts";
import type { PreparedRecord } from "../../scripts/search/record-cache.ts";
import { buildSearchRecord, recordRegistries } from "../../scripts/search/records.ts";
import { documentView } from "../../scripts/site/document-view.ts";
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

describe("the build's pass-1 worker (scripts/build/pass1-worker.ts)", () => {
  it("makes each document's search record beside its body, the record the main thread makes; the document cache keeps none", async () => {
    dir = makeProject();
    const root = dir;
    const recordDir = path.join(root, "records");
    const cache = new DocumentCache(path.join(root, "documents"), "code", path.join(root, "bodies"));
    const load = async () => {
      const extras = new Map<string, PreparedRecord | undefined>();
      const loaded = await loadContentInParallel(path.join(root, "content"), {
        root,
        threads: 2,
        minDocuments: 0,
        minUncached: 0,
        documentCache: cache,
        bodyDir: path.join(root, "bodies"),
        worker: { filename: PASS1_WORKER, data: { recordDir } satisfies Pass1WorkerData },
        onDocument: (document, _publisher, extra) => extras.set(document.file, extra as PreparedRecord | undefined),
      });
      return { ...loaded, extras };
    };
    const { site, extras } = await load();
    expect(extras.size).toBe(site.documents.length);
    const publishersById = new Map(site.publishers.map((publisher) => [publisher.id, publisher]));
    const topicsById = new Map(site.topics.map((topic) => [topic.id, topic]));
    for (const document of site.documents) {
      const made = buildSearchRecord(documentView(document, publishersById, topicsById), recordRegistries(site));
      const prepared = extras.get(document.file)!;
      const json = JSON.stringify(made);
      expect(readFileSync(prepared.file, "utf8")).toBe(`${prepared.hash}\n${json}`);
      expect(prepared.length).toBe(Buffer.byteLength(json));
      const { parts: _parts, ...fields } = made;
      expect(prepared.fields).toEqual(fields);
    }
    // The documents now come from the cache, and no record with them: those records were this build's.
    const again = await load();
    expect(cache.hits).toBe(site.documents.length);
    expect([...again.extras.values()].every((extra) => extra === undefined)).toBe(true);
  });
});

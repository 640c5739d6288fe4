/**
 * Rendered bodies out of the loaded content (scripts/content/body-store.ts):
 * pass 1 writes each body to disk and keeps its outline; the full body is
 * read back, the same as one kept in memory; a damaged body file is never used.
 * A check keeps the outline alone, with the same documents and problems.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { afterEach, describe, expect, it } from "vitest";
import { BodyReadError, bodySound, outlineOf, readBody, writeBody } from "../../scripts/content/body-store.ts";
import { buildCode } from "../../scripts/content/build-code.ts";
import { DocumentCache, documentCacheDir } from "../../scripts/content/document-cache.ts";
import { loadContent, loadContentWith, loadDocumentTask } from "../../scripts/content/load.ts";
import { loadContentInParallel } from "../../scripts/content/pool.ts";
import { renderBody } from "../../scripts/content/markdown.ts";
import { doc, makeProject, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeProject(dir);
});
function project(changes = {}): string {
  const dir = makeProject("site-basic", changes);
  dirs.push(dir);
  return dir;
}

const LONG_BODY = Array.from(
  { length: 12 },
  (_, i) => `## Lysbilde ${i + 1}\n\n${"Kommunen satser på likestilling i alle ledd. ".repeat(40)}\n\n::: notes\nNotater ${i + 1}.\n:::\n`,
).join("\n");

describe("a rendered body on disk", () => {
  it("keeps anchors, links and images in the outline and nothing of the titles, HTML or text", () => {
    const body = renderBody("Innledning.\n\n## Første\n\nTekst med [lenke](https://example.org).\n\n::: notes\nNotat.\n:::\n", "slide");
    const outline = outlineOf(body);
    // Titles are read with the full body, by the pages that show them: 13 a document held on the main thread were 7 MB at N = 5000.
    expect(outline.parts).toEqual([{ n: 1, anchor: "slide-1", empty: false }]);
    expect(outline.links).toEqual(body.links);
    expect(outline.wordCount).toBe(body.wordCount);
    expect(JSON.stringify(outline)).not.toMatch(/Innledning|Notat|Tekst med|Første/);
  });

  it("reads back exactly what was written, one file per distinct body", () => {
    const dir = project();
    const bodies = path.join(dir, "bodies");
    const body = renderBody(LONG_BODY, "slide");
    const ref = writeBody(bodies, body);
    expect(writeBody(bodies, renderBody(LONG_BODY, "slide"))).toEqual(ref);
    expect(readdirSync(bodies)).toHaveLength(1);
    expect(readBody({ file: "content/a/b.md", bodyRef: ref })).toEqual(body);
    // Characters of two, three and four bytes in UTF-8, and one JSON escapes: the file's bytes are what its name hashes.
    const wide = renderBody('## Budsjett – 2025\n\nØkning på 5 € per innbygger 📊, «Győr» og "sitat".\n', "slide");
    expect(readBody({ file: "content/a/c.md", bodyRef: writeBody(bodies, wide) })).toEqual(wide);
  });

  it("refuses a changed or missing body file, naming the document", () => {
    const dir = project();
    const ref = writeBody(path.join(dir, "bodies"), renderBody(LONG_BODY, "slide"));
    if (!("file" in ref)) throw new Error("expected a file");
    writeFileSync(ref.file, readFileSync(ref.file, "utf8").replace("likestilling", "LIKESTILLING"));
    expect(bodySound(ref)).toBe(false);
    expect(() => readBody({ file: "content/a/b.md", bodyRef: ref })).toThrow(BodyReadError);
    expect(() => readBody({ file: "content/a/b.md", bodyRef: { file: path.join(dir, "none.json"), sha256: ref.sha256 } })).toThrow(
      /content\/a\/b\.md: its rendered body/,
    );
  });
});

describe("loading with a body folder", () => {
  it("gives the same documents and bodies as a load that keeps them, and far less to hold", () => {
    const dir = project({ "content/testby/lang.md": doc(VALID_FRONT_MATTER, LONG_BODY) });
    const contentDir = path.join(dir, "content");
    const kept = loadContent(contentDir, { root: dir });
    const onDisk = loadContent(contentDir, { root: dir, bodyDir: path.join(dir, "bodies") });
    expect(onDisk.problems).toEqual(kept.problems);
    expect(onDisk.site.documents.map((d) => d.file)).toEqual(kept.site.documents.map((d) => d.file));
    onDisk.site.documents.forEach((document, index) => {
      const before = kept.site.documents[index]!;
      expect(readBody(document)).toEqual(readBody(before));
      expect(document.body).toEqual(outlineOf(readBody(before)));
      expect("file" in document.bodyRef).toBe(true);
    });
    const long = (result: typeof kept) => result.site.documents.find((d) => d.file.endsWith("lang.md"))!;
    const size = (document: ReturnType<typeof long>) => v8.serialize({ ...document, fieldLine: undefined, fieldAt: undefined }).length;
    // The long document's rendered body (about 25 KB of text and HTML) stays on disk.
    expect(size(long(onDisk))).toBeLessThan(size(long(kept)) / 5);
  });

  it("loads a document again when the body its cache entry names was damaged, and never hands it out", async () => {
    const dir = project();
    const contentDir = path.join(dir, "content");
    const bodyDir = path.join(dir, ".cache", "lysark", "bodies");
    const code = buildCode(dir).content;
    const load = (cache: DocumentCache) => loadContentWith(async (task) => loadDocumentTask(task), contentDir, { root: dir, documentCache: cache, bodyDir });
    const first = await load(new DocumentCache(documentCacheDir(dir), code, bodyDir));
    const expected = first.site.documents.map(readBody);
    const ref = first.site.documents[0]!.bodyRef;
    if (!("file" in ref)) throw new Error("expected a file");
    writeFileSync(ref.file, "{}");
    const cache = new DocumentCache(documentCacheDir(dir), code, bodyDir);
    const second = await load(cache);
    expect(cache.rejected).toBe(1);
    expect(second.site.documents.map(readBody)).toEqual(expected);
    // Bodies no used entry names are removed with the entries.
    writeFileSync(path.join(bodyDir, `${"0".repeat(64)}.json`), "{}");
    cache.prune();
    expect(readdirSync(bodyDir).sort()).toEqual(second.site.documents.map((d) => path.basename((d.bodyRef as { file: string }).file)).sort());
  });
});

describe("outline parts shared between documents", () => {
  it("gives documents with alike parts the same frozen part objects, equal to each document's own outline", async () => {
    const dir = project({
      "content/testby/lang.md": doc(VALID_FRONT_MATTER, LONG_BODY),
      "content/testby/lang-igjen.md": doc(VALID_FRONT_MATTER.replace("title: Et dokument", "title: Et annet dokument"), LONG_BODY),
      "content/testby/tom.md": doc(VALID_FRONT_MATTER.replace("title: Et dokument", "title: Med et tomt lysbilde"), "##\n\n## Andre\n\nTekst.\n"),
    });
    const contentDir = path.join(dir, "content");
    const bodyDir = path.join(dir, "bodies");
    const loaded = await loadContentWith(async (task) => loadDocumentTask(task), contentDir, { root: dir, bodyDir });
    const byFile = new Map(loaded.site.documents.map((document) => [path.basename(document.file), document]));
    const [long, again, empty] = ["lang.md", "lang-igjen.md", "tom.md"].map((name) => byFile.get(name)!);
    expect(long!.body.parts).toHaveLength(12);
    for (const [i, part] of long!.body.parts.entries()) {
      expect(again!.body.parts[i]).toBe(part);
      expect(Object.isFrozen(part)).toBe(true);
    }
    // The same anchor but not the same emptiness: not shared.
    expect(empty!.body.parts.map((part) => [part.anchor, part.empty])).toEqual([
      ["slide-1", true],
      ["slide-2", false],
    ]);
    expect(empty!.body.parts[0]).not.toBe(long!.body.parts[0]);
    expect(empty!.body.parts[1]).toBe(long!.body.parts[1]);
    // Each outline is the one its own body gives.
    for (const document of loaded.site.documents) expect(document.body.parts).toEqual(outlineOf(readBody(document)).parts);
  });
});

describe("loading for a check (outlineOnly)", () => {
  it("gives the same documents, outlines and problems as a load that keeps the bodies, and keeps no body anywhere", async () => {
    const dir = project({
      "content/testby/lang.md": doc(VALID_FRONT_MATTER, LONG_BODY),
      // A problem whose position comes from the front-matter parsed again, and an error from the body.
      "content/testby/feil.md": doc(VALID_FRONT_MATTER.replace("date: 2012-05-01", "date: 2012-13-01")),
      "content/testby/tom.md": doc(VALID_FRONT_MATTER.replace("title: Et dokument", "title: Uten lysbilder"), "Bare tekst.\n"),
    });
    const contentDir = path.join(dir, "content");
    const kept = loadContent(contentDir, { root: dir });
    expect(kept.problems.some((problem) => problem.file.endsWith("feil.md") && problem.field === "date")).toBe(true);
    expect(kept.problems.some((problem) => problem.file.endsWith("tom.md") && problem.field === "body")).toBe(true);
    const onThisThread = loadContent(contentDir, { root: dir, outlineOnly: true });
    // Through a pool's tasks, as `npm run check` loads from 2,000 documents on (one thread is enough to take that path).
    const onPool = await loadContentInParallel(contentDir, { root: dir, outlineOnly: true, minDocuments: 1, threads: 1 });
    for (const outlines of [onThisThread, onPool]) {
      expect(outlines.problems).toEqual(kept.problems);
      expect(outlines.site.documents.map((d) => d.file)).toEqual(kept.site.documents.map((d) => d.file));
      outlines.site.documents.forEach((document, index) => {
        expect(document.body).toEqual(outlineOf(readBody(kept.site.documents[index]!)));
        expect(document.bodyRef).toEqual({ dropped: true });
        expect(bodySound(document.bodyRef)).toBe(false);
        expect(() => readBody(document)).toThrow(BodyReadError);
      });
    }
    const long = onThisThread.site.documents.find((d) => d.file.endsWith("lang.md"))!;
    expect(JSON.stringify(long)).not.toContain("Kommunen satser");
    // Nothing was written: no body folder, no cache.
    expect(readdirSync(dir).filter((name) => name === ".cache" || name === "bodies")).toEqual([]);
  });
});

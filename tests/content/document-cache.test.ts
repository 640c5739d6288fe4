/**
 * Pass 1's build cache (scripts/content/document-cache.ts) and the build code
 * that keys it (scripts/content/build-code.ts), without building a site.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildCode } from "../../scripts/content/build-code.ts";
import { DocumentCache, documentCacheDir } from "../../scripts/content/document-cache.ts";
import { loadContent, loadContentWith, loadDocumentTask, type DocumentTask } from "../../scripts/content/load.ts";
import { formatProblem } from "../../scripts/content/problems.ts";
import { doc, makeProject, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";
import { testPng } from "../publish/helpers.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeProject(dir);
});
function project(changes = {}): string {
  const dir = makeProject("site-basic", changes);
  dirs.push(dir);
  return dir;
}

/** What a load gives, as plain data: documents without their position methods or where they find positions, problems as printed. */
function summary(result: ReturnType<typeof loadContent>) {
  const skipped = new Set(["fieldLine", "fieldAt", "sourceHash"]);
  return {
    documents: result.site.documents.map((doc) => Object.fromEntries(Object.entries(doc).filter(([key]) => !skipped.has(key)))),
    problems: result.problems.map(formatProblem),
  };
}

/** A project's content folder, content code and loadContent's summary, and a task runner that counts its tasks. */
function loading(dir: string) {
  const counted = { tasks: 0 };
  return {
    contentDir: path.join(dir, "content"),
    code: buildCode(dir).content,
    expected: summary(loadContent(path.join(dir, "content"), { root: dir })),
    run: async (task: DocumentTask) => {
      counted.tasks++;
      return loadDocumentTask(task);
    },
    tasks: counted,
  };
}

describe("the document cache", () => {
  it("gives the pool's loader the same documents and problems without running a task for an unchanged file", async () => {
    const dir = project({ "content/testby/feil.md": doc(VALID_FRONT_MATTER.replace("type: presentation", "type: presentasjon")) });
    const { contentDir, code, expected, run, tasks: count } = loading(dir);
    const first = new DocumentCache(documentCacheDir(dir), code);
    expect(summary(await loadContentWith(run, contentDir, { root: dir, documentCache: first }))).toEqual(expected);
    expect(count.tasks).toBe(3);
    count.tasks = 0;
    const second = new DocumentCache(documentCacheDir(dir), code);
    expect(summary(await loadContentWith(run, contentDir, { root: dir, documentCache: second }))).toEqual(expected);
    // The document with an error is not kept: it is loaded again, the two clean ones are not.
    expect({ tasks: count.tasks, hits: second.hits, misses: second.misses }).toEqual({ tasks: 1, hits: 2, misses: 1 });
    // Field positions of a cached document are still found (for cross-document messages).
    const cached = (await loadContentWith(run, contentDir, { root: dir, documentCache: second })).site.documents[0]!;
    expect(cached.fieldAt(["title"])).toEqual(loadContent(contentDir, { root: dir }).site.documents[0]!.fieldAt(["title"]));
  });

  it("sends the documents it lacks to the pool only once there are poolFrom of them; fewer load on this thread, the same", async () => {
    const dir = project({
      "content/testby/feil.md": doc(VALID_FRONT_MATTER.replace("type: presentation", "type: presentasjon")),
      "content/testby/andre.md": doc(VALID_FRONT_MATTER.replace("Et dokument", "Et andre dokument")),
    });
    const { contentDir, code, expected, run, tasks: count } = loading(dir);
    // Four documents, none cached: below poolFrom = 5 all load here, at 4 all go to the pool.
    const here = new DocumentCache(documentCacheDir(dir), code);
    expect(summary(await loadContentWith(run, contentDir, { root: dir, documentCache: here }, 5))).toEqual(expected);
    expect({ tasks: count.tasks, misses: here.misses }).toEqual({ tasks: 0, misses: 4 });
    // Kept as the pool's results are: the next load finds the three clean ones (the one with an error is not kept).
    const pooled = new DocumentCache(documentCacheDir(dir), code);
    expect(summary(await loadContentWith(run, contentDir, { root: dir, documentCache: pooled }, 1))).toEqual(expected);
    expect({ tasks: count.tasks, hits: pooled.hits, misses: pooled.misses }).toEqual({ tasks: 1, hits: 3, misses: 1 });
    count.tasks = 0;
    rmSync(documentCacheDir(dir), { recursive: true, force: true });
    const atThreshold = new DocumentCache(documentCacheDir(dir), code);
    expect(summary(await loadContentWith(run, contentDir, { root: dir, documentCache: atThreshold }, 4))).toEqual(expected);
    expect(count.tasks).toBe(4);
  });

  it("loads a document again when an image it shows changed, though its own bytes did not", async () => {
    const dir = project({
      "content/testby/bilde.md": doc(VALID_FRONT_MATTER, "## Lysbilde\n\n![Et kart](kart.png)\n"),
      "content/testby/kart.png": await testPng(300, 200),
    });
    const contentDir = path.join(dir, "content");
    const code = buildCode(dir).content;
    const load = () => {
      const cache = new DocumentCache(documentCacheDir(dir), code);
      const result = loadContent(contentDir, { root: dir, documentCache: cache });
      return { cache, html: JSON.stringify(result.site.documents.find((document) => document.slug === "bilde")!.body) };
    };
    const first = load();
    expect(first.html).toMatch(/width=\\"300\\" height=\\"200\\"/);
    expect(load().cache.hits).toBe(3);
    writeFileSync(path.join(dir, "content/testby/kart.png"), await testPng(400, 200));
    const changed = load();
    expect(changed.cache.misses).toBe(1);
    expect(changed.html).toMatch(/width=\\"400\\" height=\\"200\\"/);
  });

  it("keeps only the entries the last build used", () => {
    const dir = project();
    const contentDir = path.join(dir, "content");
    const code = buildCode(dir).content;
    loadContent(contentDir, { root: dir, documentCache: new DocumentCache(documentCacheDir(dir), code) });
    writeFileSync(path.join(contentDir, "testby/likestilling-i-testby.md"), "---\ntitle: x\n---\n");
    const cache = new DocumentCache(documentCacheDir(dir), code);
    loadContent(contentDir, { root: dir, documentCache: cache });
    // The old entry of the edited file goes; the error document was never kept.
    expect(cache.prune()).toBe(1);
    expect(cache.prune()).toBe(0);
  });
});

describe("the build code", () => {
  it("changes with Lysark's code, templates, registries, publishers and settings, each where it matters", () => {
    const lysark = mkdtempSync(path.join(os.tmpdir(), "lysark-code-"));
    dirs.push(lysark);
    const files: Record<string, string> = {
      "scripts/content/load.ts": "export {};",
      "layouts/base.njk": "<html>",
      "assets/site.css": "body {}",
      "docs/editor-guide.nb.md": "# Veiledning",
      "package-lock.json": "{}",
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(lysark, file)), { recursive: true });
      writeFileSync(path.join(lysark, file), text);
    }
    const dir = project();
    const before = buildCode(dir, lysark);
    expect(buildCode(dir, lysark)).toEqual(before);
    let last = before;
    const edited = (file: string, base = lysark) => {
      const full = path.join(base, file);
      writeFileSync(full, `${files[file] ?? ""}\n// changed`);
      const code = buildCode(dir, lysark);
      const changed = { content: code.content !== last.content, pages: code.pages !== last.pages };
      last = code;
      return changed;
    };
    // Templates, assets and the guide's sources change pages only; each edit is compared with the code before it.
    expect(edited("layouts/base.njk")).toEqual({ content: false, pages: true });
    expect(edited("assets/site.css")).toEqual({ content: false, pages: true });
    expect(edited("site.config.json", dir)).toEqual({ content: false, pages: true });
    expect(edited("docs/editor-guide.nb.md")).toEqual({ content: false, pages: true });
    // The rest of docs/ is not part of the site: a new or edited page of it changes neither.
    expect(edited("docs/performance.md")).toEqual({ content: false, pages: false });
    writeFileSync(path.join(lysark, "docs/performance.md"), "# Performance, measured again");
    expect(buildCode(dir, lysark)).toEqual(last);
    expect(edited("scripts/content/load.ts")).toEqual({ content: true, pages: true });
    const code = buildCode(dir, lysark);
    writeFileSync(path.join(dir, "content/_registries/topics.yaml"), "[]");
    expect(buildCode(dir, lysark).content).not.toBe(code.content);
    const registryEdited = buildCode(dir, lysark);
    writeFileSync(path.join(dir, "content/testby/_publisher.yaml"), "id: testby");
    expect(buildCode(dir, lysark).content).not.toBe(registryEdited.content);
    // A document's own bytes are not part of it: they key each document's entry.
    const publisherEdited = buildCode(dir, lysark);
    writeFileSync(path.join(dir, "content/testby/likestilling-i-testby.md"), "changed");
    expect(buildCode(dir, lysark)).toEqual(publisherEdited);
  });
});

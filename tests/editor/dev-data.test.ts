/**
 * The dev server's data source: re-parses only changed documents, survives
 * content errors with the last good model plus the problems, and recovers.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { DevSiteDataSource, type DevSiteData } from "../../scripts/editor/dev-data.ts";
import { DevSite as RealDevSite } from "../../scripts/editor/dev-site.ts";
import { isSearchOutput } from "../../scripts/search/records.ts";
import { PageKeys } from "../../scripts/render/page-cache.ts";
import type { DocumentPage } from "../../scripts/site/views.ts";
import { doc, filesUnder, makeProject, readOutput, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";
import { readBody } from "../../scripts/content/body-store.ts";
import { ContentCache, loadContent, reloadDocuments, warmContentCache, type LoadResult } from "../../scripts/content/load.ts";

/** Every dev site a test makes: one that fails midway left its background index writing into the removed project. */
const sites: RealDevSite[] = [];
class DevSite extends RealDevSite {
  constructor(...args: ConstructorParameters<typeof RealDevSite>) {
    super(...args);
    sites.push(this);
  }
}

let dir: string;
beforeEach(() => {
  dir = makeProject();
});
afterEach(async () => {
  for (const site of sites.splice(0)) {
    await site.pagesRecorded(true);
    await site.relatedRefreshed();
    await site.searchIndexed();
  }
  removeProject(dir);
});

const LIKESTILLING = "content/testby/likestilling-i-testby.md";
const SENTRUM_FILE = "content/testby-sentrum/integrering-i-sentrum.md";
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const SENTRUM_TITLE = 'Integrering i sentrum <script>alert("x")</script>';
const titles = (data: DevSiteData) => data.model.documents.map((view) => view.doc.meta.title).sort();
const edit = (file: string, change: (text: string) => string) => writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), "utf8")));

describe("the dev server's site data", () => {
  it("parses every document once, then only the ones whose bytes changed", () => {
    const source = new DevSiteDataSource(dir);
    const first = source.rebuild();
    expect(first).toMatchObject({ parsed: 2, reused: 0, change: { kind: "site" } });
    expect(first.data.dev).toEqual({ problems: [], errors: 0, stale: false });

    const unchanged = source.rebuild();
    expect(unchanged).toMatchObject({ parsed: 0, reused: 2, change: { kind: "none" } });
    expect(titles(unchanged.data)).toEqual(titles(first.data));

    edit(LIKESTILLING, (text) => text.replace("title: Likestilling i Testby", "title: Likestilling i Testby kommune"));
    const touched = source.rebuild();
    // A new title shows in listings: the whole site is rendered again.
    expect(touched).toMatchObject({ parsed: 1, reused: 1, change: { kind: "site" } });
    expect(titles(touched.data)).toContain("Likestilling i Testby kommune");
  });

  it("notices an edit that keeps the size and the modification time", () => {
    const source = new DevSiteDataSource(dir);
    source.rebuild();
    const file = path.join(dir, LIKESTILLING);
    const { atime, mtime, size } = statSync(file);
    edit(LIKESTILLING, (text) => text.replace("title: Likestilling i Testby", "title: Likestilling i Testbu"));
    utimesSync(file, atime, mtime);
    expect(statSync(file).size).toBe(size);
    const rebuilt = source.rebuild();
    expect(rebuilt.parsed).toBe(1);
    expect(titles(rebuilt.data)).toContain("Likestilling i Testbu");
  });

  it("keeps the last good site and lists the problems while content is broken, and recovers when it is fixed", () => {
    const logged: string[] = [];
    const source = new DevSiteDataSource(dir, {
      problems: (problems) => logged.push(`${problems.length} problem(s)`),
      info: (message) => logged.push(message),
    });
    const good = source.rebuild().data;

    edit(LIKESTILLING, (text) => text.replace("type: presentation", "type: presentaton"));
    const broken = source.rebuild().data;
    expect(broken.dev.errors).toBe(1);
    expect(broken.dev.stale).toBe(true);
    expect(broken.dev.problems[0]).toMatchObject({ file: LIKESTILLING, field: "type", severity: "error" });
    expect(broken.dev.problems[0]?.message).toContain('Did you mean "presentation"?');
    expect(broken.model).toBe(good.model);
    expect(logged).toEqual(["1 problem(s)", expect.stringContaining("Content has 1 error(s): the preview shows the last good version")]);

    // Still broken after another unrelated save: still the last good site.
    edit("content/testby-sentrum/integrering-i-sentrum.md", (text) => `${text}\nEn ny linje.\n`);
    expect(source.rebuild().data.model).toBe(good.model);

    edit(LIKESTILLING, (text) => text.replace("type: presentaton", "type: presentation"));
    const rebuilt = source.rebuild();
    const fixed = rebuilt.data;
    expect(fixed.dev).toEqual({ problems: [], errors: 0, stale: false });
    // Both files are back to what is shown site-wide, so the good model is brought up to date in place.
    expect(fixed.model).toBe(good.model);
    expect(rebuilt.change.kind).toBe("pages");
    expect(titles(fixed)).toEqual(titles(good));
    expect(readBody(fixed.model.documents.find((view) => view.doc.file.endsWith("integrering-i-sentrum.md"))!.doc).parts.at(-1)?.text).toContain(
      "En ny linje.",
    );
    expect(logged.at(-1)).toBe("Content is valid again.");
  });

  it("starting on broken content, shows the valid documents and the problems", () => {
    writeFileSync(path.join(dir, "content/testby/ny.md"), doc(VALID_FRONT_MATTER.replace("date: 2012-05-01", "date: 2012-13-01")));
    const { data } = new DevSiteDataSource(dir).rebuild();
    expect(data.dev).toMatchObject({ errors: 1, stale: false });
    expect(data.dev.problems[0]).toMatchObject({ file: "content/testby/ny.md", line: 5, col: 7, field: "date" });
    expect(titles(data)).toEqual([SENTRUM_TITLE, "Likestilling i Testby"]);
  });

  it("forgets deleted documents", () => {
    const source = new DevSiteDataSource(dir);
    source.rebuild();
    rmSync(path.join(dir, LIKESTILLING));
    const { data, parsed, reused } = source.rebuild();
    expect({ parsed, reused }).toEqual({ parsed: 0, reused: 1 });
    expect(titles(data)).toEqual([SENTRUM_TITLE]);
    expect(source.cache.entries.size).toBe(1);
    // Gone for good: no document has its title, so nothing looks moved.
    expect(data.dev.problems).toEqual([]);
  });

  it("warns of a document renamed since the server started, until its movedFrom names where it was", () => {
    const source = new DevSiteDataSource(dir);
    source.rebuild();
    const renamed = "content/testby/likestilling.md";
    writeFileSync(path.join(dir, renamed), readFileSync(path.join(dir, LIKESTILLING)));
    rmSync(path.join(dir, LIKESTILLING));
    const moved = source.rebuild().data;
    expect(moved.dev).toMatchObject({ errors: 0, stale: false });
    expect(titles(moved)).toContain("Likestilling i Testby");
    expect(moved.dev.problems).toEqual([
      {
        file: renamed,
        line: 1,
        col: 1,
        field: "movedFrom",
        severity: "warning",
        message: `this document was ${LIKESTILLING} when npm start began (it has that title and date), and links to its old address would lead nowhere. Add "movedFrom: [testby/likestilling-i-testby]" to its front matter: the site then keeps a page there that sends readers on (docs/content-model.md, "Moved documents").`,
      },
    ]);
    edit(renamed, (text) => text.replace("publisher: testby\n", "publisher: testby\nmovedFrom: [testby/likestilling-i-testby]\n"));
    expect(source.rebuild().data.dev.problems).toEqual([]);
  });

  it("says nothing of a document replaced by another of the same title and another date (next year's report)", () => {
    const source = new DevSiteDataSource(dir);
    source.rebuild();
    const next = "content/testby/likestilling-2012.md";
    writeFileSync(path.join(dir, next), readFileSync(path.join(dir, LIKESTILLING), "utf8").replace("date: 2011-03-15", "date: 2012-03-15"));
    rmSync(path.join(dir, LIKESTILLING));
    const replaced = source.rebuild().data;
    expect(titles(replaced)).toContain("Likestilling i Testby");
    expect(replaced.dev.problems).toEqual([]);
  });
});

describe("the first load, parsed ahead", () => {
  it("parses every document into the cache while other work runs, and the load then takes each from it, with the same result", async () => {
    writeFileSync(path.join(dir, "content/testby/feil.md"), doc(VALID_FRONT_MATTER.replace("date: 2012-05-01", "date: 2012-13-01")));
    const contentDir = path.join(dir, "content");
    const cache = new ContentCache();
    const order: string[] = [];
    setImmediate(() => order.push("other work"));
    await warmContentCache(contentDir, { root: dir, cache }, 1).then(() => order.push("parsed"));
    // The loop let other work run between documents: an npm start's requests are answered meanwhile.
    expect(order).toEqual(["other work", "parsed"]);
    const warmed = loadContent(contentDir, { root: dir, cache });
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 3, misses: 0 });
    const cold = loadContent(contentDir, { root: dir });
    expect(warmed.problems).toEqual(cold.problems);
    expect(warmed.problems.some((problem) => problem.field === "date")).toBe(true);
    expect(JSON.stringify(warmed.site.documents)).toBe(JSON.stringify(cold.site.documents));
  });

  it("is how the dev site's first update loads: it parses nothing more itself", async () => {
    const site = new DevSite(dir, path.join(dir, "_site"));
    await site.update();
    expect({ hits: site.source.cache.hits, misses: site.source.cache.misses }).toEqual({ hits: 2, misses: 0 });
    // The search index follows in the background: done before the project is removed, or it writes _site/ again.
    await site.searchIndexed();
  });
});

describe("reading only the documents the watcher names", () => {
  const SENTRUM = "content/testby-sentrum/integrering-i-sentrum.md";
  const contentDir = () => path.join(dir, "content");
  /** What a load gives, without the closures that find field positions. */
  const plain = ({ site, problems }: LoadResult) => ({
    site: { ...site, documents: site.documents.map(({ fieldLine: _line, fieldAt: _at, ...doc }) => doc) },
    problems,
  });
  const fresh = () => plain(loadContent(contentDir(), { root: dir }));
  const reload = (cache: ContentCache, ...files: string[]) =>
    reloadDocuments(
      contentDir(),
      files.map((file) => path.join(dir, file)),
      { root: dir, cache },
    );

  it("gives what a whole load gives after each edit of a known document, problems and cross-document checks included", () => {
    const cache = new ContentCache();
    loadContent(contentDir(), { root: dir, cache });
    const edits: Array<[string, (text: string) => string]> = [
      // A body edit.
      [LIKESTILLING, (text) => `${text}\nEt nytt avsnitt.\n`],
      // A link to a slide of the other document: fine while that slide exists.
      [SENTRUM, (text) => `${text}\nSe [lysbilde 3](/dokumenter/testby/likestilling-i-testby/#slide-3).\n`],
      // The linked document keeps two slides: the problem is the other document's, found by the cross-document check.
      [LIKESTILLING, (text) => text.replace(/\n##\n[\s\S]*$/, "\n")],
      // A document with an error of its own drops out, with its problem; then it is fixed.
      [LIKESTILLING, (text) => text.replace("type: presentation", "type: presentaton")],
      [LIKESTILLING, (text) => text.replace("type: presentaton", "type: presentation")],
      // A new date moves the document in the order.
      [SENTRUM, (text) => text.replace(/^date: .*$/m, "date: 2001-01-01")],
    ];
    const problemsSeen = new Set<string>();
    for (const [file, change] of edits) {
      edit(file, change);
      const reloaded = reload(cache, file);
      expect(reloaded, file).toBeDefined();
      expect(cache.misses).toBe(1);
      expect(plain(reloaded!)).toEqual(fresh());
      for (const problem of reloaded!.problems) problemsSeen.add(`${problem.file} ${problem.field}`);
    }
    // The edits did reach the problems: the broken link (on the other document) and the misspelt type.
    expect(problemsSeen).toEqual(new Set([`${SENTRUM} body`, `${LIKESTILLING} type`]));
  });

  it("reads only the files it is told about; anything else waits for a whole load", () => {
    const cache = new ContentCache();
    loadContent(contentDir(), { root: dir, cache });
    edit(SENTRUM, (text) => `${text}\nIkke meldt av overvåkingen.\n`);
    edit(LIKESTILLING, (text) => `${text}\nMeldt.\n`);
    const reloaded = reload(cache, LIKESTILLING)!;
    const lastText = (result: LoadResult, file: string) => readBody(result.site.documents.find((doc) => doc.file === file)!).parts.at(-1)?.text;
    expect(lastText(reloaded, LIKESTILLING)).toContain("Meldt.");
    expect(lastText(reloaded, SENTRUM)).not.toContain("Ikke meldt");
    expect(lastText(loadContent(contentDir(), { root: dir, cache }), SENTRUM)).toContain("Ikke meldt");
  });

  it("declines (a whole load is needed) for an added, a removed or an unknown file, a registry, a publisher, or before any load", () => {
    const cache = new ContentCache();
    expect(reload(cache, LIKESTILLING)).toBeUndefined();
    loadContent(contentDir(), { root: dir, cache });
    writeFileSync(path.join(dir, "content/testby/ny.md"), doc(VALID_FRONT_MATTER));
    expect(reload(cache, "content/testby/ny.md")).toBeUndefined();
    expect(reload(cache, LIKESTILLING, "content/testby/ny.md")).toBeUndefined();
    expect(reload(cache, "content/_registries/topics.yaml")).toBeUndefined();
    expect(reload(cache, "content/testby/_publisher.yaml")).toBeUndefined();
    expect(reload(cache)).toBeUndefined();
    loadContent(contentDir(), { root: dir, cache });
    rmSync(path.join(dir, LIKESTILLING));
    expect(reload(cache, LIKESTILLING)).toBeUndefined();
  });
});

describe("what an edit re-renders", () => {
  const pageOf = (data: DevSiteData, file: string) => data.model.pages.document.filter((page) => page.view.doc.file === file);

  it("an edit to a document's body or its own fields gives just that document's pages, updated in place", () => {
    const source = new DevSiteDataSource(dir);
    const before = source.rebuild().data;
    const homeItems = before.model.pages.home[0]!.items;
    edit(LIKESTILLING, (text) => `${text.replace("date: 2011-03-15", "date: 2011-03-15\nevent: Nytt seminar")}\nEt nytt avsnitt.\n`);
    const { data, change } = source.rebuild();
    expect(change.kind).toBe("pages");
    const pages = change.kind === "pages" ? change.pages : [];
    expect(pages.map((page) => page.url).sort()).toEqual(["/dokumenter/testby/likestilling-i-testby/", "/en/documents/testby/likestilling-i-testby/"]);
    expect(pages.every((page) => page.view.doc.meta.event === "Nytt seminar")).toBe(true);
    expect(pageOf(data, LIKESTILLING)).toEqual(pages);
    // Listings hold the same view, so they see the new version without being rebuilt.
    expect(data.model).toBe(before.model);
    expect(readBody(homeItems.find((item) => item.view.doc.file === LIKESTILLING)!.view.doc).parts.at(-1)?.text).toContain("Et nytt avsnitt.");
  });

  it.each([
    ["title", (text: string) => text.replace("title: Likestilling i Testby", "title: Likestilling i Testby kommune")],
    ["date", (text: string) => text.replace("date: 2011-03-15", "date: 2011-03-16")],
    ["topics", (text: string) => text.replace("topics: [likestilling]", "topics: [likestilling, integrering]")],
  ])("a change to a field shown site-wide (%s) rebuilds the whole model", (_field, change) => {
    const source = new DevSiteDataSource(dir);
    const before = source.rebuild().data;
    edit(LIKESTILLING, change);
    const after = source.rebuild();
    expect(after.data.dev.errors).toBe(0);
    expect(after.change.kind).toBe("site");
    expect(after.data.model).not.toBe(before.model);
  });

  it("a change to a registry or a publisher rebuilds the whole model, and so does a new or deleted document", () => {
    const source = new DevSiteDataSource(dir);
    source.rebuild();
    edit("content/_registries/topics.yaml", (text) => `${text}\n`);
    expect(source.rebuild().change.kind).toBe("none");
    edit("content/testby/_publisher.yaml", (text) => text.replace("nb: Testby kommune", "nb: Testby kommune (ny)"));
    expect(source.rebuild().change.kind).toBe("site");
    writeFileSync(path.join(dir, "content/testby/ny.md"), doc(VALID_FRONT_MATTER));
    expect(source.rebuild().change.kind).toBe("site");
    rmSync(path.join(dir, "content/testby/ny.md"));
    expect(source.rebuild().change.kind).toBe("site");
  });

  it("a whole-model rebuild makes the search records of the changed documents only, the records a fresh start makes", () => {
    const source = new DevSiteDataSource(dir);
    const fresh = () => new DevSiteDataSource(dir).rebuild().data.model.searchRecords;
    const recordOf = (data: DevSiteData, file: string) => data.model.searchRecords[data.model.documents.findIndex((view) => view.doc.file === file)];
    const first = source.rebuild().data;
    expect(source.records).toMatchObject({ made: 2, reused: 0 });

    edit(LIKESTILLING, (text) => text.replace("title: Likestilling i Testby", "title: Likestilling i Testby kommune"));
    const retitled = source.rebuild();
    expect(retitled.change.kind).toBe("site");
    expect(source.records).toMatchObject({ made: 1, reused: 1 });
    expect(recordOf(retitled.data, SENTRUM_FILE)).toBe(recordOf(first, SENTRUM_FILE));
    expect(recordOf(retitled.data, LIKESTILLING)!.title).toBe("Likestilling i Testby kommune");
    expect(retitled.data.model.searchRecords).toEqual(fresh());

    // A record names its publishers (a district's, its city's too) and its topics: each change makes every record again.
    edit("content/testby/_publisher.yaml", (text) => text.replace("nb: Testby kommune", "nb: Testby bykommune"));
    const renamed = source.rebuild().data;
    expect(source.records).toMatchObject({ made: 2, reused: 0 });
    expect(JSON.stringify(recordOf(renamed, SENTRUM_FILE))).toContain("Testby bykommune");
    expect(renamed.model.searchRecords).toEqual(fresh());
    edit("content/_registries/topics.yaml", (text) => text.replace("nb: Integrering", "nb: Inkludering"));
    const relabelled = source.rebuild().data;
    expect(source.records).toMatchObject({ made: 2, reused: 0 });
    expect(JSON.stringify(recordOf(relabelled, SENTRUM_FILE))).toContain("Inkludering");
    expect(relabelled.model.searchRecords).toEqual(fresh());
    // And its key figures' indicators.
    edit("content/_registries/indicators.yaml", (text) => text.replace("en: Share of immigrants", "en: Immigrant share"));
    const indicators = source.rebuild().data;
    expect(source.records).toMatchObject({ made: 2, reused: 0 });
    expect(JSON.stringify(recordOf(indicators, LIKESTILLING))).toContain("Immigrant share");
    expect(indicators.model.searchRecords).toEqual(fresh());
  });
});

describe("the dev site", () => {
  const output = () => path.join(dir, "_site");
  const read = (file: string) => readFileSync(path.join(output(), file), "utf8");

  it("renders the whole site first, then only the edited document's pages", async () => {
    const site = new DevSite(dir, output());
    const first = await site.update();
    expect(first.kind).toBe("site");
    expect(first.files.length).toBeGreaterThan(20);
    expect(read("dokumenter/testby/likestilling-i-testby/index.html")).toContain("Likestilling i Testby");
    const homeBefore = statSync(path.join(output(), "index.html")).mtimeMs;

    edit(LIKESTILLING, (text) => `${text}\nEt avsnitt skrevet i forhåndsvisningen.\n`);
    const second = await site.update([LIKESTILLING]);
    expect(second.kind).toBe("pages");
    // Every page made from the document: its page, embed view, oEmbed file and citations, in both locales.
    expect(second.files.map((file) => path.relative(output(), file)).sort()).toEqual([
      "dokumenter/testby/likestilling-i-testby/cite.bib",
      "dokumenter/testby/likestilling-i-testby/cite.csl.json",
      "dokumenter/testby/likestilling-i-testby/index.html",
      "dokumenter/testby/likestilling-i-testby/oembed.json",
      "en/documents/testby/likestilling-i-testby/cite.bib",
      "en/documents/testby/likestilling-i-testby/cite.csl.json",
      "en/documents/testby/likestilling-i-testby/index.html",
      "en/documents/testby/likestilling-i-testby/oembed.json",
      "en/embed/testby/likestilling-i-testby/index.html",
      "innebygd/testby/likestilling-i-testby/index.html",
    ]);
    expect(read("dokumenter/testby/likestilling-i-testby/index.html")).toContain("Et avsnitt skrevet i forhåndsvisningen.");
    expect(read("innebygd/testby/likestilling-i-testby/index.html")).toContain("Et avsnitt skrevet i forhåndsvisningen.");
    expect(read("en/documents/testby/likestilling-i-testby/index.html")).toContain("Et avsnitt skrevet i forhåndsvisningen.");
    expect(statSync(path.join(output(), "index.html")).mtimeMs).toBe(homeBefore);

    edit(LIKESTILLING, (text) => text.replace("title: Likestilling i Testby", "title: Likestilling i Testby kommune"));
    const third = await site.update([LIKESTILLING]);
    expect(third.kind).toBe("site");
    expect(read("index.html")).toContain("Likestilling i Testby kommune");

    // The search index is written in the background and catches up.
    await site.searchIndexed();
    expect(JSON.parse(read("pagefind/pagefind-entry.json")).languages).toBeDefined();
  });

  it("adds a page at an old address named in movedFrom, and removes it when the address is taken out", async () => {
    const site = new DevSite(dir, output());
    await site.update();
    const moved = ["dokumenter/testby/likestilling/index.html", "en/embed/testby/likestilling/index.html"];
    const exists = () => moved.map((file) => existsSync(path.join(output(), file)));
    expect(exists()).toEqual([false, false]);
    edit(LIKESTILLING, (text) => text.replace("type: presentation", "type: presentation\nmovedFrom: [testby/likestilling]"));
    expect((await site.update([LIKESTILLING])).kind).toBe("site");
    expect(exists()).toEqual([true, true]);
    expect(read(moved[0]!)).toContain('<meta http-equiv="refresh" content="0; url=/dokumenter/testby/likestilling-i-testby/">');
    edit(LIKESTILLING, (text) => text.replace("\nmovedFrom: [testby/likestilling]", ""));
    expect((await site.update([LIKESTILLING])).kind).toBe("site");
    expect(exists()).toEqual([false, false]);
  });

  it("gives a publisher's old address of a document to a document that names it itself, and back when that one is gone", async () => {
    edit("content/testby/_publisher.yaml", (text) => `${text}movedFrom: [nabo]\n`);
    const site = new DevSite(dir, output());
    await site.update();
    await site.pagesRecorded();
    const old = "dokumenter/nabo/likestilling-i-testby/index.html";
    const sendsTo = (file: string) => /http-equiv="refresh" content="0; url=([^"]+)"/.exec(read(file))?.[1];
    expect(sendsTo(old)).toBe("/dokumenter/testby/likestilling-i-testby/");
    // Another document says it was there: its own movedFrom wins over a publisher's. Likestilling's file, its related
    // list and its dates are as they were; only its old addresses changed.
    const listed = "\nmovedFrom: [nabo/likestilling-i-testby]";
    edit(SENTRUM_FILE, (text) => text.replace("\ntype: report", `\ntype: report${listed}`));
    expect((await site.update([SENTRUM_FILE])).kind).toBe("site");
    expect(sendsTo(old)).toBe("/dokumenter/testby-sentrum/integrering-i-sentrum/");
    // Taken out again, the address is Likestilling's once more.
    edit(SENTRUM_FILE, (text) => text.replace(listed, ""));
    expect((await site.update([SENTRUM_FILE])).kind).toBe("site");
    expect(sendsTo(old)).toBe("/dokumenter/testby/likestilling-i-testby/");
  });

  it("on a whole-site render writes only the pages whose key changed, and every page when the settings change", async () => {
    let code = "templates 1";
    const site = new DevSite(dir, output(), undefined, { pageCode: () => code });
    await site.update();
    // The first render's keys are recorded after it.
    await site.pagesRecorded();
    const untouched = ["veiledning/index.html", "dokumenter/testby-sentrum/integrering-i-sentrum/cite.bib"];
    /** Gives each file a modification time of 2001, then after `step`, whether it still has it (it was not written). */
    const keptThrough = async (files: string[], step: () => Promise<unknown>) => {
      const past = new Date("2001-01-01T00:00:00Z");
      for (const file of files) utimesSync(path.join(output(), file), past, past);
      await step();
      return files.map((file) => statSync(path.join(output(), file)).mtimeMs === past.getTime());
    };
    const retitle = (title: string) => edit(LIKESTILLING, (text) => text.replace(/^title: .*$/m, `title: ${title}`));
    let update: Awaited<ReturnType<DevSite["update"]>> | undefined;
    const renderAgain = async () => {
      update = await site.update([LIKESTILLING]);
      await site.relatedRefreshed();
    };

    retitle("Likestilling i hele Testby");
    const keyed = vi.spyOn(PageKeys.prototype, "key");
    expect(await keptThrough([...untouched, "index.html", "dokumenter/testby/likestilling-i-testby/index.html"], renderAgain)).toEqual([
      true,
      true,
      false,
      false,
    ]);
    // Only the retitled document's pages were keyed: the other document's pages do not show it (no related list names it).
    const keyedDocuments = keyed.mock.calls.filter(([kind]) => kind === "document").map(([, page]) => (page as DocumentPage).url);
    keyed.mockRestore();
    expect(keyedDocuments.sort()).toEqual(["/dokumenter/testby/likestilling-i-testby/", "/en/documents/testby/likestilling-i-testby/"]);
    expect(update!.kind).toBe("site");
    expect(update!.unchanged).toBeGreaterThan(untouched.length);
    expect(read("index.html")).toContain("Likestilling i hele Testby");
    const written = update!.files.map((file) => path.relative(output(), file));
    expect(written).toContain("dokumenter/testby/likestilling-i-testby/index.html");
    for (const file of untouched) expect(written).not.toContain(file);
    // The retitled document's card is drawn and placed; the other is linked to its drawing already, and left.
    const cards = filesUnder(output()).filter((file) => file.endsWith(".png") && file.startsWith("social/"));
    expect(cards.length).toBeGreaterThan(1);
    expect(cards.filter((file) => written.includes(file))).toEqual(["social/testby/likestilling-i-testby.png"]);

    // A page removed from the folder by hand is written again.
    rmSync(path.join(output(), "veiledning/index.html"));
    retitle("Likestilling i Testby igjen");
    await renderAgain();
    expect(read("veiledning/index.html")).toContain("<html");

    // So is the page build code (a template, an asset or Lysark's code changed), taken again for each whole-site render.
    code = "templates 2";
    retitle("Likestilling i Testby enda en gang");
    expect(await keptThrough(untouched, renderAgain)).toEqual([false, false]);

    // site.config.json is part of every page's key.
    const config = path.join(dir, "site.config.json");
    writeFileSync(config, `${JSON.stringify({ ...JSON.parse(readFileSync(config, "utf8")), repository: "https://example.org/lysark" }, null, 2)}\n`);
    expect(await keptThrough(untouched, async () => (update = await site.update(["site.config.json"])))).toEqual([false, false]);
    await site.searchIndexed();
  });

  it("replaces the pages of a site npm run build wrote there instead of writing into them, which changed the build's kept pages", async () => {
    expect((await build({ root: dir })).ok).toBe(true);
    const kept = path.join(dir, ".cache", "lysark", "pages");
    /** Each kept page whose content is not the one its name says. */
    const unsound = () =>
      readdirSync(kept, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
        .filter((entry) => sha256(readFileSync(path.join(entry.parentPath, entry.name))) !== entry.name.slice(0, -".html".length))
        .map((entry) => entry.name);
    expect(readdirSync(kept).length).toBeGreaterThan(10);
    const site = new DevSite(dir, output());
    await site.update();
    // The dev server's pages differ from the build's (they have its problem banner), so every page was written.
    expect(read("index.html")).toContain("dev-problems");
    expect(unsound()).toEqual([]);

    // A build of the project while the server runs swaps in its own site: an edit then replaces its pages as well,
    // and the next whole-site render writes every page again, none of the build's being one the server wrote.
    await site.searchIndexed();
    expect((await build({ root: dir })).ok).toBe(true);
    expect(read("index.html")).not.toContain("dev-problems");
    edit(LIKESTILLING, (text) => `${text}\nEt avsnitt skrevet i forhåndsvisningen.\n`);
    expect((await site.update([LIKESTILLING])).kind).toBe("pages");
    await site.relatedRefreshed();
    expect(read("dokumenter/testby/likestilling-i-testby/index.html")).toContain("dev-problems");
    expect(unsound()).toEqual([]);
    edit(LIKESTILLING, (text) => text.replace(/^title: .*$/m, "title: Likestilling i hele Testby"));
    expect((await site.update([LIKESTILLING])).kind).toBe("site");
    expect(read("veiledning/index.html")).toContain("dev-problems");
    await site.relatedRefreshed();
    await site.searchIndexed();
  });

  it("swaps each search index in whole: the one before stays for a search page opened on it, older ones and what a stopped server left go", async () => {
    // A slice folder a server stopped mid-index leaves (npm start refused to start on it).
    mkdirSync(path.join(output(), "pagefind.slice-2"), { recursive: true });
    writeFileSync(path.join(output(), "pagefind.slice-2", "left.pf_fragment"), "");
    const site = new DevSite(dir, output());
    const searchFolders = () => readdirSync(output()).filter((name) => name.startsWith("pagefind"));
    const metas = () => readdirSync(path.join(output(), "pagefind")).filter((name) => name.endsWith(".pf_meta"));
    await site.update();
    await site.searchIndexed();
    expect(searchFolders()).toEqual(["pagefind"]);
    const [first] = metas();
    for (const paragraph of ["Første nye avsnitt.", "Andre nye avsnitt."]) {
      edit(LIKESTILLING, (text) => `${text}\n${paragraph}\n`);
      await site.update([LIKESTILLING]);
      await site.searchIndexed();
    }
    // Each index was written beside the bundle and swapped in; written into it, all three indexes' files stayed.
    expect(searchFolders()).toEqual(["pagefind"]);
    expect(metas()).toHaveLength(2);
    expect(metas()).not.toContain(first);
    const entry = JSON.parse(read("pagefind/pagefind-entry.json")) as { languages: Record<string, { hash: string }> };
    const [{ hash }] = Object.values(entry.languages) as [{ hash: string }];
    expect(metas()).toContain(`pagefind.${hash}.pf_meta`);
  });

  it("scores the related lists again after a body edit and renders the other documents whose list changed, as a fresh start would", async () => {
    const body = (words: string) => `## Lysbilde\n\n${words}\n`;
    const front = (title: string) => VALID_FRONT_MATTER.replace("Et dokument", title);
    const FIRST = "content/testby/forste.md";
    const OTHER = "content/testby/andre.md";
    const THIRD = "content/testby/tredje.md";
    writeFileSync(path.join(dir, FIRST), doc(front("Første"), body("Sykkelveg sykkelparkering sykkelstrategi bysykkel.")));
    writeFileSync(path.join(dir, OTHER), doc(front("Andre"), body("Sykkelveg sykkelparkering sykkelstrategi bysykkel.")));
    writeFileSync(path.join(dir, THIRD), doc(front("Tredje"), body("Vannverk avløpsnett overvann vannledning.")));
    const logged: string[] = [];
    const written: string[][] = [];
    const site = new DevSite(dir, output(), { problems: () => {}, info: (message) => logged.push(message), written: (files) => written.push(files) });
    await site.update();
    const related = (file: string) => {
      const html = readFileSync(path.join(output(), file), "utf8");
      return [...html.slice(html.indexOf('id="related-heading"')).matchAll(/>(Første|Andre|Tredje)</g)].map((match) => match[1]);
    };
    const THIRD_PAGE = "dokumenter/testby/tredje/index.html";
    expect(related(THIRD_PAGE)[0]).not.toBe("Første");

    // The first document now talks about water: the third's list, a page not edited, puts it first.
    edit(FIRST, (text) => text.replace("Sykkelveg sykkelparkering sykkelstrategi bysykkel.", "Vannverk avløpsnett overvann vannledning."));
    const update = await site.update([FIRST]);
    expect(update.kind).toBe("pages");
    expect(update.files.some((file) => file.includes("tredje"))).toBe(false);
    await site.relatedRefreshed();
    expect(related(THIRD_PAGE)[0]).toBe("Første");
    expect(written.flat().some((file) => file.endsWith(path.join("tredje", "index.html")))).toBe(true);
    expect(logged.some((message) => /^Related documents updated on \d+ document\(s\)$/.test(message))).toBe(true);

    const afresh = path.join(dir, "_afresh");
    const fresh = new DevSite(dir, afresh);
    await fresh.update();
    for (const file of [THIRD_PAGE, "dokumenter/testby/andre/index.html", "en/documents/testby/tredje/index.html"]) {
      expect(readFileSync(path.join(output(), file), "utf8"), file).toBe(readFileSync(path.join(afresh, file), "utf8"));
    }
    await Promise.all([site.searchIndexed(), fresh.searchIndexed()]);
  });

  it("after each edit serves what a dev server started afresh serves: an edited body, a new title, date, topic or key figure in the listings, related lists and tables, an added and a removed document", async () => {
    /** Every file under `root` but the search index's (written in the background), with its bytes. */
    const files = (root: string) =>
      new Map(
        readdirSync(root, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
          .filter((file) => !isSearchOutput(file.split(path.sep)[0]!))
          .sort()
          .map((file) => [file, readFileSync(path.join(root, file), "utf8")]),
      );
    // Documents that list one another as related: a site-wide edit of one changes the others' pages too.
    const OTHER = "content/testby/andre.md";
    const THIRD = "content/testby-sentrum/tredje.md";
    const cycling = "## Lysbilde\n\nSykkelveg sykkelparkering sykkelstrategi bysykkel.\n";
    writeFileSync(path.join(dir, OTHER), doc(VALID_FRONT_MATTER.replace("Et dokument", "Andre").concat("\ntopics: [likestilling]"), cycling));
    writeFileSync(
      path.join(dir, THIRD),
      doc(VALID_FRONT_MATTER.replace("Et dokument", "Tredje").replace("publisher: testby", "publisher: testby-sentrum"), cycling),
    );
    const site = new DevSite(dir, output());
    await site.update();
    // The first render's keys, recorded after it: a whole-site render then keys only the documents an edit can change.
    await site.pagesRecorded();
    const NEW = "content/testby/ny.md";
    const steps: Array<[string, string, () => void]> = [
      ["pages", LIKESTILLING, () => edit(LIKESTILLING, (text) => `${text}\nEt avsnitt skrevet i forhåndsvisningen.\n`)],
      ["site", LIKESTILLING, () => edit(LIKESTILLING, (text) => text.replace("title: Likestilling i Testby", "title: Likestilling i Testby kommune"))],
      ["site", LIKESTILLING, () => edit(LIKESTILLING, (text) => text.replace("    value: 4900\n", "    value: 5100\n"))],
      ["site", OTHER, () => edit(OTHER, (text) => text.replace("title: Andre", "title: Andre, med ny tittel"))],
      ["site", THIRD, () => edit(THIRD, (text) => text.replace("date: 2012-05-01", "date: 2009-11"))],
      ["site", OTHER, () => edit(OTHER, (text) => text.replace("topics: [likestilling]", "topics: [integrering]"))],
      ["pages", THIRD, () => edit(THIRD, (text) => text.replace("bysykkel.", "bysykkel og likestilling i Testby."))],
      ["site", THIRD, () => edit(THIRD, (text) => text.replace("title: Tredje", "title: Tredje og siste"))],
      ["site", NEW, () => writeFileSync(path.join(dir, NEW), doc(VALID_FRONT_MATTER.replace("Et dokument", "Et nytt dokument")))],
      ["pages", NEW, () => edit(NEW, (text) => `${text}\nOgså dette.\n`)],
      ["site", NEW, () => rmSync(path.join(dir, NEW))],
    ];
    for (const [kind, file, step] of steps) {
      step();
      expect((await site.update([file])).kind).toBe(kind);
      await site.relatedRefreshed();
      const afresh = path.join(dir, "_afresh");
      const fresh = new DevSite(dir, afresh);
      await fresh.update();
      const served = files(output());
      expect([...served.keys()]).toEqual([...files(afresh).keys()]);
      for (const [name, text] of files(afresh)) expect(served.get(name), name).toBe(text);
      // Its search index is written in the background: removing the folder before it is done fails with ENOTEMPTY.
      await fresh.searchIndexed();
      rmSync(afresh, { recursive: true });
    }
    expect(readFileSync(path.join(output(), "index.html"), "utf8")).toContain("Likestilling i Testby kommune");
    expect(readFileSync(path.join(output(), "dokumenter/testby/likestilling-i-testby/index.html"), "utf8")).toContain(
      "Et avsnitt skrevet i forhåndsvisningen.",
    );
    await site.searchIndexed();
  });

  it("records the first render's keys again when an edit stopped their recording, so a title edit after it writes only what changed", async () => {
    const site = new DevSite(dir, output());
    await site.update();
    // Saved at once: the body edit stops the recording of the first render's keys at its start.
    edit(LIKESTILLING, (text) => `${text}\nEt avsnitt skrevet med en gang.\n`);
    expect((await site.update([LIKESTILLING])).kind).toBe("pages");
    await site.relatedRefreshed();
    await site.pagesRecorded();
    edit(LIKESTILLING, (text) => text.replace("title: Likestilling i Testby", "title: Likestilling i Testby kommune"));
    const update = await site.update([LIKESTILLING]);
    expect(update.kind).toBe("site");
    const written = update.files.map((file) => path.relative(output(), file));
    expect(written).toContain("dokumenter/testby/likestilling-i-testby/index.html");
    // The guide shows no document, and the other document does not list this one: as they were.
    for (const file of ["veiledning/index.html", "dokumenter/testby-sentrum/integrering-i-sentrum/index.html"]) expect(written).not.toContain(file);
    expect(read("index.html")).toContain("Likestilling i Testby kommune");
    await site.searchIndexed();
  });

  it("keys a document's pages again when they were written after their inputs were recorded: a body edit, undone in a save with a site-wide edit", async () => {
    const NEW = "content/testby-sentrum/ny.md";
    const site = new DevSite(dir, output());
    await site.update();
    await site.pagesRecorded();
    const page = "dokumenter/testby/likestilling-i-testby/index.html";
    const original = readFileSync(path.join(dir, LIKESTILLING), "utf8");
    edit(LIKESTILLING, (text) => `${text}\nEt avsnitt som angres.\n`);
    expect((await site.update([LIKESTILLING])).kind).toBe("pages");
    await site.relatedRefreshed();
    expect(read(page)).toContain("Et avsnitt som angres.");
    // The document is as it was when its pages' inputs were recorded; its pages, as written since, are not.
    writeFileSync(path.join(dir, LIKESTILLING), original);
    writeFileSync(path.join(dir, NEW), doc(VALID_FRONT_MATTER.replace("publisher: testby", "publisher: testby-sentrum"), "## Vann\n\nOvervann.\n"));
    expect((await site.update([LIKESTILLING, NEW])).kind).toBe("site");
    expect(read(page)).not.toContain("Et avsnitt som angres.");
    await site.searchIndexed();
  });

  it("re-renders the whole site when a file other than a document changes (a template, a registry, the config)", async () => {
    const site = new DevSite(dir, output());
    await site.update();
    expect((await site.update(["content/_registries/topics.yaml"])).kind).toBe("site");
    expect((await site.update([path.join(dir, "site.config.json")])).kind).toBe("site");
    await site.searchIndexed();
  });

  it("serves the problems for every page's banner while content is broken, in the page's language, and clears them when fixed", async () => {
    const site = new DevSite(dir, output());
    await site.update();
    // Every dev page has the slot the banner script fills; a normal build has neither.
    for (const file of ["index.html", "en/index.html", "dokumenter/testby/likestilling-i-testby/index.html"]) {
      expect(read(file), file).toContain('<div id="lysark-dev-problems" data-locale=');
      expect(read(file), file).toContain('<script src="/assets/dev-problems.js" defer></script>');
    }
    expect(site.problemsHtml("nb")).toBe("");

    edit(LIKESTILLING, (text) => text.replace("date: 2011-03-15", "date: 2011-02-30"));
    const broken = await site.update([LIKESTILLING]);
    expect(broken).toMatchObject({ kind: "none", files: [] });
    const nb = site.problemsHtml("nb");
    expect(nb).toContain('<section class="dev-problems" aria-labelledby="dev-problems-title">');
    expect(nb).toMatch(/<code>content\/testby\/likestilling-i-testby\.md:\d+:\d+<\/code> <code>date<\/code>: is not a real calendar date/);
    expect(nb).toContain("Innholdet har 1 feil");
    expect(nb).toContain("Forhåndsvisningen viser siste gyldige versjon.");
    expect(site.problemsHtml("en")).toContain("The content has 1 error");
    // The last good page stays.
    expect(read("dokumenter/testby/likestilling-i-testby/index.html")).toContain('<time datetime="2011-03-15">');

    edit(LIKESTILLING, (text) => text.replace("date: 2011-02-30", "date: 2011-03-15"));
    await site.update([LIKESTILLING]);
    expect(site.problemsHtml("nb")).toBe("");

    await site.searchIndexed();
    expect((await build({ root: dir })).ok).toBe(true);
    expect(readOutput(dir, "index.html")).not.toContain("dev-problems");
  });
});

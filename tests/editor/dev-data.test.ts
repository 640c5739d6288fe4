/**
 * The dev server's data source: re-parses only changed documents, survives
 * content errors with the last good model plus the problems, and recovers.
 */
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configure, packageRoot, type EleventyConfig } from "../../.eleventy.ts";
import { build } from "../../scripts/build/build.ts";
import { DevSiteDataSource, type DevSiteData } from "../../scripts/editor/dev-data.ts";
import { doc, makeProject, readOutput, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";

let dir: string;
beforeEach(() => { dir = makeProject(); });
afterEach(() => removeProject(dir));

const LIKESTILLING = "content/testby/likestilling-i-testby.md";
const SENTRUM_TITLE = 'Integrering i sentrum <script>alert("x")</script>';
const titles = (data: DevSiteData) => data.model.documents.map((view) => view.doc.meta.title).sort();
const edit = (file: string, change: (text: string) => string) => writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), "utf8")));

describe("the dev server's site data", () => {
  it("parses every document once, then only the ones whose bytes changed", () => {
    const source = new DevSiteDataSource(dir);
    const first = source.rebuild();
    expect(first).toMatchObject({ parsed: 2, reused: 0 });
    expect(first.data.dev).toEqual({ problems: [], errors: 0, stale: false });

    const unchanged = source.rebuild();
    expect(unchanged).toMatchObject({ parsed: 0, reused: 2 });
    expect(titles(unchanged.data)).toEqual(titles(first.data));

    edit(LIKESTILLING, (text) => text.replace("title: Likestilling i Testby", "title: Likestilling i Testby kommune"));
    const touched = source.rebuild();
    expect(touched).toMatchObject({ parsed: 1, reused: 1 });
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
    const source = new DevSiteDataSource(dir, { problems: (problems) => logged.push(`${problems.length} problem(s)`), info: (message) => logged.push(message) });
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
    const fixed = source.rebuild().data;
    expect(fixed.dev).toEqual({ problems: [], errors: 0, stale: false });
    expect(fixed.model).not.toBe(good.model);
    expect(titles(fixed)).toEqual(titles(good));
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
  });
});

describe("the problem banner", () => {
  async function renderWith(data: DevSiteData): Promise<Map<string, string>> {
    const eleventy = new Eleventy(path.join(packageRoot, "pages"), path.join(dir, "_site"), {
      configPath: false,
      quietMode: true,
      config: (eleventyConfig: EleventyConfig) => {
        configure(dir)(eleventyConfig);
        eleventyConfig.addGlobalData("lysark", () => data);
      },
    });
    const pages = await eleventy.toJSON();
    return new Map(pages.map((page) => [page.url, page.content]));
  }

  it("shows every problem on every page in dev mode, and is absent from a normal build", async () => {
    const source = new DevSiteDataSource(dir);
    source.rebuild();
    edit(LIKESTILLING, (text) => text.replace("date: 2011-03-15", "date: 2011-02-30"));
    const pages = await renderWith(source.rebuild().data);
    for (const url of ["/", "/en/", "/dokumenter/testby/likestilling-i-testby/"]) {
      const html = pages.get(url) ?? "";
      expect(html, url).toContain('<section class="dev-problems" aria-labelledby="dev-problems-title">');
      expect(html, url).toMatch(/<code>content\/testby\/likestilling-i-testby\.md:\d+:\d+<\/code> <code>date<\/code>: is not a real calendar date/);
    }
    expect(pages.get("/")).toContain("Innholdet har 1 feil");
    expect(pages.get("/en/")).toContain("The content has 1 error(s)");
    expect(pages.get("/")).toContain("Forhåndsvisningen viser siste gyldige versjon.");

    edit(LIKESTILLING, (text) => text.replace("date: 2011-02-30", "date: 2011-03-15"));
    const recovered = await renderWith(source.rebuild().data);
    expect(recovered.get("/")).not.toContain("dev-problems");

    expect((await build({ root: dir })).ok).toBe(true);
    expect(readOutput(dir, "index.html")).not.toContain("dev-problems");
  });
});

/**
 * The output plan lists every file a build writes, each with one source; two
 * sources for one path stop the build with an error naming both.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { checkProject } from "../../scripts/content/check-project.ts";
import { siteTopLevelNames } from "../../scripts/build/output-folder.ts";
import { OutputConflict, OutputPlan, planOutput, SEARCH_FOLDER } from "../../scripts/build/output-plan.ts";
import { PAGE_TABLE } from "../../scripts/site/page-table.ts";
import { loadSiteData } from "../../scripts/site/site-data.ts";
import { applyChanges, filesUnder, makeProject, removeProject } from "../helpers/fixture.ts";

let dir: string;
beforeEach(() => {
  dir = makeProject();
});
afterEach(() => removeProject(dir));

describe("the output plan", () => {
  it("names every file of a built site exactly once, and every planned file is written", async () => {
    // An image, an attachment and an earlier address, so every kind of source and page is there.
    applyChanges(dir, {
      "content/testby/likestilling-i-testby.md": readFileSync(path.join(dir, "content/testby/likestilling-i-testby.md"), "utf8")
        .replace(
          "summary: En kort presentasjon.",
          "summary: En kort presentasjon.\nattachments:\n  - file: original.pptx\n    title: Original\nmovedFrom: [testby/likestilling]",
        )
        .replace("Første lysbilde.", "Første lysbilde.\n\n![Et kart](kart.png)"),
      "content/testby/original.pptx": "PK not really a pptx",
      "content/testby/kart.png": tinyPng(),
      // A renamed publisher: its old page and feed.
      "content/testby-sentrum/_publisher.yaml": `${readFileSync(path.join(dir, "content/testby-sentrum/_publisher.yaml"), "utf8")}movedFrom: [sentrum]\n`,
    });
    const result = await build({ root: dir });
    expect(result.problems.filter((problem) => problem.severity === "error")).toEqual([]);
    const plan = result.plan!;
    const files = filesUnder(path.join(dir, "_site")).map((file) => `/${file}`);
    const unplanned = files.filter((file) => plan.sourceOf(file) === undefined);
    expect(unplanned).toEqual([]);
    const claimed = plan.claimedFiles();
    expect(new Set(claimed).size).toBe(claimed.length);
    // Outside the search index's folder, the files written are exactly the files claimed.
    expect(files.filter((file) => !file.startsWith(SEARCH_FOLDER)).sort()).toEqual([...claimed].sort());
    expect(files.some((file) => file.startsWith(SEARCH_FOLDER))).toBe(true);
    // The next build replaces this site only if every name at its top is one a site may have (build/output-folder.ts).
    expect([...new Set(files.map((file) => file.split("/")[1]!))].filter((name) => !siteTopLevelNames().has(name))).toEqual([]);
    for (const prefix of ["/assets/", "/media/", "/social/"])
      expect(
        claimed.some((file) => file.startsWith(prefix)),
        prefix,
      ).toBe(true);
    expect(plan.sourceOf("/dokumenter/testby/likestilling-i-testby/original.pptx")).toMatch(
      /^attachment "original.pptx" of content\/testby\/likestilling-i-testby.md:\d+$/,
    );
    // Every kind of page in the table has its files in the site.
    const data = loadSiteData(dir);
    for (const kind of PAGE_TABLE) {
      const pages = kind.pages(data);
      expect(pages.length, kind.kind).toBeGreaterThan(0);
      for (const page of pages) expect(files, kind.kind).toContain(kind.file(page));
    }
  });

  /** Builds the site, then lists `written` as a document's attachment, with `file` holding `text`; gives the home page as built. */
  const buildThenAttach = async (written: string, file: string, text: string): Promise<string> => {
    expect((await build({ root: dir })).ok).toBe(true);
    const before = readFileSync(path.join(dir, "_site/index.html"), "utf8");
    const documentFile = "content/testby/likestilling-i-testby.md";
    applyChanges(dir, {
      [documentFile]: readFileSync(path.join(dir, documentFile), "utf8").replace(
        "summary: En kort presentasjon.",
        `summary: En kort presentasjon.\nattachments:\n  - file: ${written}`,
      ),
      [`content/testby/${file}`]: text,
    });
    return before;
  };

  // An attachment named as a file the site writes beside the page would be a second source for it (OutputConflict,
  // the plan's own test below): the check refuses it first, as it refuses index.html as a type a browser would run.
  it.each(["cite.csl.json", "oembed.json"])(
    "an attachment named %s, as a file written beside the page, stops the build at the check; the last site stays",
    async (name) => {
      const before = await buildThenAttach(name, name, "@misc{not, title={the citation}}\n");
      const result = await build({ root: dir });
      expect(result.ok).toBe(false);
      expect(result.problems.map((problem) => `${problem.file}:${problem.line} ${problem.field}: ${problem.message}`)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^content/testby/likestilling-i-testby\\.md:\\d+ attachments\\.0\\.file: "${name.replace(/\./g, "\\.")}" has the name of a file the site writes beside the document's page \\(`,
          ),
        ),
      ]);
      expect(readFileSync(path.join(dir, "_site/index.html"), "utf8")).toBe(before);
      expect(readdirSync(dir).filter((name) => name.includes(".building-"))).toEqual([]);
    },
  );

  // Written "./oembed.json" it passed the check, and the site's file overwrote the attachment; in a folder named
  // index.html, check passed and the build stopped on EISDIR, naming no file or field.
  it.each([
    ["./oembed.json", "oembed.json", '"./oembed.json" must name the file plainly, without "." or ".." folders or a doubled "/": write "oembed.json".'],
    [
      "sub/../cite.csl.json",
      "cite.csl.json",
      '"sub/../cite.csl.json" must name the file plainly, without "." or ".." folders or a doubled "/": write "cite.csl.json".',
    ],
    [
      "vedlegg//notat.pdf",
      "vedlegg/notat.pdf",
      '"vedlegg//notat.pdf" must name the file plainly, without "." or ".." folders or a doubled "/": write "vedlegg/notat.pdf".',
    ],
    [
      "index.html/notat.pdf",
      "index.html/notat.pdf",
      '"index.html/notat.pdf" is in a folder named "index.html", the name of a file the site writes beside the document\'s page (the page itself). Rename the folder, e.g. "index-html/notat.pdf".',
    ],
    [
      "oembed.json/notat.pdf",
      "oembed.json/notat.pdf",
      '"oembed.json/notat.pdf" is in a folder named "oembed.json", the name of a file the site writes beside the document\'s page (its oEmbed file). Rename the folder, e.g. "oembed-json/notat.pdf".',
    ],
  ])("an attachment written %s stops check and build with the field and a fix; the last site stays", async (written, file, message) => {
    const before = await buildThenAttach(written, file, "%PDF-1.4\n%%EOF\n");
    const expected = [expect.stringMatching(/^content\/testby\/likestilling-i-testby\.md:\d+ attachments\.0\.file: /)];
    const checked = await checkProject(dir);
    expect(checked.problems.map((problem) => `${problem.file}:${problem.line} ${problem.field}: ${problem.message}`)).toEqual(expected);
    expect(checked.problems[0]!.message).toBe(message);
    const result = await build({ root: dir });
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.message)).toEqual([message]);
    expect(readFileSync(path.join(dir, "_site/index.html"), "utf8")).toBe(before);
  });

  it("describes a file's source only when asked: planning parses no front-matter again", () => {
    applyChanges(dir, {
      "content/testby/likestilling-i-testby.md": readFileSync(path.join(dir, "content/testby/likestilling-i-testby.md"), "utf8").replace(
        "summary: En kort presentasjon.",
        "summary: En kort presentasjon.\nattachments:\n  - file: original.pptx",
      ),
      "content/testby/original.pptx": "PK not really a pptx",
    });
    const data = loadSiteData(dir);
    const doc = data.model.documents.find((view) => view.doc.assets.attachments.length > 0)!.doc;
    const fieldLine = doc.fieldLine.bind(doc);
    let lookups = 0;
    doc.fieldLine = (field) => {
      lookups++;
      return fieldLine(field);
    };
    const plan = planOutput(data);
    expect(lookups).toBe(0);
    const source = plan.sourceOf("/dokumenter/testby/likestilling-i-testby/original.pptx");
    expect(source).toMatch(/^attachment "original.pptx" of content\/testby\/likestilling-i-testby.md:\d+$/);
    expect(lookups).toBe(1);
    expect(plan.sourceOf("/dokumenter/testby/likestilling-i-testby/index.html")).toBe("the nb page of content/testby/likestilling-i-testby.md");
    expect(plan.sourceOf("/dokumenter/testby/likestilling-i-testby/cite.csl.json")).toBe("the citation file of content/testby/likestilling-i-testby.md (nb)");
    // The plan kept for a reused site holds the words.
    expect(plan.toEntries().files.every(([, claim]) => typeof claim.source === "string")).toBe(true);
  });

  it("allows one source per path, shares content-hashed files, and reserves folders whole", () => {
    const plan = new OutputPlan();
    plan.claim("/a/index.html", "page A");
    expect(() => plan.claim("/a/index.html", "file B")).toThrow(/\/a\/index.html: two sources .*page A, and file B/);
    plan.claim("/media/x.png", "image of one.md", "image:/media/x.png");
    expect(() => plan.claim("/media/x.png", "image of two.md", "image:/media/x.png")).not.toThrow();
    plan.reserveFolder("/pagefind/", "the search index");
    expect(() => plan.claim("/pagefind/pagefind.js", "an attachment")).toThrow(OutputConflict);
    expect(() => plan.reserveFolder("/a/", "another folder")).toThrow(/page A/);
    expect(plan.sourceOf("/pagefind/fragment/x.pf_fragment")).toBe("the search index");
    expect(plan.sourceOf("/nowhere")).toBeUndefined();
    // Shared only with a claim of the same content key: not with another key, nor with a claim that shares nothing.
    expect(() => plan.claim("/media/x.png", "image of three.md", "image:other")).toThrow(/image of one\.md, and image of three\.md/);
    expect(() => plan.claim("/a/index.html", "file C", "image:/a/index.html")).toThrow(/page A, and file C/);
    expect(() => plan.claim("/media/x.png", "file D")).toThrow(/image of one\.md, and file D/);
    // Paths as written are the same file: doubled and missing slashes.
    expect(() => plan.claim("a//index.html", "file E")).toThrow(/^\/a\/index\.html: two sources/);
    expect(plan.sourceOf("media/x.png")).toBe("image of one.md");
    // Plain data and back: the sources in words, the shared file still shared.
    plan.claim("/b/", { describe: () => "folder page B" });
    const again = OutputPlan.fromEntries(plan.toEntries());
    expect(again.toEntries()).toEqual(plan.toEntries());
    expect(again.claimedFiles()).toEqual(["/a/index.html", "/media/x.png", "/b/"]);
    expect(again.sourceOf("/b/")).toBe("folder page B");
    expect(() => again.claim("/media/x.png", "image of four.md", "image:/media/x.png")).not.toThrow();
    expect(() => again.claim("/a/index.html", "file F", "image:/a/index.html")).toThrow(/page A, and file F/);
  });
});

/** A 1×1 PNG. */
function tinyPng(): Uint8Array {
  return Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
}

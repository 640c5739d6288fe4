/**
 * The editor guide on the site: /veiledning/ and /en/guide/, rendered from
 * docs/editor-guide.*.md plus the generated front-matter reference.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { checkLinks } from "../../scripts/checks/links.ts";
import { checkProject } from "../../scripts/content/check-project.ts";
import { formatProblem } from "../../scripts/content/problems.ts";
import { planDocument } from "../../scripts/editor/scaffold.ts";
import { breakOpportunities, buildGuidePages, guideFile } from "../../scripts/docs/guide.ts";
import { alternatesFor, urlFor } from "../../scripts/i18n/routes.ts";
import { makeProject, readOutput, removeProject, repoRoot } from "../helpers/fixture.ts";

describe("the guide route", () => {
  it("has a translated address in each language", () => {
    expect(urlFor("nb", { kind: "guide" })).toBe("/veiledning/");
    expect(urlFor("en", { kind: "guide" })).toBe("/en/guide/");
    expect(alternatesFor({ kind: "guide" }).map((alternate) => alternate.url)).toEqual(["/veiledning/", "/en/guide/"]);
  });

  it("renders each language's own guide file, with links between the files rewritten for the site", () => {
    expect(guideFile("nb")).toBe(path.join(repoRoot, "docs", "editor-guide.nb.md"));
    const [nb, en] = buildGuidePages({ repository: "https://github.com/lysark/lysark", branch: "main" });
    expect(nb?.html).toContain('<h2 id="legg-til-et-dokument">Legg til et dokument</h2>');
    expect(en?.html).toContain('<h2 id="add-a-document">Add a document</h2>');
    expect(nb?.html).not.toContain("<h1"); // the page has its own title
    expect(nb?.html).toContain('<a href="/en/guide/">Editor guide</a>');
    expect(en?.html).toContain('<a href="/veiledning/">Veiledning for redaktører</a>');
    expect(en?.html).toContain('href="#front-matter-reference"');
    expect(en?.html).not.toMatch(/href="(?!https:)[^"]*\.md/);
    expect(en?.html).toContain('<a href="https://github.com/lysark/lysark/blob/main/docs/content-model.md" rel="noopener noreferrer">content model</a>');
    // Without a repository address, links to other repository files keep their text only.
    expect(buildGuidePages()[1]?.html).toMatch(/structured:\s*content model\.<\/p>/);
  });

  it("shows the English guide to a locale without its own, marked as English", () => {
    const docs = mkdtempSync(path.join(os.tmpdir(), "lysark-test-"));
    try {
      const english = readFileSync(path.join(repoRoot, "docs", "editor-guide.en.md"), "utf8");
      writeFileSync(path.join(docs, "editor-guide.en.md"), english);
      const [nb, en] = buildGuidePages({ docsDir: docs });
      expect(guideFile("nb", docs)).toBe(path.join(docs, "editor-guide.en.md"));
      expect(nb?.html).toMatch(/^<div lang="en">\n<p>[\s\S]*<h2 id="add-a-document">Add a document<\/h2>[\s\S]*<\/div>\n$/);
      expect(en?.html).not.toContain('<div lang="en">');
      expect(en?.html).toContain('<h2 id="add-a-document">Add a document</h2>');
    } finally {
      rmSync(docs, { recursive: true, force: true });
    }
  });

  it("ends with the generated reference, headings one level down", () => {
    const [nb] = buildGuidePages();
    expect(nb?.referenceHtml).toMatch(
      /^<h2 id="front-matter-reference">Front-matter reference<\/h2>\n<p class="lead" lang="nb">Referansen er generert fra koden/,
    );
    expect(nb?.referenceHtml).toContain('<h3 id="document-content-publisher-slug-md">');
    expect(nb?.referenceHtml).toContain("<td><code>keyFigures[]<wbr>.refDate</code></td>");
    expect(nb?.referenceHtml).not.toContain("Do not edit by hand");
  });

  it("lets long names in table cells break between their parts, never inside a word, and leaves prose outside tables alone", () => {
    expect(breakOpportunities("keyFigures[].breakdown[].labelTranslations", true)).toBe("keyFigures[]<wbr>.breakdown[]<wbr>.labelTranslations");
    expect(breakOpportunities("https://www.example.org/sagene.pptx", true)).toBe("https://<wbr>www<wbr>.example<wbr>.org<wbr>/sagene<wbr>.pptx");
    expect(breakOpportunities("0.92 or 1.5", true)).toBe("0.92 or 1.5");
    expect(breakOpportunities("content/_registries/topics.yaml. E.g. this", false)).toBe("content<wbr>/_registries<wbr>/topics.yaml. E.g. this");
    expect(breakOpportunities("npm run new-publisher -- x", true)).toBe('npm run <span class="nowrap">new-publisher</span> <span class="nowrap">--</span> x');
    expect(breakOpportunities("(YYYY-MM-DD, 0–9)", false)).toBe('<span class="nowrap">(YYYY-MM-DD,</span> <span class="nowrap">0–9)</span>');
    const [, en] = buildGuidePages();
    // The guide's prose has no <wbr>: only table cells do.
    expect(en?.html.replace(/<table>[\s\S]*?<\/table>/g, "")).not.toContain("<wbr>");
    expect(en?.referenceHtml).toContain("<td><code>keyFigures[]<wbr>.breakdown[]<wbr>.labelTranslations</code></td>");
  });

  it.each(["nb", "en"] as const)("quotes in %s the line the check prints for a misspelt type in the file npm run new made", async (locale) => {
    const guide = readFileSync(guideFile(locale), "utf8");
    const command = guide.match(/npm run new -- --publisher (\S+) --type (\S+) --title "([^"]+)"/u);
    const quoted = guide.match(/^content\/\S+\.md:\d+:\d+ type: "presentaton" .*$/mu);
    expect(command, "the guide's npm run new").not.toBeNull();
    expect(quoted, "the guide's example of a problem").not.toBeNull();
    const dir = mkdtempSync(path.join(os.tmpdir(), "lysark-test-"));
    try {
      cpSync(path.join(repoRoot, "content"), path.join(dir, "content"), { recursive: true });
      cpSync(path.join(repoRoot, "site.config.json"), path.join(dir, "site.config.json"));
      // The bundled document the nb guide's title would make, so that the command makes a file of its own.
      rmSync(path.join(dir, "content", "stavanger", "forankring-fryder.md"));
      const [, publisher, type, title] = command!;
      const planned = planDocument({ root: dir, publisher: publisher!, type: type!, title: title! });
      writeFileSync(planned.file, planned.text.replace("type: presentation", "type: presentaton"));
      const { problems } = await checkProject(dir);
      const own = problems.filter((problem) => path.join(dir, problem.file) === planned.file);
      expect(own.map(formatProblem)).toEqual([quoted![0]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the guide pages in a built site", () => {
  let dir: string;
  beforeAll(async () => {
    dir = makeProject();
    expect((await build({ root: dir })).ok).toBe(true);
  });
  afterAll(() => removeProject(dir));

  it("are published in both languages and linked from every page's footer", () => {
    const nb = readOutput(dir, "veiledning/index.html");
    const en = readOutput(dir, "en/guide/index.html");
    expect(nb).toMatch(/<html lang="nb">/);
    expect(nb).toContain("<h1>Veiledning for redaktører</h1>");
    expect(en).toContain("<h1>Editor guide</h1>");
    expect(en).toContain('<link rel="alternate" hreflang="nb" href="https://lysark.test/veiledning/">');
    expect(en).toContain("npm run new -- --publisher stavanger --type presentation");
    expect(en).toContain("<th>allowed values</th>");
    // The reference is English on the Norwegian page too, and marked so; its note is in the page's language.
    expect(nb).toContain('<section aria-labelledby="front-matter-reference" lang="en">');
    expect(nb).toContain('<p class="lead" lang="nb">Referansen er generert');
    expect(readOutput(dir, "index.html")).toContain('<li><a href="/veiledning/">Veiledning for redaktører</a></li>');
    expect(readOutput(dir, "en/topics/index.html")).toContain('<li><a href="/en/guide/">Editor guide</a></li>');
  });

  it("are valid HTML with working links and unique ids", async () => {
    const validator = new HtmlValidate({
      extends: ["html-validate:recommended"],
      rules: { "no-trailing-whitespace": "off", "attribute-boolean-style": "off", "long-title": "off", "no-redundant-role": "off" },
    });
    for (const file of ["veiledning/index.html", "en/guide/index.html"]) {
      const report = await validator.validateString(readOutput(dir, file), file);
      const messages = report.results.flatMap((result) =>
        result.messages.map((message) => `${file}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`),
      );
      expect(messages).toEqual([]);
    }
    const url = JSON.parse(readFileSync(path.join(dir, "site.config.json"), "utf8")).url as string;
    const broken = checkLinks(path.join(dir, "_site"), url).filter((problem) => /veiledning|guide/.test(JSON.stringify(problem)));
    expect(broken).toEqual([]);
  });
});

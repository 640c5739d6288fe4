import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../scripts/cli/import.js";
import { runCli } from "../helpers/cli.ts";
import { whileUnwritable } from "../helpers/unwritable.ts";
import { fixturesDir, repoRoot, seedsDir } from "./helpers.js";

let dir: string;

const PUBLISHERS: Record<string, string> = {
  oslo: "id: oslo\nnames: { nb: Oslo kommune, en: City of Oslo }\ncountry: NO\nkind: kommune\n",
  "oslo-sagene": "id: oslo-sagene\nnames: { nb: Bydel Sagene, en: Sagene district }\ncountry: NO\nkind: bydel\nparent: oslo\n",
  stavanger: "id: stavanger\nnames: { nb: Stavanger kommune }\ncountry: NO\nkind: kommune\n",
  voss: "id: voss\nnames: { nn: Voss herad }\ncountry: NO\nkind: kommune\n",
  vaxjo: "id: vaxjo\nnames: { sv: Växjö kommun }\ncountry: SE\nkind: kommun\n",
};

function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = main(args, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

const files = (sub: string) => (existsSync(path.join(dir, sub)) ? readdirSync(path.join(dir, sub)).sort() : []);

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "lysark-import-"));
  cpSync(fixturesDir, path.join(dir, "in"), { recursive: true });
  for (const [id, yaml] of Object.entries(PUBLISHERS)) {
    mkdirSync(path.join(dir, "content", id), { recursive: true });
    writeFileSync(path.join(dir, "content", id, "_publisher.yaml"), yaml);
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("CLI: npm run import", () => {
  it("writes <out>/<publisher>/<slug>.md and prints the report", () => {
    const r = run("in/nn-kulturplan.txt", "--publisher", "voss");
    expect(r.code).toBe(0);
    expect(files("content/voss")).toEqual(["_publisher.yaml", "kulturplan-for-voss-herad.md"]);
    const md = readFileSync(path.join(dir, "content/voss/kulturplan-for-voss-herad.md"), "utf8");
    expect(md).toMatch(/^---\ntitle: Kulturplan for Voss herad\n/u);
    expect(r.stdout).toMatch(/in\/nn-kulturplan\.txt → content\/voss\/kulturplan-for-voss-herad\.md/u);
    for (const label of ["language:", "title:", "presenter:", "date:", "date candidates:", "slides:", "running header:", "key figures", "editor must check:"]) {
      expect(r.stdout).toContain(label);
    }
    expect(r.stdout).toMatch(/topics: none set/u);
    expect(r.stdout).toMatch(/publisher: voss/u);
  });

  it("matches the publisher from the title when --publisher is missing", () => {
    const r = run("in/sv-skolplan.txt");
    expect(r.code).toBe(0);
    expect(files("content/vaxjo")).toContain("skolplan-for-vaxjo-kommun.md");
    expect(r.stdout).toMatch(/publisher: +vaxjo \(matched "Växjö kommun" in the title\)/u);
  });

  it("asks for --publisher when nothing matches, and writes nothing", () => {
    const r = run("in/en-housing.txt");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/in\/en-housing\.txt: cannot tell the publisher/u);
    expect(r.stderr).toMatch(/--publisher ID \(known ids: oslo, oslo-sagene, stavanger, vaxjo, voss\)/u);
  });

  it('refuses an unknown --publisher with "did you mean"', () => {
    const r = run("in/nn-kulturplan.txt", "--publisher", "vos");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown publisher "vos" — did you mean "voss"\?/u);
    expect(files("content/voss")).toEqual(["_publisher.yaml"]);
  });

  it("never overwrites without --force", () => {
    expect(run("in/nn-kulturplan.txt", "--publisher", "voss").code).toBe(0);
    const target = path.join(dir, "content/voss/kulturplan-for-voss-herad.md");
    const edited = `${readFileSync(target, "utf8")}\nEdited by hand.\n`;
    writeFileSync(target, edited);
    const again = run("in/nn-kulturplan.txt", "--publisher", "voss");
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/content\/voss\/kulturplan-for-voss-herad\.md already exists/u);
    expect(again.stderr).toMatch(/--force/u);
    expect(readFileSync(target, "utf8")).toBe(edited);
    expect(run("in/nn-kulturplan.txt", "--publisher", "voss", "--force").code).toBe(0);
    expect(readFileSync(target, "utf8")).toMatch(/^---\n/u);
    expect(readFileSync(target, "utf8")).not.toContain("Edited by hand.");
  });

  it("--force keeps what only an editor wrote in the document it replaces, and lists what the import changed", () => {
    expect(run("in/nn-kulturplan.txt", "--publisher", "voss").code).toBe(0);
    const target = path.join(dir, "content/voss/kulturplan-for-voss-herad.md");
    const imported = readFileSync(target, "utf8");
    // What an editor did since: corrected the title, chose topics, wrote a summary and an English title, added the source's address.
    writeFileSync(
      target,
      imported
        .replace("title: Kulturplan for Voss herad\n", "title: Kulturplan for Voss\ntitleTranslations: { en: Culture plan for Voss }\n")
        .replace("topics: []\n", "topics: [kultur, frivillighet] # chosen by the editor\nsummary: Planen i korte trekk.\n")
        .replace("  kind: transcript\n", "  kind: transcript\n  url: https://www.example.org/kulturplan\n"),
    );
    const r = run("in/nn-kulturplan.txt", "--publisher", "voss", "--force");
    expect(r.code).toBe(0);
    const replaced = readFileSync(target, "utf8");
    // The import's own fields are as it writes them; the editor's are there with their values and comments.
    expect(replaced).toMatch(/^---\ntitle: Kulturplan for Voss herad\n/u);
    expect(replaced).toContain("topics: [ kultur, frivillighet ] # chosen by the editor\n");
    expect(replaced).toContain("\ntitleTranslations: { en: Culture plan for Voss }\n");
    expect(replaced).toContain("\nsummary: Planen i korte trekk.\n");
    // Each where the editor put it.
    expect(replaced).toContain("\nsource:\n  kind: transcript\n  url: https://www.example.org/kulturplan\n  note:\n    nb: Importert fra nn-kulturplan.txt\n");
    expect(replaced).toMatch(/^---\ntitle: Kulturplan for Voss herad\ntitleTranslations: .*\ntype: presentation\n/u);
    expect(replaced.slice(replaced.indexOf("\n---\n"))).toBe(imported.slice(imported.indexOf("\n---\n")));
    expect(r.stdout).toContain("  replaces:        content/voss/kulturplan-for-voss-herad.md (--force)\n");
    expect(r.stdout).toContain("  kept from it:    titleTranslations, topics, summary, source.url\n");
    expect(r.stdout).toContain('  changed:         title (was "Kulturplan for Voss")\n');
    expect(r.stdout).not.toContain("body replaced");
  });

  it("--force says how many lines of the body it replaces, and marks the document for review", () => {
    expect(run("in/nn-kulturplan.txt", "--publisher", "voss").code).toBe(0);
    const target = path.join(dir, "content/voss/kulturplan-for-voss-herad.md");
    const imported = readFileSync(target, "utf8");
    const [, firstHeading] = /\n## (.+)\n/u.exec(imported)!;
    writeFileSync(target, imported.replace(`\n## ${firstHeading}\n`, `\n## ${firstHeading} (retta)\n\nEin merknad frå redaktøren.\n`));
    const r = run("in/nn-kulturplan.txt", "--publisher", "voss", "--force", "--report", "reports");
    expect(r.stdout).toContain(
      "  body replaced:   2 line(s) of its body are not in this import (an editor's corrections of headings, text or notes among them?): compare with git diff and copy back what should stay\n",
    );
    const report = JSON.parse(readFileSync(path.join(dir, "reports/nn-kulturplan.json"), "utf8")) as { status: string; reasons: string[] };
    expect(report).toMatchObject({ status: "needs review", reasons: ["replaces 2 line(s) of the body of the document it replaces"] });
    expect(readFileSync(target, "utf8")).toBe(imported);
  });

  it("--force in a batch marks a document whose fields the import changed for review, in the summary and the JSON report", () => {
    expect(run("in/nn-kulturplan.txt", "in/sv-skolplan.txt", "--publisher", "voss").code).toBe(0);
    const target = path.join(dir, "content/voss/kulturplan-for-voss-herad.md");
    writeFileSync(target, readFileSync(target, "utf8").replace("title: Kulturplan for Voss herad", "title: Kulturplan"));
    const r = run("in/nn-kulturplan.txt", "in/sv-skolplan.txt", "--publisher", "voss", "--force", "--report", "reports");
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, "reports/nn-kulturplan.json"), "utf8")) as { status: string; reasons: string[] };
    expect(report.status).toBe("needs review");
    expect(report.reasons).toContain("changes what the document it replaces said in title");
    expect((JSON.parse(readFileSync(path.join(dir, "reports/sv-skolplan.json"), "utf8")) as { status: string }).status).toBe("imported");
  });

  it("names the document a file was imported as before under another title, with what to do, and deletes nothing", () => {
    expect(run("in/nn-kulturplan.txt", "--publisher", "voss").code).toBe(0);
    // The same file, corrected since: its title now reads otherwise, so its document gets another name.
    mkdirSync(path.join(dir, "retta"));
    writeFileSync(
      path.join(dir, "retta/nn-kulturplan.txt"),
      readFileSync(path.join(dir, "in/nn-kulturplan.txt"), "utf8").replaceAll("Kulturplan for Voss herad", "Kulturplan for Voss"),
    );
    const r = run("retta/nn-kulturplan.txt", "in/sv-skolplan.txt", "--publisher", "voss", "--report", "reports");
    expect(r.code).toBe(0);
    expect(files("content/voss")).toEqual(["_publisher.yaml", "kulturplan-for-voss-herad.md", "kulturplan-for-voss.md", "skolplan-for-vaxjo-kommun.md"]);
    expect(r.stdout).toContain(
      '  imported before: content/voss/kulturplan-for-voss-herad.md: if this document replaces it, delete that file and add "movedFrom: [voss/kulturplan-for-voss-herad]" here, so links to it still lead somewhere (docs/content-model.md, "Moved documents")\n',
    );
    const report = (name: string) => JSON.parse(readFileSync(path.join(dir, `reports/${name}.json`), "utf8")) as { status: string; reasons: string[] };
    expect(report("nn-kulturplan")).toMatchObject({ status: "needs review", reasons: ["imported before as content/voss/kulturplan-for-voss-herad.md"] });
    // Another file is not an earlier import of this one.
    expect(report("sv-skolplan").status).toBe("imported");
    // Imported again under the same name, the file it replaces is not an earlier document.
    expect(run("retta/nn-kulturplan.txt", "--publisher", "voss", "--force").stdout).toContain("  imported before: content/voss/kulturplan-for-voss-herad.md:");
    rmSync(path.join(dir, "content/voss/kulturplan-for-voss-herad.md"));
    expect(run("retta/nn-kulturplan.txt", "--publisher", "voss", "--force").stdout).not.toContain("imported before");
  });

  it("--force refuses to replace a document whose front matter cannot be read, and leaves it as it is", () => {
    expect(run("in/nn-kulturplan.txt", "--publisher", "voss").code).toBe(0);
    const target = path.join(dir, "content/voss/kulturplan-for-voss-herad.md");
    const broken = readFileSync(target, "utf8").replace("topics: []", "topics: [kultur\nsummary: Planen");
    writeFileSync(target, broken);
    const r = run("in/nn-kulturplan.txt", "--publisher", "voss", "--force");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /in\/nn-kulturplan\.txt: content\/voss\/kulturplan-for-voss-herad\.md would be replaced, but its front matter cannot be read \(.+\), so what an editor wrote there would be lost\n {2}fix: fix the file \(npm run check names the line\), or delete it to import afresh/u,
    );
    expect(readFileSync(target, "utf8")).toBe(broken);
  });

  it("--stdout prints the Markdown, the report to stderr, and writes nothing", () => {
    const r = run("--stdout", "--publisher", "voss", "in/nn-kulturplan.txt");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^---\ntitle: Kulturplan for Voss herad\n/u);
    expect(r.stdout).not.toContain("editor must check");
    expect(r.stderr).toContain("editor must check");
    expect(files("content/voss")).toEqual(["_publisher.yaml"]);
  });

  it("--stdout also needs a publisher", () => {
    const r = run("--stdout", "in/en-housing.txt");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/cannot tell the publisher/u);
  });

  it("with several inputs, reports every error and writes nothing if any fails", () => {
    writeFileSync(path.join(dir, "in/empty.txt"), "");
    writeFileSync(path.join(dir, "in/win.txt"), Buffer.from("1 Bl\u00e5b\u00e6r\n\n2 R\u00f8d\n", "latin1"));
    const r = run("in/nn-kulturplan.txt", "in/empty.txt", "in/win.txt", "in/no-slides.txt", "in/missing.txt", "--publisher", "voss");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/in\/empty\.txt: is empty/u);
    expect(r.stderr).toMatch(/in\/win\.txt: is not valid UTF-8 .* Windows-1252/u);
    expect(r.stderr).toMatch(/iconv -f WINDOWS-1252 -t UTF-8 'in\/win\.txt'/u);
    expect(r.stderr).toMatch(/in\/no-slides\.txt: has no numbered slides/u);
    expect(r.stderr).toMatch(/in\/missing\.txt: not found/u);
    expect(r.stderr).toMatch(/4 of 5 transcript\(s\) failed; nothing was written/u);
    expect(files("content/voss")).toEqual(["_publisher.yaml"]);
  });

  it("refuses two inputs that would write the same file", () => {
    cpSync(path.join(dir, "in/nn-kulturplan.txt"), path.join(dir, "in/copy.txt"));
    const r = run("in/nn-kulturplan.txt", "in/copy.txt", "--publisher", "voss");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/in\/copy\.txt: would be written to content\/voss\/kulturplan-for-voss-herad\.md/u);
    expect(files("content/voss")).toEqual(["_publisher.yaml"]);
  });

  it("usage errors exit 2; --help exits 0", () => {
    expect(run().code).toBe(2);
    expect(run("--bogus", "x.txt").code).toBe(2);
    expect(run("--publisher").stderr).toMatch(/^import: Option '--publisher <value>' argument missing/u);
    const twice = run("--stdout", "in/nn-kulturplan.txt", "in/sv-skolplan.txt");
    expect(twice.stderr).toMatch(/exactly one/u);
    expect(twice.code).toBe(2);
    const h = run("--help");
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/--publisher ID/u);
  });

  it("imports the Sagene seed with the publisher matched from its running header", () => {
    const r = run(path.join(seedsDir, "oslo-sagene-internasjonal-satsing.txt"), "--out", "content");
    expect(r.code).toBe(0);
    expect(files("content/oslo-sagene")).toContain("internasjonal-satsing-i-bydel-sagene.md");
    expect(r.stdout).toMatch(/publisher: +oslo-sagene \(matched "Bydel Sagene" in the running header\)/u);
  });

  it("runs as a real process: exit code 1 and nothing written on error, 0 on success", () => {
    // npm sets INIT_CWD to where the command was typed; the CLI resolves paths from it.
    const env = { INIT_CWD: dir };
    const bad = runCli("import", repoRoot, ["in/no-slides.txt", "--publisher", "voss", "--out", "content"], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/no-slides\.txt: has no numbered slides/u);
    const ok = runCli("import", repoRoot, ["--stdout", "--publisher", "voss", "--out", "content", "in/nn-kulturplan.txt"], env);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^---\n/u);
    expect(files("content/voss")).toEqual(["_publisher.yaml"]);
  });
});

describe("CLI: a folder it may not write in", () => {
  it("names the document it could not write, with no stack trace, and writes nothing else", async (context) => {
    const folder = path.join(dir, "content", "voss");
    await whileUnwritable(folder, context, async () => {
      const r = run("in/nn-kulturplan.txt", "--publisher", "voss");
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^import: could not write content\/voss\/kulturplan-for-voss-herad\.md \((?:EACCES|EPERM): /);
      expect(r.stderr).toContain("Check that you may write in content/voss and that its disk has room;");
    });
    expect(files("content/voss")).toEqual(["_publisher.yaml"]);
  });
});

describe("CLI: the site's folder", () => {
  let project: string | undefined;
  let elsewhere: string | undefined;
  afterEach(() => {
    for (const folder of [project, elsewhere]) if (folder) rmSync(folder, { recursive: true, force: true });
    project = elsewhere = undefined;
  });
  const listing = (folder: string) => readdirSync(folder, { recursive: true }).map(String).sort();

  it("writes into the content/ of the folder it runs in, as the other commands, not into Lysark's own", () => {
    project = mkdtempSync(path.join(tmpdir(), "lysark-import-site-"));
    mkdirSync(path.join(project, "content", "voss"), { recursive: true });
    writeFileSync(path.join(project, "content", "voss", "_publisher.yaml"), PUBLISHERS.voss!);
    const lysarkContent = listing(path.join(repoRoot, "content"));
    const run = runCli("import", project, [path.join(fixturesDir, "nn-kulturplan.txt"), "--publisher", "voss"], { INIT_CWD: project });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(readdirSync(path.join(project, "content", "voss")).filter((name) => name.endsWith(".md"))).toHaveLength(1);
    expect(listing(path.join(repoRoot, "content"))).toEqual(lysarkContent);
  });

  it("stops outside a site's folder, unless --out names the content folder, and writes nothing", () => {
    elsewhere = mkdtempSync(path.join(tmpdir(), "lysark-import-elsewhere-"));
    const lysarkContent = listing(path.join(repoRoot, "content"));
    const run = runCli("import", elsewhere, [path.join(fixturesDir, "nn-kulturplan.txt"), "--publisher", "stavanger"], { INIT_CWD: elsewhere });
    expect(run.stderr).toContain(`import: No content/ folder in ${elsewhere}.`);
    expect(run.stderr).toContain("Or name the content folder with --out.");
    expect(run.status).toBe(1);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(listing(path.join(repoRoot, "content"))).toEqual(lysarkContent);
  });
});

describe("CLI: unknown publishers (issue 16)", () => {
  const grue = () => path.join(seedsDir, "grue-arbeidsgiverstrategi.txt");
  const gavle = () => path.join(seedsDir, "gavleborg-jamresursen.txt");

  it("--stdout prints the document with a proposed publisher id and says so in the report", () => {
    const r = run("--stdout", grue());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^publisher: grue$/mu);
    expect(r.stderr).toMatch(/publisher: +grue \(proposed from "Grue kommune" in the text — not a known publisher yet\)/u);
    expect(r.stderr).toContain('en "Grue Municipality"');
    expect(existsSync(path.join(dir, "content/grue"))).toBe(false);
  });

  it("without --create-publisher, stops and prints the exact new-publisher command", () => {
    const r = run(grue());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('npm run new-publisher -- --id grue --name-nb "Grue kommune" --name-en "Grue Municipality" --country NO --kind kommune');
    expect(r.stderr).toMatch(/nothing was written/u);
    expect(existsSync(path.join(dir, "content/grue"))).toBe(false);
  });

  it("puts a transcript of a merged municipality with the publisher that took it, and creates no publisher", () => {
    // The archive files Grue's documents under a (made-up) Solør: its folder is gone, and Solør lists its id.
    mkdirSync(path.join(dir, "content/solor"));
    writeFileSync(path.join(dir, "content/solor/_publisher.yaml"), "id: solor\nnames: { nb: Solør kommune }\ncountry: NO\nkind: kommune\nmovedFrom: [grue]\n");
    const r = run(grue(), "--create-publisher");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/publisher: +solor \(found "Grue kommune" in the text: "grue" has moved to solor/u);
    expect(files("content/solor").filter((name) => name.endsWith(".md"))).toHaveLength(1);
    expect(existsSync(path.join(dir, "content/grue"))).toBe(false);
  });

  it("--create-publisher writes _publisher.yaml with the English name by rule, then the document", () => {
    const r = run(grue(), gavle(), "--create-publisher");
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, "content/grue/_publisher.yaml"), "utf8")).toMatch(
      /id: grue\nnames:\n  nb: Grue kommune\n  en: Grue Municipality\ncountry: NO\nkind: kommune\n/u,
    );
    expect(readFileSync(path.join(dir, "content/gavleborg/_publisher.yaml"), "utf8")).toMatch(
      /nb: Region Gävleborg\n  en: Region Gävleborg\ncountry: SE\nkind: region\n/u,
    );
    expect(files("content/grue")).toHaveLength(2);
    expect(r.stdout).toMatch(/created content\/grue\/_publisher\.yaml/u);
    // A second import of the same transcript finds the publisher it created.
    expect(run("--stdout", grue()).stderr).toMatch(/publisher: +grue \(matched "Grue kommune" in the title\)/u);
  });
});

describe("CLI: batch import (issue 16)", () => {
  const batch = () => {
    const folder = path.join(dir, "batch");
    mkdirSync(folder);
    cpSync(path.join(dir, "in/nn-kulturplan.txt"), path.join(folder, "a-kulturplan.txt"));
    cpSync(path.join(dir, "in/no-slides.txt"), path.join(folder, "b-no-slides.txt"));
    cpSync(path.join(dir, "in/layouts/amp-page.txt"), path.join(folder, "c-amp.txt"));
    cpSync(path.join(dir, "in/layouts/docplayer-nb.txt"), path.join(folder, "d-docplayer.txt"));
    return "batch";
  };

  it("a folder is all or nothing by default, with a summary table and a JSON report per transcript", () => {
    const r = run(batch(), "--publisher", "voss");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^status +file +document \/ reasons$/mu);
    expect(r.stdout).toMatch(/^refused +batch\/b-no-slides\.txt +has no numbered slides/mu);
    expect(r.stdout).toMatch(/^refused +batch\/c-amp\.txt +is an AMP page/mu);
    expect(r.stdout).toMatch(
      /2 imported, 0 need review, 2 refused \(of 4\)|1 imported, 1 need review, 2 refused \(of 4\)|0 imported, 2 need review, 2 refused \(of 4\)/u,
    );
    expect(r.stderr).toMatch(/nothing was written \(--keep-going writes the others\)/u);
    expect(files("content/voss")).toEqual(["_publisher.yaml"]);
    expect(files("import-reports")).toEqual(["a-kulturplan.json", "b-no-slides.json", "c-amp.json", "d-docplayer.json"]);
    const report = JSON.parse(readFileSync(path.join(dir, "import-reports/c-amp.json"), "utf8"));
    expect(report).toMatchObject({ file: "batch/c-amp.txt", status: "refused", written: false });
    expect(report.reasons[0]).toMatch(/AMP page/u);
  });

  it("--keep-going writes the inputs that pass, lists the rest and exits 1", () => {
    const r = run(batch(), "--publisher", "voss", "--keep-going", "--report", "reports");
    expect(r.code).toBe(1);
    expect(files("content/voss")).toEqual(["_publisher.yaml", "handlingsplan-for-folkehelse-2024.md", "kulturplan-for-voss-herad.md"]);
    expect(r.stderr).toMatch(/2 of 4 transcript\(s\) refused and not written/u);
    const a = JSON.parse(readFileSync(path.join(dir, "reports/a-kulturplan.json"), "utf8"));
    expect(a).toMatchObject({ status: expect.stringMatching(/imported|needs review/u), written: true });
    expect(a.report.language).toBe("nn");
    // No temporary file is left behind.
    expect(files("content/voss").filter((f) => f.includes(".tmp"))).toEqual([]);
  });
});

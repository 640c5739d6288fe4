import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../../scripts/cli/import.js";
import { EarlierImports } from "../../../scripts/importer/earlier.js";
import { loadContent } from "../../../scripts/content/load.ts";
import { importOriginalsCommand } from "../../../scripts/importer/originals/cli.js";
import { readPublishers } from "../../../scripts/importer/publishers-io.js";
import { makeProject } from "../../helpers/fixture.ts";
import { fixturesDir } from "../helpers.js";
import { makeDeck, makeReport, withEntries } from "./fixtures.js";

// LibreOffice is exercised in slide-pictures.test.ts and the integration test, not here. Stubbed for
// this file only: test files share their worker's process (vitest.config.ts).
beforeAll(() => {
  vi.stubEnv("LYSARK_SLIDE_PICTURES", "off");
});
afterAll(() => {
  vi.unstubAllEnvs();
});

let dir: string;

async function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
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

const written = () =>
  existsSync(path.join(dir, "content", "testby"))
    ? readdirSync(path.join(dir, "content", "testby"), { recursive: true })
        .map(String)
        .sort()
    : [];

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "lysark-originals-"));
  mkdirSync(path.join(dir, "content", "testby"), { recursive: true });
  writeFileSync(path.join(dir, "content", "testby", "_publisher.yaml"), "id: testby\nnames: { nb: Testby kommune }\ncountry: NO\nkind: kommune\n");
  writeFileSync(path.join(dir, "deck.pptx"), await makeDeck({ pictureAlt: "Bilde fra samlingen" }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run import with originals", () => {
  it("prints the Markdown with --stdout, the report on stderr, and writes nothing", async () => {
    const r = await run("--stdout", "deck.pptx", "--publisher", "testby");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^---\ntitle: Internasjonal satsing i Testby\n/u);
    expect(r.stderr).toMatch(/^deck\.pptx\n {2}format: {10}PPTX → presentation\n/u);
    expect(r.stderr).toContain("(--stdout: the attachment and 1 picture(s) were not written)");
    // LYSARK_SLIDE_PICTURES=off (set above): said as such, not as LibreOffice missing.
    expect(r.stderr).toMatch(/^ {2}slide pictures: +skipped: switched off with LYSARK_SLIDE_PICTURES=off$/mu);
    expect(written()).toEqual(["_publisher.yaml"]);
  });

  it("asks for --publisher, as for transcripts, when the title names no known publisher", async () => {
    const r = await run("--stdout", "deck.pptx");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: deck\.pptx: cannot tell the publisher: .*\n {2}fix: add --publisher ID \(known ids: testby\)/u);
  });

  it("checks every input first: one bad file means nothing is written", async () => {
    writeFileSync(path.join(dir, "makro.pptx"), await withEntries(await makeDeck(), { "ppt/vbaProject.bin": "x" }));
    const r = await run("deck.pptx", "makro.pptx", "--publisher", "testby");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: makro\.pptx: contains macros/mu);
    expect(r.stderr).toContain("import: 1 of 2 file(s) failed; nothing was written");
    expect(written()).toEqual(["_publisher.yaml"]);
  });

  it("never overwrites the document, its original or its pictures without --force", async () => {
    expect((await run("deck.pptx", "--publisher", "testby")).code).toBe(0);
    expect(written()).toEqual([
      "_publisher.yaml",
      "internasjonal-satsing-i-testby",
      "internasjonal-satsing-i-testby.md",
      "internasjonal-satsing-i-testby.pptx",
      path.join("internasjonal-satsing-i-testby", "slide-3-1.png"),
    ]);
    const again = await run("deck.pptx", "--publisher", "testby");
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/content\/testby\/internasjonal-satsing-i-testby\.md already exists\n {2}fix: use --force/u);
    expect((await run("deck.pptx", "--publisher", "testby", "--force")).code).toBe(0);
  });

  it("with --force keeps what only an editor wrote in the document it replaces, as for transcripts", async () => {
    expect((await run("deck.pptx", "--publisher", "testby")).code).toBe(0);
    const target = path.join(dir, "content/testby/internasjonal-satsing-i-testby.md");
    const imported = readFileSync(target, "utf8");
    expect(imported).toContain("topics: []\n");
    writeFileSync(target, imported.replace("topics: []\n", "topics: [integrering]\nsummary: Satsingen i korte trekk.\n"));
    const r = await run("deck.pptx", "--publisher", "testby", "--force");
    expect(r.code).toBe(0);
    const replaced = readFileSync(target, "utf8");
    // In the place the editor gave it; the rest as the import writes it.
    expect(replaced).toBe(imported.replace("topics: []\n", "topics: [ integrering ]\nsummary: Satsingen i korte trekk.\n"));
    expect(r.stdout).toContain("  kept from it:    topics, summary\n");
    expect(r.stdout).not.toContain("changed:");
  });

  it("with --force keeps the description an editor wrote for a picture that has none in the original", async () => {
    writeFileSync(path.join(dir, "deck.pptx"), await makeDeck({}));
    expect((await run("deck.pptx", "--publisher", "testby")).code).toBe(0);
    const target = path.join(dir, "content/testby/internasjonal-satsing-i-testby.md");
    const imported = readFileSync(target, "utf8");
    const [picture, src] = /!\[\]\(([^)]+)\)/u.exec(imported)!;
    writeFileSync(target, imported.replace(picture, `![Grønt bilde av skolen](${src})`));
    const r = await run("deck.pptx", "--publisher", "testby", "--force");
    expect(readFileSync(target, "utf8")).toBe(imported.replace(picture, `![Grønt bilde av skolen](${src})`));
    expect(r.stdout).toContain("  kept from it:    the description of 1 picture(s)\n");
    expect(r.stdout).not.toContain("body replaced");
  });

  it("names the document a file was imported as before under another title, as the transcripts' import does", async () => {
    expect((await run("deck.pptx", "--publisher", "testby")).code).toBe(0);
    mkdirSync(path.join(dir, "retta"));
    writeFileSync(path.join(dir, "retta/deck.pptx"), await makeDeck({ title: "Internasjonalt arbeid i Testby", pictureAlt: "Bilde fra samlingen" }));
    const again = await run("retta/deck.pptx", "--publisher", "testby");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      '  imported before: content/testby/internasjonal-satsing-i-testby.md: if this document replaces it, delete that file and add "movedFrom: [testby/internasjonal-satsing-i-testby]" here',
    );
    const folder = path.join(dir, "content/testby");
    const made = path.join(folder, "internasjonal-satsing-i-testby.md");
    expect(existsSync(made)).toBe(true);
    expect(new EarlierImports().of(folder, "deck.pptx", path.join(folder, "a-new-title.md"))).toEqual([
      made,
      path.join(folder, "internasjonalt-arbeid-i-testby.md"),
    ]);
    expect(new EarlierImports().of(folder, "deck.pptx", made)).toEqual([path.join(folder, "internasjonalt-arbeid-i-testby.md")]);
    expect(new EarlierImports().of(folder, "other.pptx", path.join(folder, "a-new-title.md"))).toEqual([]);
  });

  it("refuses two inputs that would write the same files", async () => {
    writeFileSync(path.join(dir, "kopi.pptx"), readFileSync(path.join(dir, "deck.pptx")));
    const r = await run("deck.pptx", "kopi.pptx", "--publisher", "testby");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: kopi\.pptx: would write content\/testby\/internasjonal-satsing-i-testby\.md, like deck\.pptx/u);
  });

  it("refuses a file over the size limit before reading it", async () => {
    let stderr = "";
    const code = await importOriginalsCommand(
      ["deck.pptx"],
      {
        force: false,
        stdout: false,
        publisher: "testby",
        outDir: path.join(dir, "content"),
        publishers: readPublishers(path.join(dir, "content")),
        limits: { maxFileBytes: 1000 },
      },
      {
        stdout: () => {},
        stderr: (s) => {
          stderr += s;
        },
        cwd: dir,
      },
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: deck\.pptx: is .* MB, larger than the limit/u);
  });

  it("writes a valid document; a picture without a description is an error check names with its line", async () => {
    // In the fixture site, whose registries and publisher are complete.
    rmSync(dir, { recursive: true, force: true });
    dir = makeProject();
    writeFileSync(path.join(dir, "deck.pptx"), await makeDeck({ pictureAlt: "Bilde fra samlingen" }));
    writeFileSync(path.join(dir, "strategi.docx"), await makeReport());
    expect((await run("deck.pptx", "strategi.docx", "--publisher", "testby")).code).toBe(0);
    const { problems } = loadContent(path.join(dir, "content"), { root: dir });
    const messages = problems.map((p) => `${path.basename(p.file)}:${p.line} ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^kulturstrategi-for-testby\.md:\d+ image "kulturstrategi-for-testby\/section-2-1\.png" has no alt text/u),
    ]);
  });
});

describe("an original from a publisher that is not in content/ yet", () => {
  beforeEach(async () => {
    writeFileSync(path.join(dir, "grue.pptx"), await makeDeck({ title: "Arbeidsgiverstrategi Grue kommune", pictureAlt: "Bilde fra samlingen" }));
  });

  it("stops without --create-publisher, prints the new-publisher command with the names filled in, and writes nothing", async () => {
    const r = await run("grue.pptx");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the publisher "Grue kommune" is not in content yet (proposed id grue, kommune, NO, English name "Grue Municipality")');
    expect(r.stderr).toMatch(/npm run new-publisher -- --id grue --name-nb "Grue kommune" --name-en "Grue Municipality" --country NO --kind kommune/u);
    expect(existsSync(path.join(dir, "content", "grue"))).toBe(false);
  });

  it("with --create-publisher writes _publisher.yaml beside the document, and the content loads without errors", async () => {
    const r = await run("grue.pptx", "--create-publisher");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const yaml = readFileSync(path.join(dir, "content", "grue", "_publisher.yaml"), "utf8");
    expect(yaml).toMatch(/^id: grue$/mu);
    expect(yaml).toContain("en: Grue Municipality");
    expect(readdirSync(path.join(dir, "content", "grue")).some((name) => name.endsWith(".md"))).toBe(true);
    const { problems } = loadContent(path.join(dir, "content"), { root: dir });
    expect(problems.filter((p) => p.severity === "error" && p.file.includes("grue"))).toEqual([]);
  });
});

describe("a batch of originals", () => {
  beforeEach(() => {
    writeFileSync(path.join(dir, "broken.pptx"), "this is not a zip file");
  });

  it("writes nothing by default when one input is refused, and ends with the summary table", async () => {
    const r = await run("deck.pptx", "broken.pptx", "--publisher", "testby");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: broken\.pptx: /mu);
    expect(r.stderr).toContain("nothing was written (--keep-going writes the others)");
    expect(r.stdout).toMatch(/^refused\s+broken\.pptx/mu);
    expect(r.stdout).toMatch(/^(imported|needs review)\s+deck\.pptx/mu);
    expect(r.stdout).toContain("1 refused (of 2)");
    expect(written()).toEqual(["_publisher.yaml"]);
  });

  it("with --keep-going writes the inputs that pass, lists the rest, and writes a JSON report per input", async () => {
    const r = await run("deck.pptx", "broken.pptx", "--publisher", "testby", "--keep-going", "--report", "reports");
    expect(r.code).toBe(1);
    expect(written().some((name) => name.endsWith(".md"))).toBe(true);
    expect(r.stdout).toContain("1 refused (of 2)");
    const reports = readdirSync(path.join(dir, "reports")).sort();
    expect(reports).toEqual(["broken.json", "deck.json"]);
    const broken = JSON.parse(readFileSync(path.join(dir, "reports", "broken.json"), "utf8"));
    expect(broken).toMatchObject({ file: "broken.pptx", status: "refused", written: false });
    const deck = JSON.parse(readFileSync(path.join(dir, "reports", "deck.json"), "utf8"));
    expect(deck).toMatchObject({ file: "deck.pptx", written: true });
  });
});

describe("a folder of originals and transcripts", () => {
  beforeEach(async () => {
    mkdirSync(path.join(dir, "delt"));
    writeFileSync(path.join(dir, "delt", "a-deck.pptx"), await makeDeck({ pictureAlt: "Bilde fra samlingen" }));
    writeFileSync(path.join(dir, "delt", "b-strategi.docx"), await makeReport({ pictureAlt: "Kart" }));
    writeFileSync(path.join(dir, "delt", "c-fagdag.txt"), readFileSync(path.join(fixturesDir, "plain-numbered.txt")));
    writeFileSync(path.join(dir, "delt", "notater.odt"), "not imported: not a kind the importer reads");
    mkdirSync(path.join(dir, "delt", "gammelt"));
    writeFileSync(path.join(dir, "delt", "gammelt", "x.pptx"), "only the files directly in the folder");
  });

  it("imports every original and transcript directly in it, in name order, with the summary and a JSON report each", async () => {
    const r = await run("delt", "--publisher", "testby");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^(imported|needs review)\s+delt\/\S+/gmu)?.map((l) => l.split(/\s+/u).pop())).toEqual([
      "delt/a-deck.pptx",
      "delt/b-strategi.docx",
      "delt/c-fagdag.txt",
    ]);
    expect(r.stdout).toContain("(of 3)");
    expect(written().filter((f) => f.endsWith(".md"))).toEqual(["internasjonal-satsing-i-testby.md", "kulturstrategi-for-testby.md", "velkommen.md"]);
    expect(readdirSync(path.join(dir, "import-reports")).sort()).toEqual(["a-deck.json", "b-strategi.json", "c-fagdag.json"]);
  });

  it("checks every input of both kinds first: a bad original means no transcript is written either, unless --keep-going", async () => {
    writeFileSync(path.join(dir, "delt", "d-makro.pptx"), await withEntries(await makeDeck(), { "ppt/vbaProject.bin": "x" }));
    const r = await run("delt", "--publisher", "testby");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: delt\/d-makro\.pptx: contains macros/mu);
    expect(r.stderr).toContain("import: 1 of 4 input(s) failed; nothing was written (--keep-going writes the others)");
    expect(r.stdout).toMatch(/^refused\s+delt\/d-makro\.pptx/mu);
    expect(written()).toEqual(["_publisher.yaml"]);
    const kept = await run("delt", "--publisher", "testby", "--keep-going");
    expect(kept.code).toBe(1);
    expect(written().filter((f) => f.endsWith(".md"))).toHaveLength(3);
    expect(JSON.parse(readFileSync(path.join(dir, "import-reports", "d-makro.json"), "utf8"))).toMatchObject({ status: "refused", written: false });
  });

  it("refuses a transcript and an original that would write the same document", async () => {
    writeFileSync(path.join(dir, "delt", "c-fagdag.txt"), "1 Internasjonal satsing i Testby\nForankring\n\n2 Tall\nKommunen har 32 000 innbyggere\n");
    const r = await run("delt", "--publisher", "testby");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: delt\/a-deck\.pptx: would write content\/testby\/internasjonal-satsing-i-testby\.md, like delt\/c-fagdag\.txt/u);
  });
});

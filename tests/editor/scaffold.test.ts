import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadContent } from "../../scripts/content/load.ts";
import { DOCUMENT_TYPES } from "../../scripts/content/schema.ts";
import { CONTENT_LANGUAGES } from "../../scripts/i18n/locales.ts";
import { main as newDocument } from "../../scripts/cli/new.ts";
import { main as newPublisher } from "../../scripts/cli/new-publisher.ts";
import { createDocument, EditorError, planDocument } from "../../scripts/editor/scaffold.ts";
import { runCli } from "../helpers/cli.ts";
import { whileUnwritable } from "../helpers/unwritable.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";
import { readBody } from "../../scripts/content/body-store.ts";

let dir: string;
beforeEach(() => {
  dir = makeProject();
});
afterEach(() => removeProject(dir));

const TODAY = new Date(2026, 10, 23, 12, 0); // 23 November 2026, local time

function io() {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    io: {
      stdout: (s: string) => {
        out.stdout += s;
      },
      stderr: (s: string) => {
        out.stderr += s;
      },
      cwd: dir,
    },
  };
}

function check() {
  return loadContent(path.join(dir, "content"), { root: dir });
}

/** Every file under content/, to prove that a refused command wrote nothing. */
function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = readFileSync(full, "utf8");
    }
  };
  walk(path.join(dir, "content"));
  return files;
}

describe("npm run new", () => {
  it("creates a presentation named after the title, dated today, that passes the check", () => {
    const { out, io: cli } = io();
    expect(newDocument(["--publisher", "testby", "--type", "presentation", "--title", "Ærlig talt: økonomi på Åsen og i Mölndal"], cli, TODAY)).toBe(0);
    const file = "content/testby/aerlig-talt-okonomi-pa-asen-og-i-molndal.md";
    expect(out.stdout).toContain(`Created ${file}`);
    expect(out.stdout).toContain("http://localhost:8080/dokumenter/testby/aerlig-talt-okonomi-pa-asen-og-i-molndal/");
    const text = readFileSync(path.join(dir, file), "utf8");
    expect(text).toMatch(/^---\ntitle: "Ærlig talt: økonomi på Åsen og i Mölndal"\ntype: presentation\npublisher: testby\ndate: 2026-11-23\nlanguage: nb\n/);
    expect(text).toContain("\n## Første lysbilde\n");
    const { site, problems } = check();
    expect(problems).toEqual([]);
    const created = site.documents.find((doc) => doc.slug === "aerlig-talt-okonomi-pa-asen-og-i-molndal");
    expect(created?.meta).toMatchObject({ title: "Ærlig talt: økonomi på Åsen og i Mölndal", type: "presentation", date: "2026-11-23", language: "nb" });
    expect(created?.body.parts.map((part) => part.anchor)).toEqual(["slide-1"]);
    expect(readBody(created!).parts[0]?.notesHtml).toContain("Talernotater");
  });

  it("names the preview address under the base path of url", () => {
    writeFileSync(path.join(dir, "site.config.json"), JSON.stringify({ url: "https://example.github.io/lysark/" }));
    const { out, io: cli } = io();
    expect(newDocument(["--publisher", "testby", "--type", "report", "--title", "Plan"], cli, TODAY)).toBe(0);
    expect(out.stdout).toContain("Preview with npm start: http://localhost:8080/lysark/dokumenter/testby/plan/\n");
  });

  it("makes a valid document for every type and body language", () => {
    for (const type of DOCUMENT_TYPES) {
      for (const lang of CONTENT_LANGUAGES) {
        createDocument({ root: dir, publisher: "testby-sentrum", type, lang, title: `${type} ${lang}`, today: TODAY });
      }
    }
    const { site, problems } = check();
    expect(problems).toEqual([]);
    expect(site.documents.filter((doc) => doc.meta.publisher === "testby-sentrum")).toHaveLength(1 + DOCUMENT_TYPES.length * CONTENT_LANGUAGES.length);
    const report = site.documents.find((doc) => doc.slug === "report-sv");
    expect(report?.body.parts[0]).toMatchObject({ anchor: "section-1", titleText: "Inledning" });
  });

  it("keeps titles with YAML syntax in them exactly", () => {
    const titles = ["- Liste? #1: «sitat» og 'apostrof'", "[Klammer] {krøll} & *stjerne*", "Yes", "2024", 'Det "store" spørsmålet'];
    titles.forEach((title, i) => {
      createDocument({ root: dir, publisher: "testby", type: "report", title, slug: `tittel-${i}`, today: TODAY });
    });
    const { site, problems } = check();
    expect(problems).toEqual([]);
    for (const [i, title] of titles.entries()) expect(site.documents.find((doc) => doc.slug === `tittel-${i}`)?.meta.title).toBe(title);
  });

  it("takes --date, also as a month, a year or unknown, and refuses a date that does not exist", () => {
    for (const date of ["2011-03-15", "2011-03", "2011", "unknown"]) {
      const { io: cli } = io();
      expect(newDocument(["--publisher", "testby", "--type", "report", "--title", `Dato ${date}`, "--date", date], cli, TODAY)).toBe(0);
    }
    const { site, problems } = check();
    expect(problems).toEqual([]);
    expect(site.documents.map((doc) => doc.meta.date)).toEqual(expect.arrayContaining(["2011-03-15", "2011-03", "2011", "unknown"]));

    const before = snapshot();
    const { out, io: cli } = io();
    expect(newDocument(["--publisher", "testby", "--type", "report", "--title", "Feil dato", "--date", "2011-02-30"], cli, TODAY)).toBe(1);
    expect(out.stderr).toContain('--date "2011-02-30" is not a real calendar date');
    expect(snapshot()).toEqual(before);
  });

  it("accepts the Norwegian name of a type", () => {
    expect(planDocument({ root: dir, publisher: "testby", type: "kartlegging", title: "Undersøkelse", today: TODAY }).text).toContain("type: survey\n");
  });

  it("refuses a slug that exists, exits non-zero and leaves the file alone", () => {
    const file = path.join(dir, "content/testby/likestilling-i-testby.md");
    const before = snapshot();
    const { out, io: cli } = io();
    expect(newDocument(["--publisher", "testby", "--type", "presentation", "--title", "Likestilling i Testby"], cli, TODAY)).toBe(1);
    expect(out.stderr).toContain("content/testby/likestilling-i-testby.md already exists");
    expect(out.stderr).toContain("--slug likestilling-i-testby-2");
    expect(out.stderr).toContain("Nothing was written.");
    expect(out.stdout).toBe("");
    expect(snapshot()).toEqual(before);
    expect(readFileSync(file, "utf8")).toBe(before["content/testby/likestilling-i-testby.md"]);
  });

  it.each([
    [
      ["--publisher", "tesby", "--type", "report", "--title", "X"],
      'unknown publisher "tesby" (--publisher). Did you mean "testby"? Known publishers: testby, testby-sentrum.',
    ],
    [
      ["--publisher", "testby", "--type", "presentaton", "--title", "X"],
      'unknown document type "presentaton" (--type). Did you mean "presentation"? Use one of: presentation, report, strategy, plan, survey, other.',
    ],
    [["--publisher", "testby", "--type", "report", "--title", "X", "--lang", "se"], 'unknown language "se" (--lang). Did you mean "sv"?'],
    [["--publisher", "testby", "--type", "report", "--title", "?!"], 'the title "?!" has no letters or digits'],
    [["--publisher", "testby", "--type", "report", "--title", "X", "--slug", "Min Fil"], '--slug "Min Fil" is not a valid file name'],
    [["--publisher", "testby", "--type", "report", "--title", "X", "--slug", "a".repeat(201)], "--slug is 201 characters long; at most 200"],
    [["--publisher", "testby", "--type", "report"], "missing --title", 2],
    [["--publishr", "testby", "--type", "report", "--title", "X"], "Unknown option '--publishr'. Did you mean --publisher?", 2],
  ])("explains what is wrong with %j and writes nothing", (args, message, status = 1) => {
    const before = snapshot();
    const { out, io: cli } = io();
    // 2 for a command line it cannot run (as build's and check's), 1 for what it was asked to make.
    expect(newDocument(args, cli, TODAY)).toBe(status);
    expect(out.stderr).toContain(message);
    expect(snapshot()).toEqual(before);
  });

  it("refuses to overwrite a file that appears between the check and the write", () => {
    const planned = planDocument({ root: dir, publisher: "testby", type: "report", title: "Kappløp", today: TODAY });
    writeFileSync(planned.file, "someone else's");
    expect(() => createDocument({ root: dir, publisher: "testby", type: "report", title: "Kappløp", today: TODAY })).toThrow(EditorError);
    expect(readFileSync(planned.file, "utf8")).toBe("someone else's");
  });

  it("says a folder it may not write in is the problem, with no stack trace, and writes nothing", async (context) => {
    const folder = path.join(dir, "content/testby");
    await whileUnwritable(folder, context, async () => {
      const before = snapshot();
      const { out, io: cli } = io();
      expect(newDocument(["--publisher", "testby", "--type", "report", "--title", "Stengt mappe"], cli, TODAY)).toBe(1);
      expect(out.stderr.startsWith(`new: ${path.join(folder, "stengt-mappe.md")} could not be written (`)).toBe(true);
      expect(out.stderr).toMatch(/could not be written \((?:EACCES|EPERM): /);
      expect(out.stderr).toContain(`Check that you may write in ${folder} and that its disk has room.\nNothing was written.\n`);
      expect(snapshot()).toEqual(before);
    });
  });

  it("works as the npm command, with today's date by default", () => {
    const result = runCli("new", dir, ["--publisher", "testby", "--type", "presentation", "--title", "Fra kommandolinjen"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const text = readFileSync(path.join(dir, "content/testby/fra-kommandolinjen.md"), "utf8");
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
    expect(text).toContain(`date: ${iso}\n`);
    expect(runCli("check", dir).status).toBe(0);
    const again = runCli("new", dir, ["--publisher", "testby", "--type", "presentation", "--title", "Fra kommandolinjen"]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already exists");
  });
});

describe("npm run new-publisher", () => {
  const args = ["--id", "nyby", "--name-nb", "Nyby kommune", "--name-en", "Nyby municipality", "--country", "NO", "--kind", "kommune"];

  it("creates a publisher that passes the check and can hold documents", () => {
    const { out, io: cli } = io();
    expect(newPublisher([...args, "--region", "Agder", "--website", "https://nyby.example.org/"], cli)).toBe(0);
    expect(out.stdout).toContain("Created content/nyby/_publisher.yaml");
    expect(readFileSync(path.join(dir, "content/nyby/_publisher.yaml"), "utf8")).toContain(
      "id: nyby\nnames:\n  nb: Nyby kommune\n  en: Nyby municipality\ncountry: NO\nkind: kommune\nregion: Agder\nwebsite: https://nyby.example.org/\n",
    );
    const { io: cli2 } = io();
    expect(newDocument(["--publisher", "nyby", "--type", "plan", "--title", "Kommuneplan"], cli2, TODAY)).toBe(0);
    const { site, problems } = check();
    expect(problems).toEqual([]);
    expect(site.publishers.find((publisher) => publisher.id === "nyby")).toMatchObject({
      names: { nb: "Nyby kommune", en: "Nyby municipality" },
      region: "Agder",
    });
    expect(site.documents.some((doc) => doc.meta.publisher === "nyby")).toBe(true);
  });

  it("creates a district under a parent, normalising country case and Nordic letters in the kind", () => {
    const { io: cli } = io();
    expect(
      newPublisher(
        ["--id", "testby-nord", "--name-nb", "Bydel Nord", "--name-en", "North district", "--country", "se", "--kind", "stadsdel", "--parent", "testby"],
        cli,
      ),
    ).toBe(0);
    const { io: cli2 } = io();
    expect(newPublisher(["--id", "testlan", "--name-nb", "Testlän", "--name-en", "Test County", "--country", "SE", "--kind", "län"], cli2)).toBe(0);
    expect(readFileSync(path.join(dir, "content/testlan/_publisher.yaml"), "utf8")).toContain("kind: lan\n");
    // An old municipality merged into Testby.
    const { io: cli3 } = io();
    expect(
      newPublisher(
        ["--id", "gamleby", "--name-nb", "Gamleby kommune", "--name-en", "Gamleby", "--country", "NO", "--kind", "kommune", "--successor", "testby"],
        cli3,
      ),
    ).toBe(0);
    const { site, problems } = check();
    expect(problems).toEqual([]);
    expect(site.publishers.find((publisher) => publisher.id === "testby-nord")).toMatchObject({ parent: "testby", country: "SE" });
    expect(site.publishers.find((publisher) => publisher.id === "gamleby")).toMatchObject({ successor: "testby" });
  });

  it("refuses a renamed or merged publisher's old id, as a new publisher and as a document's or district's publisher", () => {
    const publisherFile = path.join(dir, "content/testby/_publisher.yaml");
    writeFileSync(publisherFile, `${readFileSync(publisherFile, "utf8")}movedFrom: [gamleby]\n`);
    const before = snapshot();
    const movedTo = '"gamleby" has moved to testby (content/testby/_publisher.yaml lists it in movedFrom)';
    for (const [command, argv, message] of [
      [
        newPublisher,
        ["--id", "gamleby", "--name-nb", "Gamleby", "--name-en", "Old Town", "--country", "NO", "--kind", "kommune"],
        `${movedTo}, so its old addresses lead there.`,
      ],
      [newPublisher, [...args, "--parent", "gamleby"], `${movedTo}: use --parent testby.`],
      [newDocument, ["--publisher", "gamleby", "--type", "report", "--title", "Budsjett"], `${movedTo}: use --publisher testby.`],
    ] as const) {
      const { out, io: cli } = io();
      expect(command([...argv], cli), message).toBe(1);
      expect(out.stderr).toContain(message);
    }
    expect(snapshot()).toEqual(before);
  });

  it.each([
    [["--id", "testby", "--name-nb", "A", "--name-en", "B", "--country", "NO", "--kind", "kommune"], "content/testby/_publisher.yaml already exists"],
    [
      ["--id", "Ny By", "--name-nb", "A", "--name-en", "B", "--country", "NO", "--kind", "kommune"],
      '--id "Ny By" is not a valid publisher id: use lowercase a–z, digits and single hyphens, e.g. --id ny-by.',
    ],
    [[...args.slice(0, 6), "--country", "NOR", "--kind", "kommune"], 'unknown country "NOR" (--country). Did you mean "NO"?'],
    [[...args.slice(0, 8), "--kind", "komune"], 'unknown publisher kind "komune" (--kind). Did you mean "kommune"?'],
    [[...args, "--parent", "testbyy"], 'unknown publisher "testbyy" (--parent). Did you mean "testby"?'],
    [[...args, "--successor", "testbyy"], 'unknown publisher "testbyy" (--successor). Did you mean "testby"?'],
    [[...args, "--successor", "nyby"], "--successor must be another publisher, not the new one itself."],
    [[...args, "--website", "nyby.no"], "website: must be a web address starting with https://"],
    [["--id", "nyby", "--name-nb", "Nyby", "--country", "NO", "--kind", "kommune"], "missing --name-en", 2],
  ])("explains what is wrong with %j and writes nothing", (argv, message, status = 1) => {
    const before = snapshot();
    const { out, io: cli } = io();
    expect(newPublisher(argv, cli)).toBe(status);
    expect(out.stderr).toContain(message);
    expect(snapshot()).toEqual(before);
    expect(existsSync(path.join(dir, "content/nyby"))).toBe(false);
  });

  it("works as the npm command", () => {
    const result = runCli("new-publisher", dir, args);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(runCli("check", dir).status).toBe(0);
  });
});

/**
 * "Edit this page" links and last-updated dates: from one batched git log
 * inside a repository, from the file's modification time outside one.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { fileDates, gitDates, lastUpdatedDates } from "../../scripts/publish/git-dates.ts";
import { doc, makeProject, readOutput, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";
import { publishProjectChanges } from "./helpers.ts";

function git(dir: string, args: string[], date?: string): void {
  execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", ...args], {
    cwd: dir,
    stdio: "ignore",
    env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
  });
}

const lastUpdated = (html: string) => /<dt>(?:Sist endret|Last updated)<\/dt>\s*<dd><time datetime="([^"]+)">([^<]+)<\/time><\/dd>/.exec(html)?.slice(1);

describe("in a git repository", () => {
  let dir: string;
  beforeAll(async () => {
    dir = makeProject("site-basic", await publishProjectChanges());
    git(dir, ["init", "-q"]);
    git(dir, ["add", "-A"]);
    git(dir, ["commit", "-q", "-m", "first"], "2020-05-17T12:00:00Z");
    writeFileSync(
      path.join(dir, "content/testby/likestilling-2014.md"),
      doc("title: Likestilling 2014\ntype: report\npublisher: testby\ndate: 2014-02-01\nlanguage: nb\ntopics: [likestilling]", "## Status\n\nOppdatert.\n"),
    );
    git(dir, ["commit", "-q", "-am", "second"], "2021-02-03T09:30:00Z");
    // Not committed yet: falls back to the file's modification time.
    writeFileSync(path.join(dir, "content/testby/ny.md"), doc(VALID_FRONT_MATTER));
    utimesSync(path.join(dir, "content/testby/ny.md"), new Date("2019-01-02T10:00:00Z"), new Date("2019-01-02T10:00:00Z"));
    expect((await build({ root: dir })).ok).toBe(true);
  });
  afterAll(() => dir && removeProject(dir));

  it("dates each document by the last commit that changed its file", () => {
    expect(lastUpdated(readOutput(dir, "dokumenter/testby/likestilling-i-testby/index.html"))).toEqual(["2020-05-17", "17. mai 2020"]);
    expect(lastUpdated(readOutput(dir, "en/documents/testby/likestilling-2014/index.html"))).toEqual(["2021-02-03", "3 February 2021"]);
    expect(lastUpdated(readOutput(dir, "dokumenter/testby/ny/index.html"))).toEqual(["2019-01-02", "2. januar 2019"]);
  });

  it("reads all dates in one git log pass", () => {
    const dates = gitDates(dir, "content");
    expect(dates.get("content/testby/likestilling-2014.md")).toBe("2021-02-03");
    expect(dates.get("content/testby/rapport.pdf")).toBe("2020-05-17");
    expect(dates.has("content/testby/ny.md")).toBe(false);
  });

  it("links to the file in the repository's editor, on the configured branch", () => {
    const html = readOutput(dir, "dokumenter/testby/likestilling-2014/index.html");
    expect(html).toMatch(
      /<footer class="doc-footer">\s*<p><a href="https:\/\/git.example.org\/lysark\/lysark\/edit\/trunk\/content\/testby\/likestilling-2014.md" rel="noopener noreferrer">Rediger denne siden<\/a><\/p>/,
    );
    // The date it was last changed shows twice, in the metadata and the change history; the footer said it a third time.
    expect(html.match(/Sist endret/g)).toHaveLength(2);
    expect(readOutput(dir, "en/documents/testby/likestilling-2014/index.html")).toContain(">Edit this page</a>");
    expect(readOutput(dir, "en/documents/testby/likestilling-2014/index.html")).toContain('<meta property="article:modified_time" content="2021-02-03">');
  });
});

describe("outside git", () => {
  it("uses the file's modification time, the same in two builds", async () => {
    const dir = makeProject();
    try {
      const file = path.join(dir, "content/testby/likestilling-i-testby.md");
      utimesSync(file, new Date("2018-08-08T23:30:00Z"), new Date("2018-08-08T23:30:00Z"));
      expect(lastUpdatedDates(dir, ["content/testby/likestilling-i-testby.md"]).get("content/testby/likestilling-i-testby.md")).toBe("2018-08-08");
      expect((await build({ root: dir })).ok).toBe(true);
      const first = readOutput(dir, "dokumenter/testby/likestilling-i-testby/index.html");
      expect(lastUpdated(first)).toEqual(["2018-08-08", "8. august 2018"]);
      expect((await build({ root: dir })).ok).toBe(true);
      expect(readOutput(dir, "dokumenter/testby/likestilling-i-testby/index.html")).toBe(first);
      // No repository in site.config.json: no edit link.
      expect(first).not.toContain("Rediger denne siden");
    } finally {
      removeProject(dir);
    }
  });
});

describe("in a shallow clone", () => {
  it("gives a file cut off by the clone no date (not the boundary's, not the checkout's) and says so once", () => {
    const origin = makeProject();
    const clone = `${origin}-shallow`;
    try {
      const older = "content/testby/likestilling-i-testby.md";
      const newer = "content/testby/nyere.md";
      git(origin, ["init", "-q"]);
      git(origin, ["add", "-A"]);
      git(origin, ["commit", "-q", "-m", "first"], "2019-03-01T12:00:00Z");
      git(origin, ["commit", "-q", "--allow-empty", "-m", "second"], "2020-04-01T12:00:00Z");
      writeFileSync(path.join(origin, newer), doc(VALID_FRONT_MATTER));
      git(origin, ["add", "-A"]);
      git(origin, ["commit", "-q", "-m", "third"], "2021-05-01T12:00:00Z");
      // Two commits deep: "second" is the boundary, which git shows as adding every file.
      execFileSync("git", ["clone", "-q", "--depth", "2", `file://${origin}`, clone], { stdio: "ignore" });
      const warnings: string[] = [];
      const dates = lastUpdatedDates(clone, [older, newer], "content", (message) => warnings.push(message));
      expect(dates.get(newer)).toBe("2021-05-01");
      expect(dates.has(older)).toBe(false);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/shallow, so 1 of 2 document\(s\) show no "last updated" date .*fetch-depth: 0/);
      // The same repository in full dates both files by their own commits, and says nothing.
      const full = lastUpdatedDates(origin, [older, newer], "content", (message) => warnings.push(message));
      expect([full.get(older), full.get(newer)]).toEqual(["2019-03-01", "2021-05-01"]);
      expect(warnings).toHaveLength(1);
    } finally {
      removeProject(origin);
      removeProject(clone);
    }
  });
});

describe("a commit dated where no commit can be", () => {
  it("gives the file no date, not 2099's or 1970's, and says so once", () => {
    const dir = makeProject();
    try {
      const future = "content/testby/likestilling-i-testby.md";
      const past = "content/testby/nyere.md";
      const fine = "content/testby/riktig.md";
      writeFileSync(path.join(dir, past), doc(VALID_FRONT_MATTER));
      writeFileSync(path.join(dir, fine), doc(VALID_FRONT_MATTER));
      git(dir, ["init", "-q"]);
      git(dir, ["add", "-A"]);
      git(dir, ["commit", "-q", "-m", "first"], "2021-05-01T12:00:00Z");
      writeFileSync(path.join(dir, future), `${readFileSync(path.join(dir, future), "utf8")}\n`);
      git(dir, ["commit", "-q", "-am", "future"], "2099-12-31T00:00:00Z");
      writeFileSync(path.join(dir, past), `${readFileSync(path.join(dir, past), "utf8")}\n`);
      git(dir, ["commit", "-q", "-am", "epoch"], "1970-01-01T00:00:01Z");
      const warnings: string[] = [];
      const { lastUpdated, firstPublished } = fileDates(dir, [future, past, fine], "content", (message) => warnings.push(message));
      expect(lastUpdated.get(fine)).toBe("2021-05-01");
      expect(lastUpdated.has(future)).toBe(false);
      expect(lastUpdated.has(past)).toBe(false);
      expect(firstPublished.get(future)).toBe("2021-05-01");
      expect(warnings).toEqual([
        `Lysark: the last commit (or, outside git, the modification time) of 2 document(s) is dated after next year or before 1971, so they show no "last updated" date: ${future}, ${past}. Set the clock of the machine that made the commit right and make it again (git commit --amend gives the last commit the current date).`,
      ]);
    } finally {
      removeProject(dir);
    }
  });
});

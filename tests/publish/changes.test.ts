/**
 * Change history: front-matter `changes:` validated with file:line errors,
 * listed on the document page with the dates from git, and announced in the
 * site feed and the publisher and topic feeds as updates.
 */
import { execFileSync } from "node:child_process";
import { utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { fileDates } from "../../scripts/publish/git-dates.ts";
import { doc, makeProject, readOutput, removeProject, useContentCheck, VALID_FRONT_MATTER } from "../helpers/fixture.ts";

function git(dir: string, args: string[], date?: string): void {
  execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", ...args], {
    cwd: dir,
    stdio: "ignore",
    env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
  });
}

const CORRECTED = "content/testby/rettet.md";
const corrected = (changes: string) =>
  doc(
    `title: Rettet rapport
titleTranslations: { en: Corrected report }
type: report
publisher: testby
date: 2019-06-01
language: nb
topics: [likestilling]
summary: En rapport som er rettet.
changes:
${changes}`,
    "## Innledning\n\nTekst.\n",
  );

describe("changes: in front-matter", () => {
  const { check } = useContentCheck();

  it("accepts dated notes", () => {
    const { lines } = check({ [CORRECTED]: corrected('  - { date: 2020-02-03, note: "Rettet antall ansatte på side 2." }') });
    expect(lines).toEqual([]);
  });

  it("points at the field of a missing note, a missing date, a too long note and an unknown field", () => {
    const { lines } = check({
      [CORRECTED]: corrected(
        [
          "  - date: 2020-02-03",
          "  - note: Uten dato",
          `  - { date: 2020-02-04, note: "${"x".repeat(301)}" }`,
          "  - { date: 2020-02-05, note: Ok, by: Kari }",
        ].join("\n"),
      ),
    });
    expect(lines).toEqual([
      "content/testby/rettet.md:11:5 changes.0.note: is required but missing. Add it.",
      "content/testby/rettet.md:12:5 changes.1.date: is required but missing. Add it.",
      "content/testby/rettet.md:13:31 changes.2.note: is longer than 300 characters. Shorten it",
      'content/testby/rettet.md:14:35 changes.3.by: unknown field "by". Allowed here: date, note.',
    ]);
  });

  it("refuses a change dated before the document, at the precision both dates share", () => {
    const { lines } = check({
      [CORRECTED]: corrected(
        ["  - { date: 2019-05-31, note: For tidlig }", "  - { date: 2019, note: Samme år }", "  - { date: 2019-06, note: Samme måned }"].join("\n"),
      ),
    });
    expect(lines).toEqual([
      "content/testby/rettet.md:11:13 changes.0.date: 2019-05-31 is before the document's date 2019-06-01. A change is dated when it was published, after the document.",
    ]);
  });
});

describe("a document with changes, in a git repository", () => {
  let dir: string;
  const warnings: string[] = [];
  beforeAll(async () => {
    dir = makeProject("site-basic", { [CORRECTED]: corrected('  - { date: 2019-09-10, note: "Første versjon hadde feil årstall." }') });
    git(dir, ["init", "-q"]);
    git(dir, ["add", "-A"]);
    git(dir, ["commit", "-q", "-m", "first"], "2019-08-01T12:00:00Z");
    writeFileSync(
      path.join(dir, CORRECTED),
      corrected(
        [
          '  - { date: 2019-09-10, note: "Første versjon hadde feil årstall." }',
          '  - { date: 2020-02-03, note: "Rettet antall ansatte på side 2 <b>&</b> $& i notatet." }',
          // Later than the commit that adds it: a warning, the page still shows it.
          "  - { date: 2020-03-01, note: Kommer snart. }",
        ].join("\n"),
      ),
    );
    git(dir, ["commit", "-q", "-am", "second"], "2020-02-04T09:00:00Z");
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(String(message));
    try {
      expect((await build({ root: dir })).ok).toBe(true);
    } finally {
      console.warn = warn;
    }
  });
  afterAll(() => dir && removeProject(dir));

  it("reads when each file was first published and last changed from one git log", () => {
    const dates = fileDates(dir, [CORRECTED, "content/testby/likestilling-i-testby.md"], "content", () => {});
    expect(dates.firstPublished.get(CORRECTED)).toBe("2019-08-01");
    expect(dates.lastUpdated.get(CORRECTED)).toBe("2020-02-04");
    expect(dates.firstPublished.get("content/testby/likestilling-i-testby.md")).toBe("2019-08-01");
  });

  it("lists the notes newest first with the git dates, in the page's locale", () => {
    const section = (html: string) => /<section class="changes"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    const nb = section(readOutput(dir, "dokumenter/testby/rettet/index.html"));
    expect(nb).toContain('<h2 id="changes-heading">Endringshistorikk</h2>');
    const items = [...nb.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((match) => match[1]);
    expect(items).toEqual([
      '<time datetime="2020-03-01">1. mars 2020</time>: <span lang="nb">Kommer snart.</span>',
      '<time datetime="2020-02-03">3. februar 2020</time>: <span lang="nb">Rettet antall ansatte på side 2 &lt;b&gt;&amp;&lt;/b&gt; $&amp; i notatet.</span>',
      '<time datetime="2019-09-10">10. september 2019</time>: <span lang="nb">Første versjon hadde feil årstall.</span>',
    ]);
    expect(nb).toMatch(/<dt>Publisert her<\/dt><dd><time datetime="2019-08-01">1. august 2019<\/time><\/dd>/);
    expect(nb).toMatch(/<dt>Sist endret<\/dt><dd><time datetime="2020-02-04">4. februar 2020<\/time><\/dd>/);
    const en = section(readOutput(dir, "en/documents/testby/rettet/index.html"));
    expect(en).toContain('<h2 id="changes-heading">Change history</h2>');
    expect(en).toContain('<time datetime="2020-02-03">3 February 2020</time>: <span lang="nb">Rettet antall ansatte');
    expect(en).toMatch(/<dt>Published here<\/dt><dd><time datetime="2019-08-01">1 August 2019<\/time>/);
  });

  it("warns, naming file, line and field, about a change dated after the file last changed", () => {
    expect(warnings.filter((warning) => warning.includes("changes."))).toEqual([
      "content/testby/rettet.md:13:13 warning: changes.2.date: 2020-03-01 is after 2020-02-04, when the file last changed. Date a change when it is published, not ahead of time.",
    ]);
  });

  const entry = (xml: string) => /<entry>(?:(?!<\/entry>)[\s\S])*?rettet\/<\/id>[\s\S]*?<\/entry>/.exec(xml)?.[0] ?? "";

  it("announces the notes in the site, publisher and topic feeds as an update of the same entry", () => {
    for (const [feed, url] of [
      ["feed.xml", "https://lysark.test/dokumenter/testby/rettet/"],
      ["utgivere/testby/feed.xml", "https://lysark.test/dokumenter/testby/rettet/"],
      ["tema/likestilling/feed.xml", "https://lysark.test/dokumenter/testby/rettet/"],
      ["en/topics/likestilling/feed.xml", "https://lysark.test/en/documents/testby/rettet/"],
    ] as const) {
      const xml = readOutput(dir, feed);
      expect(XMLValidator.validate(xml), feed).toBe(true);
      const found = entry(xml);
      expect(found, feed).toContain(`<id>${url}</id>`);
      expect(found).toContain("<published>2019-06-01T00:00:00Z</published>");
      expect(found).toContain("<updated>2020-03-01T00:00:00Z</updated>");
      expect(found).toContain('<content type="xhtml"');
      // The feed is as new as its newest update.
      expect(/<feed[\s\S]*?<updated>([^<]+)<\/updated>/.exec(xml)![1]).toBe("2020-03-01T00:00:00Z");
    }
    const nb = entry(readOutput(dir, "feed.xml"));
    expect(nb).toContain(
      '<li>Endret 3. februar 2020: <span xml:lang="nb">Rettet antall ansatte på side 2 &lt;b&gt;&amp;&lt;/b&gt; $&amp; i notatet.</span></li>',
    );
    expect(entry(readOutput(dir, "en/feed.xml"))).toContain(
      '<li>Changed 10 September 2019: <span xml:lang="nb">Første versjon hadde feil årstall.</span></li>',
    );
  });
});

describe("an undated document", () => {
  it("enters the feed with its first dated change, without a published date", async () => {
    const dir = makeProject("site-basic", {
      "content/testby/udatert.md": doc(
        `${VALID_FRONT_MATTER.replace("date: 2012-05-01", "date: unknown")}\nchanges:\n  - { date: 2021-01-05, note: Lagt til lysbilde 3. }`,
      ),
      "content/testby/udatert-uten.md": doc(VALID_FRONT_MATTER.replace("date: 2012-05-01", "date: unknown").replace("Et dokument", "Uten endringer")),
    });
    try {
      // Outside git the last-updated date is the file's mtime: fixed here, so the test does not depend on today.
      for (const file of ["udatert.md", "udatert-uten.md"]) {
        utimesSync(path.join(dir, "content/testby", file), new Date("2021-01-05T12:00:00Z"), new Date("2021-01-05T12:00:00Z"));
      }
      expect((await build({ root: dir })).ok).toBe(true);
      const xml = readOutput(dir, "feed.xml");
      const found = /<entry>(?:(?!<\/entry>)[\s\S])*?udatert\/<\/id>[\s\S]*?<\/entry>/.exec(xml)?.[0] ?? "";
      expect(found).toContain("<updated>2021-01-05T00:00:00Z</updated>");
      expect(found).not.toContain("<published>");
      expect(xml).not.toContain("udatert-uten/");
    } finally {
      removeProject(dir);
    }
  });
});

describe("feeds in a git repository", () => {
  let dir: string;
  const UNDATED = (title: string) => doc(VALID_FRONT_MATTER.replace("date: 2012-05-01", "date: unknown").replace("Et dokument", title));
  beforeAll(async () => {
    dir = makeProject("site-basic", { "content/testby/udatert.md": UNDATED("Udatert fra før") });
    git(dir, ["init", "-q"]);
    git(dir, ["add", "-A"]);
    git(dir, ["commit", "-q", "-m", "first"], "2019-08-01T12:00:00Z");
    writeFileSync(path.join(dir, "content/testby/ny-udatert.md"), UNDATED("Udatert og ny"));
    git(dir, ["add", "-A"]);
    git(dir, ["commit", "-q", "-m", "second"], "2021-03-01T09:00:00Z");
    expect((await build({ root: dir })).ok).toBe(true);
  });
  afterAll(() => dir && removeProject(dir));

  const ids = (xml: string) => [...xml.matchAll(/<entry>\s*<title[^>]*>[^<]*<\/title>\s*<link[^>]*\/>\s*<id>([^<]+)<\/id>/g)].map((match) => match[1]);

  it("list an undated document git says was published here, newest first by that date, without a published date", () => {
    for (const feed of ["feed.xml", "utgivere/testby/feed.xml"]) {
      const xml = readOutput(dir, feed);
      expect(XMLValidator.validate(xml), feed).toBe(true);
      const listed = ids(xml);
      expect(listed[0], feed).toBe("https://lysark.test/dokumenter/testby/ny-udatert/");
      expect(listed, feed).toContain("https://lysark.test/dokumenter/testby/udatert/");
      const newest = /<entry>[\s\S]*?<\/entry>/.exec(xml)![0];
      expect(newest).not.toContain("<published>");
      expect(newest).toContain("<updated>2021-03-01T00:00:00Z</updated>");
      // The feed is as new as the newest document published here.
      expect(/<feed[\s\S]*?<updated>([^<]+)<\/updated>/.exec(xml)![1], feed).toBe("2021-03-01T00:00:00Z");
    }
    expect(ids(readOutput(dir, "en/feed.xml"))[0]).toBe("https://lysark.test/en/documents/testby/ny-udatert/");
  });
});

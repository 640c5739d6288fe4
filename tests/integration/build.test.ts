import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { runCli } from "../helpers/cli.ts";
import { doc, makeProject, readOutput, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";

describe("building the fixture site", () => {
  let dir: string;
  beforeAll(async () => {
    dir = makeProject();
    const result = await build({ root: dir });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });
  afterAll(() => removeProject(dir));

  it("writes a home page per locale with the right <html lang>", () => {
    expect(readOutput(dir, "index.html")).toMatch(/<html lang="nb">/);
    expect(readOutput(dir, "en/index.html")).toMatch(/<html lang="en">/);
  });

  it("writes each document in both locales under translated paths", () => {
    const nb = readOutput(dir, "dokumenter/testby/likestilling-i-testby/index.html");
    const en = readOutput(dir, "en/documents/testby/likestilling-i-testby/index.html");
    expect(nb).toContain(">Likestilling i Testby</h1>");
    expect(en).toContain(">Gender equality in Testby</h1>");
    expect(en).toContain('class="original-title" lang="nb">Likestilling i Testby<');
  });

  it("numbers slides in order with stable anchors, including empty ones", () => {
    const html = readOutput(dir, "dokumenter/testby/likestilling-i-testby/index.html");
    const anchors = [...html.matchAll(/<section class="slide[^"]*" id="(slide-\d+)"/g)].map((m) => m[1]);
    expect(anchors).toEqual(["slide-1", "slide-2", "slide-3", "slide-4"]);
    expect(html).toMatch(/id="slide-3"[^>]*>\s*<h2[^>]*>[\s\S]*Lysbilde uten tekst i kilden/);
  });

  it("renders speaker notes apart from the slide text, collapsible", () => {
    const html = readOutput(dir, "en/documents/testby/likestilling-i-testby/index.html");
    expect(html).toMatch(/<details class="notes">\s*<summary lang="en">Speaker notes<\/summary>\s*<div class="notes-body"><p>Her er talernotatene.<\/p>/);
  });

  it("keeps the body in its own language inside a page of another locale", () => {
    const html = readOutput(dir, "en/documents/testby-sentrum/integrering-i-sentrum/index.html");
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<div class="doc-body" lang="sv">/);
  });

  it("links each page to its other-language version with hreflang and a switcher", () => {
    const html = readOutput(dir, "tema/likestilling/index.html");
    expect(html).toContain('<link rel="alternate" hreflang="nb" href="https://lysark.test/tema/likestilling/">');
    expect(html).toContain('<link rel="alternate" hreflang="en" href="https://lysark.test/en/topics/likestilling/">');
    expect(html).toMatch(/<a href="\/en\/topics\/likestilling\/" hreflang="en" lang="en">English<\/a>/);
  });

  it("formats numbers and dates in the page's locale", () => {
    const nb = readOutput(dir, "dokumenter/testby/likestilling-i-testby/index.html");
    const en = readOutput(dir, "en/documents/testby/likestilling-i-testby/index.html");
    expect(nb).toContain("4\u00a0900");
    expect(nb).toContain("ca. 17,7\u00a0%");
    expect(nb).toContain("15. mars 2011");
    expect(en).toContain("4,900");
    expect(en).toContain("approx. 17.7%");
    expect(en).toContain("15 March 2011");
  });

  it("shows HTML typed into a title or body as text, never as markup", () => {
    const html = readOutput(dir, "dokumenter/testby-sentrum/integrering-i-sentrum/index.html");
    expect(html).not.toContain('<script>alert("x")</script>');
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("Inledning &lt;b&gt;fet&lt;/b&gt;");
  });

  it("lists a district's documents on its city's page and links back to the city", () => {
    const city = readOutput(dir, "utgivere/testby/index.html");
    expect(city).toContain("/dokumenter/testby-sentrum/integrering-i-sentrum/");
    const district = readOutput(dir, "en/publishers/testby-sentrum/index.html");
    expect(district).toMatch(/Part of<\/dt><dd><a href="\/en\/publishers\/testby\/">Testby municipality<\/a>/);
  });

  it("writes listings by type, year and topic in both locales", () => {
    for (const file of [
      "typer/presentasjon/index.html",
      "en/types/presentation/index.html",
      "ar/2011/index.html",
      "en/years/2010/index.html",
      "en/topics/integrering/index.html",
    ]) {
      expect(existsSync(path.join(dir, "_site", file)), file).toBe(true);
    }
  });
});

describe("a build with a bad document", () => {
  it("fails, names file, line and field, and leaves the previous output untouched", async () => {
    const dir = makeProject();
    try {
      expect((await build({ root: dir })).ok).toBe(true);
      const before = readOutput(dir, "index.html");
      const broken = doc(VALID_FRONT_MATTER.replace("date: 2012-05-01", "date: 2012-13-01"));
      const { writeFileSync } = await import("node:fs");
      writeFileSync(path.join(dir, "content/testby/broken.md"), broken);

      const result = runCli("build", dir);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("content/testby/broken.md:5:7 date: is not a real calendar date");
      expect(readOutput(dir, "index.html")).toBe(before);
      expect(existsSync(path.join(dir, "_site/dokumenter/testby/broken/index.html"))).toBe(false);
      // The same from the library: the staging folder (cards were begun in it) is gone too.
      const again = await build({ root: dir });
      expect(again.ok).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(readdirSync(dir).filter((name) => name.includes(".building-"))).toEqual([]);
      expect(readOutput(dir, "index.html")).toBe(before);
    } finally {
      removeProject(dir);
    }
  });

  it("npm run check reports every problem at once and exits non-zero", () => {
    const dir = makeProject("site-basic", {
      "content/testby/a.md": doc(VALID_FRONT_MATTER.replace("type: presentation", "type: presentaton")),
      "content/testby/b.md": doc(`${VALID_FRONT_MATTER}\ntopics: [likestiling]`),
    });
    try {
      const result = runCli("check", dir);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('content/testby/a.md:3:7 type: "presentaton" is not allowed. Did you mean "presentation"?');
      expect(result.stderr).toContain('content/testby/b.md:7:10 topics.0: unknown topic "likestiling". Did you mean "likestilling"?');
      expect(result.stderr).toContain("2 error(s)");
    } finally {
      removeProject(dir);
    }
  });

  it("npm run check passes on valid content", () => {
    const dir = makeProject();
    try {
      const result = runCli("check", dir);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/check passed: 2 documents/);
    } finally {
      removeProject(dir);
    }
  });
});

describe("the bundled content", () => {
  it("validates without problems", () => {
    const result = runCli("check", path.resolve(__dirname, "../.."));
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(readFileSync(path.resolve(__dirname, "../../content/agder/kommunenes-arbeid-med-likestilling.md"), "utf8")).toContain("type: presentation");
  });
});

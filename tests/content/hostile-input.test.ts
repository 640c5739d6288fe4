/**
 * Hostile content (issue 15): a pull request is untrusted input. Each hole
 * found on main has a case here; every one is an error naming file, line and
 * field (or, for a file Lysark does not read, a warning), never a crash and
 * never a file from outside content/.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../scripts/content/load.ts";
import { formatProblem } from "../../scripts/content/problems.ts";
import { looksLikeMarkup } from "../../scripts/content/attachment-types.ts";
import { isTruncated, verifyImages } from "../../scripts/content/verify-images.ts";
import { loadSiteConfig } from "../../scripts/content/site-config.ts";
import { LIMITS } from "../../scripts/content/limits.ts";
import { doc, makeProject, useContentCheck, VALID_FRONT_MATTER } from "../helpers/fixture.ts";
import { readBody } from "../../scripts/content/body-store.ts";

const FILE = "content/testby/case.md";
const { check, track } = useContentCheck();

/** A file outside the project, as a secret on the build machine would be. */
function secretOutside(): string {
  const dir = track(makeProject("site-basic"));
  const secret = path.join(dir, "secret.txt");
  writeFileSync(secret, "root:x:0:0:secret\n");
  return secret;
}

/** Checks a project after `prepare` has made links or folders in it. */
function checkPrepared(changes: Record<string, string>, prepare: (dir: string) => void) {
  const dir = track(makeProject("site-basic", changes));
  prepare(dir);
  const result = loadContent(path.join(dir, "content"), { root: dir });
  return { ...result, dir, text: result.problems.map(formatProblem).join("\n") };
}

const withAttachment = (file: string) => doc(`${VALID_FRONT_MATTER}\nattachments:\n  - file: ${file}`);

describe("files from outside content/ are never read or published", () => {
  it("an attachment that links to a file outside the repository is an error", () => {
    const secret = secretOutside();
    const { text, site } = checkPrepared({ [FILE]: withAttachment("passwd.txt") }, (dir) => symlinkSync(secret, path.join(dir, "content/testby/passwd.txt")));
    expect(text).toContain(`${FILE}:8:11 attachments.0.file: "passwd.txt" is a symbolic link to "${secret}", outside the content folder.`);
    expect(site.documents.some((d) => d.file === FILE)).toBe(false);
  });

  it("an attachment inside a linked folder that leads outside is an error", () => {
    const outside = path.join(track(makeProject("site-basic")), "etc");
    mkdirSync(outside);
    writeFileSync(path.join(outside, "secret.txt"), "secret\n");
    const { text } = checkPrepared({ [FILE]: withAttachment("etc/secret.txt") }, (dir) => symlinkSync(outside, path.join(dir, "content/testby/etc")));
    expect(text).toContain(`${FILE}:8:11 attachments.0.file: "etc/secret.txt" is a symbolic link to`);
    expect(text).toContain("outside the content folder");
  });

  it("a document that links to a file outside is an error", () => {
    const dir = track(makeProject("site-basic"));
    const outside = path.join(dir, "doc.md");
    writeFileSync(outside, doc(VALID_FRONT_MATTER));
    const { text, site } = checkPrepared({}, (d) => symlinkSync(outside, path.join(d, FILE)));
    expect(text).toContain(`${FILE}:1:1 is a symbolic link to "${outside}", outside the content folder.`);
    expect(site.documents.some((d) => d.file === FILE)).toBe(false);
  });

  it("a body image that links to a file outside is an error", async () => {
    const dir = track(makeProject("site-basic"));
    const outside = path.join(dir, "pic.png");
    writeFileSync(
      outside,
      await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
        .png()
        .toBuffer(),
    );
    const { text } = checkPrepared({ [FILE]: doc(VALID_FRONT_MATTER, "## A\n\n![A picture](pic.png)\n") }, (d) =>
      symlinkSync(outside, path.join(d, "content/testby/pic.png")),
    );
    expect(text).toContain(`${FILE}:11:1 body: image "pic.png" is a symbolic link to "${outside}", outside the content folder.`);
  });

  it("a publisher file that links outside is an error", () => {
    const secret = secretOutside();
    const { text } = checkPrepared({}, (dir) => {
      const file = path.join(dir, "content/testby-sentrum/_publisher.yaml");
      rmSync(file);
      symlinkSync(secret, file);
    });
    expect(text).toContain("content/testby-sentrum/_publisher.yaml:1:1 is a symbolic link to");
  });

  it("a link inside content/ to another file inside content/ is still allowed", async () => {
    const { problems } = checkPrepared({ "content/testby/data/tabell.csv": "a,b\n1,2\n", [FILE]: withAttachment("tabell.csv") }, (dir) =>
      symlinkSync("data/tabell.csv", path.join(dir, "content/testby/tabell.csv")),
    );
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  });
});

describe("attachments are an allow-list of types that never run in a browser", () => {
  for (const name of ["index.html", "x.htm", "app.js", "drawing.svg", "page.xhtml", "data.xml", "noextension"]) {
    it(`refuses ${name}`, () => {
      const { lines } = check({ [`content/testby/${name}`]: "<script>alert(1)</script>", [FILE]: withAttachment(name) });
      expect(lines.join("\n")).toContain(`${FILE}:8:11 attachments.0.file: "${name}" is `);
      expect(lines.join("\n")).toContain("cannot be an attachment: a browser could run it");
    });
  }

  it("refuses a type it does not know without saying a browser could run it, and names the .zip way", () => {
    const { lines } = check({ "content/testby/kilder.bib": "@book{a, title={T}}\n", [FILE]: withAttachment("kilder.bib") });
    const text = lines.join("\n");
    expect(text).toContain(
      `${FILE}:8:11 attachments.0.file: "kilder.bib" is a .bib file, which cannot be an attachment: a host serves a file by its extension`,
    );
    expect(text).toContain("or the file inside a .zip.");
    expect(text).not.toContain("a browser could run it");
  });

  it("refuses HTML renamed to .pdf", () => {
    const { lines } = check({ "content/testby/report.pdf": "  <!DOCTYPE html><script>alert(1)</script>", [FILE]: withAttachment("report.pdf") });
    expect(lines.join("\n")).toContain(`${FILE}:8:11 attachments.0.file: "report.pdf" contains HTML or SVG markup`);
  });

  it("knows HTML by every tag a browser sniffs as HTML, not only by <html> and <script>, and leaves text with a < alone", () => {
    for (const markup of ["<p>Hei</p>", "<div><script>alert(1)</script></div>", '<a href="x">', "<B>fet</B>", "<br/>", "<!-- x -->", "<TITLE>x"]) {
      expect(looksLikeMarkup(Buffer.from(`\n ${markup}`)), markup).toBe(true);
    }
    for (const text of ["<pre is not p", "<abc>", "<bibliografi>", "a < b", "<3 kommuner", "<ph>"]) {
      expect(looksLikeMarkup(Buffer.from(text)), text).toBe(false);
    }
  });

  it("accepts a PDF, a spreadsheet and a CSV", () => {
    const { problems } = check({
      "content/testby/a.pdf": "%PDF-1.7\n",
      "content/testby/b.xlsx": "PK\u0003\u0004",
      "content/testby/c.csv": "a,b\n",
      [FILE]: doc(`${VALID_FRONT_MATTER}\nattachments:\n  - file: a.pdf\n  - file: b.xlsx\n  - file: c.csv`),
    });
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  });
});

describe("odd entries in content/ are errors or warnings, never crashes", () => {
  it("a dangling *.md link", () => {
    const { text } = checkPrepared({}, (dir) => symlinkSync("nowhere.md", path.join(dir, FILE)));
    expect(text).toContain(`${FILE}:1:1 is a symbolic link to "nowhere.md", which does not exist.`);
  });

  it("a folder named *.md", () => {
    const { text } = checkPrepared({}, (dir) => mkdirSync(path.join(dir, FILE)));
    expect(text).toContain(`${FILE}:1:1 is a folder (or another special entry), not a file.`);
  });

  it("a document in a subfolder, or named .markdown, is not read, with a warning naming it", () => {
    const { lines, site } = check({
      "content/testby/gammelt/arkiv.md": doc(VALID_FRONT_MATTER),
      "content/testby/notat.markdown": doc(VALID_FRONT_MATTER),
      "content/løs.md": doc(VALID_FRONT_MATTER),
    });
    expect(lines).toContain(
      "content/testby/gammelt/arkiv.md:1:1 warning: is not read: documents must be directly in a publisher folder (content/<publisher>/<slug>.md). Move it up, or rename it if it is meant as an attachment's notes.",
    );
    expect(lines).toContain('content/testby/notat.markdown:1:1 warning: is not read: a document\'s name ends in ".md" (lower case). Rename it to "notat.md".');
    expect(lines).toContain(
      "content/løs.md:1:1 warning: is not read: documents must be in a publisher folder (content/<publisher>/<slug>.md). Move it into its publisher's folder.",
    );
    expect(site.documents).toHaveLength(2);
  });
});

describe("check validates what the build needs", () => {
  it("a control character in the title, written raw or as a YAML escape", () => {
    expect(check({ [FILE]: doc(VALID_FRONT_MATTER.replace("Et dokument", "Et \u0007dokument")) }).lines.join("\n")).toContain(
      `${FILE}:2:8 title: contains the invisible control character U+0007`,
    );
    expect(check({ [FILE]: doc(VALID_FRONT_MATTER.replace("Et dokument", '"Et \\x1bdokument"')) }).lines.join("\n")).toContain(
      `${FILE}:2:8 title: contains the invisible control character U+001B`,
    );
    expect(check({ [FILE]: doc(VALID_FRONT_MATTER.replace("Et dokument", '"Et \\uD800dokument"')) }).lines.join("\n")).toContain(
      `${FILE}:2:8 title: contains the invisible control character U+D800`,
    );
  });

  it("a control character in the body names its line and column", () => {
    expect(check({ [FILE]: doc(VALID_FRONT_MATTER, "## A\n\nTe\u000cxt\n") }).lines.join("\n")).toContain(
      `${FILE}:11:3 body: contains the invisible control character U+000C`,
    );
  });

  it("a control character in a publisher name", () => {
    const { lines } = check({
      "content/testby-sentrum/_publisher.yaml": 'id: testby-sentrum\nnames: { nb: "S\\x00", en: S }\ncountry: NO\nkind: bydel\nparent: testby\n',
    });
    expect(lines.join("\n")).toContain("content/testby-sentrum/_publisher.yaml:2:14 names.nb: contains the invisible control character U+0000");
  });

  it("a title longer than the limit, and too long lists", () => {
    expect(check({ [FILE]: doc(VALID_FRONT_MATTER.replace("Et dokument", "x".repeat(LIMITS.titleLength + 1))) }).lines.join("\n")).toContain(
      `${FILE}:2:8 title: is longer than ${LIMITS.titleLength} characters. Shorten it`,
    );
    const topics = `topics: [${Array(LIMITS.listLength + 1)
      .fill("likestilling")
      .join(", ")}]`;
    expect(check({ [FILE]: doc(`${VALID_FRONT_MATTER}\n${topics}`) }).lines.join("\n")).toContain(
      `${FILE}:7:9 topics: has more than ${LIMITS.listLength} entries.`,
    );
  });

  it("a document file name or an id too long for the files named after it", () => {
    const long = "a".repeat(LIMITS.idLength + 1);
    expect(check({ [`content/testby/${long}.md`]: doc(VALID_FRONT_MATTER) }).lines).toContain(
      `content/testby/${long}.md:1:1 file name "${"a".repeat(40)}….md" is ${LIMITS.idLength + 1} characters long before ".md"; at most ${LIMITS.idLength}, as the site names files after it. Rename it to "${"a".repeat(80)}.md".`,
    );
    expect(check({ [`content/testby/${"a".repeat(LIMITS.idLength)}.md`]: doc(VALID_FRONT_MATTER) }).problems).toEqual([]);
    const topics = `- id: ${long}\n  labels: { nb: Lang, en: Long }\n`;
    expect(check({ "content/_registries/topics.yaml": topics }).lines.join("\n")).toContain(
      `content/_registries/topics.yaml:1:7 0.id: is ${LIMITS.idLength + 1} characters long; a topic id may have at most ${LIMITS.idLength}, as files are named after it. Shorten it.`,
    );
  });

  it("implausible dates and magnitudes", () => {
    expect(check({ [FILE]: doc(VALID_FRONT_MATTER.replace("2012-05-01", "0012-05-01")) }).lines.join("\n")).toContain(
      `${FILE}:5:7 date: has an implausible year`,
    );
    expect(check({ [FILE]: doc(VALID_FRONT_MATTER.replace("2012-05-01", "9999")) }).lines.join("\n")).toContain(`${FILE}:5:7 date: has an implausible year`);
    expect(check({ [FILE]: doc(`${VALID_FRONT_MATTER}\nkeyFigures:\n  - indicator: inhabitants\n    value: 1e300`) }).lines.join("\n")).toContain(
      `${FILE}:9:12 keyFigures.0.value: is implausibly large`,
    );
  });

  it("an unclosed ::: notes would swallow the slides after it", () => {
    const { lines } = check({ [FILE]: doc(VALID_FRONT_MATTER, "## A\n\n::: notes\nNotat\n\n## B\n\nTekst.\n") });
    expect(lines).toContain(
      `${FILE}:11:1 body: speaker notes (":::" notes) are not closed, so everything after them would become notes. Add a line ":::" where the notes end.`,
    );
  });

  it("an unclosed code fence would swallow the slides after it", () => {
    const { lines } = check({ [FILE]: doc(VALID_FRONT_MATTER, "## A\n\n```\nkode\n\n## B\n") });
    expect(lines.join("\n")).toContain(`${FILE}:11:1 body: code block opened with \`\`\` is not closed`);
    // A fence of 50,000 backticks is named by its length, not quoted twice.
    const long = check({ [FILE]: doc(VALID_FRONT_MATTER, `## A\n\n${"`".repeat(50_000)}\nkode\n`) });
    expect(long.lines).toContain(
      `${FILE}:11:1 body: code block opened with 50000 backticks is not closed, so everything after it would be shown as code. Add a line of 50000 backticks where it ends.`,
    );
  });

  it("lists or quotes nested too deep would lose their content", () => {
    const quotes = check({ [FILE]: doc(VALID_FRONT_MATTER, `## A\n\n${">".repeat(150)} dypt\n\n## B\n\nEtter.\n`) });
    expect(quotes.lines.join("\n")).toContain(`${FILE}:11:1 body: lists or quotes are nested more than ${LIMITS.markdownNesting} levels deep here.`);
    const list = Array.from({ length: 80 }, (_, i) => `${"  ".repeat(i)}- punkt ${i}`).join("\n");
    expect(check({ [FILE]: doc(VALID_FRONT_MATTER, `## A\n\n${list}\n`) }).lines.join("\n")).toContain("body: lists or quotes are nested more than");
  });

  // A 5 MB body of one million "## a" lines passed the check, then wrote 380 MB of pages for one document.
  it("more slides or sections than a document may have are refused at the first one past the limit; the limit itself is not", () => {
    const slides = (count: number) => Array.from({ length: count }, (_, i) => `## ${i + 1}\n`).join("");
    const { lines } = check({ [FILE]: doc(VALID_FRONT_MATTER, slides(LIMITS.slidesPerDocument + 5)) });
    // The body starts at line 9; each slide is one line.
    expect(lines).toEqual([
      `${FILE}:${9 + LIMITS.slidesPerDocument}:1 body: the body has ${(LIMITS.slidesPerDocument + 5).toLocaleString("en-US")} "##" slides or sections; at most ${LIMITS.slidesPerDocument.toLocaleString("en-US")} fit one document, and this is the first one past them. Split the document into several, or make minor headings "###".`,
    ]);
    expect(check({ [FILE]: doc(VALID_FRONT_MATTER, slides(LIMITS.slidesPerDocument)) }).problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("nesting within the limit is rendered faithfully", () => {
    const list = Array.from({ length: LIMITS.markdownNesting }, (_, i) => `${"  ".repeat(i)}- punkt ${i}`).join("\n");
    const { problems, site } = check({ [FILE]: doc(VALID_FRONT_MATTER, `## A\n\n${list}\n`) });
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    const html = readBody(site.documents.find((d) => d.file === FILE)!).parts[0]!.bodyHtml;
    expect(html).toContain(`punkt ${LIMITS.markdownNesting - 1}`);
  });
});

describe("site.config.json is checked with line numbers", () => {
  const configIn = (text: string) => {
    const dir = track(makeProject("site-basic", { "site.config.json": text }));
    return loadSiteConfig(dir).problems.map(formatProblem);
  };
  it("a syntax error", () => {
    expect(configIn('{\n  "url": "https://x.test",\n  "pageSize": 20,\n}\n')[0]).toMatch(/^site\.config\.json:4:1 is not valid JSON: /);
  });
  it("a wrong field, at its line", () => {
    expect(configIn('{\n  "url": "https://x.test",\n  "pageSize": "many"\n}\n')).toEqual([
      'site.config.json:3:15 pageSize: Invalid input: expected number, received string; got the text "many"',
    ]);
    expect(configIn('{\n  "url": "javascript:alert(1)"\n}\n')).toEqual(["site.config.json:2:10 url: must be a web address starting with https://"]);
    expect(configIn('{ "url": "https://x.test", "pageSiz": 3 }')[0]).toContain(
      'site.config.json:1:28 pageSiz: unknown field "pageSiz". Did you mean "pageSize"?',
    );
  });
  it("a missing file", () => {
    const dir = track(makeProject("site-basic", { "site.config.json": null }));
    expect(loadSiteConfig(dir).problems.map(formatProblem)).toEqual([
      'site.config.json:1:1 is missing. Create it with at least { "url": "https://your.site" } (see README.md).',
    ]);
  });
});

describe("body images are decoded and held to limits by the check", () => {
  const withImage = (bytes: Uint8Array) => {
    const dir = track(makeProject("site-basic", { "content/testby/bilde.png": bytes, [FILE]: doc(VALID_FRONT_MATTER, "## A\n\n![Et bilde](bilde.png)\n") }));
    const { site, problems } = loadContent(path.join(dir, "content"), { root: dir });
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    return verifyImages(site.documents).then((found) => found.map(formatProblem));
  };
  it("a truncated PNG", async () => {
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#08c" } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const lines = await withImage(png.subarray(0, Math.floor(png.length / 2)));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `${FILE}:11:1 body: image "bilde.png" is cut off: the file ends before the picture does. Is it a complete, valid picture file? Save it again from an image editor.`,
    );
  });
  it("a drawing or a PDF saved under a picture's name, which sharp would otherwise read by its content", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30"/></svg>');
    expect(await withImage(svg)).toEqual([
      `${FILE}:11:1 body: image "bilde.png" is an SVG drawing, not a picture of its name's format. Save it as PNG, JPEG, WebP, AVIF, GIF or TIFF.`,
    ]);
    // AVIF is sharp's "heif": a real one passes.
    const avif = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#08c" } })
      .avif()
      .toBuffer();
    expect(await withImage(avif)).toEqual([]);
  });

  it("an image over the pixel limit", async () => {
    // A real 1×1 PNG whose header claims 10000×6000 (a decompression bomb needs no more).
    const png = Buffer.from(
      await sharp({ create: { width: 1, height: 1, channels: 3, background: "#000" } })
        .png()
        .toBuffer(),
    );
    png.writeUInt32BE(10_000, 16);
    png.writeUInt32BE(6_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    const big = png;
    expect(await withImage(big)).toEqual([
      `${FILE}:11:1 body: image "bilde.png" is 10000×6000 pixels; the limit is 50,000,000 pixels and 16000 on the longest side. Scale it down.`,
    ]);
  });
  it("whole files of each format are not taken for cut off ones, and cut ones are", async () => {
    const image = sharp({ create: { width: 40, height: 30, channels: 3, background: "#08c" } });
    for (const bytes of [
      await image.clone().png().toBuffer(),
      await image.clone().jpeg().toBuffer(),
      await image.clone().webp().toBuffer(),
      await image.clone().gif().toBuffer(),
    ]) {
      expect(isTruncated(bytes)).toBe(false);
      expect(isTruncated(bytes.subarray(0, bytes.length - 4))).toBe(true);
    }
  });
  it("a sound image passes", async () => {
    expect(
      await withImage(
        await sharp({ create: { width: 40, height: 30, channels: 3, background: "#08c" } })
          .png()
          .toBuffer(),
      ),
    ).toEqual([]);
  });
});

/**
 * Attachments: validated to exist next to the document (file:line otherwise),
 * copied beside the document's page, listed with type and size in the
 * locale's format; and the transcript's source shown as provenance.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkAttachments, formatFileSize } from "../../scripts/publish/attachments.ts";
import { runCli } from "../helpers/cli.ts";
import { makeProject, readOutput, removeProject } from "../helpers/fixture.ts";
import { sharedPublishBuild, DECK, fakeFile, testPng } from "./helpers.ts";

describe("attachments in the built site", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await sharedPublishBuild();
  });

  it("are copied next to the document's page, byte for byte", () => {
    for (const [name, size] of [
      ["original.pptx", 12_345],
      ["rapport.pdf", 1_234_567],
    ] as const) {
      const copy = path.join(dir, "_site/dokumenter/testby/bilder-og-vedlegg", name);
      expect(existsSync(copy), name).toBe(true);
      expect(statSync(copy).size).toBe(size);
      expect(readFileSync(copy).equals(readFileSync(path.join(dir, "content/testby", name)))).toBe(true);
    }
  });

  it("are listed with title, file type and a human size in the page's locale", () => {
    const nb = readOutput(dir, "dokumenter/testby/bilder-og-vedlegg/index.html");
    expect(nb).toContain("<dt>Vedlegg</dt>");
    expect(nb).toContain(
      '<a href="/dokumenter/testby/bilder-og-vedlegg/original.pptx" download>Original presentasjon</a> <span class="file-info">(PPTX, 12 kB)</span>',
    );
    expect(nb).toContain('<a href="/dokumenter/testby/bilder-og-vedlegg/rapport.pdf" download>rapport.pdf</a> <span class="file-info">(PDF, 1,2 MB)</span>');
    const en = readOutput(dir, "en/documents/testby/bilder-og-vedlegg/index.html");
    expect(en).toContain("<dt>Attachments</dt>");
    expect(en).toContain('<a href="/dokumenter/testby/bilder-og-vedlegg/rapport.pdf" download>rapport.pdf</a> <span class="file-info">(PDF, 1.2 MB)</span>');
  });

  it("show the transcript's source address and retrieval date as provenance, dated in the locale", () => {
    const nb = readOutput(dir, "dokumenter/testby/bilder-og-vedlegg/index.html");
    expect(nb).toMatch(
      /Utskrift fra en nettside for lysbilder\s*: <a class="url" href="https:\/\/slides.example.org\/bilder-og-vedlegg" rel="noopener noreferrer">https:\/\/slides.example.org\/bilder-og-vedlegg<\/a>\s* \(Hentet <time datetime="2026-11-01">1. november 2026<\/time>\)/,
    );
    expect(readOutput(dir, "en/documents/testby/bilder-og-vedlegg/index.html")).toContain('(Retrieved <time datetime="2026-11-01">1 November 2026</time>)');
  });
});

describe("formatFileSize", () => {
  it("uses decimal units and the locale's numbers", () => {
    expect(formatFileSize("nb", 512)).toBe("512 byte");
    expect(formatFileSize("en", 512)).toBe("512 bytes");
    expect(formatFileSize("nb", 12_345)).toBe("12 kB");
    expect(formatFileSize("en", 1_234_567)).toBe("1.2 MB");
    expect(formatFileSize("nb", 1_234_567)).toBe("1,2 MB");
    expect(formatFileSize("nb", 3_400_000_000)).toBe("3,4 GB");
  });
});

describe("attachment problems", () => {
  it("name the file, line and field of a missing or misplaced attachment, with a suggestion", async () => {
    const dir = makeProject("site-basic", {
      "content/testby/bilder-og-vedlegg.md": DECK.replace("  - file: rapport.pdf", "  - file: raport.pdf\n  - file: ../testby-sentrum/x.pdf"),
      "content/testby/diagram.png": await testPng(200, 100),
      "content/testby/original.pptx": fakeFile("PK", 10),
      "content/testby/rapport.pdf": fakeFile("%PDF", 10),
    });
    try {
      const result = runCli("check", dir);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        'content/testby/bilder-og-vedlegg.md:17:11 attachments.1.file: file "raport.pdf" not found next to the document. Did you mean "rapport.pdf"?',
      );
      expect(result.stderr).toMatch(
        /content\/testby\/bilder-og-vedlegg.md:18:11 attachments.2.file: "..\/testby-sentrum\/x.pdf" must be a file name relative to the document/,
      );
    } finally {
      removeProject(dir);
    }
  });
});

describe("an attachment that is there but is not a file", () => {
  it("is named for what it is, not as missing with itself as the suggestion", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lysark-attachment-kind-"));
    try {
      mkdirSync(path.join(dir, "rapport.pdf"));
      execFileSync("mkfifo", [path.join(dir, "data.csv")]);
      const check = (file: string) => checkAttachments([{ file }] as never, path.join(dir, "dokument.md"), dir).problems.map((problem) => problem.message);
      expect(check("rapport.pdf")).toEqual(['"rapport.pdf" is a folder, not a file. List a file, or replace it with the file it should be.']);
      expect(check("data.csv")).toEqual(['"data.csv" is a named pipe, not a file. List a file, or replace it with the file it should be.']);
      expect(check("mangler.pdf")[0]).toMatch(/^file "mangler\.pdf" not found next to the document\./u);
      // A name saved in decomposed Unicode looks like the one written: "Did you mean" would offer it unseen.
      writeFileSync(path.join(dir, "rapport-\u00e5.pdf".normalize("NFD")), "%PDF");
      expect(check("rapport-\u00e5.pdf")).toEqual([
        'file "rapport-\u00e5.pdf" not found next to the document. A file with the same name is there, written in decomposed Unicode (each accent a character of its own, as macOS may write names), which is another name to a web server: rename that file, typing its name again. Put the original file in ' +
          `${path.basename(dir)}/ or correct the name.`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

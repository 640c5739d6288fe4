/**
 * The whole-site checks of tests/integration/site-checks.test.ts, on the
 * publishing fixture, whose pages the bundled content does not have:
 * paginated listings, a body image, attachments and edit links.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { checkLinks, listFiles } from "../../scripts/checks/links.ts";
import { sharedPublishBuild, SITE_URL } from "./helpers.ts";

let dir: string;
let site: string;
beforeAll(async () => {
  dir = await sharedPublishBuild();
  site = path.join(dir, "_site");
});

describe("the built publishing fixture", () => {
  it("has no broken internal links or anchors, including pagination, media and attachments", () => {
    expect(checkLinks(site, SITE_URL)).toEqual([]);
  });

  it("is valid HTML", async () => {
    const validator = new HtmlValidate({
      extends: ["html-validate:recommended"],
      rules: { "no-trailing-whitespace": "off", "attribute-boolean-style": "off", "no-inline-style": "error", "long-title": "off", "no-redundant-role": "off" },
    });
    const failures: string[] = [];
    for (const file of listFiles(site, ".html")) {
      if (!/(dokumenter|documents|tema|topics|utgivere|publishers|typer|types|tilgjengelighet|accessibility)\//.test(file)) continue;
      const report = await validator.validateFile(file);
      for (const result of report.results) {
        for (const message of result.messages)
          failures.push(`${path.relative(site, file)}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("has no inline scripts other than JSON-LD data, and no inline styles", () => {
    for (const file of listFiles(site, ".html")) {
      const html = readFileSync(file, "utf8");
      expect(html, file).not.toMatch(/<script(?![^>]*\b(?:src=|type="application\/ld\+json"))[^>]*>/);
      expect(html, file).not.toMatch(/\sstyle="/);
    }
  });
});

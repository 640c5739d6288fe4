/** Checks of a built site's HTML that more than one test runs on its output. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { HtmlValidate } from "html-validate";

const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    // Nunjucks output keeps source indentation and quotes as written; these are style, not validity.
    "no-trailing-whitespace": "off",
    "attribute-boolean-style": "off",
    "no-inline-style": "error",
    "long-title": "off",
    "no-redundant-role": "off",
  },
});

/** html-validate's messages for `files` (under `site`), each as "file:line:column rule: message". */
export async function htmlProblems(site: string, files: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    const report = await validator.validateFile(file);
    for (const result of report.results)
      for (const message of result.messages)
        problems.push(`${path.relative(site, file)}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
  }
  return problems;
}

const ID = /\sid="([^"]+)"/g;

/** The ids that stand on more than one element of a page, as "file: id" (a fragment link to one would be ambiguous). */
export function duplicateIds(site: string, files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const seen = new Set<string>();
    for (const [, id] of readFileSync(file, "utf8").matchAll(ID)) {
      if (seen.has(id!)) found.push(`${path.relative(site, file)}: ${id}`);
      seen.add(id!);
    }
  }
  return found;
}

/** `npm run docs`: regenerate docs/front-matter-reference.md from the schemas (`-- --check` only compares). */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { missingDescriptions, REFERENCE_FILE, renderReference } from "../docs/reference.ts";
import { commandOptions } from "../editor/cli-args.ts";

const DOCS_HELP = `Usage: npm run docs [-- --check]

Writes docs/front-matter-reference.md from the schemas in scripts/content/schema.ts.

  --check      only compare: fail if the file is out of date, write nothing
  -h, --help   this help`;

const options = commandOptions("docs", process.argv.slice(2), { check: { type: "boolean" } }, DOCS_HELP);
const text = renderReference();
const missing = missingDescriptions();
if (missing.length) {
  console.error(`These schema fields have no .meta({ description }) in scripts/content/schema.ts:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
const relative = path.relative(process.cwd(), REFERENCE_FILE);
if (options.check) {
  let current = "";
  try {
    current = readFileSync(REFERENCE_FILE, "utf8");
  } catch {
    /* missing counts as stale */
  }
  if (current !== text) {
    console.error(`${relative} is out of date with scripts/content/schema.ts. Run npm run docs and commit the result.`);
    process.exit(1);
  }
  console.log(`${relative} is up to date.`);
} else {
  writeFileSync(REFERENCE_FILE, text);
  console.log(`wrote ${relative}`);
}

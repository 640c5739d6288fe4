/** `npm run docs`: regenerate docs/front-matter-reference.md from the schemas (`-- --check` only compares). */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { missingDescriptions, REFERENCE_FILE, renderReference } from "../docs/reference.ts";

const text = renderReference();
const missing = missingDescriptions();
if (missing.length) {
  console.error(`These schema fields have no .meta({ description }) in scripts/content/schema.ts:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
const relative = path.relative(process.cwd(), REFERENCE_FILE);
if (process.argv.includes("--check")) {
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

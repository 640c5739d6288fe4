/**
 * Starts one of Lysark's commands: `node scripts/cli/run.mjs <command> [arguments]`
 * runs scripts/cli/<command>.ts from its bundle (../content/bundles.mjs), made
 * again whenever a source file changed, instead of loading every module
 * through tsx's loader: `npm run build` of the bundled site took 2.7–3.3 s
 * instead of 3.7–4.3 s (docs/performance.md, "commands from bundles"). The command sees
 * the arguments and `process.argv[1]` it would see when started directly.
 * LYSARK_BUNDLES=off, or a bundle that cannot be made, runs the TypeScript
 * through tsx as before.
 */
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleOf } from "../content/bundles.mjs";

const command = process.argv[2];
const file = command && /^[a-z][a-z-]*$/.test(command) ? fileURLToPath(new URL(`./${command}.ts`, import.meta.url)) : undefined;
if (!file || !existsSync(file)) {
  console.error(`usage: node scripts/cli/run.mjs <command> [arguments], where <command> is a file in scripts/cli/ (got ${JSON.stringify(command ?? "")})`);
  process.exit(2);
}

const bundle = bundleOf(file, { format: "esm" });
process.argv.splice(1, 2, file);
if (bundle) {
  // Stack traces (`--verbose`) name the TypeScript files and lines, from the bundle's inline source map.
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
} else {
  // tsx's loader registered in this process, as `tsx <file>` would run it.
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(file).href);
}

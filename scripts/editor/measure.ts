/**
 * Measures the editor's waiting times on a generated corpus:
 * `npm run check` (a fresh process, as an editor runs it) and the dev server's
 * content reload (cold, then after editing one document).
 *
 *   npx tsx scripts/editor/measure.ts [--documents 3000] [--publishers 60] [--keep]
 *
 * Eleventy's rendering of the pages comes on top of the reload; the dev
 * server's log prints both ("[lysark] content loaded in …", "[11ty] Wrote …").
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { isMain } from "./cli-args.ts";
import { writeCorpus } from "./corpus.ts";
import { DevSiteDataSource } from "./dev-data.ts";

const packageRoot = fileURLToPath(new URL("../../", import.meta.url));

export function measure(options: { documents: number; publishers: number; keep?: boolean }): Record<string, string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lysark-measure-"));
  try {
    writeCorpus(dir, options);
    const tsx = path.join(packageRoot, "node_modules", ".bin", "tsx");
    const started = performance.now();
    const check = spawnSync(tsx, [path.join(packageRoot, "scripts", "cli", "check.ts")], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, GITHUB_ACTIONS: "" },
    });
    const checkMs = performance.now() - started;
    if (check.status !== 0) throw new Error(`check failed on the generated corpus:\n${check.stderr}`);

    const source = new DevSiteDataSource(dir);
    const cold = source.rebuild();
    appendFileSync(path.join(dir, "content", "kommune-1", "dokument-1.md"), "\nEn ny linje.\n");
    const touched = source.rebuild();
    return {
      corpus: `${options.documents} documents, ${options.publishers} publishers${options.keep ? ` in ${dir}` : ""}`,
      "npm run check (whole process)": `${(checkMs / 1000).toFixed(2)} s — ${check.stdout.trim()}`,
      "dev reload, cold": `${(cold.ms / 1000).toFixed(2)} s (${cold.parsed} parsed)`,
      "dev reload, one document edited": `${(touched.ms / 1000).toFixed(2)} s (${touched.parsed} parsed, ${touched.reused} reused)`,
    };
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { documents: { type: "string", default: "3000" }, publishers: { type: "string", default: "60" }, keep: { type: "boolean", default: false } },
  });
  const results = measure({ documents: Number(values.documents), publishers: Number(values.publishers), keep: values.keep });
  for (const [name, value] of Object.entries(results)) console.log(`${name}: ${value}`);
  console.log(
    `(load average ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(" ")} on ${os.cpus().length} CPUs)`,
  );
}

/**
 * The site the search benchmark indexes: the bundled content (content/), the
 * known-item documents written for the benchmark (known-items/content/) and,
 * optionally, a generated corpus around them (bench/corpus.ts, with Danish
 * and English documents). Registries are merged by id, the corpus's first;
 * so are publishers the corpus has too (their documents are added).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { loadContent } from "../../scripts/content/load.ts";
import { readSiteConfig } from "../../scripts/site/config.ts";
import { buildSiteModel } from "../../scripts/site/model.ts";
import type { SearchRecord } from "../../scripts/search/records.ts";
import { generateCorpus } from "../corpus.ts";

const repo = fileURLToPath(new URL("../../", import.meta.url));
export const KNOWN_ITEMS = path.join(repo, "bench", "search", "known-items", "content");
const BUNDLED = path.join(repo, "content");
const REGISTRIES = ["topics.yaml", "indicators.yaml"];

export interface SearchSiteOptions {
  dir: string;
  /** Generated documents around the known items (0: none). */
  corpusDocs: number;
  seed?: number;
}

function publisherFolders(content: string): string[] {
  return readdirSync(content, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_"))
    .map((entry) => entry.name);
}

function mergeRegistry(target: string, source: string): void {
  if (!existsSync(source)) return;
  const base = existsSync(target) ? ((parse(readFileSync(target, "utf8")) as Array<{ id: string }>) ?? []) : [];
  const ids = new Set(base.map((entry) => entry.id));
  const added = ((parse(readFileSync(source, "utf8")) as Array<{ id: string }>) ?? []).filter((entry) => !ids.has(entry.id));
  writeFileSync(target, stringify([...base, ...added]));
}

/** Writes the project folder; throws when a publisher id would be written twice. */
export function writeSearchSite(options: SearchSiteOptions): string {
  const { dir } = options;
  if (options.corpusDocs > 0) {
    generateCorpus({ dir, docs: options.corpusDocs, seed: options.seed, danishAndEnglish: true });
  } else {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, "content", "_registries"), { recursive: true });
    writeFileSync(path.join(dir, "site.config.json"), `${JSON.stringify({ url: "https://lysark.example.org" }, null, 2)}\n`);
  }
  const content = path.join(dir, "content");
  for (const source of [BUNDLED, KNOWN_ITEMS]) {
    for (const folder of publisherFolders(source)) {
      const target = path.join(content, folder);
      if (!existsSync(target)) {
        cpSync(path.join(source, folder), target, { recursive: true });
        continue;
      }
      // A publisher the corpus has too (Oslo, Bydel Sagene): keep the corpus's entry, add the documents.
      for (const file of readdirSync(path.join(source, folder)).filter((name) => name.endsWith(".md"))) {
        if (existsSync(path.join(target, file)))
          throw new Error(`${path.relative(repo, path.join(source, folder, file))}: the benchmark site already has ${folder}/${file}; rename one of them`);
        cpSync(path.join(source, folder, file), path.join(target, file));
      }
    }
    for (const registry of REGISTRIES) mergeRegistry(path.join(content, "_registries", registry), path.join(source, "_registries", registry));
  }
  return dir;
}

/** Loads the project and returns its search records, as the build makes them; throws on content problems. */
export function searchRecordsOf(dir: string): SearchRecord[] {
  const { site, problems } = loadContent(path.join(dir, "content"), { root: dir });
  const errors = problems.filter((problem) => problem.severity === "error");
  if (errors.length)
    throw new Error(
      `the benchmark site has content problems:\n${errors
        .slice(0, 10)
        .map((problem) => JSON.stringify(problem))
        .join("\n")}`,
    );
  const config = readSiteConfig(path.join(dir, "site.config.json"));
  return buildSiteModel(site, { root: dir, config }).searchRecords;
}

/**
 * Integration: every seed imported into a copy of content/ (registries and
 * publishers only) passes the site's own validation, loadContent().
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importTranscript } from "../../scripts/importer/index.js";
import { readPublishers } from "../../scripts/importer/publishers-io.js";
import { repoRoot, seedsDir } from "./helpers.js";

const loader = path.join(repoRoot, "scripts/content/load.ts");
const contentDir = path.join(repoRoot, "content");

const SEEDS = [
  ["agder-likestilling-kartlegging.txt", "agder"],
  ["oslo-sagene-internasjonal-satsing.txt", "oslo-sagene"],
  ["stavanger-forankring-fryder.txt", "stavanger"],
] as const;

interface Problem {
  file: string;
  line: number;
  col: number;
  field: string;
  message: string;
}
type Load = (dir: string, options?: { root?: string }) => { site: { documents: { slug: string; meta: { publisher: string } }[] }; problems: Problem[] };

describe("imported seeds pass loadContent()", () => {
  let tmp: string;
  let result: ReturnType<Load>;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), "lysark-import-validate-"));
    const content = path.join(tmp, "content");
    cpSync(path.join(contentDir, "_registries"), path.join(content, "_registries"), { recursive: true });
    for (const entry of readdirSync(contentDir, { withFileTypes: true })) {
      const pub = path.join(contentDir, entry.name, "_publisher.yaml");
      if (!entry.isDirectory() || !existsSync(pub)) continue;
      mkdirSync(path.join(content, entry.name));
      cpSync(pub, path.join(content, entry.name, "_publisher.yaml"));
    }
    const publishers = readPublishers(content);
    for (const [file, publisher] of SEEDS) {
      const r = importTranscript(readFileSync(path.join(seedsDir, file)), { fileName: file, publisher, publishers });
      writeFileSync(path.join(content, publisher, `${r.report.slug}.md`), r.markdown);
    }
    const mod = (await import(pathToFileURL(loader).href)) as { loadContent: Load };
    result = mod.loadContent(content, { root: tmp });
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("reports no problems", () => {
    expect(result.problems).toEqual([]);
  });

  it("loads all three documents", () => {
    expect(result.site.documents.map((d) => d.meta.publisher).sort()).toEqual(["agder", "oslo-sagene", "stavanger"]);
  });
});

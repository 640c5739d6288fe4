/**
 * Lysark's worker threads run a bundle of their TypeScript entry (made with
 * esbuild, kept by the hashes of its sources) instead of the sources through
 * tsx: a stale or damaged bundle must never run, each module must still see
 * its own import.meta.url, and a bundle that cannot be made falls back to tsx.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { workerModule } from "../../scripts/content/worker-bundle.ts";
import { workerExecArgv } from "../../scripts/content/worker-options.ts";

let root: string;
let cacheDir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "lysark-worker-bundle-"));
  cacheDir = path.join(root, "cache");
  write(
    "a.ts",
    `import { parentPort } from "node:worker_threads";\nimport { value, where } from "./lib/b.ts";\nimport { jsWhere } from "./lib/c.mjs";\nparentPort?.postMessage({ value, where, jsWhere, own: import.meta.url });\n`,
  );
  write("lib/b.ts", `export const value: number = 1;\nexport const where = import.meta.url;\n`);
  // A JavaScript source too: ./bundles.mjs is one, in a command's bundle.
  write("lib/c.mjs", "export const jsWhere = import.meta.url;\n");
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

function write(name: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  writeFileSync(path.join(root, name), text);
}

const entry = () => pathToFileURL(path.join(root, "a.ts")).href;
const bundleOf = () => workerModule(entry(), { root, cacheDir, execArgv: [] });

/** What the worker started from `filename` posts first. */
function run(filename: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(filename, { execArgv: [] });
    worker.once("message", (message) => void worker.terminate().then(() => resolve(message)));
    worker.once("error", reject);
  });
}

describe("workerModule", () => {
  it("runs a bundle in which each module keeps its own import.meta.url", async () => {
    const made = bundleOf();
    expect(made.bundled).toBe(true);
    expect(path.dirname(made.filename)).toBe(cacheDir);
    expect(made.filename).toMatch(/\.cjs$/);
    expect(await run(made.filename)).toEqual({
      value: 1,
      where: pathToFileURL(path.join(root, "lib", "b.ts")).href,
      jsWhere: pathToFileURL(path.join(root, "lib", "c.mjs")).href,
      own: pathToFileURL(path.join(root, "a.ts")).href,
    });
  });

  it("reuses the bundle while its sources are unchanged, and makes it again after an edit", async () => {
    const first = bundleOf().filename;
    const madeAt = statSync(first).mtimeMs;
    const manifests = () => readdirSync(cacheDir).filter((name) => name.endsWith(".json"));
    const again = bundleOf().filename;
    expect(again).toBe(first);
    expect(statSync(again).mtimeMs).toBe(madeAt);
    expect(manifests()).toHaveLength(1);

    write("lib/b.ts", `export const value: number = 2;\nexport const where = import.meta.url;\n`);
    const edited = bundleOf();
    expect(edited.filename).not.toBe(first);
    expect(((await run(edited.filename)) as { value: number }).value).toBe(2);
    expect(manifests()).toHaveLength(1);
  });

  it("removes a replaced bundle once it is ten minutes old, not before", () => {
    const first = bundleOf().filename;
    write("lib/b.ts", `export const value: number = 2;\nexport const where = import.meta.url;\n`);
    const second = bundleOf().filename;
    // Just replaced: another process may have found it a moment ago.
    expect(existsSync(first)).toBe(true);
    const anHourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(first, anHourAgo, anHourAgo);
    utimesSync(second, anHourAgo, anHourAgo);
    write("lib/b.ts", `export const value: number = 3;\nexport const where = import.meta.url;\n`);
    const third = bundleOf().filename;
    expect([existsSync(first), existsSync(second), existsSync(third)]).toEqual([false, false, true]);
  });

  it("makes a damaged bundle again rather than run it", async () => {
    const first = bundleOf().filename;
    writeFileSync(first, "throw new Error('damaged');\n");
    const made = bundleOf();
    expect(made.bundled).toBe(true);
    expect(((await run(made.filename)) as { value: number }).value).toBe(1);
  });

  it("runs the TypeScript through tsx when bundles are off, or when one cannot be made", () => {
    vi.stubEnv("LYSARK_BUNDLES", "off");
    const off = bundleOf();
    expect(off).toMatchObject({ filename: entry(), bundled: false });
    expect(off.execArgv.at(-2)).toBe("--import");
    expect(off.execArgv.at(-1)).toMatch(/^file:.*tsx/);
    vi.unstubAllEnvs();

    write("lib/b.ts", "export const value = ;\n");
    const broken = bundleOf();
    expect(broken).toMatchObject({ filename: entry(), bundled: false });
  });

  it("bundles every worker entry Lysark starts", () => {
    for (const entry of [
      new URL("../../scripts/build/pass1-worker.ts", import.meta.url),
      new URL("../../scripts/content/load-worker.ts", import.meta.url),
      new URL("../../scripts/publish/card-worker.ts", import.meta.url),
      new URL("../../scripts/build/search-worker.ts", import.meta.url),
      new URL("../../scripts/search/index-writer-process.ts", import.meta.url),
    ]) {
      const made = workerModule(entry.href, { execArgv: ["--import", "tsx"] });
      expect(made.bundled, entry.pathname).toBe(true);
      expect(made.execArgv).toEqual([]);
    }
  });
});

describe("workerExecArgv for a bundle", () => {
  it("drops the flags that load tsx and keeps every other module flag", () => {
    const tsx = path.dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
    expect(
      workerExecArgv(
        [
          "--import",
          "tsx",
          "--require",
          path.join(tsx, "dist", "preflight.cjs"),
          `--import=${pathToFileURL(path.join(tsx, "dist", "loader.mjs")).href}`,
          "--conditions=development",
          "-r",
          "./setup.cjs",
          "--import",
          "./profiler.mjs",
        ],
        { tsx: false },
      ),
    ).toEqual(["--conditions=development", "-r", "./setup.cjs", "--import", "./profiler.mjs"]);
  });
});

/**
 * Measuring helpers for the benchmark: child processes with their peak
 * memory, folder sizes, a static file server that counts the bytes it sends,
 * and the bytes a browser downloads for one search query.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/helpers/chromium.ts";
import { gzipSync } from "node:zlib";
import { bundleOf } from "../scripts/content/bundles.mjs";

/** tsx's loader by absolute URL, so a child started in another folder (a corpus) still finds it. */
export const TSX = import.meta.resolve("tsx");

/**
 * `script` as Lysark's npm commands run theirs (scripts/cli/run.mjs): its ES-module bundle, kept and checked by
 * scripts/content/bundles.mjs, so a child spends no time in tsx's loader; the TypeScript itself (run through tsx)
 * with LYSARK_BUNDLES=off, or when no bundle can be made.
 */
export function bundledScript(script: string): string {
  return bundleOf(script, { format: "esm" }) ?? script;
}

// ---------------------------------------------------------------- memory

/** USER_HZ: the unit of the CPU times in /proc/<pid>/stat (100 on Linux). */
const TICK_MS = 10;

/**
 * Resident memory (bytes) of a process and all its descendants, and each descendant's CPU
 * time so far (ms, by pid), from /proc; nothing where /proc is missing.
 */
export function treeSample(pid: number): { rss: number; descendantsCpu: Map<number, number> } {
  let rss = 0;
  const descendantsCpu = new Map<number, number>();
  const stack = [pid];
  while (stack.length) {
    const current = stack.pop()!;
    try {
      const status = readFileSync(`/proc/${current}/status`, "utf8");
      const match = /VmRSS:\s+(\d+) kB/.exec(status);
      if (match) rss += Number(match[1]) * 1024;
      if (current !== pid) {
        // utime and stime, fields 14 and 15, after the command name (which may hold spaces).
        const fields = readFileSync(`/proc/${current}/stat`, "utf8")
          .replace(/^.*\) /, "")
          .split(" ");
        descendantsCpu.set(current, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
      }
      for (const task of readdirSync(`/proc/${current}/task`)) {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, "utf8").trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // The process ended between two reads.
    }
  }
  return { rss, descendantsCpu };
}

/** Resident memory (bytes) of a process and all its descendants, from /proc; 0 where /proc is missing. */
export const treeRss = (pid: number): number => treeSample(pid).rss;

export interface ChildRun {
  code: number | null;
  wallMs: number;
  /** Largest sum of RSS over the child's process tree, sampled every 50 ms. */
  sampledPeakBytes: number;
  /**
   * CPU time (ms) of the child's own child processes (Pagefind's), each as last sampled. Sampled
   * because a process the child stops without waiting for never counts in the child's own figures.
   */
  descendantsCpuMs: number;
  stdout: string;
  stderr: string;
  /** The JSON line the child printed after "BENCH ". */
  report: any;
}

/** Node's arguments for `script`: a bundle (bundledScript) needs no loader, and its stack traces name the sources, as the launcher's do. */
export function childArguments(script: string, args: readonly string[], nodeArgs: readonly string[] = []): string[] {
  const loader = script.endsWith(".ts") ? ["--import", TSX] : ["--enable-source-maps"];
  return [...nodeArgs, ...loader, script, ...args];
}

/** Runs `node [nodeArgs…] script args…` (`--import tsx` for a TypeScript script) in `env` (default: this process's) and measures it from outside. */
export function runChild(
  script: string,
  args: string[],
  cwd: string,
  nodeArgs: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, childArguments(script, args, nodeArgs), { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    let peak = 0;
    const descendantsCpu = new Map<number, number>();
    const timer = setInterval(() => {
      if (!child.pid) return;
      const sample = treeSample(child.pid);
      peak = Math.max(peak, sample.rss);
      for (const [pid, ms] of sample.descendantsCpu) descendantsCpu.set(pid, Math.max(ms, descendantsCpu.get(pid) ?? 0));
    }, 50);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(timer);
      const line = stdout.split("\n").find((l) => l.startsWith("BENCH "));
      resolve({
        code,
        wallMs: performance.now() - start,
        sampledPeakBytes: peak,
        descendantsCpuMs: [...descendantsCpu.values()].reduce((sum, ms) => sum + ms, 0),
        stdout,
        stderr,
        report: line ? JSON.parse(line.slice(6)) : undefined,
      });
    });
  });
}

// ---------------------------------------------------------------- sizes

export function walkFiles(dir: string): string[] {
  const files: string[] = [];
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files.push(path.join(entry.parentPath, entry.name));
  }
  return files;
}

export function folderSize(dir: string): { bytes: number; files: number } {
  const files = walkFiles(dir);
  return { bytes: files.reduce((sum, file) => sum + statSync(file).size, 0), files: files.length };
}

/** Size of a file gzip-compressed (level 9), i.e. what a browser downloads from a host that compresses. */
export function gzipSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// ---------------------------------------------------------------- static server

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
};

export interface CountingServer {
  url(pathname: string): string;
  /** Per request in order: the file's bytes and the bytes sent (gzip for text, as any web host does). */
  sent: Array<{ path: string; bytes: number; sent: number }>;
  close(): Promise<void>;
}

const COMPRESSIBLE = new Set([".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"]);

/** Serves a folder; text files are sent gzip-compressed when the browser accepts it, like a usual static host. */
export async function startCountingServer(root: string): Promise<CountingServer> {
  const sent: CountingServer["sent"] = [];
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    let file = path.join(root, pathname);
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    const size = statSync(file).size;
    const type = TYPES[path.extname(file)] ?? "application/octet-stream";
    if (COMPRESSIBLE.has(path.extname(file)) && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""))) {
      const body = gzipSync(readFileSync(file), { level: 9 });
      sent.push({ path: pathname, bytes: size, sent: body.length });
      response.writeHead(200, { "content-type": type, "content-encoding": "gzip", "content-length": body.length, "cache-control": "no-store" });
      response.end(body);
      return;
    }
    sent.push({ path: pathname, bytes: size, sent: size });
    response.writeHead(200, { "content-type": type, "content-length": size, "cache-control": "no-store" });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (pathname) => `http://127.0.0.1:${port}${pathname}`,
    sent,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------- search download

export interface SearchDownload {
  query: string;
  /** Everything the browser fetched (the search page, its CSS and scripts, Pagefind's files), as transferred. */
  totalBytes: number;
  /** The same files' own sizes, uncompressed. */
  rawBytes: number;
  pagefindBytes: number;
  results: number;
  requests: Array<{ path: string; bytes: number; sent: number }>;
}

/**
 * Opens the search page in a fresh headless Chromium (empty cache), types one
 * query and waits until the network is quiet; returns the bytes served.
 * undefined (with a reason) when there is no search index or no browser.
 */
export async function measureSearchDownload(site: string, searchPath: string, query: string): Promise<SearchDownload | string> {
  if (!existsSync(path.join(site, "pagefind"))) return "n/a (no search index)";
  if (!existsSync(path.join(site, searchPath.replace(/^\//, ""), "index.html"))) return `n/a (no search page at ${searchPath})`;
  if (!existsSync(CHROMIUM_PATH)) return `n/a (no Chromium at ${CHROMIUM_PATH})`;
  const { chromium } = await import("playwright-core");
  const server = await startCountingServer(site);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(server.url(searchPath), { waitUntil: "networkidle" });
    const input = page.locator('input[type="search"], input[name="q"], input[type="text"]').first();
    if ((await input.count()) === 0) return `n/a (no search field on ${searchPath})`;
    await input.fill(query);
    await input.press("Enter");
    await page.waitForLoadState("networkidle");
    // Lysark's search page says when a search is done: its live region names the query and no
    // result list is busy. Without this wait a loaded machine could pause longer than the quiet
    // period below between the index chunks and the results' fragments, and the count stopped
    // before the fragments (a whole-page figure 33 KB short at N = 5000, docs/search.md).
    if ((await page.locator("[data-search-status]").count()) > 0) {
      await page
        .waitForFunction(
          (typed) => !document.querySelector('[aria-busy="true"]') && (document.querySelector("[data-search-status]")?.textContent ?? "").includes(typed),
          query,
          { timeout: 60_000 },
        )
        .catch(() => {});
    }
    // Results come in as the user types; give the last fragments time to land.
    let last = -1;
    for (let i = 0; i < 40 && server.sent.length !== last; i++) {
      last = server.sent.length;
      await page.waitForTimeout(250);
    }
    const results = await page.locator('[class*="result"] a, .pagefind-ui__result, ol.results li, [data-search-result]').count();
    const requests = [...server.sent];
    return {
      query,
      totalBytes: requests.reduce((sum, r) => sum + r.sent, 0),
      rawBytes: requests.reduce((sum, r) => sum + r.bytes, 0),
      pagefindBytes: requests.filter((r) => r.path.startsWith("/pagefind/")).reduce((sum, r) => sum + r.sent, 0),
      results,
      requests,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

// ---------------------------------------------------------------- dev server

/** The dev server's line after a build or rebuild ("[lysark] Wrote N files …"), or its error line. */
const BUILD_DONE = /\[lysark\] Wrote (\d+) files|\[lysark\] Problem writing the site[^\n]*/;
const lastLines = (text: string) =>
  text
    .trim()
    .split("\n")
    .slice(0, 2)
    .join(" | ")
    .replace(/\[11ty\] /g, "")
    .slice(0, 240);

export interface DevRebuild {
  firstBuildMs: number;
  rebuildMs: number;
  pages: number;
  note: string;
  /** Then the document's title edited, which every listing, feed and related list naming it shows: a whole-site render. */
  titleEdit: { ms: number; files: number } | string;
}

/**
 * Starts Lysark's dev server (scripts/cli/serve.ts) on a project, waits for
 * the first build, edits one document and times until the rebuild is written.
 */
export async function measureDevRebuild(repo: string, project: string, documentFile: string, timeoutMs: number): Promise<DevRebuild | string> {
  const serve = path.join(repo, "scripts", "cli", "serve.ts");
  if (!existsSync(serve)) return "n/a (no scripts/cli/serve.ts)";
  const port = 18000 + Math.floor(Math.random() * 2000);
  const child: ChildProcess = spawn(process.execPath, ["--import", TSX, serve, "--port", String(port)], {
    cwd: project,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const waiters: Array<{ re: RegExp; from: number; resolve: (m: RegExpExecArray) => void }> = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of [...waiters]) {
      const match = waiter.re.exec(output.slice(waiter.from));
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  let exited = false;
  child.on("exit", () => {
    exited = true;
    output += "\n[dev server exited]";
    for (const waiter of waiters.splice(0)) waiter.resolve(undefined as unknown as RegExpExecArray);
  });
  const waitFor = (re: RegExp, from: number, ms: number) =>
    new Promise<RegExpExecArray | undefined>((resolve) => {
      if (exited) return resolve(undefined);
      const timer = setTimeout(() => resolve(undefined), ms);
      waiters.push({
        re,
        from,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
      onData(Buffer.from(""));
    });
  const { readFileSync: read, writeFileSync: write } = await import("node:fs");
  const original = read(path.join(project, documentFile), "utf8");
  /** The document's title edited once the body edit's search index and related lists are done, timed as the body edit is. */
  const titleEdit = async (afterBodyEdit: number): Promise<DevRebuild["titleEdit"]> => {
    if (!(await waitFor(/Search index (updated|not updated)/, afterBodyEdit, 300_000))) return "n/a (no search index after the body edit within 300 s)";
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const retitled = original.replace(/^title: (.*)$/m, "title: $1 (endret i benchmark)");
    if (retitled === original) return "n/a (the document has no title line)";
    const from = output.length;
    const edited = performance.now();
    write(path.join(project, documentFile), retitled);
    const done = await waitFor(BUILD_DONE, from, timeoutMs);
    if (!done) return `n/a (no render within ${Math.round(timeoutMs / 1000)} s of the title edit)`;
    if (!done[1]) return `n/a (the title edit's render failed: ${lastLines(done.input.slice(done.index))})`;
    return { ms: performance.now() - edited, files: Number(done[1]) };
  };
  try {
    const start = performance.now();
    const first = await waitFor(BUILD_DONE, 0, timeoutMs);
    if (!first) return `n/a (no first build within ${Math.round(timeoutMs / 1000)} s; last output: ${lastLines(output)})`;
    if (!first[1]) return `n/a (the dev server's first build failed: ${lastLines(first.input.slice(first.index))})`;
    const firstBuildMs = performance.now() - start;
    // The file watcher starts after the first build and must scan every file first; an edit
    // before it is ready goes unnoticed. Wait for "Watching … for changes", then a little more.
    await waitFor(/Watching/, 0, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // A small editor-like change to the body; if the watcher still misses it, edit once more.
    let note = "";
    for (let attempt = 1; attempt <= 2; attempt++) {
      const from = output.length;
      const edited = performance.now();
      write(path.join(project, documentFile), `${original.trimEnd()}\n\nEndret i benchmark (${attempt}).\n`);
      const second = await waitFor(BUILD_DONE, from, attempt === 1 ? 120_000 : timeoutMs);
      if (!second) {
        note = " (the watcher missed the first edit; timed from a second one)";
        continue;
      }
      if (!second[1]) return `n/a (the dev server's rebuild failed: ${lastLines(second.input.slice(second.index))})`;
      const rebuildMs = performance.now() - edited;
      return { firstBuildMs, rebuildMs, pages: Number(second[1]), note, titleEdit: await titleEdit(output.length) };
    }
    return `n/a (no rebuild within ${Math.round(timeoutMs / 1000)} s of an edit)`;
  } finally {
    write(path.join(project, documentFile), original);
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

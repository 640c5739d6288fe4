/**
 * Browser tests: a tiny static file server for a built site and a headless
 * Debian Chromium driven by playwright-core. Nothing here downloads a browser.
 *
 *   const server = await startStaticServer(siteDir);
 *   const browser = await launchBrowser();
 *   const page = await browser.newPage();
 *   await page.goto(server.url("/sok/"));
 *   ...
 *   await browser.close(); await server.close();
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createRequire } from "node:module";
import { type Browser, type BrowserContext, chromium, type ConsoleMessage, type Frame, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { repoRoot } from "./fixture.ts";

import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.ts";

export { CHROMIUM_PATH } from "./chromium.ts";

/**
 * True when the system Chromium is installed; browser tests skip themselves
 * otherwise, on a developer's machine only. Under CI they always run, so a
 * missing browser fails loudly instead of passing as "skipped".
 */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH) || Boolean(process.env.CI);
}

/** The Chromium this test worker's files share (vitest.config.ts: they share its modules), launched on first use. */
let sharedBrowser: Promise<Browser> | undefined;

/**
 * The system Chromium, headless (never a downloaded one), as a browser of the caller's own: its `close()` closes the
 * contexts and pages opened through it, and leaves the Chromium open for the worker's next file. Launching one and
 * opening its first page cost about 3.7 s of CPU, as much as three more pages: a launch per file cost the browser
 * files about 20 s of Chromium's CPU (docs/performance-log.md, "The test run's Chromium"). Playwright closes it when the
 * worker exits.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!hasChromium()) throw new Error(`Chromium not found at ${CHROMIUM_PATH}; install it with apt-get install -y chromium`);
  let browser = await (sharedBrowser ??= launchChromium());
  if (!browser.isConnected()) browser = await (sharedBrowser = launchChromium());
  return borrowedBrowser(browser);
}

/** A fresh Chromium; a launch that failed is tried again by the next caller, not handed to it. */
function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }).catch((error: unknown) => {
    sharedBrowser = undefined;
    throw error;
  });
}

/**
 * `browser` with newContext, newPage, contexts and close kept to the contexts opened through this borrower.
 *
 * The borrower's `newPage()` opens its pages in one context, which keeps a blank page of its own open: a context
 * whose last page closes lets its renderer go, and Chromium then spent about twice the CPU on each next page (1.3–1.5 s
 * against 0.6 s for a listing of the bundled site, 3.2 against 1.5 s for a search with results; docs/performance-log.md,
 * "The test run's Chromium, again"). So those pages share cookies, storage and permissions; a test that needs its own
 * opens a context with `newContext`. A page with options (a viewport, say) still gets a context of its own.
 */
function borrowedBrowser(browser: Browser): Browser {
  const contexts = new Set<BrowserContext>();
  const opened = (context: BrowserContext) => {
    contexts.add(context);
    context.once("close", () => contexts.delete(context));
    return context;
  };
  let pagesContext: Promise<BrowserContext> | undefined;
  const warmContext = () => {
    if (!pagesContext) {
      pagesContext = browser.newContext().then(async (made) => {
        opened(made).once("close", () => {
          pagesContext = undefined;
        });
        await made.newPage();
        return made;
      });
      // One that failed is made again for the next page, not handed to it.
      pagesContext.catch(() => {
        pagesContext = undefined;
      });
    }
    return pagesContext;
  };
  const own: Partial<Browser> = {
    newContext: async (options) => opened(await browser.newContext(options)),
    newPage: async (options) => {
      if (!options) return (await warmContext()).newPage();
      const page = await browser.newPage(options);
      opened(page.context());
      return page;
    },
    contexts: () => [...contexts],
    close: async () => {
      await Promise.all([...contexts].map((context) => context.close()));
    },
  };
  return new Proxy(browser, {
    get(target, key) {
      if (Object.hasOwn(own, key)) return own[key as keyof Browser];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * The Content-Security-Policy the site is meant to run under: no inline
 * scripts or styles, nothing from other origins. 'wasm-unsafe-eval' lets
 * Pagefind compile its WebAssembly search engine; it does not allow eval().
 */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".pdf": "application/pdf",
};

export interface ServedRequest {
  path: string;
  status: number;
  bytes: number;
}

export interface StaticServer {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** Absolute URL for a site path ("/sok/" → "http://127.0.0.1:41234/sok/", or …/lysark/sok/ under a base path). */
  url(sitePath: string): string;
  /** Every request answered so far, in order (path without query string). */
  requests: ServedRequest[];
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** Extra response headers; the strict CSP is sent unless overridden (set to null to leave it out). */
  headers?: Record<string, string | null>;
  /**
   * Serve the folder under this path ("/lysark"), as GitHub Pages serves a project site: `/lysark/x` is the
   * folder's `x`, a missing file under it gets the folder's 404.html, anything outside it a bare 404.
   */
  basePath?: string;
  /** Headers for one requested path (base path included) instead of `headers` (e.g. what the site's _headers file gives it). */
  headersFor?: (urlPath: string) => Record<string, string | null>;
}

/**
 * Serves a built site folder on 127.0.0.1 with an ephemeral port, the way a
 * static host would: `/dir/` → `/dir/index.html`, unknown paths → `/404.html`
 * with status 404, and the strict CSP on every response.
 */
export async function startStaticServer(dir: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const root = path.resolve(dir);
  const headersOf = (given: Record<string, string | null> | undefined) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries({ "Content-Security-Policy": STRICT_CSP, ...given })) {
      if (value !== null) headers[name] = value;
    }
    return headers;
  };
  const fixedHeaders = headersOf(options.headers);
  const requests: ServedRequest[] = [];
  const base = options.basePath ?? "";

  const resolveFile = (urlPath: string): string | undefined => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    const file = path.join(root, path.normalize(decoded));
    if (file !== root && !file.startsWith(root + path.sep)) return undefined;
    if (!existsSync(file)) return undefined;
    if (statSync(file).isDirectory()) {
      const index = path.join(file, "index.html");
      return urlPath.endsWith("/") && existsSync(index) ? index : undefined;
    }
    return file;
  };

  const server = http.createServer((request, response) => {
    const requestPath = new URL(request.url ?? "/", "http://localhost").pathname;
    const headers = options.headersFor ? headersOf(options.headersFor(requestPath)) : fixedHeaders;
    if (base && !requestPath.startsWith(`${base}/`)) {
      response.writeHead(404, { ...headers, "Content-Type": "text/plain; charset=utf-8" });
      response.end("Not found (outside the base path)");
      requests.push({ path: requestPath, status: 404, bytes: 0 });
      return;
    }
    const urlPath = requestPath.slice(base.length);
    let file = resolveFile(urlPath);
    let status = 200;
    if (!file && !urlPath.endsWith("/") && resolveFile(`${urlPath}/`)) {
      response.writeHead(301, { ...headers, Location: `${requestPath}/` });
      response.end();
      requests.push({ path: requestPath, status: 301, bytes: 0 });
      return;
    }
    if (!file) {
      status = 404;
      file = resolveFile("/404.html");
    }
    const body = file ? readFileSync(file) : Buffer.from("Not found");
    const type = file ? (TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream") : "text/plain; charset=utf-8";
    response.writeHead(status, { ...headers, "Content-Type": type, "Content-Length": body.length, "Cache-Control": "no-store" });
    response.end(request.method === "HEAD" ? undefined : body);
    requests.push({ path: requestPath, status, bytes: body.length });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (sitePath) => new URL(`${base}${sitePath}`, origin).toString(),
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Messages a page logged as errors and CSP violations, collected while a test runs. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  watchPageErrors(page, errors);
  return errors;
}

/**
 * Records the layout shifts of every document `page` loads from now on, as the cumulative layout shift counts them (none
 * within half a second of input). The returned function waits two frames, so a shift the last change made is recorded,
 * and gives the shifts of the page's current document.
 */
export async function watchLayoutShifts(page: Page): Promise<() => Promise<number[]>> {
  await page.addInitScript(() => {
    const shifts: number[] = [];
    Object.assign(window, { lysarkLayoutShifts: shifts });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
        if (!entry.hadRecentInput) shifts.push(entry.value);
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  return async () => {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    return page.evaluate(() => (window as unknown as { lysarkLayoutShifts: number[] }).lysarkLayoutShifts);
  };
}

/** Adds the page's errors to `errors` until the returned function is called. */
function watchPageErrors(page: Page, errors: string[]): () => void {
  const onPageError = (error: Error) => errors.push(`pageerror: ${error.message}`);
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  };
  page.on("pageerror", onPageError);
  page.on("console", onConsole);
  return () => {
    page.off("pageerror", onPageError);
    page.off("console", onConsole);
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * The axe rules whose answer can change with the colour scheme: they compare colours. The site's dark scheme only
 * sets colour custom properties (assets/site.css, held to that by tests/publish/colour-scheme.test.ts), so a page's
 * structure, names and landmarks are the same in both schemes: a page checked in full in one scheme needs only
 * these in the other (the three files that check both schemes took 62–75 s instead of 70–79 s, docs/performance-log.md).
 */
export const COLOUR_RULES: readonly string[] = ["color-contrast", "link-in-text-block"];

/** axeViolations' options for a page shown in `colorScheme`: every rule in light mode, the colour rules in dark mode. */
export function axeOptionsFor(colorScheme: "light" | "dark"): { rules?: readonly string[] } {
  return colorScheme === "dark" ? { rules: COLOUR_RULES } : {};
}

let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.x A and AA rules, and axe's best practices such as
 * heading order and landmarks unless `bestPractice` is false; only `rules` when given) on the page as it is now and
 * returns the violations, each with the selectors of the offending elements.
 */
export async function axeViolations(
  page: Page | Frame,
  options: { exclude?: string[]; bestPractice?: boolean; rules?: readonly string[] } = {},
): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  // Evaluated, not added as a <script>, so the page's CSP does not stand in the way; once per document.
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.evaluate(axeSource);
  const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", ...(options.bestPractice === false ? [] : ["best-practice"])];
  const runOnly = options.rules ? { type: "rule", values: [...options.rules] } : { type: "tag", values: tags };
  return page.evaluate(
    async ({ exclude, runOnly }) => {
      const axe = (
        globalThis as unknown as {
          axe: {
            run: (
              context: unknown,
              options: unknown,
            ) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }>;
          };
        }
      ).axe;
      const context = exclude.length ? { exclude: exclude.map((selector) => [selector]) } : document;
      // Colours as they settle, not halfway through a transition: the presented slide fades in from 40 % opacity
      // (site.css, present-in), and axe measuring its contrast within those 120 ms made the embed view's check flaky.
      const finite = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY);
      await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
      const result = await axe.run(context, { runOnly, resultTypes: ["violations"] });
      return result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node) => node.target.map(String).join(" ")),
      }));
    },
    { exclude: options.exclude ?? [], runOnly },
  );
}

/** A built site served on localhost with Chromium open, for one describe block. */
export interface BrowserSession {
  server: StaticServer;
  browser: Browser;
  /**
   * Runs `use` on the session's one kept page, with the errors the page logs meanwhile (as
   * collectPageErrors gives them). For tests that only load a page and read it, axe's above all:
   * a renderer that has run axe-core once runs it again in about a third of the time a fresh page
   * takes (1.4–1.8 s against 0.4–0.8 s a page of the bundled site), and a fresh page pays that for
   * every test. Each use starts in light mode at the given viewport (Playwright's default,
   * 1280×720, unless `viewport` says otherwise), on a blank page.
   */
  withKeptPage<T>(use: (page: Page, errors: string[]) => Promise<T>, options?: { viewport?: { width: number; height: number } }): Promise<T>;
}

/**
 * Registers beforeAll/afterAll hooks that build a site (with `makeSite`, which
 * returns the folder to serve and how to clean up), serve it and open Chromium,
 * and close all of it afterwards. Read the fields inside tests, not at
 * registration time.
 */
export function useBrowserSession(makeSite: () => Promise<{ siteDir: string; cleanup: () => void }>, serverOptions: StaticServerOptions = {}): BrowserSession {
  const session = {} as BrowserSession;
  let cleanup: (() => void) | undefined;
  let kept: Page | undefined;
  session.withKeptPage = async (use, options = {}) => {
    if (!kept || kept.isClosed()) kept = await (await session.browser.newContext()).newPage();
    const page = kept;
    await page.goto("about:blank");
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize(options.viewport ?? { width: 1280, height: 720 });
    const errors: string[] = [];
    const stop = watchPageErrors(page, errors);
    try {
      return await use(page, errors);
    } finally {
      stop();
    }
  };
  beforeAll(async () => {
    const made = await makeSite();
    cleanup = made.cleanup;
    session.server = await startStaticServer(made.siteDir, serverOptions);
    session.browser = await launchBrowser();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
    cleanup?.();
  });
  return session;
}

/** Builds the bundled content (the repository's own content/) into a temp folder. */
export async function buildBundledSite(): Promise<{ siteDir: string; cleanup: () => void }> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "lysark-bundled-"));
  const siteDir = path.join(workDir, "site");
  const result = await build({ root: repoRoot, output: siteDir });
  expect(result.problems.filter((problem) => problem.severity === "error")).toEqual([]);
  expect(result.ok).toBe(true);
  return { siteDir, cleanup: () => rmSync(workDir, { recursive: true, force: true }) };
}

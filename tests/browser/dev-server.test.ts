/**
 * `npm start` end to end: the dev server (scripts/cli/serve.ts) on a fixture
 * project, watched by a real browser. A saved edit re-renders only that
 * document and the open page reloads by itself, and search finds the new text
 * once the background index has caught up; a content error shows in the
 * terminal and in a banner on the page, without stopping the server, and
 * goes away when the file is fixed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, collectPageErrors, hasChromium, launchBrowser } from "../helpers/browser.ts";
import { makeProject, removeProject, repoRoot } from "../helpers/fixture.ts";

const DOCUMENT = "content/testby/likestilling-i-testby.md";
const PAGE = "/dokumenter/testby/likestilling-i-testby/";

describe.skipIf(!hasChromium())("the dev server", () => {
  let dir: string;
  let child: ChildProcess;
  let browser: Browser;
  let output = "";
  const port = 19000 + Math.floor(Math.random() * 1000);
  const url = (pathname: string) => `http://localhost:${port}${pathname}`;

  /** Resolves when the dev server's output, from `from` on, matches `pattern`. */
  const logged = (pattern: RegExp, from: number, ms = 30_000) => new Promise<string>((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      const match = pattern.exec(output.slice(from));
      if (match) return resolve(match[0]);
      if (Date.now() - started > ms) return reject(new Error(`no ${pattern} within ${ms} ms; output:\n${output.slice(from)}`));
      setTimeout(check, 50);
    };
    check();
  });
  const edit = (change: (text: string) => string) => {
    const file = path.join(dir, DOCUMENT);
    writeFileSync(file, change(readFileSync(file, "utf8")));
  };

  beforeAll(async () => {
    dir = makeProject();
    child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), path.join(repoRoot, "scripts/cli/serve.ts"), "--port", String(port)], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr!.on("data", (chunk: Buffer) => { output += chunk.toString(); });
    await logged(/Watching .* for changes/, 0, 60_000);
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    child?.kill();
    removeProject(dir);
  });

  it("re-renders only the edited document, and the open page reloads with the change", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(url(PAGE));
    expect(await page.locator("h1").textContent()).toBe("Likestilling i Testby");

    const from = output.length;
    edit((text) => `${text}\nEt avsnitt om solsikkeåkrer, skrevet mens siden var åpen.\n`);
    expect(await logged(/Wrote (\d+) files in [\d.]+ seconds \(([^;]+);/, from)).toMatch(/Wrote 2 files .*changed documents only/);
    await page.getByText("Et avsnitt om solsikkeåkrer, skrevet mens siden var åpen.").waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);

    // The search index follows in the background.
    await logged(/Search index updated/, from);
    await page.goto(url("/sok/"));
    await page.fill("#search-q", "solsikkeåkrer");
    await page.press("#search-q", "Enter");
    await page.waitForFunction(() => /^1 /.test(document.querySelector("[data-search-status]")?.textContent ?? ""), undefined, { timeout: 15_000 });
    expect(await page.locator(".search-results a").first().getAttribute("href")).toContain(PAGE);
    await page.close();
  }, 60_000);

  it("shows a content error in the terminal and on the page, keeps serving, and clears it when fixed", async () => {
    const page = await browser.newPage();
    await page.goto(url(PAGE));
    await expect(page.locator(".dev-problems").count()).resolves.toBe(0);

    let from = output.length;
    edit((text) => text.replace("type: presentation", "type: presentaton"));
    await logged(/likestilling-i-testby\.md:\d+:\d+ type: "presentaton" is not allowed\. Did you mean "presentation"\?/, from);
    const banner = page.locator(".dev-problems");
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.textContent()).toContain('"presentaton" is not allowed. Did you mean "presentation"?');
    expect(await banner.locator("h2").textContent()).toBe("Innholdet har 1 feil");
    // The page itself is the last good version; other pages show the banner too.
    expect(await page.locator("h1").textContent()).toBe("Likestilling i Testby");
    const english = await browser.newPage();
    await english.goto(url("/en/"));
    await english.locator(".dev-problems").waitFor({ timeout: 15_000 });
    expect(await english.locator(".dev-problems h2").textContent()).toBe("The content has 1 error(s)");
    expect(await axeViolations(english)).toEqual([]);

    from = output.length;
    edit((text) => text.replace("type: presentaton", "type: presentation"));
    await logged(/Content is valid again\./, from);
    await page.waitForFunction(() => document.querySelector(".dev-problems") === null, undefined, { timeout: 15_000 });
    await english.close();
    await page.close();
  }, 60_000);
});

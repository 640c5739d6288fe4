/**
 * The test files of a worker share one Chromium (tests/helpers/browser.ts): closing a borrower closes only the
 * contexts opened through it, and the next borrower gets the same Chromium, or a new one once it has gone away.
 */
import { describe, expect, it } from "vitest";
import { hasChromium, launchBrowser } from "../helpers/browser.ts";

describe.skipIf(!hasChromium())("the worker's shared Chromium", () => {
  it("closes a borrower's own contexts and pages, and leaves the others' and the Chromium open", async () => {
    const first = await launchBrowser();
    const second = await launchBrowser();
    const kept = await second.newPage();
    const page = await first.newPage();
    await first.newContext();
    expect(first.contexts()).toHaveLength(2);
    expect(second.contexts()).toEqual([kept.context()]);
    await first.close();
    expect(first.contexts()).toEqual([]);
    expect(page.isClosed()).toBe(true);
    expect(kept.isClosed()).toBe(false);
    expect(first.isConnected()).toBe(true);
    await kept.goto("data:text/html,<title>still open</title>");
    expect(await kept.title()).toBe("still open");
    await second.close();
    expect(kept.isClosed()).toBe(true);
  });

  it("launches a new Chromium once the shared one has gone away", async () => {
    const borrower = await launchBrowser();
    const version = borrower.version();
    expect((await launchBrowser()).contexts()).toEqual([]);
    // Browser's own close, past the borrower's: the Chromium ends as it would if it crashed.
    await Object.getPrototypeOf(borrower).close.call(borrower);
    expect(borrower.isConnected()).toBe(false);
    const next = await launchBrowser();
    expect(next.isConnected()).toBe(true);
    expect(next.version()).toBe(version);
    const page = await next.newPage();
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    await next.close();
  });
});

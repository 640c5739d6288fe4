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

  it("opens pages without options in one context that keeps a page of its own, so it outlives their closing", async () => {
    const borrower = await launchBrowser();
    const first = await borrower.newPage();
    const context = first.context();
    await first.close();
    // Closing the context's last page of the test's own does not close the context, nor Chromium's renderer with it.
    const second = await borrower.newPage();
    expect(second.context()).toBe(context);
    expect(context.pages().filter((page) => page !== second)).toHaveLength(1);
    // A page with options, and a context asked for, are each the test's own.
    const sized = await borrower.newPage({ viewport: { width: 400, height: 300 } });
    expect(sized.context()).not.toBe(context);
    expect(sized.context().pages()).toEqual([sized]);
    expect(await borrower.newContext()).not.toBe(context);
    expect(borrower.contexts()).toHaveLength(3);
    await borrower.close();
    expect(second.isClosed()).toBe(true);
    // The next page after the borrower closed gets a context of its own again.
    const next = await launchBrowser();
    const third = await next.newPage();
    expect(third.context()).not.toBe(context);
    await next.close();
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

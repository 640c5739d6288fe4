/**
 * Debian's Chromium as every browser test and benchmark starts it (never a
 * downloaded browser). No imports, so the test reporter can read the path cheaply.
 */
export const CHROMIUM_PATH = process.env.LYSARK_CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

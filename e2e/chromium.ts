/**
 * Debian's Chromium as every browser test and bench launches it (never `playwright install`: this
 * machine is offline): playwright.config.ts and bench/browser.ts.
 */
export const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
} as const;

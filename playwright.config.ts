import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM } from "./e2e/chromium";

/** The production server's port (E2E_PORT lets two checkouts test side by side). */
const PORT = Number(process.env.E2E_PORT ?? 3100);

/**
 * e2e against the production build (`npm run test:e2e` = `next build && playwright test`).
 * Debian's Chromium (never `playwright install`: offline). One server, one worker.
 */
export default defineConfig({
  testDir: "e2e",
  // Playwright wipes its outputDir: keep it away from test-results/vitest.json and the screenshots.
  outputDir: "test-results/e2e-artifacts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    trace: "off",
    launchOptions: { ...CHROMIUM, args: [...CHROMIUM.args] },
  },
  webServer: {
    command: `./node_modules/.bin/next start -p ${PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/`,
    // 127.0.0.2 is e2e/redirects.spec.ts's loopback API; 127.0.0.1 stays refused (api.spec.ts checks that).
    env: { NEXT_TELEMETRY_DISABLED: "1", RESTPLAY_ALLOW_HOSTS: "127.0.0.2" },
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});

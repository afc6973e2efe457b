/**
 * Every test runs offline and clean: requests to anything but the app's own loopback origin are
 * aborted and recorded, console errors and page errors are collected; both must stay empty.
 */
import { test as base, expect } from "@playwright/test";
import { PlaygroundPage } from "./pages/PlaygroundPage";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export const test = base.extend<{ playground: PlaygroundPage; netGuard: { external: string[]; consoleErrors: string[] } }>({
  netGuard: [
    async ({ context, page }, use) => {
      const external: string[] = [];
      const consoleErrors: string[] = [];
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if ((url.protocol === "http:" || url.protocol === "https:") && !LOOPBACK.has(url.hostname)) {
          external.push(url.href);
          return route.abort("blockedbyclient");
        }
        return route.continue();
      });
      page.on("console", (m) => {
        if (m.type() === "error") consoleErrors.push(m.text());
      });
      page.on("pageerror", (e) => consoleErrors.push(`pageerror: ${e.message}`));
      await use({ external, consoleErrors });
      expect(external, "the page made external requests").toEqual([]);
      expect(consoleErrors, "the page logged console errors").toEqual([]);
    },
    { auto: true },
  ],
  playground: async ({ page }, use) => {
    await use(new PlaygroundPage(page));
  },
});

export { expect };

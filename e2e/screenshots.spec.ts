/** Screenshots of a finished run in both themes (test-results/screenshots/, for people to look at). */
import { EXAMPLES } from "../lib/examples";
import { expect, test } from "./fixtures";

const example = EXAMPLES.find((e) => e.id === "seed-004");

test("a finished seed run, light and dark", async ({ playground: p, page }) => {
  if (!example) throw new Error("seed-004 missing");
  await page.emulateMedia({ colorScheme: "light" });
  await p.goto();
  await p.chooseExample(example.title);
  expect(await p.run()).toBe("done");
  await p.resourceTrace("bank_transactions").locator('[data-testid="trace-request"][data-page="2"]').last().getByRole("button").click();
  await expect(p.trace.getByTestId("trace-body")).toBeVisible();

  const toggle = page.getByTestId("theme-toggle");
  for (const theme of ["light", "dark"] as const) {
    if ((await toggle.getAttribute("data-theme")) !== theme) await toggle.click();
    await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark).*$/);
    await expect(p.editor).toHaveClass(theme === "dark" ? /vs-dark/ : /(^|\s)vs(\s|$)/);
    await page.screenshot({ path: `test-results/screenshots/seed-004-${theme}.png` });
  }
});

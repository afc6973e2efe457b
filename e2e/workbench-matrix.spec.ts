/**
 * The workbench at every window size the issue names, in both themes, in each designed state (empty,
 * error, running, results): a screenshot for people to look at (test-results/screenshots/workbench/),
 * axe-core with no serious or critical violation, nothing outside the window, every control reachable.
 */
import { EXAMPLES } from "../lib/examples";
import { expectLayoutSound, expectNoSeriousAxeViolations } from "./checks";
import { expect, test } from "./fixtures";

const SEED = EXAMPLES.find((e) => e.id === "seed-004")?.text ?? "";
const CURSOR = EXAMPLES.find((e) => e.id === "lab-cursor")?.text ?? "";
/** One YAML indentation slip (the root cause) and what it breaks after it. */
const SLIPPED = CURSOR.replace("      data_selector", "     data_selector");

const SIZES = [
  { width: 1440, height: 900, layout: "wide" },
  { width: 1366, height: 768, layout: "wide" },
  { width: 1280, height: 800, layout: "wide" },
  { width: 800, height: 900, layout: "medium" },
  { width: 390, height: 844, layout: "narrow" },
] as const;

for (const size of SIZES) {
  for (const theme of ["light", "dark"] as const) {
    test(`${size.width}×${size.height} ${theme}: empty, error, running and results`, async ({ playground: p, page }) => {
      test.setTimeout(120_000);
      expect(SLIPPED).not.toBe(CURSOR);
      await page.setViewportSize({ width: size.width, height: size.height });
      const shot = async (state: string) => {
        await page.mouse.move(0, 0);
        await page.screenshot({ path: `test-results/screenshots/workbench/${size.width}x${size.height}-${theme}-${state}.png` });
        await expectNoSeriousAxeViolations(page, `${state}, ${size.width}×${size.height}, ${theme}`);
        await expectLayoutSound(page, `${state}, ${size.width}×${size.height}, ${theme}`);
        // The reachability check scrolled panels to their controls; the next screenshot starts from the top.
        await page.evaluate(() =>
          document.querySelectorAll("main *").forEach((el) => el.scrollTop > 0 && !el.closest(".monaco-editor") && el.scrollTo(0, 0)),
        );
      };

      // Empty: a valid config, no run yet.
      await p.gotoWith(SEED, theme);
      expect(await p.layout()).toBe(size.layout);
      await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark).*$/);
      await expect(p.runStatus).toHaveAttribute("data-phase", "idle");
      await shot("empty");

      // Error: the slip, its root cause first, the consequences folded under it.
      await p.gotoWith(SLIPPED);
      await expect(p.runButton).toBeDisabled();
      if (size.layout !== "wide") await p.viewTab("problems").click();
      await expect(p.problems.getByTestId("problem-group").first()).toHaveAttribute("data-consequences", "2");
      await shot("error");

      // Running: the run's request is held until the screenshot is taken.
      await p.gotoWith(SEED);
      const release = await p.runHeld();
      if (size.layout !== "wide") await expect(p.viewTab("trace")).toHaveAttribute("aria-selected", "true");
      await shot("running");
      release();

      // Results: the run is done; the tabbed layouts show the tables.
      expect(await p.waitForRunEnd()).toBe("done");
      await page.unroute("**/api/run");
      if (size.layout !== "wide") await p.viewTab("tables").click();
      await expect(p.tables.getByRole("row").nth(1)).toBeVisible();
      await shot("results");
    });
  }
}

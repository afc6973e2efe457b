/**
 * What the twenty-ninth session's look at medium and small windows fixed, as a user sees it (decision 0016, amended): a
 * table's rows in sight at 1024 × 700 after a run whose notes are long (the notes fold to a line), whole problems in a
 * laptop's Problems panel, and a phone's header that keeps two rows with an imported spec's mock chip.
 */
import type { Locator, Page } from "@playwright/test";
import { expectLayoutSound, expectNoSeriousAxeViolations } from "./checks";
import { expect, test } from "./fixtures";
import { ImportDialog } from "./pages/ImportDialog";
import { exampleText as text } from "./texts";

/** The data rows (not the header) wholly inside the grid's visible box. */
const gridRowsInSight = (grid: Locator) =>
  grid.evaluate((g) => {
    const box = g.getBoundingClientRect();
    return [...g.querySelectorAll('[role="row"]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return Number(r.getAttribute("aria-rowindex")) > 1 && b.height > 0 && b.top >= box.top && b.bottom <= box.bottom + 0.5;
    }).length;
  });

/** Problems' rows in the list's box: how many are wholly in it, and how many are cut at its edges. */
const problemRows = (page: Page) =>
  page.getByTestId("problems").evaluate((section) => {
    const body = section.lastElementChild!.getBoundingClientRect();
    const rows = [...section.querySelectorAll('[data-testid="problem"]')].map((r) => r.getBoundingClientRect()).filter((b) => b.height > 0);
    const inside = (b: DOMRect) => b.top >= body.top - 0.5 && b.bottom <= body.bottom + 0.5;
    const touches = (b: DOMRect) => b.bottom > body.top + 0.5 && b.top < body.bottom - 0.5;
    return { whole: rows.filter(inside).length, cut: rows.filter((b) => touches(b) && !inside(b)).length };
  });

for (const theme of ["dark", "light"] as const)
  for (const size of [
    { width: 1024, height: 700 },
    { width: 1280, height: 720 },
    { width: 1366, height: 768 },
  ])
    test(`${size.width}×${size.height} (${theme}): seed 004's run: five table rows, the notes folded to a line`, async ({
      playground: p,
      page,
    }) => {
      await page.setViewportSize(size);
      await p.gotoWith(text("seed-004"), theme);
      expect(await p.run()).toBe("done");
      if ((await p.layout()) === "medium") await p.viewTab("tables").click();
      const grid = p.tables.getByTestId("data-table");
      await expect(grid).toBeVisible();
      // Five data rows or more, without maximising the panel or moving a divider (one row, cut, before at 1024 × 700).
      await expect.poll(() => gridRowsInSight(grid), "grid rows wholly in sight").toBeGreaterThanOrEqual(5);
      // The run dlt does not load says so beside the Tables tab, in the frame's title row, its whole sentence in its title.
      const notLoaded = page.locator('[data-testid="frame-tools"] [data-testid="run-not-loaded"]');
      await expect(notLoaded).toBeVisible();
      await expect(notLoaded).toHaveAttribute(
        "title",
        /^dlt loads nothing from this run: it fails the load on a record its normalize step/,
      );
      // The counts are one line; the warnings fold behind a button that names them.
      const notes = p.tables.getByTestId("table-notes");
      expect((await notes.boundingBox())!.height).toBeLessThan(20);
      await expect(notes).toHaveAttribute("title", /^fetched 251 · merged 251 · 0 duplicates collapsed — if loaded: \+251 inserted/);
      const toggle = p.tables.getByTestId("table-warnings-toggle");
      await expect(toggle).toHaveText("▲ 2 warnings ▾");
      await expect(toggle).toHaveAttribute("aria-expanded", "false");
      const warning = p.tables.getByTestId("table-warning").first();
      await expect(warning).toBeHidden();
      // Opened (by the keyboard too), the warnings read in a bounded list; the grid keeps rows in sight.
      await toggle.focus();
      await page.keyboard.press("Enter");
      await expect(toggle).toHaveAttribute("aria-expanded", "true");
      await expect(warning).toBeVisible();
      await expect(warning).toContainText("primary_key `id` is missing in 251 of 251 records");
      expect(await gridRowsInSight(grid)).toBeGreaterThanOrEqual(2);
      await expectNoSeriousAxeViolations(page, `tables with their warnings open, ${size.width}×${size.height} ${theme}`);
      await expectLayoutSound(page, `tables, ${size.width}×${size.height}`);
      await toggle.click();
      await expect(warning).toBeHidden();
    });

test("1440×900 (tall): the table's warnings are listed as before, with no button to fold them", async ({ playground: p, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await p.gotoWith(text("seed-004"));
  expect(await p.run()).toBe("done");
  await expect(p.tables.getByTestId("table-warning").first()).toBeVisible();
  await expect(p.tables.getByTestId("table-warnings-toggle")).toBeHidden();
  await expect(p.tables.getByTestId("run-not-loaded")).toBeVisible();
});

for (const size of [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
])
  test(`${size.width}×${size.height}, no run yet: Problems shows whole rows, four of them, none cut at its edge`, async ({
    playground: p,
    page,
  }) => {
    await page.setViewportSize(size);
    await p.gotoWith(text("seed-004"));
    expect(await p.layout()).toBe("wide");
    // Three whole rows and most of a fourth before at 1280 × 720.
    expect(await problemRows(page)).toEqual({ whole: 4, cut: 0 });
    // Scrolled by a row, still no row cut.
    await page.getByTestId("problems").evaluate((s) => s.lastElementChild!.scrollBy({ top: 31 }));
    await expect.poll(() => problemRows(page)).toEqual({ whole: 4, cut: 0 });
  });

test("390×844: with an imported spec's mock chip the phone's header keeps two rows, the chip beside Run", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await p.goto();
  const chip = await new ImportDialog(page).insertBookshopBooks();
  // Two rows of 32 px controls (three before: the chip had a row of its own under Download).
  expect((await page.locator("header").first().boundingBox())!.height).toBeLessThan(90);
  const top = async (el: Locator) => Math.round((await el.boundingBox())!.y);
  expect(await top(chip)).toBe(await top(p.runButton));
  expect(await top(page.getByTestId("header-more"))).toBe(await top(p.runButton));
  await expectLayoutSound(page, "phone header with the mock chip");
  await expectNoSeriousAxeViolations(page, "phone header with the mock chip");
  await chip.getByRole("button", { name: "Stop mocking Bookshop API" }).click();
  await expect(chip).toHaveCount(0);
});

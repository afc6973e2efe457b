/**
 * What the twenty-ninth session's look at medium and small windows fixed, as a user sees it (decision 0016, amended): a
 * table's rows in sight at 1024 × 700 after a run whose notes are long (the notes fold to a line, in tall windows too), whole
 * problems in a laptop's Problems panel and the medium layout's Problems tab, and a phone's header that keeps two rows with an
 * imported spec's mock chip.
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
      const grid = await p.runShowingTables(size, text("seed-004"), theme);
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

for (const theme of ["dark", "light"] as const)
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1536, height: 864 },
    { width: 1920, height: 1080 },
  ])
    test(`${size.width}×${size.height} (${theme}, tall): seed 004's warnings fold to a count, the grid keeps their room`, async ({
      playground: p,
      page,
    }) => {
      await page.setViewportSize(size);
      await p.gotoWith(text("seed-004"), theme);
      expect(await p.layout()).toBe("wide");
      expect(await p.run()).toBe("done");
      const grid = p.tables.getByTestId("data-table");
      await expect(grid).toBeVisible();
      // A tall window keeps its banner under the title (the whole sentence in sight) and its 26 px grid rows.
      await expect(p.tables.getByTestId("run-not-loaded")).toBeVisible();
      await expect(page.locator('[data-testid="frame-tools"] [data-testid="run-not-loaded"]')).toHaveCount(0);
      // The notes are one line, the warnings' count at its end (four lines before: the counts and two two-line warnings).
      const notes = p.tables.getByTestId("table-notes");
      expect((await notes.boundingBox())!.height).toBeLessThan(20);
      const toggle = p.tables.getByTestId("table-warnings-toggle");
      await expect(toggle).toBeVisible();
      await expect(toggle).toHaveText("▲ 2 warnings ▾");
      const warning = p.tables.getByTestId("table-warning").first();
      await expect(warning).toBeHidden();
      const folded = await gridRowsInSight(grid);
      // Opened by the keyboard, the warnings read whole; shut again, the grid has its rows back.
      await toggle.focus();
      await page.keyboard.press("Enter");
      await expect(toggle).toHaveAttribute("aria-expanded", "true");
      await expect(warning).toBeVisible();
      await expect(warning).toContainText("primary_key `id` is missing in 251 of 251 records");
      expect(await gridRowsInSight(grid)).toBeLessThan(folded);
      await expectNoSeriousAxeViolations(page, `tables with their warnings open, ${size.width}×${size.height} ${theme}`);
      await expectLayoutSound(page, `tables, ${size.width}×${size.height}`);
      await page.keyboard.press("Enter");
      await expect(warning).toBeHidden();
      await expect.poll(() => gridRowsInSight(grid), "grid rows wholly in sight, folded again").toBe(folded);
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

for (const size of [
  { width: 900, height: 700 },
  { width: 1024, height: 700 },
  { width: 800, height: 760 },
  { width: 1100, height: 800 },
])
  test(`${size.width}×${size.height} (medium), no run yet: the Problems tab shows whole rows, none cut at its edge`, async ({
    playground: p,
    page,
  }) => {
    await page.setViewportSize(size);
    await p.gotoWith(text("seed-004"));
    expect(await p.layout()).toBe("medium");
    await p.viewTab("problems").click();
    // The toolbar sits under the tab here, in the panel: the list's height is still whole rows of it (a row was cut before).
    const rows = await problemRows(page);
    expect(rows.cut).toBe(0);
    expect(rows.whole).toBeGreaterThanOrEqual(2);
    await page.getByTestId("problems").evaluate((s) => s.lastElementChild!.scrollBy({ top: 31 }));
    await expect.poll(() => problemRows(page)).toEqual({ whole: rows.whole, cut: 0 });
    await expectNoSeriousAxeViolations(page, `medium Problems, ${size.width}×${size.height}`);
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

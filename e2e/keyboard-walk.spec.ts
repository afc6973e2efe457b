/**
 * What the thirtieth session's keyboard-only walk through the playground fixed (decision 0016, amended): a line the layout cuts
 * short (a table's counts, the *dlt loads nothing* banner beside the Tables tab; in a second pass a resource's paginator line
 * in the Trace, the run's outcome beside the Trace's title, a long name in Check's matrix) is read whole from the keyboard
 * without moving what is under it, and a run that shows the Trace tab hands the focus to that tab instead of dropping it to the
 * page.
 */
import type { Locator, Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./checks";
import { expect, test } from "./fixtures";
import { exampleText as text } from "./texts";

/** The grid's first data row's top: what would move if the whole line took room from the rows. */
const firstRowTop = (grid: Locator) =>
  grid.evaluate((g) => g.querySelector('[role="row"][aria-rowindex="2"]')?.getBoundingClientRect().top ?? -1);

/** The focused line's whole text lies in the window over the rows, wrapped, and says what the line's title says. */
async function expectWholeOnFocus(page: Page, line: Locator, whole: Locator): Promise<void> {
  await expect(line).toBeFocused();
  await expect(whole).toBeVisible();
  const title = (await line.getAttribute("title")) ?? "";
  expect(title.length).toBeGreaterThan(40);
  await expect(whole).toHaveText(title);
  const box = (await whole.boundingBox())!;
  const lineBox = (await line.boundingBox())!;
  // Wrapped onto more lines than the cut line's one, and inside the window.
  expect(box.height).toBeGreaterThan(lineBox.height * 1.5);
  const vw = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(vw.width);
  expect(box.y + box.height).toBeLessThanOrEqual(vw.height);
  // What the focus shows is the focused line's, drawn over the rows: the element at its middle is the whole text.
  const hit = await page.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.closest("[data-testid]")?.getAttribute("data-testid"),
    [box.x + box.width / 2, box.y + box.height / 2],
  );
  expect(hit).toBe(await whole.getAttribute("data-testid"));
}

for (const size of [
  { width: 800, height: 700 },
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
])
  test(`${size.width}×${size.height}: a table's cut counts line is a Tab stop that shows it whole over the rows, nothing moves`, async ({
    playground: p,
    page,
  }) => {
    const grid = await p.runShowingTables(size, text("seed-004"));
    const notes = p.tables.getByTestId("table-notes");
    const rowTop = await firstRowTop(grid);
    // From the table's tab the next Tab stop is the counts (it was the warnings' button: the counts were only a tooltip).
    await p.tableTab("bank_transactions").focus();
    await page.keyboard.press("Tab");
    await expectWholeOnFocus(page, notes, p.tables.getByTestId("table-notes-whole"));
    await expect(notes).toHaveAttribute("data-cut", "true");
    await expect(p.tables.getByTestId("table-notes-whole")).toContainText("if loaded: +251 inserted");
    expect(await firstRowTop(grid)).toBe(rowTop);
    await expectNoSeriousAxeViolations(page, `the counts read whole, ${size.width}×${size.height}`);
    // The next stop is the warnings' button; the whole text goes with the focus.
    await page.keyboard.press("Tab");
    await expect(p.tables.getByTestId("table-warnings-toggle")).toBeFocused();
    await expect(p.tables.getByTestId("table-notes-whole")).toBeHidden();
    expect(await firstRowTop(grid)).toBe(rowTop);
  });

test("1440×900: a table's counts line that is not cut is no Tab stop (it has nothing more to show)", async ({ playground: p, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await p.gotoWith(text("seed-004"));
  expect(await p.run()).toBe("done");
  const notes = p.tables.getByTestId("table-notes");
  await expect(notes).toContainText("if loaded: +251 inserted");
  await expect(notes).not.toHaveAttribute("data-cut");
  await p.tableTab("bank_transactions").focus();
  await page.keyboard.press("Tab");
  await expect(p.tables.getByTestId("table-warnings-toggle")).toBeFocused();
});

for (const size of [
  { width: 1024, height: 700 },
  { width: 1280, height: 720 },
])
  test(`${size.width}×${size.height}: the cut "dlt loads nothing" banner beside the Tables tab is read whole from the keyboard`, async ({
    playground: p,
    page,
  }) => {
    const grid = await p.runShowingTables(size, text("seed-004"));
    const banner = page.locator('[data-testid="frame-tools"] [data-testid="run-not-loaded"]');
    await expect(banner).toBeVisible();
    const rowTop = await firstRowTop(grid);
    // The banner sits in the title row after the tabs: Tab from the chosen tab reaches it (before: the frame's Collapse).
    await p.viewTab("tables").focus();
    await page.keyboard.press("Tab");
    const whole = page.locator('[data-testid="frame-tools"] [data-testid="run-not-loaded-whole"]');
    await expectWholeOnFocus(page, banner, whole);
    await expect(whole).toContainText("the table's warnings say where");
    expect(await firstRowTop(grid)).toBe(rowTop);
    await page.keyboard.press("Tab");
    await expect(whole).toBeHidden();
  });

/** A Trace row's top: what would move if a whole line took room from the trace. */
const top = (el: Locator) => el.evaluate((e) => e.getBoundingClientRect().top);

test("1280×720: a resource's cut paginator line in the Trace is a Tab stop that shows it whole over the trace, nothing moves", async ({
  playground: p,
  page,
}) => {
  await p.runShowingTables({ width: 1280, height: 720 }, text("seed-004"));
  const section = p.resourceTrace("bank_transactions");
  const line = section.getByTestId("resource-details");
  const whole = section.getByTestId("resource-details-whole");
  const firstRow = section.locator("ol > li").first();
  const rowTop = await top(firstRow);
  // A short window's heading is one line, the paginator's cut (…page_nu…): Tab from the Resources bar's last button reaches
  // it (before: the page inspector's ◀, the paginator only a tooltip).
  await page.getByRole("button", { name: /Run selected/ }).focus();
  await page.keyboard.press("Tab");
  await expectWholeOnFocus(page, line, whole);
  await expect(line).toHaveAttribute("data-cut", "true");
  await expect(whole).toContainText("page_size=100 (seed dialect)) · selector BankTransactions");
  expect(await top(firstRow)).toBe(rowTop);
  await expectNoSeriousAxeViolations(page, "the Trace's paginator line read whole");
  await page.keyboard.press("Tab");
  await expect(whole).toBeHidden();
  expect(await top(firstRow)).toBe(rowTop);
});

test("1440×900: a resource's paginator line in the Trace that wraps whole is no Tab stop", async ({ playground: p }) => {
  await p.runShowingTables({ width: 1440, height: 900 }, text("seed-004"));
  const line = p.resourceTrace("bank_transactions").getByTestId("resource-details");
  await expect(line).toContainText("page_size=100 (seed dialect)");
  await expect(line).not.toHaveAttribute("data-cut");
  await expect(line).not.toHaveAttribute("tabindex");
});

test("1280×720: the run's outcome cut short in the Trace's title row is read whole from the keyboard", async ({ playground: p, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await p.gotoWith(text("seed-004"));
  await page.getByTestId("max-pages").fill("1");
  expect(await p.run()).toBe("capped");
  const line = page.getByTestId("run-outcome");
  await expect(line).toBeVisible();
  // A wider editor leaves the Trace's title row less room than "Capped: max_pages (bank_transactions), max_pages (contacts) · …".
  const divider = page.getByRole("separator", { name: "Resize the editor and the results" });
  await divider.focus();
  for (let i = 0; i < 40 && (await line.getAttribute("data-cut")) === null; i++) await page.keyboard.press("ArrowRight");
  await expect(line).toHaveAttribute("data-cut", "true");
  const heading = p.resourceTrace("bank_transactions").locator("h3");
  const headingTop = await top(heading);
  // The line sits before the frame's Collapse: Shift+Tab from it reaches the line (before: the divider above the Trace).
  const frame = page.locator('[data-testid="frame-header"]', { has: page.getByTestId("run-status") });
  await frame.getByTestId("frame-collapse").focus();
  await page.keyboard.press("Shift+Tab");
  const whole = page.getByTestId("run-outcome-whole");
  await expectWholeOnFocus(page, line, whole);
  await expect(whole).toContainText("max_pages (contacts) · 200 records fetched");
  expect(await top(heading)).toBe(headingTop);
  await page.keyboard.press("Tab");
  await expect(whole).toBeHidden();
});

test("1280×720: a long resource name cut to the Check dialog's column is read whole from the keyboard", async ({ playground: p, page }) => {
  const name = "generic_resource_of_the_cloud_storage_bucket_listing";
  await page.setViewportSize({ width: 1280, height: 720 });
  await p.gotoWith(text("seed-000").replace('"generic_resource"', `"${name}"`));
  await page.getByTestId("check-button").click();
  const check = page.getByTestId("check-dialog");
  await expect(check.getByTestId("check-summary")).toHaveText("1 passed, 0 failed.");
  const line = check.getByTestId("check-resource");
  const whole = check.getByTestId("check-resource-whole");
  const reason = check.getByTestId("check-row").locator("td").nth(2);
  const reasonTop = await top(reason);
  // The name is the row's first cell: Tab from the dialog's Close reaches it (before: the Check again button).
  await check.getByRole("button", { name: /^Close/ }).focus();
  await page.keyboard.press("Tab");
  await expectWholeOnFocus(page, line, whole);
  await expect(whole).toHaveText(name);
  expect(await top(reason)).toBe(reasonTop);
  await expectNoSeriousAxeViolations(page, "the Check dialog's resource name read whole");
  await page.keyboard.press("Tab");
  await expect(whole).toBeHidden();
});

test("390×844: Ctrl+Enter in the editor shows the Trace tab and gives it the focus (it dropped to the page)", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await p.gotoWith(text("seed-004"));
  expect(await p.layout()).toBe("narrow");
  await p.viewTab("editor").click();
  await p.editor.click();
  await page.keyboard.press("Control+Enter");
  expect(await p.waitForRunEnd()).toBe("done");
  await expect(p.viewTab("trace")).toHaveAttribute("aria-selected", "true");
  await expect(p.viewTab("trace")).toBeFocused();
  // The next Tab goes into the Trace, not back to the header's first button.
  await page.keyboard.press("Tab");
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-view="trace"]') !== null)).toBe(true);
});

test("390×844 and 1024×700: a tab's view starts with its own heading, so the page's headings skip no level", async ({
  playground: p,
  page,
}) => {
  for (const size of [
    { width: 390, height: 844 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await p.gotoWith(text("seed-004"));
    expect(await p.run()).toBe("done");
    await p.viewTab("trace").click();
    // The headings a screen reader lists (the hidden tabs' views left out): h1, then each level at most one deeper.
    const levels = await page.evaluate(() =>
      [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter((h) => !h.closest("[hidden]")).map((h) => Number(h.tagName[1])),
    );
    expect(levels[0], `${size.width}×${size.height}`).toBe(1);
    const skips = levels.flatMap((l, i) => (i > 0 && l > levels[i - 1]! + 1 ? [`h${levels[i - 1]} → h${l}`] : []));
    expect(skips, `${size.width}×${size.height}: ${levels.join(" ")}`).toEqual([]);
    await expect(page.locator('[data-view="trace"]').getByRole("heading", { level: 2, name: "Trace" })).toBeAttached();
  }
});

test("1024×700: Ctrl+Enter from the Problems tab shows the Trace tab with the focus on it", async ({ playground: p, page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await p.gotoWith(text("seed-004"));
  expect(await p.layout()).toBe("medium");
  await p.viewTab("problems").click();
  await page.getByTestId("problems-filter").focus();
  await page.keyboard.press("Control+Enter");
  expect(await p.waitForRunEnd()).toBe("done");
  await expect(p.viewTab("trace")).toHaveAttribute("aria-selected", "true");
  await expect(p.viewTab("trace")).toBeFocused();
});

test("1280×720: what scrolls in a request's details and in a row's details is a named Tab stop the keyboard scrolls (axe)", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await p.gotoWith(text("seed-004"));
  expect(await p.run()).toBe("done");
  // A request opened from the keyboard: its response body scrolls (axe: scrollable-region-focusable, serious, before).
  const request = p.trace.locator("button[aria-expanded]").filter({ hasText: "page 1" }).first();
  await request.focus();
  await page.keyboard.press("Enter");
  const body = p.trace.getByTestId("trace-body").first();
  await expect(body).toBeVisible();
  await expectNoSeriousAxeViolations(page, "a request's details open");
  await expect(body).toHaveAttribute("tabindex", "0");
  await expect(body).toHaveAccessibleName(/^Response body, GET https:\/\/api\.example\.com\/v1\/bank_transactions/);
  await body.focus();
  await page.keyboard.press("PageDown");
  await expect.poll(() => body.evaluate((b) => b.scrollTop)).toBeGreaterThan(0);
  await page.keyboard.press("Enter");
  // A row shown whole: its columns scroll in the dialog, the next Tab stop after Close.
  const grid = p.tables.getByTestId("data-table");
  await grid.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  const dialog = page.getByTestId("row-details");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Tab");
  const columns = dialog.getByRole("region", { name: /^Table bank_transactions: row 1 of 251$/ });
  await expect(columns).toBeFocused();
  await page.keyboard.press("End");
  await expect.poll(() => columns.evaluate((c) => c.scrollTop)).toBeGreaterThan(0);
  await expectNoSeriousAxeViolations(page, "a row's details open");
  await page.keyboard.press("Escape");
  await expect(grid).toBeFocused();
});

test("1280×800: a query result's column header describes its type without an empty part", async ({ playground: p, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await p.gotoWith(text("seed-002"));
  expect(await p.run()).toBe("done");
  await page.getByTestId("tab-sql").click();
  await page.getByTestId("sql-query").focus();
  await page.keyboard.press("Control+Enter");
  const header = page.locator('[data-view="sql"] [data-testid="column-header"] button').first();
  // "id: BIGINT,  — Enter sorts…" before: a stray comma and an empty list of marks.
  await expect(header).toHaveAttribute("title", "id: BIGINT — Enter sorts, Shift+← → resizes");
  await expect(header).toHaveAccessibleDescription("id: BIGINT — Enter sorts, Shift+← → resizes");
});

/** The whole flow without a mouse, and a visible focus on every stop of the Tab order. */
import type { Page } from "@playwright/test";
import { EXAMPLES } from "../lib/examples";
import { expectLayoutSound, focusRingCut } from "./checks";
import { expect, test } from "./fixtures";

/** The focused element draws a focus ring (Monaco's own text area excepted: Monaco shows its cursor). */
async function focusRing(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "nothing focused";
    if (el.closest(".monaco-editor")) return "ok";
    const cs = getComputedStyle(el);
    const ring = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 1;
    return ring
      ? "ok"
      : `no focus ring on ${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
  });
}

const inEditor = (page: Page) => page.evaluate(() => document.activeElement?.closest(".monaco-editor") !== null);

test("keyboard only: open an example, fix an error with a quick fix, run, open a table, download YAML", async ({ playground: p, page }) => {
  test.setTimeout(90_000);
  const seed = EXAMPLES[0];
  if (!seed) throw new Error("no examples");
  await p.goto();

  // Open an example: Tab to Examples, Enter, Enter on the first item.
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("examples-menu")).toBeFocused();
  expect(await focusRing(page)).toBe("ok");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: seed.title })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => inEditor(page)).toBe(true);
  await expect(p.problemsSummary).toContainText("0 errors");

  // Make an error with Monaco's own find: select `limit`, type `limt`.
  await page.keyboard.press("Control+f");
  await page.keyboard.type("limit");
  await page.keyboard.press("Escape");
  await page.keyboard.type("limt");
  await expect(p.problem("unknown_key")).toContainText("26:21");
  await expect(p.runButton).toBeDisabled();
  // Ctrl+Enter now cannot run: it says why (a screen reader hears it), and so does the empty trace.
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("announcer")).toHaveText(/^Cannot run: Fix \d+ errors? to run \(see Problems\)\.$/);
  await expect(page.getByTestId("trace-empty")).toHaveAttribute("data-blocked", "true");

  // Fix it with the quick fix (Ctrl+.), the preferred one first.
  // Monaco asks for code actions when the key is pressed; the markers may land a moment after the
  // Problems panel shows the error, so ask again until the widget offers the fix.
  const fixWidget = page.locator(".action-widget").filter({ hasText: "limit" }).first();
  await expect(async () => {
    if (!(await fixWidget.isVisible())) await page.keyboard.press("Control+.");
    await expect(fixWidget).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await page.keyboard.press("Enter");
  await expect(p.editorLines()).toContainText('"limit": 100');
  await expect(p.problemsSummary).toContainText("0 errors");

  // Run (the quick fix leaves the focus in the editor).
  await expect.poll(() => inEditor(page)).toBe(true);
  await page.keyboard.press("Control+Enter");
  expect(await p.waitForRunEnd()).toBe("done");
  // How it ended is announced whichever panel shows.
  await expect(page.getByTestId("announcer")).toHaveText(/^Done in .+ · 251 records fetched$/);

  // Open a table: the palette (Ctrl+Shift+P from the editor), "Go to Tables", then the next table.
  await page.keyboard.press("Control+Shift+P");
  await page.keyboard.type("go to tables");
  await page.keyboard.press("Enter");
  const firstTab = p.tables.getByRole("tab").first();
  await expect(firstTab).toBeFocused();
  expect(await focusRing(page)).toBe("ok");
  await page.keyboard.press("End");
  const lastTab = p.tables.getByRole("tab").last();
  await expect(lastTab).toBeFocused();
  await expect(lastTab).toHaveAttribute("aria-selected", "true");
  await expect(p.tables.getByTestId("table-panel")).toHaveAttribute("data-table", (await lastTab.getAttribute("data-tab-id")) ?? "");

  // Download YAML from the Download menu: back to the editor, let Tab leave it (Ctrl+M), Shift+Tab up to the menu.
  await page.keyboard.press("Control+k");
  await page.keyboard.type("go to editor");
  await page.keyboard.press("Enter");
  await expect.poll(() => inEditor(page)).toBe(true);
  await page.keyboard.press("Control+m");
  await expect(page.getByTestId("tab-focus-mode")).toHaveAttribute("data-mode", "focus");
  const menu = page.getByTestId("download-menu");
  for (let i = 0; i < 12 && !(await menu.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Shift+Tab");
  await expect(menu).toBeFocused();
  expect(await focusRing(page)).toBe("ok");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("menu-item-json")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByTestId("menu-item-yaml")).toBeFocused();
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  const file = await p.readDownload(download);
  expect(file.filename).toBe("rest_api_config.yaml");
  expect(file.text).toContain("paginator:");
  // Focus comes back to the menu button, not <body>.
  await expect(menu).toBeFocused();
  await expect(page.getByTestId("announcer")).toContainText("Downloaded rest_api_config.yaml");
});

test("every stop of the Tab order shows where the focus is, and none is off screen", async ({ playground: p, page }) => {
  await page.addInitScript(() => window.localStorage.setItem("restplay:tab-moves-focus", "1"));
  await p.goto();
  await p.chooseExample(EXAMPLES.find((e) => e.id === "seed-004")?.title ?? "");
  expect(await p.run()).toBe("done");
  await page.locator("body").focus();
  const seen: string[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const id = await page.evaluate((n) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return "";
      if (el.dataset.tabStop) return "";
      el.dataset.tabStop = String(n);
      // Monaco's own input element sits under its cursor; the editor is what must be on screen.
      const r = (el.closest(".monaco-editor") ?? el).getBoundingClientRect();
      const onScreen =
        r.width > 0 &&
        r.height > 0 &&
        r.right <= window.innerWidth + 1 &&
        r.bottom <= window.innerHeight + 1 &&
        r.left >= -1 &&
        r.top >= -1;
      return `${el.tagName.toLowerCase()} ${el.getAttribute("data-testid") ?? el.getAttribute("aria-label")?.slice(0, 30) ?? el.textContent?.trim().slice(0, 30)}${onScreen ? "" : " OFF SCREEN"}`;
    }, i);
    if (id === "") break;
    seen.push(id);
    expect(id).not.toContain("OFF SCREEN");
    expect(await focusRing(page), id).toBe("ok");
  }
  expect(seen.length).toBeGreaterThan(25);
});

for (const size of [
  { width: 900, height: 700 },
  // A short window's compact chrome (decision 0016): 24 px buttons in 28 px title bars.
  { width: 1280, height: 720 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`${size.width}×${size.height}: no Tab stop's focus ring is cut by the panel it scrolls in`, async ({ playground: p, page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(size);
    await page.addInitScript(() => window.localStorage.setItem("restplay:tab-moves-focus", "1"));
    await p.goto();
    await p.chooseExample(EXAMPLES.find((e) => e.id === "seed-002")?.title ?? "");
    expect(await p.run()).toBe("done");
    // The trace's rows and the grid's headers are on screen in every layout (the medium one shows a tab at a time).
    const views = (await p.layout()) === "wide" ? [null] : (["trace", "tables"] as const);
    const cut: string[] = [];
    for (const view of views) {
      if (view) await p.viewTab(view).click();
      await page.locator("body").focus();
      for (let i = 0, first = ""; i < 120; i++) {
        await page.keyboard.press("Tab");
        const at = await page.evaluate(() => {
          const el = document.activeElement;
          return el && el !== document.body ? `${el.tagName}${el.id}${el.textContent?.slice(0, 30)}${el.getAttribute("aria-label")}` : "";
        });
        if (at === "" || at === first) break;
        first ||= at;
        const problem = await focusRingCut(page);
        if (problem) cut.push(problem);
      }
    }
    expect(cut).toEqual([]);
  });
}

test("the grid from the keyboard: arrow keys pick a row, Enter shows it whole (a value the grid cuts off), Escape goes back", async ({
  playground: p,
  page,
}) => {
  await p.goto();
  await p.chooseExample(EXAMPLES.find((e) => e.id === "seed-000")?.title ?? "");
  expect(await p.run()).toBe("done");
  const grid = p.tables.getByTestId("data-table").first();
  await grid.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(grid.locator('[role="row"][data-active="true"]')).toHaveAttribute("aria-rowindex", "3");
  // A screen reader hears the picked row: the grid keeps the focus and names it its active descendant.
  await expect(grid).toHaveAttribute("role", "grid");
  const activeId = await grid.getAttribute("aria-activedescendant");
  await expect(grid.locator(`[id="${activeId}"]`)).toHaveAttribute("aria-selected", "true");
  await expect(grid.locator('[role="row"][aria-selected="true"]')).toHaveCount(1);
  await page.keyboard.press("End");
  await expect(grid.locator('[role="row"][data-active="true"]')).toBeVisible();
  await page.keyboard.press("Home");
  await page.keyboard.press("Enter");
  const details = page.getByTestId("row-details");
  await expect(details).toBeVisible();
  await expect(details.getByRole("heading")).toContainText("row 1 of 250");
  await expect(details).toContainText("_dlt_load_id");
  await expect(details.getByRole("button", { name: /close/i })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(details).toBeHidden();
  await expect(grid).toBeFocused();
});

test("a grid's headers are one Tab stop: ← → move between them, Enter sorts, ↓ and ↑ cross to the rows and back", async ({
  playground: p,
  page,
}) => {
  await p.goto();
  await p.chooseExample(EXAMPLES.find((e) => e.id === "seed-000")?.title ?? "");
  expect(await p.run()).toBe("done");
  const grid = p.tables.getByTestId("data-table").first();
  const headers = grid.getByRole("columnheader").filter({ has: page.getByRole("button") });
  const count = await headers.count();
  expect(count).toBeGreaterThan(3);
  const name = (i: number) => headers.nth(i).getByTestId("column-name");
  await grid.focus();
  // One Tab from the rows reaches the first header; the next Tab leaves the grid (not another header, not a resize edge).
  await page.keyboard.press("Tab");
  await expect(headers.nth(0).getByRole("button")).toBeFocused();
  expect(await focusRing(page)).toBe("ok");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.closest('[role="grid"]') === null)).toBe(true);
  await page.keyboard.press("Shift+Tab");
  await expect(headers.nth(0).getByRole("button")).toBeFocused();
  // ← → and End move between the headers; the one left is where Tab comes back to.
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(headers.nth(2).getByRole("button")).toBeFocused();
  await page.keyboard.press("End");
  await expect(headers.nth(count - 1).getByRole("button")).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  const third = headers.nth(count - 2);
  await expect(third.getByRole("button")).toBeFocused();
  await expect(third).toHaveAttribute("aria-sort", "none");
  await page.keyboard.press("Enter");
  await expect(third).toHaveAttribute("aria-sort", "ascending");
  await page.keyboard.press("Space");
  await expect(third).toHaveAttribute("aria-sort", "descending");
  // ↓ goes to the rows (the first one picked), ↑ from the first row back to the header last used.
  await page.keyboard.press("ArrowDown");
  await expect(grid).toBeFocused();
  await expect(grid.locator('[role="row"][data-active="true"]')).toHaveAttribute("aria-rowindex", "2");
  await page.keyboard.press("ArrowUp");
  await expect(third.getByRole("button")).toBeFocused();
  await grid.focus();
  await page.keyboard.press("Tab");
  await expect(third.getByRole("button")).toBeFocused();
  await expect(name(count - 2)).toBeVisible();
});

test("a menu opens right under its button (the header does not wrap while it opens), from the keyboard too", async ({
  playground: p,
  page,
}) => {
  await p.goto();
  for (const [id, align] of [
    ["examples-menu", "left"],
    ["download-menu", "right"],
  ] as const) {
    const button = page.getByTestId(id);
    const before = (await button.boundingBox())!;
    await button.focus();
    await page.keyboard.press("ArrowDown");
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitem").first()).toBeFocused();
    const box = (await menu.boundingBox())!;
    expect(await button.boundingBox()).toEqual(before);
    expect(Math.abs(box.y - (before.y + before.height + 4))).toBeLessThanOrEqual(1);
    const edge = align === "left" ? box.x - before.x : box.x + box.width - (before.x + before.width);
    expect(Math.abs(edge)).toBeLessThanOrEqual(1);
    await page.keyboard.press("Escape");
    await expect(button).toBeFocused();
  }
});

test("a table's menus near the window's bottom open above their button, whole (1280×720)", async ({ playground: p, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await p.goto();
  expect(await p.run()).toBe("done");
  const button = p.tables.getByTestId("table-downloads");
  const at = (await button.boundingBox())!;
  await button.click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem")).toHaveCount(4);
  const box = (await menu.boundingBox())!;
  expect(Math.abs(box.y + box.height + 4 - at.y)).toBeLessThanOrEqual(1);
  expect(Math.abs(box.x + box.width - (at.x + at.width))).toBeLessThanOrEqual(1);
  expect(await menu.evaluate((e) => e.scrollHeight <= e.clientHeight)).toBe(true);
  await page.keyboard.press("Escape");
  await expect(button).toBeFocused();
});

test("900×700: the header's ⋯ menu holds the palette, the shortcuts and the theme, by keyboard", async ({ playground: p, page }) => {
  await page.setViewportSize({ width: 900, height: 700 });
  await p.gotoWith(EXAMPLES.find((e) => e.id === "seed-000")?.text ?? "", "light");
  await expect(page.getByTestId("theme-toggle")).toBeHidden();
  const more = page.getByRole("button", { name: "More: command palette, keyboard shortcuts, theme" });
  await more.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: /^Command palette/ })).toBeFocused();
  await page.keyboard.press("End");
  await expect(page.getByRole("menuitem", { name: "Switch to the dark theme" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(more).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: /^Keyboard shortcuts/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("shortcuts-dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(more).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("command-palette")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(more).toBeFocused();
  await expectLayoutSound(page, "900×700, dark, after the ⋯ menu");
});

test("in the editor Ctrl+Enter runs (no line inserted) while Monaco keeps Ctrl+/ (comment) and F8 (next problem)", async ({
  playground: p,
  page,
}) => {
  await p.gotoWith(EXAMPLES.find((e) => e.id === "seed-002")?.text ?? "");
  const lines = async () => (await p.editorLines().locator(".view-line").count()) as number;
  // The cursor on the resource's name line (Monaco renders a token as its own span once the line is tokenized).
  await page
    .locator(".monaco-editor .view-line span span")
    .filter({ hasText: /^"storage_data"$/ })
    .first()
    .click();
  const before = await lines();
  await page.keyboard.press("Control+Enter");
  expect(await p.waitForRunEnd()).toBe("done");
  expect(await lines(), "Ctrl+Enter inserted no line").toBe(before);
  // Monaco's comment toggle: the line becomes a Python comment, and back.
  await page.keyboard.press("Control+/");
  await expect(p.editorLines()).toContainText('# "name": "storage_data"');
  await page.keyboard.press("Control+/");
  await expect(p.editorLines()).not.toContainText('# "name"');
  // Monaco's next-problem (F8) opens its marker widget on the config's warning.
  await page.keyboard.press("F8");
  await expect(page.locator(".monaco-editor .marker-widget")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.locator(".monaco-editor .marker-widget")).toBeHidden();
});

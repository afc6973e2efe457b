/**
 * A laptop's screen (1366 × 768, 1280 × 720) on a first visit: a run's trace, its tables and its
 * failure are readable without moving a divider, and what does not fit is reachable by keyboard; the
 * header keeps one row, and its height, in every window from 768 px wide. Below 820 px of height the
 * panels' chrome is compact: three problems, three trace rows and three grid rows in sight at once.
 */
import type { Locator } from "@playwright/test";
import { expectLayoutSound } from "./checks";
import { expect, test } from "./fixtures";
import { exampleText as text, FOUR_ERRORS } from "./texts";

/** The text a sighted user sees in `el`'s children (not hidden, not screen-reader only). */
const seen = (el: Element) =>
  [...el.children]
    .filter((c) => getComputedStyle(c).display !== "none" && !c.classList.contains("sr-only"))
    .map((c) => c.textContent)
    .join("")
    .trim();

/** How many of `rows` (a selector) inside the scrolling box are wholly in its sight and in the window's. */
const wholeRowsIn = (scroller: Locator, rows: string) =>
  scroller.evaluate((el, selector) => {
    const box = el.getBoundingClientRect();
    const bottom = Math.min(box.bottom, window.innerHeight);
    return [...el.querySelectorAll(selector)].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.height > 0 && b.top >= box.top - 1 && b.bottom <= bottom + 1;
    }).length;
  }, rows);

test("1280×720, seed 004 (not loaded, two warnings): the trace shows its timeline and the grid its rows", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await p.gotoWith(text("seed-004"));
  expect(await p.layout()).toBe("wide");
  expect(await p.run()).toBe("done");
  await expect(page.getByTestId("run-not-loaded")).toBeVisible();
  // dlt loaded nothing: the counts say what the load would have done, not that this run inserted rows.
  await expect(p.tables.getByTestId("table-changes")).toContainText("— if loaded: +251 inserted · 0 updated");
  await expect(p.tables.getByTestId("table-changes")).not.toContainText("this run");
  // The first line of the first resource's timeline, below its header and page inspector.
  await expect(p.trace.getByTestId("trace-resource").first().locator("ol > li").first()).toBeInViewport();
  const grid = p.tables.getByTestId("data-table");
  const box = (await grid.boundingBox())!;
  const second = (await grid.locator('[role="row"][aria-rowindex="3"]').boundingBox())!;
  expect(second.y + second.height).toBeLessThanOrEqual(box.y + box.height);
  await expectLayoutSound(page, "seed 004 at 1280×720");
});

for (const size of [
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
]) {
  test(`${size.width}×${size.height}, seed 004 (two secrets): both fields (100 px or wider) and badges in sight unscrolled`, async ({
    playground: p,
    page,
  }) => {
    await page.setViewportSize(size);
    await p.gotoWith(text("seed-004"));
    expect(await p.layout()).toBe("wide");
    for (const name of ["client_id", "client_secret"]) {
      // Wholly visible as the page opens (the check scrolls nothing): not clipped by the Secrets panel's scrolling body.
      const input = p.secretInput(name);
      await expect(input).toBeInViewport({ ratio: 1 });
      const badge = page.getByTestId(`demo-badge-${name}`);
      await expect(badge).toBeInViewport({ ratio: 1 });
      // In its field's row (not wrapped onto a line of its own below it).
      const [field, mark] = [(await input.boundingBox())!, (await badge.boundingBox())!];
      expect(mark.y + mark.height, `${name}'s badge`).toBeLessThanOrEqual(field.y + field.height + 4);
      // Wide enough to see what is typed (about 12 characters), not a sliver beside the name.
      expect(field.width, `${name}'s field`).toBeGreaterThanOrEqual(100);
    }
    await expectLayoutSound(page, `seed 004 at ${size.width}×${size.height}`);
  });
}

test("1366×768, a refused secret: the error and what to do are in sight, the Tables say the run failed", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await p.gotoWith(text("seed-000"));
  await p.secretInput("client_secret").fill("not-the-secret");
  expect(await p.run()).toBe("failed");
  const error = p.trace.getByTestId("trace-error").first();
  await expect(error).toContainText("What to do:");
  await expect(error).toBeInViewport({ ratio: 0.9 });
  // Not under the resource's sticky header: the error's first line is what shows at its top.
  const box = (await error.boundingBox())!;
  const hit = await page.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.closest('[data-testid="trace-error"]') !== null,
    [box.x + 40, box.y + 6],
  );
  expect(hit).toBe(true);
  await expect(p.tables).toContainText("No table: the run failed before any record arrived (the Trace says why).");
});

test("1280×720: a blocked Run's reason fits as its count, whole in the title and for screen readers", async ({ playground: p, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // `limt` for `limit`: an unknown key, and an offset paginator without its limit.
  await p.gotoWith(text("seed-002").replace('"limit"', '"limt"'));
  const reason = page.getByTestId("run-blocked-reason");
  await expect(reason).toHaveAttribute("title", "Fix 2 errors to run (see Problems)");
  expect(await reason.evaluate(seen)).toBe("✖ 2 errors");
  await expect(reason.getByText("errors", { exact: true })).toBeVisible();
  expect(await reason.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expect(reason.locator(".sr-only")).toHaveText("Fix 2 errors to run (see Problems)");
  // Where the header leaves it less room than `✖ 2 errors` (its tiers change at 1024 and 1280 px), the number alone, never cut.
  for (const width of [768, 1024, 1279]) {
    await page.setViewportSize({ width, height: 720 });
    await expect.poll(() => reason.evaluate((el) => el.scrollWidth <= el.clientWidth), `cut at ${width} px`).toBe(true);
    expect(await reason.evaluate((el) => el.clientWidth), `in sight at ${width} px`).toBeGreaterThan(16);
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect.poll(() => reason.evaluate(seen)).toBe("✖ Fix 2 errors to run (see Problems)");
});

test("1366×768: the shortcuts list, taller than its dialog, scrolls by keyboard", async ({ playground: p, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await p.gotoWith(text("seed-002"));
  await page.getByTestId("run-button").focus();
  await page.keyboard.press("?");
  const list = page.getByTestId("shortcuts-list");
  await expect(list).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(list).toBeFocused();
  await page.keyboard.press("End");
  await expect.poll(() => list.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1)).toBe(true);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcuts-dialog")).toBeHidden();
});

test("1366×768: Home and End on a divider move its two panels only; a double-click gives the group its default sizes", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await p.gotoWith(text("seed-002"));
  const height = async (id: string) => Math.round((await page.locator(`[data-dock-frame="${id}"]`).boundingBox())!.height);
  const heights = async () => [await height("problems"), await height("trace"), await height("tables")];
  const before = await heights();
  const traceTables = page.getByRole("separator", { name: "Resize the Trace and the Tables" });
  await traceTables.focus();
  await page.keyboard.press("Home");
  // The Trace folds to its header; Problems keeps its height, the Tables take the rest.
  await expect.poll(heights).toEqual([before[0], expect.any(Number), expect.any(Number)]);
  const [, folded, grown] = await heights();
  expect(folded).toBeLessThan(40);
  expect(grown).toBeGreaterThan(before[2]! + before[1]! - 50);
  const checksTrace = page.getByRole("separator", { name: "Resize Problems and the Trace" });
  await checksTrace.focus();
  await page.keyboard.press("End");
  // The Trace is folded already: Problems and the Tables stay as they were.
  await expect.poll(heights).toEqual([before[0], folded, grown]);
  await checksTrace.dblclick();
  await expect.poll(heights).toEqual(before);
  await expectLayoutSound(page, "dividers reset");
});

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
  { width: 900, height: 700 },
  { width: 768, height: 700 },
]) {
  test(`${size.width}×${size.height}: the header keeps its height while the config is checked, has errors and is fixed`, async ({
    playground: p,
    page,
  }) => {
    await page.setViewportSize(size);
    // Every height the header has from the first paint on (the "Checking the config…" state included).
    await page.addInitScript(() => {
      const w = window as unknown as { __headerHeights: number[] };
      w.__headerHeights = [];
      const watch = () => {
        const header = document.querySelector("header");
        if (!header) return void requestAnimationFrame(watch);
        new ResizeObserver(() => w.__headerHeights.push(Math.round(header.getBoundingClientRect().height))).observe(header);
      };
      watch();
    });
    await p.gotoWith(text("seed-000"));
    // A key near the top, visible in the editor at every size.
    await p.replaceWordInEditor('"base_url"', "base_ur");
    await expect(page.getByTestId("run-blocked-reason")).toContainText("Fix");
    // Where the row has no room for the reason (768 px), hovering Run still says it.
    await expect(p.runButton).toHaveAttribute("title", /^Fix \d+ errors? to run \(see Problems\) \(Run: Ctrl\+Enter\)$/);
    await page.keyboard.press("Control+z");
    await expect(p.runButton).toBeEnabled();
    const heights = await page.evaluate(() => (window as unknown as { __headerHeights: number[] }).__headerHeights);
    expect(heights.length).toBeGreaterThan(0);
    expect(new Set(heights), `header heights seen: ${heights.join(", ")}`).toEqual(new Set([heights[0]]));
    // From 768 px the header is one row (a row of 32 px controls and its padding).
    expect(heights[0], `header height at ${size.width} px`).toBeLessThan(56);
  });
}

for (const [size, example] of [
  [{ width: 900, height: 700 }, "seed-002"],
  [{ width: 1280, height: 800 }, "seed-002"],
  // Its run adds two warnings (8 → 10, and back to 8 when the next run starts): a count's second digit moves no tab.
  [{ width: 900, height: 700 }, "seed-004"],
] as const) {
  test(`${size.width}×${size.height}, ${example}: a run that starts and ends moves no tab and nothing in the Trace`, async ({
    playground: p,
    page,
  }) => {
    await page.setViewportSize(size);
    await p.gotoWith(text(example));
    if ((await p.layout()) !== "wide") await p.viewTab("trace").click();
    const places = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-testid^="tab-"][role="tab"], [data-testid="run-status"], [data-testid="resources"]')]
          .filter((el) => el.getClientRects().length > 0)
          .map((el) => {
            const r = el.getBoundingClientRect();
            const name = el.getAttribute("data-testid") ?? el.textContent?.trim().slice(0, 8);
            return `${name} ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
          }),
      );
    const before = await places();
    const release = await p.runHeld();
    expect(await places(), "while running").toEqual(before);
    release();
    expect(await p.waitForRunEnd()).toBe("done");
    // Text changes (a tab's label its count, the status line its words), places and sizes do not.
    const strip = (list: string[]) => list.map((s) => s.replace(/^\S+ /, ""));
    expect(strip(await places()), "after the run").toEqual(strip(before));
  });
}

test("1280×720: a request opened at the trace's bottom edge shows its details; the page inspector's label stays on one line", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await p.gotoWith(text("seed-000"));
  expect(await p.run()).toBe("done");
  // The lowest request row whose top is in sight: its details would open below the trace's bottom edge.
  const rows = p.trace.locator('[data-testid="trace-request"] > button');
  const last = await rows.evaluateAll((buttons) => {
    const scroller = buttons[0]?.closest('[data-testid="trace"]')?.querySelector<HTMLElement>(":scope > .overflow-auto");
    const bottom = (scroller ?? document.documentElement).getBoundingClientRect().bottom;
    return buttons.reduce((found, b, i) => (b.getBoundingClientRect().top < bottom - 8 ? i : found), -1);
  });
  expect(last).toBeGreaterThanOrEqual(0);
  const row = rows.nth(last);
  // Clicked where it is (a pointer click would first scroll the row into the middle of the trace).
  await row.dispatchEvent("click");
  await expect(row).toHaveAttribute("aria-expanded", "true");
  const details = p.trace.getByTestId("trace-details");
  await expect(details.getByRole("heading", { name: "Request", exact: true })).toBeInViewport({ ratio: 1 });
  await expect(row).toBeInViewport({ ratio: 1 });

  await p.trace.getByTestId("page-select").first().selectOption({ index: 2 });
  await expect(p.trace.getByTestId("page-inspector")).toBeVisible();
  const label = p.trace.getByTestId("page-selector").first().getByText("Inspect page", { exact: true });
  const lineHeight = await label.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  expect((await label.boundingBox())!.height, "Inspect page on one line").toBeLessThan(lineHeight * 1.5);
  // The Problems filter's placeholder is cut short in this window: its tooltip says it whole.
  await expect(page.getByTestId("problems-filter")).toHaveAttribute("title", /text, code, path or line:col/);
});

for (const size of [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
]) {
  test(`${size.width}×${size.height}: three problems in sight, one line each with its quick fix; focused, a problem reads whole`, async ({
    playground: p,
    page,
  }) => {
    await page.setViewportSize(size);
    await p.gotoWith(FOUR_ERRORS);
    expect(await p.layout()).toBe("wide");
    await expect(p.problemsSummary).toContainText("4");
    const body = page.locator('[data-testid="problems"] > .overflow-auto');
    expect(await wholeRowsIn(body, '[data-testid="problem-group"]'), "problems wholly in sight").toBeGreaterThanOrEqual(3);
    // The first problem's quick fix in its row (beside the message, not under it), under the name it always had.
    const first = p.problems.getByTestId("problem").first();
    const fix = first.getByRole("button", { name: "Quick fix: Rename to `location`" });
    await expect(fix).toBeInViewport({ ratio: 1 });
    const message = first.locator("[data-problem-button]");
    const [row, button] = [(await message.boundingBox())!, (await fix.boundingBox())!];
    expect(Math.abs(button.y + button.height / 2 - (row.y + row.height / 2)), "the fix beside its message").toBeLessThan(6);
    expect(row.height, "one line").toBeLessThan(30);
    // Cut short to one line; the keyboard's focus shows it whole (the mouse's click too, with the editor at its place).
    await message.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    await expect(message).toBeFocused();
    await expect.poll(async () => (await message.boundingBox())!.height, "whole when focused").toBeGreaterThan(row.height + 10);
    await expectLayoutSound(page, `four errors at ${size.width}×${size.height}`);
  });

  test(`${size.width}×${size.height}, a run: the run's status beside the Trace's title; 3 problems, trace and grid rows in sight`, async ({
    playground: p,
    page,
  }) => {
    await page.setViewportSize(size);
    await p.gotoWith(text("seed-004"));
    expect(await p.layout()).toBe("wide");
    const frames = () => page.locator("[data-dock-frame]").evaluateAll((els) => els.map((e) => JSON.stringify(e.getBoundingClientRect())));
    const before = await frames();
    expect(await p.run()).toBe("done");
    // A run and its twelve problems (ten warnings and two infos) move no frame.
    expect(await frames(), "after the run").toEqual(before);
    const title = (await page.locator('[data-dock-frame="trace"] > header').getByRole("heading", { name: "Trace" }).boundingBox())!;
    const status = (await p.runStatus.boundingBox())!;
    expect(Math.abs(status.y + status.height / 2 - (title.y + title.height / 2)), "the run's status beside the title").toBeLessThan(4);
    await expect(p.runStatus).toContainText("Done in");
    const problems = page.locator('[data-testid="problems"] > .overflow-auto');
    expect(await wholeRowsIn(problems, '[data-testid="problem-group"]'), "problems").toBeGreaterThanOrEqual(3);
    const trace = page.locator('[data-testid="trace"] > .overflow-auto');
    expect(await wholeRowsIn(trace, "ol > li"), "trace rows").toBeGreaterThanOrEqual(3);
    const grid = p.tables.getByTestId("data-table");
    expect(await wholeRowsIn(grid, '[role="row"]:not([aria-rowindex="1"])'), "grid rows").toBeGreaterThanOrEqual(3);
    await expectLayoutSound(page, `seed 004 run at ${size.width}×${size.height}`);
  });
}

test("1920×1080: the tall layout keeps the Trace's status under its title and a problem's whole message", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await p.gotoWith(FOUR_ERRORS);
  const title = (await page.locator('[data-dock-frame="trace"] > header').boundingBox())!;
  expect((await p.runStatus.boundingBox())!.y).toBeGreaterThanOrEqual(title.y + title.height);
  // A long message wraps (up to three lines), its quick fix under it.
  const first = p.problems.getByTestId("problem").first();
  const message = (await first.locator("[data-problem-button]").boundingBox())!;
  expect(message.height).toBeGreaterThan(30);
  expect((await first.getByRole("button", { name: /^Quick fix:/ }).boundingBox())!.y).toBeGreaterThanOrEqual(message.y + message.height);
});

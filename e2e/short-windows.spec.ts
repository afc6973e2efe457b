/**
 * What the twenty-seventh session's look at the playground fixed, as a user sees it (decision 0016, amended): a cast
 * reference's type in the Secrets panel, compact panel chrome in every short window from 768 px wide, a problem's message
 * given its row beside a quick fix, messages that start in one column, a running trace that says it waits, and a phone's
 * tab strip that shows where more tabs are.
 */
import type { Locator, Page } from "@playwright/test";
import { expectLayoutSound } from "./checks";
import { expect, test } from "./fixtures";
import { exampleText as text, FOUR_ERRORS } from "./texts";

/** Seed 002 reading a cast secret and a cast config value (decision 0047). */
const CASTS = text("seed-002")
  .replace('"limit": 100', '"limit": int(dlt.config["page_size"])')
  .replace('"data_selector": "data",', '"data_selector": "data",\n                "params": {"pin": int(dlt.secrets["pin"])},');

/** The text a sighted user sees in an element (not what CSS hides). */
const seen = (el: Locator) => el.evaluate((e) => (e as HTMLElement).innerText.trim());

/** The heights of the frames' title bars in sight. */
const headerHeights = (page: Page) =>
  page
    .locator('[data-testid="frame-header"]')
    .evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).map((e) => Math.round(e.getBoundingClientRect().height)));

for (const size of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`${size.width}×${size.height}: the Secrets panel shows a cast reference's type, and says what it makes of the value`, async ({
    playground: p,
    page,
  }) => {
    await page.setViewportSize(size);
    await p.gotoWith(CASTS);
    const pin = page.getByTestId("secret-cast-pin");
    await expect(pin).toBeVisible();
    await expect(pin).toHaveText("int");
    await expect(pin).toHaveAttribute("title", /^Read as int\(dlt\.secrets\["pin"\]\): a Python int/);
    await expect(page.getByTestId("secret-cast-page_size")).toHaveText("int");
    // A screen reader hears it with the field.
    await expect(p.secretInput("pin")).toHaveAccessibleDescription(/Read as int\(dlt\.secrets\["pin"\]\): a Python int/);
    // A plain reference has no type mark.
    await expect(page.getByTestId("secret-cast-api_key")).toHaveCount(0);
    // Where the panel is wide enough for the call, it is spelt with its cast.
    if (size.width >= 1920) await expect(p.secrets.getByText('int(dlt.secrets["pin"])', { exact: true })).toBeVisible();
  });
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
  { width: 800, height: 600 },
]) {
  test(`${size.width}×${size.height} (short): title bars are 28 px, a folded panel is its title bar`, async ({ playground: p, page }) => {
    await page.setViewportSize(size);
    await p.gotoWith(text("seed-004"));
    const heights = await headerHeights(page);
    expect(heights.length).toBeGreaterThan(0);
    expect(new Set(heights)).toEqual(new Set([28]));
    // Fold the results (medium) or the Trace (wide): the frame keeps its whole title bar and nothing else.
    const wide = (await p.layout()) === "wide";
    const frame = page.locator(`[data-dock-frame="${wide ? "trace" : "results"}"]`);
    await frame.getByTestId("frame-collapse").click();
    await expect(frame).toHaveAttribute("data-collapsed", "true");
    await expect.poll(async () => Math.round((await frame.boundingBox())!.height)).toBe(30);
    await expectLayoutSound(page, `folded at ${size.width}×${size.height}`);
  });
}

for (const size of [
  { width: 1024, height: 900 },
  { width: 1440, height: 900 },
]) {
  test(`${size.width}×${size.height} (tall): title bars stay 32 px`, async ({ playground: p, page }) => {
    await page.setViewportSize(size);
    await p.gotoWith(text("seed-004"));
    expect(new Set(await headerHeights(page))).toEqual(new Set([32]));
  });
}

test("1024×700 (medium, short): the Problems tab shows one line a problem, its quick fix beside it; focused, it reads whole", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await p.gotoWith(FOUR_ERRORS);
  expect(await p.layout()).toBe("medium");
  await p.viewTab("problems").click();
  const first = p.problems.getByTestId("problem").first();
  const message = first.locator("[data-problem-button]");
  const fix = first.getByRole("button", { name: "Quick fix: Rename to `location`" });
  const [row, button] = [(await message.boundingBox())!, (await fix.boundingBox())!];
  expect(row.height, "one line").toBeLessThan(30);
  expect(Math.abs(button.y + button.height / 2 - (row.y + row.height / 2)), "the fix beside its message").toBeLessThan(6);
  // All four problems in sight at once (the tall layout's rows showed two and a half).
  for (const problem of await p.problems.getByTestId("problem").all()) await expect(problem).toBeInViewport({ ratio: 1 });
  // Focused by the keyboard, the row is the tall layout's: the message whole, its fix under it.
  await message.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await expect(message).toBeFocused();
  await expect.poll(async () => (await fix.boundingBox())!.y, "the fix under its message").toBeGreaterThanOrEqual(row.y + row.height);
  expect(await seen(fix)).toBe("⚡ Rename to `location`");
});

test("1024×900 (medium, tall): a problem's quick fix under its message, with its whole title", async ({ playground: p, page }) => {
  await page.setViewportSize({ width: 1024, height: 900 });
  await p.gotoWith(FOUR_ERRORS);
  await p.viewTab("problems").click();
  const first = p.problems.getByTestId("problem").first();
  const message = (await first.locator("[data-problem-button]").boundingBox())!;
  const fix = first.getByRole("button", { name: "Quick fix: Rename to `location`" });
  expect(await seen(fix)).toBe("⚡ Rename to `location`");
  expect((await fix.boundingBox())!.y).toBeGreaterThanOrEqual(message.y + message.height);
});

test("1280×720: beside a quick fix (its verb, the whole title in its tooltip) the message gets most of the row", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await p.gotoWith(FOUR_ERRORS);
  const first = p.problems.getByTestId("problem").first();
  const fix = first.getByRole("button", { name: "Quick fix: Rename to `location`" });
  expect(await seen(fix)).toBe("⚡ Rename");
  await expect(fix).toHaveAttribute("title", "Rename to `location`");
  const [row, message, button] = [
    (await first.boundingBox())!,
    (await first.locator("[data-problem-button]").boundingBox())!,
    (await fix.boundingBox())!,
  ];
  expect(message.width, "the message's share of the row").toBeGreaterThan(row.width * 0.7);
  expect(button.width).toBeLessThan(100);
  // Clicked, it is the fix as before.
  await fix.click();
  await expect(p.problemsSummary).toContainText("3");
});

test("1600×1000: the problems' messages start in one column whatever their line numbers' widths", async ({ playground: p, page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await p.gotoWith(text("seed-004"));
  expect(await p.run()).toBe("done");
  const starts = await p.problems
    .locator("[data-problem-button] > span:last-child")
    .evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).map((e) => Math.round(e.getBoundingClientRect().x)));
  expect(starts.length).toBeGreaterThanOrEqual(3);
  expect(new Set(starts).size, `message starts: ${starts.join(", ")}`).toBe(1);
});

test("1366×768: a run waiting for its first response says so in the Trace, and the trace replaces it", async ({ playground: p, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await p.gotoWith(text("seed-004"));
  const release = await p.runHeld();
  await expect(p.trace.getByTestId("trace-waiting")).toBeVisible();
  await expect(p.trace.getByTestId("trace-empty")).toHaveCount(0);
  release();
  expect(await p.waitForRunEnd()).toBe("done");
  await expect(p.trace.getByTestId("trace-waiting")).toHaveCount(0);
  await expect(p.resourceTrace("contacts")).toBeVisible();
});

test("390×844: a tab strip wider than the phone fades out on the side where tabs are hidden", async ({ playground: p, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await p.gotoWith(text("seed-004"));
  const strip = page.locator('[data-dock-frame] [role="tablist"]').first();
  const fades = () =>
    strip.evaluate((el) => {
      const cs = getComputedStyle(el);
      return [cs.getPropertyValue("--tabs-fade-start").trim(), cs.getPropertyValue("--tabs-fade-end").trim()];
    });
  expect(await strip.evaluate((el) => el.scrollWidth > el.clientWidth), "the tabs overflow at 390 px").toBe(true);
  // At the start only the end fades (more tabs that way); at the end only the start.
  await expect.poll(fades).toEqual(["0px", "24px"]);
  await strip.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect.poll(fades).toEqual(["24px", "0px"]);
  // The last tab, chosen, is wholly in sight.
  const last = strip.getByRole("tab").last();
  await last.click();
  await expect(last).toBeInViewport({ ratio: 1 });
});

/**
 * What the twenty-eighth session's look at the playground fixed, as a user sees it (decision 0016, amended): the editor
 * is the largest region of a short medium window (20 lines or more at 1024 × 700) with Problems and a run's feedback
 * still in sight, a phone's header is two rows with every control reachable, and the Secrets panel marks a name read
 * both as it is and cast.
 */
import type { Locator, Page } from "@playwright/test";
import { expectLayoutSound, expectNoSeriousAxeViolations } from "./checks";
import { expect, test } from "./fixtures";
import { exampleText as text, FOUR_ERRORS } from "./texts";

/** Seed 002 reading `pin` cast in one place and as it is in another, and a cast config value. */
const BOTH_READS = text("seed-002")
  .replace('"limit": 100', '"limit": int(dlt.config["page_size"])')
  .replace(
    '"data_selector": "data",',
    '"data_selector": "data",\n                "params": {"pin": int(dlt.secrets["pin"]), "pin_text": dlt.secrets["pin"]},',
  );

/** How many of the editor's text lines are wholly in its sight. */
const editorLinesInSight = (page: Page) =>
  page
    .locator(".monaco-editor .monaco-scrollable-element")
    .first()
    .evaluate((el) => {
      const box = el.getBoundingClientRect();
      return [...el.querySelectorAll(".view-line")].filter((line) => {
        const r = line.getBoundingClientRect();
        return r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
      }).length;
    });

const rounded = async (el: Locator) => {
  const b = (await el.boundingBox())!;
  return { y: Math.round(b.y), height: Math.round(b.height) };
};

test("1024×700 (medium, short): the editor shows 20 lines or more, the largest region; Problems keeps four in sight", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await p.gotoWith(FOUR_ERRORS);
  expect(await p.layout()).toBe("medium");
  await expect(p.editorLines()).toContainText("import dlt");
  expect(await editorLinesInSight(page), "editor lines in sight").toBeGreaterThanOrEqual(20);
  const editor = (await page.locator('[data-dock-frame="editor"]').boundingBox())!;
  const results = (await page.locator('[data-dock-frame="results"]').boundingBox())!;
  expect(editor.height, "the editor is the largest region").toBeGreaterThan(results.height);
  // The status line (cursor, language, Tab's mode) sits in the editor's title row, beside its title.
  const status = page.getByTestId("editor-status");
  await expect(status).toHaveAttribute("data-place", "header");
  await expect(status).toContainText("Ln 1, Col 1");
  const title = (await page.locator('[data-dock-frame="editor"] > header').boundingBox())!;
  const line = (await status.boundingBox())!;
  expect(line.y).toBeGreaterThanOrEqual(title.y);
  expect(line.y + line.height).toBeLessThanOrEqual(title.y + title.height);
  // Run's reason stays in the header, the four problems in the Problems tab.
  await expect(page.getByTestId("run-blocked-reason")).toBeVisible();
  await p.viewTab("problems").click();
  for (const problem of await p.problems.getByTestId("problem").all()) await expect(problem).toBeInViewport({ ratio: 1 });
  await expectLayoutSound(page, "four errors at 1024×700");
});

test("1024×700: a run's status beside the tabs, three trace rows, the editor unmoved; a divider moved is remembered", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await p.gotoWith(text("seed-004"));
  const frame = page.locator('[data-dock-frame="editor"]');
  const before = await rounded(frame);
  const release = await p.runHeld();
  await expect(p.viewTab("trace")).toHaveAttribute("aria-selected", "true");
  await expect(p.trace.getByTestId("trace-waiting")).toBeInViewport();
  release();
  expect(await p.waitForRunEnd()).toBe("done");
  await expect(p.runStatus).toBeInViewport({ ratio: 1 });
  await expect(p.runStatus).toContainText("Done in");
  // Beside the tabs (the results' tab row), not a line of its own above the trace.
  const tab = (await p.viewTab("trace").boundingBox())!;
  const status = (await p.runStatus.boundingBox())!;
  expect(Math.abs(status.y + status.height / 2 - (tab.y + tab.height / 2)), "the run's status beside the Trace tab").toBeLessThan(4);
  const trace = page.locator('[data-testid="trace"] > .overflow-auto');
  const timeline = await trace.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return [...el.querySelectorAll("ol > li")].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.height > 0 && b.top >= box.top - 1 && b.bottom <= box.bottom + 1;
    }).length;
  });
  expect(timeline, "trace rows in sight").toBeGreaterThanOrEqual(3);
  await expect(p.trace.getByTestId("trace-resource").first().locator("ol > li").first()).toBeInViewport();
  expect(await rounded(frame), "the editor did not move").toEqual(before);
  // The user's own split survives a reload (the results given more room with the keyboard).
  const divider = page.getByRole("separator", { name: "Resize the editor and the results" });
  await divider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowUp");
  await expect.poll(async () => (await rounded(frame)).height).toBeLessThan(before.height - 20);
  const moved = await rounded(frame);
  await page.reload();
  await p.ready();
  await expect.poll(async () => (await rounded(frame)).height).toBe(moved.height);
});

test("1024×900 (medium, tall): the status line stays under the editor", async ({ playground: p, page }) => {
  await page.setViewportSize({ width: 1024, height: 900 });
  await p.gotoWith(text("seed-004"));
  await expect(page.getByTestId("editor-status")).toHaveAttribute("data-place", "under");
  expect(await editorLinesInSight(page)).toBeGreaterThanOrEqual(20);
});

test("390×844: the header is two rows; Import, Check, Share, the palette, shortcuts and theme are in its ⋯ menu", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await p.gotoWith(text("seed-002").replace('"limit"', '"limt"'));
  expect(await p.layout()).toBe("narrow");
  const header = page.locator("header").first();
  // Two rows of 32 px controls (not three or four): Examples, Run, the reason and ⋯; format, target and Download.
  expect((await header.boundingBox())!.height).toBeLessThan(90);
  const rowOf = async (el: Locator) => Math.round((await el.boundingBox())!.y);
  const first = await rowOf(page.getByTestId("examples-menu"));
  expect(await rowOf(p.runButton)).toBe(first);
  expect(await rowOf(page.getByTestId("header-more"))).toBe(first);
  const reason = page.getByTestId("run-blocked-reason");
  await expect(reason).toBeVisible();
  await expect(reason).toContainText("2 errors");
  const second = await rowOf(page.getByTestId("download-menu"));
  expect(second).toBeGreaterThan(first);
  expect(second - first).toBeLessThan(45);
  await expectLayoutSound(page, "phone header");
  await expectNoSeriousAxeViolations(page, "phone header");

  const more = page.getByTestId("header-more");
  await expect(more).toHaveAccessibleName(/^More: import, check, share, command palette/);
  await more.click();
  for (const name of [/^Import/, /^Check/, /^Share/, /^Command palette/, /^Keyboard shortcuts/, /^Switch to the dark theme/])
    await expect(page.getByRole("menuitem", { name })).toBeVisible();
  // Check is blocked by the errors, as its button is in wider windows: it says why.
  await expect(page.getByRole("menuitem", { name: /^Check/ })).toContainText("Fix 2 errors");
  await page.getByRole("menuitem", { name: /^Share/ }).click();
  await expect(page.getByTestId("share-dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await more.click();
  await page.getByRole("menuitem", { name: /^Switch to the dark theme/ }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
});

for (const size of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`${size.width}×${size.height}: a secret read both as it is and cast shows both marks, and says both`, async ({
    playground: p,
    page,
  }) => {
    await page.setViewportSize(size);
    await p.gotoWith(BOTH_READS);
    const cast = page.getByTestId("secret-cast-pin");
    const plain = page.getByTestId("secret-plain-pin");
    await expect(cast).toHaveText("int");
    await expect(plain).toHaveText("as is");
    for (const mark of [cast, plain]) await expect(mark).toBeInViewport({ ratio: 1 });
    await expect(plain).toHaveAttribute("title", /^Also read as dlt\.secrets\["pin"\]: as dlt hands it over/);
    await expect(p.secretInput("pin")).toHaveAccessibleDescription(
      /Read as int\(dlt\.secrets\["pin"\]\).*Also read as dlt\.secrets\["pin"\]/,
    );
    // A name only cast has the one mark.
    await expect(page.getByTestId("secret-cast-page_size")).toHaveText("int");
    await expect(page.getByTestId("secret-plain-page_size")).toHaveCount(0);
    await expectLayoutSound(page, `both reads at ${size.width}×${size.height}`);
    // The marks' contrast in both themes.
    await expectNoSeriousAxeViolations(page, `both reads at ${size.width}×${size.height}, light`);
    await p.gotoWith(BOTH_READS, "dark");
    await expect(plain).toBeVisible();
    await expectNoSeriousAxeViolations(page, `both reads at ${size.width}×${size.height}, dark`);
  });
}

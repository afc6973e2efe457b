/** The workbench: panels that give room, problems in a useful order, honest state, downloads, shortcuts. */
import { EXAMPLES } from "../lib/examples";
import { expectLayoutSound, expectNoSeriousAxeViolations } from "./checks";
import { expect, test } from "./fixtures";
import { exampleText as text } from "./texts";

const frame = (page: import("@playwright/test").Page, id: string) => page.locator(`[data-dock-frame="${id}"]`);

test("panels collapse to their header, maximise (button, double-click, shortcut), restore, and the layout survives a reload", async ({
  playground: p,
  page,
}) => {
  await p.gotoWith(text("seed-004"));
  expect(await p.layout()).toBe("wide");

  await frame(page, "trace").getByTestId("frame-collapse").click();
  await expect(frame(page, "trace")).toHaveAttribute("data-collapsed", "true");
  await expect(p.runStatus).toBeHidden();
  expect((await frame(page, "trace").boundingBox())?.height).toBeLessThan(40);

  await frame(page, "tables").getByTestId("frame-header").dblclick();
  await expect(frame(page, "tables")).toHaveAttribute("data-maximised", "true");
  const main = (await page.locator("main").boundingBox())!;
  await expect.poll(async () => (await frame(page, "tables").boundingBox())?.width ?? 0).toBeGreaterThan(main.width * 0.9);
  await expect.poll(async () => (await frame(page, "tables").boundingBox())?.height ?? 0).toBeGreaterThan(main.height * 0.7);
  await expect(p.editorContainer).toBeHidden();
  await frame(page, "tables").getByTestId("frame-maximise").click();
  await expect(frame(page, "tables")).not.toHaveAttribute("data-maximised", "true");
  await expect(p.editorContainer).toBeVisible();
  // Restoring brings back the layout as it was, the collapsed trace included.
  await expect(frame(page, "trace")).toHaveAttribute("data-collapsed", "true");

  // The shortcut maximises the panel that has focus.
  await page.getByTestId("problems-filter").focus();
  await page.keyboard.press("Control+Shift+Enter");
  await expect(frame(page, "problems")).toHaveAttribute("data-maximised", "true");
  await page.keyboard.press("Control+Shift+Enter");
  await expect(frame(page, "problems")).not.toHaveAttribute("data-maximised", "true");

  // The divider moves with the keyboard, and the layout is remembered.
  const divider = page.getByRole("separator", { name: "Resize the editor and the results" });
  const before = (await frame(page, "editor").boundingBox())!.width;
  await divider.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
  await expect.poll(async () => (await frame(page, "editor").boundingBox())!.width).toBeLessThan(before - 100);
  const narrowed = (await frame(page, "editor").boundingBox())!.width;
  await page.reload();
  await p.ready();
  await expect.poll(async () => Math.abs((await frame(page, "editor").boundingBox())!.width - narrowed)).toBeLessThan(3);
  await expect(frame(page, "trace")).toHaveAttribute("data-collapsed", "true");

  // Reset the layout from the palette.
  await page.keyboard.press("Control+k");
  await page.getByTestId("palette-input").fill("reset layout");
  await page.keyboard.press("Enter");
  await expect(frame(page, "trace")).not.toHaveAttribute("data-collapsed", "true");
});

test("problems: errors first, a syntax slip's root cause first with its consequences folded, a filter, Enter jumps", async ({
  playground: p,
  page,
}) => {
  // seed-004 has warnings early in the file; an unknown key late in it is the one error.
  await p.gotoWith(text("seed-004").replace('"max_retries"', '"max_retrys"'));
  const first = p.problems.getByTestId("problem").first();
  await expect(first).toHaveAttribute("data-severity", "error");
  await expect(first).toHaveAttribute("data-code", "unknown_key");
  await expect(p.problemsSummary).toContainText("1 error");

  // The filter and the severity toggles.
  await page.getByTestId("problems-filter").fill("oauth2");
  await expect(p.problems.locator('[data-testid="problem-group"]')).toHaveCount(1);
  await expect(p.problem("dialect_oauth2")).toBeVisible();
  await page.getByTestId("problems-filter").fill("");
  await page.getByTestId("problems-show-warning").click();
  await expect(p.problems.locator('[data-testid="problem"][data-severity="warning"]')).toHaveCount(0);
  await page.getByTestId("problems-show-warning").click();

  // Enter on a problem puts the editor's cursor on it.
  await first.locator("[data-problem-button]").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("editor-status")).toContainText("Ln 32,");

  // One YAML indentation slip: one root, two consequences folded under it.
  await p.gotoWith(text("lab-cursor").replace("      data_selector", "     data_selector"));
  const groups = p.problems.getByTestId("problem-group");
  await expect(groups).toHaveCount(1);
  await expect(groups.first().getByTestId("problem").first()).toHaveAttribute("data-code", "syntax_error");
  await expect(groups.first().getByTestId("problem").nth(1)).toBeHidden();
  await groups.first().getByTestId("problem-consequences-toggle").click();
  await expect(groups.first().getByTestId("problem").nth(1)).toBeVisible();
  await expect(groups.first().getByTestId("problem").nth(2)).toBeVisible();
});

test("results from an older config say so: which resource changed, which was renamed, until the next run", async ({
  playground: p,
  page,
}) => {
  await p.goto();
  // Run at once after choosing the example: the run uses the new text even before its validation settles.
  await p.chooseExample(EXAMPLES.find((e) => e.id === "seed-004")?.title ?? "");
  await p.runButton.click();
  expect(await p.waitForRunEnd()).toBe("done");
  await expect(p.resourceTrace("bank_transactions")).toBeVisible();
  await expect(page.getByTestId("stale-notice")).toHaveCount(0);

  await p.replaceWordInEditor('"bank_transactions"', "transactions");
  const notice = page.getByTestId("stale-notice");
  await expect(notice).toContainText("bank_transactions was renamed to transactions");
  await expect(notice).not.toContainText("client");
  await expect(p.resourceTrace("bank_transactions").getByTestId("resource-stale")).toContainText("renamed to transactions since the run");
  await expect(p.resourceTrace("contacts")).not.toHaveAttribute("data-stale", "true");
  // The data slot's views built from the run (Tables, Schema) each say so on their tab.
  await expect(frame(page, "tables").getByTestId("tab-tables").getByTestId("stale-badge")).toBeVisible();
  await expect(frame(page, "tables").getByTestId("tab-schema").getByTestId("stale-badge")).toBeVisible();
  await expect(p.tableTab("bank_transactions")).toContainText("(stale)");

  await p.secretInput("client_id").fill("another-id");
  await expect(notice).toContainText("secret values changed");
  await p.secretInput("client_id").fill("");

  await notice.getByRole("button", { name: "Run again" }).click();
  expect(await p.waitForRunEnd()).toBe("done");
  await expect(notice).toHaveCount(0);
  await expect(frame(page, "tables").getByTestId("stale-badge")).toHaveCount(0);
});

test("Downloads has JSON, YAML, Python and secrets.toml; Ctrl+S saves the editor's own text in its own format", async ({
  playground: p,
  page,
}) => {
  await p.gotoWith(text("lab-cursor"));
  await page.getByTestId("download-menu").click();
  await expectNoSeriousAxeViolations(page, "download menu");
  await page.keyboard.press("Escape");
  const yaml = await p.download("yaml");
  expect(yaml.filename).toBe("rest_api_config.yaml");
  expect(yaml.text).toContain("cursor_path: cursors.next");
  await expect(page.getByTestId("download-menu")).toBeFocused();

  // In Python, Ctrl+S is the user's text, not the generated pipeline.
  const seed = text("seed-002");
  await p.gotoWith(seed);
  await p.editor.click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Control+s")]);
  const saved = await p.readDownload(download);
  expect(saved.filename).toBe("rest_api_config.py");
  expect(saved.text).toBe(seed);

  // With errors the exports say why they are unavailable; the editor's text can still be saved.
  await p.gotoWith(text("lab-cursor").replace("cursor_param", "cursor_parm"));
  await page.getByTestId("download-menu").click();
  await expect(page.getByTestId("menu-item-yaml")).toHaveAttribute("aria-disabled", "true");
  await expect(page.getByTestId("menu-item-yaml")).toContainText("Unavailable while the config has errors");
  const [own] = await Promise.all([page.waitForEvent("download"), page.getByTestId("menu-item-source").click()]);
  expect((await p.readDownload(own)).filename).toBe("rest_api_config.yaml");
});

test("? lists the shortcuts; the palette lists every action with its shortcut and runs it", async ({ playground: p, page }) => {
  await p.gotoWith(text("seed-002"));
  await page.getByTestId("run-button").focus();
  await page.keyboard.press("?");
  const shortcuts = page.getByTestId("shortcuts-dialog");
  await expect(shortcuts).toBeVisible();
  await expect(shortcuts).toContainText("Ctrl+Enter");
  await expect(shortcuts).toContainText("Ctrl+M");
  await expectNoSeriousAxeViolations(page, "shortcuts dialog");
  await page.keyboard.press("Escape");
  await expect(shortcuts).toBeHidden();
  await expect(page.getByTestId("run-button")).toBeFocused();
  // On a radio button (the target switch) `?` is not typed text either.
  await page.getByRole("radio").first().focus();
  await page.keyboard.press("?");
  await expect(shortcuts).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("radio").first()).toBeFocused();

  await page.keyboard.press("Control+k");
  const palette = page.getByTestId("command-palette");
  await expect(palette).toBeVisible();
  for (const title of ["Run the selected resources", "Download", "Maximise or restore Tables", "Go to Problems", "Keyboard shortcuts"])
    await expect(palette).toContainText(title);
  await expect(palette.locator('[data-command="run"] kbd')).toHaveText("Ctrl+Enter");
  await expectNoSeriousAxeViolations(page, "command palette");
  await page.getByTestId("palette-input").fill("run selected");
  await page.keyboard.press("Enter");
  await expect(palette).toBeHidden();
  expect(await p.waitForRunEnd()).toBe("done");

  await page.keyboard.press("Control+k");
  await page.getByTestId("palette-input").fill("page limit");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("max-pages")).toBeFocused();

  // From inside the editor Ctrl+K stays Monaco's chord; Ctrl+Shift+P opens the palette.
  await p.editor.click();
  await page.keyboard.press("Control+Shift+P");
  await expect(palette).toBeVisible();
  await page.keyboard.press("Escape");
});

test("JSON: each problem is marked once (Monaco's own JSON validation is off, its completion still works)", async ({
  playground: p,
  page,
}) => {
  await p.gotoWith(text("lab-json-link"));
  await expect(p.editorContainer).toHaveAttribute("data-model-language", "json");
  await page
    .locator(".monaco-editor .view-line span span")
    .filter({ hasText: /^"base_url"$/ })
    .first()
    .click();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.keyboard.press("Backspace"); // the comma after the client object: `}` then `"resources"`
  await expect(p.problemsSummary).toContainText("1 error");
  await expect(page.locator(".monaco-editor .squiggly-error")).toHaveCount(1);
  await page.keyboard.press("Control+z");
  await expect(p.problemsSummary).toContainText("0 errors");
});

test("Tab in the editor: what it does is said in the label and the status line; Ctrl+M switches it", async ({ playground: p, page }) => {
  await p.gotoWith(text("seed-002"));
  const status = page.getByTestId("tab-focus-mode");
  await expect(status).toHaveText(/^Tab indents \(Ctrl\+M: Tab moves focus\)/);
  const input = page.locator('.monaco-editor [aria-label^="Config editor"]');
  await expect(input).toHaveAttribute("aria-label", /Tab inserts indentation; press Ctrl\+M/);
  await p.editor.click();
  await page.keyboard.press("Control+m");
  await expect(status).toHaveAttribute("data-mode", "focus");
  await expect(input).toHaveAttribute("aria-label", /Tab moves focus out of the editor/);
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.closest(".monaco-editor") === null)).toBe(true);
  await status.click();
  await expect(status).toHaveAttribute("data-mode", "indent");
});

test("a phone-sized window: one column of tabs; a problem opens the editor at its place; the run shows the trace", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await p.gotoWith(text("seed-000").replace('"limit"', '"limt"'));
  expect(await p.layout()).toBe("narrow");
  await p.viewTab("problems").click();
  await p.problem("unknown_key").locator("[data-problem-button]").click();
  await expect(p.viewTab("editor")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("editor-status")).toContainText("Ln 26,");
  await p.viewTab("problems").click();
  await p
    .problem("unknown_key")
    .getByRole("button", { name: /Quick fix/ })
    .first()
    .click();
  await expect(p.runButton).toBeEnabled();
  // With nothing blocking Run, the header has three rows (actions; Check, Share and the tools; format, target and Download).
  expect((await page.locator("header").first().boundingBox())?.height).toBeLessThan(125);
  await p.runButton.click();
  await expect(p.viewTab("trace")).toHaveAttribute("aria-selected", "true");
  expect(await p.waitForRunEnd()).toBe("done");
  // Every request row, a retry's wider "try 2" row included, shows its record count whole (it was cut at the edge).
  const rows = p.trace.getByTestId("trace-request");
  await expect(rows.filter({ hasText: "try 2" }).first()).toBeVisible();
  const cut = await rows.evaluateAll((items) =>
    items.flatMap((li) => {
      const button = li.querySelector("button");
      const last = button?.lastElementChild;
      if (!button || !last) return [`${li.textContent}: no row`];
      const over = last.getBoundingClientRect().right - button.getBoundingClientRect().right;
      return over > 0.5 ? [`${li.textContent}: ${Math.round(over)} px past the row`] : [];
    }),
  );
  expect(cut).toEqual([]);
});

test("five resources: the chips wrap beside or above the page limit, never under it, at any width", async ({ playground: p, page }) => {
  const names = [
    "bank_transactions_history",
    "contacts_with_addresses",
    "invoices_and_credit_notes",
    "payments_received",
    "journal_entries_2024",
  ];
  const doc = `client:\n  base_url: https://lab.example.com\nresources:\n${names.map((n) => `  - name: ${n}\n    endpoint:\n      path: /offset/items\n      data_selector: data\n`).join("")}`;
  for (const [width, height] of [
    [1600, 900],
    [1280, 800],
    [800, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await p.gotoWith(doc);
    if ((await p.layout()) !== "wide") await p.viewTab("trace").click();
    const limit = (await page.getByTestId("max-pages").boundingBox())!;
    for (const name of names) {
      const chip = page.getByTestId("resource-chips").locator("label").filter({ hasText: name });
      await chip.scrollIntoViewIfNeeded();
      const box = (await chip.boundingBox())!;
      const overlaps =
        box.x < limit.x + limit.width && limit.x < box.x + box.width && box.y < limit.y + limit.height && limit.y < box.y + box.height;
      expect(overlaps, `${name} at ${width} px`).toBe(false);
      expect(box.width, `${name} at ${width} px`).toBeGreaterThan(100);
    }
  }
  await expectLayoutSound(page, "five resources, 390 px");
});

test("nothing jumps: the header stays put while the format is detected and a run starts and ends, the page selector while pages come, and nothing moves up or down", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  // A busy machine's pace (a full e2e run on two cores): React then paints the stream's events in more frames, so a part
  // that comes with a later event than its neighbours shows as a jump. So the page selector came with the first page, under a
  // token request's rows drawn before it, and pushed them down 38 px (seen once in a full run, never alone at full speed).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  // Every layout shift from the first paint on: where the moved element sits (header, page selector or elsewhere) and how it moved.
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: { where: string; what: string; dx: number; dy: number }[] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      type Source = { node?: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly };
      for (const e of list.getEntries() as unknown as { sources?: Source[] }[])
        for (const s of e.sources ?? []) {
          const [a, b] = [s.previousRect, s.currentRect];
          const [dx, dy] = [Math.round(b.x - a.x), Math.round(b.y - a.y)];
          // A move under a pixel (a font's weight settling) is not a jump.
          if (dx === 0 && dy === 0) continue;
          const el = s.node instanceof Element ? s.node : (s.node?.parentElement ?? null);
          const where = el?.closest("header:not([data-dock-frame] header)")
            ? "header"
            : el?.closest('[data-testid="page-selector"]')
              ? "page selector"
              : "elsewhere";
          w.__shifts.push({ where, what: (el?.textContent ?? "").slice(0, 40), dx, dy });
        }
    }).observe({ type: "layout-shift", buffered: true });
  });
  await p.goto();
  expect(await p.run()).toBe("done");
  await expect(page.getByTestId("page-selector").first()).toBeVisible();
  const shifts = await page.evaluate(
    () => (window as unknown as { __shifts: { where: string; what: string; dx: number; dy: number }[] }).__shifts,
  );
  const all = shifts.map((s) => `${s.where}: ${s.what} (${s.dx}, ${s.dy})`).join("\n");
  expect(
    shifts.filter((s) => s.where !== "elsewhere"),
    all,
  ).toEqual([]);
  // The first table count does not push the Schema and SQL tabs (its place is kept while there is none).
  expect(
    shifts.filter((s) => /^(Schema|SQL)/i.test(s.what.trim())),
    all,
  ).toEqual([]);
  // Counts that grow may push what follows them on their line; nothing is pushed up or down.
  expect(
    shifts.filter((s) => s.dy !== 0),
    all,
  ).toEqual([]);
});

test("a laptop screen (1280×720): after a run the table shows several rows without moving a divider", async ({ playground: p, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await p.goto();
  expect(await p.layout()).toBe("wide");
  expect(await p.run()).toBe("done");
  const grid = p.tables.getByTestId("data-table");
  const box = (await grid.boundingBox())!;
  // The fourth data row (the header is row 1) lies wholly inside the grid's visible box.
  const fourth = (await grid.locator('[role="row"][aria-rowindex="5"]').boundingBox())!;
  expect(fourth.y + fourth.height).toBeLessThanOrEqual(box.y + box.height);
  await expectLayoutSound(page, "1280×720 after a run");
});

test("a failed run: its trace keeps the page inside the window, its tables say dlt loads none of it", async ({ playground: p, page }) => {
  // Screen-reader labels in the trace once sat outside their scroll box: the page grew 500 px and scrollIntoView shifted the app up.
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await p.gotoWith(text("lab-faults"), "dark");
    expect(await p.run()).toBe("failed");
    await expectLayoutSound(page, `a failed run, ${size.width}×${size.height}`);
    if ((await p.layout()) !== "wide") await p.viewTab("tables").click();
    await expect(page.getByTestId("run-not-loaded")).toContainText("dlt loads nothing from this run: it did not finish");
  }
});

/** Start from the API (issue #11): import a spec and run it offline, paste curl and run, check, share a link. */
import { decompressFromEncodedURIComponent } from "lz-string";
import { EXAMPLES } from "../lib/examples";
import { expectNoSeriousAxeViolations, layoutOverflow } from "./checks";
import { expect, test } from "./fixtures";
import { BOOKSHOP, ImportDialog } from "./pages/ImportDialog";
import { PlaygroundPage } from "./pages/PlaygroundPage";

test("import a spec, tick two endpoints, run on the mock of the spec, see rows; Check passes", async ({ playground: p, page }) => {
  await p.goto();
  const d = new ImportDialog(page);
  await d.open();
  await d.read(BOOKSHOP);
  // Nothing ticked is where the review starts, not a mistake: guidance, neither red nor marked ✖.
  await expect(d.status).toHaveText("Tick the endpoints to import as resources.");
  await expect(d.status).toHaveAttribute("data-tone", "neutral");
  await d.tick("GET /books");
  await d.tick("GET /authors/{author_id}/books");
  await d.endpoint("GET /books").getByText("Guesses and their evidence").click();
  await expect(d.endpoint("GET /books")).toContainText("query parameters `offset` and `limit`; the item count at `total`");
  await expect(d.status).toHaveText(/Valid: 3 resources/);
  await expectNoSeriousAxeViolations(page, "import dialog, review");
  await page.screenshot({ path: "test-results/screenshots/import-review-light.png" });
  await d.insert("json");

  await expect(page.getByTestId("spec-mock-chip")).toContainText("Bookshop API");
  // The chip keeps the header on one row (its title shows from 1536 px, in its tooltip always).
  const top = async (id: string) => (await page.getByTestId(id).boundingBox())?.y ?? -100;
  expect(Math.abs((await top("theme-toggle")) - (await top("run-button")))).toBeLessThan(4);
  await expect(p.formatIndicator).toContainText("JSON");
  expect(await p.run()).toBe("done");
  await expect(p.tableTab("books")).toBeVisible();
  await expect(p.tables).toContainText("45");
  await p.tableTab("author_books").click();
  await expect(p.tables).toContainText("135");

  await page.getByTestId("check-button").click();
  const check = page.getByTestId("check-dialog");
  await expect(check.getByTestId("check-summary")).toHaveText("3 passed, 0 failed.");
  await expect(check.locator('[data-testid="check-row"][data-resource="books"]')).toContainText("first page: 20 records");
  await expectNoSeriousAxeViolations(page, "check dialog");
  await page.keyboard.press("Escape");
  await expect(check).toBeHidden();
});

test("with an imported spec's mock chip the header keeps one row from 768 px, and the chip's ✕ stops the mock", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 768, height: 700 });
  await p.goto();
  const chip = await new ImportDialog(page).insertBookshopBooks();
  for (const width of [768, 800, 900, 1024, 1280, 1536]) {
    await page.setViewportSize({ width, height: 700 });
    // One row of 32 px controls and its padding; nothing overflows the window.
    await expect.poll(async () => (await page.locator("header").first().boundingBox())?.height, `header at ${width} px`).toBeLessThan(56);
    const box = (await chip.boundingBox())!;
    expect(box.x + box.width, `chip at ${width} px`).toBeLessThanOrEqual(width);
    expect(await layoutOverflow(page), `overflow at ${width} px`).toEqual([]);
  }
  await chip.getByRole("button", { name: "Stop mocking Bookshop API" }).click();
  await expect(chip).toHaveCount(0);
});

test("Check: a failing resource's row says what to do and opens the rest of its reason (the response's excerpt)", async ({
  playground: p,
  page,
}) => {
  await p.gotoWith(JSON.stringify({ client: { base_url: "https://lab.example.com" }, resources: ["no_such_items"] }, null, 2));
  await page.getByTestId("check-button").click();
  const row = page.locator('[data-testid="check-row"][data-resource="no_such_items"]');
  await expect(row).toHaveAttribute("data-status", "fail");
  await expect(row).toContainText("http_error: 404");
  // What to do about it, as the trace says it under the same error.
  await expect(row.getByTestId("check-advice")).toHaveText("What to do: Check base_url and the endpoint path.");
  const details = row.getByTestId("check-details");
  await expect(details.locator("pre")).toBeHidden();
  await details.locator("summary").click();
  await expect(details.locator("pre")).toContainText("Response:");
  await expectNoSeriousAxeViolations(page, "check dialog with details");
});

test("Check: a failure without a response excerpt still says what to do; a passing row says nothing of it", async ({
  playground: p,
  page,
}) => {
  const lab = EXAMPLES.find((e) => e.id === "lab-faults");
  if (!lab) throw new Error("lab-faults missing");
  await p.gotoWith(lab.text);
  await page.getByTestId("check-button").click();
  const failed = page.locator('[data-testid="check-row"][data-resource="malformed_json"]');
  await expect(failed).toHaveAttribute("data-status", "fail");
  await expect(failed.getByTestId("check-advice")).toContainText("What to do: The endpoint did not answer with JSON");
  const passed = page.locator('[data-testid="check-row"][data-resource="repeating_cursor"]');
  await expect(passed).toHaveAttribute("data-status", "pass");
  await expect(passed.getByTestId("check-advice")).toHaveCount(0);
});

test("paste a curl command and run it; the token never reaches the editor", async ({ playground: p, page }) => {
  await p.goto();
  await page.keyboard.press("Control+k");
  await page.getByTestId("palette-input").fill("import from");
  await page.keyboard.press("Enter");
  const d = new ImportDialog(page);
  await expect(d.dialog).toBeVisible();
  await d.read(
    "curl 'https://lab.example.com/page-number/items?page=1' \\\n  -H 'Accept: application/json' -H 'Authorization: Bearer sk_live_do_not_copy'",
  );
  await d.insert("yaml");
  await expect(p.editorLines()).toContainText("lab.example.com");
  await expect(p.editorLines()).not.toContainText("sk_live_do_not_copy");
  await expect(p.secrets).toContainText("token");
  expect(await p.run()).toBe("done");
  await expect(p.tableTab("items")).toBeVisible();
  await expect(p.tables).toContainText("45");
});

test("a share link holds no secret value, and opens the same config in a fresh browser", async ({ playground: p, page, browser }) => {
  const planted = "hunter2-planted-value";
  const config = `{\n  "client": {"base_url": "https://lab.example.com", "headers": {"X-Team": {"$secret": "team"}}, "auth": {"type": "bearer", "token": "${planted}"}},\n  "resources": [{"name": "items", "endpoint": {"path": "bearer/items", "params": {"api_key": "${planted}-q"}}}]\n}\n`;
  await p.gotoWith(config, "dark");
  await p.secretInput("team").fill("typed-into-the-secrets-panel");
  await page.getByTestId("share-button").click();
  const link = await page.getByTestId("share-link").inputValue();
  await expect(page.getByTestId("share-note")).toContainText("2 literal secrets were replaced");
  await expectNoSeriousAxeViolations(page, "share dialog, dark");
  await page.screenshot({ path: "test-results/screenshots/share-dark.png" });
  const payload = decompressFromEncodedURIComponent(link.slice(link.indexOf("#share=") + 7));
  expect(payload).not.toContain(planted);
  expect(payload).not.toContain("typed-into-the-secrets-panel");
  const shared = (JSON.parse(payload) as { text: string }).text;

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  const q = new PlaygroundPage(other);
  await q.ready();
  await expect.poll(() => other.evaluate(() => window.localStorage.getItem("restplay:document"))).toBe(shared);
  await expect(q.formatIndicator).toContainText("JSON");
  expect(new URL(other.url()).hash).toBe("");
  await fresh.close();
});

test("Share says when a text with a syntax error could not be fully checked, and replaces its credential-named literals", async ({
  playground: p,
  page,
}) => {
  const slip =
    "client:\n  base_url: https://lab.example.com\n  auth:\n    type: bearer\n     token: folded-into-type\nresources: [items]\n";
  await p.gotoWith(slip, "light");
  await page.getByTestId("share-button").click();
  await expect(page.getByTestId("share-unchecked")).toContainText("may have missed a literal secret");
  // The slip's literal is replaced all the same, by its name.
  await expect(page.getByTestId("share-note")).toContainText("1 literal secret was replaced by dlt.secrets references (line 5: token)");
  const link = await page.getByTestId("share-link").inputValue();
  expect(decompressFromEncodedURIComponent(link.slice(link.indexOf("#share=") + 7))).not.toContain("folded-into-type");
});

test("the Import dialog fits a phone, works from the keyboard, and keeps its size while guesses change", async ({
  playground: p,
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await p.gotoWith("{}", "dark");
  const d = new ImportDialog(page);
  await d.open();
  await expect(d.dialog.getByTestId("import-text")).toBeFocused();
  await page.keyboard.insertText(BOOKSHOP);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(d.dialog.getByTestId("import-analyse")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(d.endpoint("GET /books").locator('input[type="checkbox"]')).toBeFocused();
  const before = await d.dialog.boundingBox();
  await page.keyboard.press("Space");
  await expect(d.status).toHaveText(/Valid: 1 resource/);
  expect(await d.dialog.boundingBox()).toEqual(before);
  // The page behind a modal is covered by design: only overflow is checked here.
  expect(await layoutOverflow(page), "elements outside the window (import dialog, 390 px)").toEqual([]);
  await expectNoSeriousAxeViolations(page, "import dialog, 390 px, dark");
  await page.screenshot({ path: "test-results/screenshots/import-narrow-dark.png" });
});

test("Check blocked by errors stays reachable and says why, as Run does", async ({ playground: p, page }) => {
  await p.gotoWith(
    '{\n  "client": {"base_url": "https://lab.example.com"},\n' +
      '  "resources": [{"name": "items", "endpoint": {"path": "offset/items", "limt": 5}}]\n}\n',
  );
  await expect(p.problemsSummary).toContainText("1 error");
  const check = page.getByTestId("check-button");
  await expect(check).toBeDisabled();
  await expect(check).toHaveAttribute("title", /— Fix 1 error to run \(see Problems\)$/);
  await expect(check).toHaveAccessibleDescription(/Fix 1 error to run/);
  await check.focus();
  await expect(check).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("announcer")).toHaveText("Cannot check: Fix 1 error to run (see Problems).");
  await expect(page.getByTestId("check-dialog")).toBeHidden();
});

test("a damaged share link, and a conversion the palette cannot make, say so on screen too", async ({ playground: p, page }) => {
  await page.goto("/#share=not-a-compressed-config");
  await p.ready();
  const notice = page.getByTestId("notice");
  await expect(notice).toContainText("This share link is damaged");
  await expect(page.getByTestId("announcer")).toContainText("This share link is damaged");
  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(notice).toBeHidden();

  await p.gotoWith(
    "client:\n  base_url: https://lab.example.com  # the lab\nresources:\n  - name: items\n    endpoint: {path: offset/items}\n",
  );
  await p.runButton.focus();
  await page.keyboard.press("Control+k");
  await page.getByTestId("palette-input").fill("convert the config to json");
  await page.keyboard.press("Enter");
  await expect(notice).toContainText("JSON has no place for 1 comment");
  await expect(p.formatIndicator).toContainText("YAML");
});

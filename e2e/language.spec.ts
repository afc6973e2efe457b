/** Format switching, YAML completion, placeholder completion and the trace's page inspector. */
import { EXAMPLES } from "../lib/examples";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const example = (id: string) => {
  const ex = EXAMPLES.find((e) => e.id === id);
  if (!ex) throw new Error(`no example ${id}`);
  return ex;
};

/** Puts the editor's caret `left` characters before the end of line `line` (1-based), from the keyboard. */
async function caretBeforeLineEnd(page: Page, line: number, left: number): Promise<void> {
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+Home");
  for (let i = 1; i < line; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  for (let i = 0; i < left; i++) await page.keyboard.press("ArrowLeft");
}

test("switching format converts the document, keeps it valid, and one undo brings the original back", async ({ playground: p, page }) => {
  await p.goto();
  await p.chooseExample(example("seed-000").title);
  await expect(p.formatIndicator).toHaveAttribute("data-format", "python");
  await expect(page.getByTestId("format-python")).toHaveAttribute("aria-pressed", "true");

  await page.getByTestId("format-yaml").click();
  await expect(p.formatIndicator).toHaveAttribute("data-format", "yaml");
  await expect(p.editorContainer).toHaveAttribute("data-model-language", "yaml");
  await expect(p.editorLines()).toContainText("base_url: https://api.example.com");
  await expect(p.editorLines()).toContainText("client_id: { $secret: client_id }");
  await expect(page.getByTestId("format-notice")).toContainText("Converted to YAML");
  await expect(p.problemsSummary).toContainText("0 errors");
  await expect(p.secrets).toContainText("client_id");

  await page.getByTestId("format-json").click();
  await expect(p.editorContainer).toHaveAttribute("data-model-language", "json");
  await expect(p.editorLines()).toContainText('"base_url": "https://api.example.com"');
  await expect(p.problemsSummary).toContainText("0 errors");

  await p.editor.click();
  await page.keyboard.press("Control+z");
  await expect(p.formatIndicator).toHaveAttribute("data-format", "yaml");
  await page.keyboard.press("Control+z");
  await expect(p.formatIndicator).toHaveAttribute("data-format", "python");
  await expect(p.editorLines()).toContainText("rest_api_source({");
});

test("a conversion that would drop a comment asks first", async ({ playground: p, page }) => {
  await p.goto();
  await p.chooseExample(example("seed-004").title);
  await page.getByTestId("format-json").click();
  const confirm = page.getByTestId("format-confirm");
  await expect(confirm).toContainText("JSON has no place for 1 comment");
  await page.keyboard.press("Escape");
  await expect(confirm).toHaveCount(0);
  await expect(p.formatIndicator).toHaveAttribute("data-format", "python");
  // The focus is back on the button that asked, not lost to the page.
  await expect(page.getByTestId("format-json")).toBeFocused();

  await page.getByTestId("format-json").click();
  await page.getByTestId("format-confirm-convert").click();
  await expect(p.formatIndicator).toHaveAttribute("data-format", "json");
  await expect(p.editorLines()).not.toContainText("Additional resources");
  await page.screenshot({ path: "test-results/screenshots/format-converted.png" });
});

test("YAML completes config keys from the schema", async ({ playground: p, page }) => {
  await p.goto();
  await p.chooseExample(example("lab-cursor").title);
  await expect(p.editorContainer).toHaveAttribute("data-model-language", "yaml");
  await page.locator(".monaco-editor .view-line span span").filter({ hasText: /^id$/ }).first().click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("write_d");
  await page.keyboard.press("Control+Space");
  const suggest = page.locator(".monaco-editor .suggest-widget");
  await expect(suggest).toContainText("write_disposition");
  await page.keyboard.press("Escape");
});

test("JSON completes every paginator type, those with a required key too", async ({ playground: p, page }) => {
  await p.gotoWith(
    [
      "{",
      '  "client": {"base_url": "https://lab.example.com", "paginator": {"type": "json_link"}},',
      '  "resources": ["items"]',
      "}",
      "",
    ].join("\n"),
  );
  // Into the string after `json_link` (line 2 ends `"json_link"}},`), which becomes `off`.
  await caretBeforeLineEnd(page, 2, 4);
  for (let i = 0; i < "json_link".length; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("off");
  await page.keyboard.press("Control+Space");
  const suggest = page.locator(".monaco-editor .suggest-widget");
  await expect(suggest.locator(".monaco-list-row.focused")).toContainText("offset");
  await page.keyboard.press("Escape");
});

test("a resolve param's resource completes the other resources (JSON), and YAML never offers the dialect's oauth2", async ({
  playground: p,
  page,
}) => {
  await p.gotoWith(
    [
      "{",
      '  "client": {"base_url": "https://lab.example.com"},',
      '  "resources": ["posts", {"name": "comments", "endpoint": {"path": "posts/{id}/comments", "params": {"id": {',
      '    "type": "resolve", "field": "id", "resource": ""}}}}]',
      "}",
      "",
    ].join("\n"),
  );
  // Between the quotes of `"resource": ""` (line 4 ends `""}}}}]`).
  await caretBeforeLineEnd(page, 4, 6);
  await page.keyboard.press("Control+Space");
  const suggest = page.locator(".monaco-editor .suggest-widget");
  await expect(suggest.locator(".monaco-list-row").first()).toContainText("posts");
  await expect(suggest.locator(".monaco-list-row")).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(p.editorLines()).toContainText('"resource": "posts"');

  await page.getByTestId("format-yaml").click();
  await expect(p.editorContainer).toHaveAttribute("data-model-language", "yaml");
  await p.editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\n");
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("End");
  await page.keyboard.type("\n  auth:\n    type: ");
  await page.keyboard.press("Control+Space");
  const labels = suggest.locator(".monaco-list-row .label-name");
  await expect(labels.first()).toBeVisible();
  expect((await labels.allTextContents()).sort()).toEqual(["api_key", "bearer", "http_basic", "oauth2_client_credentials"]);
  await page.keyboard.press("Escape");
});

test("YAML completes keys inside a flow mapping too ({type: offset, …})", async ({ playground: p, page }) => {
  await p.gotoWith(
    ["client:", "  base_url: https://lab.example.com", "  paginator: {type: offset, }", "resources: [items]", ""].join("\n"),
  );
  await expect(p.editorContainer).toHaveAttribute("data-model-language", "yaml");
  // Before the `}` of line 3.
  await caretBeforeLineEnd(page, 3, 1);
  await page.keyboard.type("lim");
  await page.keyboard.press("Control+Space");
  const suggest = page.locator(".monaco-editor .suggest-widget");
  await expect(suggest.locator(".monaco-list-row.focused")).toContainText("limit");
  await page.keyboard.press("Enter");
  await page.keyboard.type("100");
  await expect(p.editorLines()).toContainText("paginator: {type: offset, limit: 100}");
  await expect(p.problemsSummary).toContainText("0 errors");
});

test("YAML opens the schema's completion as a key is typed, without the text's own words", async ({ playground: p, page }) => {
  await p.gotoWith(["client:", "  base_url: https://lab.example.com", "resources: [items]", ""].join("\n"));
  await expect(p.editorContainer).toHaveAttribute("data-model-language", "yaml");
  await caretBeforeLineEnd(page, 2, 0);
  // Enter keeps the indentation of `base_url`.
  await page.keyboard.type("\npag");
  const suggest = page.locator(".monaco-editor .suggest-widget");
  await expect(suggest.locator(".monaco-list-row.focused")).toContainText("paginator");
  const labels = await suggest.locator(".monaco-list-row .label-name").allTextContents();
  for (const word of ["https", "lab", "example", "com", "items"]) expect(labels).not.toContain(word);
  await page.keyboard.press("Escape");
});

test("Python: a dlt class picked from completion leaves the cursor on its first parameter", async ({ playground: p, page }) => {
  await p.gotoWith(
    [
      "from dlt.sources.rest_api import rest_api_source",
      "",
      "source = rest_api_source({",
      '    "client": {"base_url": "https://lab.example.com"},',
      '    "resources": [{"name": "items", "endpoint": {',
      '        "path": "offset/items",',
      "    }}],",
      "})",
      "",
    ].join("\n"),
  );
  await page.locator(".monaco-editor .view-line").filter({ hasText: '"path": "offset/items",' }).first().click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type('"paginator": ');
  await page.keyboard.press("Control+Space");
  const suggest = page.locator(".monaco-editor .suggest-widget");
  await expect(suggest).toContainText("HeaderLinkPaginator()");
  await page.keyboard.type("OffsetP");
  await expect(suggest.locator(".monaco-list-row.focused")).toContainText("OffsetPaginator(limit=)");
  await page.keyboard.press("Enter");
  await page.keyboard.type("100");
  await expect(p.editorLines()).toContainText('"paginator": OffsetPaginator(limit=100)');
});

test("`{` in an endpoint string completes the parent's fields, those seen in the last run included", async ({ playground: p, page }) => {
  await p.goto();
  await p.chooseExample(example("lab-parent-child").title);
  expect(await p.run()).toBe("done");
  await page.locator(".monaco-editor .view-line").filter({ hasText: "path: /posts/{resources.posts.id}/comments" }).first().click();
  await page.keyboard.press("End");
  await page.keyboard.type("/{");
  const suggest = page.locator(".monaco-editor .suggest-widget");
  await expect(suggest).toContainText("resources.posts.id");
  await expect(suggest).toContainText("resources.posts.title");
  await expect(suggest).not.toContainText("resources.comments");
  await page.keyboard.type("resources.posts.ti");
  await page.keyboard.press("Enter");
  await expect(p.editorLines()).toContainText("/comments/{resources.posts.title}");
});

test("the page selector shows a page's request, collapsible body and the paginator's decision", async ({ playground: p, page }) => {
  await p.goto();
  await p.chooseExample(example("lab-page-number").title);
  expect(await p.run()).toBe("done");
  const selector = p.trace.locator('[data-testid="page-selector"][data-resource="items"]');
  const select = selector.getByTestId("page-select");
  await expect(select.locator("option")).toHaveCount(6);
  await select.selectOption("2");
  const inspector = selector.getByTestId("page-inspector");
  await expect(inspector).toHaveAttribute("data-page-index", "2");
  await expect(inspector).toContainText("page=2");
  await expect(inspector.getByTestId("page-records")).toContainText("10 records selected by results (configured)");
  await expect(inspector.getByTestId("page-decision")).toContainText("↳");
  const body = inspector.getByTestId("json-tree");
  await expect(body).toContainText("results");
  await body.locator("summary").nth(1).click();
  await selector.getByRole("button", { name: "Next page" }).click();
  await selector.getByRole("button", { name: "Next page" }).click();
  await selector.getByRole("button", { name: "Next page" }).click();
  await expect(inspector).toHaveAttribute("data-page-index", "5");
  await expect(inspector.getByTestId("page-decision")).toContainText("■");
  await expect(selector.getByRole("button", { name: "Next page" })).toBeDisabled();
  await page.screenshot({ path: "test-results/screenshots/page-inspector.png" });
  // From the keyboard: ▶ at the last page keeps the focus; ✕ hands it to the page select.
  await selector.getByRole("button", { name: "Next page" }).focus();
  await page.keyboard.press("Enter");
  await expect(selector.getByRole("button", { name: "Next page" })).toBeFocused();
  await expect(inspector).toHaveAttribute("data-page-index", "5");
  await selector.getByRole("button", { name: "Close the page inspector" }).focus();
  await page.keyboard.press("Enter");
  await expect(selector.getByTestId("page-select")).toBeFocused();
});

test("hover shows a key's docs once, with the dlt docs link, in JSON and in YAML", async ({ playground: p, page }) => {
  await p.goto();
  for (const id of ["lab-json-link", "lab-cursor"]) {
    await p.chooseExample(example(id).title);
    await page
      .locator(".monaco-editor .view-line span span")
      .filter({ hasText: /^"?data_selector"?$/ })
      .first()
      .hover();
    const hover = page.locator(".monaco-hover:visible");
    await expect(hover).toContainText("data_selector");
    await expect(hover.getByRole("link", { name: "dlt docs" })).toHaveCount(1);
    expect(((await hover.innerText()).match(/JSONPath to the list of records/g) ?? []).length).toBe(1);
    await page.mouse.move(1200, 800);
    await expect(hover).toHaveCount(0);
  }
});

/**
 * Issue 9: dlt's GitHub docs pipeline pasted verbatim runs on the built-in GitHub mock, and its Python
 * download is the user's own file plus the fixes (here: the `import dlt` the docs snippet leaves out).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { EXAMPLES } from "../lib/examples";
import { expect, test } from "./fixtures";

const GITHUB_DOCS = readFileSync(resolve(__dirname, "../lib/testing/fixtures/python/github_docs_quick_example.py"), "utf8");

test("the GitHub docs pipeline, pasted verbatim: runs on the mock, shows rows, downloads as the user's file plus the fixes", async ({
  playground: p,
  page,
}) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await p.goto();
  await p.editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  // A paste from the clipboard, as the user does it (typing would trigger the editor's auto-indent).
  await page.evaluate((text) => navigator.clipboard.writeText(text), GITHUB_DOCS);
  await page.keyboard.press("ControlOrMeta+v");
  await expect(p.formatIndicator).toHaveAttribute("data-format", "python");
  await expect(p.problemsSummary).toContainText("0 errors");
  await expect(p.secrets).toContainText("sources.github_source.github_token");

  await expect(page.getByTestId("target-switch").getByLabel("Mock")).toBeChecked();
  expect(await p.run()).toBe("done");
  await expect(p.resourceTrace("issues").getByTestId("resource-progress")).toContainText("111 records");
  await p.tableTab("issues").click();
  await expect(p.tableTab("issues")).toHaveText("issues 111");
  await expect(p.tables.getByRole("row").nth(1)).toBeVisible();
  await expect(p.tableTab("issue_comments")).toHaveText("issue_comments 167");

  const python = await p.download("python");
  expect(python.filename).toBe("rest_api_pipeline.py");
  // The user's own file, comments, function and pipeline names kept; only the missing import added.
  expect(python.text).toBe(GITHUB_DOCS.replace("rest_api_resources\n", "rest_api_resources\nimport dlt\n"));
});

test('Python completes values: paginator type names after `"type": ` and dlt\'s auth classes after `"auth": `', async ({
  playground: p,
  page,
}) => {
  await p.gotoWith(
    'import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nsource = rest_api_source({\n    "client": {\n        "base_url": "https://lab.example.com",\n        "paginator": {},\n    },\n    "resources": ["items"],\n})\n',
  );
  await page.locator(".monaco-editor .view-line span span").filter({ hasText: '"paginator"' }).first().click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type('"type": "');
  const suggest = page.locator(".monaco-editor .suggest-widget");
  await expect(suggest).toContainText("header_link");
  await expect(suggest).toContainText("page_number");
  await page.keyboard.press("Escape");

  await page.locator(".monaco-editor .view-line span span").filter({ hasText: '"base_url"' }).first().click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type('"auth": ');
  await expect(suggest).toContainText("BearerTokenAuth()");
  await expect(suggest).toContainText("bearer");
  await page.keyboard.press("Escape");
});

test("a nested hint with a key makes a table of its own, merged on its key, as dlt loads it", async ({ playground: p }) => {
  const gh = EXAMPLES.find((e) => e.id === "docs-github");
  if (!gh) throw new Error("no docs-github example");
  // Every fifth issue carries the label {id: 1, name: "bug"}.
  const nested = '"nested_hints": {"labels": {"primary_key": "id", "write_disposition": "merge"}},';
  await p.gotoWith(gh.text.replace('"name": "issues",', `"name": "issues",\n                ${nested}`));
  await expect(p.problemsSummary).toContainText("0 errors");
  await p.run();
  await p.tables.getByRole("tab", { name: /issues__labels/ }).click();
  const stats = p.tables.getByTestId("table-stats");
  await expect(stats).toContainText("merged 1");
  await expect(stats).not.toContainText("nested table of");
});

test("processing steps run as dlt runs them: a filter lambda and a map def shape the table, the trace says what the filter kept", async ({
  playground: p,
}) => {
  await p.gotoWith(
    [
      "import dlt",
      "from dlt.sources.rest_api import rest_api_source",
      "",
      "def shout(record):",
      '    record["title"] = record["title"].upper()',
      "    return record",
      "",
      "source = rest_api_source({",
      '    "client": {"base_url": "https://lab.example.com"},',
      '    "resources": [{"name": "items", "endpoint": {"path": "/header-link/items"},',
      '        "processing_steps": [{"filter": lambda x: x["id"] % 2 == 0}, {"map": shout}]}],',
      "})",
      "",
    ].join("\n"),
  );
  await expect(p.problemsSummary).toContainText("0 errors");
  expect(await p.run()).toBe("done");
  await expect(p.resourceTrace("items")).toContainText("processing_steps[0].filter kept 22 of 45 records (dropped 23)");
  await expect(p.tableTab("items")).toHaveText("items 22");
  await expect(p.tables.getByTestId("data-table")).toContainText("ITEM 2");
});

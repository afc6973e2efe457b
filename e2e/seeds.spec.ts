/** Each seed, end to end: pick it, see it validate, run it against the mock, check the tables, download it. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { EXAMPLES } from "../lib/examples";
import { SEEDS_DIR } from "../lib/testing/seeds";
import { expect, test } from "./fixtures";

const DEMO_VALUES = ["demo-client-id", "demo-client-secret", "demo-api-key", "demo-access-token"];

for (const example of EXAMPLES.filter((e) => e.id.startsWith("seed-"))) {
  const oauth = example.text.includes('"type": "oauth2"');
  const secretNames = [...example.text.matchAll(/dlt\.secrets\["([^"]+)"\]/g)].map((m) => m[1] as string);

  test(`${example.id}: validates, runs against the mock, previews and downloads`, async ({ playground: p, page }) => {
    await p.goto();
    await p.chooseExample(example.title);

    // The editor shows the seed, detected as Python, with no errors (warnings allowed).
    await expect(p.formatIndicator).toHaveAttribute("data-format", "python");
    await expect(p.editorContainer).toHaveAttribute("data-model-language", "python");
    await expect(p.editorLines()).toContainText("rest_api_source(");
    await expect(p.problemsSummary).toContainText("0 errors");
    if (oauth) await expect(p.problem("dialect_oauth2")).toContainText("dlt rejects auth type oauth2");
    for (const name of secretNames) await expect(p.page.getByTestId(`demo-badge-${name}`)).toHaveText("mock demo value");

    // Run against the mock.
    await expect(page.getByTestId("target-switch").getByLabel("Mock")).toBeChecked();
    expect(await p.run()).toBe("done");

    for (const [resource, counts] of Object.entries(example.expected.resources)) {
      const trace = p.resourceTrace(resource);
      await expect(trace.locator('[data-testid="trace-request"][data-page="1"]').first()).toContainText("200");
      expect(await trace.locator('[data-testid="trace-request"]').count()).toBeGreaterThanOrEqual(3);
      const retry = trace.getByTestId("trace-retry").first();
      await expect(retry).toContainText(/retry after 429 .*waited 2 s \(Retry-After\)/);
      await expect(retry).toContainText("virtual");
      await expect(trace.locator('[data-testid="trace-paginator"][data-decision="stop"]')).toContainText(/stop/);
      await expect(trace.getByTestId("resource-progress")).toContainText(`${counts.fetched} records`);

      // The merged table.
      await p.tableTab(resource).click();
      await expect(p.tableTab(resource)).toHaveText(`${resource} ${counts.merged}`);
      const stats = p.tables.getByTestId("table-stats");
      if (example.id === "seed-004") {
        expect(counts.merged).toBe(251);
        await expect(stats).toHaveText("fetched 251 · merged 251 · 0 duplicates collapsed");
        const key = resource === "bank_transactions" ? "BankTransactionID" : "ContactID";
        await expect(p.tables.getByTestId("table-warning").filter({ hasText: "primary_key `id` is missing" })).toContainText(key);
        // No record gives `id` a type: dlt's normalize step fails (UnboundColumnException), so nothing is loaded.
        await expect(p.tables.getByTestId("run-not-loaded")).toContainText("a record its normalize step fails on");
        // The Trace's status line says so too (the Tables tab may be hidden behind another one).
        await expect(page.getByTestId("run-status-not-loaded")).toContainText("dlt loads nothing from it");
        // The SQL console has nothing to query, and says it is this run that was not loaded (not "run the config first").
        await page.locator("#dock-tab-sql").click();
        await expect(page.getByTestId("sql-no-data")).toContainText("dlt loads nothing from this run");
        await page.locator("#dock-tab-tables").click();
      } else {
        expect(counts.merged).toBe(250);
        await expect(page.getByTestId("run-status-not-loaded")).toHaveCount(0);
        await expect(stats).toHaveText("fetched 251 · merged 250 · 1 duplicate collapsed");
      }
      await expect(p.tables.getByTestId("column-header").first()).toContainText(
        /(text|bigint|double|bool|timestamp|date|json) · (nullable|not null)/,
      );
      await expect(p.tables.getByRole("row").nth(1)).toBeVisible();
    }

    // Downloads dlt takes as they are: the JSON is dlt's dict, the secrets bound by the loading snippet (the menu says so).
    await page.getByTestId("download-menu").click();
    for (const kind of ["JSON", "YAML"]) {
      const item = page.getByRole("menuitem", { name: new RegExp(`^${kind} config`) });
      await expect(item).toContainText("secrets left out");
      await expect(item).not.toContainText("$secret");
    }
    await page.keyboard.press("Escape");
    const json = await p.download("json");
    expect(json.filename).toBe("rest_api_config.json");
    const parsed = JSON.parse(json.text) as { client: { auth: Record<string, unknown> } };
    for (const name of secretNames) expect(parsed.client.auth).not.toHaveProperty(name);
    expect(json.text).not.toContain("$secret");

    const python = await p.download("python");
    expect(python.filename).toBe("rest_api_pipeline.py");
    expect(python.text).toContain("dlt.secrets[");
    expect(python.text).toContain("rest_api_source(");
    if (oauth) expect(python.text).toContain("oauth2_client_credentials");

    const toml = await p.download("secrets");
    expect(toml.filename).toBe("secrets.toml");
    for (const name of secretNames) expect(toml.text).toContain(`${name} = "<your ${name}>"`);
    for (const name of secretNames) expect(toml.text).toContain(`config["client"]["auth"]["${name}"] = str(dlt.secrets["${name}"])`);

    for (const file of [json, python, toml]) for (const demo of DEMO_VALUES) expect(file.text).not.toContain(demo);
  });
}

test("a seed document pasted whole (prose and all) is read through its block: it runs, downloads the block, and the fix keeps it", async ({
  playground: p,
  page,
}) => {
  const doc = readFileSync(resolve(SEEDS_DIR, "004_bd6b24b885e29f46.txt"), "utf8");
  await p.gotoWith(doc);
  await expect(p.problemsSummary).toContainText("0 errors");
  await expect(p.problem("markdown_document")).toContainText("restplay checks and runs the block");
  expect(await p.run()).toBe("done");
  await expect(p.tableTab("bank_transactions")).toHaveText("bank_transactions 251");
  const python = await p.download("python");
  expect(python.text).toContain("rest_api_source(");
  expect(python.text).not.toContain("```");
  // The fix keeps the block, shown from its top in column 1 (not scrolled off to the side).
  const fix = p.problem("markdown_document").getByRole("button", { name: /Keep only the ```python block/ });
  await p.problems.getByRole("list", { name: "Problems" }).evaluate((ul) => ul.parentElement?.scrollTo({ top: ul.scrollHeight }));
  await fix.click();
  await expect(p.problem("markdown_document")).toHaveCount(0);
  // The list the fix leaves shows the problem now in the fixed one's place whole (not cut under the filter bar).
  const cut = await p.problems.getByRole("list", { name: "Problems" }).evaluate((ul) => {
    const top = (ul.parentElement as HTMLElement).getBoundingClientRect().top;
    const first = [...ul.children].find((li) => li.getBoundingClientRect().bottom > top);
    return first ? top - first.getBoundingClientRect().top : -1;
  });
  expect(cut).toBeLessThanOrEqual(1);
  await expect(page.locator(".monaco-editor .lines-content")).toHaveCSS("left", "0px");
  await expect(p.editorLines().first()).toBeVisible();
});

/**
 * The destination across runs, in DuckDB (issue #15, decision 0019): each write disposition run
 * twice shows its counts; the SQL console queries the destination and refuses writes, located; the
 * `.duckdb` download opens with DuckDB and holds dlt's layout; the Schema view exports dlt's YAML;
 * seed 004's missing primary key is a problem with a quick fix. Screenshots of the new views in
 * both themes, axe-clean.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { readLayout } from "../lib/duck";
import { getExample } from "../lib/examples";
import { expectNoSeriousAxeViolations } from "./checks";
import { expect, test } from "./fixtures";
import type { PlaygroundPage } from "./pages/PlaygroundPage";

const items = (disposition: string | Record<string, string>) =>
  JSON.stringify(
    {
      client: { base_url: "https://lab.example.com" },
      resources: [
        {
          name: "items",
          primary_key: "id",
          write_disposition: disposition,
          endpoint: { path: "/json-link/items", data_selector: "items", paginator: { type: "json_link", next_url_path: "next" } },
        },
      ],
    },
    null,
    2,
  );

const changes = (p: PlaygroundPage) => p.tables.getByTestId("table-changes");
const view = (p: PlaygroundPage, id: "tables" | "schema" | "sql") => p.page.locator(`#dock-tab-${id}`);

for (const [disposition, rows, second] of [
  ["append", "items 90", "+45 inserted · 0 updated · 0 deleted · 45 unchanged"],
  ["replace", "items 45", "+45 inserted · 0 updated · −45 deleted · 0 unchanged"],
  ["merge", "items 45", "0 inserted · ~45 updated · 0 deleted · 0 unchanged"],
  [{ disposition: "merge", strategy: "upsert" }, "items 45", "0 inserted · ~45 updated · 0 deleted · 0 unchanged"],
  [{ disposition: "merge", strategy: "insert-only" }, "items 45", "0 inserted · 0 updated · 0 deleted · 45 unchanged"],
  [{ disposition: "merge", strategy: "scd2" }, "items 45", "0 inserted · 0 retired · 0 deleted · 45 unchanged"],
] as const) {
  const name = typeof disposition === "string" ? disposition : disposition.strategy;
  test(`${name}: run twice, the counts say what the second load did`, async ({ playground: p }) => {
    await p.gotoWith(items(disposition));
    expect(await p.run()).toBe("done");
    await expect(p.tableTab("items")).toHaveText("items 45");
    // scd2's updates retire versions: its counts say so.
    await expect(changes(p)).toContainText(`+45 inserted · 0 ${name === "scd2" ? "retired" : "updated"} · 0 deleted · 0 unchanged`);
    expect(await p.run()).toBe("done");
    await expect(p.tableTab("items")).toHaveText(rows);
    await expect(changes(p)).toContainText(second);
    // "merged" and "duplicates collapsed" are a merge table's words; an append table says what it holds.
    if (name === "append") await expect(p.tables.getByTestId("table-stats")).toHaveText("fetched 45 · 90 rows in the table");
    if (name === "scd2") {
      // The versions' validity columns, with dlt's hints in their headers; every version still valid.
      const grid = p.tables.getByTestId("data-table");
      await expect(grid.getByRole("columnheader", { name: /^_dlt_valid_from/ })).toContainText("timestamp · nullable · valid from");
      await expect(grid.getByRole("columnheader", { name: /^_dlt_valid_to/ })).toContainText("timestamp · nullable · valid to");
      await expect(grid.getByRole("columnheader", { name: /^_dlt_id/ })).toContainText("row version");
      await view(p, "schema").click();
      await expect(p.page.getByTestId("schema-hints")).toContainText("merge (scd2)");
      await expect(p.page.getByTestId("schema-columns")).toContainText("valid to");
      await view(p, "tables").click();
    }
    // Its name starts with the word it shows (what a voice-control user says to open it).
    await p.tables.getByRole("button", { name: /^Destination/ }).click();
    await p.page.getByRole("menuitem", { name: /Reset destination/ }).click();
    await expect(p.tables.getByRole("tab")).toHaveCount(0);
  });
}

test("after a run of another config, Tables shows a table that run loaded, not the one chosen before it", async ({ playground: p }) => {
  await p.gotoWith(items("append"));
  expect(await p.run()).toBe("done");
  await p.tableTab("items").click();
  await p.replaceWordInEditor('"items"', "things");
  expect(await p.run()).toBe("done");
  // The destination keeps `items`, which this run did not touch: `things` is shown.
  await expect(p.tableTab("things")).toHaveAttribute("aria-selected", "true");
  await expect(p.tables.getByTestId("table-panel")).toHaveAttribute("data-table", "things");
  await expect(p.tableTab("items")).toHaveAttribute("aria-selected", "false");
  // Only the shown tab names its panel; a table chosen after the run stays chosen.
  await expect(p.tableTab("items")).not.toHaveAttribute("aria-controls");
  await p.tableTab("items").click();
  await expect(p.tables.getByTestId("table-panel")).toHaveAttribute("data-table", "items");
});

test("more tables than the strip shows: an arrow at its edge says so, and scrolls them in", async ({ playground: p }) => {
  const endpoint = { path: "/json-link/items", data_selector: "items", paginator: { type: "json_link", next_url_path: "next" } };
  const names = Array.from({ length: 12 }, (_, i) => `a_rather_long_table_name_${i}`);
  await p.gotoWith(
    JSON.stringify({ client: { base_url: "https://lab.example.com" }, resources: names.map((name) => ({ name, endpoint })) }),
  );
  expect(await p.run()).toBe("done");
  const right = p.tables.getByTestId("more-tables-right");
  await expect(right).toBeVisible();
  await expect(p.tables.getByTestId("more-tables-left")).toHaveCount(0);
  await right.click();
  await expect(p.tables.getByTestId("more-tables-left")).toBeVisible();
  // The keyboard gets there too: End selects the last table and brings it into view, where no arrow is left.
  await p.tableTab(names[0]!).focus();
  await p.page.keyboard.press("End");
  await expect(p.tableTab(names[11]!)).toBeInViewport();
  await expect(right).toHaveCount(0);
  // A tab chosen in the middle is clear of the arrows over the strip's ends; Home scrolls back to the start (no arrow).
  const left = p.tables.getByTestId("more-tables-left");
  for (let i = 0; i < 4; i++) await p.page.keyboard.press("ArrowLeft");
  await expect(right).toBeVisible();
  const chosen = (await p.tableTab(names[7]!).boundingBox())!;
  // (scrollLeft is whole pixels: a pixel of slack)
  expect(chosen.x).toBeGreaterThanOrEqual((await left.boundingBox())!.x + 39);
  for (let i = 0; i < 4; i++) await p.page.keyboard.press("ArrowRight");
  await p.page.keyboard.press("Home");
  for (let i = 0; i < 5; i++) await p.page.keyboard.press("ArrowRight");
  const fifth = (await p.tableTab(names[5]!).boundingBox())!;
  expect(fifth.x + fifth.width).toBeLessThanOrEqual((await right.boundingBox())!.x + 1);
  await p.page.keyboard.press("Home");
  await expect(left).toHaveCount(0);
});

test("schema_contract: discarding new tables loads nothing and says why; freezing columns loads the first run", async ({
  playground: p,
}) => {
  const withContract = (contract: unknown) => {
    const config = JSON.parse(items("append")) as { resources: Record<string, unknown>[] };
    config.resources[0]!.schema_contract = contract;
    return JSON.stringify(config, null, 2);
  };
  await p.gotoWith(withContract("discard_row"));
  expect(await p.run()).toBe("done");
  await expect(p.tables.getByRole("tab")).toHaveCount(0);
  await expect(p.tables.getByTestId("not-loaded")).toContainText(
    "items loads no table: `items` is a new table and `schema_contract` says `tables: discard_row`: dlt loads none of its records",
  );
  await expect(p.tables).toContainText("No table this run");
  // Columns evolve in the run that creates the table: the first run loads, the second adds nothing new.
  await p.gotoWith(withContract({ columns: "freeze" }));
  expect(await p.run()).toBe("done");
  await expect(p.tableTab("items")).toHaveText("items 45");
  await expect(p.tables.getByTestId("not-loaded")).toHaveCount(0);
  await view(p, "schema").click();
  await expect(p.page.getByTestId("schema-hints")).toContainText("schema_contractcolumns: freeze");
});

test("the grid: sort by a header, search, filter a column, resize, changed rows only", async ({ playground: p, page }) => {
  await p.gotoWith(items("append"));
  expect(await p.run()).toBe("done");
  const grid = p.tables.getByTestId("data-table");
  const firstCell = () => grid.locator('[role="row"][aria-rowindex="2"] [role="gridcell"]').nth(1);
  await expect(firstCell()).toHaveText("1");
  const idHeader = grid.getByRole("columnheader", { name: /^id/ });
  await idHeader.getByRole("button").click();
  await expect(idHeader).toHaveAttribute("aria-sort", "ascending");
  await idHeader.getByRole("button").click();
  await expect(idHeader).toHaveAttribute("aria-sort", "descending");
  await expect(firstCell()).toHaveText("45");
  // Nulls stay last both ways (`score` is null in every seventh item): descending starts at the largest value.
  const scoreHeader = grid.getByRole("columnheader", { name: /^score/ });
  const scoreColumn = (await grid.getByRole("columnheader").allTextContents()).findIndex((h) => h.startsWith("score"));
  const scoreAt = (row: number) => grid.locator(`[role="row"][aria-rowindex="${row}"] [role="gridcell"]`).nth(scoreColumn);
  await scoreHeader.getByRole("button").click();
  await expect(scoreAt(2)).toHaveText("3");
  await scoreHeader.getByRole("button").click();
  await expect(scoreAt(2)).toHaveText("99");
  await p.tables.getByTestId("table-search").fill("item 4");
  await expect(grid).toHaveAttribute("aria-label", /: 7 of 45 rows/);
  // Sighted users see the count too, over the grid's corner, gone when nothing is filtered.
  const shownCount = p.tables.getByTestId("grid-shown-count");
  await expect(shownCount).toBeVisible();
  await expect(shownCount).toHaveText("7 of 45 rows");
  await p.tables.getByTestId("table-search").fill("");
  await expect(shownCount).toHaveText("");
  await p.tables.getByRole("button", { name: "Column filters" }).click();
  await grid.getByLabel("Filter title").fill("item 1");
  await expect(grid).toHaveAttribute("aria-label", /: 11 of 45 rows/);
  const width = async () => Math.round((await idHeader.boundingBox())?.width ?? 0);
  const initial = await width();
  const edge = idHeader.getByTestId("column-resize");
  const box = (await edge.boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + 82, box.y + 10, { steps: 4 });
  await page.mouse.up();
  expect(await width()).toBeGreaterThan(initial + 40);
  // From the keyboard, on the header itself: Shift+← → resize by 16 px (Ctrl+Shift: 64), Shift+Home to the narrowest,
  // Shift+Enter resets.
  const dragged = await width();
  // Whole pixels: the header's box may be half a pixel off the column's size.
  const widthNear = (px: number) => expect.poll(async () => Math.abs((await width()) - px)).toBeLessThanOrEqual(1);
  const sortButton = idHeader.getByRole("button");
  const sort = await idHeader.getAttribute("aria-sort");
  await sortButton.focus();
  await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("Shift+ArrowRight");
  await widthNear(dragged + 32);
  await page.keyboard.press("Control+Shift+ArrowLeft");
  await widthNear(dragged - 32);
  await page.keyboard.press("Shift+Home");
  await widthNear(48);
  // A screen reader hears the new width (the edge that said it is the mouse's now).
  await expect(page.getByTestId("announcer")).toHaveText("id: 48 px wide.");
  await page.keyboard.press("Shift+Enter");
  await widthNear(initial);
  await expect(page.getByTestId("announcer")).toHaveText("id: its fitted width.");
  // Resizing neither sorted the column nor moved the focus.
  await expect(idHeader).toHaveAttribute("aria-sort", sort ?? "none");
  await expect(sortButton).toBeFocused();
  expect(await p.run()).toBe("done");
  await p.tables.getByTestId("changed-only").check();
  await expect(grid).toHaveAttribute("aria-label", /of 90 rows/);
  await expect(grid.locator('[role="row"][data-change="unchanged"]')).toHaveCount(0);
});

test("SQL: query the destination, writes refused where they are, the .duckdb download holds dlt's layout", async ({
  playground: p,
  page,
}) => {
  await p.gotoWith(getExample("lab-parent-child")!.text);
  // Before the first run there is no destination: nothing to reset, no table to offer, not even dlt's `_dlt_loads`.
  await expect(p.tables).toContainText("The tables appear here");
  await expect(p.tables.getByTestId("destination-menu")).toHaveCount(0);
  await view(p, "sql").click();
  const loadsChip = page.getByTestId("sql").getByRole("button", { name: "_dlt_loads" });
  await expect(page.getByTestId("sql-no-data")).toBeVisible();
  await expect(loadsChip).toHaveCount(0);
  await expect(page.getByTestId("sql-query")).toHaveValue("");
  expect(await p.run()).toBe("done");
  await view(p, "sql").click();
  await expect(loadsChip).toBeVisible();
  const query = page.getByTestId("sql-query");
  await query.fill("SELECT count(*) AS n, min(_posts_title) AS first_title FROM comments");
  await page.getByTestId("sql-run").click();
  await expect(page.getByTestId("sql-summary")).toContainText("1 row");
  await expect(page.locator('[data-testid="sql"] [role="columnheader"]').first()).toContainText("n");
  await query.fill("SELECT 1;\nDELETE FROM posts");
  await query.press("Control+Enter");
  await expect(page.getByTestId("sql-error")).toContainText("Line 2, column 1");
  await expect(page.getByTestId("sql-error-spot")).toContainText("DELETE FROM posts");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("sql-download-duckdb").click()]);
  expect(download.suggestedFilename()).toBe("rest_api_pipeline.duckdb");
  const file = await download.path();
  const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    const layout = await readLayout(conn);
    expect(layout.map((t) => t.name)).toEqual(["_dlt_version", "_dlt_loads", "comments", "posts"]);
    expect(layout.find((t) => t.name === "posts")?.columns.find((c) => c.name === "_dlt_id")).toMatchObject({
      duck_type: "VARCHAR",
      nullable: false,
    });
    const loads = await conn.runAndReadAll("SELECT count(*), min(status) FROM rest_api_data._dlt_loads");
    expect(loads.getRowsJson()).toEqual([["1", "0"]]);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
});

test("Schema: columns with types and hints, parent links, dlt's schema YAML", async ({ playground: p, page }) => {
  // Seed 004 with its records' real keys (as written dlt's normalize fails on the missing `id`: nothing is loaded).
  const keyed = getExample("seed-004")!
    .text.replace('"primary_key": "id",', "")
    .replace('"name": "bank_transactions",', '"name": "bank_transactions", "primary_key": "BankTransactionID",')
    .replace('"name": "contacts",', '"name": "contacts", "primary_key": "ContactID",');
  await p.gotoWith(keyed);
  expect(await p.run()).toBe("done");
  await view(p, "schema").click();
  await expect(page.getByTestId("schema-columns")).toContainText("_dlt_id");
  await expect(page.getByTestId("schema-columns")).toContainText("VARCHAR NOT NULL");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("schema-export").click()]);
  expect(download.suggestedFilename()).toBe("rest_api.schema.yaml");
  const yaml = (await p.readDownload(download)).text;
  expect(yaml).toContain("name: rest_api");
  expect(yaml).toContain("bank_transactions:");
  expect(yaml).not.toContain("x-normalizer");
});

test("seed 004: the missing primary key is a problem whose quick fix edits the config", async ({ playground: p, page }) => {
  await p.gotoWith(getExample("seed-004")!.text);
  expect(await p.run()).toBe("done");
  const problem = p.problem("record_primary_key_missing").first();
  await expect(problem).toContainText("BankTransactionID");
  await problem.getByRole("button", { name: /Set primary_key to "BankTransactionID"/ }).click();
  await expect(p.editorLines()).toContainText('"primary_key": "BankTransactionID"');
  await expect(p.problem("record_primary_key_missing").filter({ hasText: "bank_transactions" })).toHaveCount(0);
  void page;
});

for (const theme of ["light", "dark"] as const) {
  test(`screenshots of Tables, Schema and SQL (${theme}), axe-clean`, async ({ playground: p, page }) => {
    await p.gotoWith(items("merge"), theme);
    expect(await p.run()).toBe("done");
    expect(await p.run()).toBe("done");
    await p.tables.getByTestId("column-resize").first().waitFor();
    await page.screenshot({ path: `test-results/screenshots/destination/tables-${theme}.png` });
    await expectNoSeriousAxeViolations(page, `tables, ${theme}`);
    await view(p, "schema").click();
    await expect(page.getByTestId("schema-columns")).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/destination/schema-${theme}.png` });
    await expectNoSeriousAxeViolations(page, `schema, ${theme}`);
    await view(p, "sql").click();
    await page.getByTestId("sql-run").click();
    await expect(page.getByTestId("sql-summary")).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/destination/sql-${theme}.png` });
    await expectNoSeriousAxeViolations(page, `sql, ${theme}`);
    await page.getByTestId("sql-query").fill("DROP TABLE items");
    await page.getByTestId("sql-run").click();
    await expect(page.getByTestId("sql-error")).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/destination/sql-error-${theme}.png` });
    await expectNoSeriousAxeViolations(page, `sql error, ${theme}`);
  });
}

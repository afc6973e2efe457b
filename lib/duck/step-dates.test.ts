/**
 * A `date` a processing step returns, in the destination's files (twenty-seventh session): the DuckDB file holds a `DATE`
 * column, as dlt's duckdb destination does; the table downloads (CSV, JSON lines) its ISO text; and a preview fed the run's
 * events as JSON (the browser's stream) makes the same `date` column.
 */
import { describe, expect, it } from "vitest";
import type { EngineEvent } from "../engine";
import { createPreview } from "../preview";
import { runSteps } from "../testing/steps";
import { withDuckFile } from "../testing/duck";
import { tempDir } from "../testing/temp-dir";
import { duckDbFileBytes, tableFileBytes } from "./index";

const STEPS = `{"map": lambda x: {**x, "d": date(2024, 1, x["id"]), "w": {"l": [date(2024, 2, 29)]}}}`;

const temp = tempDir("step-dates");

describe("a date a step returns, downloaded", () => {
  it("is a DATE column in the DuckDB file, its ISO text in CSV and JSON lines", async () => {
    const r = await runSteps(STEPS);
    const state = r.destination.state();
    const file = temp.write("out.duckdb", await duckDbFileBytes(state));
    await withDuckFile(file, async (conn) => {
      const types = await conn.runAndReadAll(
        "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE column_name IN ('d', 'value') ORDER BY 1",
      );
      expect(types.getRowsJson()).toEqual([
        ["items", "d", "DATE"],
        ["items__w__l", "value", "DATE"],
      ]);
      const rows = await conn.runAndReadAll("SELECT CAST(d AS VARCHAR) FROM rest_api_data.items ORDER BY id");
      expect(rows.getRowsJson()).toEqual([["2024-01-01"], ["2024-01-02"], ["2024-01-03"]]);
    });
    const csv = (await tableFileBytes(state, "items", "csv")).toString();
    expect(csv.split("\n")[0]).toContain(",d");
    expect(csv).toContain(",2024-01-02,");
    const jsonl = (await tableFileBytes(state, "items", "jsonl")).toString();
    expect(jsonl).toContain('"d":"2024-01-03"');
  });

  it("is a date column in a preview fed the run's events as JSON (the browser's stream)", async () => {
    const r = await runSteps(STEPS);
    const preview = createPreview();
    for (const e of JSON.parse(JSON.stringify(r.events)) as EngineEvent[]) preview.push(e);
    const items = preview.tables().find((t) => t.table_name === "items")!;
    expect(items.columns.find((c) => c.name === "d")?.data_type).toBe("date");
    expect(items.child_tables.map((t) => [t.table_name, t.columns.find((c) => c.name === "value")?.data_type])).toEqual([
      ["items__w__l", "date"],
    ]);
  });
});

/**
 * A `time` a processing step returns, in the destination's files (twenty-eighth session): the DuckDB file holds a `TIME`
 * column with the wall time, as dlt 1.26.0's duckdb destination loaded it (an aware time's offset dropped, not applied:
 * `01:02:03.000004+02:00` is `01:02:03.000004` there); the table downloads (CSV, JSON lines) the DuckDB file's
 * text; and a
 * preview fed the run's events as JSON (the browser's stream) makes the same `time` column.
 */
import { describe, expect, it } from "vitest";
import type { EngineEvent } from "../engine";
import { createPreview } from "../preview";
import { runSteps } from "../testing/steps";
import { withDuckFile } from "../testing/duck";
import { tempDir } from "../testing/temp-dir";
import { duckDbFileBytes, tableFileBytes } from "./index";

const STEPS = `{"map": lambda x: {**x, "t": time(10, x["id"], 5), "u": time(1, 2, 3, 4, tzinfo=timezone(timedelta(hours=2))),
  "w": {"l": [time(3, 4)]}}}`;

const temp = tempDir("step-times");

describe("a time a step returns, downloaded", () => {
  it("is a TIME column in the DuckDB file, its text in CSV and JSON lines", async () => {
    const r = await runSteps(STEPS);
    const state = r.destination.state();
    const file = temp.write("out.duckdb", await duckDbFileBytes(state));
    await withDuckFile(file, async (conn) => {
      const types = await conn.runAndReadAll(
        "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE column_name IN ('t', 'u', 'value') ORDER BY 1, 2",
      );
      expect(types.getRowsJson()).toEqual([
        ["items", "t", "TIME"],
        ["items", "u", "TIME"],
        ["items__w__l", "value", "TIME"],
      ]);
      const rows = await conn.runAndReadAll("SELECT CAST(t AS VARCHAR), CAST(u AS VARCHAR) FROM rest_api_data.items ORDER BY id");
      expect(rows.getRowsJson()).toEqual([
        ["10:01:05", "01:02:03.000004"],
        ["10:02:05", "01:02:03.000004"],
        ["10:03:05", "01:02:03.000004"],
      ]);
    });
    const csv = (await tableFileBytes(state, "items", "csv")).toString();
    expect(csv.split("\n")[0]).toContain(",t,u");
    expect(csv).toContain(",10:02:05,");
    const jsonl = (await tableFileBytes(state, "items", "jsonl")).toString();
    expect(jsonl).toContain('"t":"10:03:05","u":"01:02:03.000004"');
  });

  it("is a time column in a preview fed the run's events as JSON (the browser's stream)", async () => {
    const r = await runSteps(STEPS);
    const preview = createPreview();
    for (const e of JSON.parse(JSON.stringify(r.events)) as EngineEvent[]) preview.push(e);
    const items = preview.tables().find((t) => t.table_name === "items")!;
    expect(items.columns.filter((c) => c.name === "t" || c.name === "u").map((c) => c.data_type)).toEqual(["time", "time"]);
    expect(items.child_tables.map((t) => [t.table_name, t.columns.find((c) => c.name === "value")?.data_type])).toEqual([
      ["items__w__l", "time"],
    ]);
  });
});

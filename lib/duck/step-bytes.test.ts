/**
 * `bytes` a processing step returns, in the destination's files (twenty-ninth session): the DuckDB file holds a `BLOB`
 * column with the bytes, as dlt 1.26.0's duckdb destination loaded them (lib/testing/fixtures/step-value-types.json); the
 * table downloads (CSV, JSON lines) and the SQL tab give the DuckDB file's text of them; and a preview fed the run's
 * events as JSON (the browser's stream) makes the same `binary` column.
 */
import { describe, expect, it } from "vitest";
import type { EngineEvent } from "../engine";
import { createPreview } from "../preview";
import { runSteps } from "../testing/steps";
import { withDuckFile } from "../testing/duck";
import { tempDir } from "../testing/temp-dir";
import { duckDbFileBytes, openLockedDatabase, runReadOnly, tableFileBytes } from "./index";

const STEPS = `{"map": lambda x: {**x, "b": b"\\x01\\xff" if x["id"] == 1 else str(x["id"]).encode(), "w": {"l": [b"\\x00A"]}}}`;

const temp = tempDir("step-bytes");

describe("bytes a step returns, downloaded", () => {
  it("are a BLOB column in the DuckDB file, DuckDB's text of them in CSV and JSON lines", async () => {
    const r = await runSteps(STEPS);
    expect(r.errors).toEqual([]);
    expect(r.rows("items")?.map((x) => x.b)).toEqual(["0x01ff", "0x32", "0x33"]);
    const state = r.destination.state();
    const file = temp.write("out.duckdb", await duckDbFileBytes(state));
    await withDuckFile(file, async (conn) => {
      const types = await conn.runAndReadAll(
        "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE column_name IN ('b', 'value') ORDER BY 1, 2",
      );
      expect(types.getRowsJson()).toEqual([
        ["items", "b", "BLOB"],
        ["items__w__l", "value", "BLOB"],
      ]);
      const rows = await conn.runAndReadAll("SELECT hex(b) FROM rest_api_data.items ORDER BY id");
      expect(rows.getRowsJson()).toEqual([["01FF"], ["32"], ["33"]]);
    });
    // As the grid shows them (DuckDB's own text, `\x01\xFF` and `2`, would read back as other bytes).
    const csv = (await tableFileBytes(state, "items", "csv")).toString();
    expect(csv.split("\n").slice(0, 3)).toEqual([
      "id,a,b,_dlt_load_id,_dlt_id",
      expect.stringMatching(/^1,x,0x01ff,/),
      expect.stringMatching(/^2,y,0x32,/),
    ]);
    const jsonl = (await tableFileBytes(state, "items", "jsonl")).toString();
    expect(jsonl).toContain('"id":3,"a":null,"b":"0x33"');
    const nested = (await tableFileBytes(state, "items__w__l", "jsonl")).toString();
    expect(nested).toContain('"value":"0x0041"');
  });

  it("show in the SQL tab as the grid shows them, in a list too", async () => {
    const r = await runSteps(STEPS);
    const db = await openLockedDatabase(r.destination.state());
    try {
      const out = await runReadOnly(db.connection, "SELECT b, [b] AS l, octet_length(b) AS n FROM items ORDER BY id");
      expect(out.ok && out.result.rows).toEqual([
        ["0x01ff", ["0x01ff"], "2"],
        ["0x32", ["0x32"], "1"],
        ["0x33", ["0x33"], "1"],
      ]);
      expect(out.ok && out.result.columns[0]).toEqual({ name: "b", type: "BLOB" });
    } finally {
      db.close();
    }
  });

  it("are a binary column in a preview fed the run's events as JSON (the browser's stream)", async () => {
    const r = await runSteps(STEPS);
    const preview = createPreview();
    for (const e of JSON.parse(JSON.stringify(r.events)) as EngineEvent[]) preview.push(e);
    const items = preview.tables().find((t) => t.table_name === "items")!;
    expect(items.columns.find((c) => c.name === "b")?.data_type).toBe("binary");
    expect(items.rows.map((x) => x.b)).toEqual(["0x01ff", "0x32", "0x33"]);
    expect(items.child_tables.map((t) => [t.table_name, t.columns.find((c) => c.name === "value")?.data_type])).toEqual([
      ["items__w__l", "binary"],
    ]);
  });
});

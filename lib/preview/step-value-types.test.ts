/**
 * Each Python type a processing step can return loads as dlt 1.26.0 loads it, into a fresh column and into a column an
 * earlier record made with another type: the column's type, the variant dlt makes (`<col>__v_<python type>`: a
 * `datetime` makes `__v_timestamp`, `bytes` `__v_binary`) and the values DuckDB holds. Every expectation is what dlt
 * loaded (lib/testing/fixtures/step-value-types.json, recorded by scripts/record-step-value-types.py).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Json } from "../engine/types";
import { run, runSteps } from "../testing/steps";

const recorded = JSON.parse(readFileSync(join(__dirname, "../testing/fixtures/step-value-types.json"), "utf8")) as {
  values: [string, string][];
  columns: Record<string, string[]>;
  rows: Record<string, Json[][]>;
};

const pairs = recorded.values.flatMap(([a, first]) => recorded.values.map(([b, then]) => [`c_${a}_${b}`, first, then] as const));
const fields = pairs.map(([k, first, then]) => `'${k}': (${first} if x['id'] == 1 else ${then})`).join(", ");

describe("a value a step returns, of each Python type", async () => {
  const r = await runSteps(`{"map": lambda x: {'id': x['id'], ${fields}}}`);
  const columns = r.columns("items") ?? [];
  const rows = r.rows("items") ?? [];

  it("runs", () => expect(r.errors).toEqual([]));

  it.each(pairs.map(([k]) => k))("%s: the columns and values dlt loaded", (k) => {
    const mine = columns.filter((c) => c === `${k}:${c.split(":")[1]}` || c.startsWith(`${k}__v_`));
    const names = mine.map((c) => c.slice(0, c.lastIndexOf(":")));
    expect({ columns: mine, rows: rows.map((row) => names.map((n) => row[n] ?? null)) }).toEqual({
      columns: recorded.columns[k],
      rows: recorded.rows[k],
    });
  });
});

describe("a datetime and bytes a parent's step returns", () => {
  // dlt 1.26.0 on a loopback API (twenty-ninth session): subs is `id:bigint, _items_d:timestamp, _items_b:binary, y:bigint,
  // h:text`, the row (1, 2024-05-06 07:08:09+00:00, b'\x01\xff', 2024, '01ff').
  it("a child's steps see them (`include_from_parent`) as a datetime and bytes, and load them as timestamp and binary", async () => {
    const served = async () => new Response(JSON.stringify([{ id: 1 }]), { headers: { "content-type": "application/json" } });
    const r = await run(
      `from datetime import datetime
source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "paginator": "single_page"},
    "resources": [{"name": "items", "endpoint": {"path": "items"},
        "processing_steps": [{"map": lambda x: {**x, "d": datetime(2024, 5, 6, 7, 8, 9), "b": b"\\x01\\xff"}}]},
        {"name": "subs", "endpoint": {"path": "items/{resources.items.id}/subs"}, "include_from_parent": ["d", "b"],
         "processing_steps": [{"map": lambda c: {**c, "y": c["_items_d"].year, "h": c["_items_b"].hex()}}]}],
})\n`,
      served,
    );
    expect(r.errors).toEqual([]);
    expect(r.columns("subs")).toEqual(["id:bigint", "_items_d:timestamp", "_items_b:binary", "y:bigint", "h:text"]);
    expect(r.rows("subs")).toEqual([{ id: 1, _items_d: "2024-05-06T07:08:09+00:00", _items_b: "0x01ff", y: 2024, h: "01ff" }]);
  });
});

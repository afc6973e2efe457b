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
import { runSteps } from "../testing/steps";

const recorded = JSON.parse(readFileSync(join(__dirname, "../testing/fixtures/step-value-types.json"), "utf8")) as {
  values: [string, string][];
  columns: Record<string, string[]>;
  rows: Record<string, Json[][]>;
};

const pairs = recorded.values
  .filter(([a]) => a !== "bytes")
  .flatMap(([a, first]) => recorded.values.filter(([b]) => b !== "bytes").map(([b, then]) => [`c_${a}_${b}`, first, then] as const));
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

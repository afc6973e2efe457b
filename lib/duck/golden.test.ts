/**
 * Every dlt golden case loaded into a real DuckDB after each run: the dataset holds dlt's own
 * `_dlt_version` and `_dlt_loads` and exactly the preview's tables, each column with the DuckDB type
 * dlt's duckdb destination maps its dlt type to (read back as the same dlt type and nullability),
 * and the same rows in the same order, value for value (decimals at their column's scale).
 */
import { describe, expect, it } from "vitest";
import { memoryDuckDb } from "../testing/duck";
import type { Json } from "../engine";
import { createDestination, ExactInt, materialize, type Cell, type PreviewColumn, type PreviewTableData } from "../preview";
import { goldenCase, goldenCaseIds } from "../testing/golden";
import { flatTables } from "../testing/golden-compare";
import { runGoldenOnce } from "../testing/golden-run";
import { duckType, loadIntoDuckDb, readLayout, readRows } from "./index";

const ids = goldenCaseIds();
const connection = memoryDuckDb();
let n = 0;

/** `2025-03-09 07:30:00.25+00` and `2025-03-09T07:30:00.250000+00:00` as one spelling. */
function canonTimestamp(s: string): string {
  const m = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d(?::?\d\d)?)?$/.exec(s);
  if (!m) return s;
  return `${m[1]}T${m[2]}.${(m[3] ?? "").padEnd(6, "0")}${m[4] ? "Z" : ""}`;
}

/** Decimal digits rounded half away from zero to `scale` places, trailing zeros dropped. */
function canonDecimal(s: string, scale: number): string {
  const neg = s.startsWith("-");
  const [int = "0", frac = ""] = s.replace(/^[-+]/, "").split(".");
  const digits = BigInt(int + frac.padEnd(scale + 1, "0").slice(0, scale + 1));
  const rounded = (digits + 5n) / 10n;
  const text = rounded.toString().padStart(scale + 1, "0");
  const whole = text.slice(0, text.length - scale);
  const fraction = text.slice(text.length - scale).replace(/0+$/, "");
  const out = fraction ? `${whole}.${fraction}` : whole;
  return neg && rounded !== 0n ? `-${out}` : out;
}

function canon(v: Cell | undefined, c: PreviewColumn, fromDuck: boolean): Json {
  if (v === null || v === undefined) return null;
  if (v instanceof ExactInt) return v.digits;
  switch (c.data_type) {
    case "bigint":
      return String(v);
    case "double":
      // DuckDB holds -0.0; its JSON reading of it says 0.
      return v === 0 ? 0 : v;
    case "timestamp":
      return canonTimestamp(String(v));
    case "decimal":
      return canonDecimal(String(v), c.scale ?? 9);
    case "json":
      return fromDuck ? (JSON.parse(String(v)) as Json) : v;
    default:
      return v;
  }
}

async function compare(where: string, tables: readonly PreviewTableData[]): Promise<void> {
  const layout = await readLayout(connection(), `ds${n}`);
  expect(
    layout.map((t) => t.name),
    `${where}: tables`,
  ).toEqual(["_dlt_version", "_dlt_loads", ...tables.map((t) => t.table_name).sort()]);
  for (const t of tables) {
    const duck = layout.find((l) => l.name === t.table_name)!;
    expect(
      duck.columns.map((c) => [c.name, c.duck_type, c.data_type, c.nullable]),
      `${where}: columns of ${t.table_name}`,
    ).toEqual(t.columns.map((c) => [c.name, duckType(c), c.data_type, c.nullable]));
    const rows = await readRows(connection(), t.table_name, `ds${n}`);
    const want = materialize(t).map((r) => t.columns.map((c) => canon(r[c.name], c, false)));
    const got = rows.map((r) => t.columns.map((c) => canon(r[c.name], c, true)));
    expect(got, `${where}: rows of ${t.table_name}`).toEqual(want);
  }
}

describe.skipIf(ids.length === 0)("dlt golden cases in DuckDB", () => {
  for (const id of ids) {
    it(id, async () => {
      const c = goldenCase(id);
      const destination = createDestination();
      for (const run of c.runs) {
        const { preview } = await runGoldenOnce(c, run, destination);
        n++;
        await loadIntoDuckDb(connection(), destination.state(), { dataset: `ds${n}` });
        await compare(`${id}, run ${run.run}`, flatTables(preview.tables()));
        const loads = await connection().runAndReadAll(`SELECT load_id, status FROM ds${n}._dlt_loads ORDER BY load_id`);
        expect(loads.getRowsJson()).toEqual(destination.state().loads.map((l) => [l, "0"]));
      }
    });
  }
});

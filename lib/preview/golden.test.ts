/**
 * Every case recorded from real dlt 1.26.0 (../shared/dlt-golden) through the real engine and the
 * preview: each run's recorded responses from an in-process fake fetch (request order checked), one
 * destination kept across the runs, and after each run the tables, parents, columns (types,
 * nullability, hints), row counts and rows compared with dlt's (ids, parents and load ids by linkage).
 */
import { describe, expect, it } from "vitest";
import type { Json } from "../engine";
import { createDestination } from "./index";
import { runGoldenOnce as runOnce } from "../testing/golden-run";
import { GOLDEN_DIR, goldenCase, goldenCaseIds } from "../testing/golden";
import { canonicalExpected, canonicalRows, flatTables } from "../testing/golden-compare";

const ids = goldenCaseIds();

describe.skipIf(ids.length === 0)(`dlt golden outputs (${GOLDEN_DIR})`, () => {
  it("has the 27 recorded cases", () => expect(ids).toHaveLength(27));

  for (const id of ids) {
    it(id, async () => {
      const c = goldenCase(id);
      const destination = createDestination();
      for (const [i, run] of c.runs.entries()) {
        const expected = c.expected[i]!;
        const { preview, requests } = await runOnce(c, run, destination);
        const where = `${id}, run ${run.run}`;
        expect(requests, `${where}: requests in order`).toEqual(run.requests_in_order);
        expect(preview.loaded(), `${where}: loaded`).toBe(true);
        const tables = flatTables(preview.tables());
        const inDestination = expected.tables.filter((t) => t.in_destination);
        expect(new Set(tables.map((t) => `${t.table_name} <- ${t.parent_table}`)), `${where}: tables`).toEqual(
          new Set(inDestination.map((t) => `${t.name} <- ${t.parent}`)),
        );
        const loads = new Map(destination.state().loads.map((l, n) => [l, n + 1]));
        const canon = canonicalRows(inDestination, tables, loads);
        for (const exp of inDestination) {
          const actual = tables.find((t) => t.table_name === exp.name)!;
          expect(actual.columns, `${where}: columns of ${exp.name}`).toEqual(exp.columns);
          expect(actual.rows.length, `${where}: row_count of ${exp.name}`).toBe(exp.row_count);
          expect(actual.normalized_rows, `${where}: normalized_rows of ${exp.name}`).toBe(exp.normalized_rows);
          const rows = canon.get(exp.name)!.rows;
          (exp.rows ?? []).forEach((row, n) => {
            const want = canonicalExpected(row, exp.columns, c.numberText);
            const got = Object.fromEntries(Object.entries(rows[n] ?? {}).filter(([k]) => k in want));
            expect(got, `${where}: ${exp.name} row ${n + 1}`).toEqual(want);
          });
        }
      }
    });
  }

  it("names at 63 characters: dlt's shortened names for the postgres limit", async () => {
    const c = goldenCase("naming-collisions-and-long");
    const destination = createDestination({ maxIdentifierLength: 63 });
    await runOnce(c, c.runs[0]!, destination);
    const at63 = c.namesAt63 as { tables: { table_at_63: string; parent_at_63: string | null; columns_at_63: [string, string][] }[] };
    const schema = destination.state().schema;
    for (const t of at63.tables) {
      const table = schema.find((s) => s.name === t.table_at_63);
      expect(table?.parent ?? null).toBe(t.parent_at_63);
      for (const [, short] of t.columns_at_63) expect(table?.columns.map((col) => col.name)).toContain(short);
    }
    expect(JSON.stringify(schema as unknown as Json)).not.toContain(
      "measurement_configuration_parameter_for_the_primary_calibration_routine_value",
    );
  });
});

/**
 * The merge strategies `upsert`, `insert-only` and `scd2` against real dlt 1.26.0 on its duckdb
 * destination (lib/testing/fixtures/merge-strategies.json, recorded by
 * scripts/record-merge-strategies.py): each case's bodies run by run through the real engine and
 * the preview into one destination, and after every run the tables, their columns (types,
 * nullability, hints) and every row — dlt's own `_dlt_id`s included, which these strategies derive
 * from the primary key or the record — must be dlt's. Load ids compare by run, a validity column's load
 * boundary as `@boundary:<run>`.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { validateText } from "../config";
import { createVirtualClock, extract, fetchTransport, type DataRecord, type Json, type NumberText } from "../engine";
import { parseJson } from "../engine/number-text";
import { canon, canonicalExpected, flatTables } from "../testing/golden-compare";
import { createDestination, dltStoredSchema, materialize, type Destination, type Preview } from "./index";
import { createPreview } from "./preview";
import { formatTimestamp, fromTimestamp } from "./datetime";

interface RecordedColumn {
  readonly name: string;
  readonly data_type: string;
  readonly nullable: boolean;
}
interface RecordedTable {
  readonly name: string;
  readonly parent: string | null;
  readonly columns: readonly RecordedColumn[];
  readonly rows: readonly DataRecord[];
}
interface RecordedRun {
  readonly body: string;
  readonly load_id?: string | null;
  readonly tables?: readonly RecordedTable[];
  readonly error?: { readonly step: string; readonly message: string };
}
interface RecordedCase {
  readonly id: string;
  readonly summary: string;
  readonly config: Json;
  readonly runs: readonly RecordedRun[];
  readonly schema_tables: Record<string, Json>;
}

const numberText = new WeakMap<object, NumberText>();
const fixture = parseJson(readFileSync(resolve(__dirname, "../testing/fixtures/merge-strategies.json"), "utf8"), numberText) as unknown as {
  cases: RecordedCase[];
};

async function runOnce(c: RecordedCase, body: string, destination: Destination): Promise<Preview> {
  const validation = validateText(JSON.stringify(c.config), "json");
  expect(validation.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const fetch = async (): Promise<Response> => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  const preview = createPreview({ destination });
  for await (const e of extract(
    { source: validation.source!, secrets: {} },
    { transport: fetchTransport(fetch), ...createVirtualClock(), virtualClock: true },
  ))
    preview.push(e);
  return preview;
}

/** Cases whose root rows get random ids in dlt (an scd2 row version column of the data's own): compared without them. */
const RANDOM_IDS = new Set(["scd2-row-version"]);

/** A date-time cell as the recording spells it (`…Z`). */
const utc = (v: unknown): unknown => (typeof v === "string" ? v.replace(/\+00:00$/, "Z") : v);

describe("merge strategies as dlt 1.26.0 loads them into duckdb", () => {
  it("has the recorded cases", () => expect(fixture.cases.length).toBeGreaterThanOrEqual(13));

  for (const c of fixture.cases) {
    it(`${c.id}: ${c.summary}`, async () => {
      const destination = createDestination();
      const loadRuns = new Map<string, string>();
      for (const [i, run] of c.runs.entries()) {
        const where = `${c.id}, run ${i + 1}`;
        const preview = await runOnce(c, run.body, destination);
        const tables = flatTables(preview.tables());
        if (run.error) {
          const warnings = [...preview.tables(), ...preview.resources()].flatMap((t) => t.warnings);
          expect(warnings.join("\n"), `${where}: dlt's ${run.error.step} step fails`).toContain(`dlt's ${run.error.step} step fails`);
          continue;
        }
        // Run n's load id, and the boundary it loads at, as the recording names them.
        const loads = destination.state().loads;
        const boundaries = new Map<string, string>();
        loads.forEach((id, n) => {
          loadRuns.set(id, `@load:${n + 1}`);
          boundaries.set(utc(formatTimestamp(fromTimestamp(Number(id))!, true)) as string, `@boundary:${n + 1}`);
        });
        const expected = run.tables!;
        expect(tables.map((t) => `${t.table_name} <- ${t.parent_table}`).sort(), `${where}: tables`).toEqual(
          expected.map((t) => `${t.name} <- ${t.parent}`).sort(),
        );
        const dltLoads = new Map(c.runs.slice(0, i + 1).map((r, n) => [String(r.load_id), `@load:${n + 1}`]));
        for (const exp of expected) {
          const actual = tables.find((t) => t.table_name === exp.name)!;
          expect(actual.columns, `${where}: columns of ${exp.name}`).toEqual(exp.columns);
          const types = new Map(exp.columns.map((col) => [col.name, col.data_type]));
          const validity = new Set(exp.columns.filter((col) => "x-valid-from" in col || "x-valid-to" in col).map((col) => col.name));
          const ours = materialize(actual)
            .map((row) => {
              const out: Record<string, Json> = {};
              for (const [k, v] of Object.entries(row)) {
                if (k === "_dlt_load_id") out[k] = loadRuns.get(String(v)) ?? `?${String(v)}`;
                else if (k === "_dlt_id" && RANDOM_IDS.has(c.id) && exp.parent === null) out[k] = "@random";
                else if (validity.has(k)) out[k] = (boundaries.get(utc(v) as string) ?? utc(v)) as Json;
                else out[k] = canon(v, types.get(k)) as Json;
              }
              return JSON.stringify(out, Object.keys(out).sort());
            })
            .sort();
          const theirs = exp.rows
            .map((row) => {
              const out = canonicalExpected(row, exp.columns as never, numberText) as Record<string, Json>;
              if (row._dlt_load_id !== undefined)
                out._dlt_load_id = dltLoads.get(String(row._dlt_load_id)) ?? `?${String(row._dlt_load_id)}`;
              if (RANDOM_IDS.has(c.id) && exp.parent === null) out._dlt_id = "@random";
              for (const k of validity) out[k] = utc(row[k]) as Json;
              return JSON.stringify(out, Object.keys(out).sort());
            })
            .sort();
          expect(ours, `${where}: rows of ${exp.name}`).toEqual(theirs);
        }
      }
      // The schema dlt stores (and the one restplay exports) after the last run.
      const tables = dltStoredSchema(destination.state().schema, { processingHints: true }).tables as Record<string, Json>;
      const { _dlt_version, _dlt_loads, ...data } = tables;
      expect([_dlt_version, _dlt_loads].every(Boolean)).toBe(true);
      expect(data, `${c.id}: dlt's stored schema`).toEqual(c.schema_tables);
    });
  }
});

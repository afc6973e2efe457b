/**
 * Whatever records an API sends, the preview neither throws nor loses them: arbitrary JSON records
 * (keys like `__proto__`, `constructor`, the empty string, dots and non-ASCII; values of drifting types,
 * nested dicts and lists, big and whole-float numbers) under every write disposition, two runs into one
 * destination. Checked: every value in a table's rows has its column; nested rows point at a row (when
 * the records bring no `_dlt…` keys of their own, which dlt keeps and types as data); an append run adds
 * root rows; the tables and the state serialise and read back as the same JSON.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EngineEvent, Json } from "../engine/types";
import { parseLossless, sideTables } from "../shared";
import { delivered, page$ } from "../testing/arbitrary-records";
import { page, start } from "../testing/preview-events";
import {
  adoptStateSpellings,
  createDestination,
  createPreview,
  readDestinationState,
  stringifyJson,
  tablesJson,
  type PreviewTable,
} from "./index";

function allTables(tables: readonly PreviewTable[]) {
  return tables.flatMap((t) => [t, ...t.child_tables]);
}

/** Whether a `_dlt…` key appears anywhere in the records (ids of their own: dlt keeps them, typed as data). */
const ownDltKeys = (v: Json): boolean =>
  typeof v === "object" &&
  v !== null &&
  (Array.isArray(v) ? v.some(ownDltKeys) : Object.entries(v).some(([k, x]) => k.startsWith("_dlt") || ownDltKeys(x)));

function check(tables: readonly PreviewTable[], pointers: boolean): void {
  const all = allTables(tables);
  const byName = new Map(all.map((t) => [t.table_name, t]));
  // Every row id, wherever it is: a list under a blank key (or `__`) lands in the table of the row that
  // holds it, and a list at the path of another nested table (a dict's list beside a list of dicts) joins it.
  const ids = new Set(all.flatMap((t) => t.rows.map((r) => r._dlt_id)));
  for (const t of byName.values()) {
    const columns = new Set(t.columns.map((c) => c.name));
    // A value that was null in every record has no column (dlt creates none); every other value has one.
    for (const row of t.rows)
      for (const k of Object.keys(row)) if (row[k] !== null) expect(columns.has(k), `${t.table_name}.${k} is a column`).toBe(true);
    if (t.parent_table === null) continue;
    expect(byName.get(t.parent_table), `${t.table_name}'s parent ${t.parent_table}`).toBeDefined();
    if (pointers) for (const row of t.rows) expect(ids.has(row._dlt_parent_id ?? null), `${t.table_name} row points at a row`).toBe(true);
  }
}

describe("the preview with arbitrary records", () => {
  it("never throws, keeps rows in their columns and nested rows under their parents, and serialises", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("append", "replace", "merge"),
        fc.constantFrom(null, 0, 1, 2),
        page$,
        page$,
        (disposition, nesting, first, second) => {
          const destination = createDestination();
          for (const records of [first, second]) {
            const p = createPreview({ destination });
            const events: EngineEvent[] = [
              { type: "run_start", resources: ["r"], at: 0 },
              start("r", {
                write_disposition: disposition,
                primary_key: disposition === "merge" ? ["id"] : null,
                max_table_nesting: nesting,
              }),
              (({ records: r, number_text }) => page("r", r, number_text))(delivered(records)),
              { type: "done", ok: true, duration_ms: 1, stats: {} },
            ];
            for (const e of events) p.push(e);
            const tables = p.tables();
            // The tables hold earlier runs' rows too: their records count.
            check(tables, ![...first, ...second].some(ownDltKeys));
            if (disposition !== "merge" && records.length > 0) {
              const root = tables.find((t) => t.table_name === "r");
              expect(root?.stats.merged ?? root?.rows.length).toBeGreaterThan(0);
            }
            p.findings();
            p.resources();
            expect(() => JSON.parse(stringifyJson(tablesJson(tables)))).not.toThrow();
          }
          // Read back as the server reads it (the lossless parse keeps json cells' number spellings): the
          // same values, and written again the same text (a cell read with spellings is written as dlt
          // writes it: `1e-06` where JSON.stringify wrote 0.000001).
          const read = (text: string) => {
            const sink = sideTables();
            const { state: back, fault } = readDestinationState(parseLossless(text, sink));
            expect(fault, "the state reads back").toBeUndefined();
            adoptStateSpellings(back!, sink);
            return stringifyJson(back);
          };
          const text = stringifyJson(destination.state());
          const again = read(text);
          expect(JSON.parse(again)).toEqual(JSON.parse(text));
          expect(read(again)).toBe(again);
        },
      ),
      { numRuns: 300 },
    );
  });
});

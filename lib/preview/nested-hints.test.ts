/**
 * `nested_hints` as dlt 1.26.0 applies them (checked with real dlt on DuckDB): the nested table is
 * made at extract with its hint columns first, values are coerced to the hinted types, and a
 * not-null hint column that the rows lack makes dlt's load refuse them.
 */
import { describe, expect, it } from "vitest";
import type { DataRecord, EngineEvent } from "../engine/types";
import { page, start } from "../testing/preview-events";
import { createDestination, createPreview, materialize } from "./index";
import { validateText } from "../config";
import { createVirtualClock, extract, fetchTransport } from "../engine";
import { checkEvent } from "../run";

const RECORDS: DataRecord[] = [
  {
    id: 1,
    name: "simon",
    purchases: [
      { id: 1, name: "apple", price: "1.50", coupons: [{ c: 1 }] },
      { id: 2, price: 3 },
    ],
  },
  { id: 2, purchases: [] },
];

function tables(nested: { path: string; columns: { name: string; data_type?: string; nullable?: boolean }[] }[]) {
  const p = createPreview({ destination: createDestination() });
  const events: EngineEvent[] = [
    { type: "run_start", resources: ["customers"], at: 0 },
    start("customers", { nested_hints: nested as never }),
    page("customers", RECORDS),
    { type: "done", ok: true, duration_ms: 1, stats: {} },
  ];
  for (const e of events) p.push(e);
  const all = p.tables().flatMap((t) => [t, ...t.child_tables]);
  return { all, warnings: p.tables().flatMap((t) => t.warnings) };
}

describe("nested_hints", () => {
  it("types a nested table's columns, hint columns first", () => {
    const { all, warnings } = tables([{ path: "purchases", columns: [{ name: "price", data_type: "decimal" }] }]);
    expect(all.map((t) => t.table_name)).toEqual(["customers", "customers__purchases", "customers__purchases__coupons"]);
    const purchases = all[1]!;
    expect(purchases.parent_table).toBe("customers");
    expect(purchases.columns.map((c) => `${c.name}:${c.data_type}`)).toEqual([
      "price:decimal",
      "id:bigint",
      "name:text",
      "_dlt_parent_id:text",
      "_dlt_list_idx:bigint",
      "_dlt_id:text",
    ]);
    expect(materialize(purchases).map((r) => [r.price, r.id])).toEqual([
      ["1.50", 1],
      ["3", 2],
    ]);
    expect(warnings).toEqual([]);
  });

  it("a not-null hint column the rows lack: dlt's load into DuckDB refuses them", () => {
    const { all, warnings } = tables([{ path: "purchases", columns: [{ name: "discount", data_type: "double", nullable: false }] }]);
    expect(all[1]!.columns.slice(0, 1)).toEqual([{ name: "discount", data_type: "double", nullable: false }]);
    expect(warnings).toEqual([
      "customers__purchases: `discount` is not nullable, but 2 rows have no value there: dlt's load step fails on DuckDB " +
        "(`Constraint Error: NOT NULL constraint failed: customers__purchases.discount`)",
    ]);
  });

  it("from a config, through the run's wire format, as the playground runs it", async () => {
    const config = {
      client: { base_url: "https://shop.example.com/" },
      resources: [
        {
          name: "customers",
          endpoint: { path: "customers", paginator: "single_page" },
          nested_hints: {
            purchases: { columns: { price: { name: "price", data_type: "decimal" } }, schema_contract: { columns: "freeze" } },
          },
          schema_contract: { columns: "freeze" },
        },
      ],
    };
    const v = validateText(JSON.stringify(config), "json");
    expect(v.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const p = createPreview({ destination: createDestination() });
    const fetch = async () => new Response(JSON.stringify(RECORDS), { headers: { "content-type": "application/json" } });
    const started: unknown[] = [];
    for await (const e of extract(
      { source: v.source!, secrets: {} },
      { transport: fetchTransport(fetch), ...createVirtualClock(), virtualClock: true },
    )) {
      const wire = checkEvent(JSON.parse(JSON.stringify(e)));
      if (wire.type === "resource_start") started.push(wire.nested_hints);
      p.push(wire);
    }
    expect(started).toEqual([
      [{ path: "purchases", columns: [{ name: "price", data_type: "decimal" }], schema_contract: { columns: "freeze" } }],
    ]);
    const purchases = p.tables()[0]!.child_tables[0]!;
    expect(purchases.columns[0]).toEqual({ name: "price", data_type: "decimal", nullable: true });
  });
});

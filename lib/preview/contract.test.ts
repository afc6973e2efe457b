/**
 * `schema_contract` as dlt 1.26.0 applies it, each case checked with real dlt on DuckDB (the dlt
 * oracle, ../shared/tools/dlt-oracle): two runs of one resource into one destination, its records
 * below; the tables hold what dlt's tables hold after each run, or the table says which step fails.
 */
import { describe, expect, it } from "vitest";
import type { SchemaContract } from "../config/resolved";
import type { DataRecord, EngineEvent } from "../engine/types";
import { page, start, type ResourceStart } from "../testing/preview-events";
import { createDestination, createPreview, dltStoredSchema, materialize, type Destination } from "./index";

const FIRST: DataRecord[] = [{ id: 1, a: "x", l: [1, 2] }];
const SECOND: DataRecord[] = [
  { id: 2, a: "y", b: 5, l: [3] },
  { id: 3, a: 7, l: [4] },
];

const all = (c: Partial<SchemaContract>): SchemaContract => ({ tables: "evolve", columns: "evolve", data_type: "evolve", ...c });

/** One run of resource `r`; the data columns and rows of each table, and every warning. */
function run(destination: Destination, contract: SchemaContract | null, records: DataRecord[], hints: Partial<ResourceStart> = {}) {
  const p = createPreview({ destination });
  const events: EngineEvent[] = [
    { type: "run_start", resources: ["r"], at: 0 },
    start("r", contract === null ? hints : { ...hints, schema_contract: contract }),
    page("r", records),
    { type: "done", ok: true, duration_ms: 1, stats: {} },
  ];
  for (const e of events) p.push(e);
  const tables = Object.fromEntries(
    p
      .tables()
      .flatMap((t) => [t, ...t.child_tables])
      .map((t) => {
        const columns = t.columns.map((c) => c.name).filter((c) => !c.startsWith("_dlt"));
        return [t.table_name, materialize(t).map((r) => columns.map((c) => r[c] ?? null))];
      }),
  );
  const warnings = [...p.tables().flatMap((t) => t.warnings), ...p.resources().flatMap((r) => r.warnings)];
  return { tables, warnings };
}

/** Two runs with `contract` (the first with `first`, when given). */
function twice(
  contract: SchemaContract | null,
  second: DataRecord[] = SECOND,
  first: { contract?: SchemaContract | null; records?: DataRecord[] } = {},
) {
  const destination = createDestination();
  const one = run(destination, first.contract === undefined ? contract : first.contract, first.records ?? FIRST);
  return { one, two: run(destination, contract, second) };
}

describe("schema_contract", () => {
  it("freezing or discarding tables: a new root table fails dlt's extract step, or nothing is loaded", () => {
    const frozen = twice(all({ tables: "freeze", columns: "freeze", data_type: "freeze" })).one;
    expect(frozen.warnings).toContain(
      "`r` is a new table and `schema_contract` freezes `tables`: dlt's extract step fails " +
        "(`DataValidationError`: Can't add table `r` because `tables` are frozen)",
    );
    for (const mode of ["discard_row", "discard_value"] as const) {
      const discarded = twice(all({ tables: mode, columns: mode, data_type: mode })).one;
      expect(discarded.tables).toEqual({});
      expect(discarded.warnings).toEqual([expect.stringContaining(`says \`tables: ${mode}\`: dlt loads none of its records`)]);
    }
  });

  it("a run a freeze fails is not loaded: the destination keeps what it had, and the next run fails the same way", () => {
    const destination = createDestination();
    run(destination, all({ columns: "freeze" }), FIRST);
    const two = run(destination, all({ columns: "freeze" }), SECOND);
    expect(two.warnings).toEqual([expect.stringContaining("dlt's normalize step fails")]);
    expect(destination.state().loads).toHaveLength(1);
    // Not loaded, so `b` is still new: the same data fails again (it was let in as if the contract evolved).
    expect(run(destination, all({ columns: "freeze" }), SECOND).warnings).toEqual(two.warnings);
    // A frozen new table fails dlt's extract: nothing loads, not even the first run.
    const fresh = createDestination();
    run(fresh, all({ tables: "freeze" }), FIRST);
    expect(fresh.state().loads).toHaveLength(0);
  });

  it("columns evolve in the run that creates the table; later new columns fail, lose their values or their rows", () => {
    const freeze = twice(all({ columns: "freeze" }));
    expect(freeze.one).toEqual({ tables: { r: [[1, "x"]], r__l: [[1], [2]] }, warnings: [] });
    expect(freeze.two.warnings).toEqual([
      "r: `b` is a new column and `schema_contract` freezes `columns`: dlt's normalize step fails (`DataValidationError`: " +
        "Can't add table column `b` to table `r` because `columns` are frozen)",
    ]);
    const value = twice(all({ columns: "discard_value" })).two;
    expect(value.tables).toEqual({
      r: [
        [1, "x"],
        [2, "y"],
        [3, "7"],
      ],
      r__l: [[1], [2], [3], [4]],
    });
    expect(value.warnings).toEqual([
      "r: `b` is a new column of `r` and `schema_contract` says `columns: discard_value`: dlt drops its values",
    ]);
    // The row with `b` goes, and its nested rows with it.
    const row = twice(all({ columns: "discard_row" })).two;
    expect(row.tables).toEqual({
      r: [
        [1, "x"],
        [3, "7"],
      ],
      r__l: [[1], [2], [4]],
    });
    const nested = twice(all({ columns: "discard_row" }), [{ id: 2, l: [{ x: 2, y: 3 }, { x: 4 }] }], {
      records: [{ id: 1, l: [{ x: 1 }] }],
    }).two;
    expect(nested.tables).toEqual({ r: [[1], [2]], r__l: [[1], [4]] });
  });

  it("data_type governs new variant columns from the first run on", () => {
    const records: DataRecord[] = [
      { id: 1, a: 1 },
      { id: 2, a: "x", l: [5] },
    ];
    const freeze = twice(all({ data_type: "freeze" }), [], { records }).one;
    expect(freeze.warnings).toEqual([
      "r: `a__v_text` is a new variant column and `schema_contract` freezes `data_type`: dlt's normalize step fails " +
        "(`DataValidationError`: Can't add variant column `a__v_text` for table `r` because `data_types` are frozen)",
    ]);
    expect(twice(all({ data_type: "discard_value" }), [], { records }).one.tables).toEqual({
      r: [
        [1, 1],
        [2, null],
      ],
      r__l: [[5]],
    });
    expect(twice(all({ data_type: "discard_row" }), [], { records }).one.tables).toEqual({ r: [[1, 1]] });
    // dlt adds the other new columns of a row it drops (it updates the schema, then filters the row).
    const dropped = twice(all({ data_type: "discard_row" }), [], {
      records: [
        { id: 1, a: 1 },
        { id: 2, a: "x", b: 5 },
      ],
    }).one;
    expect(dropped.tables).toEqual({ r: [[1, 1, null]] });
  });

  it("a new nested table of an existing root: discarded with its rows, or dlt's normalize step fails", () => {
    const later = (mode: "discard_row" | "freeze") =>
      twice(all({ tables: mode }), [{ id: 2, l: [1] }], { contract: null, records: [{ id: 1 }] }).two;
    expect(later("discard_row").tables).toEqual({ r: [[1], [2]] });
    expect(later("freeze").warnings).toEqual([
      "r: `r__l` is a new nested table and `schema_contract` freezes `tables`: dlt's normalize step fails " +
        "(`DataValidationError`: Can't add table `r__l` because `tables` are frozen)",
    ]);
  });

  it("dlt's schema keeps the contract as written, on the root table", () => {
    for (const setting of ["evolve", { columns: "discard_value" }] as const) {
      const destination = createDestination();
      const p = createPreview({ destination });
      for (const e of [
        { type: "run_start", resources: ["r"], at: 0 },
        start("r", { schema_contract: setting }),
        page("r", FIRST),
        { type: "done", ok: true, duration_ms: 1, stats: {} },
      ] as EngineEvent[])
        p.push(e);
      const tables = dltStoredSchema(destination.state().schema, { processingHints: true }).tables as Record<
        string,
        Record<string, unknown>
      >;
      expect(tables.r!.schema_contract).toEqual(setting);
      expect(tables.r__l!.schema_contract).toBeUndefined();
    }
  });

  it("a table whose every row a contract drops is not shown, and its resource says why", () => {
    const p = createPreview({ destination: createDestination() });
    for (const e of [
      { type: "run_start", resources: ["r"], at: 0 },
      start("r", { schema_contract: { data_type: "discard_row" }, columns: [{ name: "a", data_type: "bigint" }] }),
      page("r", [{ a: "x" }]),
      { type: "done", ok: true, duration_ms: 1, stats: {} },
    ] as EngineEvent[])
      p.push(e);
    expect(p.tables()).toEqual([]);
    expect(p.resources()[0]!.warnings).toEqual([
      "r: `a__v_text` is a new variant column of `r` and `schema_contract` says `data_type: discard_row`: " +
        "dlt drops the rows that have a value there, with their nested rows",
    ]);
  });

  it("a nested table's own contract (nested_hints) governs it; its root evolves", () => {
    const destination = createDestination();
    const hints = {
      nested_hints: [
        {
          path: "purchases",
          columns: [{ name: "price", data_type: "decimal" as const }],
          schema_contract: { columns: "discard_value" as const },
        },
      ],
    };
    const once = (records: DataRecord[]) => {
      const p = createPreview({ destination });
      for (const e of [
        { type: "run_start", resources: ["c"], at: 0 },
        start("c", hints),
        page("c", records),
        { type: "done", ok: true, duration_ms: 1, stats: {} },
      ] as EngineEvent[])
        p.push(e);
      return p.tables().flatMap((t) => [t, ...t.child_tables]);
    };
    once([{ id: 1, purchases: [{ price: "1.5", x: 1 }] }]);
    const [c, purchases] = once([{ id: 2, y: 5, purchases: [{ price: "2.5", x: 2, z: 3 }] }]);
    expect(c!.columns.map((x) => x.name).filter((n) => !n.startsWith("_dlt"))).toEqual(["id", "y"]);
    expect(purchases!.columns.map((x) => x.name).filter((n) => !n.startsWith("_dlt"))).toEqual(["price", "x"]);
    const tables = dltStoredSchema(destination.state().schema, { processingHints: true }).tables as Record<string, Record<string, unknown>>;
    expect(tables.c__purchases!.schema_contract).toEqual({ columns: "discard_value" });
  });

  it("the columns a second run's hints add or change: new ones under `columns`, type changes under `data_type`", () => {
    // Run 1 makes `r` with `a` hinted text; run 2's hints add `b` or change `a` (each case checked with dlt on DuckDB).
    const second = (c: Partial<SchemaContract>, columns: ResourceStart["columns"], records: DataRecord[]) => {
      const destination = createDestination();
      run(destination, all(c), [{ id: 1, a: "x" }], { columns: [{ name: "a", data_type: "text" }] });
      const two = run(destination, all(c), records, { columns });
      return { ...two, warnings: [...new Set(two.warnings)] };
    };
    const withB = [
      { name: "a", data_type: "text" as const },
      { name: "b", data_type: "text" as const },
    ];
    const frozen = second({ columns: "freeze" }, withB, [{ id: 2, a: "y" }]);
    expect(frozen.warnings).toEqual([
      "`b`, a column the resource's hints add to `r`, is new and `schema_contract` freezes `columns`: dlt's extract step fails " +
        "(`DataValidationError`: Can't add table column `b` to table `r` because `columns` are frozen)",
    ]);
    // A hint without a data type is a new column too.
    expect(second({ columns: "freeze" }, [{ name: "b", nullable: true }], [{ id: 2 }]).warnings).toHaveLength(1);
    // Discarded: the hint is left out, and a value in `b` meets the contract as a new column's.
    const value = second({ columns: "discard_value" }, withB, [{ id: 2, a: "y", b: "B" }]);
    expect(value.tables).toEqual({
      r: [
        ["x", 1],
        ["y", 2],
      ],
    });
    expect(value.warnings).toEqual([
      "`b`, a column the resource's hints add to `r`, is new and `schema_contract` says `columns: discard_value`: " +
        "dlt leaves the hint out (values in `b` then meet the contract as a new column's)",
      "r: `b` is a new column of `r` and `schema_contract` says `columns: discard_value`: dlt drops its values",
    ]);
    expect(second({ columns: "discard_row" }, withB, [{ id: 2, a: "y", b: "B" }]).tables).toEqual({ r: [["x", 1]] });
    expect(second({ columns: "discard_row" }, withB, [{ id: 2, a: "y" }]).tables).toEqual({
      r: [
        ["x", 1],
        ["y", 2],
      ],
    });
    // `columns` does not govern a changed type; `data_type` does, and not a new column.
    expect(second({ columns: "freeze" }, [{ name: "a", data_type: "bigint" }], [{ id: 2, a: 5 }]).tables).toEqual({
      r: [
        ["x", 1],
        [5, 2],
      ],
    });
    expect(second({ data_type: "freeze" }, withB, [{ id: 2, a: "y", b: "B" }]).warnings).toEqual([]);
    expect(second({ data_type: "freeze" }, [{ name: "a", data_type: "text", nullable: false }], [{ id: 2, a: "y" }]).warnings).toEqual([
      "the resource's hints change `nullable` of `a` in `r` (unset → `false`) and `schema_contract` freezes `data_type`: " +
        "dlt's extract step fails (`DataValidationError`: Can't evolve column type of `a` in table `r` because `data_types` are frozen)",
    ]);
    const kept = second({ data_type: "discard_value" }, [{ name: "a", data_type: "bigint" }], [{ id: 2, a: 5 }]);
    expect(kept.tables).toEqual({
      r: [
        ["x", 1],
        ["5", 2],
      ],
    });
    expect(kept.warnings).toEqual([
      "the resource's hints change `data_type` of `a` in `r` (`text` → `bigint`) and `schema_contract` says " +
        "`data_type: discard_value`: dlt leaves the hint out and keeps `a` as it is",
    ]);
  });

  it("a nested table's hint columns in a later run meet the same checks (its contract: the root's here)", () => {
    const nested = (columns: { name: string; data_type: "decimal" | "bigint" | "text" }[]) => ({
      nested_hints: [{ path: "purchases", columns }],
    });
    const price = { name: "price", data_type: "decimal" as const };
    const second = (c: Partial<SchemaContract>, columns: { name: string; data_type: "decimal" | "bigint" | "text" }[]) => {
      const destination = createDestination();
      run(destination, all(c), [{ id: 1, purchases: [{ price: "1.5" }] }], nested([price]));
      return run(destination, all(c), [{ id: 2, purchases: [{ price: "2.5", qty: 3 }] }], nested(columns));
    };
    expect(second({ columns: "freeze" }, [price, { name: "qty", data_type: "bigint" }]).warnings[0]).toBe(
      "`qty`, a column the resource's hints add to `r__purchases`, is new and `schema_contract` freezes `columns`: dlt's extract " +
        "step fails (`DataValidationError`: Can't add table column `qty` to table `r__purchases` because `columns` are frozen)",
    );
    expect(second({ columns: "discard_value" }, [price, { name: "qty", data_type: "bigint" }]).tables.r__purchases).toEqual([
      ["1.5"],
      ["2.5"],
    ]);
    expect(second({ data_type: "freeze" }, [{ name: "price", data_type: "text" }]).warnings[0]).toContain(
      "Can't evolve column type of `price` in table `r__purchases` because `data_types` are frozen",
    );
  });

  it("a replace run whose every record a contract drops empties nothing: no row, no job, nothing truncated", () => {
    const replace = { write_disposition: "replace" };
    const drop = all({ columns: "discard_row" });
    const destination = createDestination();
    const rows = (records: DataRecord[]) => run(destination, drop, records, replace).tables.r;
    expect(rows([{ id: 1 }])).toEqual([[1]]);
    // dlt 1.26 on DuckDB: [1] after the run whose records all brought a new column, [3] after one that kept a record, [] after none.
    expect(rows([{ id: 2, n: 1 }])).toEqual([[1]]);
    expect(rows([{ id: 2, n: 1 }, { id: 3 }])).toEqual([[3]]);
    expect(rows([])).toEqual([]);
  });

  it("a discarded new root table under a nested hint that keeps it as its parent: dlt's extract step fails", () => {
    const nested = (h: object) => ({ nested_hints: [{ path: "xs", columns: [], ...h }] });
    const records = [{ id: 1, xs: [{ k: 1 }] }];
    const discard = all({ tables: "discard_row" });
    const orphan = run(createDestination(), discard, records, nested({})).warnings;
    expect(orphan.some((w) => w.includes("dlt's extract step fails (`ParentTableNotFoundException`: Parent table `r` for `r__xs`"))).toBe(
      true,
    );
    const frozen = run(createDestination(), discard, records, nested({ schema_contract: "freeze" })).warnings;
    expect(
      frozen.some((w) => w.startsWith("`r__xs` is a new nested table and `schema_contract` freezes `tables`: dlt's extract step fails")),
    ).toBe(true);
    // Its own contract discards it too (dlt: no table, no failure); a key makes a table of its own (no parent to miss).
    for (const h of [{ schema_contract: { tables: "discard_row" } }, { primary_key: ["k"] }]) {
      const quiet = run(createDestination(), discard, records, nested(h));
      expect(quiet.warnings.filter((w) => w.includes("step fails"))).toEqual([]);
      expect(quiet.tables).toEqual({});
    }
  });
});

import { describe, expect, it } from "vitest";
import type { EngineEvent } from "../engine/types";
import { createDestination, createPreview, readDestinationState, type Destination } from "./index";
import { page, start } from "../testing/preview-events";

const runStart = (at: number): EngineEvent => ({ type: "run_start", resources: [], at });
const done = (ok: boolean): EngineEvent => ({ type: "done", ok, duration_ms: 1, stats: {} });

function run(destination: Destination, at: number, events: EngineEvent[], ok = true) {
  const p = createPreview({ destination });
  for (const e of [runStart(at), ...events, done(ok)]) p.push(e);
  return p;
}

describe("the preview from events", () => {
  it("shows the tables while the run streams, and loads them when it ends ok", () => {
    const p = createPreview();
    p.push(runStart(1000));
    p.push(start("users", { primary_key: ["id"], write_disposition: "merge" }));
    p.push(page("users", [{ id: 1, name: "a", tags: ["x"] }]));
    const [users] = p.tables();
    expect(users).toMatchObject({ table_name: "users", loaded: false, resource: "users", primary_key: ["id"] });
    expect(users!.child_tables.map((c) => c.table_name)).toEqual(["users__tags"]);
    expect(p.tables()).toBe(p.tables());
    p.push(done(true));
    expect(p.loaded()).toBe(true);
    expect(p.tables()[0]!.loaded).toBe(true);
    expect(p.destination.state().loads).toHaveLength(1);
  });

  it("moves the incremental state with a loaded run, or one whose load job dlt fails: dlt commits it with the extract", () => {
    const inc = (resource: string, last: number | null): EngineEvent => ({
      type: "incremental",
      resource,
      cursor_path: "updated",
      before: 0,
      start_value: 0,
      end_value: null,
      after: last,
      filtered: 0,
      state: last === null ? null : { cursor_path: "updated", last_value: last, initial_value: 0 },
    });
    const before = {
      a: { cursor_path: "updated", last_value: 1, initial_value: 0 },
      b: { cursor_path: "updated", last_value: 5, initial_value: 0 },
      c: { cursor_path: "x", last_value: 7, initial_value: 0 },
    };
    const events = [start("a", {}), inc("a", 3), start("b", {}), inc("b", null), start("d", {}), inc("d", 9)];
    // `b` ran without state (an end_value backfill): its stored cursor stays, as dlt leaves it.
    expect(run(createDestination(), 1, events, true).incrementalState(before)).toEqual({
      a: { cursor_path: "updated", last_value: 3, initial_value: 0 },
      b: { cursor_path: "updated", last_value: 5, initial_value: 0 },
      c: { cursor_path: "x", last_value: 7, initial_value: 0 },
      d: { cursor_path: "updated", last_value: 9, initial_value: 0 },
    });
    const failed = run(createDestination(), 1, events, false);
    expect(failed.incrementalState(before)).toEqual(before);
    expect(failed.incrementalState(before)).not.toBe(before);
    // dlt 1.26.0 on DuckDB (a loopback API; `nullable: false` on `code`, typed text): a record without `code` fails the
    // load job (`NOT NULL constraint failed`), the package is aborted, and the next run asked `since=8`, the cursor the
    // failed run reached. A record with `code: null` fails the normalize step: the package stays pending, and the next
    // run sent no request (it retried the package and failed the same way), or, with nothing ever loaded, started from
    // `initial_value`: the cursors stay where they were.
    const code = { columns: [{ name: "code", data_type: "text" as const, nullable: false }] };
    const failing = (record: Record<string, number | null>) => [start("a", code), page("a", [{ id: 1, code: "x" }, record]), inc("a", 8)];
    const refused = run(createDestination(), 1, failing({ id: 2 }));
    expect([refused.loaded(), refused.refusal(), refused.cursorsMoved()]).toEqual([false, "a value DuckDB refuses in its load step", true]);
    expect(refused.incrementalState(before)).toMatchObject({ a: { last_value: 8 }, b: { last_value: 5 } });
    expect(refused.destination.state().loads).toEqual([]);
    const unnormalized = run(createDestination(), 1, failing({ id: 2, code: null }));
    expect([unnormalized.refusal(), unnormalized.cursorsMoved()]).toEqual(["a record its normalize step fails on", false]);
    expect(unnormalized.incrementalState(before)).toEqual(before);
  });

  it("needs no config: table_name, max_table_nesting and columns come with resource_start", () => {
    const p = run(createDestination(), 0, [
      start("raw", {
        table_name: "Stock Levels",
        max_table_nesting: 0,
        columns: [
          { name: "qty", data_type: "double" },
          { name: "sku", nullable: false },
        ],
      }),
      page("raw", [{ sku: "a", qty: 2, bins: [{ bin: 1 }] }]),
    ]);
    const [t] = p.tables();
    expect(t!.table_name).toBe("stock_levels");
    expect(t!.child_tables).toEqual([]);
    expect(t!.columns.map((c) => [c.name, c.data_type, c.nullable])).toEqual([
      ["qty", "double", true],
      ["sku", "text", false],
      ["bins", "json", true],
      ["_dlt_load_id", "text", false],
      ["_dlt_id", "text", false],
    ]);
  });

  it("dlt's nullability: a column with a value in every row is still nullable", () => {
    const p = run(createDestination(), 0, [
      start("r", { primary_key: ["id"] }),
      page("r", [
        { id: 1, v: 3 },
        { id: 2, v: 4 },
      ]),
    ]);
    expect(p.tables()[0]!.columns.slice(0, 2)).toEqual([
      { name: "id", data_type: "bigint", nullable: false, primary_key: true },
      { name: "v", data_type: "bigint", nullable: true },
    ]);
  });

  it("types numbers by their JSON spelling (`number_text` from the engine)", () => {
    const p = run(createDestination(), 0, [
      start("r"),
      page("r", [{ a: 3, b: 12345678901234568 }], [{ a: "3.0", b: "12345678901234567" }]),
    ]);
    const [t] = p.tables();
    expect(t!.columns.slice(0, 2).map((c) => c.data_type)).toEqual(["double", "bigint"]);
    expect(t!.rows[0]).toMatchObject({ a: 3, b: "12345678901234567" });
  });

  it("warns that dlt fails at extract on integers beyond 64 bits (orjson), once per place", () => {
    // Recorded with dlt 1.26.0 and orjson 3.12 (scripts/dlt-diff.ts): `TypeError: Integer exceeds 64-bit range`.
    const big = 2 ** 64; // as JSON.parse reads 18446744073709551616
    const p = run(createDestination(), 0, [
      start("r"),
      page(
        "r",
        [
          { id: 1, n: 2 ** 64, deep: { list: [1, big] } },
          { id: 2, n: big, deep: { list: [big, big] } },
          { id: 3, n: -(2 ** 63) },
        ],
        [
          { n: "18446744073709551615", deep: { list: { "1": "18446744073709551616" } } },
          { n: "18446744073709551616", deep: { list: { "0": "18446744073709551616", "1": "18446744073709551616" } } },
          { n: "-9223372036854775808" },
        ],
      ),
    ]);
    const warnings = p.tables()[0]!.warnings.filter((w) => w.includes("64 bits"));
    expect(warnings).toEqual([
      "r: `deep.list[]` holds 18446744073709551616, beyond 64 bits: dlt's extract step fails on it (orjson, dlt's JSON library: `Integer exceeds 64-bit range`) and loads nothing",
      "r: `n` holds 18446744073709551616, beyond 64 bits: dlt's extract step fails on it (orjson, dlt's JSON library: `Integer exceeds 64-bit range`) and loads nothing",
    ]);
  });

  it("warns that dlt's normalize step fails on an integer beyond 64 bits made from a float", () => {
    // dlt 1.26 + orjson: 1e20 into a bigint column is int 100000000000000000000, which orjson refuses.
    const p = run(createDestination(), 0, [
      start("r"),
      page("r", [{ x: 5 }, { x: 1e20 }, { x: 1e18 }, { x: 2e20 }], [null, { x: "1e20" }, { x: "1e18" }, { x: "2e20" }]),
    ]);
    const t = p.tables()[0]!;
    expect(t.rows.map((r) => r.x)).toEqual([5, "100000000000000000000", "1000000000000000000", "200000000000000000000"]);
    // One message per column, with its first such value.
    expect(t.warnings.filter((w) => w.includes("64 bits"))).toEqual([
      "r: `x` gets 100000000000000000000, beyond 64 bits: dlt's normalize step fails on it where it writes JSONL load files " +
        "(orjson, dlt's JSON library: `Integer exceeds 64-bit range`), and dlt's load step fails on it on DuckDB (BIGINT out of range)",
    ]);
  });

  it("says what a repeated primary key does under each merge strategy", () => {
    const effect = (strategy: string | null) => {
      const p = run(createDestination(), 0, [
        start("r", { primary_key: ["id"], write_disposition: "merge", merge_strategy: strategy }),
        page("r", [{ id: 1 }, { id: 1 }, { id: 2 }]),
      ]);
      const f = p.findings().find((x) => x.code === "record_primary_key_not_unique");
      return [f?.severity, f?.message.replace(/^.*records of `r`: /, "")];
    };
    expect(effect(null)).toEqual(["info", "merge keeps one row per key (by `dedup_sort`, else the first)"]);
    expect(effect("upsert")).toEqual([
      "warning",
      "upsert inserts every one of them while the key is not stored, " +
        "and of those matching a stored row DuckDB picks the one that updates it",
    ]);
    expect(effect("insert-only")).toEqual(["warning", "insert-only inserts every one of them while the key is not stored"]);
    expect(effect("scd2")).toEqual(["info", "scd2 keeps versions by row hash, not by primary_key: records that differ are all kept"]);
  });

  it("warns that DuckDB's load fails on an integer above a signed 64-bit BIGINT that dlt extracts", () => {
    // scripts/dlt-diff.ts --strategies: 12345678901234567890 passes orjson (unsigned 64 bits) and fails DuckDB's INT64.
    const p = run(createDestination(), 0, [
      start("r"),
      page(
        "r",
        [{ x: 1 }, { x: Number("12345678901234567890"), y: Number("9223372036854775807") }],
        [null, { x: "12345678901234567890", y: "9223372036854775807" }],
      ),
    ]);
    const t = p.tables()[0]!;
    expect(t.rows.map((r) => [r.x, r.y ?? null])).toEqual([
      [1, null],
      ["12345678901234567890", "9223372036854775807"],
    ]);
    expect(t.warnings.filter((w) => w.includes("BIGINT"))).toEqual([
      "r: `x` gets 12345678901234567890, outside -9223372036854775808 to 9223372036854775807: DuckDB's BIGINT cannot hold it, " +
        "so dlt's load step fails on DuckDB (`Conversion Error: … out of range for the destination type INT64`)",
    ]);
  });

  it("warns that DuckDB's load fails on text a double column takes as nan or inf", () => {
    // Real dlt 1.26 on DuckDB: its insert_values load file holds `nan` / `inf`, which DuckDB reads as column names.
    const p = run(createDestination(), 0, [
      start("r"),
      page("r", [{ x: 1.5 }, { x: " NaN " }, { x: "-inf" }, { x: "Infinity" }, { x: "nan" }, { x: "2.5" }]),
    ]);
    const t = p.tables()[0]!;
    expect(t.columns.find((c) => c.name === "x")?.data_type).toBe("double");
    expect(t.rows.map((r) => r.x)).toEqual([1.5, NaN, -Infinity, Infinity, NaN, 2.5]);
    expect(t.warnings.filter((w) => w.includes("Binder Error"))).toEqual([
      "r: `x` holds text that dlt's normalize step makes the double nan: dlt's load step fails on it on DuckDB, " +
        'whose INSERT gets `nan` (`Binder Error: Referenced column "nan" was not found`)',
    ]);
  });

  it("a negative max_table_nesting keeps nested data whole, as 0 does (dlt 1.26.0 loaded -1 and -5 so)", () => {
    const p = run(createDestination(), 0, [start("r", { max_table_nesting: -1 }), page("r", [{ id: 1, a: { b: { c: 1 } }, l: [1, 2] }])]);
    expect(p.tables()[0]!.child_tables).toEqual([]);
    expect(p.tables()[0]!.columns.map((c) => [c.name, c.data_type])).toEqual(
      expect.arrayContaining([
        ["a", "json"],
        ["l", "json"],
      ]),
    );
  });

  it("writes a dict kept whole into a text column as dlt's json.dumps does, numbers as Python holds them", () => {
    // scripts/dlt-diff.ts against dlt 1.26 + orjson: `46.0` stays a float, integers beyond 2^53 stay exact.
    const p = run(createDestination(), 0, [
      start("r", { max_table_nesting: 0 }),
      page(
        "r",
        [{ v: "plain" }, { v: { a: 46, b: 9007199254740992, c: 1e20, d: [1.5, "ü"] } }],
        [null, { v: { a: "46.0", b: "9007199254740993", c: "1e20" } }],
      ),
    ]);
    expect(p.tables()[0]!.rows.map((r) => r.v)).toEqual(["plain", '{"a":46.0,"b":9007199254740993,"c":1e+20,"d":[1.5,"ü"]}']);
  });

  it("merge across runs: updated rows replace theirs, children follow, the counts and marks say so", () => {
    const d = createDestination();
    const merge = start("c", { primary_key: ["id"], write_disposition: "merge" });
    run(d, 1000, [
      merge,
      page("c", [
        { id: 1, n: "a", l: [1, 2] },
        { id: 2, n: "b", l: [3] },
      ]),
    ]);
    const p = run(d, 2000, [
      merge,
      page("c", [
        { id: 2, n: "B", l: [] },
        { id: 3, n: "c", l: [4] },
      ]),
    ]);
    const [c] = p.tables();
    expect(c!.rows.map((r) => [r.id, r.n])).toEqual([
      [1, "a"],
      [2, "B"],
      [3, "c"],
    ]);
    expect(c!.row_changes).toEqual(["unchanged", "updated", "inserted"]);
    expect(c!.changes).toEqual({ inserted: 1, updated: 1, deleted: 0, unchanged: 1 });
    expect(c!.child_tables[0]!.rows.map((r) => r.value)).toEqual([1, 2, 4]);
    expect(c!.child_tables[0]!.changes).toEqual({ inserted: 1, updated: 0, deleted: 1, unchanged: 2 });
    expect(c!.records).toEqual([
      { id: 2, n: "B", l: [] },
      { id: 3, n: "c", l: [4] },
    ]);
  });

  it("a failed run is not loaded: the next run starts from the last load", () => {
    const d = createDestination();
    run(d, 1000, [start("a"), page("a", [{ x: 1 }])]);
    const failed = run(d, 2000, [start("a"), page("a", [{ x: 2 }])], false);
    expect(failed.tables()[0]!.rows).toHaveLength(2);
    expect(failed.tables()[0]!.loaded).toBe(false);
    expect(
      run(d, 3000, [start("a"), page("a", [{ x: 3 }])])
        .tables()[0]!
        .rows.map((r) => r.x),
    ).toEqual([1, 3]);
  });

  it("replace empties the table and its children even when the resource yields nothing", () => {
    const d = createDestination();
    run(d, 1000, [start("s", { write_disposition: "replace" }), page("s", [{ k: 1, h: [1] }])]);
    const [s] = run(d, 2000, [start("s", { write_disposition: "replace" }), page("s", [])]).tables();
    expect(s!.rows).toEqual([]);
    expect(s!.child_tables[0]!.rows).toEqual([]);
    expect(s!.changes.deleted).toBe(1);
  });

  it("a resource that yields nothing makes no table; parents only feeding a child and `skip` are not loaded", () => {
    const p = run(createDestination(), 0, [
      start("empty"),
      page("empty", []),
      start("parent", { selected: false }),
      page("parent", [{ id: 1 }]),
      start("skipped", { write_disposition: "skip" }),
      page("skipped", [{ id: 1 }]),
    ]);
    expect(p.tables()).toEqual([]);
    expect(p.resources().map((r) => [r.resource, r.table_name, r.fetched])).toEqual([
      ["empty", "empty", 0],
      ["parent", null, 1],
      ["skipped", null, 1],
    ]);
    expect(p.resources()[2]!.warnings[0]).toContain("skip");
  });

  it("a compound key with a field no record carries names that field, not the one the records do carry", () => {
    // A child's key written `item_id` where include_from_parent makes `_items_id`: every record has `k`.
    const p = run(createDestination(), 0, [
      start("details", { primary_key: ["item_id", "k"], write_disposition: "merge" }),
      page("details", [
        { detail: "a", k: 0, _items_id: 1 },
        { detail: "b", k: 1, _items_id: 1 },
      ]),
    ]);
    const warning = p.tables()[0]!.warnings.find((w) => w.startsWith("primary_key"));
    expect(warning).toBe(
      "primary_key `item_id`, `k` is missing in 2 of 2 records of `details`: none of them carries `item_id` — " +
        "set `primary_key` to fields every record carries",
    );
  });

  it("warns about a missing primary key with the field that looks like it; no false null warnings", () => {
    const p = run(createDestination(), 0, [
      start("bank_transactions", { primary_key: ["id"], write_disposition: "merge" }),
      page("bank_transactions", [
        { BankTransactionID: "a", meta: null, late: null },
        { BankTransactionID: "b", meta: { x: 1 }, late: null },
      ]),
    ]);
    const warnings = p.tables()[0]!.warnings;
    expect(warnings).toContain(
      "primary_key `id` is missing in 2 of 2 records of `bank_transactions`; " +
        'the records carry `BankTransactionID` — set `primary_key: "BankTransactionID"`',
    );
    // No record gives `id` a type: dlt's normalize step fails on the table.
    expect(warnings).toContain(
      "bank_transactions: `id` is not nullable, but 2 rows have no value there and no row gives it a type: " +
        "dlt's normalize step fails (`UnboundColumnException`)",
    );
    // `meta` is a dict in the second record (its values land in `meta__x`): only `late` is null-only.
    expect(warnings.filter((w) => w.includes("null in every record"))).toEqual([
      "`late` is null in every record of `bank_transactions` so far: dlt creates no column until a value arrives",
    ]);
    const p2 = run(createDestination(), 0, [start("t"), page("t", [{ meta: null }, { meta: "half" }])]);
    expect(p2.tables()[0]!.warnings).toEqual([]);
    // Null in some records, a dict (flattened into `meta__source`) or a list (a nested table) in others: not null-only.
    for (const other of [{ source: "api" }, ["a"]]) {
      const p3 = run(createDestination(), 0, [
        start("t"),
        page("t", [
          { id: 1, meta: null },
          { id: 2, meta: other },
        ]),
      ]);
      expect(p3.tables()[0]!.warnings).toEqual([]);
    }
  });

  it("the destination state is JSON and comes back whole; reset empties it", () => {
    const d = createDestination();
    run(d, 1000, [
      start("a", { primary_key: ["id"], write_disposition: "merge" }),
      page("a", [{ id: 1, big: 9007199254740992 }], [{ big: "9007199254740993" }]),
    ]);
    const { state, fault } = readDestinationState(JSON.parse(JSON.stringify(d.state())));
    expect(fault).toBeUndefined();
    const again = createDestination({ state });
    const [a] = run(again, 2000, [
      start("a", { primary_key: ["id"], write_disposition: "merge" }),
      page("a", [{ id: 2, big: 3 }]),
    ]).tables();
    expect(a!.rows.map((r) => [r.id, r.big])).toEqual([
      [1, "9007199254740993"],
      [2, 3],
    ]);
    expect(readDestinationState({ version: 2 }).fault).toBe("it is not restplay's destination (version 1)");
    again.reset();
    expect(again.state()).toMatchObject({ loads: [], schema: [], rows: {} });
  });

  it("load ids grow with every load, even on a virtual clock that starts over", () => {
    const d = createDestination();
    run(d, 5000, [start("a"), page("a", [{ x: 1 }])]);
    run(d, 5000, [start("a"), page("a", [{ x: 2 }])]);
    const [first, second] = d.state().loads;
    expect(Number(second)).toBeGreaterThan(Number(first));
  });
});

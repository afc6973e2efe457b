/**
 * Records whose shape dlt 1.26.0 treats in its own way (each case checked against real dlt on DuckDB
 * with the dlt oracle, ../shared/tools/dlt-oracle): what the tables hold, and the load failures the
 * preview must announce because dlt's load step hits them.
 */
import { describe, expect, it } from "vitest";
import type { DataRecord, EngineEvent } from "../engine/types";
import { page, start, type ResourceStart } from "../testing/preview-events";
import { createDestination, createPreview, materialize, stringifyJson } from "./index";

function tables(records: DataRecord[], o: Partial<ResourceStart> = {}) {
  const p = createPreview({ destination: createDestination() });
  const events: EngineEvent[] = [
    { type: "run_start", resources: ["r"], at: 0 },
    start("r", o),
    page("r", records),
    { type: "done", ok: true, duration_ms: 1, stats: {} },
  ];
  for (const e of events) p.push(e);
  const all = p.tables().flatMap((t) => [t, ...t.child_tables]);
  return {
    names: all.map((t) => t.table_name),
    table: (name: string) => all.find((t) => t.table_name === name)!,
    warnings: p.tables().flatMap((t) => t.warnings),
  };
}

const columnsOf = (t: { columns: readonly { name: string; data_type: string }[] }) => t.columns.map((c) => `${c.name}:${c.data_type}`);

describe("records dlt treats in its own way", () => {
  it("a value of another type in a not-null column goes to its variant, and dlt's load then fails (NOT NULL)", () => {
    const t = tables([{ id: 1 }, { id: "abc" }], { primary_key: ["id"] });
    expect(columnsOf(t.table("r"))).toEqual(["id:bigint", "_dlt_load_id:text", "_dlt_id:text", "id__v_text:text"]);
    expect(t.table("r").rows[1]).toMatchObject({ id: null, id__v_text: "abc" });
    expect(t.warnings).toEqual([expect.stringContaining("`Constraint Error: NOT NULL constraint failed: r.id`")]);
    // A nullable column takes the same drift without a failure.
    expect(tables([{ id: 1 }, { id: "abc" }]).warnings).toEqual([]);
  });

  it("a list under a blank key (or `__`) lands in its row's own table, its dict items as root rows", () => {
    const blank = tables([{ "": [{ a: 1 }] }]);
    expect(blank.names).toEqual(["r"]);
    expect(blank.table("r").rows).toHaveLength(2);
    expect(blank.table("r").rows[1]).toMatchObject({ a: 1, _dlt_load_id: blank.table("r").rows[0]!._dlt_load_id });
    expect(blank.table("r").rows[1]).not.toHaveProperty("_dlt_parent_id");
    expect(tables([{ __: [{ a: 1 }] }]).names).toEqual(["r"]);
    // A dict under a blank key is flattened as `_empty`; a nested table's blank list stays in that table.
    expect(columnsOf(tables([{ "": { a: 1 } }]).table("r"))).toContain("_empty__a:bigint");
    const nested = tables([{ x: [{ "": [5] }] }]);
    expect(nested.names).toEqual(["r", "r__x"]);
    expect(nested.table("r__x").rows[1]).toMatchObject({ value: 5, _dlt_parent_id: nested.table("r__x").rows[0]!._dlt_id });
  });

  it("a key that normalises to nothing makes a nameless column, which dlt's normalize step for DuckDB fails on", () => {
    const t = tables([{ __: "x", a: 1 }]);
    expect(columnsOf(t.table("r"))).toContain(":text");
    expect(t.warnings).toEqual([expect.stringContaining("makes a column without a name: dlt's normalize step fails on it for DuckDB")]);
    expect(tables([{ "": "x" }]).warnings).toEqual([]);
  });

  it("a nameless column is never complete to dlt: a value its type cannot take stays in it, with no variant", () => {
    const t = tables([{ __: "2024-01-02T03:04:05+02:00" }, { __: "0x1f" }, { __: "42" }, { a: "2024-01-02T00:00:00Z" }, { a: "0x1f" }]);
    expect(columnsOf(t.table("r"))).toEqual([":timestamp", "_dlt_load_id:text", "_dlt_id:text", "a:timestamp", "a__v_text:text"]);
    expect(t.table("r").rows.map((r) => r[""] ?? null)).toEqual([
      "2024-01-02T01:04:05+00:00",
      "0x1f",
      "1970-01-01T00:00:42+00:00",
      null,
      null,
    ]);
    // In a bigint column such text stays text (the JSON output is JSON).
    const ints = tables([{ __: 5 }, { __: "2024-02-29T12:00:00+00:00" }]).table("r");
    expect(columnsOf(ints)).toContain(":bigint");
    expect(JSON.parse(stringifyJson(materialize(ints))).map((r: Record<string, unknown>) => r[""])).toEqual([
      5,
      "2024-02-29T12:00:00+00:00",
    ]);
  });

  it("dict items of such a list are rows without the primary key: dlt's load fails (NOT NULL)", () => {
    for (const disposition of ["append", "merge"] as const) {
      const t = tables([{ id: 1, " ": [{ a: 1 }] }, { id: 2 }], { primary_key: ["id"], write_disposition: disposition });
      expect(t.warnings).toEqual([
        "r: `id` is not nullable, but a row has no value there: dlt's load step fails on DuckDB " +
          "(`Constraint Error: NOT NULL constraint failed: r.id`)",
      ]);
    }
  });

  it("scalar items of such a list get no `_dlt_load_id`: dlt's load fails on them", () => {
    const t = tables([{ " ": [1, 2] }]);
    expect(t.names).toEqual(["r"]);
    expect(
      t
        .table("r")
        .rows.slice(1)
        .map((r) => [r.value, r._dlt_load_id ?? null]),
    ).toEqual([
      [1, null],
      [2, null],
    ]);
    expect(t.warnings).toEqual([
      "r: `_dlt_load_id` is not nullable, but 2 rows have no value there: dlt's load step fails on DuckDB " +
        "(`Constraint Error: NOT NULL constraint failed: r._dlt_load_id`)",
    ]);
  });

  it("a not-null column a row has no value for: dlt's load fails (NOT NULL), or its normalize step when no row types it", () => {
    // A primary key that some records lack, under append (merge says the same and suggests the key's field).
    expect(tables([{ id: 1 }, { a: 2 }], { primary_key: ["id"] }).warnings).toEqual([
      "r: `id` is not nullable, but a row has no value there: dlt's load step fails on DuckDB " +
        "(`Constraint Error: NOT NULL constraint failed: r.id`)",
    ]);
    expect(tables([{ a: 1 }, { a: 2 }], { primary_key: ["id"] }).warnings).toEqual([
      "r: `id` is not nullable, but 2 rows have no value there and no row gives it a type: " +
        "dlt's normalize step fails (`UnboundColumnException`)",
    ]);
    // A nested row with an `_dlt_id` of its own gets no parent columns, which its siblings' rows made not null.
    expect(tables([{ x: [{ _dlt_id: "a" }, { b: 1 }] }]).warnings).toEqual([
      "r__x: `_dlt_parent_id` is not nullable, but a row has no value there: dlt's load step fails on DuckDB " +
        "(`Constraint Error: NOT NULL constraint failed: r__x._dlt_parent_id`)",
      "r__x: `_dlt_list_idx` is not nullable, but a row has no value there: dlt's load step fails on DuckDB " +
        "(`Constraint Error: NOT NULL constraint failed: r__x._dlt_list_idx`)",
    ]);
    expect(tables([{ id: 1, x: [1] }, { id: 2 }], { primary_key: ["id"] }).warnings).toEqual([]);
    // A hint on a blank key names no column (the data's blank key is `_empty`): dlt's normalize step fails on it.
    const blank = tables([{ " ": 1 }], { columns: [{ name: " ", data_type: "json", nullable: false }] });
    expect(columnsOf(blank.table("r"))).toContain("_empty:bigint");
    expect(blank.warnings).toEqual([
      "r: a not-null hint on a blank key names no column (the records' blank key is `_empty`): " +
        "dlt's normalize step fails (`UnboundColumnException`)",
    ]);
  });

  it("a column named like an Object member (`constructor`, `to_string`) is null where a row has no value, not Object's", () => {
    const t = tables([{ constructor: 1, toString: "a", x: [{ constructor: 2 }, 3] }, { id: 2 }]);
    const [root, child] = [materialize(t.table("r")), materialize(t.table("r__x"))];
    expect(root.map((r) => [r.constructor, r.to_string])).toEqual([
      [1, "a"],
      [null, null],
    ]);
    expect(child.map((r) => r.constructor)).toEqual([2, null]);
  });

  it("a record's own `_dlt_id` is kept when Python takes it as true, typed as data; its children point at it", () => {
    const t = tables([{ _dlt_id: 5, a: 1, x: [1] }]);
    expect(columnsOf(t.table("r"))).toEqual(["_dlt_id:bigint", "a:bigint", "_dlt_load_id:text"]);
    expect(t.table("r").rows[0]).toMatchObject({ _dlt_id: 5 });
    expect(t.table("r__x").rows[0]).toMatchObject({ value: 1, _dlt_parent_id: 5 });
    // 0 and "" are false: dlt makes the id.
    expect(tables([{ _dlt_id: "", a: 1 }]).table("r").rows[0]!._dlt_id).toMatch(/^[A-Za-z0-9+/]{13}[AQgw]$/);
  });

  it("ids dlt makes at random are shaped as dlt's (10 bytes in base64: 14 characters, the last of `AQgw`), every one its own", () => {
    const t = tables(Array.from({ length: 2000 }, (_, i) => ({ a: i, x: [i, i + 1] })));
    const ids = [...t.table("r").rows, ...t.table("r__x").rows].map((r) => r._dlt_id as string);
    expect(ids).toHaveLength(6000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9+/]{13}[AQgw]$/);
    expect(new Set(ids).size).toBe(6000);
    // Every character of the alphabet turns up where 6 bits of the hash go (no position stuck).
    for (let at = 0; at < 13; at++) expect(new Set(ids.map((id) => id[at])).size).toBe(64);
  });
});

describe("values dlt's extract or DuckDB's load fails on (each checked with real dlt 1.26.0 on DuckDB)", () => {
  const hinted = (columns: NonNullable<ResourceStart["columns"]>) => ({ columns });
  const only = (warnings: string[], word: string) => warnings.filter((w) => w.includes(word));

  it("text with a NUL character fails DuckDB's INSERT in any column; inside a json cell it is escaped and loads", () => {
    const t = tables([{ id: 1, note: "abc\u0000def", tags: ["a\u0000"] }]);
    expect(t.table("r").rows[0]).toMatchObject({ note: "abc\u0000def" });
    expect(only(t.warnings, "NUL")).toEqual([
      "r: `note` holds text with a NUL character (`\\u0000`): dlt's load step fails on DuckDB, whose INSERT ends the text there " +
        "(`Parser Error: unterminated quoted string`)",
      expect.stringMatching(/^r__tags: `value` holds text with a NUL character/),
    ]);
    const cell = tables([{ id: 1, doc: { a: "x\u0000y" } }], { max_table_nesting: 0 });
    expect([cell.table("r").rows[0]?.doc, only(cell.warnings, "NUL")]).toEqual([{ a: "x\u0000y" }, []]);
    // A string a json hint takes is written as it is (real dlt: the same Parser Error); text a bigint column
    // cannot take goes to its variant (text too).
    expect(only(tables([{ doc: "x\u0000y" }], hinted([{ name: "doc", data_type: "json" }])).warnings, "NUL")).toHaveLength(1);
    expect(only(tables([{ x: 5 }, { x: "1\u00002" }]).warnings, "NUL")).toEqual([expect.stringContaining("`x` holds text with a NUL")]);
  });

  it("a record's own `_dlt_id` is data: a NUL in it is told for its table and for its nested rows' parent and root ids", () => {
    const records: DataRecord[] = [
      { id: 1, _dlt_id: "own\u0000id", tags: ["a", "b"], lines: [{ sku: "s" }] },
      { id: 2, tags: ["a"], lines: [{ sku: "t" }] },
    ];
    const t = tables(records, { write_disposition: "merge", primary_key: ["id"] });
    expect(t.table("r__tags").rows[0]).toMatchObject({ _dlt_parent_id: "own\u0000id", _dlt_root_id: "own\u0000id" });
    expect(only(t.warnings, "NUL").map((w) => w.slice(0, w.indexOf(" holds")))).toEqual([
      "r: `_dlt_id`",
      "r__tags: `_dlt_root_id`",
      "r__tags: `_dlt_parent_id`",
      "r__lines: `_dlt_root_id`",
      "r__lines: `_dlt_parent_id`",
    ]);
  });

  it("a lone UTF-16 surrogate anywhere in a record (value, key, json cell) fails dlt's extract step", () => {
    const value = tables([
      { id: 1, bio: "cut emoji \ud83d" },
      { id: 2, bio: "whole emoji \ud83d\ude00" },
    ]);
    expect(value.table("r").rows[0]).toMatchObject({ bio: "cut emoji \ud83d" });
    expect(only(value.warnings, "surrogate")).toEqual([
      'r: `bio` holds text with a lone UTF-16 surrogate ("cut emoji \\ud83d", half of a character such as an emoji): ' +
        "dlt's extract step fails on it (orjson, dlt's JSON library: `str is not valid UTF-8: surrogates not allowed`) and loads nothing",
    ]);
    const key = tables([{ id: 1, address: { ["b\ud83d"]: 1 } }]);
    expect(only(key.warnings, "surrogate")).toEqual([
      expect.stringMatching(/^r: a key in `r__address` holds text with a lone UTF-16 surrogate \("b\\ud83d"/),
    ]);
    const cell = tables([{ id: 1, doc: { a: ["ok", "x\udc00"] } }], { max_table_nesting: 0 });
    expect(only(cell.warnings, "surrogate")).toEqual([
      expect.stringContaining('`doc` holds text with a lone UTF-16 surrogate ("x\\udc00"'),
    ]);
    // Long text is shown up to the surrogate; well-formed pairs are not flagged.
    const long = tables([{ s: `${"é".repeat(30)}\ud83d\ude00 and \udbff` }]);
    expect(only(long.warnings, "surrogate")).toEqual([expect.stringContaining(`("…${"é".repeat(13)}\ud83d\ude00 and \\udbff"`)]);
  });

  it("an integer outside the DuckDB type a bigint `precision` makes fails its load; precision 65–128 (HUGEINT) holds 64 bits", () => {
    const t = tables(
      [
        { small: 1000, tiny: 100 },
        { small: 40000, tiny: -129 },
        { small: "32767", tiny: 127.0 },
      ],
      hinted([
        { name: "small", data_type: "bigint", precision: 16 },
        { name: "tiny", data_type: "bigint", precision: 8 },
      ]),
    );
    expect(only(t.warnings, "out of range")).toEqual([
      "r: `small` gets 40000, outside -32768 to 32767: DuckDB's SMALLINT (`precision: 16`) cannot hold it, so dlt's load step fails " +
        "on DuckDB (`Conversion Error: … out of range for the destination type INT16`)",
      "r: `tiny` gets -129, outside -128 to 127: DuckDB's TINYINT (`precision: 8`) cannot hold it, so dlt's load step fails " +
        "on DuckDB (`Conversion Error: … out of range for the destination type INT8`)",
    ]);
    // Text and floats a narrow column takes are judged too (real dlt: 3000000000.0 fails INTEGER).
    const made = tables([{ x: "3000000000" }, { x: 3e9 }], hinted([{ name: "x", data_type: "bigint", precision: 32 }]));
    expect(only(made.warnings, "INT32")).toHaveLength(1);
    const huge = tables([{ x: Number("12345678901234567890") }], hinted([{ name: "x", data_type: "bigint", precision: 128 }]));
    expect(only(huge.warnings, "out of range")).toEqual([]);
  });

  it("a decimal DuckDB's DECIMAL(p,s) cannot hold once rounded to its scale fails the load (defaults 38, 9)", () => {
    const dec = [{ name: "amount", data_type: "decimal" as const, precision: 6, scale: 3 }];
    const t = tables([{ amount: "123.4" }, { amount: "999.9994" }, { amount: 999.99949 }, { amount: "12345.6" }], hinted(dec));
    expect(only(t.warnings, "DECIMAL")).toEqual([
      "r: `amount` gets 12345.6, which DuckDB's DECIMAL(6,3) cannot hold (rounded to 3 places, at most 3 digits before the point): " +
        "dlt's load step fails on DuckDB (`Conversion Error: Casting value … to type DECIMAL(6,3) failed: value is out of range!`)",
    ]);
    // Rounding up to the next digit is out of range (real dlt: 999.9995 fails DECIMAL(6,3)); exponents are read.
    expect(only(tables([{ amount: "-999.9995" }], hinted(dec)).warnings, "DECIMAL(6,3)")).toHaveLength(1);
    expect(only(tables([{ amount: "1E+3" }, { amount: "9.99E+2" }], hinted(dec)).warnings, "1E+3")).toHaveLength(1);
    const wide = tables([{ x: "1e40" }, { x: "0.0000000001" }], hinted([{ name: "x", data_type: "decimal" }]));
    expect(only(wide.warnings, "DECIMAL(38,9)")).toEqual([expect.stringContaining("`x` gets 1E+40")]);
  });

  it("a null `dedup_sort` value loses its key either way, as DuckDB orders nulls last (SQLite would keep it ascending)", () => {
    // Real dlt 1.26.0 on DuckDB: asc keeps id 1's `seq` 1 over its null, and id 4's "3" (coerced) over 5.
    const merged = (order: "asc" | "desc") =>
      tables(
        [
          { id: 1, seq: 1, v: "one" },
          { id: 1, seq: null, v: "null" },
          { id: 4, seq: 5, v: "five" },
          { id: 4, seq: "3", v: "three-str" },
        ],
        { primary_key: ["id"], write_disposition: "merge", columns: [{ name: "seq", dedup_sort: order }] },
      )
        .table("r")
        .rows.map((r) => r.v);
    expect(merged("asc")).toEqual(["one", "three-str"]);
    expect(merged("desc")).toEqual(["one", "five"]);
  });
});

describe("a `binary` column hint", () => {
  it("decodes text as dlt's _text_to_binary does (0x hex, else strict base64); text it cannot decode goes to a variant", () => {
    const t = tables([{ h: "aGVsbG8=" }, { h: "0x41 42" }, { h: "abc" }, { h: "0xZZ" }], {
      columns: [{ name: "h", data_type: "binary" }],
    }).table("r");
    expect(columnsOf(t)).toContain("h__v_text:text");
    expect(materialize(t).map((r) => [r.h, r.h__v_text])).toEqual([
      ["0x68656c6c6f", null],
      ["0x4142", null],
      [null, "abc"],
      [null, "0xZZ"],
    ]);
  });

  it('writes an integer as dlt\'s int.to_bytes(…, "little") (258: 0x0201, 0: no bytes); a negative one goes to a variant', () => {
    const t = tables([{ h: 258 }, { h: 0 }, { h: -1 }], { columns: [{ name: "h", data_type: "binary" }] }).table("r");
    expect(materialize(t).map((r) => [r.h, r.h__v_bigint])).toEqual([
      ["0x0201", null],
      ["0x", null],
      [null, -1],
    ]);
  });
});

describe("a primary key present in the records but not in its column", () => {
  it("is not suggested as the key it already is: the warning says its values are null or of another type", () => {
    const { warnings } = tables([{ id: 1 }, { id: "x" }], { write_disposition: "merge", primary_key: ["id"] });
    const said = warnings.find((w) => w.startsWith("primary_key `id` is missing"));
    expect(said).toContain("they carry `id`, but null or a value of another type than its column");
    expect(said).not.toContain('set `primary_key: "id"`');
  });
});

describe("table names too long for dlt's load files (dlt 1.26.0 on Linux: `[Errno 36] File name too long`)", () => {
  const run = (resource: string, records: DataRecord[]) => {
    const p = createPreview({ destination: createDestination() });
    for (const e of [
      { type: "run_start", resources: [resource], at: 0 },
      start(resource),
      page(resource, records),
      { type: "done", ok: true, duration_ms: 1, stats: {} },
    ] as EngineEvent[])
      p.push(e);
    return { p, warnings: p.tables().flatMap((t) => t.warnings) };
  };
  it("a nested table of up to 225 bytes loads; one of 226 fails dlt's normalize step, and nothing of the run is loaded", () => {
    // `items__` + the key: 218 → 225 bytes (dlt loaded it), 219 → 226 (dlt's normalize step failed).
    const fits = run("items", [{ id: 1, ["k".repeat(218)]: [1, 2] }]);
    expect([fits.p.loaded(), fits.warnings]).toEqual([true, []]);
    const long = run("items", [{ id: 1, ["k".repeat(219)]: [1, 2] }]);
    expect([long.p.loaded(), long.p.refusal()]).toEqual([false, "a record its normalize step fails on"]);
    expect(long.warnings.join("\n")).toContain("the table's name is 226 bytes long: dlt's normalize step fails writing its load file");
    // An empty list makes no table and no file.
    expect(run("items", [{ id: 1, ["k".repeat(219)]: [] }]).p.loaded()).toBe(true);
  });
  it("the resource's own table: 226 and 227 bytes fail the normalize step, 228 the extract step (its typed-jsonl file)", () => {
    const normalize = run("r".repeat(227), [{ id: 1 }]);
    expect(normalize.warnings.join("\n")).toContain(
      "227 bytes long: dlt's normalize step fails writing its load file `<table>.<file id>.0.insert_values.gz`",
    );
    const extract = run("r".repeat(228), [{ id: 1 }]);
    expect(extract.p.refusal()).toBe("a record its extract step fails on");
    expect(extract.warnings.join("\n")).toContain(
      "228 bytes long: dlt's extract step fails writing its load file `<table>.<file id>.0.typed-jsonl.gz`",
    );
    expect(run("r".repeat(225), [{ id: 1 }]).p.loaded()).toBe(true);
  });
});

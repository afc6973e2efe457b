/**
 * Numbers inside json cells keep the spelling dlt keeps (`46.0` is a float, 9007199254740993 exact):
 * through the destination state as the browser sends it to the server (`stringifyJson`, read back with
 * the engine's lossless parse and `adoptStateSpellings`), into DuckDB as dlt's `json.dumps` writes the
 * cell, and in the grid's cell text. `JSON.stringify` would write `46` and 9007199254740992.
 */
import { describe, expect, it } from "vitest";
import { memoryDuckDb } from "../testing/duck";
import { parseLossless, sideTables, type EngineEvent } from "../engine";
import { adoptStateSpellings, createDestination, createPreview, jsonCellText, readDestinationState, stringifyJson } from "../preview";
import { page, start } from "../testing/preview-events";
import { loadIntoDuckDb } from "./index";

const connection = memoryDuckDb();
type PageEvent = Extract<EngineEvent, { type: "page" }>;

const DUMPS = '{"a":46.0,"b":9007199254740993,"c":[1.5,2.0],"d":{"e":1e+20}}';

function loaded() {
  const destination = createDestination();
  const p = createPreview({ destination });
  const events: EngineEvent[] = [
    { type: "run_start", resources: ["r"], at: 0 },
    start("r", { max_table_nesting: 0 }),
    page(
      "r",
      [{ id: 1, v: { a: 46, b: 9007199254740992, c: [1.5, 2], d: { e: 1e20 } } }],
      [{ v: { a: "46.0", b: "9007199254740993", c: { "1": "2.0" }, d: { e: "1e20" } } }],
    ),
    { type: "done", ok: true, duration_ms: 1, stats: {} },
  ];
  for (const e of events) p.push(e);
  return { destination, cell: p.tables()[0]!.rows[0]!.v! };
}

describe("numbers inside json cells", () => {
  it("are shown as dlt writes the cell", () => {
    const { cell } = loaded();
    expect(jsonCellText(cell)).toBe(DUMPS);
    expect(JSON.stringify(cell)).toBe('{"a":46,"b":9007199254740992,"c":[1.5,2],"d":{"e":100000000000000000000}}');
  });

  it("keep their spelling through the state the browser sends and the database the server builds", async () => {
    const { destination } = loaded();
    const text = stringifyJson({ session: "s", revision: "1", state: destination.state() });
    expect(text).toContain(`"v":${DUMPS}`);
    // The server's side of POST /api/duckdb/sync.
    const sink = sideTables();
    const body = parseLossless(text, sink) as { state: unknown };
    const { state } = readDestinationState(body.state);
    if (!state) throw new Error("the state does not read back");
    adoptStateSpellings(state, sink);
    expect(stringifyJson(state)).toBe(stringifyJson(destination.state()));
    await loadIntoDuckDb(connection(), state, { dataset: "spelled" });
    const got = await connection().runAndReadAll("SELECT v::VARCHAR FROM spelled.r");
    expect(got.getRowsJson()).toEqual([[DUMPS]]);
  });

  it("keep the spelling of text a json column reads (dlt's json.loads, orjson's)", async () => {
    const destination = createDestination();
    const p = createPreview({ destination });
    for (const e of [
      { type: "run_start", resources: ["r"], at: 0 },
      start("r", { columns: [{ name: "v", data_type: "json" }] }),
      page("r", [{ id: 1, v: '{"a": 46.0, "b": [9007199254740993, 2e2]}' }]),
      { type: "done", ok: true, duration_ms: 1, stats: {} },
    ] satisfies EngineEvent[])
      p.push(e);
    const cell = p.tables()[0]!.rows[0]!.v!;
    expect(jsonCellText(cell)).toBe('{"a":46.0,"b":[9007199254740993,200.0]}');
    await loadIntoDuckDb(connection(), destination.state(), { dataset: "from_text" });
    const got = await connection().runAndReadAll("SELECT v::VARCHAR FROM from_text.r");
    expect(got.getRowsJson()).toEqual([['{"a":46.0,"b":[9007199254740993,200.0]}']]);
  });
});

describe("keys inside json cells", () => {
  it("keep the response's order (array-index keys are not moved first) through the state, into DuckDB, from text", async () => {
    const destination = createDestination();
    const p = createPreview({ destination });
    const events: EngineEvent[] = [
      { type: "run_start", resources: ["r"], at: 0 },
      start("r", { max_table_nesting: 0, columns: [{ name: "t", data_type: "json" }] }),
      {
        ...(page("r", [{ id: 1, v: { b: 1, 7: [{ z: 0, 1: 2 }] }, t: '{"y": 1, "3": 2}' }]) as PageEvent),
        key_order: [{ at: { v: { keys: ["b", "7"] } } }],
      },
      { type: "done", ok: true, duration_ms: 1, stats: {} },
    ];
    for (const e of events) p.push(e);
    const row = p.tables()[0]!.rows[0]!;
    // `7`'s list items were sent in JavaScript's order here ({"1":2,"z":0}): only what the page records moves.
    expect([jsonCellText(row.v!), jsonCellText(row.t!)]).toEqual(['{"b":1,"7":[{"1":2,"z":0}]}', '{"y":1,"3":2}']);
    const text = stringifyJson({ state: destination.state() });
    const sink = sideTables();
    const { state } = readDestinationState((parseLossless(text, sink) as { state: unknown }).state);
    if (!state) throw new Error("the state does not read back");
    adoptStateSpellings(state, sink);
    expect(stringifyJson(state)).toBe(stringifyJson(destination.state()));
    await loadIntoDuckDb(connection(), state, { dataset: "ordered" });
    const got = await connection().runAndReadAll("SELECT v::VARCHAR, t::VARCHAR FROM ordered.r");
    expect(got.getRowsJson()).toEqual([['{"b":1,"7":[{"1":2,"z":0}]}', '{"y":1,"3":2}']]);
  });
});

describe("a negative zero in a double column", () => {
  it("is stored as 0.0, as DuckDB stores dlt's INSERT of `-0.0` (the negation of 0.0)", async () => {
    const destination = createDestination();
    const p = createPreview({ destination });
    const events: EngineEvent[] = [
      { type: "run_start", resources: ["z"], at: 0 },
      start("z"),
      page("z", [{ x: -0, y: -1.5 }], [{ x: "-0.0" }]),
      { type: "done", ok: true, duration_ms: 1, stats: {} },
    ];
    for (const e of events) p.push(e);
    await loadIntoDuckDb(connection(), destination.state(), { dataset: "zeros" });
    const got = await connection().runAndReadAll("SELECT signbit(x), y FROM zeros.z");
    expect(got.getRowsJson()).toEqual([[false, -1.5]]);
  });
});

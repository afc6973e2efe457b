/**
 * A destination state comes from the client (`/api/duckdb/sync`) and is loaded before the console's
 * database is locked, and by the downloads, which are never locked: nothing in it may reach the SQL the
 * load runs as SQL. A column's `precision` and `scale` are written into `DECIMAL(p,s)`: text there
 * ran as statements (a file read into a table, a `COPY … TO` anywhere the server may write).
 */
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readDestinationState, type DestinationState } from "../preview";
import { duckType } from "../preview/duck-types";
import { openLockedDatabase, runReadOnly, tableFileBytes } from "./index";
import { tempDir } from "../testing/temp-dir";

const { dir } = tempDir("hostile-state");

const injected = (file: string) =>
  `1,0)); CREATE TABLE rest_api_data.leak AS SELECT * FROM read_text('/etc/hostname'); ` +
  `COPY (SELECT 1) TO '${file}'; CREATE TABLE rest_api_data.zz (z DECIMAL(1`;

const stateWith = (column: Record<string, unknown>): DestinationState =>
  ({
    version: 1,
    max_identifier_length: null,
    loads: ["1700000000.100000"],
    schema: [{ name: "t", parent: null, seen_data: true, columns: [{ name: "d", data_type: "decimal", ...column }] }],
    rows: { t: [] },
  }) as unknown as DestinationState;

describe("a hostile destination state", () => {
  it("is refused where a column's precision, scale or timezone is not what dlt writes", () => {
    const file = join(dir, "read.csv");
    expect(readDestinationState(stateWith({ precision: injected(file), scale: 0 })).fault).toMatch(
      /^table `t`, column `d`: `precision` is "1,0\)\);.*not a whole number$/,
    );
    expect(readDestinationState(stateWith({ precision: 10, scale: "2)" })).fault).toMatch(/`scale` is "2\)", not a whole number/);
    expect(readDestinationState(stateWith({ precision: 1.5 })).fault).toMatch(/`precision` is 1.5/);
    expect(readDestinationState(stateWith({ precision: -1 })).fault).toMatch(/`precision` is -1/);
    expect(readDestinationState(stateWith({ timezone: "no" })).fault).toMatch(/`timezone` is "no", not true or false/);
    expect(readDestinationState(stateWith({ precision: 10, scale: 2 })).fault).toBeUndefined();
  });

  it("never writes a precision or scale that is not a whole number into SQL, even past the check", async () => {
    const file = join(dir, "copied.csv");
    const state = stateWith({ precision: injected(file), scale: 0 });
    expect(() => duckType({ data_type: "decimal", precision: injected(file) as unknown as number })).toThrow(RangeError);
    await expect(openLockedDatabase(state)).rejects.toThrow(/whole numbers/);
    await expect(tableFileBytes(state, "t", "csv")).rejects.toThrow(/whole numbers/);
    expect(existsSync(file)).toBe(false);
    expect(duckType({ data_type: "decimal", precision: 10, scale: 2 })).toBe("DECIMAL(10,2)");
    const db = await openLockedDatabase(stateWith({ precision: 10, scale: 2 }));
    try {
      const out = await runReadOnly(db.connection, "SELECT data_type FROM information_schema.columns WHERE table_name = 't'");
      expect(out.ok && out.result.rows).toEqual([["DECIMAL(10,2)"]]);
    } finally {
      db.close();
    }
  });
});

describe("a destination state's size", () => {
  it("is read in time linear in its loads and versions (each version's load was looked up in the whole list)", () => {
    let reads = 0;
    const loads = Array.from({ length: 2000 }, (_, i) => `${1700000000 + i}.000000`);
    // Counts every element read of the list of loads: a lookup per version read the whole list.
    const counted = new Proxy(loads, {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const state = { ...stateWith({}), loads: counted, versions: loads.map(() => ({ load: loads[loads.length - 1], schema: [] })) };
    expect(readDestinationState(state).fault).toBeUndefined();
    expect(reads).toBeLessThan(10 * loads.length);
    const stray = { ...stateWith({}), versions: [{ load: "1.0", schema: [] }] };
    expect(readDestinationState(stray).fault).toMatch(/`versions` is not a list/);
  });
});

describe("a destination state's load ids and versions", () => {
  it("are refused at the sync, located, where they would fail the console's load with an internal error", () => {
    for (const load of ["1e400", "abc", "NaN", "1700000000.1; DROP"])
      expect(readDestinationState({ ...stateWith({}), loads: [load] }).fault, load).toMatch(/^`loads` is not a list of load ids/);
    const load = "1700000000.100000";
    expect(readDestinationState({ ...stateWith({}), versions: [{ load, schema: [null] }] }).fault).toBe(
      "version 1's schema: table 1 is not a table (a `name` and a list of `columns`)",
    );
    const hostile = [{ name: "t", parent: null, columns: [{ name: "d", data_type: "decimal", precision: "1)" }] }];
    expect(readDestinationState({ ...stateWith({}), versions: [{ load, schema: hostile }] }).fault).toMatch(
      /^version 1's schema: table `t`, column `d`: `precision` is "1\)"/,
    );
    expect(readDestinationState({ ...stateWith({}), versions: [{ load, schema: stateWith({}).schema }] }).fault).toBeUndefined();
  });
});

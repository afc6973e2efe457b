/**
 * dlt's incremental hashes the primary key of the records at its boundary (equal to the start value,
 * and at the last value after each page): one without a key column fails dlt's extract step
 * (`IncrementalPrimaryKeyMissing`). Each case's outcome recorded with dlt 1.26.0 on a loopback API.
 */
import { describe, expect, it } from "vitest";
import { collect, fakeFetch, json } from "../testing/engine";

const run = (records: object[], incremental: object = {}, primary_key: string | string[] | null = "id") =>
  collect(
    {
      client: { base_url: "https://api.test" },
      resources: [
        {
          name: "r",
          ...(primary_key === null ? {} : { primary_key }),
          endpoint: { path: "/r", paginator: "single_page", incremental: { cursor_path: "u", initial_value: 0, ...incremental } },
        },
      ],
    },
    fakeFetch(() => json(records)).fetch,
  );

describe("an incremental resource whose records lack its primary key", () => {
  it("fails where the record at the last value lacks it (dlt: extract step)", async () => {
    for (const records of [
      [{ u: 1 }, { u: 2 }],
      [{ u: 2 }, { u: 1, id: 5 }],
    ]) {
      const r = await run(records);
      expect(r.errors[0]).toMatchObject({ resource: "r", code: "paginator_error" });
      expect(r.errors[0]!.message).toMatch(/^Primary key column `id` was not found in extracted data item\./);
    }
  });

  it("runs when the boundary records have it, or when dlt keeps no boundary hashes", async () => {
    // The record at the last value has its key (dlt then fails in DuckDB's load: the preview's refusal).
    expect((await run([{ u: 1 }, { u: 2, id: 5 }])).errors).toEqual([]);
    // range_start open, an end_value, a lag, an empty key: no hashes; no primary key: the record is hashed.
    for (const incremental of [{ range_start: "open" }, { end_value: 10 }, { lag: 1 }])
      expect((await run([{ u: 1 }, { u: 2 }], incremental)).errors).toEqual([]);
    expect((await run([{ u: 1 }, { u: 2 }], {}, [])).errors).toEqual([]);
    expect((await run([{ u: 1 }, { u: 2 }], {}, null)).errors).toEqual([]);
    // A record included without a cursor value is not at the boundary.
    expect((await run([{ x: 1 }, { u: 2, id: 2 }], { on_cursor_value_missing: "include" })).errors).toEqual([]);
  });

  it("a record equal to the start value is hashed too", async () => {
    const r = await run([{ u: 3, id: 1 }, { u: 2 }, { u: 3, id: 2 }], { initial_value: 2 });
    expect(r.errors[0]!.message).toMatch(/^Primary key column `id`/);
  });
});

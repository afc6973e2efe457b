/**
 * dlt's boundary de-duplication (`JsonIncremental`, `Incremental.__call__`, dlt 1.26.0): a run keeps the digests of the
 * keys of its records at the last value (`unique_hashes`), and the next run drops a record equal to its start value
 * whose digest is there. Each scenario's rows were loaded by dlt 1.26.0 (sqlite, one pipeline directory, a loopback
 * API answering every run with the records below; scripts/dlt-diff.ts --incremental generates more).
 */
import { describe, expect, it } from "vitest";
import { collect, fakeFetch, json } from "../testing/engine";
import type { IncrementalState } from "./types";

type Rec = Record<string, unknown>;

/** The records each run keeps, as `id` (or `id/n`), the state handed from run to run as the CLI and the playground hand it. */
async function runs(resource: Rec, incremental: Rec, answers: Rec[][]): Promise<{ kept: string[][]; states: IncrementalState[] }> {
  let state: Record<string, IncrementalState> = {};
  const kept: string[][] = [];
  const states: IncrementalState[] = [];
  for (const records of answers) {
    const config = {
      client: { base_url: "https://api.test" },
      resources: [
        {
          name: "r",
          ...resource,
          endpoint: { path: "/r", paginator: "single_page", incremental: { cursor_path: "u", initial_value: 0, ...incremental } },
        },
      ],
    };
    const r = await collect(config, fakeFetch(() => json(records)).fetch, { state });
    expect(r.errors).toEqual([]);
    kept.push(
      r.events.flatMap((e) => (e.type === "page" ? e.records.map((x) => [x.id, x.n].filter((v) => v !== undefined).join("/")) : [])),
    );
    const inc = r.events.find((e) => e.type === "incremental");
    if (inc?.type === "incremental" && inc.state) {
      state = { r: inc.state };
      states.push(inc.state);
    }
  }
  return { kept, states };
}

describe("incremental boundary de-duplication, as dlt", () => {
  it("drops a record at the start value that the previous run loaded, by its primary key", async () => {
    const { kept, states } = await runs({ primary_key: "id" }, {}, [
      [
        { id: 1, u: 1 },
        { id: 2, u: 2 },
        { id: 3, u: 2 },
      ],
      [
        { id: 2, u: 2 },
        { id: 3, u: 2 },
        { id: 4, u: 2 },
        { id: 5, u: 3 },
      ],
    ]);
    expect(kept).toEqual([
      ["1", "2", "3"],
      ["4", "5"],
    ]);
    // dlt's own digests of `json.dumps(2)` and `json.dumps(3)`, then of 5 alone (the last value moved on).
    expect(states[0]!.unique_hashes?.length).toBe(2);
    expect(states[1]!.unique_hashes).toHaveLength(1);
  });

  it("keeps the hashes a run adds when the last value does not move", async () => {
    const { kept } = await runs({ primary_key: "id" }, {}, [
      [
        { id: 1, u: 1 },
        { id: 2, u: 2 },
        { id: 3, u: 2 },
      ],
      [
        { id: 2, u: 2 },
        { id: 6, u: 2 },
      ],
      [
        { id: 2, u: 2 },
        { id: 3, u: 2 },
        { id: 6, u: 2 },
        { id: 7, u: 2 },
      ],
    ]);
    expect(kept).toEqual([["1", "2", "3"], ["6"], ["7"]]);
  });

  it("hashes the whole record (keys sorted) without a primary key, and a compound key's values together", async () => {
    const whole = await runs({}, {}, [
      [
        { id: 1, u: 1 },
        { id: 2, u: 2, n: "x" },
        { id: 3, u: 2, n: "y" },
      ],
      [
        { id: 2, u: 2, n: "x" },
        { n: "z", id: 3, u: 2 },
        { u: 2, n: "x", id: 2 },
      ],
    ]);
    expect(whole.kept).toEqual([["1", "2/x", "3/y"], ["3/z"]]);
    const compound = await runs({ primary_key: ["id", "n"] }, {}, [
      [{ id: 1, u: 2, n: "a" }],
      [
        { id: 1, u: 2, n: "a" },
        { id: 1, u: 2, n: "b" },
      ],
    ]);
    expect(compound.kept).toEqual([["1/a"], ["1/b"]]);
  });

  it("takes the incremental's own primary_key over the resource's; an empty one turns it off", async () => {
    const own = await runs({ primary_key: "id" }, { primary_key: "n" }, [
      [{ id: 1, u: 2, n: "a" }],
      [
        { id: 2, u: 2, n: "a" },
        { id: 1, u: 2, n: "b" },
      ],
    ]);
    expect(own.kept).toEqual([["1/a"], ["1/b"]]);
    const off = await runs({ primary_key: "id" }, { primary_key: [] }, [
      [{ id: 1, u: 2 }],
      [
        { id: 1, u: 2 },
        { id: 2, u: 2 },
      ],
    ]);
    expect(off.kept).toEqual([["1"], ["1", "2"]]);
    expect(off.states[0]!.unique_hashes).toEqual([]);
  });

  it("mirrors for last_value_func min, and is off with a lag", async () => {
    const min = await runs({ primary_key: "id" }, { last_value_func: "min", initial_value: 9 }, [
      [
        { id: 1, u: 5 },
        { id: 2, u: 3 },
      ],
      [
        { id: 2, u: 3 },
        { id: 3, u: 3 },
        { id: 4, u: 4 },
      ],
    ]);
    expect(min.kept).toEqual([["1", "2"], ["3"]]);
    const lag = await runs({ primary_key: "id" }, { lag: 1 }, [
      [{ id: 1, u: 2 }],
      [
        { id: 1, u: 2 },
        { id: 2, u: 2 },
      ],
    ]);
    expect(lag.kept).toEqual([["1"], ["1", "2"]]);
  });

  it("a record dropped at the start value ends a row_order desc resource, as dlt's start_out_of_range does", async () => {
    // Pages of two, newest first: dlt asked for page 1 only in each run below (recorded with dlt 1.26.0).
    const paged = (records: Rec[]) =>
      fakeFetch((req) => {
        const page = Number(new URL(req.url).searchParams.get("page") ?? 1);
        return json({ data: records.slice((page - 1) * 2, page * 2), total: Math.ceil(records.length / 2) });
      }).fetch;
    const config = (incremental: Rec) => ({
      client: { base_url: "https://api.test" },
      resources: [
        {
          name: "r",
          primary_key: "id",
          endpoint: {
            path: "/r",
            data_selector: "data",
            paginator: { type: "page_number", base_page: 1, total_path: "total" },
            incremental: { cursor_path: "u", row_order: "desc", ...incremental },
          },
        },
      ],
    });
    const pages = (r: Awaited<ReturnType<typeof collect>>) => r.events.filter((e) => e.type === "request").length;
    // At the start value with range_start open.
    const open = await collect(
      config({ initial_value: 20, range_start: "open" }),
      paged([
        { id: 3, u: 30 },
        { id: 2, u: 20 },
        { id: 1, u: 10 },
      ]),
    );
    expect(pages(open)).toBe(1);
    expect(open.reasons.at(-1)).toContain("a record's `u` 20 is at (range_start open) the start value 20");
    // At the start value and loaded by the previous run.
    const first = await collect(
      config({ initial_value: 0 }),
      paged([
        { id: 3, u: 30 },
        { id: 2, u: 30 },
        { id: 1, u: 10 },
      ]),
    );
    expect(pages(first)).toBe(2);
    const inc = first.events.find((e) => e.type === "incremental");
    const state: Record<string, IncrementalState> = inc?.type === "incremental" && inc.state ? { r: inc.state } : {};
    const second = await collect(
      config({ initial_value: 0 }),
      paged([
        { id: 4, u: 40 },
        { id: 3, u: 30 },
        { id: 2, u: 30 },
      ]),
      { state },
    );
    expect(pages(second)).toBe(1);
    expect(second.events.flatMap((e) => (e.type === "page" ? e.records.map((x) => x.id) : []))).toEqual([4]);
  });

  it("reads a state written before restplay kept hashes (no unique_hashes) as none", async () => {
    const config = {
      client: { base_url: "https://api.test" },
      resources: [{ name: "r", primary_key: "id", endpoint: { path: "/r", paginator: "single_page", incremental: { cursor_path: "u" } } }],
    };
    const state = { r: { cursor_path: "u", last_value: 2, initial_value: null } };
    const r = await collect(config, fakeFetch(() => json([{ id: 1, u: 2 }])).fetch, { state });
    expect(r.events.flatMap((e) => (e.type === "page" ? e.records : []))).toEqual([{ id: 1, u: 2 }]);
  });
});

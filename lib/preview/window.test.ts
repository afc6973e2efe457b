/**
 * A windowed preview (`PreviewOptions.window`: the CLI's text output) keeps the first rows of each
 * table and counts the rest: every count, column and warning must be the full preview's, and its rows
 * the full preview's first rows — on the dlt golden cases and on merges decided across the window.
 */
import { describe, expect, it } from "vitest";
import { validateText } from "../config";
import { createVirtualClock, extract, fetchTransport } from "../engine";
import type { DataRecord, EngineEvent } from "../engine/types";
import { createDestination, createPreview, type Preview, type PreviewTableData } from "./index";
import { replay } from "../testing/golden-run";
import { goldenCase, goldenCaseIds } from "../testing/golden";
import { page, start } from "../testing/preview-events";

function feed(events: readonly EngineEvent[], window?: number): Preview {
  const p = createPreview(window === undefined ? {} : { window });
  for (const e of events) p.push(e);
  return p;
}

const flat = (p: Preview): PreviewTableData[] => p.tables().flatMap((t) => [t, ...t.child_tables]);

/** The windowed preview says what the full one says, with the full one's first rows. */
function expectSame(events: readonly EngineEvent[], window: number, where = ""): void {
  const full = feed(events);
  const win = feed(events, window);
  expect(win.loaded(), where).toBe(full.loaded());
  const [a, b] = [flat(full), flat(win)];
  expect(
    b.map((t) => t.table_name),
    where,
  ).toEqual(a.map((t) => t.table_name));
  a.forEach((f, i) => {
    const w = b[i]!;
    const at = `${where} ${f.table_name}`;
    expect(w.columns, at).toEqual(f.columns);
    expect(w.changes, at).toEqual(f.changes);
    expect(w.normalized_rows, at).toBe(f.normalized_rows);
    expect(w.total_rows ?? w.rows.length, at).toBe(f.rows.length);
    if (w.total_rows !== undefined) expect(w.rows.length, at).toBe(window);
    expect(w.rows, at).toEqual(f.rows.slice(0, w.rows.length));
    expect(w.row_changes, at).toEqual(f.row_changes.slice(0, w.rows.length));
  });
  full.tables().forEach((f, i) => {
    const w = win.tables()[i]!;
    expect(w.stats, `${where} ${f.table_name}`).toEqual(f.stats);
    expect(w.warnings, `${where} ${f.table_name}`).toEqual(f.warnings);
    expect(w.records, `${where} ${f.table_name}`).toEqual(f.records.slice(0, w.records.length));
  });
  expect(
    win.resources().map((r) => [r.resource, r.fetched, r.loaded, r.warnings]),
    where,
  ).toEqual(full.resources().map((r) => [r.resource, r.fetched, r.records.length, r.warnings]));
}

const run = (...events: EngineEvent[]): EngineEvent[] => [
  { type: "run_start", resources: [], at: 1000 },
  ...events,
  { type: "done", ok: true, duration_ms: 1, stats: {} },
];

describe("a windowed preview", () => {
  it("keeps the first rows of each table and counts every row", () => {
    const records = Array.from({ length: 10 }, (_, i) => ({ id: i, tags: ["a", "b"] }));
    const p = feed(run(start("t"), page("t", records.slice(0, 4)), page("t", records.slice(4))), 3);
    const [t] = p.tables();
    expect(t!.rows.map((r) => r.id)).toEqual([0, 1, 2]);
    expect(t!.total_rows).toBe(10);
    expect(t!.changes).toEqual({ inserted: 10, updated: 0, deleted: 0, unchanged: 0 });
    expect(t!.stats).toEqual({ fetched: 10, merged: 10, duplicates_collapsed: 0 });
    expect(t!.child_tables[0]!.rows).toHaveLength(3);
    expect(t!.child_tables[0]!.total_rows).toBe(20);
    expect(p.resources()[0]!.loaded).toBe(10);
    expect(p.resources()[0]!.records).toHaveLength(3);
    expectSame(run(start("t"), page("t", records.slice(0, 4)), page("t", records.slice(4))), 3);
  });

  it("warns of a nameless column (a key such as `__`) whose only value lies beyond the window", () => {
    const records: DataRecord[] = [{ id: 1 }, { id: 2 }, { id: 3, __: "x" }];
    const events = run(start("t"), page("t", records));
    expectSame(events, 1);
    expect(feed(events, 1).tables()[0]!.warnings).toEqual([expect.stringContaining("makes a column without a name")]);
  });

  it("sets no total_rows when every row fits", () => {
    const p = feed(run(start("t"), page("t", [{ id: 1 }, { id: 2 }])), 3);
    expect(p.tables()[0]!.total_rows).toBeUndefined();
    expect(p.tables()[0]!.rows).toHaveLength(2);
  });

  it("deduplicates merge keys exactly across the window: the first row of a key wins, nested rows follow it", () => {
    const events = run(
      start("m", { primary_key: ["id"], write_disposition: "merge" }),
      page("m", [
        { id: 1, v: "a", xs: [1] },
        { id: 2, v: "b", xs: [1, 2] },
        { id: 3, v: "c", xs: [] },
      ]),
      page("m", [
        { id: 1, v: "again", xs: [9, 9, 9] },
        { id: 4, v: "d", xs: [4] },
        { id: null, v: "no key" },
        { id: null, v: "no key either" },
        { id: 2, v: "again" },
        { id: 5, v: "e", xs: [5, 5] },
      ]),
    );
    for (const w of [1, 2, 3, 100]) expectSame(events, w, `window ${w}`);
    const [m] = feed(events, 2).tables();
    expect(m!.total_rows).toBe(7);
    expect(m!.stats.duplicates_collapsed).toBe(2);
    expect(m!.child_tables[0]!.total_rows).toBe(6);
  });

  it("loads a nested table of its own apart from its root's merge: its rows stay when their root record is a duplicate", () => {
    const events = run(
      start("m", {
        primary_key: ["id"],
        write_disposition: "merge",
        nested_hints: [{ path: "xs", columns: [], primary_key: ["k"], write_disposition: "merge" }],
      }),
      page("m", [
        { id: 1, xs: [{ k: 1 }, { k: 2, tags: ["a"] }] },
        { id: 1, xs: [{ k: 3 }] },
        { id: 2, xs: [{ k: 1, tags: ["b"] }] },
      ]),
    );
    for (const w of [1, 2, 100]) expectSame(events, w, `window ${w}`);
    const tables = feed(events).tables();
    expect(tables.map((t) => [t.table_name, t.stats.merged])).toEqual([
      ["m", 2],
      ["m__xs", 3],
    ]);
  });

  it("drops hard-deleted rows, whose key stays won (bool and non-bool hard_delete columns)", () => {
    for (const [column, deleted] of [
      [{ name: "gone", hard_delete: true, data_type: "bool" }, true],
      [{ name: "gone", hard_delete: true }, "2024-01-01"],
    ] as const) {
      const events = run(
        start("h", { primary_key: ["id"], write_disposition: "merge", columns: [column] }),
        page("h", [
          { id: 1, gone: deleted, xs: [1] },
          { id: 1, gone: null, xs: [2] },
          { id: 2, gone: null, xs: [3] },
          { id: 3, gone: deleted },
          { id: 4, xs: [4, 4] },
        ]),
      );
      for (const w of [1, 2, 10]) expectSame(events, w, `${String(deleted)}, window ${w}`);
    }
  });

  it("keeps every row of a table merged by dedup_sort (the winner is known at the end) and of merge_key merges", () => {
    const sorted = run(
      start("s", { primary_key: ["id"], write_disposition: "merge", columns: [{ name: "n", dedup_sort: "desc" }] }),
      page("s", [
        { id: 1, n: 1 },
        { id: 1, n: 3 },
        { id: 2, n: 1 },
        { id: 1, n: 2 },
      ]),
    );
    expectSame(sorted, 1);
    expect(feed(sorted, 1).tables()[0]!.rows).toHaveLength(2);
    const byMergeKey = run(start("k", { merge_key: ["day"], write_disposition: "merge" }), page("k", [{ day: 1 }, { day: 1 }, { day: 2 }]));
    expectSame(byMergeKey, 1);
  });

  it("counts replace and append tables and two resources sharing a table", () => {
    expectSame(
      run(
        start("a", { table_name: "shared" }),
        start("b", { table_name: "shared", write_disposition: "append" }),
        page("a", [{ x: 1 }, { x: 2 }]),
        page("b", [{ x: 3, y: "s" }]),
        start("r", { write_disposition: "replace" }),
        page("r", [{ z: [1, 2, 3] }, { z: [4] }]),
      ),
      1,
    );
  });

  it("loads into a destination of its own, for one run", () => {
    expect(() => createPreview({ window: 3, destination: createDestination() })).toThrow(/destination of its own/);
    const p = feed(run(start("t"), page("t", [{ id: 1 }])), 3);
    expect(() => p.push({ type: "run_start", resources: [], at: 2000 })).toThrow(/one run/);
  });
});

describe("a windowed preview on the dlt golden cases (first run: a fresh destination)", () => {
  for (const id of goldenCaseIds()) {
    it(id, async () => {
      const c = goldenCase(id);
      const run = c.runs[0]!;
      const validation = validateText(JSON.stringify(c.config), "json");
      const { fetch } = replay(run);
      const events: EngineEvent[] = [];
      for await (const e of extract(
        { source: validation.source!, secrets: c.secrets },
        { transport: fetchTransport(fetch), ...createVirtualClock(), virtualClock: true },
      ))
        events.push(e);
      for (const w of [1, 2]) expectSame(events, w, `${id}, window ${w}`);
    });
  }
});

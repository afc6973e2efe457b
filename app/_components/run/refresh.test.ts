import { describe, expect, it } from "vitest";
import { createPreview, type PreviewOptions } from "@/lib/preview";
import type { EngineEvent } from "@/lib/engine";
import { MAX_TABLES_GAP_MS, SLICE_MS, inSlices, refreshLoop, rowsHeld, tablesGap, traceGap } from "./refresh";

/** The tables after `n` records `{id, tags: [two items]}` in pages of 100 (n root rows, 2n nested ones). */
function tablesOf(n: number, options: PreviewOptions = {}) {
  const preview = createPreview(options);
  const events: EngineEvent[] = [
    { type: "run_start", resources: ["items"], at: 0 },
    {
      type: "resource_start",
      resource: "items",
      paginator: "offset",
      data_selector: "data",
      primary_key: ["id"],
      write_disposition: "append",
      parent: null,
      table_name: "items",
      max_table_nesting: null,
      merge_key: null,
      merge_strategy: null,
      columns: [],
    },
  ];
  for (let from = 0; from < n; from += 100) {
    const records = Array.from({ length: Math.min(100, n - from) }, (_, i) => ({ id: from + i, tags: ["a", "b"] }));
    events.push({
      type: "page",
      resource: "items",
      page: from / 100 + 1,
      request_id: from / 100 + 1,
      records,
      count: records.length,
      selector: "data",
      selector_source: "configured",
    });
  }
  for (const e of events) preview.push(e);
  return preview.tables();
}

describe("the tables' refresh while a run streams", () => {
  it("counts every row the tables hold, the nested tables' included", () => {
    expect(rowsHeld(tablesOf(1_000))).toBe(3_000);
    expect(rowsHeld([])).toBe(0);
  });

  it("counts the rows a windowed preview has, not the few it keeps", () => {
    const tables = tablesOf(1_000, { window: 3 });
    expect(tables[0]?.rows.length).toBe(3);
    expect(rowsHeld(tables)).toBe(3_000);
  });

  it("refreshes small tables every frame and large ones less often, never waiting longer than a second", () => {
    expect(tablesGap(rowsHeld(tablesOf(100)))).toBeLessThan(16);
    const large = tablesGap(rowsHeld(tablesOf(3_000)));
    expect(large).toBeGreaterThan(100);
    expect(large).toBeLessThan(MAX_TABLES_GAP_MS);
    expect(tablesGap(1_000_000)).toBe(MAX_TABLES_GAP_MS);
    expect(MAX_TABLES_GAP_MS).toBeLessThanOrEqual(1_000);
  });
});

/** A clock a test moves by hand: frames run on `tick`, timers when their time has come. */
function fakeClock() {
  let now = 0;
  let frames: (() => void)[] = [];
  const timers = new Map<number, { at: number; run: () => void }>();
  let ids = 0;
  const clock = {
    now: () => now,
    frame: (run: () => void) => (frames.push(run), frames.length),
    cancelFrame: () => void (frames = []),
    after: (ms: number, run: () => void) => {
      timers.set(++ids, { at: now + ms, run });
      return ids as unknown as ReturnType<typeof setTimeout>;
    },
    cancel: (t: ReturnType<typeof setTimeout>) => void timers.delete(t as unknown as number),
  };
  /** Moves time on by `ms` (timers due fire), then runs the frames asked for. */
  const tick = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers])
      if (t.at <= now) {
        timers.delete(id);
        t.run();
      }
    const run = frames;
    frames = [];
    for (const f of run) f();
  };
  return { clock, tick, pending: () => timers.size + frames.length };
}

describe("refreshLoop", () => {
  it("shows small tables on every frame that follows an event", () => {
    const { clock, tick } = fakeClock();
    const shown: boolean[] = [];
    const loop = refreshLoop(clock, (tables) => (shown.push(tables), { rows: 10, items: 10 }));
    loop.flush();
    for (let i = 0; i < 3; i++) {
      loop.changed();
      loop.changed();
      tick(16);
    }
    expect(shown).toEqual([true, true, true, true]);
  });

  it("shows a short trace on every frame and large tables once their gap is over, even when no event follows", () => {
    const { clock, tick, pending } = fakeClock();
    const shown: boolean[] = [];
    const loop = refreshLoop(clock, (tables) => (shown.push(tables), { rows: 10_000, items: 20 }));
    loop.flush();
    const gap = tablesGap(10_000);
    loop.changed();
    tick(16);
    loop.changed();
    tick(16);
    expect(shown).toEqual([true, false, false]);
    // No further event: the rows that came wait for their turn, then show.
    tick(gap);
    tick(0);
    expect(shown).toEqual([true, false, false, true]);
    expect(pending()).toBe(0);
  });

  it("shows a long trace once its gap is over, and everything that waits in one frame when both are due", () => {
    const { clock, tick, pending } = fakeClock();
    const shown: [number, boolean][] = [];
    const loop = refreshLoop(clock, (tables) => (shown.push([clock.now(), tables]), { rows: 10_000, items: 2_000 }));
    loop.flush();
    expect(traceGap(2_000)).toBe(200);
    expect(tablesGap(10_000)).toBe(500);
    for (let t = 0; t < 600; t += 20) {
      loop.changed();
      tick(20);
    }
    // Trace frames every 200 ms, the tables with the frame that follows their 500 ms.
    expect(shown).toEqual([
      [0, true],
      [200, false],
      [400, false],
      [500, true],
    ]);
    tick(1_000);
    expect(pending()).toBe(0);
  });

  it("leaves no frame or timer behind once stopped", () => {
    const { clock, tick, pending } = fakeClock();
    const shown: boolean[] = [];
    const loop = refreshLoop(clock, (tables) => (shown.push(tables), { rows: 10_000, items: 20 }));
    loop.flush();
    loop.changed();
    tick(16);
    loop.changed();
    loop.stop();
    tick(1_000);
    expect(shown).toEqual([true, false]);
    expect(pending()).toBe(0);
  });
});

describe("inSlices", () => {
  async function* source(n: number, cost: number, clock: { t: number }) {
    for (let i = 0; i < n; i++) {
      clock.t += cost;
      yield i;
    }
  }

  it("passes every event on, in order, and pauses once per slice of the consumer's time", async () => {
    const clock = { t: 0 };
    const pauses: number[] = [];
    const seen: number[] = [];
    for await (const e of inSlices(
      source(10, 3, clock),
      () => clock.t,
      async () => void pauses.push(clock.t),
    ))
      seen.push(e);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // 3 ms an event: a pause after every fourth (12 ms ≥ SLICE_MS), none within a slice.
    expect(SLICE_MS).toBe(10);
    expect(pauses).toEqual([12, 24]);
  });

  it("does not pause a quick stream", async () => {
    const clock = { t: 0 };
    let pauses = 0;
    for await (const _ of inSlices(
      source(50, 0.1, clock),
      () => clock.t,
      async () => void pauses++,
    ))
      void _;
    expect(pauses).toBe(0);
  });
});

/**
 * How often the tables are refreshed while a run streams. A refresh costs in proportion to the rows the
 * tables hold (the preview's merge and `resources()`, the grid's row model, React's render and the garbage
 * they leave), where the trace's costs in proportion to its pages: on a 10,000-record run, tables refreshed
 * every animation frame held the page's main thread for a third of a second at a time and made the run
 * take three times as long in the browser as on the server. So the tables wait `tablesGap(rows)` between
 * refreshes (nothing for small tables, at most a second), and the trace, whose frame renders every item of
 * its timelines, `traceGap(items)` (every frame for a short run, at most a quarter of a second); the run's end
 * always shows everything at once.
 */
import type { PreviewTable } from "@/lib/preview";
import type { RunTrace } from "@/lib/run";

/** Milliseconds of wait per row the tables hold (10,000 rows: half a second). */
const MS_PER_ROW = 0.05;
/** The longest the tables wait while rows keep coming. */
export const MAX_TABLES_GAP_MS = 1_000;

/** The rows the tables hold, nested tables' included (a windowed table counts every row it has). */
export function rowsHeld(tables: readonly PreviewTable[]): number {
  let n = 0;
  for (const t of tables) {
    n += t.total_rows ?? t.rows.length;
    for (const c of t.child_tables) n += c.total_rows ?? c.rows.length;
  }
  return n;
}

/** How long, after a refresh of tables holding `rows` rows, the next one waits while the run streams. */
export function tablesGap(rows: number): number {
  return Math.min(MAX_TABLES_GAP_MS, rows * MS_PER_ROW);
}

/** Milliseconds of wait per item of the trace's timelines (a request, a response, a page, a decision…). */
const MS_PER_ITEM = 0.1;
/** The longest the trace waits while a run streams. */
export const MAX_TRACE_GAP_MS = 250;

/**
 * How long, after a frame of a trace of `items` items, the next one waits: every frame for a short run (400 items, 100
 * pages: 40 ms), a quarter of a second from 2,500 (each frame renders every item's row and the page selector's options).
 */
export function traceGap(items: number): number {
  return Math.min(MAX_TRACE_GAP_MS, items * MS_PER_ITEM);
}

/** The items of a trace's timelines. */
export const itemsOf = (trace: RunTrace): number => trace.resources.reduce((n, r) => n + r.items.length, 0);

/** The timing a refresh loop runs on: the browser's (`BROWSER_CLOCK`), or a test's. */
export interface RefreshClock {
  now(): number;
  frame(run: () => void): number;
  cancelFrame(id: number): void;
  after(ms: number, run: () => void): ReturnType<typeof setTimeout>;
  cancel(timer: ReturnType<typeof setTimeout>): void;
}

export const BROWSER_CLOCK: RefreshClock = {
  now: () => performance.now(),
  frame: (run) => requestAnimationFrame(run),
  cancelFrame: (id) => cancelAnimationFrame(id),
  after: (ms, run) => setTimeout(run, ms),
  cancel: (timer) => clearTimeout(timer),
};

export interface RefreshLoop {
  /** The run folded another event: a frame shows the trace, and the tables when their turn has come. */
  changed(): void;
  /** Shows everything now (the run's start). */
  flush(): void;
  /** No more frames or timers (the run ended; its last view is the caller's). */
  stop(): void;
}

/** What a refresh showed: the rows the tables hold and the items of the trace's timelines. */
export interface Shown {
  readonly rows: number;
  readonly items: number;
}

/**
 * One frame per change at most, each of the two views when its turn has come: `render(true)` refreshes the tables and
 * the trace, `render(false)` the trace alone; either says what it showed. A view that is behind gets its frame when its
 * gap is over, events or not.
 */
export function refreshLoop(clock: RefreshClock, render: (tables: boolean) => Shown): RefreshLoop {
  let frame = 0;
  const tables = { stale: true, due: 0 };
  const trace = { stale: true, due: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const flush = () => {
    frame = 0;
    if (stopped) return;
    const now = clock.now();
    const withTables = tables.stale && now >= tables.due;
    if (withTables || (trace.stale && now >= trace.due)) {
      const shown = render(withTables);
      if (withTables) Object.assign(tables, { stale: false, due: now + tablesGap(shown.rows) });
      Object.assign(trace, { stale: false, due: now + traceGap(shown.items) });
    }
    const next = Math.min(tables.stale ? tables.due : Infinity, trace.stale ? trace.due : Infinity);
    if (next !== Infinity && timer === undefined)
      timer = clock.after(next - now, () => {
        timer = undefined;
        schedule();
      });
  };
  const schedule = () => {
    if (frame === 0 && !stopped) frame = clock.frame(flush);
  };
  return {
    changed() {
      tables.stale = trace.stale = true;
      schedule();
    },
    flush,
    stop() {
      stopped = true;
      if (frame !== 0) clock.cancelFrame(frame);
      if (timer !== undefined) clock.cancel(timer);
    },
  };
}

/** The longest the page's main thread folds a run's events before it lets the page take input and paint. */
export const SLICE_MS = 10;

/** A macrotask turn (not `setTimeout`'s, which the browser holds back 4 ms once timers nest). */
export const yieldToPage = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/**
 * `events` as they come, with a pause (`yieldToPage`) whenever the consumer has held the thread for `SLICE_MS`:
 * the network hands a stream over in chunks of many events, which a plain `for await` folds in one task (a chunk of
 * a few pages was 100–150 ms of work on a large run: a frame and a keystroke waited for all of it).
 */
export async function* inSlices<T>(events: AsyncIterable<T>, now: () => number, pause: () => Promise<void>): AsyncGenerator<T> {
  let from = now();
  for await (const e of events) {
    yield e;
    if (now() - from >= SLICE_MS) {
      await pause();
      from = now();
    }
  }
}

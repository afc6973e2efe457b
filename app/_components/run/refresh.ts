/**
 * How often the tables are refreshed while a run streams. A refresh costs in proportion to the rows the
 * tables hold (the preview's merge and `resources()`, the grid's row model, React's render and the garbage
 * they leave), where the trace's costs in proportion to its pages: on a 10,000-record run, tables refreshed
 * every animation frame held the page's main thread for a third of a second at a time and made the run
 * take three times as long in the browser as on the server. So the tables wait `tablesGap(rows)` between
 * refreshes (nothing for small tables, at most a second), and the trace keeps its per-frame updates;
 * the run's end always shows the final tables at once.
 */
import type { PreviewTable } from "@/lib/preview";

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

/**
 * One frame per change at most: `render(true)` refreshes the tables and the trace and returns the rows the tables
 * hold, `render(false)` the trace alone. Tables that are behind get their frame when their gap is over, events or not.
 */
export function refreshLoop(clock: RefreshClock, render: (tables: boolean) => number): RefreshLoop {
  let frame = 0;
  let stale = true;
  let due = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const flush = () => {
    frame = 0;
    if (stopped) return;
    const now = clock.now();
    if (stale && now >= due) {
      stale = false;
      due = now + tablesGap(render(true));
      return;
    }
    if (stale && timer === undefined)
      timer = clock.after(due - now, () => {
        timer = undefined;
        schedule();
      });
    render(false);
  };
  const schedule = () => {
    if (frame === 0 && !stopped) frame = clock.frame(flush);
  };
  return {
    changed() {
      stale = true;
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

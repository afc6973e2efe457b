/**
 * One page through a resource's processing steps in dlt's order (dlt/extract/pipe_iterator.py `PipeIterator`,
 * items_transform.py): a step gets the page as one list, and a `yield_map` returns a generator that the iterator adds
 * to its sources and reads one item at a time, going round its sources backwards from the newest (`fifo` once 20 have
 * been added, `max_parallel_items`) — so the items of chained `yield_map`s interleave, as the rows dlt loads do. A map
 * or filter given one item alone drops it on `None`; a Python list a step gives goes on as a list. The page generator
 * is one of the sources (`StepPipe`): the next page enters between a `yield_map`'s items, as in dlt.
 */
import { truthy, type PyVal } from "../shared/pystep";
import type { DataRecord } from "./types";

/**
 * A value between steps; `made`: the step that made it (`null`: the API's `record`); `alone`: it left the steps as one
 * item, not in a list (after a `yield_map`), as dlt's pipe hands it on.
 */
export type Item = { readonly py: PyVal; readonly record: DataRecord | null; readonly made: string | null; readonly alone?: boolean };

/**
 * Records that left a parent's steps alone (`Item.alone`): dlt's child (`paginate_dependent_resource`) iterates what it
 * is given, so a dict given alone is iterated by its keys, and fails (`'str' object has no attribute 'keys'`; checked with
 * dlt 1.26.0).
 */
export const aloneRecords = new WeakSet<object>();
/** What goes from step to step: a list (the page, or a Python list a step gave) or one item. */
export type Unit = { readonly list: boolean; readonly items: readonly Item[] };

export const unitOf = (py: PyVal, made: string): Unit =>
  Array.isArray(py)
    ? { list: true, items: py.map((x) => ({ py: x, record: null, made })) }
    : { list: false, items: [{ py, record: null, made }] };

/** dlt's `max_parallel_items`: once this many sources were added, the iterator reads the newest first. */
const MAX_PARALLEL_ITEMS = 20;

export interface PipeHooks {
  readonly steps: readonly { readonly kind: "filter" | "map" | "yield_map"; readonly at: string }[];
  /** Calls step `k` on one value (a yield_map's result as the list of what it yields). */
  call(k: number, py: PyVal): Promise<PyVal | PyVal[]>;
  /** `n` more values given to step `k`; one dropped by filter `k`. */
  seen(k: number, n: number): void;
  dropped(k: number): void;
}

/** A source of the iterator: `undefined` when exhausted, `null` for a `None` it yields (skipped). */
export interface Source {
  readonly step: number;
  next(): Promise<Unit | null | undefined>;
}

/** A `yield_map`'s generator over its input: the step is called on the input's next value when the last one's are out. */
export function yieldSource(k: number, input: Unit, hooks: PipeHooks): Source {
  let at = 0;
  let out: PyVal[] = [];
  let given = 0;
  let empty = input.list && input.items.length === 0;
  const made = hooks.steps[k]!.at;
  return {
    step: k,
    async next() {
      // dlt yields an empty list as it is ("preserve type of empty lists").
      if (empty) {
        empty = false;
        return { list: true, items: [] };
      }
      while (given >= out.length) {
        if (at >= input.items.length) return undefined;
        hooks.seen(k, 1);
        out = (await hooks.call(k, input.items[at++]!.py)) as PyVal[];
        given = 0;
      }
      const x = out[given++] as PyVal;
      return x === null ? null : unitOf(x, made);
    },
  };
}

/** A page source asked for its next page while the resource has more: the pipe pauses until `push` gives it. */
const PAUSE = Symbol("pause");

/**
 * A resource's pages through its steps in dlt's order, kept across pages: dlt's iterator reads the resource's next page
 * between a `yield_map`'s items (the page generator is one of its sources), so what a page's `yield_map`s have not given
 * when the round robin comes back to the page source is given after the next page entered (`push(page, true)`).
 */
export class StepPipe {
  private readonly sources: Source[];
  private initial = 1;
  private current = 0;
  /** Resume at `current` (the page source that paused) instead of moving on. */
  private resume = false;
  private page: Unit | null = null;
  private more = false;
  /** Asked when the page source is visited with more pages to come: the resource was closed meanwhile (`row_order`). */
  private closed: ((done: readonly Item[]) => boolean) | null = null;
  private done: readonly Item[] = [];

  constructor(private readonly hooks: PipeHooks) {
    const pages: Source = {
      step: -1,
      next: async () => {
        if (this.page) {
          const p = this.page;
          this.page = null;
          return p;
        }
        // dlt closes a `row_order` resource's page generator as the incremental meets a record past its end: the
        // iterator drops the source then, and the yield_maps' items go on to their end.
        if (this.more && this.closed?.(this.done)) this.more = false;
        return this.more ? (PAUSE as unknown as null) : undefined;
      },
    };
    this.sources = [pages];
  }

  /**
   * The items at the end of the steps until the pipe asks for the next page (`more`), or until it is empty; `closed`
   * is given the items so far when it asks (false: it pauses; true: the page source is dropped and the pipe drains).
   */
  async push(page: Unit, more: boolean, closed: ((done: readonly Item[]) => boolean) | null = null): Promise<Item[]> {
    this.page = page;
    this.more = more;
    this.closed = closed;
    const done: Item[] = [];
    this.done = done;
    while (this.sources.length > 0) {
      const got = await this.sourceItem();
      if (got === PAUSE) break;
      if (got !== null) await this.through(got.unit, got.step, done);
    }
    return done;
  }

  /** Whether every source is exhausted (nothing is kept for a next page). */
  get finished(): boolean {
    return this.sources.length === 0;
  }

  private mod(n: number): number {
    const len = this.sources.length;
    return ((n % len) + len) % len;
  }

  /** `_get_source_item`: the next value of a source, going round them; `null` when each gave a `None`. */
  private async sourceItem(): Promise<{ unit: Unit; step: number } | null | typeof PAUSE> {
    const sources = this.sources;
    for (;;) {
      if (sources.length === 0) return null;
      if (!this.resume)
        this.current = sources.length - this.initial >= MAX_PARALLEL_ITEMS ? sources.length - 1 : this.mod(this.current - 1);
      this.resume = false;
      let first: number | null = null;
      for (;;) {
        if (this.current === first) return null;
        const source = sources[this.current]!;
        const v = await source.next();
        if ((v as unknown) === PAUSE) {
          this.resume = true;
          return PAUSE;
        }
        if (v === undefined) {
          sources.splice(this.current, 1);
          if (this.current < this.initial) this.initial--;
          break;
        }
        if (v !== null) return { unit: v, step: source.step };
        first ??= this.current;
        this.current = this.mod(this.current - 1);
      }
    }
  }

  /** The steps after `from` on `unit`, up to the end or to a yield_map (which becomes a source). */
  private async through(start: Unit, from: number, done: Item[]): Promise<void> {
    const got = await stepsFrom(start, from, this.hooks);
    if (got.yieldAt) this.sources.push(yieldSource(got.yieldAt.k, got.yieldAt.unit, this.hooks));
    else done.push(...got.done);
  }
}

/**
 * The steps after `from` on `start`, as dlt's iterator runs them in one go: up to the end (`done`, the items that leave
 * the steps) or to a yield_map (`yieldAt`: the step and what it is given, whose generator becomes a source).
 */
export async function stepsFrom(
  start: Unit,
  from: number,
  hooks: PipeHooks,
): Promise<{ done: Item[]; yieldAt: { k: number; unit: Unit } | null }> {
  const list = hooks.steps;
  let unit = start;
  for (let k = from + 1; k < list.length; k++) {
    const kind = list[k]!.kind;
    if (kind === "yield_map") return { done: [], yieldAt: { k, unit } };
    hooks.seen(k, unit.items.length);
    if (unit.list && unit.items.length === 0) continue;
    if (kind === "filter") {
      const kept: Item[] = [];
      for (const item of unit.items)
        if (truthy((await hooks.call(k, item.py)) as PyVal)) kept.push(item);
        else hooks.dropped(k);
      if (kept.length === 0) return { done: [], yieldAt: null };
      unit = { list: unit.list, items: kept };
    } else if (unit.list) {
      const mapped: Item[] = [];
      for (const item of unit.items) mapped.push({ py: (await hooks.call(k, item.py)) as PyVal, record: null, made: list[k]!.at });
      unit = { list: true, items: mapped };
    } else {
      const out = (await hooks.call(k, unit.items[0]!.py)) as PyVal;
      if (out === null) return { done: [], yieldAt: null };
      unit = unitOf(out, list[k]!.at);
    }
  }
  return { done: unit.list ? [...unit.items] : unit.items.map((x) => ({ ...x, alone: true })), yieldAt: null };
}

/** The items one page gives at the end of the steps, in dlt's order (a resource of one page). */
export const runPipe = (page: Unit, hooks: PipeHooks): Promise<Item[]> => new StepPipe(hooks).push(page, false);

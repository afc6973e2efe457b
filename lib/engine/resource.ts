/**
 * Long because it is one class, the resource's whole life; its parts (spec, sequence, steps, incremental) live beside it.
 * One resource from `resource_start` to `resource_done`: auth, processing steps (./steps.ts, before the incremental
 * filter, as in dlt), incremental, its errors, and the sources it gives the round robin (./round-robin.ts) — its own
 * pages (top level), one source per parent page (children), and the forks that hand its pages to its children.
 */
import { EngineError, LIMIT_FAILS, type DataRecord, type IncrementalState, type Json, type ResourceStats } from "./types";
import { LimitReached, type RunContext } from "./context";
import { createAuth } from "./auth";
import type { Lookup } from "./interpolate";
import type { PreparedResource } from "./prepare";
import { startIncremental, type IncrementalRun } from "./incremental";
import { buildSpec, incrementalLookup } from "./resource-spec";
import { includedColumns, parentFailed, parentValue, ParentRows, withIncluded, type ParentRow } from "./parents";
import { maxRecordsReached, runSequence, type Later, type ResourceRun, type SequencePage } from "./sequence";
import { cancelledError } from "./attempt";
import type { Source, Turn } from "./round-robin";
import { evaluateInitialValue, setOwn } from "../shared";
import { pythonWarnings } from "./python-keys";
import { pauseOf, runModule, StepRunner, type YieldGenerator } from "./steps";

/** What the drivers of one run share. */
export interface RunDrivers {
  readonly ctx: RunContext;
  /** Set when a resource was cancelled: every source ends at its next turn, nothing else finishes. */
  stopped: boolean;
  /** Called once per resource as it ends (`ok`: its `resource_done` said ok). */
  readonly ended: (ok: boolean, cancelled: boolean) => void;
  /** The run's pool for `parallelized` work against a live API (dlt's 5 workers, for every resource together). */
  readonly pool: <T>(task: () => Promise<T>) => Promise<T>;
}

const DONE: Turn = { done: true };
const NOTHING: Turn = { done: false, spawn: null };

/** The round robin's view of one resource. */
export class ResourceDriver {
  readonly name: string;
  readonly children: ResourceDriver[] = [];
  /** Where its pages go (./round-robin.ts `pipeTopology`); empty: nowhere but its table. */
  forks: readonly (ResourceDriver | null)[] = [];
  /** Sources of its own that may still give pages, and fork entries that will start one. */
  private open = 0;
  private started = false;
  private finished = false;
  /** Failed with an error (not a limit): its sources end, its children end with `parent_failed`. */
  private broken = false;
  private limited = false;
  private cancelled = false;
  /** Parent records it ran for (children). */
  private ranFor = 0;
  /** The parent pages this child was called for (dlt binds its incremental again for each after the first). */
  private parentPages = 0;
  /** What a child's `start_param` sends: one value its parent pages share, set as each page's requests begin (dlt's params dict). */
  private sharedStart: Json = null;
  private inc: IncrementalRun | null = null;
  private steps: StepRunner | null = null;
  private filtered = 0;
  private run: ResourceRun | null = null;
  private incLookup: Lookup | null = null;
  private readonly rows: ParentRows | null;
  /** The `yield_map` generator the page just entered started (a `driven` resource's), for the page's turn to spawn. */
  private spawned: Source | null = null;

  constructor(
    private readonly drivers: RunDrivers,
    readonly r: PreparedResource,
    readonly parent: ResourceDriver | null,
    private readonly stats: ResourceStats,
    private readonly statsByName: Record<string, ResourceStats>,
    private readonly prior: IncrementalState | undefined,
    private readonly feedOnly: boolean,
  ) {
    this.name = r.name;
    this.rows = r.parent ? new ParentRows(r) : null;
    parent?.children.push(this);
  }

  /** Its `resource_done` was emitted. */
  get done(): boolean {
    return this.finished;
  }

  private get ctx(): RunContext {
    return this.drivers.ctx;
  }

  /** Whether its work goes on in the background (dlt's `parallelized` against a live API). */
  private get concurrent(): boolean {
    return this.r.parallelized && !this.ctx.virtual;
  }

  /** `resource_start`, then auth and incremental; false when it cannot run (its error is emitted). */
  private begin(): boolean {
    if (this.started) return !this.finished && !this.broken;
    this.started = true;
    const { ctx, r } = this;
    setOwn(this.statsByName, r.name, this.stats);
    ctx.emit({
      type: "resource_start",
      resource: r.name,
      paginator: ctx.masker.text(r.paginator?.describe ?? "none"),
      data_selector: r.data_selector,
      primary_key: r.primary_key,
      write_disposition: r.write_disposition,
      parent: r.parent?.name ?? null,
      ...r.table,
      ...(this.feedOnly ? { selected: false } : {}),
      ...(r.parallelized ? { parallelized: ctx.virtual ? "in_order" : "concurrent" } : {}),
    });
    // An incremental's initial value written as Python (compiled when the config was read), computed as Python does at the run's time.
    const computed = evaluateInitialValue(r.incremental?.initial_value_compiled, ctx.deps.now());
    for (const e of pythonWarnings(r.name, r.python_keys, computed, this.prior !== undefined)) ctx.emit(e);
    try {
      if (r.problem) throw r.problem;
      const inc = r.incremental && computed !== null ? { ...r.incremental, initial_value: computed } : r.incremental;
      this.inc = inc ? startIncremental(inc, this.prior, r.name, r.primary_key, ctx.numberText) : null;
      this.run = {
        r,
        stats: this.stats,
        auth: r.auth ? createAuth(r.auth, ctx, r.authInstance) : undefined,
        selectors: new Map(),
        pagesLimitReported: false,
        secretWarned: false,
      };
      this.incLookup = incrementalLookup(r, this.inc);
      this.steps = r.steps.length ? new StepRunner(r.steps, r.name, ctx.numberText, pauseOf(ctx), ctx.deps.now, runModule(ctx)) : null;
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  /** The processing steps (a promise: they may breathe), then the incremental filter. */
  /** `more`: another page of the resource follows (StepRunner.apply; a `parallelized` live resource's `yield_map`). */
  private filter(given: DataRecord[], more = false): DataRecord[] | Promise<DataRecord[]> {
    if (!this.steps) return this.incremental(given);
    const inc = this.inc;
    // A top-level incremental may close the resource (`row_order`) while a page's yield_maps run: it is fed their items
    // as the pipe asks for the next page (StepRunner.apply).
    if (inc && more && !this.r.parent)
      return this.steps.apply(given, more, {
        filter: (records) => this.incremental(records),
        closed: () => inc.closeReason() !== null,
      });
    return this.steps.apply(given, more).then((records) => this.incremental(records));
  }

  private incremental(records: DataRecord[]): DataRecord[] {
    if (!this.inc) return records;
    const { kept, dropped } = this.inc.filter(records);
    this.filtered += dropped;
    return kept;
  }

  /** A limit or an error ends the resource (its remaining sources end at their next turn). */
  private fail(e: unknown): void {
    const { ctx, r } = this;
    if (e instanceof LimitReached) {
      ctx.emit({ type: "limit", resource: r.name, limit: e.limit, message: e.message });
      if (LIMIT_FAILS[e.limit]) this.limited = true;
    } else {
      const err =
        e instanceof EngineError
          ? e
          : new EngineError(
              "internal_error",
              `restplay failed unexpectedly: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
            );
      ctx.emit({
        type: "error",
        resource: r.name,
        error: {
          ...err.toJSON(),
          message: ctx.masker.text(err.message),
          resource: r.name,
          ...(err.details.url ? { url: ctx.masker.url(err.details.url) } : {}),
        },
      });
      this.broken = true;
      if (err.code === "cancelled") {
        this.cancelled = true;
        this.drivers.stopped = true;
      }
    }
    this.finish();
  }

  /** `incremental` (when it ran to its end) and `resource_done`, once. */
  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    const ok = !this.broken && !this.limited;
    if (this.steps && !this.broken) this.ctx.emit(this.steps.summary());
    if (this.inc && ok) {
      const inc = this.inc;
      // Cursor values come from records, which are masked where they are shown: so are they.
      const shown = (v: Json): Json => this.ctx.masker.record(v, undefined).value;
      const state = inc.state();
      this.ctx.emit({
        type: "incremental",
        resource: this.name,
        cursor_path: inc.cursorPath,
        before: shown(inc.before),
        start_value: shown(inc.startValue),
        end_value: shown(inc.endValue),
        after: shown(inc.lastValue()),
        filtered: this.filtered,
        state: state && { ...state, last_value: shown(state.last_value) },
      });
    }
    this.ctx.emit({ type: "resource_done", resource: this.name, ok, stats: this.stats });
    this.drivers.ended(ok, this.cancelled);
    if (!this.drivers.stopped) for (const c of this.children) c.settle();
  }

  /** Ends it once nothing can give it more work: no sources of its own left and its parent ended. */
  private settle(): void {
    if (this.finished || this.drivers.stopped || this.open > 0 || (this.parent && !this.parent.finished)) return;
    if (!this.begin()) return;
    const parent = this.parent;
    if (parent?.broken) {
      this.fail(new EngineError("parent_failed", parentFailed(parent.name, this.name, this.ranFor), { resource: this.name }));
      return;
    }
    this.finish();
  }

  /** Ends a resource the run left unfinished (a cancelled run): not ok, no further events. */
  abandon(): void {
    if (!this.started || this.finished) return;
    this.broken = true;
    this.finish();
  }

  /**
   * The fork of one page of its records to its children (and to itself: a turn that makes no request, where `emit`, if
   * given, emits them: a `yield_map`'s item reaches the end of dlt's pipe, its table, at that turn of the fork).
   */
  private fork(records: DataRecord[], emit?: () => unknown): Source | null {
    if (this.forks.length === 0) return null;
    for (const f of this.forks) if (f) f.open++;
    // The records to emit hold it open until they are.
    const emitted = emit && this.forks.includes(null) ? this.own() : null;
    const targets = [...this.forks];
    let next = 0;
    return {
      concurrent: false,
      turn: async (): Promise<Turn> => {
        const target = targets[next++];
        if (target === undefined) return DONE;
        if (target === null && emitted) {
          if (!this.drivers.stopped && !this.finished) emit!();
          emitted();
        }
        if (target === null || this.drivers.stopped) return NOTHING;
        const spawn = target.finished ? null : target.pagesFor(target.rows!.of(records, this.ctx.numberText));
        target.open--;
        if (!spawn) target.settle();
        return { done: false, spawn };
      },
    };
  }

  /**
   * Counts a source of its own; the returned function gives it up, once (the resource may then end).
   * A source gives itself up at its last page, so `resource_done` follows the page; it stays in the
   * round robin until its next turn, where dlt finds the generator exhausted.
   */
  private own(): () => Turn {
    this.open++;
    let given = false;
    return () => {
      if (!given) {
        given = true;
        this.open--;
        this.settle();
      }
      return DONE;
    };
  }

  /** A source that pages a top-level resource. */
  head(): Source {
    const end = this.own();
    let pages: AsyncGenerator<SequencePage, void, void> | null = null;
    const turn = async (): Promise<Turn> => {
      if (this.halted() || !this.begin()) return end();
      if (!pages) {
        // dlt closes only top-level resources early (`row_order`); a child's pages all run.
        const inc = this.inc;
        // A `yield_map`'s generators are sources of the round robin (`driven`), else (`parallelized` live) the steps' own
        // pipe reads whether a page follows: other resources' pages pay no second paginator update.
        const driven = this.driven;
        pages = runSequence(this.ctx, this.run!, buildSpec(this.r, this.incLookup!, inc), {
          transform: (records, more, later) => (later ? this.enter(records, later) : this.filter(records, more)),
          ...(inc ? { stopAfterPage: () => inc.closeReason() } : {}),
          ...(driven ? { later: true } : this.r.steps.some((s) => s.kind === "yield_map") ? { lookAhead: true } : {}),
        });
      }
      try {
        const page = await pages.next();
        if (page.done) return end();
        // A page that entered a `yield_map` gives its records at that generator's turns, and forks them there.
        const spawn = this.spawned ?? this.fork(page.value.records);
        this.spawned = null;
        if (page.value.last) end();
        return { done: false, spawn };
      } catch (e) {
        this.fail(e);
        return end();
      }
    };
    const concurrent = this.concurrent;
    return { concurrent, turn: concurrent ? () => this.drivers.pool(turn) : turn };
  }

  /** The run stops: cancelled by a resource, or by the caller before this one started (it never will). */
  private halted(): boolean {
    if (!this.started && this.ctx.signal.aborted) this.drivers.stopped = true;
    return this.drivers.stopped;
  }

  /** A child's source for one page of its parent's records: one page per turn, record after record. */
  private pagesFor(rows: readonly ParentRow[]): Source | null {
    if (rows.length === 0) return null;
    this.bindForParentPage();
    if (this.concurrent) return this.allAtOnce(rows);
    const end = this.own();
    let at = 0;
    let pages: AsyncGenerator<SequencePage, void, void> | null = null;
    let started = false;
    return {
      concurrent: false,
      turn: async () => {
        if (this.halted() || !this.begin()) return end();
        try {
          for (;;) {
            if (!pages) {
              const row = rows[at++];
              if (!row) return end();
              // dlt writes `start_param` into the one params dict its parent pages share, as each page's requests begin.
              if (!started) this.sharedStart = this.inc?.liveLast() ?? null;
              started = true;
              pages = this.forRow(row);
            }
            const page = await pages.next();
            if (!page.done) {
              // A page that entered a `yield_map` gives its records at that generator's turns, and forks them there.
              const spawn = this.spawned ?? this.fork(page.value.records);
              this.spawned = null;
              if (page.value.last && at >= rows.length) end();
              return { done: false, spawn };
            }
            pages = null;
          }
        } catch (e) {
          this.fail(e);
          return end();
        }
      },
    };
  }

  /** dlt calls a child once per parent page; from the second call on, that binds its incremental again (`rebind`). */
  private bindForParentPage(): void {
    if (this.parentPages++ > 0) this.inc?.rebind();
  }

  /**
   * The pages for one parent record (`start_param`: `sharedStart`, as the record's requests begin).
   */
  private forRow(row: ParentRow): AsyncGenerator<SequencePage, void, void> {
    const { ctx, r } = this;
    if (ctx.signal.aborted) throw cancelledError(r.name);
    const parent = r.parent!.name;
    const incLookup = this.incLookup!;
    const lookup: Lookup = (name) =>
      name.startsWith("resources.") ? parentValue(row, parent, name.slice(`resources.${parent}.`.length), r.name, true) : incLookup(name);
    const include = includedColumns(row, parent, r.include_from_parent, r.name);
    const values = Object.fromEntries(r.parent!.fields.map((f) => [f, parentValue(row, parent, f, r.name)]));
    this.ranFor++;
    const withParent = (given: DataRecord[], _more: boolean, later?: Later) => {
      const records = r.include_from_parent.length ? given.map((x) => withIncluded(ctx.numberText, x, include, row, parent)) : given;
      if (later) return this.enter(records, later);
      return this.filter(records);
    };
    const parentSecret = ctx.masker.holds(values) || ctx.masker.holds(include);
    return runSequence(ctx, this.run!, buildSpec(r, lookup, this.inc, this.sharedStart), {
      transform: withParent,
      parent: values,
      parentSecret,
      ...(this.driven ? { later: true } : {}),
    });
  }

  /**
   * A resource whose steps hold a `yield_map` (not `parallelized` live): each one's generator is a source of the run's
   * round robin, as in dlt's iterator, so its items interleave with its next pages, other resources' pages and their
   * generators, and (a child) the other parent pages' children (decision 0044).
   */
  private get driven(): boolean {
    return !this.concurrent && this.r.steps.some((s) => s.kind === "yield_map");
  }

  /** A page into a `driven` resource's steps: the records that left them (then the incremental), or the `yield_map` it entered. */
  private async enter(records: DataRecord[], later: Later): Promise<DataRecord[]> {
    const got = await this.steps!.enter(records);
    if (got.next) this.spawned = this.yields(got.next, later);
    return this.incremental(got.records);
  }

  /** A `yield_map`'s generator as a source: one item per turn, through the steps after it, emitted and forked at once. */
  private yields(generator: YieldGenerator, later: Later): Source {
    const end = this.own();
    later.open();
    return {
      concurrent: false,
      turn: async () => {
        if (this.halted() || this.finished) return end();
        try {
          const got = await this.steps!.advance(generator);
          if (got === undefined) {
            later.close();
            return end();
          }
          if (got === null) return NOTHING;
          if (got.next) return { done: false, spawn: this.yields(got.next, later) };
          const records = this.incremental(got.records);
          if (records.length === 0) return NOTHING;
          // Forked to itself too (it is selected, and has children): its table gets the records at the fork's turn.
          if (this.forks.includes(null)) {
            later.open();
            return { done: false, spawn: this.fork(records, () => (this.emitLater(records, later), later.close())) };
          }
          const kept = this.emitLater(records, later);
          return { done: false, spawn: this.fork(kept) };
        } catch (e) {
          this.fail(e);
          return end();
        }
      },
    };
  }

  /** Emits records a `yield_map`'s item gave (`later`): those within `max_records`, which ends the resource when reached. */
  private emitLater(records: DataRecord[], later: Later): DataRecord[] {
    const { kept, capped } = later.give(records);
    if (capped) this.fail(maxRecordsReached(this.ctx));
    return kept;
  }

  /**
   * `parallelized` against a live API: dlt runs one deferred task per parent record in its pool; the
   * page's records are fetched in one background turn, and the first failure ends the rest.
   */
  private allAtOnce(rows: readonly ParentRow[]): Source {
    const end = this.own();
    let ran = false;
    return {
      concurrent: true,
      turn: async () => {
        if (ran || this.halted() || !this.begin()) return end();
        ran = true;
        this.sharedStart = this.inc?.liveLast() ?? null;
        const gathered: DataRecord[] = [];
        const errors: unknown[] = [];
        await Promise.allSettled(
          rows.map((row) =>
            this.drivers.pool(async () => {
              if (errors.length) return;
              try {
                for await (const page of this.forRow(row)) {
                  if (errors.length) return;
                  gathered.push(...page.records);
                }
              } catch (error) {
                errors.push(error);
              }
            }),
          ),
        );
        if (errors.length) {
          this.fail(errors[0]);
          return end();
        }
        const spawn = this.fork(gathered);
        end();
        return { done: false, spawn };
      },
    };
  }
}

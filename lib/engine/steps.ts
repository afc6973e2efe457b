/**
 * A resource's `processing_steps` applied to each page's records as dlt applies them (dlt/extract/items_transform.py
 * FilterItem, MapItem, YieldMapItem, in the order the resource added them): after `include_from_parent`, before the
 * incremental filter, the limits and the children (checked with dlt 1.26.0), in the order of dlt's pipe iterator
 * (./steps-pipe.ts). A map's `None` on the page is a record dlt loads as `{"value": None}`, as any bare value. A Python
 * exception fails the resource with dlt's message.
 */
import type { ResolvedStep } from "../config/resolved";
import {
  BudgetExceeded,
  fromPy,
  Interpreter,
  iterate,
  mayMutate,
  NestedTooDeep,
  NotModelled,
  PyDict,
  PyError,
  SizeExceeded,
  type Module,
  toPy,
  type FromPy,
  type PyVal,
} from "../shared/pystep";
import { ORJSON_DEPTH } from "../shared";
import { asRecord, wrappedValues } from "./sequence";
import { aloneRecords, StepPipe, stepsFrom, yieldSource, type Item, type PipeHooks, type Source as YieldGenerator } from "./steps-pipe";

export type { YieldGenerator };
/** What a page or a `yield_map`'s item gave: the records that left the steps, or the next `yield_map`'s generator. */
export interface Driven {
  readonly records: DataRecord[];
  readonly next: YieldGenerator | null;
}
import type { NumberTexts } from "./number-text";
import { cancelledError } from "./attempt";
import type { RunContext } from "./context";
import { EngineError, type DataRecord, type EngineEvent, type NumberText } from "./types";

/** dlt's own words when a filter or map raises a TypeError (it takes any TypeError for a wrong signature). */
const SIGNATURE =
  "requires first argument to take data item and optional second argument named `meta`, but the signature is " +
  "`(item: Union[Any, List[Any]], meta: Any = None) -> Union[Any, List[Any], NoneType]`";

const CLASS = { filter: "FilterItem", map: "MapItem", yield_map: "YieldMapItem" } as const;

/** How the run lets its thread breathe during a page's steps: `EngineDeps.breathe`, a real-time clock, its signal. */
export interface Pause {
  readonly breathe: () => Promise<void>;
  readonly clock: () => number;
  readonly signal: AbortSignal;
}

/** Milliseconds of steps between two breaths. */
const BREATHE_MS = 50;

/** The run's pause for its steps: none when its deps cannot breathe. */
export const pauseOf = (ctx: RunContext): Pause | null =>
  ctx.deps.breathe ? { breathe: ctx.deps.breathe, clock: () => ctx.elapsed(), signal: ctx.signal } : null;

const MODULES = new WeakMap<object, Module>();
/**
 * The module of a run's steps (`run`: the run's context): bound once and shared by every resource's steps, as dlt runs
 * them all in one Python process — a list one resource's step appends to is seen by the next resource's (checked with
 * dlt 1.26.0; the resources take turns in dlt's round robin order).
 */
export function runModule(run: object): Module {
  let m = MODULES.get(run);
  if (!m) MODULES.set(run, (m = new Map()));
  return m;
}

/** What runs after the steps on their records (the incremental): its filter, and whether it closed the resource. */
export interface AfterSteps {
  filter(records: DataRecord[]): DataRecord[];
  closed(): boolean;
}

export class StepRunner {
  private readonly py: Interpreter;
  /** The steps' module (constants, helper functions), bound once for the resource's run as Python binds it once. */
  private module: Module | null = null;
  /** Records each step was given, and (filters) dropped. */
  private readonly seen: number[];
  private readonly dropped: number[];
  private readonly transforms: boolean;
  /**
   * The pipe kept between a resource's pages (`apply`'s `more`) when its `yield_map`s are not sources of the run's round
   * robin (`enter`/`advance`): a `parallelized` resource against a live API, whose pages run in the background.
   */
  private kept: StepPipe | null = null;
  private pipeHooks: PipeHooks | null = null;

  constructor(
    private readonly steps: readonly ResolvedStep[],
    private readonly resource: string,
    private readonly texts: NumberTexts,
    private readonly pause: Pause | null = null,
    /** The run's clock (epoch ms): what `datetime.now()` reads. */
    now: () => number = Date.now,
    /** The run's module (`runModule`): one for all its resources' steps, as dlt's process imports the file once. */
    private readonly shared: Module = new Map(),
  ) {
    this.py = new Interpreter(undefined, now);
    this.seen = steps.map(() => 0);
    this.dropped = steps.map(() => 0);
    // A filter that changes its record keeps the change in dlt (the same dict goes on): its records are written back too.
    this.transforms = steps.some((s) => s.kind !== "filter" || mayMutate(s.fn, s.globals));
  }

  /**
   * The page's records after every step (the same objects when only filters ran). A page's steps may hold the thread
   * for minutes (each call is bounded, the page is not): every `BREATHE_MS` of it the event loop runs (`pause`, the
   * run's `EngineDeps.breathe`), and a run cancelled meanwhile stops here.
   */
  async apply(records: DataRecord[], more = false, after: AfterSteps | null = null): Promise<DataRecord[]> {
    const kept = this.kept;
    if (this.steps.length === 0 || (records.length === 0 && kept === null)) return after ? after.filter(records) : records;
    // One pipe for a resource's pages while more follow (`more`): a page's yield_maps go on after the next page entered.
    const pipe = kept ?? new StepPipe(this.hooks());
    const written = (x: Item) => this.written(x);
    // With `after` (the incremental), the items so far go through it whenever the pipe asks for the next page: whether
    // it closed the resource by then decides whether the page source goes on, as in dlt's pipe.
    const out: DataRecord[] = [];
    let fed = 0;
    const feed = (done: readonly Item[]) => {
      if (after === null) return;
      const batch = done.slice(fed).map(written);
      fed = done.length;
      out.push(...after.filter(batch));
    };
    const page = { list: true, items: records.map((r) => ({ py: this.read(r), record: r, made: null })) };
    const closed = after && more ? (done: readonly Item[]) => (feed(done), after.closed()) : null;
    const items = await pipe.push(page, more, closed);
    this.kept = more && !pipe.finished ? pipe : null;
    if (after === null) return items.map(written);
    feed(items);
    return out;
  }

  /**
   * A page into the steps when each `yield_map`'s generator is a source of the run's round robin (./resource.ts
   * `driven`): the records that left the steps, or the `yield_map` the page reached (`next`, to give its items).
   */
  async enter(records: DataRecord[]): Promise<Driven> {
    const page = { list: true, items: records.map((r) => ({ py: this.read(r), record: r, made: null })) };
    return this.driven(await stepsFrom(page, -1, this.hooks()));
  }

  /** One turn of a `yield_map`'s generator: `undefined` when it is exhausted, `null` for a `None` it yields. */
  async advance(source: YieldGenerator): Promise<Driven | null | undefined> {
    const unit = await source.next();
    if (unit === undefined || unit === null) return unit;
    return this.driven(await stepsFrom(unit, source.step, this.hooks()));
  }

  private driven(got: Awaited<ReturnType<typeof stepsFrom>>): Driven {
    const hooks = this.hooks();
    return { records: got.done.map((x) => this.written(x)), next: got.yieldAt && yieldSource(got.yieldAt.k, got.yieldAt.unit, hooks) };
  }

  /** The hooks of the runner's pipes (one set: the breaths count over every page). */
  private hooks(): PipeHooks {
    if (this.pipeHooks) return this.pipeHooks;
    const { pause } = this;
    let since = pause?.clock() ?? 0;
    let calls = 0;
    return (this.pipeHooks = {
      steps: this.steps,
      call: async (k, py) => {
        if (pause !== null && ++calls % 16 === 0 && pause.clock() - since >= BREATHE_MS) {
          await pause.breathe();
          if (pause.signal.aborted) throw cancelledError(this.resource);
          since = pause.clock();
        }
        return this.call(this.steps[k]!, py);
      },
      seen: (k, n) => (this.seen[k]! += n),
      dropped: (k) => this.dropped[k]!++,
    });
  }

  /** An item that left the steps, as the record dlt writes. */
  private written(x: Item): DataRecord {
    const rec = x.record && !this.transforms ? x.record : this.write(x.py, x.made ?? "processing_steps");
    if (x.alone) aloneRecords.add(rec);
    return rec;
  }

  /** What the run says of its steps once the resource ends: each ran, and what each filter dropped. */
  summary(): EngineEvent {
    const parts = this.steps.map((s, i) =>
      s.kind === "filter"
        ? `\`${s.at}\` kept ${this.seen[i]! - this.dropped[i]!} of ${this.seen[i]} records (dropped ${this.dropped[i]})`
        : `\`${s.at}\` ran on ${this.seen[i]} record${this.seen[i] === 1 ? "" : "s"}`,
    );
    return {
      type: "warning",
      resource: this.resource,
      code: "python_executed",
      message: `The processing steps ran as dlt runs them: ${parts.join("; ")}.`,
    };
  }

  private read(r: DataRecord): PyVal {
    const texts = this.texts.recorded ? (this.texts.get(r) ?? null) : null;
    const order = this.texts.orders.recorded ? (this.texts.orders.get(r) ?? null) : null;
    const v = toPy(r, texts, order);
    return wrappedValues.has(r) && v instanceof PyDict ? (v.get("value") ?? null) : v;
  }

  private write(v: PyVal, made: string): DataRecord {
    let out: FromPy;
    try {
      out = fromPy(v);
    } catch (e) {
      // dlt's extract step writes each record with orjson, which stops at ORJSON_DEPTH levels (the page's list is one).
      if (e instanceof NestedTooDeep)
        throw new EngineError(
          "step_failed",
          `A record \`${made}\` made nests lists and dicts ${ORJSON_DEPTH - 1} levels deep or more (or holds itself): dlt's ` +
            `extract step writes records with orjson, which stops at ${ORJSON_DEPTH} levels, so it fails on it ` +
            "(`TypeError: Recursion limit reached`).",
          { resource: this.resource },
        );
      if (e instanceof NotModelled) throw this.notModelled(made, e);
      if (!(e instanceof PyError)) throw e;
      // Not the step's exception: dlt's extract step fails writing the record (checked with dlt 1.26.0).
      throw new EngineError("step_failed", `${e.message} (TypeError: dlt's extract step cannot write a record \`${made}\` made)`, {
        resource: this.resource,
      });
    }
    const { value, texts, order } = out;
    const record = asRecord(value);
    const wrapped = record !== value;
    if (texts !== null) this.texts.set(record, wrapped ? { value: texts } : (texts as NumberText));
    if (order) this.texts.orders.set(record, wrapped ? { at: { value: order } } : order);
    return record;
  }

  private call(step: ResolvedStep, item: PyVal): PyVal | PyVal[] {
    this.module ??= this.guard(step.kind, () => this.py.load(step.globals, this.shared), step.at);
    return this.guard(
      step.kind,
      () => {
        // dlt passes `meta` too to a function of other than one parameter (items_transform.py): None for rest_api's pages.
        const out = this.py.run(step.fn, step.fn.params.length === 1 ? [item] : [item, null], this.module);
        return step.kind === "yield_map" ? iterate(out) : out;
      },
      step.at,
    );
  }

  private notModelled(at: string, e: NotModelled): EngineError {
    return new EngineError(
      "step_failed",
      `\`${at}\` uses ${e.message}, which the playground does not model: it stops the step there, where dlt runs it. ` +
        "Write the step without it, or run the pipeline with dlt.",
      { resource: this.resource },
    );
  }

  /** Runs `f`, turning a Python exception into dlt's message for a step of `kind`. */
  private guard<T>(kind: ResolvedStep["kind"], f: () => T, at: string): T {
    try {
      return f();
    } catch (e) {
      const name = this.resource;
      // V8 refuses a string past its length limit with a RangeError: a value too large too.
      const limit =
        e instanceof BudgetExceeded
          ? e.message
          : e instanceof SizeExceeded
            ? e.message
            : e instanceof RangeError
              ? /call stack/i.test(e.message)
                ? // A deep recursion of big frames fills JavaScript's stack before `MAX_DEPTH`: caught here, the run goes on.
                  "calls and expressions nested deeper than JavaScript's stack holds; Python's recursion limit is about 1,000 calls"
                : "a value past JavaScript's limits"
              : null;
      if (e instanceof NotModelled) throw this.notModelled(at, e);
      if (limit !== null)
        throw new EngineError(
          "step_failed",
          `\`${at}\` went past the playground's limits on one record (${limit}): the playground stops a step there, where dlt ` +
            "has no such limit. Simplify the step, or run the pipeline with dlt.",
          { resource: name },
        );
      if (!(e instanceof PyError)) throw e;
      const cls = CLASS[kind];
      const [where, what] = kind === "yield_map" ? ["generator", "__call__"] : ["transform", cls];
      const pipe = `In processing pipe \`${name}\``;
      const dlt =
        kind !== "yield_map" && e.type === "TypeError"
          ? `${pipe}: Unable to call \`${cls}\`: ${e.message}. The mapping/filtering function \`${cls}\` ${SIGNATURE}`
          : `${pipe}: extraction of resource \`${name}\` in \`${where}\` \`${what}\` caused an exception: ${e.message}`;
      throw new EngineError("step_failed", `${dlt} (${e.type} in \`${at}\`)`, { resource: name });
    }
  }
}

/** The engine's entry point: plans the run (parents first), runs each resource, streams typed events. */
import { DEFAULT_LIMITS, EngineError, type EngineDeps, type EngineEvent, type ExtractOptions, type ResourceStats } from "./types";
import { NumberTexts } from "./number-text";
import type { RunContext } from "./context";
import { Masker } from "../shared";
import { EventChannel } from "./queue";
import { prepareSource, type PreparedResource } from "./prepare";
import { ParentStore } from "./parents";
import { runResource, type ResourceOutcome } from "./resource";
import { createPool, PARALLEL_WORKERS } from "./pool";
import { defect } from "./defect";
import { getOwn, setOwn } from "../shared";

/**
 * What this run runs: what was asked for (default: the selected resources, in config order) and the
 * parents they need, parents first. lib/config guarantees the graph (parents exist, no cycles) and
 * lib/run the names; meeting anything else here is a defect.
 */
function plan(all: readonly PreparedResource[], wanted: readonly string[]): PreparedResource[] {
  const byName = new Map(all.map((r) => [r.name, r]));
  const order: PreparedResource[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (r: PreparedResource) => {
    if (state.get(r.name) === "done") return;
    if (state.get(r.name) === "visiting") throw defect(`a cycle through \`${r.name}\``);
    state.set(r.name, "visiting");
    const p = r.parent ? byName.get(r.parent.name) : undefined;
    if (p) visit(p);
    state.set(r.name, "done");
    order.push(r);
  };
  for (const name of wanted) {
    const r = byName.get(name);
    if (!r) throw defect(`the run asked for resource \`${name}\`, which the source does not define`);
    visit(r);
  }
  return order;
}

async function run(options: ExtractOptions, deps: EngineDeps, signal: AbortSignal, channel: EventChannel<EngineEvent>): Promise<void> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const stats: Record<string, ResourceStats> = {};
  const masker = new Masker(Object.values(options.secrets));
  let requestId = 0;
  const warned = new Set<string>();
  const clock = deps.monotonic ?? deps.now;
  const monotonicStart = clock();
  const cancels = new Set<() => void>();
  signal.addEventListener("abort", () => [...cancels].forEach((cancel) => cancel()), { once: true });
  const ctx: RunContext = {
    deps,
    limits,
    masker,
    signal,
    onCancel: (cancel) => {
      cancels.add(cancel);
      return () => cancels.delete(cancel);
    },
    virtual: deps.virtualClock ?? false,
    startedAt: deps.now(),
    emit: (e) => {
      const s = "resource" in e && typeof e.resource === "string" ? getOwn(stats, e.resource) : undefined;
      if (e.type === "request" && s) s.requests += 1;
      if (e.type === "retry" && s) s.retries += 1;
      channel.push(e);
    },
    drained: () => channel.drained(),
    nextRequestId: () => ++requestId,
    elapsed: () => clock() - monotonicStart,
    usage: { requests: 0, bytes: 0 },
    once: (key) => !warned.has(key) && Boolean(warned.add(key)),
    spareControllers: [],
    numberText: new NumberTexts(),
  };
  let ok = true;
  const fail = (err: EngineError) => {
    ok = false;
    ctx.emit({
      type: "error",
      ...(err.details.resource ? { resource: err.details.resource } : {}),
      error: { ...err.toJSON(), message: masker.text(err.message) },
    });
  };
  try {
    const resources = prepareSource(options.source, options.secrets);
    for (const r of resources) for (const c of r.credentials) masker.add(c);
    // Default: the selected resources in config order (the source lists them parents first).
    const byIndex = [...options.source.resources].sort((a, b) => a.index - b.index);
    const asked = options.resources?.length ? [...options.resources] : byIndex.filter((r) => r.selected).map((r) => r.name);
    const order = plan(resources, asked);
    ctx.emit({ type: "run_start", resources: order.map((r) => r.name), at: ctx.startedAt });
    for (const where of options.source.skipped) {
      ctx.emit({
        type: "warning",
        code: "python_skipped",
        message: `\`${where}\` is a Python object (a dlt resource): validated, not executed in the playground.`,
      });
    }
    const store = new ParentStore(order);
    const failed = new Set<string>();
    // `parallelized` resources run concurrently (dlt's pool of 5) against live APIs; against the mocks
    // everything runs in order so virtual time — and with it timeouts and waits — stays exact.
    const pool = createPool(PARALLEL_WORKERS);
    const started = new Map<string, Promise<ResourceOutcome>>();
    let stopped = false;
    const runOne = async (r: PreparedResource): Promise<ResourceOutcome> => {
      const parent = r.parent ? started.get(r.parent.name) : undefined;
      if (parent) await parent;
      if (stopped || signal.aborted) return { ok: false, cancelled: true };
      const s: ResourceStats = { requests: 0, pages: 0, retries: 0, records_fetched: 0 };
      setOwn(stats, r.name, s);
      const prior = options.state ? getOwn(options.state, r.name) : undefined;
      const outcome = await runResource(ctx, r, s, store, failed, prior, !asked.includes(r.name));
      if (!outcome.ok) {
        ok = false;
        if (!outcome.limited) failed.add(r.name);
      }
      if (outcome.cancelled) stopped = true;
      return outcome;
    };
    for (const r of order) {
      if (stopped) break;
      if (signal.aborted) {
        fail(new EngineError("cancelled", "The run was cancelled."));
        break;
      }
      const task = r.parallelized && !ctx.virtual ? pool(() => runOne(r)) : runOne(r);
      started.set(r.name, task);
      if (!(r.parallelized && !ctx.virtual)) await task;
    }
    await Promise.all(started.values());
  } catch (e) {
    fail(
      e instanceof EngineError
        ? e
        : new EngineError("internal_error", `restplay failed unexpectedly: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`),
    );
  }
  ctx.emit({ type: "done", ok, duration_ms: Math.round(ctx.elapsed()), stats });
}

/** A signal aborted when any of `signals` is, and a function that detaches it again. */
function anySignal(signals: readonly (AbortSignal | undefined)[]): { signal: AbortSignal; detach: () => void } {
  const ctrl = new AbortController();
  const detach: (() => void)[] = [];
  for (const s of signals) {
    if (!s) continue;
    if (s.aborted) ctrl.abort(s.reason);
    const onAbort = () => ctrl.abort(s.reason);
    s.addEventListener("abort", onAbort, { once: true });
    detach.push(() => s.removeEventListener("abort", onAbort));
  }
  return { signal: ctrl.signal, detach: () => detach.forEach((d) => d()) };
}

/**
 * Runs the config and yields its events. Never throws for expected failures: they are `error` events
 * with a literal code, and the stream always ends with `done`. Stopping the iteration cancels the run.
 */
export async function* extract(options: ExtractOptions, deps: EngineDeps): AsyncGenerator<EngineEvent> {
  const channel = new EventChannel<EngineEvent>();
  const consumerGone = new AbortController();
  const { signal, detach } = anySignal([deps.signal, consumerGone.signal]);
  const work = run(options, deps, signal, channel).finally(() => {
    detach();
    channel.close();
  });
  let finished = false;
  try {
    // The channel's events straight from this generator (a `yield*` of the channel's own generator
    // would pass every event through two async generators).
    for (;;) {
      const batch = channel.take() ?? (await channel.next());
      if (batch === null) break;
      for (const e of batch) yield e;
    }
    finished = true;
  } finally {
    if (!finished) {
      consumerGone.abort();
      channel.cancel();
    }
    await work;
  }
}

/** The engine's entry point: plans the run (parents first), runs the resources in dlt's order, streams typed events. */
import { DEFAULT_LIMITS, EngineError, type EngineDeps, type EngineEvent, type ExtractOptions, type ResourceStats } from "./types";
import { NumberTexts } from "./number-text";
import type { RunContext } from "./context";
import { Masker } from "../shared";
import { EventChannel } from "./queue";
import { prepareSource, type PreparedResource } from "./prepare";
import { ResourceDriver, type RunDrivers } from "./resource";
import { pipeTopology, roundRobin, staticOrder } from "./round-robin";
import { createPool, PARALLEL_WORKERS } from "./pool";
import { defect } from "./defect";
import { getOwn } from "../shared";

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
  const settings = new Set(options.settings ?? []);
  const masker = new Masker(Object.keys(options.secrets).flatMap((name) => (settings.has(name) ? [] : [options.secrets[name] ?? ""])));
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
    const resources = prepareSource(options.source, options.secrets, options.held);
    for (const r of resources) for (const c of r.credentials) masker.add(c);
    for (const c of options.source.literalSecrets ?? []) masker.add(c);
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
    // dlt's extraction order (./round-robin.ts): the selected resources in the order dlt's source lists them.
    let cancelled = false;
    const drivers: RunDrivers = {
      ctx,
      stopped: false,
      ended: (done, wasCancelled) => {
        ok &&= done;
        cancelled ||= wasCancelled;
      },
      pool: createPool(PARALLEL_WORKERS),
    };
    const byName = new Map<string, ResourceDriver>();
    for (const r of order) {
      const s: ResourceStats = { requests: 0, pages: 0, retries: 0, records_fetched: 0 };
      const parent = r.parent ? (byName.get(r.parent.name) ?? null) : null;
      // dlt resets a `replace` resource's state before every extract (extract.py): its cursor starts from initial_value.
      const prior = options.state && r.write_disposition !== "replace" ? getOwn(options.state, r.name) : undefined;
      byName.set(r.name, new ResourceDriver(drivers, r, parent, s, stats, prior, !asked.includes(r.name)));
    }
    const listed = staticOrder(byIndex.map((r) => ({ name: r.name, parent: r.parent && !r.parent.external ? r.parent.name : null })));
    const pipes = listed.filter((name) => asked.includes(name) && byName.has(name));
    // A parent that is a Python dlt resource is not in the run: its child is a head, and fails alone (prepare.ts).
    const parentOf = (name: string) => {
      const parent = byName.get(name)?.r.parent?.name;
      return parent !== undefined && byName.has(parent) ? parent : null;
    };
    const topology = pipeTopology(pipes, parentOf);
    for (const [parent, targets] of topology.forks) {
      const d = byName.get(parent);
      if (d) d.forks = targets.flatMap((t) => (t === null ? [null] : (byName.get(t) ?? [])));
    }
    await roundRobin(topology.heads.map((name) => byName.get(name)!.head()));
    if (drivers.stopped) {
      for (const d of byName.values()) d.abandon();
      if (!cancelled) fail(new EngineError("cancelled", "The run was cancelled."));
    } else {
      const left = [...byName.values()].filter((d) => !d.done);
      if (left.length) throw defect(`the round robin ended with ${left.map((d) => `\`${d.name}\``).join(", ")} unfinished`);
    }
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

/** The engine's entry point: runs the selected resources (parents first) and streams typed events. */
import { DEFAULT_LIMITS, EngineError, type DataRecord, type EngineDeps, type EngineEvent, type ExtractOptions, type Json, type ResourceStats } from "./types";
import type { RunContext } from "./context";
import { Masker } from "./mask";
import { EventQueue } from "./queue";
import { resolveResources, type ResolvedResource } from "./resolve";
import { createAuth } from "./auth";
import { createPaginator } from "./paginators";
import { policyFrom } from "./retry";
import { runSequence, type SequenceState } from "./sequence";
import { formatDeep, formatString, parentLookup, pyStr } from "./interpolate";
import { setParam, type RequestSpec } from "./request";
import { startIncremental } from "./incremental";

function formatSpec(spec: RequestSpec, lookup: (expr: string) => Json | undefined): RequestSpec {
  return {
    ...spec,
    url: formatString(spec.url, lookup),
    params: spec.params.map(([k, v]) => [formatString(k, lookup), formatString(v, lookup)] as const),
    headers: Object.fromEntries(Object.entries(spec.headers).map(([k, v]) => [formatString(k, lookup), formatString(v, lookup)])),
    ...(spec.json !== undefined ? { json: formatDeep(spec.json, lookup, true) } : {}),
    ...(spec.data !== undefined ? { data: formatDeep(spec.data, lookup, false) } : {}),
  };
}
import { secretEnvName } from "./names";

function toParams(params: { [k: string]: Json }): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === null) continue;
    if (Array.isArray(v)) for (const x of v) out.push([k, pyStr(x)]);
    else if (typeof v === "object") continue; // typed incremental/resolve params are not query values
    else out.push([k, pyStr(v)]);
  }
  return out;
}

function order(all: ResolvedResource[], wanted: Set<string>): ResolvedResource[] {
  const byName = new Map(all.map((r) => [r.name, r]));
  const out: ResolvedResource[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (r: ResolvedResource, chain: string[]) => {
    if (state.get(r.name) === "done") return;
    if (state.get(r.name) === "visiting") throw new EngineError("invalid_config", `Resources depend on each other in a cycle: ${[...chain, r.name].join(" -> ")}`);
    state.set(r.name, "visiting");
    if (r.parent) {
      const p = byName.get(r.parent.name);
      if (!p) throw new EngineError("invalid_config", `A dependent resource \`${r.name}\` refers to non existing parent resource \`${r.parent.name}\`.`, { resource: r.name });
      visit(p, [...chain, r.name]);
    }
    state.set(r.name, "done");
    out.push(r);
  };
  for (const r of all) if (wanted.has(r.name)) visit(r, []);
  return out;
}

async function run(options: ExtractOptions, deps: EngineDeps, emit: (e: EngineEvent) => void): Promise<void> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const signal = deps.signal ?? new AbortController().signal;
  const stats: Record<string, ResourceStats> = {};
  let requestId = 0;
  const startedAt = deps.now();
  const monotonicStart = (deps.monotonic ?? deps.now)();
  const ctx: RunContext = {
    deps, limits, signal, startedAt,
    masker: new Masker(Object.values(options.secrets)),
    virtual: deps.virtualClock ?? false,
    emit: (e) => {
      if (e.type === "retry" && stats[e.resource]) stats[e.resource]!.retries += 1;
      emit(e);
    },
    nextRequestId: () => ++requestId,
    elapsed: () => (deps.monotonic ?? deps.now)() - monotonicStart,
  };
  let ok = true;
  try {
    const all = resolveResources(options.config, options.secrets);
    const known = new Set(all.map((r) => r.name));
    const unknown = (options.resources ?? []).filter((n) => !known.has(n));
    if (unknown.length) throw new EngineError("invalid_config", `Unknown resource ${unknown.map((n) => `\`${n}\``).join(", ")}; defined: ${[...known].map((n) => `\`${n}\``).join(", ")}.`);
    const wanted = new Set(options.resources?.length ? options.resources : all.filter((r) => r.selected).map((r) => r.name));
    const plan = order(all, wanted);
    const parentsNeeded = new Set(plan.flatMap((r) => (r.parent ? [r.parent.name] : [])));
    const parentRecords = new Map<string, DataRecord[]>();
    const failed = new Set<string>();
    ctx.emit({ type: "run_start", resources: plan.map((r) => r.name), at: startedAt });
    for (const r of plan) {
      const s: ResourceStats = (stats[r.name] = { requests: 0, pages: 0, retries: 0, records_fetched: 0 });
      const state: SequenceState = { stats: s, cut: false, selector: null };
      const paginatorDescribe = r.paginator ? createPaginator(r.paginator).describe : "auto (none configured: detected on the first response)";
      ctx.emit({ type: "resource_start", resource: r.name, paginator: paginatorDescribe, data_selector: r.data_selector, primary_key: r.primary_key, write_disposition: r.write_disposition, parent: r.parent?.name ?? null });
      let resourceOk = true;
      try {
        if (r.missing_secrets.length) {
          throw new EngineError("missing_secret", `Missing ${r.missing_secrets.map((n) => `dlt.secrets["${n}"]`).join(", ")}: enter ${r.missing_secrets.length > 1 ? "them" : "it"} in the Secrets panel, pass --secret ${r.missing_secrets[0]}=…, or set the environment variable ${secretEnvName(r.missing_secrets[0] ?? "")}.`, { resource: r.name });
        }
        for (const key of r.python_keys) ctx.emit({ type: "warning", resource: r.name, code: "python_skipped", message: `\`${key}\` is Python code: validated, not executed in the playground.` });
        const inc = r.incremental ? startIncremental(r.incremental, options.state?.[r.name], r.name) : null;
        let filtered = 0;
        const incFilter = (recs: DataRecord[]) => {
          if (!inc) return recs;
          const { kept, dropped } = inc.filter(recs);
          filtered += dropped;
          return kept;
        };
        const auth = r.auth ? createAuth(r.auth, ctx) : undefined;
        const policy = policyFrom(r.error_handler);
        const keep = parentsNeeded.has(r.name) ? (parentRecords.set(r.name, []), parentRecords.get(r.name)) : undefined;
        let spec: RequestSpec = { method: r.method, url: r.url, params: toParams(r.params), headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, pyStr(v)])), ...(r.json !== undefined ? { json: r.json } : {}), ...(r.data !== undefined ? { data: r.data } : {}) };
        if (inc) {
          if (r.incremental?.start_param && inc.startValue !== null) spec = setParam(spec, r.incremental.start_param, pyStr(inc.startValue));
          if (r.incremental?.end_param && inc.endValue !== null) spec = setParam(spec, r.incremental.end_param, pyStr(inc.endValue));
        }
        // Templates always go through the formatter (`{{` -> `{`); top-level resources only see `incremental.*`.
        const incLookup = (extra: Record<string, Json>) => (expr: string) => {
          if (inc && expr.startsWith("incremental.")) return inc.context[expr.slice("incremental.".length)] ?? null;
          if (expr in extra) return extra[expr];
          throw new EngineError("placeholder_error", `\`{${expr}}\` is not a valid placeholder here; valid names start with ${inc ? "`incremental.` or " : ""}\`resources.<parent>.<field>\` (write literal braces as {{ and }}).`, { resource: r.name });
        };
        if (!r.parent) spec = formatSpec(spec, incLookup({}));
        if (r.parent) {
          if (failed.has(r.parent.name)) throw new EngineError("invalid_config", `Parent resource \`${r.parent.name}\` failed, so \`${r.name}\` has nothing to run for.`, { resource: r.name });
          const parentName = r.parent.name;
          for (const record of parentRecords.get(parentName) ?? []) {
            if (state.cut) break;
            const fromParent = parentLookup(parentName, record);
            const lookup = (expr: string) => (expr.startsWith("resources.") ? fromParent(expr) : incLookup({})(expr));
            const child = formatSpec(spec, lookup);
            const include = Object.fromEntries(r.include_from_parent.map((f) => {
              if (!(f in record)) throw new EngineError("placeholder_error", `Resource expects a field \`${f}\` to be present in the incoming data from resource \`${parentName}\` in order to include it in child records under \`_${parentName}_${f}\`. Available parent fields are: ${JSON.stringify(Object.keys(record))}`, { resource: r.name });
              return [`_${parentName}_${f}`, record[f] ?? null];
            }));
            const parentValues = Object.fromEntries(r.parent.fields.map((f) => [f, lookup(`resources.${parentName}.${f}`) ?? null]));
            await runSequence(ctx, r, child, r.paginator ? createPaginator(r.paginator) : createPaginator({ type: "auto" }), policy, auth, state, (recs) => {
              const out = incFilter(recs.map((x) => ({ ...x, ...include })));
              keep?.push(...out);
              return out;
            }, parentValues);
          }
        } else {
          await runSequence(ctx, r, spec, r.paginator ? createPaginator(r.paginator) : createPaginator({ type: "auto" }), policy, auth, state, (recs) => {
            const out = incFilter(recs);
            keep?.push(...out);
            return out;
          });
        }
        if (inc) {
          ctx.emit({ type: "incremental", resource: r.name, cursor_path: inc.cursorPath, before: inc.before, start_value: inc.startValue, end_value: inc.endValue, after: inc.lastValue(), filtered, state: inc.state() });
        }
      } catch (e) {
        resourceOk = false;
        failed.add(r.name);
        const err = e instanceof EngineError ? e : new EngineError("invalid_config", e instanceof Error ? e.message : String(e), { resource: r.name });
        ctx.emit({ type: "error", resource: r.name, error: { ...err.toJSON(), message: ctx.masker.text(err.message), resource: r.name } });
        if (err.code === "cancelled") {
          ok = false;
          ctx.emit({ type: "resource_done", resource: r.name, ok: false, stats: s });
          break;
        }
      }
      ok &&= resourceOk;
      ctx.emit({ type: "resource_done", resource: r.name, ok: resourceOk, stats: s });
    }
  } catch (e) {
    ok = false;
    const err = e instanceof EngineError ? e : new EngineError("invalid_config", e instanceof Error ? e.message : String(e));
    ctx.emit({ type: "error", ...(err.details.resource ? { resource: err.details.resource } : {}), error: { ...err.toJSON(), message: ctx.masker.text(err.message) } });
  }
  ctx.emit({ type: "done", ok, duration_ms: Math.round(ctx.elapsed()), stats });
}

/** Runs the config and yields its events; always ends with `done`, never throws for expected failures. */
export async function* extract(options: ExtractOptions, deps: EngineDeps): AsyncGenerator<EngineEvent> {
  const queue = new EventQueue<EngineEvent>();
  const work = run(options, deps, (e) => queue.push(e)).finally(() => queue.close());
  yield* queue.drain();
  await work;
}

/** One resource from `resource_start` to `resource_done`: auth, incremental, its sequences, its errors. */
import { EngineError, LIMIT_FAILS, type DataRecord, type IncrementalState, type Json, type ResourceStats } from "./types";
import { LimitReached, type RunContext } from "./context";
import { createAuth } from "./auth";
import { formatDeep, formatString, pyStr, type Lookup } from "./interpolate";
import { setParam, toQueryParams, type RequestSpec } from "./request";
import { joinUrl, type PreparedResource } from "./prepare";
import { startIncremental, type IncrementalRun } from "./incremental";
import { includedColumns, parentValue, type ParentRow, type ParentStore } from "./parents";
import { runSequence, type ResourceRun } from "./sequence";
import { cancelledError } from "./attempt";
import { createPool, PARALLEL_WORKERS } from "./pool";
import { carryNumberText } from "./number-text";
import { setOwn } from "../shared";

/** The path's lookup: static path params (`{org}`) besides the parent and incremental contexts. */
const withPathParams =
  (r: PreparedResource, lookup: Lookup): Lookup =>
  (name) =>
    Object.hasOwn(r.pathParams, name) ? r.pathParams[name] : lookup(name);

function buildSpec(r: PreparedResource, lookup: Lookup, inc: IncrementalRun | null): RequestSpec {
  const headers: Record<string, string> = { ...r.clientHeaders };
  for (const [k, v] of Object.entries(formatDeep(r.headers, lookup, false) as Record<string, Json>)) {
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === k.toLowerCase()) delete headers[existing];
    setOwn(headers, k, pyStr(v));
  }
  let spec: RequestSpec = {
    method: r.method,
    url: joinUrl(r.baseUrl, formatString(r.path, withPathParams(r, lookup))),
    params: toQueryParams(formatDeep(r.params, lookup, false) as Record<string, Json>),
    headers,
    ...(r.json !== undefined ? { json: formatDeep(r.json, lookup, true) } : {}),
    ...(r.data !== undefined ? { data: formatDeep(r.data, lookup, false) } : {}),
  };
  if (inc && r.incremental?.start_param && inc.startValue !== null) spec = setParam(spec, r.incremental.start_param, pyStr(inc.startValue));
  if (inc && r.incremental?.end_param && inc.endValue !== null) spec = setParam(spec, r.incremental.end_param, pyStr(inc.endValue));
  return spec;
}

function incrementalLookup(r: PreparedResource, inc: IncrementalRun | null): Lookup {
  return (name) => {
    if (inc && name.startsWith("incremental.")) {
      const attr = name.slice("incremental.".length);
      if (Object.hasOwn(inc.context, attr)) return inc.context[attr];
      throw new EngineError(
        "placeholder_error",
        `\`{${name}}\`: the incremental has no attribute \`${attr}\` (use initial_value, start_value, last_value or end_value).`,
        { resource: r.name },
      );
    }
    throw new EngineError("placeholder_error", `\`{${name}}\` cannot be filled here.`, { resource: r.name });
  };
}

export interface ResourceOutcome {
  readonly ok: boolean;
  readonly cancelled: boolean;
  /** Cut short by a limit that fails the run (`LIMIT_FAILS`): not ok, but its records still feed its children. */
  readonly limited?: boolean;
}

/**
 * Runs one resource; `stats` is the object the run's event sink counts requests and retries into;
 * `feedOnly`: it was not asked for and runs only because a child needs its records.
 */
export async function runResource(
  ctx: RunContext,
  r: PreparedResource,
  stats: ResourceStats,
  store: ParentStore,
  failed: ReadonlySet<string>,
  prior: IncrementalState | undefined,
  feedOnly: boolean,
): Promise<ResourceOutcome> {
  ctx.emit({
    type: "resource_start",
    resource: r.name,
    paginator: r.paginator?.describe ?? "none",
    data_selector: r.data_selector,
    primary_key: r.primary_key,
    write_disposition: r.write_disposition,
    parent: r.parent?.name ?? null,
    ...r.table,
    ...(feedOnly ? { selected: false } : {}),
    ...(r.parallelized ? { parallelized: ctx.virtual ? "in_order" : "concurrent" } : {}),
  });
  for (const key of r.python_keys) {
    ctx.emit({
      type: "warning",
      resource: r.name,
      code: "python_skipped",
      message: `\`${key}\` is Python code: validated, not executed in the playground.`,
    });
  }
  let outcome: ResourceOutcome = { ok: true, cancelled: false };
  let inc: IncrementalRun | null = null;
  let filtered = 0;
  try {
    if (r.problem) throw r.problem;
    inc = r.incremental ? startIncremental(r.incremental, prior, r.name) : null;
    const run: ResourceRun = {
      r,
      stats,
      auth: r.auth ? createAuth(r.auth, ctx) : undefined,
      selectors: new Map(),
      pagesLimitReported: false,
      secretWarned: false,
    };
    const feeds = store.feeds(r.name);
    const filter = (records: DataRecord[]): DataRecord[] => {
      if (!inc) return records;
      const { kept, dropped } = inc.filter(records);
      filtered += dropped;
      return kept;
    };
    const collect = feeds ? (records: DataRecord[]) => store.collect(r.name, records) : undefined;
    const incLookup = incrementalLookup(r, inc);
    if (!r.parent) {
      // dlt closes only top-level resources early (`row_order`); a child's pages all run.
      const close = inc;
      await runSequence(ctx, run, buildSpec(r, incLookup, inc), {
        transform: filter,
        ...(collect ? { collect } : {}),
        ...(close ? { stopAfterPage: () => close.closeReason() } : {}),
      });
    } else {
      const parent = r.parent.name;
      const fields = r.parent.fields;
      if (failed.has(parent)) {
        const message = `The parent resource \`${parent}\` failed, so \`${r.name}\` has no records to run for.`;
        throw new EngineError("parent_failed", message, { resource: r.name });
      }
      const forRow = async (row: ParentRow) => {
        if (ctx.signal.aborted) throw cancelledError(r.name);
        const lookup: Lookup = (name) =>
          name.startsWith("resources.") ? parentValue(row, parent, name.slice(`resources.${parent}.`.length), r.name) : incLookup(name);
        const include = includedColumns(row, parent, r.include_from_parent, r.name);
        const values = Object.fromEntries(fields.map((f) => [f, parentValue(row, parent, f, r.name)]));
        const withParent = (records: DataRecord[]) =>
          filter(r.include_from_parent.length ? records.map((x) => carryNumberText(ctx.numberText, x, { ...x, ...include })) : records);
        await runSequence(ctx, run, buildSpec(r, lookup, inc), { transform: withParent, parent: values, ...(collect ? { collect } : {}) });
      };
      if (r.parallelized && !ctx.virtual) {
        // dlt: one deferred task per parent record, run in the pool; the first failure ends the rest.
        const pool = createPool(PARALLEL_WORKERS);
        let firstError: unknown = null;
        const settled = await Promise.allSettled(
          store.rows(r.name).map((row) =>
            pool(async () => {
              if (firstError === null)
                await forRow(row).catch((e: unknown) => {
                  firstError ??= e;
                  throw e;
                });
            }),
          ),
        );
        if (settled.some((x) => x.status === "rejected")) throw firstError;
      } else {
        for (const row of store.rows(r.name)) await forRow(row);
      }
      store.release(r.name);
    }
  } catch (e) {
    if (e instanceof LimitReached) {
      ctx.emit({ type: "limit", resource: r.name, limit: e.limit, message: e.message });
      if (LIMIT_FAILS[e.limit]) outcome = { ok: false, cancelled: false, limited: true };
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
      outcome = { ok: false, cancelled: err.code === "cancelled" };
    }
  }
  if (inc && outcome.ok) {
    ctx.emit({
      type: "incremental",
      resource: r.name,
      cursor_path: inc.cursorPath,
      before: inc.before,
      start_value: inc.startValue,
      end_value: inc.endValue,
      after: inc.lastValue(),
      filtered,
      state: inc.state(),
    });
  }
  ctx.emit({ type: "resource_done", resource: r.name, ok: outcome.ok, stats });
  return outcome;
}

/** One request sequence: first request, then pages until the paginator (or a limit) says stop. */
import { EngineError, type DataRecord, type Json, type ResourceStats } from "./types";
import type { RunContext } from "./context";
import { send, type AuthRuntime } from "./http";
import type { RequestSpec } from "./request";
import type { RetryPolicy } from "./retry";
import { applySelector, compilePath, detectSelector } from "./select";
import type { Paginator } from "./paginators";
import type { ResolvedResource } from "./resolve";

export interface SequenceState {
  readonly stats: ResourceStats;
  /** Set when a run limit cut the resource short. */
  cut: boolean;
  selector: { path: string; compiled: ReturnType<typeof compilePath>; source: "configured" | "detected" | "single_entity" } | null;
}

const asRecord = (v: Json): DataRecord => (v !== null && typeof v === "object" && !Array.isArray(v) ? v : { value: v });

function ignoredBy(actions: readonly Json[], status: number, text: string): boolean {
  return actions.some((a) => {
    if (!a || typeof a !== "object" || Array.isArray(a) || a.action !== "ignore") return false;
    const byStatus = a.status_code === undefined || a.status_code === status;
    const byContent = a.content === undefined || (typeof a.content === "string" && text.includes(a.content));
    return (a.status_code !== undefined || a.content !== undefined) && byStatus && byContent;
  });
}

export async function runSequence(
  ctx: RunContext,
  r: ResolvedResource,
  first: RequestSpec,
  paginator: Paginator,
  policy: RetryPolicy,
  auth: AuthRuntime | undefined,
  state: SequenceState,
  onRecords: (records: DataRecord[]) => DataRecord[],
  parent?: Record<string, Json>,
): Promise<void> {
  let request = paginator.init(first);
  const seen = new Set<string>();
  for (let page = 1; ; page++) {
    if (ctx.deps.now() - ctx.startedAt > ctx.limits.maxDurationMs) {
      state.cut = true;
      ctx.emit({ type: "limit", resource: r.name, limit: "max_duration", message: `stopped: the run took longer than ${ctx.limits.maxDurationMs / 1000} s (playground limit)` });
      return;
    }
    let fetched;
    try {
      fetched = await send(ctx, request, { resource: r.name, page }, policy, auth);
    } catch (e) {
      if (e instanceof EngineError && e.code === "http_error" && e.details.status !== undefined && r.response_actions.length && ignoredBy(r.response_actions, e.details.status, e.message)) {
        ctx.emit({ type: "paginator", resource: r.name, page, paginator: paginator.name, decision: "stop", reason: `stopped: response_actions ignore ${e.details.status}` });
        return;
      }
      throw e;
    } finally {
      state.stats.requests += 1;
    }
    if (!state.selector) {
      const path = r.data_selector ?? detectSelector(fetched.body);
      state.selector = { path, compiled: compilePath(path), source: r.data_selector ? r.selector_source : "detected" };
    }
    const selection = applySelector(state.selector.compiled, fetched.body);
    if (selection.nullMatch) ctx.emit({ type: "warning", resource: r.name, code: "selector_null", message: `\`${state.selector.path}\` is null in the response on page ${page}: an empty page.` });
    let records = onRecords(selection.records.map(asRecord));
    const room = ctx.limits.maxRecords - state.stats.records_fetched;
    let capped = false;
    if (records.length > room) {
      records = records.slice(0, Math.max(0, room));
      capped = true;
    }
    state.stats.pages += 1;
    state.stats.records_fetched += records.length;
    ctx.emit({ type: "page", resource: r.name, page, request_id: fetched.requestId, records, count: records.length, selector: state.selector.path, selector_source: state.selector.source, ...(parent ? { parent } : {}) });
    if (capped) {
      state.cut = true;
      ctx.emit({ type: "limit", resource: r.name, limit: "max_records", message: `stopped: ${ctx.limits.maxRecords} records reached (playground limit); the API has more` });
      return;
    }
    let step;
    try {
      step = paginator.next({ status: fetched.status, headers: fetched.headers, url: fetched.url, body: fetched.body, records: selection.records, request });
    } catch (e) {
      if (e instanceof EngineError) throw new EngineError(e.code, e.message, { ...e.details, resource: r.name });
      throw e;
    }
    ctx.emit({ type: "paginator", resource: r.name, page, paginator: paginator.name, decision: step.stop ? "stop" : "next", reason: step.reason });
    if (step.stop) {
      const size = paginator.pageSize;
      if (size !== undefined && selection.records.length >= size && !/empty page|>= total|maximum_|has_more|is false/.test(step.reason)) {
        ctx.emit({ type: "warning", resource: r.name, code: "full_page_then_stop", message: `Page ${page} was full (${selection.records.length} records) but paging stopped (${step.reason}): records may be missing.` });
      }
      return;
    }
    if (step.loopKey !== undefined) {
      if (seen.has(step.loopKey)) {
        ctx.emit({ type: "warning", resource: r.name, code: "paginator_loop", message: `The paginator asked for the same page again (${ctx.masker.text(step.loopKey)}): stopped to avoid an endless loop.` });
        return;
      }
      seen.add(step.loopKey);
    }
    if (page >= ctx.limits.maxPages) {
      state.cut = true;
      ctx.emit({ type: "limit", resource: r.name, limit: "max_pages", message: `stopped after ${ctx.limits.maxPages} pages (playground limit); the paginator had more` });
      return;
    }
    request = step.request;
  }
}

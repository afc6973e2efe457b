/**
 * The one fold of a run's events (issue #14): a timeline per resource plus the run's overall state.
 * The playground renders it, the CLI's summary (`./summary.ts`) and the tests read it. A mutable
 * builder (events arrive by the thousand) with cheap immutable snapshots for React: an item object is
 * replaced, never mutated, so memoised rows re-render only when their own item changed.
 */
import type { EngineErrorJson, EngineEvent, Json, LimitKind, MaskedHeaders, ResourceStats } from "../engine";
import { jsonShown } from "../shared";

export interface TraceResponse {
  readonly status: number;
  readonly duration_ms: number;
  readonly size: number;
  readonly headers: MaskedHeaders;
  readonly body_preview?: Json;
  readonly body_truncated?: boolean;
}

export type TraceItem =
  | {
      readonly kind: "request";
      readonly key: string;
      readonly request_id: number;
      readonly attempt: number;
      /** 0 for auth (token) requests. */
      readonly page: number;
      readonly method: string;
      readonly url: string;
      readonly headers: MaskedHeaders;
      readonly body?: string;
      /** A redirect hop: 1 for the first `Location` followed (same request_id and attempt as the request it came from). */
      readonly redirect?: number;
      readonly response?: TraceResponse;
      /** Why this attempt got no response (timeout, network error), once known. */
      readonly failure?: string;
      /** Records the page yielded, once the page event arrived. */
      readonly records?: number;
      readonly selector?: string;
      readonly selector_source?: "configured" | "detected" | "single_entity";
    }
  | {
      readonly kind: "retry";
      readonly key: string;
      readonly attempt: number;
      readonly status: number | null;
      readonly reason: string;
      readonly wait_ms: number;
      readonly wait_source: "retry-after" | "backoff";
      readonly virtual: boolean;
    }
  | {
      readonly kind: "paginator";
      readonly key: string;
      readonly page: number;
      readonly paginator: string;
      readonly decision: "next" | "stop";
      readonly reason: string;
    }
  | { readonly kind: "auth"; readonly key: string; readonly step: string; readonly detail: string }
  | { readonly kind: "warning"; readonly key: string; readonly code: string; readonly message: string }
  | { readonly kind: "limit"; readonly key: string; readonly limit: LimitKind; readonly message: string }
  | { readonly kind: "error"; readonly key: string; readonly error: EngineErrorJson }
  | {
      readonly kind: "incremental";
      readonly key: string;
      readonly cursor_path: string;
      readonly before: string;
      readonly after: string;
      readonly filtered: number;
      readonly stateful: boolean;
    };

export type ResourceStatus = "waiting" | "running" | "ok" | "failed";

export interface ResourceTrace {
  readonly name: string;
  readonly status: ResourceStatus;
  readonly paginator: string | null;
  readonly data_selector: string | null;
  readonly primary_key: readonly string[] | null;
  readonly write_disposition: string | null;
  readonly parent: string | null;
  /** `parallelized: true`: run concurrently (live) or in order (mock). */
  readonly parallelized: "concurrent" | "in_order" | null;
  /** Its `resource_start` arrived (a resource listed by `run_start` may never start, e.g. after a cancel). */
  readonly started: boolean;
  /** The engine's own counts, from `resource_done` (`null` until then); the counters below are live. */
  readonly stats: ResourceStats | null;
  readonly items: readonly TraceItem[];
  readonly pages: number;
  readonly records: number;
  readonly requests: number;
  readonly retries: number;
}

export type RunPhase = "idle" | "running" | "done" | "capped" | "failed" | "cancelled";

export interface RunFailure {
  readonly code: string;
  readonly message: string;
  readonly diagnostics?: readonly { readonly message: string; readonly code?: string }[];
}

export interface RunTrace {
  readonly phase: RunPhase;
  readonly resources: readonly ResourceTrace[];
  /** Warnings and errors not tied to a resource. */
  readonly general: readonly TraceItem[];
  readonly limits: readonly { readonly resource: string; readonly limit: LimitKind; readonly message: string }[];
  readonly errors: readonly EngineErrorJson[];
  readonly failure: RunFailure | null;
  readonly duration_ms: number | null;
  readonly stats: Readonly<Record<string, ResourceStats>> | null;
}

export const EMPTY_TRACE: RunTrace = {
  phase: "idle",
  resources: [],
  general: [],
  limits: [],
  errors: [],
  failure: null,
  duration_ms: null,
  stats: null,
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
interface ResourceState extends Mutable<Omit<ResourceTrace, "items">> {
  items: TraceItem[];
}

export class TraceBuilder {
  private readonly resources = new Map<string, ResourceState>();
  private readonly general: TraceItem[] = [];
  private readonly limits: Mutable<RunTrace>["limits"][number][] = [];
  private readonly errors: EngineErrorJson[] = [];
  /** `request_id` -> where its latest attempt sits. */
  private readonly requests = new Map<number, { resource: ResourceState; index: number }>();
  private phase: RunPhase = "running";
  private failure: RunFailure | null = null;
  private duration: number | null = null;
  private stats: Record<string, ResourceStats> | null = null;
  private seq = 0;

  /**
   * `bodies: false` keeps no response bodies (`body_preview`): a consumer without a page inspector
   * (the CLI) would otherwise hold every page of the run until it ends. `exchanges: false` keeps no
   * request items (nor their responses) and no paginator decisions, only the counts: a consumer that
   * shows no timeline (the CLI's summary) would otherwise mask every URL and header and keep two
   * items per page.
   */
  constructor(private readonly options: { readonly bodies?: boolean; readonly exchanges?: boolean } = {}) {}

  private resource(name: string): ResourceState {
    let r = this.resources.get(name);
    if (!r) {
      r = {
        name,
        status: "waiting",
        paginator: null,
        data_selector: null,
        primary_key: null,
        write_disposition: null,
        parent: null,
        parallelized: null,
        started: false,
        stats: null,
        items: [],
        pages: 0,
        records: 0,
        requests: 0,
        retries: 0,
      };
      this.resources.set(name, r);
    }
    return r;
  }

  private add(resource: string | undefined, item: TraceItem): void {
    if (resource === undefined) this.general.push(item);
    else this.resource(resource).items.push(item);
  }

  private key(): string {
    return String(++this.seq);
  }

  push(e: EngineEvent): void {
    switch (e.type) {
      case "run_start":
        for (const name of e.resources) this.resource(name);
        break;
      case "resource_start": {
        const r = this.resource(e.resource);
        Object.assign(r, {
          status: "running",
          started: true,
          paginator: e.paginator,
          data_selector: e.data_selector,
          primary_key: e.primary_key,
          write_disposition: e.write_disposition,
          parent: e.parent,
          parallelized: e.parallelized ?? null,
        });
        break;
      }
      case "auth":
        this.add(e.resource, { kind: "auth", key: this.key(), step: e.step, detail: e.detail });
        break;
      case "request": {
        const r = this.resource(e.resource);
        r.requests++;
        if (this.options.exchanges === false) break;
        const hop = e.redirect !== undefined ? { redirect: e.redirect } : {};
        const body = e.body !== undefined ? { body: e.body } : {};
        const { request_id, attempt, page, method, url, headers } = e;
        r.items.push({ kind: "request", key: this.key(), request_id, attempt, page, method, url, headers, ...body, ...hop });
        this.requests.set(e.request_id, { resource: r, index: r.items.length - 1 });
        break;
      }
      case "response": {
        if (this.options.exchanges === false) break;
        const body = this.options.bodies === false ? {} : { body_preview: e.body_preview, body_truncated: e.body_truncated };
        const { status, duration_ms, size, headers } = e;
        this.update(e.request_id, { response: { status, duration_ms, size, headers, ...body } });
        break;
      }
      case "page": {
        const r = this.resource(e.resource);
        r.records += e.count;
        // A child's yield_map gives a page's records at later turns: more records of the same request, not a page.
        if (e.continued) {
          if (this.options.exchanges !== false)
            this.update(e.request_id, { records: (this.request(e.request_id)?.records ?? 0) + e.count });
          break;
        }
        r.pages++;
        if (this.options.exchanges !== false)
          this.update(e.request_id, { records: e.count, selector: e.selector, selector_source: e.selector_source });
        break;
      }
      case "retry":
        this.resource(e.resource).retries++;
        if (e.status === null) this.failAttempt(e.request_id, e.reason);
        this.add(e.resource, {
          kind: "retry",
          key: this.key(),
          attempt: e.attempt,
          status: e.status,
          reason: e.reason,
          wait_ms: e.wait_ms,
          wait_source: e.wait_source,
          virtual: e.virtual,
        });
        break;
      case "paginator":
        if (this.options.exchanges === false) break;
        this.add(e.resource, {
          kind: "paginator",
          key: this.key(),
          page: e.page,
          paginator: e.paginator,
          decision: e.decision,
          reason: e.reason,
        });
        break;
      case "warning":
        this.add(e.resource, { kind: "warning", key: this.key(), code: e.code, message: e.message });
        break;
      case "limit":
        this.limits.push({ resource: e.resource, limit: e.limit, message: e.message });
        this.add(e.resource, { kind: "limit", key: this.key(), limit: e.limit, message: e.message });
        break;
      case "error":
        // The error carries its resource even when only the event named it.
        this.errors.push(e.resource !== undefined && e.error.resource === undefined ? { ...e.error, resource: e.resource } : e.error);
        // The attempt that was in flight when the resource failed (a last timeout, a network error).
        for (const [id, at] of this.requests) if (at.resource.name === (e.resource ?? e.error.resource)) this.failAttempt(id, e.error.code);
        this.add(e.resource ?? e.error.resource, { kind: "error", key: this.key(), error: e.error });
        break;
      case "incremental":
        this.add(e.resource, {
          kind: "incremental",
          key: this.key(),
          cursor_path: e.cursor_path,
          before: jsonShown(e.start_value),
          after: jsonShown(e.after),
          filtered: e.filtered,
          stateful: e.state !== null,
        });
        break;
      case "resource_done": {
        const r = this.resource(e.resource);
        r.status = e.ok ? "ok" : "failed";
        r.stats = e.stats;
        break;
      }
      case "done":
        this.duration = e.duration_ms;
        this.stats = e.stats;
        if (this.phase === "running") this.phase = !e.ok || this.errors.length > 0 ? "failed" : this.limits.length > 0 ? "capped" : "done";
        // A resource without its `resource_done` broke off with the run (its worker stopped): it is not running any more.
        this.settle();
        break;
    }
  }

  private failAttempt(requestId: number, reason: string): void {
    const at = this.requests.get(requestId);
    const item = at?.resource.items[at.index];
    if (at && item?.kind === "request" && !item.response && item.failure === undefined)
      at.resource.items[at.index] = { ...item, failure: reason };
  }

  private request(requestId: number): Extract<TraceItem, { kind: "request" }> | null {
    const at = this.requests.get(requestId);
    const item = at?.resource.items[at.index];
    return item?.kind === "request" ? item : null;
  }

  private update(requestId: number, patch: Partial<Extract<TraceItem, { kind: "request" }>>): void {
    const at = this.requests.get(requestId);
    const item = at?.resource.items[at.index];
    if (at && item?.kind === "request") at.resource.items[at.index] = { ...item, ...patch };
  }

  /** The run could not start or broke off (HTTP error, network failure, stream cut short). */
  fail(failure: RunFailure): void {
    if (this.phase !== "running") return;
    this.phase = "failed";
    this.failure = failure;
    this.settle();
  }

  cancel(): void {
    if (this.phase !== "running") return;
    this.phase = "cancelled";
    this.settle();
  }

  /** The stream ended: a run without its `done` event did not finish. */
  end(): void {
    if (this.phase === "running")
      this.fail({
        code: "stream_ended",
        message: "The run's event stream ended before the run finished. Run again; if it keeps happening, check the server log.",
      });
  }

  private settle(): void {
    for (const r of this.resources.values())
      if (r.status === "running" || r.status === "waiting") r.status = r.status === "running" ? "failed" : "waiting";
  }

  snapshot(): RunTrace {
    return {
      phase: this.phase,
      resources: [...this.resources.values()].map((r) => ({ ...r, items: r.items.slice() })),
      general: this.general.slice(),
      limits: this.limits.slice(),
      errors: this.errors.slice(),
      failure: this.failure,
      duration_ms: this.duration,
      stats: this.stats,
    };
  }
}

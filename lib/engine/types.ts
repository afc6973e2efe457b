/**
 * Long because it is the engine's one contract (deps, events, results): a second file would split one vocabulary.
 * The engine's contract with its three consumers (server route, CLI, tests).
 *
 * The engine is pure (ARCHITECTURE rule 3): everything that touches the outside world comes in
 * through `EngineDeps`, and everything it has to say goes out as `EngineEvent`s. Events are plain
 * JSON-serialisable objects so the route can stream them as NDJSON unchanged.
 */
import type { ColumnHint, ResolvedSource, TableHints } from "../config/resolved";
import type { HeldValues, Json, KeyOrder, NumberText } from "../shared";

export type { ColumnHint, TableHints, Json, KeyOrder, NumberText };

export type DataRecord = { [key: string]: Json };

/**
 * One HTTP request as the engine hands it to its transport (one hop of one attempt): built by
 * ./request.ts, the one home of request building (URL and query, body encoding, header checks).
 */
export interface TransportRequest {
  readonly method: "GET" | "POST";
  /** The absolute URL, query included. */
  readonly url: string;
  /** Header names in lower case, checked as WHATWG `Headers` checks them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Aborts the request and its body (the attempt's timeout, the run's cancellation). */
  readonly signal: AbortSignal;
  /**
   * Decompressed body bytes this response may have (the smaller of the response and run budgets). A
   * transport that can (lib/net's) enforces it while downloading and ends the body with a
   * `ResponseCut`; the engine counts the body it reads as well, so any transport is bounded.
   */
  readonly maxBytes: number;
}

/** Response headers as the engine reads them (WHATWG `Headers` is one): names in lower case. */
export interface ResponseHeaders extends Iterable<readonly [string, string]> {
  get(name: string): string | null;
}

export interface TransportResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  /** The decoded body's bytes, iterated once (no chunks when there is no body); errors end it (a `ResponseCut` past a limit). */
  readonly body: AsyncIterable<Uint8Array>;
  /** Drops the body, read or not (a live transport closes the connection); never waits. */
  discard(): void;
}

/**
 * The engine's network: the real one (lib/net, on undici) or a WHATWG fetch adapted by
 * `fetchTransport` (MSW's mock fetch, tests' fakes). It must not follow redirects: the engine does,
 * one traced call per hop (decision 0015). Narrower than `fetch(Request) → Response` (decision 0024).
 */
export type Transport = ((request: TransportRequest) => Promise<TransportResponse>) & {
  /**
   * `true`: the transport lets go of `TransportRequest.signal` once the response has closed (lib/net's
   * does), so the engine reuses a signal that was never aborted for its next request instead of
   * creating one per request. fetch's `Request` keeps its listener until it is garbage-collected.
   */
  readonly detachesSignal?: boolean;
};

export interface EngineDeps {
  readonly transport: Transport;
  /** Wait `ms`; against mocks this advances a virtual clock instead of sleeping. Rejects when `signal` aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Calls `fire` after `ms` unless the returned function is called first: the real clock's per-attempt
   * timeout without an AbortController per attempt. Default: built from `sleep`. Unused against a virtual clock.
   */
  readonly timer?: (ms: number, fire: () => void) => () => void;
  /** Milliseconds since the epoch (virtual against mocks). */
  readonly now: () => number;
  /** Cancels the whole run. */
  readonly signal?: AbortSignal;
  /** `true` when `sleep`/`now` are a virtual clock (waits are reported, not slept). */
  readonly virtualClock?: boolean;
  /** Real elapsed milliseconds for request durations (defaults to `now`). */
  readonly monotonic?: () => number;
  /**
   * Whether the thread has room to read a response body of `bytes` (its parse and records take several times
   * its size): a run worker's heap has a ceiling, and a parse that passes it inside one native call aborts the
   * whole server process (decision 0040). Asked for bodies of `ROOM_CHECKED_BYTES` or more; default: always.
   */
  readonly roomToRead?: (bytes: number) => boolean;
  /**
   * Lets the thread's event loop run (a macrotask: a signal's handler, a cancel) during long synchronous work — a
   * page's processing steps may take minutes — after which the run stops if it was cancelled. Default: none (the
   * work runs to its end).
   */
  readonly breathe?: () => Promise<void>;
}

/** Bodies this large or larger are read only when `EngineDeps.roomToRead` says there is room. */
export const ROOM_CHECKED_BYTES = 1024 * 1024;

/** Guards so a playground run always ends. Every cut is reported with the limit that caused it. */
export interface RunLimits {
  /** Pages per resource (per parent record for children). */
  readonly maxPages: number;
  /** Records per resource. */
  readonly maxRecords: number;
  /** Wall time of the whole run in ms, measured with `deps.now`. */
  readonly maxDurationMs: number;
  /** Timeout of one HTTP attempt in ms (dlt: `request_timeout`, 60 s). */
  readonly requestTimeoutMs: number;
  /** Largest accepted response body in bytes (decompressed), counted while downloading. */
  readonly maxResponseBytes: number;
  /** HTTP requests per run: every resource, token request, retry and redirect hop counts. */
  readonly maxRequests: number;
  /** Decompressed response bytes per run, all responses together. */
  readonly maxTotalBytes: number;
}

export const DEFAULT_LIMITS: RunLimits = {
  maxPages: 100,
  maxRecords: 50_000,
  maxDurationMs: 120_000,
  requestTimeoutMs: 60_000,
  maxResponseBytes: 20 * 1024 * 1024,
  maxRequests: 1_000,
  maxTotalBytes: 200 * 1024 * 1024,
};

export interface ExtractOptions {
  /** The validated config, resolved by lib/config (`ValidationResult.source`): the engine never re-checks it. */
  readonly source: ResolvedSource;
  /** Values for `{"$secret": name}` and `{"$config": name}` references, by name. */
  readonly secrets: Readonly<Record<string, string>>;
  /** What dlt's TOML providers hold for some of `secrets` as other than text, handed over as it is (lib/shared `HeldValues`). */
  readonly held?: HeldValues;
  /**
   * Names only `{"$config": name}` refers to: settings, not secrets, whose values are not masked (a page size of
   * `100` is not hidden in every URL). One a credential field holds is masked as a credential all the same.
   * Default: every value is masked.
   */
  readonly settings?: readonly string[];
  /** Run only these resources (and the parents they need). Default: all selected resources. */
  readonly resources?: readonly string[];
  readonly limits?: Partial<RunLimits>;
  /** Incremental state from an earlier run of the same session, by resource name. */
  readonly state?: Readonly<Record<string, IncrementalState>>;
}

export interface IncrementalState {
  readonly cursor_path: string;
  readonly last_value: Json;
  readonly initial_value: Json;
  /**
   * dlt's `unique_hashes`: digests of the boundary records' keys (the records at `last_value`), which the next run's
   * records equal to its start value are de-duplicated against. Absent (a state written before restplay kept them): none.
   */
  readonly unique_hashes?: readonly string[];
}

/**
 * Every engine failure has a literal code that UI and CLI switch on (rule 5). They are run-time
 * conditions: a config dlt would refuse never reaches the engine (lib/config resolves it, decision 0021),
 * and a config defect the engine meets anyway is an `internal_error`.
 */
export const ENGINE_ERROR_CODES = [
  "missing_secret",
  "http_error",
  "network_error",
  "timeout",
  "auth_failed",
  "invalid_json",
  "paginator_error",
  "selector_error",
  "placeholder_error",
  "cancelled",
  "unsupported",
  /** The request could not be built from the values bound at run time (not an absolute URL, an invalid header). */
  "invalid_request",
  /** The resource's parent failed, so it has no parent records to run for. */
  "parent_failed",
  /** A redirect chain passed the engine's cap (`MAX_REDIRECTS`), or went round in a loop. */
  "too_many_redirects",
  /** A processing step raised a Python exception (dlt's message), or ran past the playground's step budget. */
  "step_failed",
  /** A bug in restplay itself (an exception the engine did not expect); the message says what broke. */
  "internal_error",
] as const;

export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

export interface EngineErrorJson {
  readonly code: EngineErrorCode;
  readonly message: string;
  readonly resource?: string;
  readonly status?: number;
  readonly url?: string;
}

export class EngineError extends Error {
  override readonly name = "EngineError";
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly details: { resource?: string; status?: number; url?: string } = {},
  ) {
    super(message);
  }
  toJSON(): EngineErrorJson {
    return { code: this.code, message: this.message, ...this.details };
  }
}

export interface ResourceStats {
  requests: number;
  pages: number;
  retries: number;
  records_fetched: number;
}

/**
 * A transport stopped downloading a response and ended its body with this: past
 * `TransportRequest.maxBytes` (`bytes`), or inflating faster than any real API compresses (`ratio`, a
 * decompression bomb). The engine reports it as a limit, never as a network error to retry.
 */
export class ResponseCut extends Error {
  override readonly name = "ResponseCut";
  constructor(
    readonly reason: "bytes" | "ratio",
    /** Decompressed bytes received before the cut. */
    readonly bytes: number,
    /** Bytes as they came off the wire (compressed) before the cut. */
    readonly wireBytes: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Which limit cut a run short. `max_compression_ratio` is the transport's decompression-bomb check
 * (lib/net); the others are `RunLimits`.
 */
export type LimitKind =
  "max_pages" | "max_records" | "max_duration" | "max_response_bytes" | "max_compression_ratio" | "max_requests" | "max_total_bytes";

/**
 * Whether reaching a limit fails the resource (and the run): the data was cut short in a way the user
 * did not ask for (issue #13: timeouts, giving up on a Retry-After, byte and request ceilings, a
 * server's record ceiling). `max_pages` is the preview's own page budget the user sets in the
 * playground: reaching it is a capped, successful run. One home for the rule; the compiler asks for a
 * decision on every new kind.
 */
export const LIMIT_FAILS: Readonly<Record<LimitKind, boolean>> = {
  max_pages: false,
  max_records: true,
  max_duration: true,
  max_response_bytes: true,
  max_compression_ratio: true,
  max_requests: true,
  max_total_bytes: true,
};

/**
 * Codes of the engine's `warning` events (the event's `code` stays a plain string for consumers):
 * - `python_skipped`: a `{"$python": …}` value was validated but not executed in the playground;
 * - `python_executed`: the resource's processing steps ran as dlt runs them (what each filter dropped);
 * - `python_computed`: an incremental's `initial_value` written as a Python date expression was computed
 *   as Python computes it at the run's time (`evaluateInitialValue`);
 * - `selector_null`: the data selector matched `null` (an empty page, as in dlt);
 * - `paginator_loop`: the paginator asked for the same URL/cursor twice, paging stopped;
 * - `full_page_then_stop`: a full page (records == page size) was followed by a stop that neither an
 *   empty page, a total nor `has_more` explains: records may be missing;
 * - `secret_in_response`: a response contained a secret value; it was masked in the records;
 * - `credentials_withheld`: a redirect or a next-page link led to another origin than the one the
 *   auth was configured for; that request went without credentials (decision 0014);
 * - `no_access_token`: an OAuth token response had no (or a null or empty) `access_token`; the requests
 *   send `Bearer None` (or `Bearer `), as dlt's do.
 */
export type EngineWarningCode =
  | "python_skipped"
  | "python_computed"
  | "python_executed"
  | "selector_null"
  | "paginator_loop"
  | "full_page_then_stop"
  | "secret_in_response"
  | "credentials_withheld"
  | "no_access_token";

/** The warning codes that tell, not warn (nothing to fix): the trace shows them as notes, the run's summary under `notes`. */
export const isNoteCode = (code: string): boolean => code === "python_computed" || code === "python_executed";

/** Headers as a plain object with secrets masked. */
export type MaskedHeaders = Readonly<Record<string, string>>;

export type EngineEvent =
  | { type: "run_start"; resources: string[]; at: number }
  | ({
      type: "resource_start";
      resource: string;
      /** Effective settings after defaults are merged, for the trace header. */
      paginator: string;
      data_selector: string | null;
      primary_key: string[] | null;
      write_disposition: string;
      parent: string | null;
      /** `false` when the resource was not asked for (e.g. `selected: false`) and runs only to feed a child: dlt does not load its rows. */
      selected?: boolean;
      /**
       * Set for `parallelized: true`: `concurrent` against live APIs (with other parallelized resources,
       * or per parent record for a child; 5 at a time as dlt's pool), `in_order` against the mocks.
       */
      parallelized?: "concurrent" | "in_order";
    } & TableHints)
  | { type: "auth"; resource: string; step: "token_request" | "token_ok" | "token_cached" | "token_refresh"; detail: string }
  | {
      type: "request";
      resource: string;
      request_id: number;
      /** 1-based attempt number of this request. */
      attempt: number;
      /** 1-based page number the request fetches (0 for auth requests). */
      page: number;
      method: string;
      url: string;
      headers: MaskedHeaders;
      body?: string;
      /** Set on a redirect hop: 1 for the first `Location` followed, 2 for the next… (same request_id and attempt). */
      redirect?: number;
    }
  | {
      type: "response";
      resource: string;
      request_id: number;
      attempt: number;
      status: number;
      duration_ms: number;
      size: number;
      headers: MaskedHeaders;
      /** Parsed body, capped for the page inspector; secrets masked. */
      body_preview?: Json;
      body_truncated?: boolean;
    }
  | {
      type: "retry";
      resource: string;
      request_id: number;
      attempt: number;
      status: number | null;
      reason: string;
      wait_ms: number;
      wait_source: "retry-after" | "backoff";
      /** `true` when the wait was virtual (mock clock). */
      virtual: boolean;
    }
  | {
      type: "page";
      resource: string;
      page: number;
      request_id: number;
      records: DataRecord[];
      count: number;
      selector: string;
      selector_source: "configured" | "detected" | "single_entity";
      /** For children: the parent record's interpolated values. */
      parent?: Record<string, Json>;
      /** Parallel to `records`, only on pages that have such numbers: their JSON spelling. */
      number_text?: (NumberText | null)[];
      /** Parallel to `records`: keys in the order the response had them where JavaScript's differs (`KeyOrder`); absent when none. */
      key_order?: (KeyOrder | null)[];
      /**
       * Its steps' `yield_map`s give the page's records at later turns of the run (sources of dlt's round robin): they come
       * as `page` events of the same request marked `continued`, the last of them marked `settled` too (with no records).
       */
      later?: true;
      /** More records of an earlier page of the request (`later`), not another page. */
      continued?: true;
      /** With `continued`: the page's steps gave every record they will (its `count` is 0). */
      settled?: true;
    }
  | {
      type: "paginator";
      resource: string;
      page: number;
      paginator: string;
      decision: "next" | "stop";
      /** Human explanation with its evidence: "next offset 200 because total 251 > 200". */
      reason: string;
    }
  | { type: "warning"; resource?: string; code: string; message: string }
  | {
      type: "incremental";
      resource: string;
      cursor_path: string;
      /** The stored last value before this run (or `initial_value`) and the one after it. */
      before: Json;
      start_value: Json;
      end_value: Json;
      after: Json;
      /** Records dropped by the incremental filter. */
      filtered: number;
      /** State to pass back as `ExtractOptions.state` on the next run; `null` with `end_value` (nothing is kept). */
      state: IncrementalState | null;
    }
  | { type: "limit"; resource: string; limit: LimitKind; message: string }
  | { type: "error"; resource?: string; error: EngineErrorJson }
  | { type: "resource_done"; resource: string; ok: boolean; stats: ResourceStats }
  | { type: "done"; ok: boolean; duration_ms: number; stats: Record<string, ResourceStats> };

export type EngineEventType = EngineEvent["type"];

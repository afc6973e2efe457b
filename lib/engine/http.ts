/**
 * One logical request (dlt-rest-api.md §11): attempts with retries and waits, a fresh OAuth token on
 * 401, `response_actions`, one body parse, typed errors with dlt's texts. Every attempt is traced as
 * a `request` and a `response` event, with secrets masked.
 */
import { EngineError, type Json } from "./types";
import { LimitReached, type RunContext } from "./context";
import { fullUrl, toFetchRequest, type RequestSpec } from "./request";
import { backoffMs, retryAfterMs, type RetryPolicy } from "./retry";
import { attemptOnce, cancelledError } from "./attempt";
import { bodyPreview, utf8Length } from "./preview";
import { ignoredBy, type ResponseAction } from "./actions";
import type { AuthRuntime } from "./auth/types";

export interface SendOptions {
  readonly resource: string;
  /** Page number for the trace (0 for token requests). */
  readonly page: number;
  readonly policy: RetryPolicy;
  readonly auth?: AuthRuntime;
  readonly actions?: readonly ResponseAction[];
  /** How the body appears in `request` events (token requests mask form fields by name). */
  readonly maskBody?: (body: string) => string;
}

export type Sent =
  | {
      readonly kind: "ok";
      readonly requestId: number;
      readonly status: number;
      readonly headers: Headers;
      /** The URL requested, without auth parameters. */
      readonly url: string;
      readonly body: Json | undefined;
      /** The raw body contained a known secret value. */
      readonly secret: boolean;
    }
  | { readonly kind: "ignored"; readonly requestId: number; readonly status: number; readonly reason: string };

export const REASONS: Readonly<Record<number, string>> = {
  400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
  408: "Request Timeout", 409: "Conflict", 410: "Gone", 413: "Payload Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Entity", 429: "Too Many Requests",
  500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
};

const EXCERPT = 300;

function httpError(ctx: RunContext, status: number, url: string, text: string, resource: string, suffix: string): EngineError {
  const kind = status >= 500 ? "Server" : "Client";
  const trimmed = text.trim();
  const excerpt = trimmed ? `\nResponse: ${ctx.masker.excerpt(trimmed, EXCERPT)}${trimmed.length > EXCERPT ? " (truncated)" : ""}` : "";
  return new EngineError("http_error", `${status} ${kind} Error: ${REASONS[status] ?? "HTTP Error"} for url: ${url}${suffix}${excerpt}`, { resource, status, url });
}

function parse(text: string): { body: Json | undefined; error: string | null } {
  if (text.trim().length === 0) return { body: undefined, error: null };
  try {
    return { body: JSON.parse(text) as Json, error: null };
  } catch (e) {
    return { body: undefined, error: e instanceof Error ? e.message : String(e) };
  }
}

/** The body as shown in `request` events: JSON bodies masked by key and value, forms by field name. */
function traceBody(ctx: RunContext, spec: RequestSpec, sent: string, maskBody?: (body: string) => string): string {
  if (maskBody) return maskBody(sent);
  if (spec.json !== undefined && spec.json !== null) return JSON.stringify(ctx.masker.json(spec.json));
  if (spec.data !== null && typeof spec.data === "object") return ctx.masker.form(sent);
  return ctx.masker.text(sent);
}

export async function send(ctx: RunContext, spec: RequestSpec, o: SendOptions): Promise<Sent> {
  const requestId = ctx.nextRequestId();
  const plainUrl = fullUrl(spec);
  let refreshed = false;
  let retries = 0;
  for (let attempt = 1; ; attempt++) {
    if (ctx.signal.aborted) throw cancelledError(o.resource);
    const prepared = o.auth ? await o.auth.prepare(spec, o.resource) : spec;
    // A request of its own to abort on timeout; against a virtual clock (no timeouts) the run's signal is enough.
    const ctrl = ctx.virtual ? null : new AbortController();
    const { request, body: sentBody } = toFetchRequest(prepared, ctrl?.signal ?? ctx.signal);
    const url = ctx.masker.url(request.url);
    ctx.emit({ type: "request", resource: o.resource, request_id: requestId, attempt, page: o.page, method: prepared.method, url, headers: ctx.masker.headers(request.headers), ...(sentBody !== undefined ? { body: traceBody(ctx, prepared, sentBody, o.maskBody) } : {}) });
    const t0 = ctx.elapsed();
    const outcome = await attemptOnce(ctx, request, ctrl);
    let status: number | null = null;
    let retryAfter: number | null = null;
    let reason: string;
    if (outcome.kind === "response") {
      const { res, text } = outcome;
      status = res.status;
      const size = utf8Length(text);
      const common = { type: "response", resource: o.resource, request_id: requestId, attempt, status, duration_ms: Math.round(ctx.elapsed() - t0), size, headers: ctx.masker.headers(res.headers) } as const;
      if (size > ctx.limits.maxResponseBytes) {
        ctx.emit(common);
        throw new LimitReached("max_response_bytes", `stopped: the response to page ${o.page} is ${size} bytes, over the playground limit of ${ctx.limits.maxResponseBytes} bytes`);
      }
      const parsed = parse(text);
      const secret = ctx.masker.containsSecret(text);
      ctx.emit({ ...common, ...bodyPreview(ctx.masker, parsed.body, text, secret) });
      const ignored = o.actions && o.actions.length > 0 ? ignoredBy(o.actions, status, text) : null;
      if (ignored !== null) return { kind: "ignored", requestId, status, reason: ignored };
      if (status < 400) {
        if (parsed.error !== null) {
          const type = res.headers.get("content-type") ?? "no content-type";
          throw new EngineError("invalid_json", `The response is not JSON (content-type: ${type}): ${parsed.error}. It starts with: ${ctx.masker.excerpt(text, 200)}`, { resource: o.resource, status, url });
        }
        return { kind: "ok", requestId, status, headers: res.headers, url: plainUrl, body: parsed.body, secret };
      }
      if (status === 401 && o.auth?.invalidate && !refreshed && !o.policy.retries(401)) {
        refreshed = true;
        o.auth.invalidate(o.resource, "the API answered 401: fetching a fresh token and trying once more");
        continue;
      }
      if (!o.policy.retries(status)) throw httpError(ctx, status, url, text, o.resource, refreshed && status === 401 ? " (a freshly fetched token was rejected too)" : "");
      reason = `${status} ${REASONS[status] ?? "HTTP Error"}`;
      retryAfter = retryAfterMs(res.headers.get("retry-after"), ctx.deps.now(), o.policy.maxDelayMs);
      if (retries + 1 < o.policy.maxAttempts && status === 401 && o.auth?.invalidate) o.auth.invalidate(o.resource, "the API answered 401: the retry fetches a fresh token");
      if (retries + 1 >= o.policy.maxAttempts) throw httpError(ctx, status, url, text, o.resource, ` (gave up after ${retries + 1} attempts; ${o.policy.describe})`);
    } else {
      reason = outcome.code === "timeout" ? `timeout: ${outcome.message}` : `network error: ${outcome.message}`;
      if (retries + 1 >= o.policy.maxAttempts) {
        throw new EngineError(outcome.code, `${reason} for url: ${url} (gave up after ${retries + 1} attempts; ${o.policy.describe})`, { resource: o.resource, url });
      }
    }
    const wait = retryAfter ?? backoffMs(o.policy, retries + 1);
    if (!ctx.virtual && ctx.deps.now() + wait - ctx.startedAt > ctx.limits.maxDurationMs) {
      throw new LimitReached("max_duration", `stopped: waiting ${wait / 1000} s before retrying (${reason}) would pass the run's ${ctx.limits.maxDurationMs / 1000} s limit`);
    }
    ctx.emit({ type: "retry", resource: o.resource, request_id: requestId, attempt, status, reason, wait_ms: wait, wait_source: retryAfter !== null ? "retry-after" : "backoff", virtual: ctx.virtual });
    try {
      await ctx.deps.sleep(wait, ctx.signal);
    } catch {
      throw cancelledError(o.resource);
    }
    if (ctx.signal.aborted) throw cancelledError(o.resource);
    retries++;
  }
}

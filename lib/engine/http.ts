/** One logical request: attempts with retries and waits, auth refresh, one body parse, typed errors. */
import { EngineError, type Json } from "./types";
import type { RunContext } from "./context";
import { toFetchRequest, type RequestSpec } from "./request";
import { backoffMs, retryAfterMs, type RetryPolicy } from "./retry";

export interface AuthRuntime {
  readonly describe: string;
  /** Adds credentials (fetching a token first when needed). */
  prepare(spec: RequestSpec, resource: string): Promise<RequestSpec>;
  /** Drops a rejected token so the next `prepare` fetches a fresh one. */
  invalidate?(): void;
}

export interface Fetched {
  readonly requestId: number;
  readonly status: number;
  readonly headers: Headers;
  readonly url: string;
  readonly text: string;
  readonly body: Json | undefined;
}

const REASONS: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 408: "Request Timeout", 409: "Conflict", 410: "Gone", 422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout" };
const PREVIEW_LIMIT = 50_000;
const encoder = new TextEncoder();

function preview(ctx: RunContext, body: Json | undefined, text: string): { body_preview?: Json; body_truncated?: boolean } {
  if (body === undefined) return text ? { body_preview: ctx.masker.text(text.slice(0, 2000)), body_truncated: text.length > 2000 } : {};
  if (text.length <= PREVIEW_LIMIT) return { body_preview: ctx.masker.json(body) };
  const cap = (v: Json, depth: number): Json =>
    Array.isArray(v) ? v.slice(0, 20).map((x) => cap(x, depth + 1)) : v && typeof v === "object" && depth < 4 ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cap(x, depth + 1)])) : v;
  return { body_preview: ctx.masker.json(cap(body, 0)), body_truncated: true };
}

type Outcome = { kind: "response"; res: Response; text: string } | { kind: "error"; code: "timeout" | "network_error"; message: string };

async function attempt(ctx: RunContext, request: Request, ctrl: AbortController): Promise<Outcome> {
  const go = async (): Promise<Outcome> => {
    const res = await ctx.deps.fetch(request);
    const declared = Number(res.headers.get("content-length") ?? "0");
    if (declared > ctx.limits.maxResponseBytes) throw new EngineError("response_too_large", `The response is ${declared} bytes; the playground accepts at most ${ctx.limits.maxResponseBytes}.`);
    const text = await res.text();
    return { kind: "response", res, text };
  };
  const work = go().catch((e: unknown): Outcome => {
    if (e instanceof EngineError) throw e;
    if (ctx.signal.aborted) throw new EngineError("cancelled", "The run was cancelled.");
    return { kind: "error", code: "network_error", message: e instanceof Error ? `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ""}` : String(e) };
  });
  if (ctx.virtual) return work;
  const timer = new AbortController();
  const timeout = ctx.deps.sleep(ctx.limits.requestTimeoutMs, timer.signal).then(
    (): Outcome => {
      ctrl.abort();
      return { kind: "error", code: "timeout", message: `no response within ${ctx.limits.requestTimeoutMs / 1000} s` };
    },
    (): Outcome => ({ kind: "error", code: "network_error", message: "cancelled" }),
  );
  try {
    return await Promise.race([work, timeout]);
  } finally {
    timer.abort();
  }
}

export async function send(ctx: RunContext, spec: RequestSpec, meta: { resource: string; page: number }, policy: RetryPolicy, auth?: AuthRuntime): Promise<Fetched> {
  const requestId = ctx.nextRequestId();
  let refreshed = false;
  for (let n = 1; ; n++) {
    if (ctx.signal.aborted) throw new EngineError("cancelled", "The run was cancelled.", { resource: meta.resource });
    const prepared = auth ? await auth.prepare(spec, meta.resource) : spec;
    const ctrl = new AbortController();
    const abortOnCancel = () => ctrl.abort();
    ctx.signal.addEventListener("abort", abortOnCancel);
    const { request, body: sentBody } = toFetchRequest(prepared, ctrl.signal);
    const url = ctx.masker.url(request.url);
    ctx.emit({ type: "request", resource: meta.resource, request_id: requestId, attempt: n, page: meta.page, method: prepared.method, url, headers: ctx.masker.headers(request.headers), ...(sentBody ? { body: ctx.masker.text(sentBody) } : {}) });
    const t0 = ctx.elapsed();
    let outcome: Outcome;
    try {
      outcome = await attempt(ctx, request, ctrl);
    } finally {
      ctx.signal.removeEventListener("abort", abortOnCancel);
    }
    const duration = Math.round(ctx.elapsed() - t0);
    let status: number | null = null;
    let fetched: Fetched | null = null;
    let reason: string;
    let retryAfter: number | null = null;
    if (outcome.kind === "response") {
      const { res, text } = outcome;
      status = res.status;
      let body: Json | undefined;
      let parseError: string | null = null;
      if (text.trim().length > 0) {
        try {
          body = JSON.parse(text) as Json;
        } catch (e) {
          parseError = e instanceof Error ? e.message : String(e);
        }
      }
      ctx.emit({ type: "response", resource: meta.resource, request_id: requestId, attempt: n, status, duration_ms: duration, size: encoder.encode(text).length, headers: ctx.masker.headers(res.headers), ...preview(ctx, body, text) });
      if (status === 401 && auth?.invalidate && !refreshed && !policy.retries(401)) {
        refreshed = true;
        auth.invalidate();
        ctx.emit({ type: "auth", resource: meta.resource, step: "token_refresh", detail: "the API answered 401: fetching a fresh token and trying once more" });
        n--;
        continue;
      }
      if (!policy.retries(status) || status < 400) {
        if (status >= 400) throw httpError(ctx, status, url, text, meta.resource);
        if (parseError !== null) {
          const type = res.headers.get("content-type") ?? "no content type";
          throw new EngineError("invalid_json", `The response is not JSON (${type}): ${parseError}. It starts with: ${ctx.masker.text(text.slice(0, 200))}`, { resource: meta.resource, status, url });
        }
        fetched = { requestId, status, headers: res.headers, url: request.url, text, body };
        return fetched;
      }
      reason = `${status} ${REASONS[status] ?? ""}`.trim();
      retryAfter = retryAfterMs(res.headers.get("retry-after"), ctx.deps.now(), policy.maxDelayMs);
      if (status === 401 && auth?.invalidate) auth.invalidate();
    } else {
      reason = `${outcome.code === "timeout" ? "timeout" : "network error"}: ${outcome.message}`;
    }
    if (n >= policy.maxAttempts) {
      if (status !== null) throw httpError(ctx, status, url, outcome.kind === "response" ? outcome.text : "", meta.resource, `after ${n} attempts (${policy.describe})`);
      throw new EngineError(outcome.kind === "error" ? outcome.code : "network_error", `${reason} for url: ${url} after ${n} attempts`, { resource: meta.resource, url });
    }
    const wait = retryAfter ?? backoffMs(policy, n);
    ctx.emit({ type: "retry", resource: meta.resource, request_id: requestId, attempt: n, status, reason, wait_ms: wait, wait_source: retryAfter !== null ? "retry-after" : "backoff", virtual: ctx.virtual });
    try {
      await ctx.deps.sleep(wait, ctx.signal);
    } catch {
      throw new EngineError("cancelled", "The run was cancelled.", { resource: meta.resource });
    }
  }
}

function httpError(ctx: RunContext, status: number, url: string, text: string, resource: string, suffix = ""): EngineError {
  const kind = status >= 500 ? "Server" : "Client";
  const excerpt = text.trim() ? `\nResponse: ${ctx.masker.text(text.trim().slice(0, 300))}${text.length > 300 ? "… (truncated)" : ""}` : "";
  return new EngineError("http_error", `${status} ${kind} Error: ${REASONS[status] ?? "HTTP error"} for url: ${url}${suffix ? ` ${suffix}` : ""}${excerpt}`, { resource, status, url });
}

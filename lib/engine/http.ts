/**
 * One logical request (dlt-rest-api.md §11): attempts with retries and waits, redirects followed hop
 * by hop (./exchange.ts), a fresh OAuth token on 401, `response_actions`, one body parse, typed
 * errors with dlt's texts. Every hop of every attempt is traced as a `request` and a `response`
 * event, with secrets masked; credentials go only to the origins they were configured for.
 */
import { EngineError, ROOM_CHECKED_BYTES, type Json, type ResponseHeaders, type TransportResponse } from "./types";
import { nestedAtLeast, openersUpTo, parsePythonBody, pyJsonDumps, PYTHON_JSON_DEPTH } from "../shared";
import { LimitReached, type RunContext } from "./context";
import type { NumberTexts } from "./number-text";
import { fullUrl, type RequestSpec } from "./request";
import { backoffMs, retryAfterMs, type RetryPolicy } from "./retry";
import { cancelledError } from "./attempt";
import { withBodyPreview } from "./body-preview";
import { withMaskedResponse } from "./masked-fields";
import { ignoredBy, type ResponseAction } from "./actions";
import { cutLimit, spendBytes } from "./budget";
import { addedBy, isTrusted, NOTHING_ADDED, trustedOrigins, withoutCredentials } from "./credentials";
import { exchange, warnWithheld } from "./exchange";
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
  /** Origins the credentials belong to (base_url's and the configured URL's); default: this request's own. */
  readonly trust?: ReadonlySet<string>;
}

export type Sent =
  | {
      readonly kind: "ok";
      readonly requestId: number;
      readonly status: number;
      readonly headers: ResponseHeaders;
      /** The URL requested, without auth parameters. */
      readonly url: string;
      readonly body: Json | undefined;
      /** The raw body contained a known secret value. */
      readonly secret: boolean;
      /**
       * The body's arrays and objects as its parse counted them, or its opening brackets counted up to
       * `PYTHON_JSON_DEPTH` (`openersUpTo`): bounds its records' depth (`sequence.ts`).
       */
      readonly openers: number;
    }
  | { readonly kind: "ignored"; readonly requestId: number; readonly status: number; readonly reason: string };

export const REASONS: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

const EXCERPT = 300;

/** A body's first characters, masked, as an error message quotes them: control characters (a binary body's) as `\xNN`. */
function quoted(ctx: RunContext, text: string, max: number): { text: string; truncated: boolean } {
  const cut = ctx.masker.excerpt(text, max);
  const shown = cut.text.replace(
    // eslint-disable-next-line no-control-regex -- these are the characters it escapes
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
  return { text: shown, truncated: cut.truncated };
}

function httpError(ctx: RunContext, status: number, url: string, text: string, resource: string, suffix: string): EngineError {
  const kind = status >= 500 ? "Server" : "Client";
  const cut = quoted(ctx, text.trim(), EXCERPT);
  const excerpt = cut.text ? `\nResponse: ${cut.text}${cut.truncated ? "… (truncated)" : ""}` : "";
  return new EngineError("http_error", `${status} ${kind} Error: ${REASONS[status] ?? "HTTP Error"} for url: ${url}${suffix}${excerpt}`, {
    resource,
    status,
    url,
  });
}

/**
 * The body as Python's json reads it (`parsePythonBody`): `NaN`, `±Infinity` and `1e400` null, as dlt's
 * extract writes them, their spellings kept for a request that carries them.
 */
function parse(text: string, numberText: NumberTexts): { body: Json | undefined; error: string | null; openers: number } {
  if (text.trim().length === 0) return { body: undefined, error: null, openers: 0 };
  try {
    const count = { containers: -1 };
    const body = parsePythonBody(text, numberText, { orders: numberText.orders, count });
    // The parse's walk counted the containers (the usual body); else the brackets in the text bound them.
    return { body, error: null, openers: count.containers >= 0 ? count.containers : openersUpTo(text, PYTHON_JSON_DEPTH) };
  } catch (e) {
    return { body: undefined, error: e instanceof Error ? e.message : String(e), openers: 0 };
  }
}

/** The body as shown in `request` events: JSON bodies masked by key and value, forms by field name. */
function traceBodyOf(ctx: RunContext, spec: RequestSpec, sent: string, maskBody?: (body: string) => string): string {
  if (maskBody) return maskBody(sent);
  if (spec.json !== undefined && spec.json !== null) return pyJsonDumps(ctx.masker.json(spec.json));
  if (spec.data !== null && typeof spec.data === "object") return ctx.masker.form(sent);
  return ctx.masker.text(sent);
}

export async function send(ctx: RunContext, spec: RequestSpec, o: SendOptions): Promise<Sent> {
  const requestId = ctx.nextRequestId();
  const plainUrl = fullUrl(spec);
  // The URL as written has the prepared URL's origin (the params only add to its query), and the same one every page.
  const trust = o.trust ?? trustedOrigins([spec.url]);
  // A next link to another origin: no auth, no credential headers or parameters (decision 0014).
  const trusted = isTrusted(trust, spec.url);
  let base = spec;
  if (!trusted) {
    const stripped = withoutCredentials(spec, ctx.masker, NOTHING_ADDED);
    base = stripped.spec;
    const removed = [...(o.auth ? [o.auth.describe] : []), ...stripped.removed];
    if (removed.length > 0) warnWithheld(ctx, o.resource, plainUrl, `The request for page ${o.page}`, removed);
  }
  const auth = trusted ? o.auth : undefined;
  const traceBody = (s: RequestSpec, sent: string) => traceBodyOf(ctx, s, sent, o.maskBody);
  let refreshed = false;
  let retries = 0;
  for (let attempt = 1; ; attempt++) {
    if (ctx.signal.aborted) throw cancelledError(o.resource);
    const prepared = auth ? await auth.prepare(base, o.resource) : base;
    const added = auth ? addedBy(base, prepared) : NOTHING_ADDED;
    // The URL is the one computed above unless the auth or the credential check changed the query.
    const url = prepared.url === spec.url && prepared.params === spec.params ? plainUrl : undefined;
    const exchanged = await exchange(ctx, prepared, {
      resource: o.resource,
      requestId,
      attempt,
      page: o.page,
      trust,
      added,
      traceBody,
      ...(url !== undefined ? { url } : {}),
    });
    // `exchanged.url` masks on first read: only messages use it.
    const { outcome, sentAt, budget } = exchanged;
    const responseEvent = (res: TransportResponse, size: number) =>
      withMaskedResponse(
        {
          type: "response",
          resource: o.resource,
          request_id: requestId,
          attempt,
          status: res.status,
          duration_ms: Math.round(ctx.elapsed() - sentAt),
          size,
        } as const,
        ctx.masker,
        res.headers,
      );
    let status: number | null = null;
    let retryAfter: number | null = null;
    let reason: string;
    if (outcome.kind === "cut") {
      const { res, cut } = outcome;
      const read = cut.reason === "declared" ? 0 : cut.bytes;
      spendBytes(ctx, read);
      ctx.emit(responseEvent(res, read));
      throw cutLimit(ctx, budget, cut, o.page);
    }
    if (outcome.kind === "response") {
      const { res, text, bytes } = outcome;
      spendBytes(ctx, bytes);
      status = res.status;
      const common = responseEvent(res, bytes);
      if (bytes >= ROOM_CHECKED_BYTES && ctx.deps.roomToRead && !ctx.deps.roomToRead(bytes)) {
        ctx.emit(common);
        const mb = (bytes / (1024 * 1024)).toFixed(1);
        throw new LimitReached(
          "max_response_bytes",
          `stopped: the response to page ${o.page} (${mb} MB) needs several times its size to read, and this server's memory ` +
            "for runs is taken by other runs reading large pages right now; try again in a moment",
        );
      }
      const parsed = parse(text, ctx.numberText);
      // Nested deeper than Python's json reads: dlt's extract fails on it, and nothing here walks it (the preview shows text).
      const { openers } = parsed;
      const deep = nestedAtLeast(text, openers, PYTHON_JSON_DEPTH);
      // JSON may escape any character (`\u002B` for `+`): a text holding an escape is judged by the values it parses to too.
      const secret = ctx.masker.containsSecret(text) || (text.includes("\\u") && !deep && ctx.masker.holds(parsed.body));
      ctx.emit(withBodyPreview(common, ctx.masker, deep ? undefined : parsed.body, text, secret));
      const ignored = o.actions && o.actions.length > 0 ? ignoredBy(o.actions, status, text) : null;
      if (ignored !== null) return { kind: "ignored", requestId, status, reason: ignored };
      if (status < 400) {
        // No body at all: dlt's `response.json()` fails on it (its extract stops); a response action can ignore it.
        if (parsed.body === undefined && parsed.error === null)
          throw new EngineError(
            "invalid_json",
            `The API answered ${status} with an empty body: dlt's extract fails reading it (JSONDecodeError: Expecting value: ` +
              `line 1 column 1 (char 0)). If the API answers ${status} when there is no data, add the response action ` +
              `{"status_code": ${status}, "action": "ignore"}.`,
            { resource: o.resource, status, url: exchanged.url },
          );
        if (deep)
          throw new EngineError(
            "invalid_json",
            `The response nests arrays and objects ${PYTHON_JSON_DEPTH} levels deep or more: Python's json, which dlt reads ` +
              "responses with, gives up there (`RecursionError: maximum recursion depth exceeded`), so dlt's extract fails on it.",
            { resource: o.resource, status, url: exchanged.url },
          );
        if (parsed.error !== null) {
          const type = res.headers.get("content-type") ?? "no content-type";
          const start = quoted(ctx, text, 200).text;
          // V8 quotes the body's first characters in its message, unmasked (a secret's prefix): the masked excerpt says it instead.
          const error = parsed.error.replace(/, "(?:[^"\\]|\\.)*"(?:\.\.\.)? is not valid JSON/, " (not valid JSON)");
          const message = `The response is not JSON (content-type: ${type}): ${error}. It starts with: ${start}`;
          throw new EngineError("invalid_json", message, { resource: o.resource, status, url: exchanged.url });
        }
        return { kind: "ok", requestId, status, headers: res.headers, url: plainUrl, body: parsed.body, secret, openers };
      }
      if (status === 401 && auth?.invalidate && !refreshed && !o.policy.retries(401)) {
        refreshed = true;
        auth.invalidate(o.resource, "the API answered 401: fetching a fresh token and trying once more");
        continue;
      }
      if (!o.policy.retries(status))
        throw httpError(
          ctx,
          status,
          exchanged.url,
          text,
          o.resource,
          refreshed && status === 401 ? " (a freshly fetched token was rejected too)" : "",
        );
      reason = `${status} ${REASONS[status] ?? "HTTP Error"}`;
      if (retries + 1 < o.policy.maxAttempts && status === 401 && auth?.invalidate) {
        auth.invalidate(o.resource, "the API answered 401: the retry fetches a fresh token");
      }
      if (retries + 1 >= o.policy.maxAttempts)
        throw httpError(ctx, status, exchanged.url, text, o.resource, ` (gave up after ${retries + 1} attempts; ${o.policy.describe})`);
      // Read only when a retry follows, as tenacity computes the wait after its stop check.
      const header = res.headers.get("retry-after");
      const after = retryAfterMs(header, ctx.deps.now(), o.policy.maxDelayMs);
      if (after !== null && typeof after === "object")
        throw new EngineError(
          "http_error",
          `${after.raised}: dlt's retry reads the ${status} response's Retry-After (\`${ctx.masker.text(header ?? "")}\`) as a date ` +
            "past year 9999 and fails the resource there, without retrying (Python's datetime ends at 9999).",
          { resource: o.resource, status, url: exchanged.url },
        );
      retryAfter = after;
    } else {
      reason = outcome.code === "timeout" ? `timeout: ${outcome.message}` : `network error: ${outcome.message}`;
      if (retries + 1 >= o.policy.maxAttempts) {
        throw new EngineError(
          outcome.code,
          `${reason} for url: ${exchanged.url} (gave up after ${retries + 1} attempts; ${o.policy.describe})`,
          {
            resource: o.resource,
            url: exchanged.url,
          },
        );
      }
    }
    const wait = retryAfter ?? backoffMs(o.policy, retries + 1);
    if (!ctx.virtual && ctx.deps.now() + wait - ctx.startedAt > ctx.limits.maxDurationMs) {
      throw new LimitReached(
        "max_duration",
        `stopped: waiting ${wait / 1000} s before retrying (${reason}) would pass the run's ${ctx.limits.maxDurationMs / 1000} s limit`,
      );
    }
    ctx.emit({
      type: "retry",
      resource: o.resource,
      request_id: requestId,
      attempt,
      status,
      reason,
      wait_ms: wait,
      wait_source: retryAfter !== null ? "retry-after" : "backoff",
      virtual: ctx.virtual,
    });
    try {
      await ctx.deps.sleep(wait, ctx.signal);
    } catch {
      throw cancelledError(o.resource);
    }
    if (ctx.signal.aborted) throw cancelledError(o.resource);
    retries++;
  }
}

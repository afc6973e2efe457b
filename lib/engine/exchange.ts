/**
 * One attempt of a request: the request and the redirect hops it leads to. Each hop is a new
 * `deps.transport` call (so the live guard checks it), its own `request`/`response` pair in the trace
 * (same request_id and attempt, `redirect: n`), and counts in the run's budgets. A hop to another
 * origin than the credentials belong to goes without them (./credentials.ts).
 */
import { EngineError, type MaskedHeaders } from "./types";
import type { RunContext } from "./context";
import { buildRequest, fullUrl, type RequestSpec } from "./request";
import { attemptOnce, type Outcome } from "./attempt";
import { responseBudget, spendRequest, type ResponseBudget } from "./budget";
import { checkChain, redirectSpec } from "./redirect";
import { bodyHoldsSecret, isTrusted, withoutCredentials, type Added } from "./credentials";
import { maskedUrlOf, withMaskedRequest, withMaskedResponse } from "./masked-fields";

/** A `request` event's fields before its masked `url` and `headers`. */
interface RequestEventStart {
  readonly type: "request";
  readonly resource: string;
  readonly request_id: number;
  readonly attempt: number;
  readonly page: number;
  readonly method: string;
}

export interface ExchangeOptions {
  readonly resource: string;
  readonly requestId: number;
  readonly attempt: number;
  readonly page: number;
  /** Origins the credentials belong to. */
  readonly trust: ReadonlySet<string>;
  /** What the auth added to the first request (removed on a hop to another origin). */
  readonly added: Added;
  /** How a request body appears in the trace. */
  readonly traceBody: (spec: RequestSpec, sent: string) => string;
  /** `fullUrl(first)` when the caller has it already. */
  readonly url?: string;
}

export interface Exchanged {
  readonly outcome: Exclude<Outcome, { kind: "redirect" }>;
  /** The masked URL of the last hop (for messages; masked on first read). */
  readonly url: string;
  /** `ctx.elapsed()` when the last hop was sent. */
  readonly sentAt: number;
  readonly budget: ResponseBudget;
}

/** Says, once per resource and origin, that a request went without its credentials. */
export function warnWithheld(ctx: RunContext, resource: string, url: string, why: string, removed: readonly string[]): void {
  const origin = new URL(url).origin;
  if (!ctx.once(`credentials_withheld ${resource} ${origin}`)) return;
  ctx.emit({
    type: "warning",
    resource,
    code: "credentials_withheld",
    message: ctx.masker.text(
      `${why} leads to ${origin}, another origin than the auth was configured for: restplay sent it without credentials ` +
        `(${removed.join(", ")}). dlt would send them; restplay keeps credentials on their own origin (decision 0014).`,
    ),
  });
}

export async function exchange(ctx: RunContext, first: RequestSpec, o: ExchangeOptions): Promise<Exchanged> {
  let spec = first;
  const start = o.url ?? fullUrl(first);
  let specUrl = start;
  const chain = new Set<string>();
  checkChain(chain, first, start, start, (u) => ctx.masker.url(u));
  for (let hop = 0; ; hop++) {
    spendRequest(ctx);
    const budget = responseBudget(ctx);
    // A controller of its own to abort on timeout; against a virtual clock (no timeouts) the run's signal
    // is enough. One that was never aborted is reused when the transport detaches from it (lib/net's,
    // when the response closes; a listener still attached only ever reaches a finished response).
    const reuse = ctx.deps.transport.detachesSignal === true;
    const ctrl = ctx.virtual ? null : ((reuse ? ctx.spareControllers.pop() : undefined) ?? new AbortController());
    const built = buildRequest(spec, specUrl);
    const { body } = built;
    // `url` and `headers` masked on first read (./masked-fields.ts), in the order the trace shows them.
    const event: RequestEventStart & { readonly url: string; readonly headers: MaskedHeaders; body?: string; redirect?: number } =
      withMaskedRequest(
        {
          type: "request",
          resource: o.resource,
          request_id: o.requestId,
          attempt: o.attempt,
          page: o.page,
          method: spec.method,
        } as RequestEventStart,
        ctx.masker,
        built.url,
        built.headers,
      );
    if (body !== undefined) event.body = o.traceBody(spec, body);
    if (hop > 0) event.redirect = hop;
    ctx.emit(event);
    const sentAt = ctx.elapsed();
    const request = { ...built, signal: ctrl?.signal ?? ctx.signal, maxBytes: budget.maxBytes };
    const outcome = await attemptOnce(ctx, request, ctrl, budget);
    if (reuse && ctrl !== null && !ctrl.signal.aborted) ctx.spareControllers.push(ctrl);
    if (outcome.kind !== "redirect")
      return {
        outcome,
        get url() {
          return maskedUrlOf(event);
        },
        sentAt,
        budget,
      };
    const url = maskedUrlOf(event);
    const { res } = outcome;
    ctx.emit(
      withMaskedResponse(
        {
          type: "response",
          resource: o.resource,
          request_id: o.requestId,
          attempt: o.attempt,
          status: res.status,
          duration_ms: Math.round(ctx.elapsed() - sentAt),
          size: 0,
        } as const,
        ctx.masker,
        res.headers,
      ),
    );
    const redirected = redirectSpec(spec, res.status, outcome.location, built.url);
    let next = redirected;
    const nextUrl = fullUrl(next);
    checkChain(chain, next, nextUrl, start, (u) => ctx.masker.url(u));
    if (!isTrusted(o.trust, nextUrl)) {
      if (bodyHoldsSecret(next, ctx.masker)) {
        throw new EngineError(
          "unsupported",
          ctx.masker.text(
            `${url} answered ${res.status}, a redirect to ${ctx.masker.url(nextUrl)} that keeps the request body, which holds a ` +
              "secret: restplay does not send credentials to another origin. Use the final URL in the config.",
          ),
          { resource: o.resource, status: res.status, url },
        );
      }
      const stripped = withoutCredentials(next, ctx.masker, o.added);
      next = stripped.spec;
      if (stripped.removed.length > 0) warnWithheld(ctx, o.resource, nextUrl, `A ${res.status} redirect from ${url}`, stripped.removed);
    }
    // Stripping credentials may have changed the query.
    specUrl = next === redirected ? nextUrl : fullUrl(next);
    spec = next;
  }
}

/**
 * One HTTP exchange: `deps.transport` plus reading the body (counted against its budget; a redirect's
 * body is discarded unread), settled by whichever comes first of its outcome, the run's cancellation
 * and a per-attempt timeout. The timeout comes from `deps.timer`, or is built from `deps.sleep` (the
 * engine has no timers of its own). Against a virtual clock
 * sleeping is instant, so there the timeout is checked after the fact: a mock that spends more
 * virtual time than `request_timeout` before answering has timed out (decision 0006).
 */
import { EngineError, type TransportRequest, type TransportResponse } from "./types";
import { LimitReached, type RunContext } from "./context";
import { readBody } from "./body";
import type { Cut, ResponseBudget } from "./budget";

export type Outcome =
  | { readonly kind: "response"; readonly res: TransportResponse; readonly text: string; readonly bytes: number }
  /** A redirect with a `Location`: its body was discarded unread. */
  | { readonly kind: "redirect"; readonly res: TransportResponse; readonly location: string }
  /** The body passed its budget (declared, counted, or cut by the transport). */
  | { readonly kind: "cut"; readonly res: TransportResponse; readonly cut: Cut }
  | { readonly kind: "failure"; readonly code: "timeout" | "network_error"; readonly message: string };

/** The statuses the engine follows when they come with a `Location` (as python-requests does for dlt). */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Reason for ending a finished attempt's sleep-based timer (a fixed object: no DOMException per attempt). */
const ATTEMPT_DONE = Object.freeze({ reason: "attempt finished" });

/** `deps.timer`, or one built from `deps.sleep` (an AbortController per attempt). Returns the timer's cancel. */
function startTimer(ctx: RunContext, ms: number, fire: () => void): () => void {
  if (ctx.deps.timer) return ctx.deps.timer(ms, fire);
  const timer = new AbortController();
  ctx.deps.sleep(ms, timer.signal).then(
    // A sleep that ignores its signal may resolve after the attempt ended: not a timeout then.
    () => {
      if (!timer.signal.aborted) fire();
    },
    () => undefined,
  );
  return () => timer.abort(ATTEMPT_DONE);
}

export const cancelledError = (resource?: string) =>
  new EngineError("cancelled", "The run was cancelled.", resource !== undefined ? { resource } : {});

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? ` (${e.cause.message})` : "";
  return `${e.name === "Error" || e.name === "TypeError" ? "" : `${e.name}: `}${e.message}${cause}`;
}

/**
 * `ctrl` aborts this attempt's request; `null` when the request carries the run's signal directly
 * (virtual clock). The attempt settles once: with the exchange's outcome, a timeout, or the run's
 * cancellation, whichever comes first (one promise, no race of three per page).
 */
export function attemptOnce(
  ctx: RunContext,
  request: TransportRequest,
  ctrl: AbortController | null,
  budget: ResponseBudget,
): Promise<Outcome> {
  if (ctx.signal.aborted) return Promise.reject(cancelledError());
  const seconds = ctx.limits.requestTimeoutMs / 1000;
  const sentAt = ctx.virtual ? ctx.deps.now() : 0;
  const work = async (): Promise<Outcome> => {
    const res = await ctx.deps.transport(request);
    const took = ctx.virtual ? ctx.deps.now() - sentAt : 0;
    if (took > ctx.limits.requestTimeoutMs) {
      res.discard();
      return {
        kind: "failure",
        code: "timeout",
        message: `no response within ${seconds} s (request_timeout; the mock would have answered after ${took / 1000} s of virtual time)`,
      };
    }
    const location = REDIRECT_STATUSES.has(res.status) ? res.headers.get("location") : null;
    // An empty Location is no redirect for python-requests (`resolve_redirects` loops `while url`): the response is dlt's.
    if (location !== null && location !== "") {
      res.discard();
      return { kind: "redirect", res, location };
    }
    const declared = Number(res.headers.get("content-length") ?? Number.NaN);
    if (declared > budget.maxBytes) {
      res.discard();
      return { kind: "cut", res, cut: { reason: "declared", bytes: declared } };
    }
    const body = await readBody(res, budget.maxBytes);
    return body.kind === "cut" ? { kind: "cut", res, cut: body.cut } : { kind: "response", res, text: body.text, bytes: body.bytes };
  };
  return new Promise<Outcome>((resolve, reject) => {
    let settled = false;
    let stopTimer: (() => void) | null = null;
    let stopWatching: (() => void) | null = null;
    /** `true` for the first caller only; ends the timer and the cancellation watch. */
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      stopTimer?.();
      stopWatching?.();
      return true;
    };
    stopWatching = ctx.onCancel(() => {
      if (!settle()) return;
      ctrl?.abort();
      reject(cancelledError());
    });
    // No per-attempt timer against a virtual clock (its sleep returns at once).
    if (!ctx.virtual)
      stopTimer = startTimer(ctx, ctx.limits.requestTimeoutMs, () => {
        if (!settle()) return;
        ctrl?.abort();
        resolve({ kind: "failure", code: "timeout", message: `no response within ${seconds} s` });
      });
    work().then(
      (outcome) => {
        if (settle()) resolve(outcome);
      },
      (e: unknown) => {
        if (!settle()) return;
        if (e instanceof LimitReached || e instanceof EngineError) reject(e);
        else if (ctx.signal.aborted) reject(cancelledError());
        else resolve({ kind: "failure", code: "network_error", message: describe(e) });
      },
    );
  });
}

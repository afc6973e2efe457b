/**
 * One HTTP exchange: `deps.transport` plus reading the body (counted against its budget; a redirect's
 * body is discarded unread), raced against the run's cancellation and a per-attempt timeout.
 * The timeout is built from `deps.sleep` (the engine has no timers). Against a virtual clock
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

/**
 * A promise that never settles, fresh per attempt. A shared one would leak: every race that adopts it
 * adds a reaction to it, and that reaction keeps the race's result (the response body) alive forever.
 */
const never = () => new Promise<never>(() => {});
/** Reason for ending a finished attempt's timer (a fixed object: no DOMException per attempt). */
const ATTEMPT_DONE = Object.freeze({ reason: "attempt finished" });

export const cancelledError = (resource?: string) =>
  new EngineError("cancelled", "The run was cancelled.", resource !== undefined ? { resource } : {});

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? ` (${e.cause.message})` : "";
  return `${e.name === "Error" || e.name === "TypeError" ? "" : `${e.name}: `}${e.message}${cause}`;
}

/** `ctrl` aborts this attempt's request; `null` when the request carries the run's signal directly (virtual clock). */
export async function attemptOnce(
  ctx: RunContext,
  request: TransportRequest,
  ctrl: AbortController | null,
  budget: ResponseBudget,
): Promise<Outcome> {
  if (ctx.signal.aborted) throw cancelledError();
  const seconds = ctx.limits.requestTimeoutMs / 1000;
  let timedOut = false;
  const sentAt = ctx.virtual ? ctx.deps.now() : 0;
  const work = (async (): Promise<Outcome> => {
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
    if (location !== null) {
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
  })().catch((e: unknown): Outcome => {
    if (e instanceof LimitReached || e instanceof EngineError) throw e;
    if (ctx.signal.aborted) throw cancelledError();
    if (timedOut) return { kind: "failure", code: "timeout", message: `no response within ${seconds} s` };
    return { kind: "failure", code: "network_error", message: describe(e) };
  });
  const listener: { current: (() => void) | null } = { current: null };
  const cancelled = new Promise<never>((_, reject) => {
    listener.current = () => {
      ctrl?.abort();
      reject(cancelledError());
    };
    ctx.signal.addEventListener("abort", listener.current, { once: true });
  });
  const racers: Promise<Outcome>[] = [work, cancelled];
  // No per-attempt timer against a virtual clock (its sleep returns at once); creating and aborting
  // one per attempt would also cost a DOMException each time.
  const timer = ctx.virtual ? null : new AbortController();
  if (timer) {
    racers.push(
      ctx.deps.sleep(ctx.limits.requestTimeoutMs, timer.signal).then(
        (): Outcome | Promise<never> => {
          // A sleep that ignores its signal may resolve after the attempt ended: not a timeout then.
          if (timer.signal.aborted) return never();
          timedOut = true;
          ctrl?.abort();
          return { kind: "failure", code: "timeout", message: `no response within ${seconds} s` };
        },
        () => never(),
      ),
    );
  }
  try {
    return await Promise.race(racers);
  } finally {
    timer?.abort(ATTEMPT_DONE);
    if (listener.current) ctx.signal.removeEventListener("abort", listener.current);
  }
}

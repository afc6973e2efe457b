/**
 * Messages between the run pool (the request thread) and its run workers (decision 0040). A run's
 * events cross as NDJSON bytes the worker encoded (`encodeEvent`, transferred, never copied), so the
 * request thread only forwards them.
 */
import type { CheckedConfig } from "@/lib/config";
import type { EngineEvent } from "@/lib/engine";
import type { Diagnostic } from "@/lib/formats";
import { encodeEvent, type RunFailureCode, type RunRequest } from "@/lib/run";

export interface RunStart {
  readonly kind: "start";
  readonly id: number;
  /** What the validation pool returned (structured-clone data). */
  readonly checked: CheckedConfig;
  readonly request: Omit<RunRequest, "text" | "format">;
  /** `RESTPLAY_ALLOW_HOSTS` as the request thread read it for this run (the live transport's guard). */
  readonly allowHosts: string | undefined;
  /** The route's own warnings (`server_limit`), said right after `run_start`. */
  readonly notes: readonly string[];
}

export type RunCommand =
  | RunStart
  /** The client went away: abort the run and free it. */
  | { readonly kind: "cancel"; readonly id: number }
  /** The client reads slower than the run produces: stop pulling events until `resume`. */
  | { readonly kind: "pause"; readonly id: number }
  | { readonly kind: "resume"; readonly id: number }
  /** The pool's watchdog: answer `pong` (an event loop that does not answer for long is stuck in synchronous code). */
  | { readonly kind: "ping" };

export type RunReply =
  | { readonly kind: "ready" }
  | { readonly kind: "pong" }
  /** `prepareCheckedRun` refused the run (the route answers 422 or 400). */
  | {
      readonly kind: "refused";
      readonly id: number;
      readonly code: RunFailureCode;
      readonly message: string;
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly kind: "started"; readonly id: number }
  /**
   * One or more NDJSON lines, UTF-8. `active`: the resources started and not done after these lines, when that changed
   * (what the watchdog names if the worker then gets stuck).
   */
  | { readonly kind: "text"; readonly id: number; readonly bytes: Uint8Array; readonly active?: readonly string[] }
  /** The run is over and freed; `broke`: the run threw (a defect), its message with the secrets masked, for the log. */
  | { readonly kind: "end"; readonly id: number; readonly broke?: string };

/**
 * How a run that broke off ends: an error (`internal_error` inside restplay; `cancelled` when the server stopped it)
 * and a failed `done`, as every run ends. With `resources` (those under way), one error each, so each resource's trace
 * shows it (and its request in flight as failed).
 */
export function brokeOffText(
  message: string,
  code: "internal_error" | "cancelled" = "internal_error",
  resources: readonly string[] = [],
): string {
  const errors: EngineEvent[] =
    resources.length === 0
      ? [{ type: "error", error: { code, message } }]
      : resources.map((resource) => ({ type: "error", resource, error: { code, message, resource } }));
  const done: EngineEvent = { type: "done", ok: false, duration_ms: 0, stats: {} };
  return [...errors, done].map(encodeEvent).join("");
}

import type { EngineDeps, EngineEvent, LimitKind, RunLimits } from "./types";
import type { NumberTexts } from "./number-text";
import type { Masker } from "../shared";

/** What the run has spent so far, all resources together (checked against `maxRequests`, `maxTotalBytes`). */
export interface RunUsage {
  requests: number;
  bytes: number;
}

/** What every part of one run shares: dependencies, limits, masking and the event sink. */
export interface RunContext {
  readonly deps: EngineDeps;
  readonly limits: RunLimits;
  readonly masker: Masker;
  /** The caller's signal combined with the consumer going away. */
  readonly signal: AbortSignal;
  /**
   * Calls `cancel` once if the run is cancelled before the returned function is called (one listener
   * on `signal` for the whole run instead of one per attempt).
   */
  onCancel(cancel: () => void): () => void;
  /** `sleep`/`now` are a virtual clock: waits cost nothing and per-attempt timeouts are off. */
  readonly virtual: boolean;
  /** `deps.now()` when the run started (for `maxDurationMs`). */
  readonly startedAt: number;
  emit(event: EngineEvent): void;
  /** Resolves when the consumer has taken every event so far (backpressure at page boundaries). */
  drained(): Promise<void>;
  nextRequestId(): number;
  /** Milliseconds for durations (real time even when the clock is virtual). */
  elapsed(): number;
  readonly usage: RunUsage;
  /** `true` the first time it is called with `key` in this run (one warning per resource and origin). */
  once(key: string): boolean;
  /**
   * Request controllers of finished attempts that were never aborted, for the next attempt (./exchange.ts):
   * one AbortController per request cost a measurable share of paging.
   */
  readonly spareControllers: AbortController[];
  /** The JSON spelling of numbers `JSON.parse` changed, by the object or array that holds them (`number-text.ts`). */
  readonly numberText: NumberTexts;
}

/** A playground limit was reached: the resource ends after a `limit` event (failed if `LIMIT_FAILS`). Not an error. */
export class LimitReached extends Error {
  override readonly name = "LimitReached";
  constructor(
    readonly limit: LimitKind,
    message: string,
  ) {
    super(message);
  }
}

import type { EngineDeps, EngineEvent, RunLimits } from "./types";
import type { Masker } from "./mask";

/** What every part of one run shares: dependencies, limits, masking and the event sink. */
export interface RunContext {
  readonly deps: EngineDeps;
  readonly limits: RunLimits;
  readonly masker: Masker;
  readonly signal: AbortSignal;
  readonly virtual: boolean;
  readonly startedAt: number;
  emit(event: EngineEvent): void;
  nextRequestId(): number;
  /** Milliseconds for durations (real time even when the clock is virtual). */
  elapsed(): number;
}

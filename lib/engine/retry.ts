/** Retry policy and timing (dlt-rest-api.md §11.2, and the seed `error_handler`). Pure functions. */
import type { ErrorHandlerConfig } from "../config/schema";
import { pyParsedateSeconds, type PyRaised } from "../shared";

export interface RetryPolicy {
  readonly retries: (status: number) => boolean;
  /** All attempts, the first included. */
  readonly maxAttempts: number;
  readonly backoffFactor: number;
  readonly maxDelayMs: number;
  readonly source: "dlt_default" | "error_handler";
  readonly describe: string;
}

export const DLT_DEFAULT_POLICY: RetryPolicy = {
  retries: (s) => s === 429 || (s >= 500 && s <= 599),
  maxAttempts: 5,
  backoffFactor: 1,
  maxDelayMs: 300_000,
  source: "dlt_default",
  describe: "dlt defaults: 429 and 5xx, 5 attempts, backoff 1 s",
};

export function policyFrom(handler: ErrorHandlerConfig | undefined): RetryPolicy {
  if (!handler) return DLT_DEFAULT_POLICY;
  const statuses = handler.retry_on_status_codes;
  const retries = handler.max_retries ?? 4;
  const factor = handler.backoff_factor ?? 1;
  return {
    retries: statuses ? (s) => statuses.includes(s) : DLT_DEFAULT_POLICY.retries,
    maxAttempts: retries + 1,
    backoffFactor: factor,
    maxDelayMs: 300_000,
    source: "error_handler",
    describe: `error_handler: ${statuses ? statuses.join("/") : "429/5xx"}, ${retries} retries, backoff ${factor} s`,
  };
}

/** Wait before retry `k` (1-based): `backoff_factor × 2^(k-1)` s, capped. */
export function backoffMs(policy: RetryPolicy, k: number): number {
  return Math.min(policy.maxDelayMs, policy.backoffFactor * 2 ** (k - 1) * 1000);
}

/**
 * `Retry-After` as dlt's retry reads it (`wait_exponential_retry_after._parse_retry_after`): whole seconds, else a date
 * `email.utils.parsedate_tz` reads (`1.5`, `-5` or an ISO date is neither: backoff), clamped to [0, max]; `null` when
 * absent or unread; what Python raises reading a date past year 9999 (dlt's wait raises it: the resource fails).
 */
export function retryAfterMs(header: string | null, nowMs: number, maxMs: number): number | null | PyRaised {
  if (header === null || header === "") return null;
  if (/^\s*[0-9]+\s*$/.test(header)) return Math.min(maxMs, Number(header.trim()) * 1000);
  const date = pyParsedateSeconds(header);
  if (date === null || typeof date === "object") return date;
  return Math.min(maxMs, Math.max(0, date * 1000 - nowMs));
}

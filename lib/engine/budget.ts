/**
 * The run's HTTP budgets, one home for each rule and its message: requests per run (`maxRequests`),
 * bytes per response (`maxResponseBytes`) and per run (`maxTotalBytes`). Every request the engine
 * sends — pages, token requests, retries, redirect hops — passes `spendRequest` first.
 */
import { LimitReached, type RunContext } from "./context";

/** The bytes the next response may have, and which limit sets that number. */
export interface ResponseBudget {
  readonly maxBytes: number;
  readonly limit: "max_response_bytes" | "max_total_bytes";
}

/** How a response passed its budget: its declared length, bytes counted while reading, or the transport's ratio check. */
export interface Cut {
  readonly reason: "declared" | "bytes" | "ratio";
  readonly bytes: number;
  /** The transport's own words (the ratio check: what came off the wire and what it became). */
  readonly detail?: string;
}

const MB = 1024 * 1024;

/** `20 MB`, `1.5 MB`, `1000 bytes`. */
export function formatBytes(n: number): string {
  if (n < MB) return `${n} bytes`;
  const mb = n / MB;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** Counts one HTTP request, or stops the resource when the run has used up its requests or bytes. */
export function spendRequest(ctx: RunContext): void {
  const { maxRequests, maxTotalBytes } = ctx.limits;
  if (ctx.usage.requests >= maxRequests) {
    throw new LimitReached(
      "max_requests",
      `stopped: the run made ${maxRequests} HTTP requests (playground limit max_requests; retries, redirects and token requests count)`,
    );
  }
  if (ctx.usage.bytes >= maxTotalBytes) {
    throw new LimitReached(
      "max_total_bytes",
      `stopped: the run downloaded ${formatBytes(maxTotalBytes)} in total (playground limit max_total_bytes)`,
    );
  }
  ctx.usage.requests += 1;
}

export function responseBudget(ctx: RunContext): ResponseBudget {
  const left = Math.max(0, ctx.limits.maxTotalBytes - ctx.usage.bytes);
  return left < ctx.limits.maxResponseBytes
    ? { maxBytes: left, limit: "max_total_bytes" }
    : { maxBytes: ctx.limits.maxResponseBytes, limit: "max_response_bytes" };
}

/** Adds a response body's bytes (read, or read until cut) to the run's total. */
export function spendBytes(ctx: RunContext, bytes: number): void {
  ctx.usage.bytes += bytes;
}

/** The limit a cut response reports; `page` 0 is a token request. */
export function cutLimit(ctx: RunContext, budget: ResponseBudget, cut: Cut, page: number): LimitReached {
  const what = page > 0 ? `the response to page ${page}` : "the token response";
  if (cut.reason === "ratio") {
    return new LimitReached(
      "max_compression_ratio",
      `stopped: ${what} ${cut.detail ?? "inflated too fast"} while downloading; restplay refuses responses that decompress like a zip bomb`,
    );
  }
  if (budget.limit === "max_total_bytes") {
    const total = formatBytes(ctx.limits.maxTotalBytes);
    return new LimitReached(
      "max_total_bytes",
      cut.reason === "declared"
        ? `stopped: ${what} is ${cut.bytes} bytes, more than the ${budget.maxBytes} bytes left of the run's ${total} ` +
            "(playground limit max_total_bytes)"
        : `stopped: ${what} passed the run's ${total} in total while downloading (playground limit max_total_bytes)`,
    );
  }
  return new LimitReached(
    "max_response_bytes",
    cut.reason === "declared"
      ? `stopped: the response is ${cut.bytes} bytes, over the playground limit of ${budget.maxBytes} bytes`
      : `stopped: ${what} passed ${formatBytes(budget.maxBytes)} while downloading (playground limit max_response_bytes)`,
  );
}

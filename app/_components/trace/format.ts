/** Small display helpers for the trace. */
import { LIMIT_FAILS } from "@/lib/engine";
import type { ResourceTrace, RunTrace } from "@/lib/run";
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The URL without its origin when it is the API's (the trace header names the host). */
export function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

export const plural = (n: number, word: string, many = `${word}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? word : many}`;

/** A run's records so far, and what stopped it (the failure, the first error, or a limit that cut its data short). */
export function runFacts(trace: RunTrace): { records: number; problem: { code: string; message: string } | null } {
  // A run whose data a limit cut short fails with that limit as its reason (issue #13).
  const cut = trace.limits.find((l) => LIMIT_FAILS[l.limit]);
  const problem =
    trace.failure ?? trace.errors[0] ?? (cut ? { code: cut.limit, message: `data cut short (${cut.resource}): ${cut.message}` } : null);
  return { records: trace.resources.reduce((n, r) => n + r.records, 0), problem };
}

/** What a run came to, in words: the status bar's text and what the announcer says when it ends (`null` while idle or running). */
export function runOutcome(trace: RunTrace): string | null {
  const { records, problem } = runFacts(trace);
  switch (trace.phase) {
    case "done":
      return `Done${trace.duration_ms !== null ? ` in ${formatMs(trace.duration_ms)}` : ""} · ${plural(records, "record")} fetched`;
    case "capped":
      return `Capped: ${trace.limits.map((l) => `${l.limit} (${l.resource})`).join(", ")} · ${plural(records, "record")} fetched`;
    case "cancelled":
      return `Cancelled · ${plural(records, "record")} fetched before the cancel`;
    case "failed":
      return `Failed${problem ? `: ${problem.code} — ${problem.message.split("\n")[0]}` : ""}`;
    default:
      return null;
  }
}

export type ShownStatus = ResourceTrace["status"] | "capped" | "cancelled";

/**
 * A resource's state as its heading says it: one a limit cut short is capped (the paginator had more),
 * one still going when the run was cancelled is cancelled, not failed (the run's summary keeps ok/failed).
 */
export function shownStatus(r: Pick<ResourceTrace, "status" | "items">, phase: RunTrace["phase"]): ShownStatus {
  if (r.status === "ok" && r.items.some((i) => i.kind === "limit")) return "capped";
  if (r.status === "failed" && phase === "cancelled" && !r.items.some((i) => i.kind === "error")) return "cancelled";
  return r.status;
}

/**
 * A resource's timeline cut into pages for the page inspector: one entry per page request (its
 * attempts and retries together), with what happened before the next page — the paginator's
 * decision, warnings, auth steps. Pages are numbered in order of the run: a child resource fetches
 * page 1 again for every parent record, so the API's page number alone does not identify a page.
 */
import type { TraceItem } from "@/lib/run";

export type RequestItem = Extract<TraceItem, { kind: "request" }>;

export interface PageView {
  /** 1-based position among the resource's pages. */
  readonly index: number;
  /** The page number the request fetched (restarts at 1 for each parent record of a child). */
  readonly page: number;
  readonly request_id: number;
  /** Every attempt at this page, in order; the last one is the one that counted. */
  readonly attempts: readonly RequestItem[];
  /** Non-request items from this page's first attempt until the next page's (retries, decision, warnings…). */
  readonly events: readonly TraceItem[];
  readonly decision: Extract<TraceItem, { kind: "paginator" }> | null;
}

export function pagesOf(items: readonly TraceItem[]): PageView[] {
  type Group = { index: number; page: number; request_id: number; attempts: RequestItem[]; events: TraceItem[] };
  const pages: Group[] = [];
  let current = null as Group | null;
  for (const item of items) {
    if (item.kind === "request" && item.page > 0) {
      if (current?.request_id === item.request_id) current.attempts.push(item);
      else {
        current = { index: pages.length + 1, page: item.page, request_id: item.request_id, attempts: [item], events: [] };
        pages.push(current);
      }
    } else if (current) current.events.push(item);
  }
  return pages.map((p) => ({
    ...p,
    decision: [...p.events].reverse().find((e): e is Extract<TraceItem, { kind: "paginator" }> => e.kind === "paginator") ?? null,
  }));
}

export const lastAttempt = (p: PageView): RequestItem => p.attempts[p.attempts.length - 1] as RequestItem;

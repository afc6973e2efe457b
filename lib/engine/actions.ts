/** `response_actions` (dlt-rest-api.md §13): which responses to ignore. Python callables are skipped. */
import type { Json } from "./types";

export interface ResponseAction {
  readonly status_code?: number;
  readonly content?: string;
  readonly ignore: boolean;
}

/** Dict actions only; a string `status_code` is kept as "never matches" (dlt compares with `==`). */
export function toActions(raw: readonly Json[]): ResponseAction[] {
  const out: ResponseAction[] = [];
  for (const a of raw) {
    if (!a || typeof a !== "object" || Array.isArray(a)) continue;
    const status = a.status_code;
    out.push({
      ...(typeof status === "number" ? { status_code: status } : typeof status === "string" ? { status_code: Number.NaN } : {}),
      ...(typeof a.content === "string" ? { content: a.content } : {}),
      ignore: a.action === "ignore",
    });
  }
  return out;
}

/** The first `ignore` action matching the response, described; `null` when none matches. */
export function ignoredBy(actions: readonly ResponseAction[], status: number, text: string): string | null {
  for (const a of actions) {
    if (!a.ignore || (a.status_code === undefined && a.content === undefined)) continue;
    if (a.status_code !== undefined && a.status_code !== status) continue;
    if (a.content !== undefined && !text.includes(a.content)) continue;
    return `response_actions: ignore ${[a.status_code !== undefined ? `status_code ${a.status_code}` : "", a.content !== undefined ? `content "${a.content}"` : ""].filter(Boolean).join(" and ")}`;
  }
  return null;
}

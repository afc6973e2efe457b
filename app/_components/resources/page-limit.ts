/**
 * The page limit as typed in the Resources bar, read as the run's contract takes it (`max_pages`:
 * `MAX_PAGES_RANGE`): the number, `undefined` when empty (the engine's default), or `invalid` — which a
 * run replaces with the default too, so the field says so.
 */
import { DEFAULT_LIMITS } from "@/lib/engine";
import { MAX_PAGES_RANGE } from "@/lib/run";

export const PAGE_LIMIT = { ...MAX_PAGES_RANGE, default: DEFAULT_LIMITS.maxPages } as const;

export function pageLimit(typed: string): number | undefined | "invalid" {
  if (typed.trim() === "") return undefined;
  const cap = Number(typed);
  return Number.isInteger(cap) && cap >= PAGE_LIMIT.min && cap <= PAGE_LIMIT.max ? cap : "invalid";
}

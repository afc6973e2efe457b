/**
 * The page limit as typed in the Resources bar, read as the run's contract takes it (`max_pages`: a
 * whole number from 1 to 10000): the number, `undefined` when empty (the engine's default, 100), or
 * `invalid` — which a run replaces with the default too, so the field says so.
 */
export const PAGE_LIMIT = { min: 1, max: 10_000, default: 100 } as const;

export function pageLimit(typed: string): number | undefined | "invalid" {
  if (typed.trim() === "") return undefined;
  const cap = Number(typed);
  return Number.isInteger(cap) && cap >= PAGE_LIMIT.min && cap <= PAGE_LIMIT.max ? cap : "invalid";
}

/**
 * Limits of the run contract the page reads as it loads (the Resources bar's page limit): zod-free, so that importing
 * one does not pull ./contract.ts's schemas (and zod) into the page's first load — `MAX_PAGES_RANGE` from there did,
 * +63 KB gzipped (docs/performance.md, twenty-eighth session).
 */

/** The page limit a run request may ask for (`max_pages`); without one the engine's `DEFAULT_LIMITS.maxPages`. */
export const MAX_PAGES_RANGE = { min: 1, max: 10_000 } as const;

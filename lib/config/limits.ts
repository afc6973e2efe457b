/**
 * What one config may hold, beyond the text limits of lib/formats/limits.ts (issue #13,
 * docs/security.md). Past a limit the validator reports a located error instead of working on.
 */
export { MAX_ALIAS_VALUES, MAX_DEPTH, MAX_VALUES } from "../formats/limits";

/**
 * Resources in one config. Each is at least one request chain in a run and a table in the preview;
 * a large real source has a few hundred (dlt's biggest verified sources have about 150). Past the
 * limit the rest are neither checked nor run, and `too_many_resources` points at the first of them.
 */
export const MAX_RESOURCES = 1_000;

/**
 * Problems listed for one text. A hostile text can hold hundreds of thousands of problems, each
 * with a message; past this many the validator stops looking and says so (`too_many_problems`).
 */
export const MAX_DIAGNOSTICS = 1_000;

/** Codes that explain the rest (a refused or cut-short text): listed first, whatever their position. */
export const LIMIT_CODES: ReadonlySet<string> = new Set(["too_deep", "too_many_values", "yaml_alias_limit", "too_many_resources"]);

/** A resource's start as the preview reads it. */
import type { EngineEvent } from "../engine/types";
import { mergeStrategy } from "../shared";

type ResourceStart = Extract<EngineEvent, { type: "resource_start" }>;

/** The start of a resource whose pages came without one: an `append` resource without hints. */
export const appendStart = (name: string): ResourceStart => ({
  type: "resource_start",
  resource: name,
  paginator: "",
  data_selector: null,
  primary_key: null,
  write_disposition: "append",
  parent: null,
  table_name: name,
  max_table_nesting: null,
  merge_key: null,
  merge_strategy: null,
  columns: [],
});

/**
 * What a resource's hints make dlt do that the user may not expect, told on its table when the
 * resource starts: `skip`, a merge that deduplicates nothing, a merge strategy without the key it needs.
 */
export function startWarnings(e: ResourceStart): string[] {
  const warnings: string[] = [];
  if (e.write_disposition === "skip") warnings.push(`\`${e.resource}\` uses write_disposition \`skip\`: dlt does not load it`);
  const merge = e.write_disposition === "merge";
  const key = e.primary_key && e.primary_key.length > 0 ? e.primary_key : null;
  const strategy = mergeStrategy(e.write_disposition, e.merge_strategy);
  if (merge && !key && !(e.merge_key && e.merge_key.length > 0) && strategy === "delete-insert")
    warnings.push(
      `\`${e.resource}\` uses write_disposition \`merge\` without a primary_key or merge_key: ` +
        "dlt appends every record (nothing is deduplicated) — set `primary_key`",
    );
  if (merge && (strategy === "upsert" || strategy === "insert-only")) {
    if (!key)
      warnings.push(
        `\`${e.resource}\` uses the \`${strategy}\` merge strategy without a primary_key: dlt's load step fails ` +
          `(\`primary_key\` needs to be set when using the \`${strategy}\` merge strategy)`,
      );
    if (e.merge_key && e.merge_key.length > 0)
      warnings.push(
        `\`${e.resource}\` has a merge_key, which the \`${strategy}\` merge strategy ignores (dlt says so and merges by primary_key)`,
      );
  }
  return warnings;
}

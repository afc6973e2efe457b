import type { RestApiConfig } from "../config/schema";
import type { TableHints } from "./types";
import { setOwn } from "../shared";

/**
 * `table_name`, `max_table_nesting` and the merge strategy per resource (resource keys win over
 * `resource_defaults`): hints that shape tables but are not in the engine's `resource_start` event.
 * Callable (Python) table names are not evaluated: the resource name is used.
 */
export function previewHints(config: RestApiConfig): Record<string, TableHints> {
  const defaults = config.resource_defaults ?? {};
  const out: Record<string, TableHints> = {};
  for (const entry of config.resources) {
    if (typeof entry === "string") {
      setOwn(out, entry, pick(defaults.table_name, defaults.max_table_nesting, defaults.write_disposition));
      continue;
    }
    if ("$python" in entry || typeof entry.name !== "string") continue;
    const tableName = entry.table_name !== undefined ? entry.table_name : defaults.table_name;
    const nesting = entry.max_table_nesting !== undefined ? entry.max_table_nesting : defaults.max_table_nesting;
    const disposition = entry.write_disposition !== undefined ? entry.write_disposition : defaults.write_disposition;
    setOwn(out, entry.name, pick(tableName, nesting, disposition));
  }
  return out;
}

function pick(tableName: unknown, nesting: unknown, disposition: unknown): TableHints {
  const strategy = typeof disposition === "object" && disposition !== null && "strategy" in disposition ? disposition.strategy : undefined;
  return {
    ...(typeof tableName === "string" && tableName.length > 0 ? { table_name: tableName } : {}),
    ...(typeof nesting === "number" ? { max_table_nesting: nesting } : {}),
    ...(typeof strategy === "string" ? { merge_strategy: strategy } : {}),
  };
}

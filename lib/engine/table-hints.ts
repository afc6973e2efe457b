/**
 * The table hints of a resource (`resource_start`), from the resource and `resource_defaults` as dlt
 * merges them (`_merge_resource_endpoints` in `dlt/sources/rest_api/config_setup.py`): resource keys
 * win, and when both give `columns` the hints are merged column by column (`merge_columns`).
 * `columns` may be a dict by name or a list of columns with `name` (`ensure_table_schema_columns`).
 */
import type { ColumnConfig } from "../config/schema";
import type { ColumnHint, TableHints } from "./types";
import { isObj, isPython } from "./refs";

function columnList(raw: unknown): ColumnHint[] {
  if (Array.isArray(raw)) return raw.filter((c): c is ColumnHint => isObj(c) && typeof c.name === "string").map((c) => ({ ...c }));
  if (!isObj(raw) || isPython(raw)) return [];
  return Object.entries(raw).flatMap(([name, c]) =>
    isObj(c) && !isPython(c) ? [{ ...(c as ColumnConfig), name: typeof c.name === "string" ? c.name : name }] : [],
  );
}

function mergeColumnHints(defaults: ColumnHint[], resource: ColumnHint[]): ColumnHint[] {
  const byName = new Map(defaults.map((c) => [c.name, c]));
  for (const c of resource) byName.set(c.name, { ...byName.get(c.name), ...c });
  return [...byName.values()];
}

const keyList = (k: unknown): string[] | null =>
  typeof k === "string" ? [k] : Array.isArray(k) ? k.filter((x): x is string => typeof x === "string") : null;

/** `defaults` and `resource` are the raw dicts of `resource_defaults` and the resource entry. */
export function tableHints(
  name: string,
  defaults: Readonly<Record<string, unknown>>,
  resource: Readonly<Record<string, unknown>>,
): TableHints {
  const pick = (key: string): unknown => (Object.hasOwn(resource, key) ? resource[key] : defaults[key]);
  const tableName = pick("table_name");
  const nesting = pick("max_table_nesting");
  const wd = pick("write_disposition");
  const own = columnList(resource.columns);
  const columns =
    resource.columns !== undefined && resource.columns !== null && defaults.columns
      ? mergeColumnHints(columnList(defaults.columns), own)
      : resource.columns
        ? own
        : columnList(defaults.columns);
  return {
    table_name: typeof tableName === "string" && tableName !== "" ? tableName : name,
    max_table_nesting: typeof nesting === "number" ? nesting : null,
    merge_key: keyList(pick("merge_key")),
    merge_strategy: isObj(wd) && typeof wd.strategy === "string" ? wd.strategy : null,
    columns,
  };
}

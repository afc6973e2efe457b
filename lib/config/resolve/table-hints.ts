/**
 * The table hints of a resource (the engine copies them into `resource_start`), from the resource and
 * `resource_defaults` as dlt merges them (`_merge_resource_endpoints` in
 * `dlt/sources/rest_api/config_setup.py`): resource keys win, and when both give `columns` the hints
 * are merged column by column (`merge_columns`). `columns` may be a dict by name or a list of columns
 * with `name` (`ensure_table_schema_columns`).
 */
import type { ColumnHint, ColumnLayers, ContractSetting, ResolvedTableHints, Scd2Hints } from "../resolved";
import { SchemaContractMode } from "../schema";
import { isObj, isPython, keyList, pick, type Obj } from "./values";

/** One column's hints, named: a property given as `None` is not given (as dlt reads it). */
export function columnHint(c: Obj, name: string): ColumnHint {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (v !== null) out[k] = v;
  return { ...(out as ColumnHint), name };
}

/** A `write_disposition` as written, a string or a dict: its disposition and merge strategy (`null` where not given). */
export function dispositionOf(wd: unknown): { readonly disposition: string | null; readonly strategy: string | null } {
  const disposition = typeof wd === "string" ? wd : isObj(wd) && typeof wd.disposition === "string" ? wd.disposition : null;
  return { disposition, strategy: isObj(wd) && typeof wd.strategy === "string" ? wd.strategy : null };
}

/**
 * A resource's columns as dlt merges them with the defaults': without a `columns` key, the defaults'; with a false one
 * (`None`, `{}`, `[]`) none — `{**defaults, **resource}` keeps the resource's (checked with dlt 1.26.0); merged, a column
 * the defaults name is the shared one (`sharedDefaultColumns`), the others the resource's own; not merged (a Python
 * value on either side), the resource's alone.
 */
function columnLayers(defaultsColumns: unknown, resource: Obj | null, shared: ColumnHint[]): ColumnLayers {
  if (!resource || !Object.hasOwn(resource, "columns")) return { defaults: shared, own: null };
  const own = resource.columns;
  if (!given(own)) return { defaults: null, own: null };
  const mine = columnList(own);
  if (!mergesColumns(defaultsColumns, own)) return { defaults: null, own: mine };
  const byName = new Map(shared.map((c) => [c.name, c]));
  return { defaults: shared, own: mine.map((c) => byName.get(c.name) ?? c) };
}

/** A `columns` value as a list of hints (Python values left out). */
export function columnList(raw: unknown): ColumnHint[] {
  if (Array.isArray(raw))
    return raw.filter((c): c is Obj & { name: string } => isObj(c) && typeof c.name === "string").map((c) => columnHint(c, c.name));
  if (!isObj(raw) || isPython(raw)) return [];
  return Object.entries(raw).flatMap(([name, c]) =>
    isObj(c) && !isPython(c) ? [columnHint(c, typeof c.name === "string" ? c.name : name)] : [],
  );
}

/** Python's truth of a `columns` value: a non-empty dict or list. */
const given = (raw: unknown): boolean => (Array.isArray(raw) ? raw.length > 0 : isObj(raw) && Object.keys(raw).length > 0);
/** A native columns form dlt merges (`isinstance(columns, (list, dict))`): not Python (a pydantic model). */
const native = (raw: unknown): boolean => Array.isArray(raw) || (isObj(raw) && !isPython(raw));
/** Whether dlt merges a resource's `columns` into the defaults' (`_merge_resource_endpoints`): both given, both native. */
const mergesColumns = (defaults: unknown, own: unknown): boolean => given(defaults) && given(own) && native(defaults) && native(own);

/**
 * `resource_defaults.columns` as every resource ends up with them. dlt merges a resource's own columns into a
 * shallow copy of the defaults' (`merge_columns(copy(default_columns), columns)`), and `merge_column` updates the
 * default's column dict in place: each resource that gives a column the defaults name updates it for every
 * resource, earlier ones included (their merged columns hold the same dict), in config order. Checked with dlt 1.26.0:
 * defaults `score: text`, a resource `score: bigint` and one without columns both load `score` as bigint.
 */
export function sharedDefaultColumns(defaultsColumns: unknown, resources: readonly unknown[]): ColumnHint[] {
  const defaults = columnList(defaultsColumns);
  const byName = new Map(defaults.map((c) => [c.name, c]));
  for (const r of resources) {
    if (!isObj(r) || !mergesColumns(defaultsColumns, r.columns)) continue;
    for (const c of columnList(r.columns)) {
      const d = byName.get(c.name);
      if (d) byName.set(c.name, { ...d, ...c });
    }
  }
  return [...byName.values()];
}

/**
 * `defaults` and `resource` are the dicts of `resource_defaults` and the resource entry; `defaultColumns`
 * is `sharedDefaultColumns(defaults.columns, resources)`, worked out once and shared by every resource. The
 * columns stay two layers (`ColumnLayers`): merging them per resource would cost the defaults' columns times the
 * resources on every keystroke (the engine merges them once per run, for `resource_start`).
 */
export function tableHints(name: string, defaults: Obj | null, resource: Obj | null, defaultColumns: ColumnHint[]): ResolvedTableHints {
  const get = (key: string): unknown => pick(resource, defaults, key).value;
  const tableName = get("table_name");
  const nesting = get("max_table_nesting");
  const wd = get("write_disposition");
  const columns = columnLayers(defaults?.columns, resource, defaultColumns);
  const { strategy } = dispositionOf(wd);
  return {
    table_name: typeof tableName === "string" && tableName !== "" ? tableName : name,
    max_table_nesting: typeof nesting === "number" ? nesting : null,
    merge_key: keyList(get("merge_key")),
    merge_strategy: strategy,
    ...(strategy === "scd2" && isObj(wd) ? { scd2: scd2Hints(wd) } : {}),
    columns,
    ...contractOf(get("schema_contract")),
  };
}

const isMode = (v: unknown): boolean => SchemaContractMode.safeParse(v).success;

/** `schema_contract` as written, when it is a mode or a dict of valid modes (the schema reports the rest). */
export function contractOf(raw: unknown): { schema_contract?: ContractSetting } {
  if (isMode(raw)) return { schema_contract: raw as ContractSetting };
  if (!isObj(raw) || isPython(raw)) return {};
  const entries = Object.entries(raw).filter(([k]) => k === "tables" || k === "columns" || k === "data_type");
  return entries.every(([, v]) => isMode(v)) ? { schema_contract: Object.fromEntries(entries) as ContractSetting } : {};
}

const timestampOf = (v: unknown): string | number | null => (typeof v === "string" || typeof v === "number" ? v : null);

/** The scd2 settings of a dict `write_disposition` (`_merge_merge_disposition_dict` in `dlt/extract/hints.py`). */
export function scd2Hints(wd: Obj): Scd2Hints {
  const names = wd.validity_column_names;
  return {
    validity_column_names:
      Array.isArray(names) && names.length === 2 && names.every((n) => typeof n === "string")
        ? [names[0] as string, names[1] as string]
        : null,
    active_record_timestamp: timestampOf(wd.active_record_timestamp),
    boundary_timestamp: timestampOf(wd.boundary_timestamp),
    row_version_column_name: typeof wd.row_version_column_name === "string" ? wd.row_version_column_name : null,
  };
}

/**
 * One resource entry, resolved (dlt-rest-api.md §4): a string is `{name, endpoint: {path: name}}`;
 * resource-level keys merge with `resource_defaults` shallowly (the resource wins, `null` too);
 * the endpoint as in ./endpoint.ts. Python values are left out, and their config paths listed in the
 * order the playground reports them (resource keys, auth, paginator, session, params, bodies, …).
 */
import type { ColumnHint, ResolvedResource } from "../resolved";
import type { Path } from "../located";
import type { Parents } from "../rules/placeholders";
import { isUnreadPython, type RuleContext } from "../rules/context";
import type { DefaultsPlan } from "./defaults";
import { resolveEndpoint, type ClientPlan } from "./endpoint";
import { dispositionOf, tableHints } from "./table-hints";
import { nestedHints } from "./nested-hints";
import { compiledSteps, stepsAt } from "./steps";
import { isObj, hasMarker, keyList, pick, strip, stringList, type Obj } from "./values";
import { textDateTime } from "../../shared/datetime";

export interface ResourceFacts {
  readonly resource: ResolvedResource;
  readonly at: Path;
  /** The parents its placeholders and resolve params name, and where. */
  readonly parents: Parents;
  /** `include_from_parent` of the merged resource, and where it is written. */
  readonly include: { readonly value: unknown; readonly at: Path } | null;
}

const describe = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));

/**
 * What dlt finds in a dict `write_disposition` when it builds the resource (`validate_write_disposition_hint`,
 * `_merge_merge_disposition_dict` in `dlt/extract/hints.py`) or loads it (`verify_schema_merge_disposition`).
 */
/** `primaryKey`: "unread" when it is Python restplay left out (dlt evaluates it). */
function checkMergeDisposition(ctx: RuleContext, wd: Obj, at: Path, primaryKey: string[] | null | "unread", name: string): void {
  if (wd.disposition !== "merge") return;
  if (wd.strategy === "scd2") {
    for (const key of ["active_record_timestamp", "boundary_timestamp"]) {
      const v = wd[key];
      if (v === undefined || v === null || hasMarker(v)) continue;
      if (typeof v === "number" || (typeof v === "string" && textDateTime(v) !== null)) continue;
      ctx.add({
        at: [...at, key],
        severity: "error",
        code: "scd2_timestamp",
        range: ctx.loc.value([...at, key]),
        message:
          `could not parse \`${key}\` value \`${describe(v)}\` — dlt fails when it builds the resource. ` +
          "Give a date or date-time (`9999-12-31`, `2024-06-01T00:00:00Z`) or seconds since the epoch.",
      });
    }
    const names = wd.validity_column_names;
    if (Array.isArray(names) && names.length !== 2)
      ctx.add({
        at: [...at, "validity_column_names"],
        severity: "error",
        code: "scd2_validity_columns",
        range: ctx.loc.value([...at, "validity_column_names"]),
        message:
          (names.length < 2 ? `not enough values to unpack (expected 2, got ${names.length})` : "too many values to unpack (expected 2)") +
          " — dlt fails when it builds the resource: name the two validity columns, valid from and valid to.",
      });
  }
  const keyless = primaryKey !== "unread" && (primaryKey === null || primaryKey.length === 0);
  if ((wd.strategy === "upsert" || wd.strategy === "insert-only") && keyless)
    ctx.add({
      at: [...at, "strategy"],
      severity: "warning",
      code: "merge_strategy_without_key",
      range: ctx.loc.value([...at, "strategy"]),
      message:
        `No primary key defined for table \`${name}\`. \`primary_key\` needs to be set when using the \`${wd.strategy}\` merge strategy ` +
        "— dlt's load step fails (the source builds and extracts). Set `primary_key` on the resource.",
    });
}

export function resolveResource(
  ctx: RuleContext,
  plan: DefaultsPlan,
  client: ClientPlan,
  defaultColumns: ColumnHint[],
  entry: unknown,
  index: number,
  name: string,
): ResourceFacts {
  const at: Path = ["resources", index];
  const own: Obj = isObj(entry) ? entry : {};
  const defaults = plan.resource;
  const python: string[] = [];
  // dlt's `{**defaults, **resource}`: the defaults' keys in order (replaced in place), then the resource's new ones.
  const keys = new Set([...Object.keys(defaults ?? {}), ...Object.keys(own)]);
  for (const key of keys) {
    if (key === "endpoint" || key === "name") continue;
    python.push(...(Object.hasOwn(own, key) ? strip(own[key], key).python : plan.resourceValue(key).python));
  }
  const { endpoint, bindings, python: endpointPython } = resolveEndpoint(ctx, plan, client, entry, at, name);
  python.push(...endpointPython);
  const get = (key: string): unknown => pick(own, defaults, key).value;
  const include = pick(own, defaults, "include_from_parent");
  const wd = get("write_disposition");
  const nestedAt = pick(own, defaults, "nested_hints").fromDefaults ? ["resource_defaults", "nested_hints"] : [...at, "nested_hints"];
  const { disposition, strategy } = dispositionOf(wd);
  const rootWd = disposition ?? "append";
  const hints = tableHints(name, defaults, isObj(entry) ? entry : null, defaultColumns);
  // Where a resource key is written (the resource's own, Python left out included, else the defaults'), and whether it is such Python.
  const writtenAt = (key: string): Path => (ctx.loc.node([...at, key]) ? [...at, key] : ["resource_defaults", key]);
  const unread = (key: string) => isUnreadPython(ctx, writtenAt(key));
  const wdUnread = unread("write_disposition") || isUnreadPython(ctx, [...writtenAt("write_disposition"), "disposition"]);
  const nested = nestedHints(ctx, get("nested_hints"), nestedAt, {
    table: hints.table_name,
    disposition: rootWd,
    strategy,
    unread: [...(unread("table_name") ? ["table" as const] : []), ...(wdUnread ? ["disposition" as const] : [])],
  });
  const table = { ...hints, ...(nested.length > 0 ? { nested_hints: nested } : {}) };
  const wdWhere = pick(own, defaults, "write_disposition").fromDefaults
    ? ["resource_defaults", "write_disposition"]
    : [...at, "write_disposition"];
  if (isObj(wd) && !hasMarker(wd))
    checkMergeDisposition(ctx, wd, wdWhere, unread("primary_key") ? "unread" : keyList(get("primary_key")), table.table_name);
  const written = stepsAt(own, defaults, at);
  const compiled = written ? compiledSteps(ctx, written) : null;
  const steps = compiled?.ok ? compiled.steps : [];
  const resource: ResolvedResource = {
    name,
    index,
    endpoint,
    parent: null,
    include_from_parent: stringList(include.value) ?? [],
    primary_key: keyList(get("primary_key")),
    write_disposition: rootWd,
    table,
    selected: get("selected") !== false,
    parallelized: get("parallelized") === true,
    python: [...new Set(python)].filter((p) => !steps.some((s) => s.at === p)),
    steps,
  };
  return {
    resource,
    at,
    parents: bindings.parents,
    include: include.present
      ? { value: include.value, at: include.fromDefaults ? ["resource_defaults", "include_from_parent"] : [...at, "include_from_parent"] }
      : null,
  };
}

/**
 * `None` where dlt's TypedDicts type a key `Optional[...]` and `None` is what the key defaults to: dlt
 * takes the config (its validation accepts None) and runs it as if the key were left out (probed: a
 * docs table says "`has_more_path` … Defaults to `None`"). Such keys are left out before the schema
 * sees them, silently: nothing to fix. Keys where `None` means something else (`stop_after_empty_page`:
 * false, `total_path`: no total, `offset`: a run-time TypeError) stay, and the schema says so.
 */
import type { PlainValue } from "../formats";
import { endpointsOf, paginatorsOf } from "./rules/dlt-endpoints";
import { isObj, type Obj } from "./rules/context";

/** Paginator keys whose constructor default is None (paginators.py, dlt 1.26.0). */
const PAGINATOR: readonly string[] = ["has_more_path", "maximum_page", "maximum_offset", "maximum_value", "page"];
/** Incremental keys dlt pops or passes to `Incremental(...)` with None as its default. */
const INCREMENTAL: readonly string[] = [
  "start_param",
  "end_param",
  "convert",
  "row_order",
  "lag",
  "primary_key",
  "allow_external_schedulers",
];
/** Resource keys (`EndpointResource`) and client keys (`ClientConfig`) that are `Optional` with no value meaning none. */
const RESOURCE: readonly string[] = ["nested_hints", "references"];
const CLIENT: readonly string[] = ["session"];

/** The objects of `value` that may hold such keys, each with its keys. */
function holders(value: PlainValue): [Obj, readonly string[]][] {
  const out: [Obj, readonly string[]][] = [];
  if (isObj(value)) {
    if (isObj(value.client)) out.push([value.client, CLIENT]);
    if (isObj(value.resource_defaults)) out.push([value.resource_defaults, RESOURCE]);
    if (Array.isArray(value.resources)) for (const r of value.resources) if (isObj(r)) out.push([r, RESOURCE]);
  }
  for (const { paginator } of paginatorsOf(value)) out.push([paginator, PAGINATOR]);
  for (const { endpoint } of endpointsOf(value)) if (isObj(endpoint.incremental)) out.push([endpoint.incremental, INCREMENTAL]);
  return out;
}

const isNone = (o: Obj, k: string) => Object.hasOwn(o, k) && o[k] === null;

/** `value` without those keys (a copy when there are any: the caller's value is shown and exported as written). */
export function withoutDefaultNones(value: PlainValue): PlainValue {
  if (!holders(value).some(([o, keys]) => keys.some((k) => isNone(o, k)))) return value;
  const copy = JSON.parse(JSON.stringify(value)) as PlainValue;
  for (const [o, keys] of holders(copy)) for (const k of keys) if (isNone(o, k)) delete o[k];
  return copy;
}
